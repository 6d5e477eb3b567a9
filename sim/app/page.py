"""The Streamlit page: pick or upload a scenario, edit staff, run, read the answer.

Started by :mod:`sim.app.launch` with the working folder in ``IKD_APP_WORK``; every file it
reads or writes lies under that folder.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from sim import fields
from sim.app import session
from sim.app.words import WORDS
from sim.report.i18n import t
from sim.scenario import WEEKDAYS, ScenarioError
from sim.template.write import write_template

WORK = Path(os.environ.get("IKD_APP_WORK", ".")).resolve()


def main() -> None:
    st.set_page_config(page_title=WORDS["id"]["title"], layout="wide")
    lang = st.sidebar.radio("Bahasa / Language", ["id", "en"], horizontal=True)
    w = WORDS[lang]
    st.title(w["title"])
    st.caption(w["intro"])
    tree = _scenario(w, lang)
    if tree is None:
        return
    runs = st.sidebar.number_input(w["runs"], 1, 500, 10, key="runs")
    seed = st.sidebar.number_input(w["seed"], 0, 2**31, 12345, key="seed")
    try:
        _edit(tree, w, lang)
    except ScenarioError as exc:
        st.error(exc.render(lang))
        return
    mode = _buttons(w)
    if mode:
        _run(tree, mode, int(runs), int(seed), lang, w)
    if "out" in st.session_state:
        _answer(Path(st.session_state["out"]), tree, lang, w)


def _scenario(w: dict, lang: str) -> dict | None:
    """The raw tree of the chosen (or uploaded) scenario, kept while the choice stays."""
    upload = st.sidebar.file_uploader(w["upload"], type=["xlsx"])
    if upload is not None:
        path = WORK / "app-uploads" / Path(upload.name).name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(upload.getvalue())
    else:
        files = session.scenario_files(WORK)
        if not files:
            st.warning(w["none"].format(work=WORK.name))
            return None
        names = [str(p.relative_to(WORK)) for p in files]
        path = WORK / st.sidebar.selectbox(w["scenario"], names, key="scenario")
    if st.session_state.get("source") != str(path):
        try:
            st.session_state["tree"] = session.tree_of(path)
        except ScenarioError as exc:
            st.error(exc.render(lang).replace(f"{WORK}/", ""))
            return None
        st.session_state["source"] = str(path)
        st.session_state["loaded"] = st.session_state.get("loaded", 0) + 1
        st.session_state.pop("out", None)
    tree = st.session_state["tree"]
    st.subheader(tree["name"])
    return tree


def _edit(tree: dict, w: dict, lang: str) -> None:
    """Staff, teams, PPPK and proposals; the widgets' keys carry the load count, so a newly
    chosen scenario shows its own values, not the previous one's."""
    n = st.session_state["loaded"]
    with st.expander(w["sites"], expanded=True):
        for i, site in enumerate(tree["sites"]):
            name, officers, devices = st.columns([3, 1, 1])
            kind = t(lang, f"channel.{site['kind']}")
            name.markdown(f"**{site['name']}** ({kind}, {site['count']}×)")
            for col, key in ((officers, "officers"), (devices, "devices")):
                said = fields.shown(f"sites.{i}.{key}", lang)
                value = col.number_input(
                    w[key], 0, 1000, site[key], key=f"{n}-site-{i}-{key}", help=said.help
                )
                session.set_staff(tree, "sites", i, key, value)
    if tree["outreach"]["teams"]:
        with st.expander(w["teams"]):
            _teams(tree, n, lang, w)
    with st.expander(w["pppk"]):
        frame = pd.DataFrame(tree["staff"]["pppk"], columns=["site", "officers", "devices", "from"])
        edited = st.data_editor(frame, num_rows="dynamic", key=f"{n}-pppk")
        session.set_pppk(tree, edited.to_dict("records"))
    with st.expander(w["proposals"]):
        frame = pd.DataFrame(session.proposal_rows(tree), columns=["usulan", "kunci", "nilai"])
        edited = st.data_editor(frame, num_rows="dynamic", key=f"{n}-proposals")
        session.set_proposals(tree, edited.to_dict("records"))


def _teams(tree: dict, n: int, lang: str, w: dict) -> None:
    """Each team's staff and weekly plan (an event kind per weekday) in one table."""
    team, column = "outreach.teams.0", st.column_config
    config: dict = {"name": column.TextColumn(fields.shown(f"{team}.name", lang, team).label)}
    for key in session.TEAM_STAFF:
        said, low = fields.shown(f"{team}.{key}", lang, team), 0 if key == "devices" else 1
        config[key] = column.NumberColumn(w[key], help=said.help, min_value=low, step=1)
    kinds = [w["no_event"], *tree["outreach"]["event_kinds"]]
    for day in WEEKDAYS:
        said = fields.shown(f"{team}.weekly.{day}", lang, f"{team}.weekly")
        config[day] = column.SelectboxColumn(said.label, help=said.help, options=kinds)
    frame = pd.DataFrame(session.team_rows(tree)).replace("", w["no_event"])
    edited = st.data_editor(
        frame, column_config=config, disabled=["name"], hide_index=True, key=f"{n}-teams"
    )
    session.set_teams(tree, edited.replace(w["no_event"], "").to_dict("records"))


def _buttons(w: dict) -> str | None:
    cols, modes = st.columns(3), ("run", "compare", "find_staff")
    pressed = [
        col.button(w[m], key=f"button-{m}", type="primary" if m == "run" else "secondary")
        for col, m in zip(cols, modes, strict=True)
    ]
    return next((m for m, down in zip(modes, pressed, strict=True) if down), None)


def _run(tree: dict, mode: str, runs: int, seed: int, lang: str, w: dict) -> None:
    begun = time.monotonic()
    run = session.start(tree, WORK, mode, runs, seed, lang)
    doing = w["searching" if mode == "find_staff" else "running"]
    bar = st.progress(0.0, text=doing)
    while run.process.poll() is None:
        elapsed = w["elapsed"].format(s=time.monotonic() - begun)
        bar.progress(run.done_share(), text=f"{doing} {elapsed}")
        time.sleep(0.3)
    bar.empty()
    if run.process.returncode != 0:
        st.session_state.pop("out", None)
        st.error(session.error_line(run, WORK))
        return
    st.success(w["done"].format(s=time.monotonic() - begun))
    st.session_state["out"] = str(run.out)


def _answer(out: Path, tree: dict, lang: str, w: dict) -> None:
    st.header(w["answer"])
    report = (out / "report.html").read_text(encoding="utf-8")
    cols = st.columns(3)
    cols[0].download_button(w["download_report"], report, "report.html", "text/html")
    cols[1].download_button(w["download_book"], (out / "results.xlsx").read_bytes(), "results.xlsx")
    book = out.parent / "template.xlsx"
    if not book.exists():
        write_template(session.checked(tree, "app"), {}, book, lang)
    cols[2].download_button(w["download_template"], book.read_bytes(), "template.xlsx")
    _iframe(report, height=1400)


def _iframe(html: str, height: int) -> None:
    """The report in a frame of its own (st.iframe; components.html before Streamlit had it)."""
    if hasattr(st, "iframe"):
        st.iframe(html, height=height)
    else:  # pragma: no cover - Streamlit before st.iframe
        import streamlit.components.v1 as components

        components.html(html, height=height, scrolling=True)


main()
