"""Score factors for candidate/offer pairs, written once for both matching directions.

Every function here is elementwise over NumPy-broadcastable arguments and uses only correctly
rounded ``float32`` arithmetic (add, subtract, multiply, divide, square root, min/max), so a pair
gets bit-identical contributions whether it is scored from the candidate's side, from the offer's
side, or through a lookup table built from the same function.

A contribution is ``weight * value`` with ``value`` in ``[0, 1]``, except the work-permission
factor, which is ``-weights.permission_penalty`` or ``0``. The total is the ``float32`` sum of the
contributions in the order of :data:`FACTORS`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, fields

import numpy as np
import numpy.typing as npt

from matching_engine.vocabulary import WorkPermission

__all__ = [
    "FACTORS",
    "Weights",
    "distance_contribution",
    "german_contribution",
    "licences_missing",
    "occupation_contribution",
    "occupation_match",
    "occupation_similarity_table",
    "offer_type_contribution",
    "permission_contribution",
    "shifts_contribution",
    "start_date_contribution",
    "within_radius",
    "working_time_contribution",
]

FACTORS: tuple[str, ...] = (
    "german",
    "working_time",
    "shifts",
    "offer_type",
    "occupation",
    "distance",
    "start_date",
    "permission",
)
"""Factor names, in the order in which contributions are summed into the total."""

F32 = npt.NDArray[np.float32]
Ints = npt.NDArray[np.integer]
Bools = npt.NDArray[np.bool_]

_MIN_RADIUS_KM = np.float32(1e-6)


@dataclass(frozen=True, slots=True)
class Weights:
    """Weights of the soft factors and the shape of their value curves.

    Attributes:
        occupation: Weight of occupation similarity through the KldB hierarchy.
        german: Weight of German level (full when at or above the offer's minimum).
        distance: Weight of closeness (``1 - distance / radius``).
        working_time: Weight of working-time fit (full/part time).
        start_date: Weight of start-date fit.
        shifts: Weight of shift compatibility (lost when the offer has shifts and the candidate
            cannot work shifts because of childcare).
        offer_type: Weight of the offer type being one the candidate asked for.
        permission_penalty: Subtracted when the candidate's work needs permission.
        same_subgroup: Similarity for the same 4-digit Berufsuntergruppe (5-digit match is 1).
        same_group: Similarity for the same 3-digit Berufsgruppe.
        same_main_group: Similarity for the same 2-digit Berufshauptgruppe.
        same_area: Similarity for the same 1-digit Berufsbereich.
        requirement_level_step: Similarity lost per requirement level of difference.
        german_level_step: German value lost per CEFR level below the minimum.
        start_horizon_days: Days of delay after which the start-date value reaches 0.
    """

    occupation: float = 4.0
    german: float = 2.0
    distance: float = 1.5
    working_time: float = 1.0
    start_date: float = 0.5
    shifts: float = 0.5
    offer_type: float = 0.5
    permission_penalty: float = 1.0
    same_subgroup: float = 0.8
    same_group: float = 0.6
    same_main_group: float = 0.35
    same_area: float = 0.15
    requirement_level_step: float = 0.1
    german_level_step: float = 0.25
    start_horizon_days: float = 90.0

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not (isinstance(value, int | float) and np.isfinite(value) and value >= 0):
                raise ValueError(f"Weights.{item.name} must be a finite number >= 0, got {value!r}")
        ladder = (1.0, self.same_subgroup, self.same_group, self.same_main_group, self.same_area)
        if any(a < b for a, b in itertools.pairwise(ladder)):
            raise ValueError("occupation similarities must not increase down the KldB hierarchy")
        if self.start_horizon_days <= 0:
            raise ValueError("start_horizon_days must be positive")

    def similarity_ladder(self) -> F32:
        """Similarity by number of shared leading digits (index 0..5) as ``float32``."""
        return np.array(
            [
                0.0,
                self.same_area,
                self.same_main_group,
                self.same_group,
                self.same_subgroup,
                1.0,
            ],
            dtype=np.float32,
        )


def _f32(value: float) -> np.float32:
    return np.float32(value)


def german_contribution(have: Ints, need: Ints, weights: Weights) -> F32:
    """German: full at or above the minimum, minus ``german_level_step`` per level below."""
    gap = np.asarray(need, dtype=np.int16) - np.asarray(have, dtype=np.int16)
    short = np.maximum(gap, 0).astype(np.float32)
    value = np.maximum(np.float32(1.0) - short * _f32(weights.german_level_step), np.float32(0.0))
    contribution: F32 = _f32(weights.german) * value
    return contribution


def working_time_contribution(available: Ints, offered: Ints, weights: Weights) -> F32:
    """Working time: full when the candidate's availability covers the offer's working time."""
    fits = (np.asarray(available) & np.asarray(offered)) != 0
    return np.where(fits, _f32(weights.working_time), np.float32(0.0)).astype(np.float32)


def shifts_contribution(no_shifts: Bools, shifts: Bools, weights: Weights) -> F32:
    """Shifts: lost when the offer has shifts and the candidate cannot work shifts."""
    conflict = np.asarray(no_shifts, dtype=np.bool_) & np.asarray(shifts, dtype=np.bool_)
    return np.where(conflict, np.float32(0.0), _f32(weights.shifts)).astype(np.float32)


def offer_type_contribution(wanted_mask: Ints, offer_type: Ints, weights: Weights) -> F32:
    """Offer type: full when the candidate wants any type (mask 0) or this one."""
    mask = np.asarray(wanted_mask, dtype=np.int32)
    wanted = (mask == 0) | (((mask >> np.asarray(offer_type, dtype=np.int32)) & 1) != 0)
    return np.where(wanted, _f32(weights.offer_type), np.float32(0.0)).astype(np.float32)


def occupation_match(
    wanted: Ints, offered: Ints, weights: Weights
) -> tuple[F32, npt.NDArray[np.int8], npt.NDArray[np.intp]]:
    """Best similarity of an offered KldB code to any wanted code.

    Args:
        wanted: Wanted codes with a trailing axis of length K; negative entries are padding.
        offered: Offered codes, broadcastable against ``wanted[..., 0]``.
        weights: Similarity ladder and requirement-level step.

    Returns:
        ``(similarity, shared_digits, best)``: the similarity in ``[0, 1]``; the number of leading
        digits the best wanted code shares with the offered one (0..5); and the index of that
        wanted code along K (the first on ties; 0 when there are no wanted codes).
    """
    want = np.asarray(wanted, dtype=np.int32)
    offer = np.asarray(offered, dtype=np.int32)[..., np.newaxis]
    shared = (
        (want // 10_000 == offer // 10_000).astype(np.int8)
        + (want // 1_000 == offer // 1_000)
        + (want // 100 == offer // 100)
        + (want // 10 == offer // 10)
        + (want == offer)
    ).astype(np.int8)
    valid = want >= 0
    shared = np.where(valid, shared, np.int8(0)).astype(np.int8)
    level_gap = np.abs(want % 10 - offer % 10).astype(np.float32)
    base = weights.similarity_ladder()[shared]
    penalised = np.maximum(base - level_gap * _f32(weights.requirement_level_step), np.float32(0))
    similarity = np.where(shared > 0, penalised, np.float32(0.0)).astype(np.float32)
    best = np.argmax(similarity, axis=-1)
    best_similarity = np.take_along_axis(similarity, best[..., np.newaxis], axis=-1)[..., 0]
    best_shared = np.take_along_axis(shared, best[..., np.newaxis], axis=-1)[..., 0]
    return best_similarity.astype(np.float32), best_shared.astype(np.int8), best.astype(np.intp)


def occupation_similarity_table(wanted: Sequence[int], sorted_codes: Ints, weights: Weights) -> F32:
    """Best similarity of each code in ``sorted_codes`` to any of ``wanted`` (fast path).

    Equals ``occupation_match(wanted, sorted_codes)[0]`` bit for bit, but uses the fact that the
    codes sharing a d-digit prefix form one contiguous range of an ascending array: only the
    codes in the same Berufsbereich as a wanted code are touched. Negative codes (padding) on
    either side never match. Similarity is symmetric, so this also serves the reverse direction.
    """
    codes = np.asarray(sorted_codes, dtype=np.int32)
    best = np.zeros(codes.size, dtype=np.float32)
    ladder = weights.similarity_ladder()
    step = _f32(weights.requirement_level_step)
    for code in wanted:
        if code < 0:
            continue
        bounds = []
        for digits in range(1, 6):
            scale = 10 ** (5 - digits)
            prefix = code // scale
            bounds.append(prefix * scale)
            bounds.append((prefix + 1) * scale)
        edges = np.searchsorted(codes, np.array(bounds, dtype=np.int32)).tolist()
        low, high = edges[0], edges[1]
        if low == high:
            continue
        shared = np.ones(high - low, dtype=np.int8)
        for digits in range(2, 6):
            start, stop = edges[2 * digits - 2] - low, edges[2 * digits - 1] - low
            if start == stop:
                break
            shared[start:stop] = digits
        window = codes[low:high]
        level_gap = np.abs(window % 10 - np.int32(code % 10)).astype(np.float32)
        similarity = np.maximum(ladder[shared] - level_gap * step, np.float32(0))
        np.maximum(best[low:high], similarity, out=best[low:high])
    return best


def occupation_contribution(wanted: Ints, offered: Ints, weights: Weights) -> F32:
    """Occupation: ``weights.occupation`` times the best similarity (:func:`occupation_match`)."""
    similarity, _, _ = occupation_match(wanted, offered, weights)
    return _f32(weights.occupation) * similarity


def within_radius(d2_km2: F32, radius_km: F32) -> Bools:
    """Hard constraint: squared distance at most the squared radius (``float32``)."""
    radius = np.asarray(radius_km, dtype=np.float32)
    return np.asarray(d2_km2 <= radius * radius, dtype=np.bool_)


def distance_contribution(d2_km2: F32, radius_km: F32, weights: Weights) -> F32:
    """Distance: ``1 - distance / radius`` (clipped to ``[0, 1]``), so closer is better."""
    distance = np.sqrt(np.asarray(d2_km2, dtype=np.float32))
    radius = np.maximum(np.asarray(radius_km, dtype=np.float32), _MIN_RADIUS_KM)
    value: F32 = (distance / radius).astype(np.float32, copy=False)
    np.subtract(np.float32(1.0), value, out=value)
    np.maximum(value, np.float32(0.0), out=value)
    value *= _f32(weights.distance)
    return value


def start_date_contribution(earliest_start: Ints, offer_start: Ints, weights: Weights) -> F32:
    """Start date: full when the candidate can start by the offer's start, then linear decay."""
    late = np.asarray(earliest_start, dtype=np.int64) - np.asarray(offer_start, dtype=np.int64)
    late_days = np.minimum(np.maximum(late, 0), 1 << 24).astype(np.float32)
    value = np.maximum(
        np.float32(1.0) - late_days / _f32(weights.start_horizon_days), np.float32(0.0)
    )
    contribution: F32 = _f32(weights.start_date) * value
    return contribution


def permission_contribution(permission: Ints, weights: Weights) -> F32:
    """Work permission: ``-permission_penalty`` when work needs permission, else 0."""
    needs = np.asarray(permission) == WorkPermission.NEEDS_PERMISSION
    return np.where(needs, -_f32(weights.permission_penalty), np.float32(0.0)).astype(np.float32)


def licences_missing(have: Ints, need: Ints) -> Ints:
    """Bitmask of required licences the candidate lacks (0 when none are missing)."""
    need_mask = np.asarray(need, dtype=np.int32)
    return need_mask & ~np.asarray(have, dtype=np.int32)
