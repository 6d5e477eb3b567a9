"""An office's observed record: dates with cumulative activations, as a dashboard exports them.

    date,cumulative_activations,source
    2023-09-03,26046,https://...

``date`` and ``cumulative_activations`` are required; ``source`` is optional text; any
other column is a channel (``main_office``, ``outreach``, ...) or a site of the scenario,
with its own cumulative count. Dates run from the day before the period starts (the count
the period starts from, at the end of that day) to its last day. Observed counts are data
for checking and calibrating the model, never inputs. A bad file is refused in one line
naming the file, the row and the column (rows count as a spreadsheet shows them: the
header is row 1).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from sim.scenario import CHANNELS, Scenario, ScenarioError

REQUIRED = ("date", "cumulative_activations")
MAX_BYTES = 5_000_000  # an office's record is a few hundred rows


@dataclass(frozen=True)
class Observation:
    date: dt.date
    cumulative: int  # residents activated by the end of the day, the period's start included
    source: str
    by_column: dict[str, int]  # per channel or site, where the file has them


@dataclass(frozen=True)
class ObservedRecord:
    path: str
    observations: tuple[Observation, ...]
    columns: tuple[str, ...]  # the per-channel or per-site columns


def read_observed(path: Path, scenario: Scenario) -> ObservedRecord:
    """The record in ``path``, checked against the scenario's period, channels and sites."""
    rows = list(csv.reader(io.StringIO(_text(path)), strict=True))
    if not rows:
        raise ScenarioError(str(path), "", "observed_empty")
    header = [name.strip() for name in rows[0]]
    extra = _check_header(path, header, scenario)
    observations: list[Observation] = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        where = f"{path}:{number}"
        if len(row) != len(header):
            raise ScenarioError(where, "", "observed_cells", n=len(row), expected=len(header))
        cells = dict(zip(header, (cell.strip() for cell in row), strict=True))
        observation = _observation(where, cells, extra, scenario)
        _check_order(where, observation, observations[-1] if observations else None)
        observations.append(observation)
    if not observations:
        raise ScenarioError(str(path), "", "observed_empty")
    return ObservedRecord(str(path), tuple(observations), tuple(extra))


def _text(path: Path) -> str:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ScenarioError(str(path), "", "cannot_read", reason=exc.strerror) from None
    if len(data) > MAX_BYTES:
        raise ScenarioError(str(path), "", "observed_too_big", limit=MAX_BYTES // 1_000_000)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioError(str(path), "", "not_utf8", byte=exc.start) from None


def _check_header(path: Path, header: list[str], scenario: Scenario) -> list[str]:
    where = f"{path}:1"
    for name in REQUIRED:
        if name not in header:
            raise ScenarioError(where, name, "observed_missing_column")
    known = {*CHANNELS, *(site.name for site in scenario.sites)}
    extra = []
    for name in header:
        if header.count(name) > 1:
            raise ScenarioError(where, name, "observed_duplicate_column")
        if name in (*REQUIRED, "source"):
            continue
        if name not in known:
            raise ScenarioError(where, name, "observed_unknown_column")
        extra.append(name)
    return extra


def _observation(where: str, cells: dict[str, str], extra: list[str], sc: Scenario):
    try:
        day = dt.date.fromisoformat(cells["date"])
    except ValueError:
        raise ScenarioError(where, "date", "observed_date", text=cells["date"]) from None
    first = sc.period.start - dt.timedelta(days=1)  # the count the period starts from
    if not first <= day <= sc.period.end:
        raise ScenarioError(where, "date", "observed_outside", start=first, end=sc.period.end)
    return Observation(
        day,
        _count(where, cells, "cumulative_activations"),
        cells.get("source", ""),
        {name: _count(where, cells, name) for name in extra},
    )


def _count(where: str, cells: dict[str, str], column: str) -> int:
    text = cells[column].replace(",", "").replace("_", "")
    if not text.isdigit():
        raise ScenarioError(where, column, "observed_count", text=cells[column])
    return int(text)


def _check_order(where: str, now: Observation, before: Observation | None) -> None:
    if before is None:
        return
    if now.date <= before.date:
        raise ScenarioError(where, "date", "observed_order", before=before.date)
    for column, value in (("cumulative_activations", now.cumulative), *now.by_column.items()):
        earlier = (
            before.cumulative if column == "cumulative_activations" else (before.by_column[column])
        )
        if value < earlier:
            raise ScenarioError(where, column, "observed_decreasing", before=earlier)
