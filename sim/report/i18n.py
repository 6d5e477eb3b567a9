"""Text shown to users, in Bahasa Indonesia (default) and English, and number formatting."""

from __future__ import annotations

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
        "wait_mean": "Tunggu rata-rata (menit)",
        "wait_p90": "Tunggu P90 (menit)",
        "main_limit": "Penghambat terbesar",
        "residents": "warga",
        "unserved_end": "Belum terlayani di akhir periode",
        "written": "Hasil ditulis ke",
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
        "wait_mean": "Mean wait (min)",
        "wait_p90": "90th pct wait (min)",
        "main_limit": "Largest obstacle",
        "residents": "residents",
        "unserved_end": "Still unserved at the end of the period",
        "written": "Results written to",
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


def t(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled."""
    return TEXT[lang][key].format(**values)


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
