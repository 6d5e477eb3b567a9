"""The command line's help in Bahasa Indonesia (the default); ``--lang en`` keeps English.

Keyed by each option's ``dest``; an option missing here shows its English help, and a test
checks none is missing.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator

DESCRIPTION_ID = (
    "Simulator staf aktivasi IKD: apakah staf dan pembagiannya ini mencapai target, "
    "seberapa mungkin, kapan, dan apa penghambatnya?"
)
GROUPS_ID = {
    "positional arguments": "argumen",
    "options": "pilihan",
    "the Excel input template": "templat masukan Excel dan aplikasi",
    "the office's record": "catatan kantor",
    "many replications": "banyak replikasi",
    "decisions": "keputusan",
}
HELP_ID = {
    "help": "tampilkan bantuan ini lalu berhenti",
    "scenario": "berkas skenario: YAML (lihat scenarios/) atau templat Excel .xlsx",
    "replications": "jumlah simulasi (replikasi) yang saling bebas (bawaan 20)",
    "seed": "seed acak utama (bawaan 12345)",
    "out": "folder hasil (bawaan out/<skenario>[-<usulan>])",
    "variant": "satu usulan staf yang dideklarasikan di variants: skenario",
    "overrides": "ubah satu kunci skenario, mis. --set sites.Kantor Dinas.officers=20",
    "lang": "bahasa teks keluaran (id: Bahasa Indonesia, en: English)",
    "event_log": "tulis juga events.csv: setiap kejadian warga pada replikasi 0",
    "schema": "tulis JSON Schema format skenario ke FILE lalu berhenti",
    "template": "tulis buku kerja isian dari skenario (atau dari --from) ke FILE.xlsx lalu "
    "berhenti; jalankan dengan run_sim.py FILE.xlsx",
    "template_from": "untuk --template: skenario (YAML atau buku kerja) pengisi nilainya",
    "app": "jalankan aplikasi peramban di 127.0.0.1 atas skenario di folder ini "
    "(perlu paket tambahan [app]; juga: ikd-sim app)",
    "port": "untuk --app: nomor port (bawaan 8501)",
    "no_browser": "untuk --app: jangan buka peramban",
    "export_yaml": "tulis skenario (buku kerja, atau YAML beserta dasarnya) sebagai satu "
    "berkas YAML lalu berhenti",
    "observed": "catatan kantor (date, cumulative_activations[, source, per kanal atau "
    "lokasi]): setiap tanggal dibandingkan dengan pita P10-P90 simulasi; menulis observed.json",
    "calibrate": "cocokkan input uncertain: dengan catatan (ABC-SMC) dan tulis calibrated.yaml",
    "from_observed": "mulai sehari setelah pengamatan terakhir, dengan jumlahnya sudah aktif",
    "backtest": "kalibrasi pada catatan sampai tanggal ini, ramalkan sisanya, periksa "
    "pengamatan sesudahnya",
    "abc_population": "set parameter yang disimpan per generasi ABC (bawaan 60)",
    "abc_simulations": "hentikan kalibrasi setelah sekian simulasi (bawaan 700)",
    "workers": "jumlah proses pekerja lokal (bawaan: semua inti; lebih hanya dengan "
    "--force-workers)",
    "force_workers": "izinkan --workers melebihi jumlah inti mesin ini",
    "dask": "jalankan di klaster dask.distributed (alamat penjadwal)",
    "dask_local": "jalankan klaster dask lokal",
    "quiet": "tanpa bilah kemajuan",
    "precision": "tambah replikasi sampai IK 95%% aktivasi akhir periode berada dalam "
    "PCT%% dari rata-ratanya",
    "max_replications": "batas untuk --precision (bawaan 500)",
    "resume": "lanjutkan run yang terputus di DIR",
    "compare": "jalankan setiap usulan dengan bilangan acak bersama dan bandingkan dengan "
    "kondisi sekarang",
    "sensitivity": "input mana yang berpengaruh: penyaringan Morris atas input uncertain: "
    "(bawaan; 'sobol' untuk indeks Sobol), atau 'oat' untuk sapuan satu per satu",
    "sensitivity_samples": "lintasan Morris (bawaan 8) atau sampel dasar Sobol (bawaan 16)",
    "find_staff": "cari tambahan petugas PPPK paling sedikit, dan di mana, yang membuat "
    "target mungkin tercapai",
    "p_target": "untuk --find-staff: peluang mencapai target yang diinginkan (bawaan 0,9)",
    "max_main_wait": "untuk --find-staff: jaga juga tunggu rata-rata kantor dinas di bawah "
    "MIN menit",
    "max_added": "untuk --find-staff: menyerah di atas sekian tambahan petugas (bawaan 200)",
    "pppk_from": "untuk --find-staff: kapan tambahan petugas mulai (bawaan: awal periode)",
}


# argparse's own phrases (Python 3.11-3.13 wording) and those of our option types.
PHRASES_ID = {
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "pilihan %(option)s tidak jelas: bisa %(matches)s"
    ),
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu sedikitnya satu nilai",
    "expected at most one argument": "paling banyak satu nilai",
    "expected %s argument": "perlu %s nilai",
    "expected %s arguments": "perlu %s nilai",
    "ignored explicit argument %r": "nilai %r tidak dipakai",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "pilihan %(value)r tidak dikenal (pilih dari %(choices)s)"
    ),
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib",
    "the following arguments are required: %s": "argumen berikut wajib: %s",
    "can't open '%(filename)s': %(error)s": "tidak bisa membuka '%(filename)s': %(error)s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "%(text)r is not a whole number": "%(text)r bukan bilangan bulat",
    "%(text)r is not a number": "%(text)r bukan angka",
    "must be at least %(low)s": "paling kecil %(low)s",
    "must be at most %(high)s": "paling besar %(high)s",
    "must be above %(low)s": "harus di atas %(low)s",
    "must be above %(low)s and at most %(high)s": "harus di atas %(low)s dan paling besar %(high)s",
    "must be above %(low)s and below %(high)s": "harus di atas %(low)s dan di bawah %(high)s",
}
_phrases: dict[str, str] = {}  # the phrases of the parser now parsing


def say(message: str) -> str:
    """An English phrase of the command line in the language of the parser now parsing."""
    return _phrases.get(message, message)


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's phrases in ``lang`` while the block runs.

    argparse looks its phrases up through its module's ``_`` and ``ngettext`` (gettext);
    they are pointed at :func:`say` for the block and restored after it.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    _phrases.update(PHRASES_ID if lang == "id" else {})
    argparse._ = say  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: say(one if n == 1 else many)  # type: ignore
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
        _phrases.clear()


class IndonesianFormatter(argparse.HelpFormatter):
    """argparse's formatter with "penggunaan:" for "usage:"."""

    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


def in_indonesian(p: argparse.ArgumentParser) -> None:
    """Replace the parser's help, groups and description with their Indonesian words."""
    p.description, p.formatter_class = DESCRIPTION_ID, IndonesianFormatter
    for group in p._action_groups:
        group.title = GROUPS_ID.get(group.title or "", group.title)
    for action in p._actions:
        action.help = HELP_ID.get(action.dest, action.help)
