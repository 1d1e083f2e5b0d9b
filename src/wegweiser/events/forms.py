from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.events.constants import ActionItemStatus, EventType
from wegweiser.events.models import ActionItem, AgendaSlot, Event, EventSeries
from wegweiser.events.services import (
    EVENT_EDITABLE_FIELDS,
    SERIES_EDITABLE_FIELDS,
    SLOT_EDITABLE_FIELDS,
)
from wegweiser.network.models import Network, Organisation

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("When"),
        required=False,
        choices=[("upcoming", _("Upcoming")), ("past", _("Past")), ("all", _("All"))],
    )
    event_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *EventType.choices]
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)


class NetworkChoiceMixin:
    fields: dict[str, Any]

    def _limit_networks(self, networks: QuerySet[Network]) -> None:
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = networks


class EventForm(NetworkChoiceMixin, forms.ModelForm[Event]):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())

    class Meta:
        model = Event
        fields = ("network", *EVENT_EDITABLE_FIELDS)
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_deadline": DATETIME_WIDGET,
        }

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_networks(networks)
        if self.instance.pk:
            del self.fields["network"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        if data.get("format") in ("on_site", "hybrid") and not data.get("plz"):
            self.add_error("plz", _("An event on site needs the postcode of its venue."))
        return data


class SeriesForm(NetworkChoiceMixin, forms.ModelForm[EventSeries]):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    first_starts_at = forms.DateTimeField(
        label=_("First event"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Creates the first event of the series."),
    )

    class Meta:
        model = EventSeries
        fields = ("network", *SERIES_EDITABLE_FIELDS)

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_networks(networks)


class SeriesEditForm(forms.ModelForm[EventSeries]):
    """A series' settings after creation (its network stays)."""

    class Meta:
        model = EventSeries
        fields = SERIES_EDITABLE_FIELDS


class SeriesHostForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Member organisation"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations


class SeriesEventForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        required=False,
        widget=DATETIME_WIDGET,
        help_text=_("Leave empty for the next date of the recurrence."),
    )
    meeting_url = forms.URLField(label=_("Meeting link"), required=False)
    plz = forms.CharField(label=_("Postcode"), required=False, max_length=5)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    venue = forms.CharField(label=_("Venue"), required=False, max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=1)


class RegistrationForm(forms.Form):
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example step-free access, sign language or a hearing loop."),
    )
    dietary_wishes = forms.CharField(label=_("Dietary wishes"), required=False, max_length=500)
    language = forms.ChoiceField(
        label=_("Preferred language at the event"),
        required=False,
        choices=[("", _("No preference")), *settings.LANGUAGES],
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not event.ask_accessibility:
            del self.fields["accessibility_needs"]
        if not event.ask_dietary:
            del self.fields["dietary_wishes"]
        if not event.ask_language:
            del self.fields["language"]


class AgendaSlotForm(forms.ModelForm[AgendaSlot]):
    class Meta:
        model = AgendaSlot
        fields = SLOT_EDITABLE_FIELDS
        widgets = {"starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["speaker_organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "practice_report" and not data.get("speaker_organisation"):
            self.add_error(
                "speaker_organisation",
                _("A report from practice needs the member organisation presenting."),
            )
        return data


class HostAssignForm(SeriesHostForm):
    pass


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"), max_length=50000, widget=forms.Textarea(attrs={"rows": 12})
    )


class ActionItemProgressForm(forms.ModelForm[ActionItem]):
    """What the owner of an action item reports."""

    class Meta:
        model = ActionItem
        fields = ("status", "progress")


class ActionItemForm(forms.ModelForm[ActionItem]):
    class Meta:
        model = ActionItem
        fields = (
            "title",
            "description",
            "owner_user",
            "owner_organisation",
            "due_on",
            "status",
            "progress",
            "plan",
        )
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        people: QuerySet[Any],
        plans: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("owner_organisation", organisations),
            ("owner_user", people),
            ("plan", plans),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset
        status = self.fields["status"]
        assert isinstance(status, forms.ChoiceField)
        status.choices = ActionItemStatus.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("owner_user") and not data.get("owner_organisation"):
            self.add_error(None, _("Name the person or the organisation responsible."))
        progress = data.get("progress")
        if progress is not None and progress > 100:
            self.add_error("progress", _("Progress is at most 100 %."))
        return data


class PlanForm(NetworkChoiceMixin, forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit_networks(networks)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The plan must end after it starts."))
        return data
