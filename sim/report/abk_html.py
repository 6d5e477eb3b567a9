"""The ABK pages of the report in the PermenPANRB 1/2020 layout: an overview of every case
(today, each proposal or the search's plan, the target) and one table per case.

Formatting only: every number is a field of the typed ABK tables (sim.decide.abk), tagged
with its place in abk.json (``abk_cases.<case>.rows.<row>.<field>``).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

from sim.decide.abk import Abk, Staffing, Task
from sim.decide.proposals import Proposal
from sim.report.i18n import fmt_int, fmt_pct, markup, t
from sim.report.page_one import proposal_label
from sim.report.tagged import number


@dataclass(frozen=True)
class CaseTable:
    """One case's table: its title, rows of cells (each row marked group, task, subtotal or
    total) and the notes under it."""

    title: str
    rows: list[tuple[str, list[Markup]]]
    notes: list[Markup]
    index: int  # its place in abk.json's cases
    case: str  # today, plan or target


def case_title(abk: Abk, proposals: dict[str, Proposal], lang: str) -> str:
    """A case as titled: "Keadaan sekarang", "Usulan: <description>", "Target"."""
    if abk.case != "plan":
        return t(lang, f"abk.case.{abk.case}")
    found = proposals.get(abk.variant)
    return t(lang, "abk.case.plan", name=proposal_label(found, lang) if found else abk.variant)


def overview_rows(cases: tuple[Abk, ...], proposals: dict[str, Proposal], lang: str) -> list:
    """One row per case: workload, effective time, officers needed, in post, difference, EJ."""
    rows = []
    for k, abk in enumerate(cases):
        total, key = abk.total, f"abk_cases.{k}.rows.{len(abk.rows) - 1}"
        rows.append(
            [
                Markup(escape(case_title(abk, proposals, lang))),
                number(total.workload_min, lang, f"{key}.workload_min"),
                number(total.officers_needed, lang, f"{key}.officers_needed", "num2"),
                number(total.officers_needed_whole, lang, f"{key}.officers_needed_whole"),
                number(total.officers_in_post, lang, f"{key}.officers_in_post"),
                number(total.difference, lang, f"{key}.difference"),
                number(total.ej, lang, f"{key}.ej", "num2"),
                Markup(escape(total.grade or "–")),
            ]
        )
    return rows


def _task(row: Task, key: str, task_no: int, effective: Markup, lang: str) -> list[Markup]:
    share = fmt_pct(row.other_work_share, lang)
    return [
        Markup(str(task_no)),
        Markup(escape(t(lang, f"abk.task.{row.task}", share=share))),
        Markup(escape(t(lang, f"abk.unit.{row.task}"))),
        number(row.volume, lang, f"{key}.volume"),
        number(row.standard_min, lang, f"{key}.standard_min", "num1"),
        number(row.workload_min, lang, f"{key}.workload_min"),
        effective,
        *[Markup("")] * 3,
    ]


def _sum(row: Staffing, key: str, effective: Markup, lang: str) -> list[Markup]:
    label = t(lang, "abk.subtotal" if row.row == "subtotal" else "abk.total")
    needed = Markup("{} ({})").format(
        number(row.officers_needed, lang, f"{key}.officers_needed", "num2"),
        number(row.officers_needed_whole, lang, f"{key}.officers_needed_whole"),
    )
    return [
        Markup(""),
        Markup(escape(label)),
        *[Markup("")] * 3,
        number(row.workload_min, lang, f"{key}.workload_min"),
        effective,
        needed,
        number(row.officers_in_post, lang, f"{key}.officers_in_post"),
        number(row.difference, lang, f"{key}.difference"),
    ]


def case_table(abk: Abk, k: int, proposals: dict[str, Proposal], lang: str) -> CaseTable:
    """The PermenPANRB layout of one case: a heading row per kind of site, its tasks, its
    subtotal; then the total."""
    effective = number(abk.effective_min, lang, f"abk_cases.{k}.effective_min")
    rows: list[tuple[str, list[Markup]]] = []
    heading, task_no = None, 0
    for i, row in enumerate(abk.rows):
        key = f"abk_cases.{k}.rows.{i}"
        if isinstance(row, Task):
            if row.channel != heading:
                heading = row.channel
                rows.append(("group", [Markup(escape(t(lang, f"channel.{row.channel}")))]))
            task_no += 1
            rows.append(("task", _task(row, key, task_no, effective, lang)))
        else:
            rows.append((row.row, _sum(row, key, effective, lang)))
    return CaseTable(case_title(abk, proposals, lang), rows, _notes(abk, lang), k, abk.case)


def _notes(abk: Abk, lang: str) -> list[Markup]:
    notes = []
    for row in abk.rows:
        if isinstance(row, Staffing) and row.row == "subtotal" and row.officers_without_device:
            notes.append(
                markup(
                    lang,
                    "abk.no_device",
                    kind=t(lang, f"channel.{row.channel}"),
                    n=fmt_int(row.officers_without_device, lang),
                )
            )
    if abk.case == "target":
        target = abk.for_target
        notes.append(
            markup(
                lang,
                "abk.target_note",
                n=fmt_int(target.activations, lang),
                simulated=fmt_int(target.simulated_activations, lang),
            )
        )
    return notes
