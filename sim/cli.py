"""The command line: parse arguments, resolve the scenario, run, write and print results.

Exit status: 0 success, 2 bad input (one line on stderr naming file, key and problem).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import sys
from concurrent.futures import BrokenExecutor
from pathlib import Path

from sim.cli_help import in_indonesian, say, speaking
from sim.decide import folder, study
from sim.decide.calibrate import Settings
from sim.decide.executors import default_workers
from sim.decide.runner import Plan
from sim.decide.search import Goal
from sim.decide.study import Request, Where
from sim.fields import json_schema
from sim.report import files, terminal
from sim.report.build import write_reports
from sim.report.data import ReportData
from sim.report.i18n import LANGS, t
from sim.scenario import ScenarioError, exported_yaml
from sim.template.read import load_any
from sim.template.write import write_template

DEFAULT_SEED = 12345
DEFAULT_REPLICATIONS = 20


def _whole_number(minimum: int, maximum: int | None = None):
    """An argparse type: a whole number of at least ``minimum`` (and at most ``maximum``)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise _wrong("%(text)r is not a whole number", text=text) from None
        if value < minimum:
            raise _wrong("must be at least %(low)s", low=minimum)
        if maximum is not None and value > maximum:
            raise _wrong("must be at most %(high)s", high=f"{maximum:,}")
        return value

    return parse


class _Parser(argparse.ArgumentParser):
    """argparse, with its error line in the chosen language (exit status 2 as before)."""

    lang = "id"

    def parse_args(self, args=None, namespace=None):  # type: ignore[override]
        with speaking(self.lang):
            return super().parse_args(args, namespace)

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: {t(self.lang, 'error')}: {message}\n")


def parser(lang: str = "id") -> argparse.ArgumentParser:
    """The command line's options, their help in ``lang`` (Bahasa Indonesia by default)."""
    p = _Parser(
        prog="run_sim.py",
        description="IKD activation staffing simulator: will this staffing reach the target?",
    )
    groups = (
        _scenario_options,
        _template_options,
        _record_options,
        _replication_options,
        _decision_options,
    )
    for options in groups:
        options(p)
    p.lang = lang if lang in LANGS else "id"
    if p.lang == "id":
        in_indonesian(p)
    return p


def _lang_of(argv: list[str]) -> str:
    """The --lang asked for, read before the parser is built (its help is in that language)."""
    for i, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
    return "id"


def _template_options(p: argparse.ArgumentParser) -> None:
    """The Excel input template, and a scenario written out as one YAML file."""
    book = p.add_argument_group("the Excel input template")
    book.add_argument(
        "--template",
        type=Path,
        metavar="FILE.xlsx",
        help="write an input workbook of the scenario (or of --from) to FILE.xlsx and stop; "
        "run it with run_sim.py FILE.xlsx",
    )
    book.add_argument(
        "--from",
        dest="template_from",
        metavar="SCENARIO",
        help="for --template: the scenario (YAML or workbook) whose values fill it",
    )
    book.add_argument(
        "--app",
        action="store_true",
        help="start the browser app on 127.0.0.1 over the scenarios in this folder "
        "(needs the [app] extra; also: ikd-sim app)",
    )
    book.add_argument("--port", type=_whole_number(1024, 65535), default=8501, help="for --app")
    book.add_argument(
        "--no-browser", action="store_true", help="for --app: do not open the browser"
    )
    book.add_argument(
        "--export-yaml",
        type=Path,
        metavar="FILE.yaml",
        help="write the scenario (a workbook or YAML with its bases) as one YAML file and stop",
    )


def _scenario_options(p: argparse.ArgumentParser) -> None:
    """The scenario, its variant and changes, the seed, and what is written where."""
    p.add_argument("scenario", nargs="?", help="scenario YAML file (see scenarios/)")
    p.add_argument(
        "--replications",
        "-n",
        type=_whole_number(1, MAX_REPLICATIONS),
        default=DEFAULT_REPLICATIONS,
        help=f"independent replications (default {DEFAULT_REPLICATIONS})",
    )
    p.add_argument(
        "--seed",
        type=_whole_number(0),
        default=DEFAULT_SEED,
        help=f"master random seed (default {DEFAULT_SEED})",
    )
    p.add_argument("--out", type=Path, help="output folder (default out/<scenario>[-<variant>])")
    p.add_argument(
        "--variant",
        default="baseline",
        help="a staffing proposal declared under variants: in the scenario",
    )
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one scenario key, e.g. --set sites.Kantor Dinas.officers=20",
    )
    p.add_argument("--lang", choices=LANGS, default="id", help="language of the output text")
    p.add_argument(
        "--event-log",
        action="store_true",
        help="also write events.csv: every resident's events in replication 0",
    )
    p.add_argument(
        "--schema",
        type=Path,
        metavar="FILE",
        help="write the JSON Schema of the scenario format to FILE and stop",
    )


def _record_options(p: argparse.ArgumentParser) -> None:
    """The office's own record, to set the run against."""
    record = p.add_argument_group("the office's record")
    record.add_argument(
        "--observed",
        type=Path,
        metavar="FILE.csv",
        help="the office's record (date, cumulative_activations[, source, per channel or "
        "site]): each date set against the simulated P10-P90 band; writes observed.json",
    )
    record.add_argument(
        "--calibrate",
        action="store_true",
        help="fit the uncertain: inputs to the record (ABC-SMC) and write calibrated.yaml",
    )
    record.add_argument(
        "--from-observed",
        action="store_true",
        help="start from the day after the last observation, with its count already active",
    )
    record.add_argument(
        "--backtest",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="calibrate on the record up to this date, forecast the rest, check later dates",
    )
    _abc_options(record)


def _abc_options(record: argparse._ArgumentGroup) -> None:
    """How much work the calibration does."""
    record.add_argument(
        "--abc-population",
        type=_whole_number(10),
        default=Settings.population,
        help=f"parameter sets kept per ABC generation (default {Settings.population})",
    )
    record.add_argument(
        "--abc-simulations",
        type=_whole_number(10),
        default=Settings.max_simulations,
        help=f"stop calibrating after this many simulations (default {Settings.max_simulations})",
    )


def _replication_options(p: argparse.ArgumentParser) -> None:
    """How many replications, where they run, and resuming."""
    how = p.add_argument_group("many replications")
    how.add_argument(
        "--workers",
        type=_whole_number(1, 1024),
        default=default_workers(),
        help=f"local worker processes (default: all {default_workers()} cores; more only "
        "with --force-workers)",
    )
    how.add_argument(
        "--force-workers",
        action="store_true",
        help="allow more --workers than this machine has cores",
    )
    how.add_argument("--dask", metavar="TCP://HOST:PORT", help="run on a dask.distributed cluster")
    how.add_argument(
        "--dask-local", type=_whole_number(1), metavar="N", help="start a local dask cluster"
    )
    how.add_argument("--quiet", action="store_true", help="no progress bar")
    how.add_argument(
        "--precision",
        type=_number_between(0, 100, high_included=False),
        metavar="X",
        help="add replications until the 95%% CI of end-of-period activations is within "
        "X%% of the mean",
    )
    how.add_argument(
        "--max-replications",
        type=_whole_number(2, MAX_REPLICATIONS),
        default=500,
        help="cap for --precision (default 500)",
    )
    how.add_argument(
        "--resume", type=Path, metavar="DIR", help="carry on an interrupted run in DIR"
    )


def _decision_options(p: argparse.ArgumentParser) -> None:
    """Comparing proposals and the sensitivity sweep; then the staffing search's options."""
    decide = p.add_argument_group("decisions")
    decide.add_argument(
        "--compare",
        action="store_true",
        help="run every declared variant with common random numbers and compare with baseline",
    )
    decide.add_argument(
        "--sensitivity",
        nargs="?",
        const="auto",
        choices=("auto", "morris", "sobol", "oat"),
        help="which inputs matter: Morris screening of the uncertain: inputs (the default; "
        "'sobol' for Sobol indices), or 'oat' for the one-at-a-time sweep of sensitivity: "
        "(the default when the scenario has no uncertain: inputs)",
    )
    decide.add_argument(
        "--sensitivity-samples",
        type=_whole_number(2),
        metavar="N",
        help="Morris trajectories (default 8) or Sobol base samples (default 16)",
    )
    _search_options(decide)


def _search_options(decide: argparse._ArgumentGroup) -> None:
    """The staffing search and what it looks for."""
    decide.add_argument(
        "--find-staff",
        action="store_true",
        help="find the fewest PPPK officers, and where, that make the target likely",
    )
    decide.add_argument(
        "--p-target",
        type=_number_between(0, 1, high_included=True),
        default=0.9,
        metavar="P",
        help="for --find-staff: the P(target reached) wanted (default 0.9)",
    )
    decide.add_argument(
        "--max-main-wait",
        type=_number_between(0, float("inf"), high_included=False),
        metavar="MIN",
        help="for --find-staff: also keep the main office's mean wait under MIN minutes",
    )
    decide.add_argument(
        "--max-added",
        type=_whole_number(1),
        default=200,
        help="for --find-staff: give up above this many added officers (default 200)",
    )
    decide.add_argument(
        "--pppk-from",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="for --find-staff: when the added officers start (default: the period start)",
    )


def _number_between(low: float, high: float, *, high_included: bool):
    """An argparse type: a number above ``low`` and below (or, if included, at most) ``high``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise _wrong("%(text)r is not a number", text=text) from None
        if low < value <= high if high_included else low < value < high:
            return value
        if high == float("inf"):
            raise _wrong("must be above %(low)s", low=f"{low:g}")
        bound = "at most" if high_included else "below"
        raise _wrong(
            f"must be above %(low)s and {bound} %(high)s", low=f"{low:g}", high=f"{high:g}"
        )

    return parse


def _wrong(phrase: str, **values: object) -> argparse.ArgumentTypeError:
    """An option value's problem, in the language of the parser (see :func:`say`)."""
    return argparse.ArgumentTypeError(say(phrase) % values)


def _default_out(path: str, variant: str, compare: bool) -> Path:
    stem = Path(path).stem
    if compare:
        return Path("out") / f"{stem}-compare"
    return Path("out") / (stem if variant == "baseline" else f"{stem}-{variant}")


MAX_REPLICATIONS = 100_000  # far beyond any decision's need; each one is kept on disk


def _check_bounds(args: argparse.Namespace) -> None:
    """Requests that would exhaust the machine or silently ignore a cap, refused."""
    cores = default_workers()
    if args.workers > cores and not args.force_workers:
        raise ScenarioError("--workers", "", "too_many_workers", n=args.workers, cores=cores)
    if args.precision is not None and args.replications > args.max_replications:
        raise ScenarioError(
            "--replications", "", "above_cap", n=args.replications, cap=args.max_replications
        )


def request_of(args: argparse.Namespace) -> Request:
    """The study the parsed arguments ask for."""
    _check_bounds(args)
    out = args.resume or args.out or _default_out(args.scenario, args.variant, args.compare)
    plan = Plan(args.seed, args.replications, args.precision, args.max_replications, args.quiet)
    goal = Goal(args.p_target, args.max_main_wait, args.max_added) if args.find_staff else None
    return Request(
        source=args.scenario,
        out=out,
        plan=plan,
        variant=args.variant,
        compare=args.compare,
        overrides=tuple(args.overrides),
        where=Where(args.workers, args.dask, args.dask_local),
        resume=args.resume is not None,
        goal=goal,
        pppk_from=args.pppk_from,
        sensitivity=args.sensitivity,
        sensitivity_samples=args.sensitivity_samples,
        event_log=args.event_log,
        observed=args.observed,
        calibrate=args.calibrate,
        from_observed=args.from_observed,
        backtest=args.backtest,
        abc=Settings(population=args.abc_population, max_simulations=args.abc_simulations),
    )


def run(args: argparse.Namespace, argv: list[str]) -> int:
    """Prepare, run, write and print the study the arguments ask for."""
    request = request_of(args)
    prepared = study.prepare(request)
    with folder.held(request.out):
        if not request.resume:
            folder.clear_previous(request.out)
        return _run_held(args, argv, prepared)


def _run_held(args: argparse.Namespace, argv: list[str], prepared) -> int:
    """The run, once its output folder is held."""
    lang, request = args.lang, prepared.request
    for caution in prepared.warnings:
        text = t(lang, caution.code, years=caution.years)
        print(f"{t(lang, 'warning')}: {text}", file=sys.stderr)
    if (request.calibrate or request.backtest) and not request.plan.quiet:
        print(t(lang, "calibrating", n=request.abc.max_simulations), file=sys.stderr)
    results = study.run(prepared)
    files.write_results(request.out, results)
    command = shlex.join(["run_sim.py", *argv])
    write_reports(request.out, ReportData(lang=lang, results=results, command=command))
    print(terminal.text(results, lang))  # after the files: a reader leaving early loses none
    print(f"\n{t(lang, 'written')}: {request.out}")
    print(f"{t(lang, 'report_at')}: {request.out / 'report.html'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["app"]:  # ikd-sim app
        argv = ["--app", *argv[1:]]
    args = parser(_lang_of(argv)).parse_args(argv)
    if args.app:
        from sim.app.launch import launch  # the optional extra: imported only when asked

        return launch(Path.cwd(), args.port, not args.no_browser)
    if not (args.scenario or args.schema or args.template or args.export_yaml):
        parser(args.lang).error(t(args.lang, "scenario_required"))
    try:
        return _job(args, argv)
    except ScenarioError as exc:
        print(f"{t(args.lang, 'error')}: {exc.render(args.lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\n{t(args.lang, 'interrupted')}", file=sys.stderr)
        return 130
    except BrokenExecutor:
        print(f"{t(args.lang, 'error')}: {t(args.lang, 'worker_died')}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `run_sim.py ... | head`: the reader left; the files are written
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # the output folder became unwritable, the disk is full, ...
        where = exc.filename or getattr(args, "out", None) or ""
        problem = ScenarioError(str(where), "", "cannot_write", reason=exc.strerror or exc)
        print(f"{t(args.lang, 'error')}: {problem.render(args.lang)}", file=sys.stderr)
        return 2


def _job(args: argparse.Namespace, argv: list[str]) -> int:
    """What the command line asks for: the schema, a conversion, or a run."""
    if args.schema:
        args.schema.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
        return 0
    if args.template or args.export_yaml:
        return _convert(args)
    return run(args, argv)


def _convert(args: argparse.Namespace) -> int:
    """--template or --export-yaml: write the scenario in the other form and stop."""
    source = args.template_from or args.scenario
    target = args.template or args.export_yaml
    if not source:
        raise ScenarioError(str(target), "", "template_needs_scenario")
    scenario, found = load_any(source)
    if args.template:
        write_template(scenario, found, args.template, args.lang)
    else:
        args.export_yaml.write_text(exported_yaml(scenario), encoding="utf-8")
    print(f"{t(args.lang, 'written')}: {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
