"""Scenario problems in Bahasa Indonesia and English: a code, its values, and its wording.

Validators raise :class:`Problem` (a ValueError pydantic passes through); pydantic's own
error types are worded here too, so a planner reads every message in their language.
"""

from __future__ import annotations

from typing import Any

MESSAGES: dict[str, dict[str, str]] = {
    # reading the file
    "cannot_read": {
        "en": "cannot read file ({reason})",
        "id": "berkas tidak bisa dibaca ({reason})",
    },
    "not_utf8": {
        "en": "not UTF-8 text (byte {byte}); save the file as UTF-8",
        "id": "bukan teks UTF-8 (bita ke-{byte}); simpan berkas sebagai UTF-8",
    },
    "yaml_syntax": {
        "en": "YAML syntax error at {where}{detail}",
        "id": "kesalahan sintaks YAML di {where}{detail}",
    },
    "too_many_workers": {
        "en": "{n} workers on {cores} cores only slow the run; use at most {cores}, or add "
        "--force-workers",
        "id": "{n} proses pada {cores} inti hanya memperlambat; pakai paling banyak {cores}, "
        "atau tambahkan --force-workers",
    },
    "above_cap": {
        "en": "{n} is above --max-replications {cap}; raise the cap or ask for fewer",
        "id": "{n} melebihi --max-replications {cap}; naikkan batasnya atau minta lebih sedikit",
    },
    "dask_unreachable": {
        "en": "no dask scheduler answers at {address} ({reason})",
        "id": "tidak ada penjadwal dask yang menjawab di {address} ({reason})",
    },
    "control_character": {
        "en": "holds a control character ({char}); remove it",
        "id": "berisi karakter kendali ({char}); hapus karakter itu",
    },
    "out_is_file": {
        "en": "is a file; --out needs a folder",
        "id": "adalah berkas; --out harus berupa folder",
    },
    "out_locked": {
        "en": "another run is writing to this folder; wait for it or choose another --out",
        "id": "proses lain sedang menulis ke folder ini; tunggu atau pilih --out lain",
    },
    "resume_foreign": {
        "en": "{file} was written by another run (seed {seed} or another scenario); start "
        "afresh without --resume",
        "id": "{file} ditulis oleh proses lain (seed {seed} atau skenario lain); mulai dari awal "
        "tanpa --resume",
    },
    "period_too_long": {
        "en": "the period may be at most {days} days (ten years)",
        "id": "periode paling lama {days} hari (sepuluh tahun)",
    },
    "file_too_large": {
        "en": "is {size} bytes; a scenario file may be at most {limit} bytes",
        "id": "berukuran {size} bita; berkas skenario paling besar {limit} bita",
    },
    "not_a_file": {"en": "is not a regular file", "id": "bukan berkas biasa"},
    "too_many_nodes": {
        "en": "holds more than {limit} values once its aliases (*name) are expanded",
        "id": "berisi lebih dari {limit} nilai setelah alias (*nama) diuraikan",
    },
    "base_chain_long": {
        "en": "more than {limit} files in the chain of base: files",
        "id": "lebih dari {limit} berkas dalam rantai base:",
    },
    "bad_date": {
        "en": "{where}{value} is not a date on the calendar (YYYY-MM-DD)",
        "id": "{where}{value} bukan tanggal yang ada di kalender (TTTT-BB-HH)",
    },
    "duplicate_key": {
        "en": "written twice in one mapping (lines {first} and {second}); keep one",
        "id": "ditulis dua kali dalam satu kelompok (baris {first} dan {second}); sisakan satu",
    },
    "bool_number": {
        "en": "must be a number, not true or false",
        "id": "harus berupa angka, bukan true atau false",
    },
    "not_finite": {
        "en": "must be a finite number (not .inf or .nan)",
        "id": "harus berupa angka terhingga (bukan .inf atau .nan)",
    },
    "not_mapping": {
        "en": "the file must hold a mapping of keys (name, period, ...)",
        "id": "berkas harus berisi pasangan kunci dan nilai (name, period, ...)",
    },
    "base_not_file": {"en": "must be a file name", "id": "harus berupa nama berkas"},
    "base_cycle": {"en": "{base} includes itself", "id": "{base} memuat dirinya sendiri"},
    "base_missing": {
        "en": "{base} is neither beside the scenario (in {folder}) nor one the simulator ships",
        "id": "{base} tidak ada di samping skenario (di {folder}) dan bukan bawaan simulator",
    },
    # the input workbook (run_sim.py FILE.xlsx)
    "template_needs_scenario": {
        "en": "name the scenario whose values fill it: run_sim.py SCENARIO.yaml --template FILE",
        "id": "sebutkan skenario pengisinya: run_sim.py SKENARIO.yaml --template BERKAS",
    },
    "not_a_workbook": {
        "en": "not an Excel workbook (.xlsx) the simulator can read",
        "id": "bukan buku kerja Excel (.xlsx) yang bisa dibaca simulator",
    },
    "sheet_missing": {
        "en": "sheet '{sheet}' is missing (make a new template with --template)",
        "id": "lembar '{sheet}' tidak ada (buat templat baru dengan --template)",
    },
    "cell_flow_unreadable": {
        "en": "the list or mapping cannot be read: write [a, b] or {{key: value}}",
        "id": "daftar tidak bisa dibaca: tulis [a, b] atau {{kunci: nilai}}",
    },
    "cell_key_twice": {
        "en": "key {key} is given twice",
        "id": "kunci {key} diisi dua kali",
    },
    "cell_key_conflict": {
        "en": "key {key}: {part} already holds a value",
        "id": "kunci {key}: {part} sudah berisi nilai",
    },
    "cell_key_missing": {
        "en": "the first column (the key) is empty in a filled row",
        "id": "kolom pertama (kunci) kosong pada baris yang terisi",
    },
    # the observed record (--observed)
    "observed_empty": {
        "en": "the file holds no observations (a header and one row per date are needed)",
        "id": "berkas tidak berisi pengamatan (perlu baris judul dan satu baris per tanggal)",
    },
    "observed_too_big": {
        "en": "the file is larger than {limit} MB; an office's record is a few hundred rows",
        "id": "berkas lebih besar dari {limit} MB; catatan dinas hanya beberapa ratus baris",
    },
    "observed_missing_column": {
        "en": "the column is missing (needed: date, cumulative_activations)",
        "id": "kolom ini tidak ada (wajib: date, cumulative_activations)",
    },
    "observed_duplicate_column": {
        "en": "the column appears twice",
        "id": "kolom ini muncul dua kali",
    },
    "observed_unknown_column": {
        "en": "unknown column (use date, cumulative_activations, source, a channel or a "
        "site of the scenario)",
        "id": "kolom tidak dikenal (gunakan date, cumulative_activations, source, kanal "
        "atau lokasi skenario)",
    },
    "observed_cells": {
        "en": "the row has {n} cells, the header {expected}",
        "id": "baris berisi {n} sel, baris judul {expected}",
    },
    "observed_date": {
        "en": "{text!r} is not a date like 2023-09-30",
        "id": "{text!r} bukan tanggal seperti 2023-09-30",
    },
    "observed_outside": {
        "en": "the date is outside the scenario's period ({start} to {end})",
        "id": "tanggal di luar periode skenario ({start} s.d. {end})",
    },
    "observed_count": {
        "en": "{text!r} is not a whole number of residents",
        "id": "{text!r} bukan bilangan bulat jumlah warga",
    },
    "observed_order": {
        "en": "dates must go forward: this one is not after {before}",
        "id": "tanggal harus maju: tanggal ini tidak setelah {before}",
    },
    "observed_decreasing": {
        "en": "a cumulative count cannot fall: {before} the row before",
        "id": "jumlah kumulatif tidak bisa turun: {before} pada baris sebelumnya",
    },
    # values
    "unknown_key": {
        "en": "unknown key (not part of the scenario format; check the spelling)",
        "id": "kunci tidak dikenal (bukan bagian format skenario; periksa ejaannya)",
    },
    "missing": {"en": "required key is missing", "id": "kunci wajib belum diisi"},
    "ge": {"en": "must be at least {ge}", "id": "harus paling sedikit {ge}"},
    "gt": {"en": "must be greater than {gt}", "id": "harus lebih besar dari {gt}"},
    "le": {"en": "must be at most {le}", "id": "harus paling banyak {le}"},
    "lt": {"en": "must be less than {lt}", "id": "harus lebih kecil dari {lt}"},
    "int": {"en": "must be a whole number", "id": "harus bilangan bulat"},
    "number": {"en": "must be a number", "id": "harus berupa angka"},
    "bool": {"en": "must be true or false", "id": "harus true atau false"},
    "date": {"en": "must be a date like 2023-03-01", "id": "harus tanggal seperti 2023-03-01"},
    "text": {"en": "must be text", "id": "harus berupa teks"},
    "list": {"en": "must be a list", "id": "harus berupa daftar (list)"},
    "mapping": {"en": "must be a mapping of keys", "id": "harus berupa pasangan kunci dan nilai"},
    "choice": {"en": "must be one of {expected}", "id": "harus salah satu dari {expected}"},
    "too_short": {"en": "must not be empty", "id": "tidak boleh kosong"},
    "dist_kind": {
        "en": "unknown distribution kind {tag}; use one of {expected}",
        "id": "jenis distribusi {tag} tidak dikenal; gunakan salah satu dari {expected}",
    },
    "dist_no_kind": {
        "en": "a distribution needs 'kind' (fixed, exponential, triangular, ...) or a number",
        "id": "distribusi perlu 'kind' (fixed, exponential, triangular, ...) atau sebuah angka",
    },
    # the scenario's own rules
    "window_format": {
        "en": "{text!r} is not a window like '08:00-14:00'",
        "id": "{text!r} bukan jam layanan seperti '08:00-14:00'",
    },
    "window_order": {"en": "{text!r} closes before it opens", "id": "{text!r} tutup sebelum buka"},
    "end_before_start": {"en": "end is before start", "id": "end lebih awal dari start"},
    "one_target": {
        "en": "give exactly one of target_share and target_count",
        "id": "isi tepat satu dari target_share dan target_count",
    },
    "start_above_obliged": {
        "en": "activated_at_start exceeds residents_obliged_ktp",
        "id": "activated_at_start melebihi residents_obliged_ktp",
    },
    "site_no_devices": {
        "en": "site has officers but no devices (an activation needs an officer device with "
        "SIAK access; set ikd_installed: false if the post does not offer IKD)",
        "id": "lokasi punya petugas tetapi tidak punya perangkat (aktivasi perlu perangkat "
        "petugas dengan akses SIAK; isi ikd_installed: false bila pos tidak melayani IKD)",
    },
    "team_no_devices": {
        "en": "team has officers but no devices",
        "id": "tim punya petugas tetapi tidak punya perangkat",
    },
    "until_before_from": {"en": "until is before from", "id": "until lebih awal dari from"},
    "profile_no_weight": {
        "en": "time_of_day_profile needs at least one positive weight",
        "id": "time_of_day_profile perlu paling sedikit satu bobot positif",
    },
    "segments_not_whole": {
        "en": "the segments' shares must add up to 1 (they make up every resident obliged to "
        "hold a KTP)",
        "id": "jumlah share seluruh segmen harus 1 (segmen mencakup semua wajib KTP)",
    },
    "unknown_segment": {
        "en": "unknown segment {name!r} (define it under residents.segments)",
        "id": "segmen {name!r} tidak dikenal (tetapkan di residents.segments)",
    },
    "walk_in_shares_not_whole": {
        "en": "with demand.adoption the sites' walk_in_share must add up to 1 (every "
        "resident who decides to activate goes to some site)",
        "id": "dengan demand.adoption jumlah walk_in_share semua lokasi harus 1 (setiap "
        "warga yang memutuskan aktivasi datang ke salah satu lokasi)",
    },
    "walk_in_share_without_adoption": {
        "en": "sites give walk_in_share but demand.adoption is missing (declare p_per_year "
        "and q_per_year, or use walk_ins_per_day)",
        "id": "lokasi mengisi walk_in_share tetapi demand.adoption tidak ada (isi p_per_year "
        "dan q_per_year, atau pakai walk_ins_per_day)",
    },
    "register_one_form": {
        "en": "give either count with headcount, or named institutions (not both)",
        "id": "isi count bersama headcount, atau daftar named (bukan keduanya)",
    },
    "unknown_closures": {
        "en": "unknown closures {name!r} (define them under calendar.closures)",
        "id": "periode tutup {name!r} tidak dikenal (tetapkan di calendar.closures)",
    },
    "duplicate_name": {
        "en": "names must be unique: {name!r} is used twice",
        "id": "nama harus unik: {name!r} dipakai dua kali",
    },
    "unknown_hours": {
        "en": "unknown opening hours {name!r} (define them under calendar.opening_hours)",
        "id": "jam layanan {name!r} tidak dikenal (tetapkan di calendar.opening_hours)",
    },
    "catchment_with_register": {
        "en": "event kind {name!r} visits a register of institutions: its crowd comes from "
        "the register, so it cannot also have a catchment",
        "id": "jenis kegiatan {name!r} mendatangi daftar lembaga: pesertanya dari daftar itu, "
        "jadi tidak bisa juga punya catchment",
    },
    "unknown_event_kind": {
        "en": "unknown event kind {name!r} (define it under outreach.event_kinds)",
        "id": "jenis acara {name!r} tidak dikenal (tetapkan di outreach.event_kinds)",
    },
    "unknown_site": {
        "en": "unknown site or team {name!r}",
        "id": "lokasi atau tim {name!r} tidak dikenal",
    },
    "baseline_reserved": {
        "en": "'baseline' is the unchanged scenario and cannot be a variant name",
        "id": "'baseline' adalah skenario tanpa perubahan, tidak bisa jadi nama varian",
    },
    "triangular_order": {
        "en": "needs low <= mode <= high and low < high",
        "id": "perlu low <= mode <= high dan low < high",
    },
    "uniform_order": {"en": "needs low <= high", "id": "perlu low <= high"},
    "joint_row_length": {
        "en": "every sample needs one value per key in keys",
        "id": "setiap sampel perlu satu nilai untuk setiap kunci di keys",
    },
    "uncertain_not_number": {
        "en": "{path} holds {found}, not a number: only numeric keys can be uncertain",
        "id": "{path} berisi {found}, bukan angka: hanya kunci berupa angka yang bisa tidak pasti",
    },
    "no_uncertain_inputs": {
        "en": "the scenario declares no uncertain inputs (add an uncertain: block)",
        "id": "skenario tidak menyatakan input tidak pasti (tambahkan blok uncertain:)",
    },
    "calibrate_prior_kind": {
        "en": "a {kind} prior cannot be calibrated: give it as uniform, triangular, "
        "lognormal or exponential",
        "id": "prior {kind} tidak bisa dikalibrasi: nyatakan sebagai uniform, triangular, "
        "lognormal atau exponential",
    },
    "needs_observed": {
        "en": "needs the office's record: add --observed FILE.csv",
        "id": "memerlukan catatan dinas: tambahkan --observed BERKAS.csv",
    },
    "nothing_left": {
        "en": "the last observation ({date}) is at or after the period's end: nothing left to run",
        "id": "pengamatan terakhir ({date}) pada atau setelah akhir periode: "
        "tidak ada sisa periode",
    },
    "backtest_no_data": {
        "en": "no observation on or before {date} to calibrate on",
        "id": "tidak ada pengamatan pada atau sebelum {date} untuk kalibrasi",
    },
    "backtest_nothing_after": {
        "en": "no observation after {date} in the period to check the forecast against",
        "id": "tidak ada pengamatan setelah {date} dalam periode untuk menguji prakiraan",
    },
    "weights_length": {
        "en": "weights must have one entry per value",
        "id": "weights harus punya satu bobot untuk setiap nilai",
    },
    "weights_zero": {
        "en": "weights must not all be zero",
        "id": "weights tidak boleh nol semua",
    },
    # variants and --set
    "no_such_key": {
        "en": "{path} does not exist in the scenario",
        "id": "{path} tidak ada dalam skenario",
    },
    "no_variant": {
        "en": "no variant named {name!r} (known: {known})",
        "id": "tidak ada varian bernama {name!r} (yang ada: {known})",
    },
    "set_format": {"en": "expected KEY.PATH=VALUE", "id": "format harus KUNCI.JALUR=NILAI"},
    "set_value": {"en": "cannot read value {text!r}", "id": "nilai {text!r} tidak bisa dibaca"},
    "raw": {"en": "{text}", "id": "{text}"},
    "resume_nothing": {
        "en": "no earlier run to resume in this folder",
        "id": "tidak ada hasil sebelumnya untuk dilanjutkan di folder ini",
    },
    "resume_seed": {
        "en": "the earlier run used seed {was}, this one {now}; use the same seed or a new folder",
        "id": "hasil sebelumnya memakai seed {was}, kali ini {now}; pakai seed yang sama "
        "atau folder baru",
    },
    "resume_changed": {
        "en": "the scenario of variant {variant!r} changed since the earlier run; "
        "start a new folder instead of resuming",
        "id": "skenario varian {variant!r} berubah sejak hasil sebelumnya; "
        "mulai di folder baru, jangan dilanjutkan",
    },
    "no_dask": {
        "en": "dask.distributed is not installed: pip install -e '.[cluster]'",
        "id": "dask.distributed belum terpasang: pip install -e '.[cluster]'",
    },
    "cannot_write": {
        "en": "cannot write the file ({reason})",
        "id": "berkas tidak bisa ditulis ({reason})",
    },
}

# pydantic error type -> our message code and the context values it needs
_PYDANTIC: dict[str, str] = {
    "extra_forbidden": "unknown_key",
    "missing": "missing",
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "float_type": "number",
    "float_parsing": "number",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "date_type": "date",
    "date_parsing": "date",
    "date_from_datetime_parsing": "date",
    "date_from_datetime_inexact": "date",
    "string_type": "text",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "literal_error": "choice",
    "too_short": "too_short",
    "union_tag_invalid": "dist_kind",
    "union_tag_not_found": "dist_no_kind",
    "string_too_short": "too_short",
    "finite_number": "not_finite",
}


class Problem(ValueError):
    """A problem with a message code; ``key`` (optional) overrides where pydantic points."""

    def __init__(self, code: str, key: str | None = None, **params: Any) -> None:
        self.code, self.key, self.params = code, key, params
        super().__init__(render(code, params, "en"))


def render(code: str, params: dict[str, Any], lang: str) -> str:
    """The wording of a problem in ``lang``."""
    return MESSAGES[code][lang].format(**params)


def from_pydantic(error: dict) -> tuple[str, dict[str, Any]] | None:
    """Our (code, params) for one pydantic error, or None when we have no wording for it."""
    cause = error.get("ctx", {}).get("error")
    if isinstance(cause, Problem):
        return cause.code, cause.params
    code = _PYDANTIC.get(error["type"])
    if code is None:
        return None
    params = {k: v for k, v in error.get("ctx", {}).items() if k != "error"}
    if "expected_tags" in params:
        params["expected"] = params.pop("expected_tags")
    return code, params
