"""The command line: parse arguments, resolve the scenario, run, write and print results.

Exit status: 0 success, 2 bad input (one line on stderr naming file, key and problem).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
from concurrent.futures import BrokenExecutor
from pathlib import Path

from sim import analysis, sensitivity
from sim.calendar import Calendar
from sim.executors import default_workers, executor_for
from sim.experiment import run_one
from sim.report import abk, files, terminal
from sim.report.build import ReportData, write_reports
from sim.report.i18n import LANGS, fmt_num, t
from sim.runner import Plan, evaluator, resolve_variants, run_variants, summaries
from sim.scenario import Scenario, ScenarioError, json_schema, load, parse_set, validate_variants
from sim.search import Goal, Search
from sim.store import ResultStore

DEFAULT_SEED = 12345
DEFAULT_REPLICATIONS = 20


def _whole_number(minimum: int):
    """An argparse type: a whole number of at least ``minimum``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}")
        return value

    return parse


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="run_sim.py",
        description="IKD activation staffing simulator: will this staffing reach the target?",
    )
    p.add_argument("scenario", nargs="?", help="scenario YAML file (see scenarios/)")
    p.add_argument(
        "--replications",
        "-n",
        type=_whole_number(1),
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
    how = p.add_argument_group("many replications")
    how.add_argument(
        "--workers",
        type=_whole_number(1),
        default=default_workers(),
        help=f"local worker processes (default: all {default_workers()} cores)",
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
        type=_whole_number(2),
        default=500,
        help="cap for --precision (default 500)",
    )
    how.add_argument(
        "--resume", type=Path, metavar="DIR", help="carry on an interrupted run in DIR"
    )
    decide = p.add_argument_group("decisions")
    decide.add_argument(
        "--compare",
        action="store_true",
        help="run every declared variant with common random numbers and compare with baseline",
    )
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
    decide.add_argument(
        "--sensitivity",
        action="store_true",
        help="sweep the inputs the scenario declares under sensitivity: (tornado data)",
    )
    return p


def _number_between(low: float, high: float, *, high_included: bool):
    """An argparse type: a number above ``low`` and below (or, if included, at most) ``high``."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not (low < value <= high if high_included else low < value < high):
            bound = "at most" if high_included else "below"
            upper = "" if high == float("inf") else f" and {bound} {high:g}"
            raise argparse.ArgumentTypeError(f"must be above {low:g}{upper}")
        return value

    return parse


def _default_out(path: str, variant: str, compare: bool) -> Path:
    stem = Path(path).stem
    if compare:
        return Path("out") / f"{stem}-compare"
    return Path("out") / (stem if variant == "baseline" else f"{stem}-{variant}")


def run(args: argparse.Namespace, argv: list[str]) -> int:
    lang, source = args.lang, args.scenario
    base = load(source)
    validate_variants(base, source)
    names = ["baseline", *base.variants] if args.compare else [args.variant]
    scenarios = resolve_variants(base, names, parse_set(args.overrides, source), source)
    warnings = Calendar(scenarios[names[0]]).warnings()
    for key, years in warnings:
        print(f"{t(lang, 'warning')}: {t(lang, key, years=years)}", file=sys.stderr)
    out = args.resume or args.out or _default_out(source, args.variant, args.compare)
    plan = Plan(args.seed, args.replications, args.precision, args.max_replications, args.quiet)
    with executor_for(args.workers, args.dask, args.dask_local) as executor:
        outcome = run_variants(scenarios, plan, ResultStore(out), executor, args.resume is not None)
        evaluate = evaluator(args.seed, executor, args.quiet)
        chosen = scenarios[names[0]]
        search = _find_staff(args, chosen, evaluate) if args.find_staff else None
        sweep = (
            sensitivity.sweep(chosen, evaluate, args.replications, source)
            if args.sensitivity
            else None
        )
    results = summaries(outcome, scenarios)
    for name, summary in results.items():
        summary["warnings"] = [{"code": key, "years": years} for key, years in warnings]
        summary["provenance"] = files.provenance(
            scenarios[name], args.seed, len(outcome.reps[name]), name
        )
        if outcome.precision:
            summary["precision_pct"] = outcome.precision[name]
    first = names[0]
    results[first]["abk"] = abk.table(scenarios[first], outcome.reps[first], results[first])
    files.write_summary(out / "summary.json", results[first])
    files.write_daily(out / "daily.csv", outcome.reps[first], scenarios[first])
    if args.event_log:
        events = run_one(scenarios[first], args.seed, 0, event_log=True).events
        files.write_events(out / "events.csv", events)
    print(terminal.table(results[first], lang))
    if outcome.precision:
        print(
            "\n"
            + t(
                lang,
                "precision",
                pct=fmt_num(outcome.precision[first], lang),
                n=len(outcome.reps[first]),
            )
        )
    comparison = analysis.compare(outcome.reps, scenarios) if args.compare else None
    if comparison is not None:
        files.write_comparison(out / "comparison.json", results, comparison, base.variants)
        print("\n" + terminal.comparison_table(results, comparison, lang))
    if search is not None:
        files.write_json(out / "search.json", search)
        print("\n" + terminal.search_text(search, chosen.target, lang))
    if sweep is not None:
        files.write_json(out / "sensitivity.json", sweep)
        print("\n" + terminal.sensitivity_table(sweep, lang))
    report = ReportData(
        lang=lang,
        source=source,
        scenarios=scenarios,
        summaries=results,
        reps=outcome.reps,
        descriptions={name: v.description for name, v in base.variants.items()},
        changes=_changed_keys(base, names[0], args.overrides),
        variant_changes={
            name: {"description": v.description, "changes": v.changes}
            for name, v in base.variants.items()
        },
        comparison=comparison,
        search=search,
        sweep=sweep,
        command=shlex.join(["run_sim.py", *argv]),
    )
    write_reports(out, report)
    print(f"\n{t(lang, 'written')}: {out}")
    print(f"{t(lang, 'report_at')}: {out / 'report.html'}")
    return 0


def _changed_keys(base: Scenario, variant: str, overrides: list[str]) -> dict[str, str]:
    """Keys a variant or --set changed on top of the scenario file, and who changed them."""
    changed = {}
    if variant != "baseline":
        changed |= dict.fromkeys(base.variants[variant].changes, f"variants.{variant}")
    for item in overrides:
        changed[item.partition("=")[0].strip()] = "--set"
    return changed


def _find_staff(args: argparse.Namespace, scenario: Scenario, evaluate) -> dict:
    goal = Goal(args.p_target, args.max_main_wait, args.max_added)
    start = args.pppk_from or scenario.period.start
    return Search(scenario, goal, evaluate, args.replications, start).run()


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.schema:
        try:
            args.schema.write_text(json.dumps(json_schema(), indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            problem = ScenarioError(str(args.schema), "", "cannot_write", reason=exc.strerror)
            print(f"{t(args.lang, 'error')}: {problem.render(args.lang)}", file=sys.stderr)
            return 2
        return 0
    if not args.scenario:
        parser().error("the scenario file is required")
    try:
        return run(args, sys.argv[1:] if argv is None else argv)
    except ScenarioError as exc:
        print(f"{t(args.lang, 'error')}: {exc.render(args.lang)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"\n{t(args.lang, 'interrupted')}", file=sys.stderr)
        return 130
    except BrokenExecutor:
        print(f"{t(args.lang, 'error')}: {t(args.lang, 'worker_died')}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
