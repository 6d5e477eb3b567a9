"""The Excel input template (issue 13): a scenario written as a workbook reads back as the
same resolved scenario and runs to the same summary.json; a bad workbook is one line naming
its sheet and cell; a region file runs from any folder."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sim.cli import main
from sim.scenario import PACKAGE_DEFAULTS, load, origins_of
from sim.template.layout import KEY_COL, NOTE, NOTE_COL, TABLES
from sim.template.read import load_template
from sim.template.write import write_template

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
REGIONS = sorted(p.stem for p in SCENARIOS.glob("*.yaml"))
ALL = [*REGIONS, "validation/mmc", "uncertain/malang_2023"]
MMC = SCENARIOS / "validation" / "mmc.yaml"


def dumped(scenario) -> str:
    """Every key of a resolved scenario, variants included, with numbers' types kept."""
    return json.dumps(scenario.model_dump(mode="json", by_alias=True), sort_keys=True)


def template_of(name: str, where: Path, lang: str = "id") -> Path:
    path = SCENARIOS / f"{name}.yaml"
    book = where / f"{Path(name).stem}.xlsx"
    write_template(load(path), origins_of(path), book, lang)
    return book


def test_the_regions_are_all_here():
    assert len(REGIONS) == 5, REGIONS


@pytest.mark.parametrize("name", ALL)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_yaml_to_template_to_scenario_is_the_same_scenario(name, lang, tmp_path):
    original = load(SCENARIOS / f"{name}.yaml")
    again, _ = load_template(template_of(name, tmp_path, lang))
    assert dumped(again) == dumped(original)


def run(source: Path, out: Path, capsys) -> bytes:
    status = main([str(source), "-n", "1", "--seed", "3", "--quiet", "--out", str(out)])
    capsys.readouterr()
    assert status == 0
    return (out / "summary.json").read_bytes()


@pytest.mark.parametrize("name", REGIONS)
def test_the_template_runs_to_the_same_summary_as_its_yaml(name, tmp_path, capsys):
    book = template_of(name, tmp_path)
    from_yaml = run(SCENARIOS / f"{name}.yaml", tmp_path / "yaml", capsys)
    assert run(book, tmp_path / "book", capsys) == from_yaml


def test_the_command_writes_the_template_and_the_yaml(tmp_path, capsys):
    book, text = tmp_path / "mmc.xlsx", tmp_path / "alone" / "mmc.yaml"
    assert main([str(MMC), "--template", str(book)]) == 0
    text.parent.mkdir()
    assert main([str(book), "--export-yaml", str(text)]) == 0
    assert main(["--template", str(tmp_path / "b.xlsx"), "--from", str(text)]) == 0
    capsys.readouterr()
    assert dumped(load(text)) == dumped(load(MMC))  # the YAML stands alone in its folder
    assert dumped(load_template(tmp_path / "b.xlsx")[0]) == dumped(load(MMC))


def test_the_template_says_where_each_input_comes_from(tmp_path):
    book = load_workbook(template_of("mojokerto_2023", tmp_path))
    sheet = book["Periode dan target"]
    rows = {sheet.cell(r, KEY_COL).value: r for r in range(2, sheet.max_row + 1)}
    assert sheet.cell(rows["goal.residents_obliged_ktp"], 1).value == "Target › Wajib KTP (WKTP)"
    assert "1,134,913" in sheet.cell(rows["goal.residents_obliged_ktp"], NOTE_COL).value
    other = book["Pengaturan lain"]
    notes = [other.cell(r, NOTE_COL).value or "" for r in range(2, other.max_row + 1)]
    assert any("ASSUMPTION" in n and "defaults.yaml" in n for n in notes)
    assert book.sheetnames[0] == "Petunjuk"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_row_and_column_of_the_template_says_what_it_means(tmp_path, lang):
    """A help per row of the key-value sheets, a note per column head of the tables, and
    the list of every table column on the first sheet; labels in words, not keys."""
    path = tmp_path / "t.xlsx"
    assert (
        main(
            [
                "--template",
                str(path),
                "--from",
                str(SCENARIOS / "mojokerto_2023.yaml"),
                "--lang",
                lang,
            ]
        )
        == 0
    )
    book = load_workbook(path)
    tables = {(t.sheet_id if lang == "id" else t.sheet_en) for t in TABLES}
    listed = {(r[0], r[2]) for r in book.worksheets[0].iter_rows(values_only=True) if r[0]}
    bare = []
    for sheet in book.worksheets[1:-1]:
        if sheet.title in tables:
            for col in range(1, sheet.max_column + 1):
                key, head = sheet.cell(2, col).value, sheet.cell(1, col)
                if key == NOTE:
                    continue
                assert head.comment is not None and head.comment.text, (sheet.title, key)
                assert (sheet.title, key) in listed, (sheet.title, key)
                bare += [key] if head.value == key and "_" in key else []
        else:
            for row in range(2, sheet.max_row + 1):
                key = sheet.cell(row, KEY_COL).value
                assert sheet.cell(row, 3).value, (sheet.title, key)
                bare += [key] if sheet.cell(row, 1).value == key else []
    assert bare == []


def test_the_template_validates_kinds_sites_counts_and_shares(tmp_path):
    book = load_workbook(template_of("mojokerto_2023", tmp_path))
    sites = book["Lokasi"]
    keys = {sites.cell(2, c).value: sites.cell(2, c).column_letter for c in range(1, 30)}
    rules = {str(r.sqref).split(":")[0][:-1]: r for r in sites.data_validations.dataValidation}
    assert rules[keys["kind"]].type == "list"
    assert rules[keys["kind"]].formula1 == '"Kantor dinas / MPP,Pos kecamatan,Pos desa/kelurahan"'
    assert sites[f"{keys['kind']}3"].value == "Kantor dinas / MPP"  # words, not main_office
    assert (rules[keys["officers"]].type, rules[keys["officers"]].formula2) == ("whole", "1000")
    assert rules[keys["walk_in_share"]].type == "decimal"
    teams = book["Tim jemput bola"]
    lists = [r.formula1 for r in teams.data_validations.dataValidation if r.type == "list"]
    assert any("school" in f and "pesantren" in f for f in lists)


def test_text_that_looks_like_a_formula_is_written_as_text(tmp_path, mmc_like):
    book = tmp_path / "f.xlsx"
    scenario = mmc_like(name='=HYPERLINK("http://x","klik")')
    write_template(scenario, {}, book, "id")
    with zipfile.ZipFile(book) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in z.read(n) for n in sheets)
    assert load_template(book)[0].name == scenario.name


@pytest.fixture
def mmc_like():
    from sim.scenario import full_tree, validate

    def make(**changes):
        tree = full_tree(load(MMC)) | changes
        return validate(tree, "test")

    return make


# --- bad workbooks: one line, exit 2, sheet and cell named -----------------------------------


def refused(source: Path, capsys) -> str:
    status = main([str(source), "-n", "1", "--quiet", "--out", str(source.parent / "out")])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err


def edited(book_path: Path, sheet: str, key: str, value, column_key: str | None = None) -> str:
    """Put ``value`` in the cell of ``key``; return the cell's address as errors name it."""
    book = load_workbook(book_path)
    ws = book[sheet]
    if column_key is None:  # a key-value sheet: the key in column D, the value in B
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, KEY_COL).value == key)
        cell = ws.cell(row, 2)
    else:  # a table: the key in row 2; ``key`` is the first item's row (3)
        col = next(c for c in range(1, ws.max_column + 1) if ws.cell(2, c).value == column_key)
        cell = ws.cell(3, col)
    cell.value = value
    book.save(book_path)
    return f"'{sheet}'!{cell.coordinate}"


def test_a_text_in_a_number_cell_names_the_cell(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    where = edited(book, "Lokasi", "", "delapan", column_key="officers")
    err = refused(book, capsys)
    assert f"{book}: {where}: sites." in err and "officers" in err


@pytest.mark.parametrize("typed", ["Pos kecamatan", "Kecamatan posts", "kecamatan_post"])
def test_a_site_kind_is_read_in_either_languages_words_or_as_its_code(tmp_path, typed):
    book = template_of("mojokerto_2023", tmp_path)
    edited(book, "Lokasi", "", typed, column_key="kind")
    assert load_template(book)[0].sites[0].kind == "kecamatan_post"


def test_an_unknown_kind_names_the_cell(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    where = edited(book, "Lokasi", "", "kantor_cabang", column_key="kind")
    assert where in refused(book, capsys)


def test_a_text_in_a_date_cell_names_the_cell(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    where = edited(book, "Periode dan target", "period.start", "besok")
    err = refused(book, capsys)
    assert f"{where}: period.start" in err


def test_a_date_in_a_number_cell_names_the_cell(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    where = edited(book, "Periode dan target", "goal.activated_at_start", dt.date(2023, 1, 1))
    assert where in refused(book, capsys)


def test_an_unreadable_list_names_the_cell(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    where = edited(book, "Pengaturan lain", "calendar.extra_closures", "[2023-01-05,")
    err = refused(book, capsys)
    assert where in err and "daftar tidak bisa dibaca" in err


def test_a_deleted_sheet_is_named(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    wb = load_workbook(book)
    del wb["Lokasi"]
    wb.save(book)
    assert "lembar 'Lokasi' tidak ada" in refused(book, capsys)


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, capsys):
    book = tmp_path / "x.xlsx"
    book.write_text("name: bukan excel\n", encoding="utf-8")
    assert "bukan buku kerja Excel" in refused(book, capsys)


def test_a_row_without_its_key_is_refused(tmp_path, capsys):
    book = template_of("validation/mmc", tmp_path)
    where = edited(book, "Jam buka", "", None, column_key="_key")
    assert where in refused(book, capsys)


def test_template_without_a_scenario_is_one_line(tmp_path, capsys):
    assert main(["--template", str(tmp_path / "t.xlsx")]) == 2
    assert "sebutkan skenario" in capsys.readouterr().err


# --- a scenario that stands alone --------------------------------------------------------------


def test_a_region_file_copied_anywhere_runs(tmp_path):
    copy = tmp_path / "elsewhere" / "mojokerto.yaml"
    copy.parent.mkdir()
    shutil.copy(SCENARIOS / "mojokerto_2023.yaml", copy)
    assert dumped(load(copy)) == dumped(load(SCENARIOS / "mojokerto_2023.yaml"))


def test_a_defaults_file_beside_the_scenario_is_used(tmp_path):
    shutil.copy(SCENARIOS / "mojokerto_2023.yaml", tmp_path / "m.yaml")
    text = PACKAGE_DEFAULTS.read_text(encoding="utf-8")
    changed = text.replace("android_share: 0.88", "android_share: 0.5", 1)
    assert changed != text
    (tmp_path / "defaults.yaml").write_text(changed, encoding="utf-8")
    assert load(tmp_path / "m.yaml").residents.android_share == 0.5


def test_a_missing_base_names_the_folder(tmp_path, capsys):
    path = tmp_path / "m.yaml"
    text = (SCENARIOS / "mojokerto_2023.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("base: defaults.yaml", "base: bawaan.yaml"), encoding="utf-8")
    err = refused(path, capsys)
    assert f"{path}: base: bawaan.yaml tidak ada di samping skenario (di {tmp_path})" in err


def test_a_table_with_no_items_offers_its_columns_and_reads_a_filled_row(tmp_path):
    book_path = template_of("validation/mmc", tmp_path)  # no PPPK additions
    book = load_workbook(book_path)
    sheet = book["PPPK"]
    keys = [c.value for c in sheet[2]]
    assert keys == ["site", "officers", "devices", "from", NOTE]
    assert sheet.cell(1, 2).comment is not None  # the column says what it means
    for col, value in enumerate(["Loket", 2, 2, dt.datetime(2023, 2, 1)], start=1):
        sheet.cell(3, col, value)
    book.save(book_path)
    (added,) = load_template(book_path)[0].staff.pppk
    assert (added.site, added.officers, added.devices) == ("Loket", 2, 2)
    assert added.from_date == dt.date(2023, 2, 1)
