"""--observed: a bad record is refused in one line naming the file, the row and the column
(exit 2, before anything runs); a good one is set against the simulated band."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MMC = Path(__file__).resolve().parents[2] / "scenarios" / "validation" / "mmc.yaml"
HEADER = "date,cumulative_activations,source\n"

BAD = {
    "no rows": (HEADER, ":", "no observations"),
    "missing column": ("date,source\n2023-01-10,x\n", ":1: cumulative_activations:", "missing"),
    "duplicate column": (
        "date,cumulative_activations,date\n2023-01-10,5,2023-01-10\n",
        ":1: date:",
        "twice",
    ),
    "unknown column": (
        "date,cumulative_activations,loket_x\n2023-01-10,5,1\n",
        ":1: loket_x:",
        "unknown column",
    ),
    "impossible date": (HEADER + "2023-02-30,5,x\n", ":2: date:", "not a date"),
    "not a date": (HEADER + "kemarin,5,x\n", ":2: date:", "not a date"),
    "before the period": (HEADER + "2022-12-31,5,x\n", ":2: date:", "outside the scenario"),
    "after the period": (HEADER + "2023-03-03,5,x\n", ":2: date:", "outside the scenario"),
    "out of order": (
        HEADER + "2023-01-20,5,x\n2023-01-10,9,y\n",
        ":3: date:",
        "dates must go forward",
    ),
    "same date twice": (HEADER + "2023-01-20,5,x\n2023-01-20,9,y\n", ":3: date:", "forward"),
    "decreasing": (
        HEADER + "2023-01-10,50,x\n2023-01-20,40,y\n",
        ":3: cumulative_activations:",
        "cannot fall",
    ),
    "not a number": (HEADER + "2023-01-10,lima,x\n", ":2: cumulative_activations:", "whole"),
    "negative": (HEADER + "2023-01-10,-5,x\n", ":2: cumulative_activations:", "whole"),
    "fraction": (HEADER + "2023-01-10,5.5,x\n", ":2: cumulative_activations:", "whole"),
    "short row": (HEADER + "2023-01-10,5\n", ":2:", "2 cells"),
    "per channel falls": (
        "date,cumulative_activations,main_office\n2023-01-10,5,5\n2023-01-11,6,4\n",
        ":3: main_office:",
        "cannot fall",
    ),
}


@pytest.mark.parametrize("case", BAD, ids=list(BAD))
def test_a_bad_record_is_refused_in_one_line(case, cli, tmp_path):
    text, where, says = BAD[case]
    record = tmp_path / "observed.csv"
    record.write_text(text, encoding="utf-8")
    result = cli(MMC, "--observed", record)
    assert result.status == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert f"{record}{where}" in lines[0] and says in lines[0]
    assert not (tmp_path / "out" / "summary.json").exists()  # refused before the run


def test_unreadable_and_not_utf8_records(cli, tmp_path):
    missing = cli(MMC, "--observed", tmp_path / "none.csv")
    assert missing.status == 2 and "none.csv: cannot read file" in missing.stderr
    latin = tmp_path / "latin.csv"
    latin.write_bytes(HEADER.encode() + "2023-01-10,5,Dinas Kependudukan \xe9\n".encode("latin-1"))
    assert cli(MMC, "--observed", latin).status == 2


def test_a_good_record_is_set_against_the_band(cli, tmp_path):
    """The M/M/c case runs round the clock at 200 a day: the day before the period is the
    starting count exactly; a far-off count lies outside the band."""
    record = tmp_path / "observed.csv"
    record.write_text(
        "date,cumulative_activations,source,main_office\n"
        "2023-01-01,0,start,0\n"
        '2023-01-31,1,"=HYPERLINK(""x"")",1\n',
        encoding="utf-8",
    )
    result = cli(MMC, "--observed", record)
    assert result.status == 0, result.stderr
    fit = json.loads((tmp_path / "out" / "observed.json").read_text(encoding="utf-8"))
    first, last = fit["observations"]
    assert first["simulated_mean"] == first["p10"] == first["p90"] == 0 and first["inside_p10_p90"]
    assert last["p10"] > 1 and not last["inside_p10_p90"]
    assert fit["inside_p10_p90"] == 1
    assert "1 of 2 dates inside the P10-P90 band" in result.stdout
