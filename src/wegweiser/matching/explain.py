"""The engine's reason and suggestion codes as translated sentences.

The engine emits stable codes with parameters (see `matching_engine.ReasonCode` and
`SuggestionCode`); only this module turns them into words, in the language of the request.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from matching_engine import ParamValue, Reason, ReasonCode, Suggestion, SuggestionCode

FACTOR_LABELS: dict[str, Promise] = {
    "occupation": gettext_lazy("Occupation"),
    "german": gettext_lazy("German"),
    "distance": gettext_lazy("Distance"),
    "working_time": gettext_lazy("Working time"),
    "start_date": gettext_lazy("Start date"),
    "shifts": gettext_lazy("Shifts"),
    "offer_type": gettext_lazy("Type of offer"),
    "permission": gettext_lazy("Work permission"),
}

REQUIREMENT_LABELS: dict[str, Promise] = {
    "helper": gettext_lazy("helper"),
    "skilled": gettext_lazy("skilled worker"),
    "specialist": gettext_lazy("specialist"),
    "expert": gettext_lazy("expert"),
}

WORKING_TIME_LABELS: dict[str, Promise] = {
    "full": gettext_lazy("full time"),
    "part": gettext_lazy("part time"),
    "both": gettext_lazy("full or part time"),
}


def _german(level: ParamValue) -> str:
    return _("no German") if level == "none" else str(level)


def _number(value: ParamValue) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _names(value: ParamValue) -> str:
    return ", ".join(value) if isinstance(value, tuple) else str(value)


def _requirement_gap(p: Mapping[str, ParamValue]) -> str:
    return _("Requirement level: %(offer)s asked, %(wanted)s wanted.") % {
        "offer": REQUIREMENT_LABELS.get(str(p["offer"]), str(p["offer"])),
        "wanted": REQUIREMENT_LABELS.get(str(p["wanted"]), str(p["wanted"])),
    }


def _german_below(p: Mapping[str, ParamValue]) -> str:
    return _("%(have)s where %(need)s is asked.") % {
        "have": _german(p["have"]),
        "need": _german(p["need"]),
    }


def _start_late(p: Mapping[str, ParamValue]) -> str:
    days = int(p["days"])  # type: ignore[arg-type]
    return ngettext(
        "Can start only %(days)s day after the offer's start.",
        "Can start only %(days)s days after the offer's start.",
        days,
    ) % {"days": days}


def _wt(p: Mapping[str, ParamValue]) -> dict[str, str]:
    return {
        "offer": str(WORKING_TIME_LABELS.get(str(p["offer"]), str(p["offer"]))),
        "available": str(WORKING_TIME_LABELS.get(str(p["available"]), str(p["available"]))),
    }


SENTENCES: dict[ReasonCode, Callable[[Mapping[str, ParamValue]], str]] = {
    ReasonCode.OCCUPATION_EXACT: lambda p: _("Exactly the occupation asked for."),
    ReasonCode.OCCUPATION_SAME_SUBGROUP: lambda p: _("Same occupation, another requirement level."),
    ReasonCode.OCCUPATION_SAME_GROUP: lambda p: (
        _("Same occupation group (%(group)s).") % {"group": p["group"]}
    ),
    ReasonCode.OCCUPATION_SAME_MAIN_GROUP: lambda p: (
        _("Same occupational main group (%(group)s).") % {"group": p["group"]}
    ),
    ReasonCode.OCCUPATION_SAME_AREA: lambda p: (
        _("Same occupational area (%(group)s).") % {"group": p["group"]}
    ),
    ReasonCode.OCCUPATION_UNRELATED: lambda p: _("Another occupation."),
    ReasonCode.REQUIREMENT_LEVEL_GAP: _requirement_gap,
    ReasonCode.GERMAN_NOT_REQUIRED: lambda p: _("No German required."),
    ReasonCode.GERMAN_MEETS_MINIMUM: lambda p: (
        _("German %(have)s meets the %(need)s asked for.")
        % {"have": _german(p["have"]), "need": _german(p["need"])}
    ),
    ReasonCode.GERMAN_BELOW_MINIMUM: _german_below,
    ReasonCode.DISTANCE_KM: lambda p: _("%(km)s km") % {"km": _number(p["km"])},
    ReasonCode.DISTANCE_BEYOND_RADIUS: lambda p: (
        _("%(km)s km, beyond the radius of %(radius)s km.")
        % {"km": _number(p["km"]), "radius": _number(p["radius_km"])}
    ),
    ReasonCode.WORKING_TIME_FITS: lambda p: (
        _("Working time fits (%(offer)s; available %(available)s).") % _wt(p)
    ),
    ReasonCode.WORKING_TIME_MISMATCH: lambda p: (
        _("Working time does not fit: %(offer)s offered, available %(available)s.") % _wt(p)
    ),
    ReasonCode.START_DATE_FITS: lambda p: _("Can start in time."),
    ReasonCode.START_DATE_LATE: _start_late,
    ReasonCode.SHIFTS_CONFLICT_CHILDCARE: lambda p: _(
        "The offer includes shifts, which childcare rules out."
    ),
    ReasonCode.OFFER_TYPE_WANTED: lambda p: _("A kind of offer the candidate looks for."),
    ReasonCode.OFFER_TYPE_NOT_WANTED: lambda p: _("Not the kind of offer the candidate looks for."),
    ReasonCode.LICENCES_HELD: lambda p: (
        _("Has the licences asked for (%(licences)s).") % {"licences": _names(p["licences"])}
    ),
    ReasonCode.LICENCE_MISSING: lambda p: (
        _("Licence missing: %(missing)s.") % {"missing": _names(p["missing"])}
    ),
    ReasonCode.PERMISSION_NEEDED: lambda p: _(
        "Work permission needs approval by the immigration office."
    ),
    ReasonCode.WORK_NOT_ALLOWED: lambda p: _("Not allowed to work."),
}


def reason_sentence(reason: Reason) -> str:
    """One reason as a sentence in the active language."""
    render = SENTENCES.get(reason.code)
    if render is None:  # a code added to the engine later: show it rather than fail
        return str(reason.code)
    return render(reason.params)


def suggestion_sentence(suggestion: Suggestion) -> str:
    """A "what would help" suggestion as a sentence in the active language."""
    count = suggestion.additional
    p = suggestion.params
    if suggestion.code == SuggestionCode.GERMAN_LEVEL:
        message = ngettext(
            "With German %(level)s, %(count)s more offer would fit.",
            "With German %(level)s, %(count)s more offers would fit.",
            count,
        )
        return message % {"level": p["level"], "count": count}
    if suggestion.code == SuggestionCode.LICENCE:
        message = ngettext(
            "With licence %(licence)s, %(count)s more offer would fit.",
            "With licence %(licence)s, %(count)s more offers would fit.",
            count,
        )
        return message % {"licence": p["licence"], "count": count}
    if suggestion.code == SuggestionCode.RADIUS:
        message = ngettext(
            "Within %(radius)s km (%(extra)s km more), %(count)s more offer would fit.",
            "Within %(radius)s km (%(extra)s km more), %(count)s more offers would fit.",
            count,
        )
        return message % {
            "radius": _number(p["radius_km"]),
            "extra": _number(p["extra_km"]),
            "count": count,
        }
    if suggestion.code == SuggestionCode.WORK_PERMISSION:
        message = ngettext(
            "With a work permission, %(count)s offer would fit.",
            "With a work permission, %(count)s offers would fit.",
            count,
        )
        return message % {"count": count}
    return f"{suggestion.code}: +{count}"  # type: ignore[unreachable]


def factor_label(name: str) -> str:
    label = FACTOR_LABELS.get(name)
    return str(label) if label is not None else name


def offer_help_german(level: str, count: int) -> str:
    """For an employer: how many more candidates would fit with a lower German minimum."""
    return ngettext(
        "If German %(level)s were enough, %(count)d more candidate would fit.",
        "If German %(level)s were enough, %(count)d more candidates would fit.",
        count,
    ) % {"level": _german(level or "none"), "count": count}


def offer_help_licences(count: int) -> str:
    return ngettext(
        "Without the required licences, %(count)d more candidate would fit.",
        "Without the required licences, %(count)d more candidates would fit.",
        count,
    ) % {"count": count}
