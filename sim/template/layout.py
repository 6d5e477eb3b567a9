"""Which part of the scenario goes on which sheet, and the sheets' words.

Every key of the resolved scenario lands on exactly one sheet: the tables hold lists of items
(one row per item) or mappings of items (one row per key), the key-value sheets hold single
values, and "Pengaturan lain" every value no other sheet took. The reader uses the technical
key written on each sheet, not its label, so a label may be translated freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

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


def sheet_name(sheet: Table | Values, lang: str) -> str:
    return sheet.sheet_id if lang == "id" else sheet.sheet_en


WORDS = {
    "id": {
        "label": "Isian",
        "value": "Nilai",
        "key": "Kunci (jangan diubah)",
        "note": "Sumber / keterangan",
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
        ],
    },
    "en": {
        "label": "Input",
        "value": "Value",
        "key": "Key (do not change)",
        "note": "Source / note",
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
        ],
    },
}

# Labels of the keys planners meet most; any other key is shown as itself.
LABELS = {
    "name": ("Nama", "Name"),
    "description": ("Keterangan", "Description"),
    "period.start": ("Awal periode", "Period start"),
    "period.end": ("Akhir periode", "Period end"),
    "goal.residents_obliged_ktp": ("Wajib KTP (WKTP)", "Residents obliged to hold a KTP"),
    "goal.target_share": ("Target (porsi WKTP)", "Target (share of WKTP)"),
    "goal.target_count": ("Target (jumlah)", "Target (count)"),
    "goal.activated_at_start": ("Sudah aktif di awal", "Activated at the start"),
    "kind": ("Jenis", "Kind"),
    "count": ("Jumlah", "Count"),
    "officers": ("Petugas per lokasi", "Officers per site"),
    "devices": ("Perangkat per lokasi", "Devices per site"),
    "ikd_installed": ("Layanan IKD ada", "IKD service present"),
    "opens_on": ("Mulai buka", "Opens on"),
    "walk_ins_per_day": ("Datang sendiri per hari", "Walk-ins per day"),
    "other_service_visitors_per_day": ("Pengunjung layanan lain/hari", "Other visitors/day"),
    "site": ("Lokasi", "Site"),
    "from": ("Mulai", "From"),
    "until": ("Sampai", "Until"),
    "share": ("Porsi", "Share"),
    "staff.costs.pppk_officer_per_month": ("Gaji PPPK per bulan (Rp)", "PPPK per month (Rp)"),
    "staff.costs.device": ("Harga perangkat (Rp)", "Device (Rp)"),
    "staff.costs.vehicle_day": ("Kendaraan per hari (Rp)", "Vehicle per day (Rp)"),
}


def label(key: str, lang: str) -> str:
    """The label of a key (its full dotted path, or its last part) in ``lang``."""
    found = LABELS.get(key) or LABELS.get(key.rsplit(".", 1)[-1])
    return found[0 if lang == "id" else 1] if found else key
