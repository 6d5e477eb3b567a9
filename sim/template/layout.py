"""Which part of the scenario goes on which sheet, and the sheets' words.

Every key of the resolved scenario lands on exactly one sheet: the tables hold lists of items
(one row per item) or mappings of items (one row per key), the key-value sheets hold single
values, and "Pengaturan lain" every value no other sheet took. The reader uses the technical
key written on each sheet, not its label, so a label may be translated freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from sim.report.i18n import t
from sim.scenario import FIXED_KINDS

Shape = Literal["list", "mapping", "grouped"]  # items; key -> item; key -> list of items


@dataclass(frozen=True)
class Table:
    """A sheet with one row per item of the list (or mapping) at ``path``."""

    sheet_id: str
    sheet_en: str
    path: str
    shape: Shape


@dataclass(frozen=True)
class Values:
    """A key-value sheet: every single value whose key starts with one of ``prefixes``."""

    sheet_id: str
    sheet_en: str
    prefixes: tuple[str, ...]


VALUES = [
    Values("Periode dan target", "Period and target", ("name", "description", "period", "goal")),
    Values("Biaya", "Costs", ("staff.costs",)),
]
TABLES = [
    Table("Lokasi", "Sites", "sites", "list"),
    Table("Tim jemput bola", "Outreach teams", "outreach.teams", "list"),
    Table("Lembaga", "Institutions", "outreach.institutions", "mapping"),
    Table("Jenis kegiatan", "Event kinds", "outreach.event_kinds", "mapping"),
    Table("Segmen warga", "Resident segments", "residents.segments", "list"),
    Table("PPPK", "PPPK additions", "staff.pppk", "list"),
    Table("Kunjungan rumah", "Home visits", "home_visits", "list"),
    Table("Jam buka", "Opening hours", "calendar.opening_hours", "mapping"),
    Table("Libur", "Closures", "calendar.closures", "grouped"),
    Table("Sensitivitas", "Sensitivity", "sensitivity", "mapping"),
    Table("Input tak pasti", "Uncertain inputs", "uncertain.inputs", "mapping"),
]
OTHER = Values("Pengaturan lain", "Other settings", ())
PROPOSALS = ("Usulan", "Proposals")
README = ("Petunjuk", "How to use")
KEY = "_key"  # the column of a mapping's key
NOTE = "_note"  # the column of sources and notes (not read back)
VALUE_COL, KEY_COL, NOTE_COL = 2, 4, 5  # a key-value sheet: label, value, help, key, source


# Columns whose codes the template shows in words (both languages' words are read back).
WORDED = {("sites", "kind"): FIXED_KINDS}


def in_words(path: str, key: str, value: Any, lang: str) -> Any:
    """A coded value of a worded column as its words ("main_office" -> "Kantor dinas / MPP")."""
    codes = WORDED.get((path, key), ())
    return t(lang, f"channel.{value}") if value in codes else value


def from_words(path: str, key: str, value: Any) -> Any:
    """The code of a worded column's words in either language (a code stays itself)."""
    for code in WORDED.get((path, key), ()):
        if value in (t("id", f"channel.{code}"), t("en", f"channel.{code}")):
            return code
    return value


def sheet_name(sheet: Table | Values, lang: str) -> str:
    return sheet.sheet_id if lang == "id" else sheet.sheet_en


WORDS = {
    "id": {
        "label": "Isian",
        "value": "Nilai",
        "key": "Kunci (jangan diubah)",
        "note": "Sumber / keterangan",
        "help": "Penjelasan",
        "fields": "Daftar isian tiap lembar",
        "sheet": "Lembar",
        "proposal_key": "Kunci yang diubah",
        "description": "Keterangan usulan",
        "description_id": "Keterangan (Bahasa Indonesia)",
        "readme": [
            "Templat masukan simulator IKD: isi sel berwarna kuning, lalu jalankan",
            "    run_sim.py BERKAS.xlsx",
            "Setiap lembar memuat satu bagian skenario. Baris kedua tabel (abu-abu) berisi kunci",
            "teknis yang dibaca simulator: jangan diubah. Kolom 'Sumber / keterangan' berisi",
            "sumber angka atau 'ASSUMPTION' dengan dasarnya; perbarui bila angkanya diubah.",
            "Sel kosong berarti nilai bawaan. Daftar ditulis seperti [a, b] atau {kunci: nilai}.",
            "Lembar 'Usulan': satu kolom per usulan, satu baris per kunci yang diubah.",
            "Arti setiap isian: kolom 'Penjelasan', catatan pada judul kolom, dan daftar di bawah.",
        ],
    },
    "en": {
        "label": "Input",
        "value": "Value",
        "key": "Key (do not change)",
        "note": "Source / note",
        "help": "What it means",
        "fields": "The inputs of each sheet",
        "sheet": "Sheet",
        "proposal_key": "Key changed",
        "description": "Proposal description",
        "description_id": "Description (Bahasa Indonesia)",
        "readme": [
            "IKD simulator input template: fill in the yellow cells, then run",
            "    run_sim.py FILE.xlsx",
            "Each sheet holds one part of the scenario. The second row of a table (grey) holds",
            "the technical keys the simulator reads: do not change it. The 'Source / note' column",
            "gives each number's source or 'ASSUMPTION' with its basis; update it with the number.",
            "An empty cell means the default. Lists are written as [a, b] or {key: value}.",
            "Sheet 'Proposals': one column per proposal, one row per key it changes.",
            "What each input means: column 'What it means', notes on column heads, the list below.",
        ],
    },
}
