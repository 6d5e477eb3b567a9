"""Bad input found by fuzzing the loader (issue 12), one regression test per class fixed so
far: impossible dates, a key written twice, non-finite and absurd numbers, true/false as a
number, empty names, and CSV cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sim.report.files import as_text, write_events

MMC = Path(__file__).resolve().parents[2] / "scenarios" / "validation" / "mmc.yaml"
MMC_TEXT = MMC.read_text(encoding="utf-8")


def no_traceback(result) -> None:
    assert result.status == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# --- 1. impossible calendar dates ------------------------------------------------------------


@pytest.mark.parametrize("day", ["2023-02-29", "2023-02-30", "2023-13-01", "0000-01-01"])
def test_an_impossible_date_in_set_is_one_line(cli, scenario_file, day):
    result = cli(scenario_file(), "--set", f"period.end={day}")
    no_traceback(result)
    assert f"--set period.end: {day} is not a date on the calendar" in result.stderr


def test_an_impossible_date_in_the_file_names_its_line(cli, scenario_file):
    text = MMC_TEXT.replace("end: 2023-03-02", "end: 2023-03-32")
    assert text != MMC_TEXT
    path = scenario_file(text=text)
    result = cli(path)
    no_traceback(result)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "2023-03-32" in t)
    assert f"line {line}, column" in result.stderr
    assert "2023-03-32 is not a date on the calendar" in result.stderr


def test_an_impossible_date_in_a_base_file_names_that_file(cli, scenario_file, tmp_path):
    base = scenario_file(text=MMC_TEXT.replace("start: 2023-01-02", "start: 2023-02-29"))
    child = tmp_path / "child.yaml"
    child.write_text(f"base: {base.name}\nname: Kind\n", encoding="utf-8")
    result = cli(child)
    no_traceback(result)
    assert str(base) in result.stderr and "2023-02-29" in result.stderr


def test_the_real_command_line_says_it_in_indonesian(run_sim, scenario_file):
    result = run_sim(scenario_file(), "--set", "period.end=2023-02-29", "--lang", "id")
    no_traceback(result)
    assert "bukan tanggal yang ada di kalender" in result.stderr


# --- 3. a key written twice --------------------------------------------------------------------


def test_a_key_written_twice_is_refused_with_both_lines(cli, scenario_file):
    text = MMC_TEXT.replace("  target_count: 1\n", "  target_count: 1\n  target_count: 5\n")
    assert text != MMC_TEXT
    result = cli(scenario_file(text=text))
    no_traceback(result)
    first = next(i for i, t in enumerate(text.splitlines(), 1) if "target_count: 1" in t)
    assert (
        f"target_count: written twice in one mapping (lines {first} and {first + 1})"
        in result.stderr
    )


def test_a_key_twice_in_a_flow_mapping_on_one_line(cli, scenario_file):
    text = MMC_TEXT.replace(
        "period: {start: 2023-01-02, end: 2023-03-02}",
        "period: {start: 2023-01-02, end: 2023-03-02, end: 2023-03-01}",
    )
    assert text != MMC_TEXT
    no_traceback(cli(scenario_file(text=text)))


def test_a_merge_key_may_be_overridden(cli, scenario_file, tmp_path):
    """YAML's << merge is not a duplicate: a key written after it overrides it."""
    text = MMC_TEXT.replace(
        "period: {start: 2023-01-02, end: 2023-03-02}",
        "base_period: &p {start: 2023-01-02, end: 2023-03-02}\nperiod: {<<: *p, end: 2023-01-06}",
    )
    result = cli(scenario_file(text=text))
    assert "written twice" not in result.stderr  # refused (base_period is unknown), not as twice


# --- 4. non-finite and absurd numbers; 10. booleans as numbers, empty names -------------------


@pytest.mark.parametrize(
    ("key", "value", "phrase"),
    [
        ("sites.0.walk_ins_per_day", ".inf", "must be a finite number"),
        ("sites.0.walk_ins_per_day", ".nan", "must be a finite number"),
        ("sites.0.walk_ins_per_day", "1e22", "must be at most 100000"),
        ("activation.officer_min", "{kind: exponential, mean: 1e300}", "must be at most"),
        ("activation.officer_min", "{kind: exponential, mean: .inf}", "finite"),
        ("residents.email_share", "true", "must be a number, not true or false"),
        ("sites.0.name", '""', "must not be empty"),
        ("name", '""', "must not be empty"),
    ],
)
def test_numbers_and_names_are_refused_at_the_door(cli, scenario_file, key, value, phrase):
    result = cli(scenario_file(), "--set", f"{key}={value}")
    no_traceback(result)
    assert phrase in result.stderr, result.stderr


# --- 2. CSV cells that start like a formula ---------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+cmd|'/c calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_a_csv_cell_that_starts_like_a_formula_is_text(text):
    assert as_text(text) == "'" + text
    assert as_text("Pos " + text) == "Pos " + text


def test_events_csv_neutralises_site_names(tmp_path):
    path = tmp_path / "events.csv"
    write_events(path, [(1.0, "=1+1", "arrive"), (2.0, "Loket", "@served")])
    rows = list(csv.reader(path.open(encoding="utf-8")))
    assert rows[1][1:] == ["'=1+1", "arrive"] and rows[2][1:] == ["Loket", "'@served"]


# --- 8. unbounded inputs; 11. a long base chain, an unreachable scheduler ---------------------


@pytest.mark.parametrize(
    ("key", "value", "phrase"),
    [
        ("period.end", "9999-12-31", "at most 3660 days"),
        ("sites.0.count", "100000000", "must be at most 10000"),
        ("sites.0.officers", "1000000000", "must be at most 1000"),
        ("sites.0.devices", "1000000000", "must be at most 1000"),
    ],
)
def test_sizes_that_would_exhaust_the_machine_are_refused(cli, scenario_file, key, value, phrase):
    result = cli(scenario_file(), "--set", f"{key}={value}")
    no_traceback(result)
    assert phrase in result.stderr, result.stderr


def test_a_file_too_large_is_refused_before_it_is_read(cli, scenario_file):
    path = scenario_file(text=MMC_TEXT + "#" * 5_100_000 + "\n")
    result = cli(path)
    no_traceback(result)
    assert "a scenario file may be at most 5000000 bytes" in result.stderr


def test_a_base_that_is_not_a_regular_file(cli, tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text("base: /dev/zero\nname: X\n", encoding="utf-8")
    result = cli(child)
    no_traceback(result)
    assert "/dev/zero: is not a regular file" in result.stderr


def test_a_chain_of_too_many_base_files(cli, tmp_path):
    (tmp_path / "f0.yaml").write_text(MMC_TEXT, encoding="utf-8")
    for i in range(1, 80):
        (tmp_path / f"f{i}.yaml").write_text(f"base: f{i - 1}.yaml\n", encoding="utf-8")
    result = cli(tmp_path / "f79.yaml")
    no_traceback(result)
    assert "more than 64 files in the chain of base: files" in result.stderr


def test_an_alias_bomb_is_refused_before_it_is_expanded(cli, scenario_file):
    levels = ["a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    bomb = "\n".join(f"  {line}" for line in levels)
    result = cli(scenario_file(text=MMC_TEXT + "extra:\n" + bomb + "\n"))
    no_traceback(result)
    assert "more than 1000000 values once its aliases" in result.stderr


def test_more_workers_than_cores_needs_force(cli, scenario_file):
    result = cli(scenario_file(), "--workers", "1000")
    no_traceback(result)
    assert "--force-workers" in result.stderr


def test_replications_above_the_precision_cap_are_refused(cli, scenario_file, tmp_path):
    """-n 1000000 --precision 0.5 used to ignore --max-replications."""
    args = ("-n", "50", "--precision", "0.5", "--max-replications", "10")
    result = cli(scenario_file(), *args, "--out", tmp_path / "out", guard=False)
    no_traceback(result)
    assert "50 is above --max-replications 10" in result.stderr


def test_an_unreachable_dask_scheduler_is_one_line(cli, scenario_file):
    result = cli(scenario_file(), "--dask", "tcp://127.0.0.1:1")
    no_traceback(result)
    assert "no dask scheduler answers at tcp://127.0.0.1:1" in result.stderr


# --- 12. the same run, byte for byte ----------------------------------------------------------


def test_source_date_epoch_makes_the_report_and_workbook_byte_identical(
    cli, scenario_file, tmp_path, monkeypatch
):
    """With SOURCE_DATE_EPOCH the run's time is that moment: two runs of one request write
    the same report.html and results.xlsx (without it they carry their own times)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path, out = scenario_file(), tmp_path / "same"
    written = []
    for _ in range(2):
        result = cli(path, "--set", "period.end=2023-01-06", "-n", "2", "--out", out, guard=False)
        assert result.status == 0, result.stderr
        written.append({n: (out / n).read_bytes() for n in ("report.html", "results.xlsx")})
    assert written[0] == written[1]
    assert "14 November 2023" in written[0]["report.html"].decode()  # 1700000000, in words


# --- 7. text that crashed after the simulation --------------------------------------------------


def test_a_control_character_in_the_file_is_refused(cli, scenario_file):
    text = MMC_TEXT.replace('description: "One site', 'description: "ok\\x01 One site')
    assert text != MMC_TEXT
    result = cli(scenario_file(text=text))
    no_traceback(result)
    assert "description: holds a control character (U+0001)" in result.stderr


def test_an_escape_sequence_in_set_is_refused(cli, scenario_file):
    result = cli(scenario_file(), "--set", "sites.0.name=Loket\x1b[31mRED")
    no_traceback(result)
    assert "(U+001B)" in result.stderr and "\x1b" not in result.stderr


def test_math_markup_in_a_variant_description_is_drawn_as_text(cli, scenario_file, tmp_path):
    """matplotlib read 'x$\\frac{$' as math and failed; the run must write its charts."""
    variants = {"v": {"description": "x$\\frac{$ y", "changes": {"sites.Loket.officers": 5}}}
    path = scenario_file({"variants": variants, "period.end": "2023-01-04"})
    result = cli(path, "--compare", "-n", "2", "--out", tmp_path / "out", guard=False)
    assert result.status == 0, result.stderr
    assert (tmp_path / "out" / "plots" / "comparison.png").stat().st_size > 1000
    assert "x$\\frac{$ y" in (tmp_path / "out" / "report.html").read_text(encoding="utf-8")


# --- 5. output folders; 6. one run per folder, foreign replications ---------------------------


def test_out_that_is_a_file_is_refused(cli, scenario_file, tmp_path):
    out = tmp_path / "a_file"
    out.write_text("x", encoding="utf-8")
    result = cli(scenario_file(), "--out", out, "-n", "1", guard=False)
    no_traceback(result)
    assert "--out: is a file; --out needs a folder" in result.stderr


def test_out_that_cannot_be_made_is_refused(cli, scenario_file, tmp_path):
    (tmp_path / "a_file").write_text("x", encoding="utf-8")
    result = cli(scenario_file(), "--out", tmp_path / "a_file" / "sub", "-n", "1", guard=False)
    no_traceback(result)
    assert "cannot write" in result.stderr


def test_a_rerun_that_fails_leaves_no_file_of_the_previous_run(
    cli, scenario_file, tmp_path, monkeypatch
):
    path, out = scenario_file({"period.end": "2023-01-04"}), tmp_path / "out"
    args = (path, "-n", "1", "--out", out)
    assert cli(*args, "--seed", "1", guard=False).status == 0
    assert (out / "report.html").exists()

    def full_disk(*_):
        raise OSError(28, "No space left on device", str(out / "report.html"))

    monkeypatch.setattr("sim.cli.write_reports", full_disk)
    result = cli(*args, "--seed", "2", guard=False)
    no_traceback(result)
    assert "No space left on device" in result.stderr
    assert not (out / "report.html").exists() and not (out / "results.xlsx").exists()
    summary = __import__("json").loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["provenance"]["seed"] == 2


def test_a_second_run_on_a_held_folder_is_refused(cli, scenario_file, tmp_path):
    from sim.decide import folder

    out = tmp_path / "out"
    with folder.held(out):
        result = cli(scenario_file(), "-n", "1", "--out", out, guard=False)
    no_traceback(result)
    assert "another run is writing to this folder" in result.stderr
    assert cli(scenario_file(), "-n", "1", "--out", out, guard=False).status == 0  # released


def test_resume_refuses_replications_another_run_wrote(cli, scenario_file, tmp_path):
    path = scenario_file({"period.end": "2023-01-04"})
    mine, other = tmp_path / "mine", tmp_path / "other"
    assert cli(path, "-n", "2", "--seed", "2", "--out", mine, guard=False).status == 0
    assert cli(path, "-n", "2", "--seed", "1", "--out", other, guard=False).status == 0
    rep = "replications/baseline/rep-00001.npz"
    (mine / rep).write_bytes((other / rep).read_bytes())
    result = cli(path, "-n", "4", "--seed", "2", "--resume", mine, guard=False)
    no_traceback(result)
    assert "baseline/rep-00001.npz was written by another run (seed 1" in result.stderr


# --- 9. workers end with the run that started them ---------------------------------------------


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        here = todo.pop()
        kids = {p for p, parent in parents.items() if parent == here}
        todo += list(kids - found)
        found |= kids
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_run_is_killed(scenario_file, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    run_sim = Path(__file__).resolve().parents[2] / "run_sim.py"
    path = scenario_file({"period.end": "2023-03-02"})
    argv = [sys.executable, run_sim, path, "-n", "40", "--workers", "2", "--quiet"]
    main = subprocess.Popen([*map(str, argv), "--out", str(tmp_path / "out")], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while len(kids := _descendants(main.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)  # the forkserver, the resource tracker, two workers
        assert len(kids) >= 3, kids
        main.send_signal(signal.SIGKILL)
        main.wait(timeout=10)
        deadline = time.monotonic() + 20
        while (alive := {p for p in kids if Path(f"/proc/{p}").exists()}) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.2)
        zombies = {p for p in alive if "Z" in Path(f"/proc/{p}/stat").read_text().split()[2]}
        assert alive <= zombies, alive
    finally:
        main.kill()


def test_a_reader_that_leaves_early_is_not_an_error(scenario_file, tmp_path):
    """`run_sim.py ... | head -1`: the files are written, nothing is said on stderr."""
    import subprocess
    import sys

    run_sim = Path(__file__).resolve().parents[2] / "run_sim.py"
    argv = [sys.executable, str(run_sim), str(scenario_file()), "-n", "1"]
    argv += ["--set", "period.end=2023-01-03", "--out", str(tmp_path / "out")]
    shell = " ".join(f"'{a}'" for a in argv) + " | head -c 10"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True)
    assert done.stderr == "" and done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "summary.json").exists()
    assert (tmp_path / "out" / "report.html").exists()
