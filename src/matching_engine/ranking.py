"""Stable top-k selection: higher score first, equal scores by ascending tie-break key."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["top_k_stable"]


def top_k_stable(
    scores: npt.NDArray[np.float32],
    tie_break: npt.NDArray[np.integer],
    k: int | None,
) -> npt.NDArray[np.intp]:
    """Positions of the ``k`` best scores, best first; ties ordered by ascending ``tie_break``.

    The result depends only on the multiset of ``(score, tie_break)`` pairs, never on the order
    of the inputs, provided the tie-break keys are unique. ``k=None`` ranks everything.
    Runs in O(n + k log k): a partition finds the k-th best score, then only the selected
    positions are sorted.
    """
    n = int(scores.size)
    if k is not None and k <= 0:
        return np.zeros(0, dtype=np.intp)
    if k is None or k >= n:
        selected = np.arange(n, dtype=np.intp)
    else:
        threshold = np.partition(scores, n - k)[n - k]
        above = np.flatnonzero(scores > threshold)
        equal = np.flatnonzero(scores == threshold)
        needed = k - above.size
        if equal.size > needed:
            equal = equal[np.argsort(tie_break[equal], kind="stable")[:needed]]
        selected = np.concatenate((above, equal)).astype(np.intp)
    order = np.lexsort((tie_break[selected], -scores[selected]))
    ranked: npt.NDArray[np.intp] = selected[order]
    return ranked
