"""The command line: parse arguments, resolve the scenario, run, write and print results.

Exit status: 0 success, 2 bad input (one line on stderr naming file, key and problem).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sim import metrics
from sim.calendar import Calendar
from sim.experiment import run_one, run_replications
from sim.report import files, terminal
from sim.report.i18n import LANGS, t
from sim.scenario import (
    Scenario,
    ScenarioError,
    apply_changes,
    json_schema,
    load,
    parse_set,
    validate_variants,
    with_variant,
)

DEFAULT_SEED = 12345
DEFAULT_REPLICATIONS = 20


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="run_sim.py",
        description="IKD activation staffing simulator: will this staffing reach the target?",
    )
    p.add_argument("scenario", nargs="?", help="scenario YAML file (see scenarios/)")
    p.add_argument(
        "--replications",
        "-n",
        type=_positive_int,
        default=DEFAULT_REPLICATIONS,
        help=f"independent replications (default {DEFAULT_REPLICATIONS})",
    )
    p.add_argument(
        "--seed",
        type=_seed,
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
    return p


def resolve(path: str, variant: str, overrides: list[str]) -> Scenario:
    """Load a scenario, check all its variants, apply the chosen one and any --set values."""
    scenario = load(path)
    validate_variants(scenario, path)
    chosen = with_variant(scenario, variant, path)
    changes = parse_set(overrides, path)
    if changes:
        chosen = apply_changes(chosen, changes, path, "--set ")
    return chosen


def _default_out(path: str, variant: str) -> Path:
    stem = Path(path).stem
    return Path("out") / (stem if variant == "baseline" else f"{stem}-{variant}")


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    scenario = resolve(args.scenario, args.variant, args.overrides)
    warnings = Calendar(scenario).warnings()
    for key, years in warnings:
        print(f"{t(lang, 'warning')}: {t(lang, key, years=years)}", file=sys.stderr)
    reps = run_replications(scenario, args.seed, args.replications)
    summary = metrics.summarise(reps, scenario)
    summary["warnings"] = [{"code": key, "years": years} for key, years in warnings]
    summary["provenance"] = files.provenance(scenario, args.seed, args.replications, args.variant)
    out = args.out or _default_out(args.scenario, args.variant)
    out.mkdir(parents=True, exist_ok=True)
    files.write_summary(out / "summary.json", summary)
    files.write_daily(out / "daily.csv", reps, scenario)
    if args.event_log:
        events = run_one(scenario, args.seed, 0, event_log=True).events
        files.write_events(out / "events.csv", events)
    print(terminal.table(summary, lang))
    print(f"\n{t(lang, 'written')}: {out}")
    return 0


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
        return run(args)
    except ScenarioError as exc:
        print(f"{t(args.lang, 'error')}: {exc.render(args.lang)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
