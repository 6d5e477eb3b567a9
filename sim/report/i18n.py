"""Text shown to users, in Bahasa Indonesia (default) and English, and number formatting."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from sim.report.page_one_text import PAGE_ONE_TEXT
from sim.report.report_text import REPORT_TEXT
from sim.report.workbook_text import WORKBOOK_TEXT

LANGS = ("id", "en")

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "scenario": "Skenario",
        "variant": "Varian",
        "runs": "{n} replikasi, seed {seed}",
        "period": "Periode {start} s.d. {end}",
        "target": "Target aktivasi IKD",
        "at_start": "Sudah aktif di awal periode",
        "activations": "Aktivasi s.d. akhir periode (rata-rata)",
        "ci": "IK 95%",
        "range": "rentang P10–P90",
        "p_reach": "Peluang mencapai target",
        "reached_date": "Tanggal target tercapai (median)",
        "not_reached": "tidak tercapai pada sebagian besar replikasi",
        "by_channel": "Aktivasi per kanal (rata-rata per replikasi)",
        "turned_away": "Warga pulang tanpa aktivasi, menurut alasan (rata-rata per replikasi)",
        "per_site": "Per jenis lokasi",
        "utilisation": "Utilisasi",
        "ikd_share": "untuk IKD",
        "wait_mean": "Tunggu rata-rata (menit)",
        "wait_p90": "Tunggu P90 (menit)",
        "main_limit": "Penghambat terbesar",
        "residents": "warga",
        "unserved_end": "Belum terlayani di akhir periode",
        "written": "Hasil ditulis ke",
        "scenario_required": "berkas skenario wajib disebut (YAML atau templat .xlsx)",
        "report_at": "Laporan untuk dibaca dan dicetak",
        "precision": "Presisi: IK 95% aktivasi ±{pct}% dari rata-rata, setelah {n} replikasi",
        "interrupted": (
            "Dihentikan. Replikasi yang selesai sudah tersimpan; lanjutkan dengan --resume FOLDER"
        ),
        "worker_died": (
            "sebuah proses pekerja berhenti mendadak; replikasi yang selesai sudah tersimpan, "
            "lanjutkan dengan --resume FOLDER"
        ),
        "compare_title": "Perbandingan usulan (selisih berpasangan terhadap baseline, IK 95%)",
        "variant_col": "Varian",
        "activations_col": "Aktivasi (rata-rata)",
        "p_reach_col": "P(target)",
        "diff_col": "Selisih aktivasi",
        "significant": "nyata",
        "search_title": "Kebutuhan petugas tambahan (PPPK) agar peluang mencapai target ≥ {goal}",
        "search_met": "Staf sekarang sudah cukup: peluang mencapai target {p}.",
        "search_demand": (
            "Target tidak tercapai berapa pun petugasnya: dengan petugas 10 kali lipat, rata-rata "
            "{mean} aktivasi dari target {target} (peluang {p}). Permintaanlah yang membatasi; "
            "warga terbanyak pulang karena:"
        ),
        "search_cap": "Tidak ditemukan sampai batas {n} petugas tambahan.",
        "search_found": "{n} petugas tambahan: {where}; peluang mencapai target {p}.",
        "search_fewer": "Bukti: dengan satu unit lebih sedikit ({n} petugas) peluangnya {p}.",
        "search_recheck": "Cek ulang dengan replikasi baru: peluang {p}.",
        "search_cost": "Biaya selama periode: Rp {cost} (staff.costs).",
        "observed_title": (
            "Catatan dinas dibanding simulasi: {inside} dari {n} tanggal di dalam rentang P10-P90"
        ),
        "observed_line": (
            "{date}: tercatat {observed}, simulasi {mean} (P10-P90 {low}-{high}), {where}"
        ),
        "unc_title": "Ketidakpastian input ({sets} set parameter x {inner} replikasi)",
        "unc_split": (
            "Ragam aktivasi akhir periode: {inputs} dari input yang tidak pasti, "
            "{chance} dari kebetulan (siapa datang, berapa lama dilayani)"
        ),
        "unc_no_split": (
            "Ragam tidak dapat dipisah: perlu minimal 2 set parameter dengan 2 replikasi "
            "masing-masing (uncertain.inner_replications)"
        ),
        "scr_title": "Input yang paling menentukan ({method}, {points} titik x {n} replikasi)",
        "scr_head_morris": "mu* aktivasi|sigma|mu* peluang",
        "scr_head_sobol": "indeks total|orde pertama|indeks total peluang",
        "cal_title": (
            "Kalibrasi ke catatan dinas (ABC-SMC, {sims} simulasi, {gens} generasi, "
            "{seconds} detik, ESS {ess})"
        ),
        "cal_input": (
            "  {label}: prior {prior_low}-{prior_high}, posterior {low}-{high} (rata-rata {mean})"
        ),
        "cal_before_after": (
            "Peluang mencapai target: {before} sebelum kalibrasi, {after} sesudahnya; "
            "aktivasi rata-rata {mean_before} -> {mean_after}"
        ),
        "cal_written": "Skenario terkalibrasi ditulis ke {path}",
        "bt_title": (
            "Uji mundur: kalibrasi pada catatan s.d. {date}, prakiraan dari {start} "
            "dengan {count} sudah aktif"
        ),
        "bt_error": "Galat pada pengamatan terakhir ({date}): {error} ({pct})",
        "calibrating": (
            "Kalibrasi berjalan: sekitar {n} simulasi, beberapa menit (Kota Malang: ~6 menit "
            "pada 2 inti)"
        ),
        "observed_in": "di dalam rentang",
        "observed_out": "DI LUAR rentang",
        "search_team_visits": (
            "{team}: {visits} kunjungan ke {places} lembaga, {came} warga hadir (replikasi 0)."
        ),
        "search_no_gain": (
            "Tidak ada tambahan petugas yang menambah aktivasi: lembaga dan warga yang dapat "
            "dijangkau sudah habis."
        ),
        "sens_title": "Input yang paling berpengaruh (satu per satu, dari nilai rendah ke tinggi)",
        "sens_input": "Input",
        "sens_values": "Rendah → tinggi",
        "sens_swing": "Selisih aktivasi",
        "not_significant": "tidak nyata",
        "warning": "peringatan",
        "error": "kesalahan",
        "cuti_bersama_unknown": (
            "paket holidays belum memuat keputusan cuti bersama untuk tahun {years}; "
            "tambahkan tanggalnya di calendar.extra_closures"
        ),
        "holidays_estimated": (
            "tanggal hari besar Islam tahun {years} masih perkiraan di paket holidays"
        ),
        "channel.main_office": "Kantor dinas / MPP",
        "channel.kecamatan_post": "Pos kecamatan",
        "channel.village_post": "Pos desa/kelurahan",
        "channel.outreach": "Jemput bola",
        "channel.home_visit": "Layanan ke rumah",
        "reason.not_recorded": "Belum rekam e-KTP",
        "reason.no_smartphone": "Tidak punya ponsel pintar yang kompatibel",
        "reason.ios_not_supported": "iPhone, sebelum aplikasi mendukung iOS",
        "reason.no_email": "Tidak punya e-mail aktif",
        "reason.fr_failed": "Gagal verifikasi wajah, tidak kembali",
        "reason.email_code_failed": "Kode aktivasi tidak diterima, tidak kembali",
        "reason.left_queue": "Pergi karena antrean terlalu lama",
        "reason.closed": "Masih antre saat layanan tutup, tidak kembali",
        "reason.quota_full": "Kuota nomor antrean habis, tidak kembali",
        "reason.system_down": "Sistem FR/SIAK atau jaringan terganggu, tidak kembali",
        "reason.no_officer": "Tidak ada petugas dengan perangkat hari itu",
        "reason.event_closed": "Acara jemput bola selesai sebelum gilirannya",
    },
    "en": {
        "scenario": "Scenario",
        "variant": "Variant",
        "runs": "{n} replications, seed {seed}",
        "period": "Period {start} to {end}",
        "target": "IKD activation target",
        "at_start": "Already activated at the start",
        "activations": "Activations by the end of the period (mean)",
        "ci": "95% CI",
        "range": "P10–P90 range",
        "p_reach": "Probability of reaching the target",
        "reached_date": "Date the target is reached (median)",
        "not_reached": "not reached in most replications",
        "by_channel": "Activations by channel (mean per replication)",
        "turned_away": "Residents who left without activating, by reason (mean per replication)",
        "per_site": "By kind of site",
        "utilisation": "Utilisation",
        "ikd_share": "on IKD",
        "wait_mean": "Mean wait (min)",
        "wait_p90": "90th pct wait (min)",
        "main_limit": "Largest obstacle",
        "residents": "residents",
        "unserved_end": "Still unserved at the end of the period",
        "written": "Results written to",
        "scenario_required": "the scenario file is required (YAML or an .xlsx template)",
        "report_at": "Report to read and print",
        "precision": "Precision: 95% CI of activations ±{pct}% of the mean, after {n} replications",
        "interrupted": "Stopped. Finished replications are saved; carry on with --resume FOLDER",
        "worker_died": (
            "a worker process died; finished replications are saved, carry on with --resume FOLDER"
        ),
        "compare_title": "Proposals compared (paired differences against baseline, 95% CI)",
        "variant_col": "Variant",
        "activations_col": "Activations (mean)",
        "p_reach_col": "P(target)",
        "diff_col": "Difference in activations",
        "significant": "significant",
        "search_title": "Extra officers (PPPK) needed for P(target reached) ≥ {goal}",
        "search_met": "Today's staff is enough: P(target reached) {p}.",
        "search_demand": (
            "No staffing reaches the target: with ten times the officers, {mean} activations on "
            "average against a target of {target} (P {p}). Demand is the limit; most residents "
            "leave because:"
        ),
        "search_cap": "Not found within {n} extra officers.",
        "search_found": "{n} extra officers: {where}; P(target reached) {p}.",
        "search_fewer": "Evidence: with one unit fewer ({n} officers) P is {p}.",
        "search_recheck": "Re-checked on fresh replications: P {p}.",
        "search_cost": "Cost over the period: Rp {cost} (staff.costs).",
        "observed_title": (
            "The office's record against the simulation: {inside} of {n} dates inside the "
            "P10-P90 band"
        ),
        "observed_line": (
            "{date}: observed {observed}, simulated {mean} (P10-P90 {low}-{high}), {where}"
        ),
        "unc_title": "Input uncertainty ({sets} parameter sets x {inner} replications)",
        "unc_split": (
            "Variance of end-of-period activations: {inputs} from the uncertain inputs, "
            "{chance} from chance (who comes, how long each takes)"
        ),
        "unc_no_split": (
            "The variance cannot be split: at least 2 parameter sets of 2 replications each "
            "are needed (uncertain.inner_replications)"
        ),
        "scr_title": "Inputs that matter most ({method}, {points} points x {n} replications)",
        "scr_head_morris": "mu* activations|sigma|mu* P(target)",
        "scr_head_sobol": "total index|first order|total index P(target)",
        "cal_title": (
            "Calibration to the office's record (ABC-SMC, {sims} simulations, {gens} "
            "generations, {seconds} s, ESS {ess})"
        ),
        "cal_input": (
            "  {label}: prior {prior_low}-{prior_high}, posterior {low}-{high} (mean {mean})"
        ),
        "cal_before_after": (
            "P(target reached): {before} before calibration, {after} after; mean "
            "activations {mean_before} -> {mean_after}"
        ),
        "cal_written": "Calibrated scenario written to {path}",
        "bt_title": (
            "Backtest: calibrated on the record up to {date}, forecast from {start} with "
            "{count} already active"
        ),
        "bt_error": "Error at the last observation ({date}): {error} ({pct})",
        "calibrating": (
            "Calibrating: about {n} simulations, a few minutes (Kota Malang: ~6 min on 2 cores)"
        ),
        "observed_in": "inside the band",
        "observed_out": "OUTSIDE the band",
        "search_team_visits": (
            "{team}: {visits} visits to {places} institutions, {came} residents came "
            "(replication 0)."
        ),
        "search_no_gain": (
            "No added officer adds an activation: the institutions and residents within "
            "reach are used up."
        ),
        "sens_title": "Inputs that matter most (one at a time, low to high value)",
        "sens_input": "Input",
        "sens_values": "Low → high",
        "sens_swing": "Swing in activations",
        "not_significant": "not significant",
        "warning": "warning",
        "error": "error",
        "cuti_bersama_unknown": (
            "the holidays package has no cuti bersama decree for {years}; "
            "add the dates under calendar.extra_closures"
        ),
        "holidays_estimated": (
            "Islamic holiday dates for {years} are estimates in the holidays package"
        ),
        "channel.main_office": "Main office / MPP",
        "channel.kecamatan_post": "Kecamatan posts",
        "channel.village_post": "Village posts",
        "channel.outreach": "Outreach (jemput bola)",
        "channel.home_visit": "Home visits",
        "reason.not_recorded": "e-KTP not yet recorded",
        "reason.no_smartphone": "No compatible smartphone",
        "reason.ios_not_supported": "iPhone, before the app supported iOS",
        "reason.no_email": "No working e-mail address",
        "reason.fr_failed": "Face recognition failed, did not return",
        "reason.email_code_failed": "Activation code never arrived, did not return",
        "reason.left_queue": "Left because the wait was too long",
        "reason.closed": "Still queued at closing, did not return",
        "reason.quota_full": "Queue numbers ran out, did not return",
        "reason.system_down": "FR/SIAK or network down, did not return",
        "reason.no_officer": "No officer with a device that day",
        "reason.event_closed": "Outreach event ended before their turn",
    },
}


for _lang in LANGS:
    TEXT[_lang].update(REPORT_TEXT[_lang])
    TEXT[_lang].update(PAGE_ONE_TEXT[_lang])
    TEXT[_lang].update(WORKBOOK_TEXT[_lang])


def t(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled."""
    return TEXT[lang][key].format(**values)


def markup(lang: str, key: str, **values: object) -> Markup:
    """The text for ``key`` as HTML: the wording escaped, values escaped unless already
    markup (numbers wrapped with their summary.json key, for instance)."""
    return escape(TEXT[lang][key]).format(**values)


def fmt_int(value: float, lang: str) -> str:
    """12345.6 -> '12.346' (id) or '12,346' (en)."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "id" else text


def fmt_num(value: float | None, lang: str, digits: int = 1) -> str:
    """A decimal number in the language's convention; '–' when missing."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def fmt_pct(value: float | None, lang: str) -> str:
    return "–" if value is None else f"{fmt_num(100 * value, lang, 0)}%"


MONTH_NAMES = {
    "id": [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def in_lang(text: str, text_id: str, lang: str) -> str:
    """A text from the scenario file in the reader's language: its ``*_id`` version with
    ``--lang id`` when the file gives one, else the text as written."""
    return text_id if lang == "id" and text_id else text


def fmt_date(day: dt.date | None, lang: str) -> str:
    """A date in words: "31 Desember 2023" (id), "31 December 2023" (en); '–' when missing."""
    if day is None:
        return "–"
    return f"{day.day} {MONTH_NAMES[lang][day.month - 1]} {day.year}"


def fmt_rupiah(value: float | None, lang: str) -> str:
    """Rupiah in millions when large: "Rp1,23 miliar", "Rp456 juta" (id); "–" when missing."""
    if value is None:
        return "–"
    if abs(value) >= 1e9:
        return f"Rp{fmt_num(value / 1e9, lang, 2)} {t(lang, 'money.billion')}"
    if abs(value) >= 1e6:
        return f"Rp{fmt_num(value / 1e6, lang, 0)} {t(lang, 'money.million')}"
    return f"Rp{fmt_int(value, lang)}"
