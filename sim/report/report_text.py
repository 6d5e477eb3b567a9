"""Wording of the HTML report, the workbook and the charts, in Bahasa Indonesia and English."""

from __future__ import annotations

REPORT_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "html_lang": "id",
        "title": "Laporan kapasitas aktivasi IKD",
        "made_on": "Dibuat {date} dengan {n} replikasi (seed {seed})",
        "sec.answer": "Jawaban singkat",
        "sec.cumulative": "Aktivasi kumulatif sepanjang periode",
        "sec.channels": "Aktivasi per kanal layanan",
        "sec.funnel": "Warga yang pulang tanpa aktivasi",
        "sec.sites": "Utilisasi dan waktu tunggu per jenis lokasi",
        "sec.compare": "Perbandingan usulan",
        "sec.search": "Kebutuhan petugas tambahan",
        "sec.sensitivity": "Input yang paling berpengaruh",
        "sec.uncertain": "Ketidakpastian input, kalibrasi dan uji mundur",
        "caption.record_fit": (
            "Catatan dinas (lingkaran) dibanding rentang P10-P90 simulasi pada tanggal yang "
            "sama (kotak: rata-rata), sebelum dan sesudah kalibrasi."
        ),
        "caption.backtest": (
            "Uji mundur: prakiraan dari pengamatan terakhir sebelum tanggal uji, dibanding "
            "pengamatan sesudahnya."
        ),
        "caption.prior_posterior": (
            "Sebaran tiap input sebelum (prior, arsir) dan sesudah kalibrasi (posterior, biru)."
        ),
        "caption.effects": "Pengaruh tiap input terhadap aktivasi akhir periode.",
        "plot.observed": "Catatan dinas",
        "plot.record_y": "Sudah aktivasi (kumulatif, orang)",
        "plot.prior": "Sebelum (prior)",
        "plot.posterior": "Sesudah (posterior)",
        "plot.effects_x_morris": "mu*: perubahan rata-rata aktivasi di seluruh rentang (orang)",
        "plot.effects_x_sobol": "Indeks Sobol total (bagian ragam aktivasi)",
        "plot.before_calibration": "Simulasi sebelum kalibrasi",
        "plot.after_calibration": "Simulasi sesudah kalibrasi",
        "plot.forecast": "Prakiraan",
        "sec.abk": "Analisis beban kerja (ABK)",
        "sec.inputs": "Asumsi dan sumber data",
        "sec.model": "Lampiran: deskripsi model",
        "sec.provenance": "Jejak hasil",
        "sec.warnings": "Peringatan",
        "answer.p": (
            "Dengan staf sekarang, peluang mencapai target {target} warga aktif IKD pada "
            "{end} adalah {p} (IK 95% {low} – {high})."
        ),
        "answer.mean": (
            "Rata-rata {mean} warga aktif di akhir periode (IK 95% {low} – {high}; 80% "
            "hasil simulasi antara {p10} dan {p90}), yaitu {share} dari target."
        ),
        "answer.reached": (
            "Target tercapai sekitar {date} (median; 80% replikasi antara {p10} dan {p90})."
        ),
        "answer.not_reached": (
            "Pada sebagian besar replikasi target tidak tercapai; di akhir periode rata-rata "
            "masih kurang {gap} aktivasi."
        ),
        "answer.obstacle": "Penghambat terbesar: {reason} (rata-rata {n} warga).",
        "answer.resident_side": (
            "{share} warga yang pulang tanpa aktivasi terhambat di pihak warga (ponsel, e-mail, "
            "rekam e-KTP, verifikasi wajah); petugas tambahan tidak mengatasi hambatan itu, "
            "hanya menjangkau warga yang tidak terhambat."
        ),
        "answer.capacity_side": (
            "{share} warga yang pulang tanpa aktivasi terhambat kapasitas layanan (antrean, jam "
            "tutup, kuota, tidak ada petugas): tambahan petugas atau jam layanan membantu."
        ),
        "answer.variant": (
            "Usulan \u201c{name}\u201d: peluang {p}, rata-rata {mean} warga aktif, "
            "{diff} aktivasi dibanding sekarang (IK 95% {low} – {high}, {verdict})."
        ),
        "answer.unserved": "Di akhir periode {n} warga masih antre atau dijadwalkan kembali.",
        "caption.cumulative": (
            "Garis: rata-rata warga aktif IKD (termasuk yang sudah aktif di awal); pita: "
            "rentang P10–P90 antarreplikasi; garis putus-putus: target."
        ),
        "caption.channels": "Rata-rata per replikasi; garis kecil: IK 95%.",
        "caption.funnel": (
            "Rata-rata per replikasi, menurut alasan terakhir; garis kecil: IK 95%. Warga yang "
            "kembali di hari lain dan berhasil tidak dihitung di sini."
        ),
        "caption.sites": (
            "Utilisasi = waktu petugas terpakai ÷ waktu loket buka dengan petugas; 'semua "
            "pekerjaan' memasukkan layanan adminduk lain yang tergeser oleh IKD."
        ),
        "caption.compare": (
            "Selisih berpasangan terhadap kondisi sekarang dengan bilangan acak bersama: "
            "replikasi yang sama melihat warga yang sama. Titik penuh: nyata (IK 95% tidak "
            "memuat 0)."
        ),
        "caption.search": "Peluang mencapai target tiap rencana yang dicoba pencarian.",
        "caption.tornado": (
            "Satu input diubah ke nilai rendah dan tinggi, yang lain tetap; replikasi yang sama."
        ),
        "col.channel": "Kanal",
        "col.activations": "Aktivasi (rata-rata)",
        "col.ci": "IK 95%",
        "col.share": "Porsi",
        "col.reason": "Alasan",
        "col.residents": "Warga (rata-rata)",
        "col.side": "Pihak",
        "side.resident": "warga",
        "side.capacity": "kapasitas",
        "side.system": "sistem",
        "col.site_kind": "Jenis lokasi",
        "col.units": "Unit",
        "col.officers": "Petugas",
        "col.util_all": "Utilisasi (semua pekerjaan)",
        "col.util_ikd": "Utilisasi (IKD)",
        "col.wait_mean": "Tunggu rata-rata (menit)",
        "col.wait_ci": "IK 95% tunggu (menit)",
        "col.wait_p90": "Tunggu P90 (menit)",
        "col.served": "Dilayani petugas (rata-rata)",
        "col.variant": "Usulan",
        "col.description": "Keterangan",
        "col.p": "P(target)",
        "col.p_ci": "IK 95% P(target)",
        "col.diff": "Selisih aktivasi",
        "col.diff_ci": "IK 95% selisih",
        "col.diff_ci_low": "IK 95% selisih, bawah",
        "col.diff_ci_high": "IK 95% selisih, atas",
        "col.diff_wait": "Selisih tunggu kantor dinas (menit)",
        "col.diff_left": "Selisih warga pulang",
        "col.verdict": "Nyata?",
        "col.added": "Petugas tambahan",
        "col.where": "Ditempatkan di",
        "col.team": "Tim",
        "col.institution": "Lembaga",
        "col.event_kind": "Jenis kegiatan",
        "col.first_visit": "Kunjungan pertama",
        "col.visits": "Kunjungan",
        "col.eligible": "Wajib KTP belum terjangkau (kunjungan pertama)",
        "col.came": "Hadir (semua kunjungan)",
        "search.visits": "Lembaga yang dikunjungi tim tambahan (replikasi 0 rencana terpilih)",
        "col.input": "Input",
        "col.low_high": "Rendah → tinggi",
        "col.swing": "Selisih aktivasi",
        "col.swing_p": "Selisih P(target)",
        "col.key": "Kunci",
        "col.value": "Nilai",
        "col.set_in": "Ditetapkan di",
        "col.note": "Sumber / asumsi (komentar di berkas)",
        "model_default": "bawaan model",
        "yes": "ya",
        "no": "tidak",
        "baseline": "kondisi sekarang",
        "search.steps": "Rencana yang dicoba",
        "search.none": "–",
        "abk.intro": (
            "Metode ABK (PermenPANRB 1/2020): kebutuhan petugas = Σ (volume kerja × waktu "
            "penyelesaian) ÷ waktu kerja efektif per petugas. Volume dan waktu per unit diukur "
            "dari simulasi (rata-rata {n} replikasi); waktu kerja efektif {hours} jam per tahun, "
            "disesuaikan dengan hari kerja periode ({share} dari setahun) menjadi {minutes} menit "
            "per petugas. Bezetting = petugas utuh yang bertugas di periode ini dan memegang "
            "perangkat aktivasi; petugas tanpa perangkat tidak dihitung sebagai loket IKD."
        ),
        "abk.col.site": "Unit / lokasi",
        "abk.col.position": "Jabatan",
        "abk.col.task": "Tugas",
        "abk.col.unit": "Satuan hasil",
        "abk.col.volume": "Volume kerja (periode)",
        "abk.col.volume_ci": "IK 95% volume",
        "abk.col.volume_ci_low": "IK 95% volume, bawah",
        "abk.col.volume_ci_high": "IK 95% volume, atas",
        "abk.col.standard": "Waktu penyelesaian (menit)",
        "abk.col.workload": "Beban kerja (menit)",
        "abk.col.effective": "Waktu kerja efektif (menit)",
        "abk.col.needed": "Kebutuhan petugas",
        "abk.col.needed_whole": "Dibulatkan",
        "abk.col.in_post": "Bezetting",
        "abk.col.difference": "Selisih (+/−)",
        "abk.col.ej": "EJ",
        "abk.col.grade": "Predikat",
        "abk.col.util": "Utilisasi (simulasi)",
        "abk.col.wait": "Tunggu rata-rata (simulasi, menit)",
        "abk.position": "Operator SIAK",
        "abk.task.ikd": "Aktivasi IKD (cek syarat, verifikasi wajah, kode e-mail)",
        "abk.task.other_work": "Layanan adminduk lain yang tergeser (porsi {share})",
        "abk.unit.ikd": "warga dilayani",
        "abk.unit.other_work": "jam layanan",
        "abk.subtotal": "Jumlah",
        "abk.total": "Jumlah seluruh lokasi",
        "abk.for_target": (
            "Untuk mencapai target diperlukan {n} aktivasi dalam periode ini. Dengan {minutes} "
            "menit petugas per aktivasi (termasuk cek syarat dan percobaan gagal, hasil "
            "simulasi), beban kerja IKD saja {workload} menit = {needed} petugas (dibulatkan "
            "{whole}), di luar layanan adminduk lain."
        ),
        "abk.grades": (
            "EJ = beban kerja ÷ (bezetting × waktu kerja efektif). Predikat seperti yang lazim "
            "dikutip dari Permendagri 12/2008: A > 1,00 (beban berlebih), B 0,90–1,00, C "
            "0,70–0,89, D 0,50–0,69, E < 0,50; periksa dengan pedoman ABK daerah sebelum dipakai. "
            "Selisih = bezetting − kebutuhan (dibulatkan); negatif berarti kurang petugas."
        ),
        "abk.blind": (
            "Yang tidak terlihat oleh ABK: puncak kedatangan (pagi, awal bulan, sekitar kebijakan "
            "baru), antrean dan warga yang pergi karena menunggu terlalu lama, waktu perjalanan "
            "tim jemput bola, gangguan sistem, dan risiko tidak mencapai target. ABK menghitung "
            "rata-rata; simulasi menunjukkan apa yang terjadi di loket hari demi hari. Karena itu "
            "utilisasi dan waktu tunggu dari simulasi dilaporkan per jenis lokasi di bagian "
            "sebelumnya: EJ di bawah 1 tidak berarti warga dilayani tanpa antre (teori antrean "
            "Erlang C menunjukkan jarak yang sama antara beban rata-rata dan petugas yang "
            "dibutuhkan agar tunggu tetap pendek)."
        ),
        "abk.other_note": (
            "Layanan adminduk lain dimodelkan sebagai porsi waktu petugas (staff.other_work_share) "
            "yang tergeser oleh layanan IKD, bukan sebagai layanan yang dihitung satu per satu."
        ),
        "inputs.intro": (
            "Setiap input skenario yang dipakai, dengan berkas dan baris tempat nilainya "
            "ditetapkan serta komentar di berkas itu (sumber atau ASUMSI). Komentar bertanda ↑ "
            "berlaku untuk kelompok input di atasnya."
        ),
        "inputs.variants": "Usulan yang dinyatakan di skenario",
        "inputs.changes": "Perubahan",
        "model.intro": (
            "Deskripsi mengikuti pedoman pelaporan STRESS-DES (Monks dkk., 2019) secara ringkas."
        ),
        "model.objective.h": "Tujuan",
        "model.objective": (
            "Memperkirakan apakah staf dan sebarannya cukup untuk mencapai target aktivasi IKD "
            "akhir periode, seberapa pasti, kapan, dan apa penghambatnya; membandingkan usulan "
            "staf dan mencari tambahan petugas terkecil yang membuat target mungkin tercapai."
        ),
        "model.entities.h": "Entitas",
        "model.entities": (
            "Warga wajib KTP yang datang untuk aktivasi IKD (datang langsung, ditawari saat "
            "mengurus layanan lain, atau hadir di acara jemput bola dan layanan ke rumah). Tiap "
            "warga membawa atributnya sendiri: sudah rekam e-KTP atau belum, ponsel pintar yang "
            "kompatibel, Android atau iPhone, e-mail aktif, keberuntungan verifikasi wajah, dan "
            "kesabaran menunggu. Jumlah warga yang belum aktif berkurang seiring aktivasi "
            "({obliged} wajib KTP, {start} sudah aktif di awal)."
        ),
        "model.demand.h": "Permintaan",
        "model.demand": (
            "Warga dibagi ke dalam {segments} segmen (pelajar, ASN, umum, lansia, ...), masing-"
            "masing dengan pangsa ponsel, Android dan e-mail sendiri; e-mail ditarik bersyarat "
            "pada ponsel (Android membawa akun Google). Bila demand.adoption diisi, warga yang "
            "datang sendiri untuk aktivasi berasal dari sisa warga yang bersedia di tiap segmen "
            "menurut difusi Bass: per hari λ = (p + q·A/M)·(M − N)·g/365, dengan M warga "
            "segmen yang mampu dan bersedia, N yang sudah memutuskan, A yang sudah aktif, p dan "
            "q per tahun, dan g faktor pendorong bertanggal (kampanye, syarat bansos). Sebagian "
            "kecil yang datang tanpa persiapan ditolak menurut alasannya; warga yang ditawari "
            "saat layanan lain melalui seluruh saringan. Jemput bola mengunjungi daftar lembaga "
            "yang terbatas ({registers} jenis kegiatan dengan daftar): yang terbesar dahulu, "
            "kunjungan ulang hanya menjangkau yang belum datang, dan daftar yang habis tidak "
            "menghasilkan apa pun lagi."
        ),
        "model.resources.h": "Sumber daya",
        "model.resources": (
            "Petugas dengan perangkat tersambung SIAK: loket = min(petugas, perangkat) per lokasi, "
            "ditambah PPPK sejak tanggal mulainya. {sites} kelompok lokasi tetap ({units} unit), "
            "{teams} tim jemput bola ({team_units} unit) dan {home} tim layanan ke rumah."
        ),
        "model.activities.h": "Alur aktivitas",
        "model.activities": (
            "Datang → persiapan sendiri (unduh aplikasi, isi data, swafoto) → antre di loket "
            "(FIFO; pergi bila melewati batas sabar, kuota nomor antrean, atau tutup) → petugas "
            "memeriksa syarat (yang tidak memenuhi pulang dengan alasan) → verifikasi wajah "
            "dengan percobaan ulang → kode aktivasi lewat e-mail → aktif. Yang gagal karena "
            "jam tutup, gangguan sistem, kuota atau verifikasi dapat kembali beberapa hari "
            "kemudian dengan peluang dari skenario."
        ),
        "model.rosters.h": "Jadwal",
        "model.rosters": (
            "Jam buka per jenis lokasi dan hari; hari libur nasional dan cuti bersama dari paket "
            "holidays, ditambah penutupan lokal. Tim jemput bola mengikuti pola mingguan jenis "
            "acara dalam jendela waktu acara; layanan ke rumah dari daftar permintaan. Layanan "
            "adminduk lain dimodelkan sebagai porsi waktu petugas."
        ),
        "model.streams.h": "Bilangan acak",
        "model.streams": (
            "Satu aliran acak bernama per keperluan (kedatangan per lokasi, waktu layanan, "
            "verifikasi wajah, jenis ponsel, kehadiran acara, gangguan), dibangkitkan dari "
            "(seed, replikasi, nama) dengan numpy SeedSequence. Replikasi yang sama memakai "
            "bilangan acak yang sama di setiap usulan (common random numbers), sehingga selisih "
            "antarusulan adalah efek usulan, bukan kebetulan."
        ),
        "model.kpis.h": "Ukuran kinerja",
        "model.kpis": (
            "Aktivasi kumulatif per hari dan kanal; peluang mencapai target (proporsi replikasi, "
            "IK Wilson) dan tanggalnya; warga pulang per alasan; utilisasi dan waktu tunggu per "
            "jenis lokasi; selisih berpasangan antarusulan (IK t). Rata-rata dengan IK 95% "
            "distribusi t atas replikasi independen."
        ),
        "model.validation.h": "Verifikasi",
        "model.validation": (
            "Dalam mode paling sederhana (satu lokasi, staf tetap, waktu eksponensial, tanpa "
            "hambatan) model adalah antrean M/M/c dan rata-rata tunggunya diuji terhadap "
            "rumus Erlang C; kasus deterministik diuji terhadap garis waktu yang dihitung "
            "dengan tangan."
        ),
        "model.software.h": "Perangkat lunak",
        "model.software": "Python {python}, SimPy {simpy}, NumPy {numpy}, ikd-sim {version}.",
        "prov.version": "Versi program",
        "prov.git": "Revisi git",
        "prov.seed": "Seed",
        "prov.replications": "Replikasi",
        "prov.hash": "Hash skenario (SHA-256)",
        "prov.created": "Dibuat",
        "prov.scenario_file": "Berkas skenario",
        "prov.variant": "Varian",
        "prov.command": "Perintah",
        "prov.precision": "Presisi yang dicapai (% dari rata-rata)",
        "plot.target": "Target",
        "plot.date": "Tanggal",
        "plot.cumulative_y": "Warga aktif IKD (orang)",
        "plot.band": "Rata-rata; pita: 80% hasil simulasi",
        "plot.channels_x": "Aktivasi per periode (orang, rata-rata)",
        "plot.funnel_x": "Warga pulang tanpa aktivasi (orang, rata-rata)",
        "plot.util_all": "semua pekerjaan",
        "plot.util_ikd": "IKD saja",
        "plot.util_x": "Utilisasi petugas (% waktu loket buka)",
        "plot.wait_mean": "rata-rata",
        "plot.wait_p90": "P90",
        "plot.no_wait": "– tunggu tidak diukur dalam menit (antre di daftar)",
        "plot.wait_x": "Waktu tunggu (menit)",
        "plot.diff_x": "Selisih aktivasi terhadap kondisi sekarang (orang, IK 95%)",
        "plot.search_steps": "rencana yang dicoba",
        "plot.search_chosen": "jawaban",
        "plot.search_goal": "peluang yang diinginkan",
        "plot.search_x": "Petugas tambahan (orang)",
        "plot.search_y": "Peluang mencapai target",
        "plot.low": "nilai rendah",
        "plot.high": "nilai tinggi",
        "plot.tornado_x": "Perubahan aktivasi dari {base} (orang)",
        "sheet.summary": "Ringkasan",
        "sheet.parameter_sets": "Set parameter",
        "sheet.calibration": "Kalibrasi",
        "xl.parameter_set": "Set parameter",
        "xl.activations_mean": "Aktivasi akhir periode (rata-rata set)",
        "xl.posterior": "Prior P5|Prior P95|Posterior rata-rata|Posterior P5|Posterior P95",
        "sheet.replications": "Per replikasi",
        "sheet.daily": "Harian",
        "sheet.sites": "Per lokasi",
        "sheet.abk": "ABK",
        "sheet.inputs": "Asumsi",
        "sheet.metadata": "Metadata",
        "sheet.comparison": "Perbandingan",
        "xl.indicator": "Indikator",
        "xl.value": "Nilai",
        "xl.key": "Kunci (summary.json)",
        "xl.variant": "Varian",
        "xl.replication": "Replikasi",
        "xl.activations": "Aktivasi akhir periode",
        "xl.new_activations": "Aktivasi baru dalam periode",
        "xl.reached": "Target tercapai",
        "xl.reached_date": "Tanggal target tercapai",
        "xl.turned_away": "Pulang tanpa aktivasi",
        "xl.arrived": "Kunjungan pertama",
        "xl.date": "Tanggal",
        "xl.cum_mean": "Warga aktif (rata-rata)",
        "xl.cum_p10": "Warga aktif P10",
        "xl.cum_p90": "Warga aktif P90",
        "xl.daily_mean": "Aktivasi hari itu: {channel}",
        "xl.target": "Target",
        "xl.officers": "Petugas",
        "xl.devices": "Perangkat",
        "xl.units": "Unit",
        "xl.site": "Lokasi",
        "xl.kind": "Jenis",
        "xl.item": "Butir",
        "kpi.target": "Target aktivasi",
        "kpi.activated_at_start": "Sudah aktif di awal periode",
        "kpi.activations": "Aktivasi akhir periode (rata-rata)",
        "kpi.activations_ci_low": "Aktivasi akhir periode, IK 95% bawah",
        "kpi.activations_ci_high": "Aktivasi akhir periode, IK 95% atas",
        "kpi.activations_p10": "Aktivasi akhir periode P10",
        "kpi.activations_p90": "Aktivasi akhir periode P90",
        "kpi.p_reach": "Peluang mencapai target",
        "kpi.p_reach_low": "Peluang mencapai target, IK 95% bawah",
        "kpi.p_reach_high": "Peluang mencapai target, IK 95% atas",
        "kpi.channel": "Aktivasi: {channel}",
        "kpi.reason": "Pulang: {reason}",
        "kpi.util": "Utilisasi: {channel}",
        "kpi.ikd_util": "Utilisasi IKD: {channel}",
        "kpi.wait": "Tunggu rata-rata (menit): {channel}",
        "kpi.wait_p90": "Tunggu P90 (menit): {channel}",
        "kpi.unserved": "Belum terlayani di akhir periode",
    },
    "en": {
        "html_lang": "en",
        "title": "IKD activation capacity report",
        "made_on": "Made {date} with {n} replications (seed {seed})",
        "sec.answer": "The answer",
        "sec.cumulative": "Cumulative activations over the period",
        "sec.channels": "Activations by channel",
        "sec.funnel": "Residents who left without activating",
        "sec.sites": "Utilisation and waits by kind of site",
        "sec.compare": "Proposals compared",
        "sec.search": "Extra officers needed",
        "sec.sensitivity": "Inputs that matter most",
        "sec.uncertain": "Input uncertainty, calibration and backtest",
        "caption.record_fit": (
            "The office's record (circles) against the simulated P10-P90 band on the same "
            "dates (squares: the mean), before and after calibration."
        ),
        "caption.backtest": (
            "Backtest: the forecast from the last observation before the test date, against "
            "the observations after it."
        ),
        "caption.prior_posterior": (
            "Each input before (prior, hatched) and after calibration (posterior, blue)."
        ),
        "caption.effects": "Each input's effect on end-of-period activations.",
        "plot.observed": "Office's record",
        "plot.record_y": "Activated (cumulative, people)",
        "plot.prior": "Before (prior)",
        "plot.posterior": "After (posterior)",
        "plot.effects_x_morris": "mu*: mean change in activations across the range (people)",
        "plot.effects_x_sobol": "Total Sobol index (share of the variance of activations)",
        "plot.before_calibration": "Simulated before calibration",
        "plot.after_calibration": "Simulated after calibration",
        "plot.forecast": "Forecast",
        "sec.abk": "Workload analysis (ABK)",
        "sec.inputs": "Assumptions and sources",
        "sec.model": "Appendix: model description",
        "sec.provenance": "Provenance",
        "sec.warnings": "Warnings",
        "answer.p": (
            "With today's staff, the probability of reaching the target of {target} residents "
            "with IKD by {end} is {p} (95% CI {low} – {high})."
        ),
        "answer.mean": (
            "On average {mean} residents are active at the end of the period (95% CI {low} – "
            "{high}; 80% of the simulated results between {p10} and {p90}), {share} of the target."
        ),
        "answer.reached": (
            "The target is reached around {date} (median; 80% of replications between {p10} "
            "and {p90})."
        ),
        "answer.not_reached": (
            "In most replications the target is not reached; at the end of the period "
            "{gap} activations are still missing on average."
        ),
        "answer.obstacle": "Largest obstacle: {reason} ({n} residents on average).",
        "answer.resident_side": (
            "{share} of the residents who left without activating were stopped by something on "
            "their side (phone, e-mail, e-KTP recording, face check); added officers do not "
            "remove those obstacles, they only reach residents not stopped by them."
        ),
        "answer.capacity_side": (
            "{share} of the residents who left without activating were stopped by service "
            "capacity (queues, closing time, quotas, no officer): more officers or longer hours "
            "help."
        ),
        "answer.variant": (
            "Proposal \u201c{name}\u201d: probability {p}, {mean} residents active on average, "
            "{diff} activations against today (95% CI {low} – {high}, {verdict})."
        ),
        "answer.unserved": "At the end of the period {n} residents are still queued or due back.",
        "caption.cumulative": (
            "Line: mean residents with IKD (those active at the start included); band: P10–P90 "
            "range over replications; dashed line: the target."
        ),
        "caption.channels": "Mean per replication; whiskers: 95% CI.",
        "caption.funnel": (
            "Mean per replication, by last reason; whiskers: 95% CI. Residents who came back "
            "another day and succeeded are not counted here."
        ),
        "caption.sites": (
            "Utilisation = officer time used ÷ staffed counter time open; 'all work' includes "
            "the other civil-registry work IKD displaces."
        ),
        "caption.compare": (
            "Paired differences against today's staffing with common random numbers: the same "
            "replication sees the same residents. Filled dot: significant (95% CI excludes 0)."
        ),
        "caption.search": "P(target reached) of each staffing plan the search tried.",
        "caption.tornado": (
            "One input set to its low and high value, everything else unchanged; same replications."
        ),
        "col.channel": "Channel",
        "col.activations": "Activations (mean)",
        "col.ci": "95% CI",
        "col.share": "Share",
        "col.reason": "Reason",
        "col.residents": "Residents (mean)",
        "col.side": "Side",
        "side.resident": "resident",
        "side.capacity": "capacity",
        "side.system": "system",
        "col.site_kind": "Kind of site",
        "col.units": "Units",
        "col.officers": "Officers",
        "col.util_all": "Utilisation (all work)",
        "col.util_ikd": "Utilisation (IKD)",
        "col.wait_mean": "Mean wait (min)",
        "col.wait_ci": "95% CI of wait (min)",
        "col.wait_p90": "90th percentile wait (min)",
        "col.served": "Served by an officer (mean)",
        "col.variant": "Proposal",
        "col.description": "Description",
        "col.p": "P(target)",
        "col.p_ci": "95% CI of P(target)",
        "col.diff": "Difference in activations",
        "col.diff_ci": "95% CI of difference",
        "col.diff_ci_low": "95% CI of difference, low",
        "col.diff_ci_high": "95% CI of difference, high",
        "col.diff_wait": "Difference in main-office wait (min)",
        "col.diff_left": "Difference in residents who left",
        "col.verdict": "Significant?",
        "col.added": "Extra officers",
        "col.where": "Placed at",
        "col.team": "Team",
        "col.institution": "Institution",
        "col.event_kind": "Event kind",
        "col.first_visit": "First visit",
        "col.visits": "Visits",
        "col.eligible": "Obliged residents not yet reached (first visit)",
        "col.came": "Came (all visits)",
        "search.visits": "Institutions the added teams visit (replication 0 of the chosen plan)",
        "col.input": "Input",
        "col.low_high": "Low → high",
        "col.swing": "Swing in activations",
        "col.swing_p": "Swing in P(target)",
        "col.key": "Key",
        "col.value": "Value",
        "col.set_in": "Set in",
        "col.note": "Source / assumption (comment in the file)",
        "model_default": "model default",
        "yes": "yes",
        "no": "no",
        "baseline": "today's staffing",
        "search.steps": "Plans tried",
        "search.none": "–",
        "abk.intro": (
            "ABK method (PermenPANRB 1/2020): officers needed = Σ (workload volume × standard "
            "time) ÷ effective working time per officer. Volumes and times per unit are measured "
            "in the simulation (mean of {n} replications); effective working time is {hours} "
            "hours a year, scaled to the period's working days ({share} of a year), giving "
            "{minutes} minutes per officer. Officers in post (bezetting) = whole officers serving "
            "in the period who hold an activation device; officers without one are not counted "
            "as IKD counters."
        ),
        "abk.col.site": "Unit / site",
        "abk.col.position": "Position",
        "abk.col.task": "Task",
        "abk.col.unit": "Unit of output",
        "abk.col.volume": "Volume (period)",
        "abk.col.volume_ci": "95% CI of volume",
        "abk.col.volume_ci_low": "95% CI of volume, low",
        "abk.col.volume_ci_high": "95% CI of volume, high",
        "abk.col.standard": "Standard time (min)",
        "abk.col.workload": "Workload (min)",
        "abk.col.effective": "Effective time (min)",
        "abk.col.needed": "Officers needed",
        "abk.col.needed_whole": "Rounded up",
        "abk.col.in_post": "In post",
        "abk.col.difference": "Difference (+/−)",
        "abk.col.ej": "Job effectiveness",
        "abk.col.grade": "Grade",
        "abk.col.util": "Utilisation (simulated)",
        "abk.col.wait": "Mean wait (simulated, min)",
        "abk.position": "SIAK operator",
        "abk.task.ikd": "IKD activation (eligibility check, face check, e-mail code)",
        "abk.task.other_work": "Other civil-registry work displaced (share {share})",
        "abk.unit.ikd": "residents served",
        "abk.unit.other_work": "service hours",
        "abk.subtotal": "Subtotal",
        "abk.total": "All sites",
        "abk.for_target": (
            "Reaching the target takes {n} activations in this period. At {minutes} officer "
            "minutes per activation (checks and failed attempts included, as simulated), the "
            "IKD workload alone is {workload} minutes = {needed} officers (rounded up {whole}), "
            "on top of other civil-registry work."
        ),
        "abk.grades": (
            "Job effectiveness (EJ) = workload ÷ (officers in post × effective time). Grades "
            "as commonly cited from Permendagri 12/2008: A > 1.00 (overloaded), B 0.90–1.00, "
            "C 0.70–0.89, D 0.50–0.69, E < 0.50; check against the regional ABK guideline "
            "before use. Difference = in post − needed (rounded up); negative means too few."
        ),
        "abk.blind": (
            "What ABK cannot see: peaks in arrivals (mornings, the start of a month, around a new "
            "policy), queues and residents who give up waiting, outreach travel, system outages, "
            "and the risk of missing the target. ABK works with averages; the simulation shows "
            "what happens at the counter day by day. That is why the simulated utilisation and "
            "waits are reported by kind of site earlier: an EJ below 1 does not mean residents are"
            " served without queuing (Erlang C queueing theory shows the same gap between the "
            "average load and the officers needed to keep waits short)."
        ),
        "abk.other_note": (
            "Other civil-registry work is modelled as a share of officer time "
            "(staff.other_work_share) displaced by IKD service, not as services counted one "
            "by one."
        ),
        "inputs.intro": (
            "Every scenario input used, with the file and line that set it and the comment "
            "there (its source, or ASSUMPTION). Comments marked ↑ belong to the group of "
            "inputs above."
        ),
        "inputs.variants": "Proposals declared in the scenario",
        "inputs.changes": "Changes",
        "model.intro": "A short description in the spirit of STRESS-DES (Monks et al., 2019).",
        "model.objective.h": "Objective",
        "model.objective": (
            "Estimate whether the staff and its split across sites are enough to reach the "
            "year-end IKD activation target, how likely, by when and what holds it back; "
            "compare staffing proposals and find the smallest addition that makes the target "
            "likely."
        ),
        "model.entities.h": "Entities",
        "model.entities": (
            "Residents obliged to hold a KTP who come to activate IKD (walk-ins, residents "
            "offered IKD during another service, and those at outreach events and home visits). "
            "Each carries their own attributes: e-KTP recorded or not, a compatible smartphone, "
            "Android or iPhone, a working e-mail address, face-check luck and patience. The pool "
            "of residents not yet active shrinks with every activation ({obliged} obliged, "
            "{start} active at the start)."
        ),
        "model.demand.h": "Demand",
        "model.demand": (
            "Residents fall into {segments} segment(s) (students, civil servants, general "
            "adults, elderly, ...), each with its own phone, Android and e-mail shares; e-mail "
            "is drawn given the phone (an Android phone carries a Google account). With "
            "demand.adoption, residents who walk in to activate come from each segment's "
            "remaining willing pool by a Bass diffusion: per day λ = (p + q·A/M)·(M − N)·g/365, "
            "with M the segment's residents able and willing, N those who have decided, A those "
            "activated, p and q per year, and g the dated drivers' factor (a campaign, a bansos "
            "requirement). The few who come unprepared are turned away for their reason; "
            "residents offered IKD during another service meet the full funnel. Outreach visits "
            "finite registers of institutions ({registers} event kind(s) with a register): "
            "largest first, a revisit reaches only those who have not come, and a used-up "
            "register yields nothing more."
        ),
        "model.resources.h": "Resources",
        "model.resources": (
            "Officers with SIAK-connected devices: counters = min(officers, devices) per site, "
            "plus PPPK officers from their start date. {sites} groups of fixed sites ({units} "
            "units), {teams} outreach teams ({team_units} units) and {home} home-visit teams."
        ),
        "model.activities.h": "Activities",
        "model.activities": (
            "Arrive → self-preparation (install the app, fill in the form, selfie) → queue at "
            "the counter (FIFO; leave on running out of patience, queue-number quota or "
            "closing) → the officer checks eligibility (those who cannot activate leave with a "
            "reason) → face check with retries → activation code by e-mail → active. Those sent "
            "home by closing time, outages, quotas or failed checks may come back days later "
            "with the scenario's probabilities."
        ),
        "model.rosters.h": "Rosters",
        "model.rosters": (
            "Opening hours per kind of site and weekday; national holidays and cuti bersama "
            "from the holidays package, plus local closures. Outreach teams follow a weekly "
            "pattern of event kinds within each event's hours; home visits work from a "
            "backlog of requests. Other civil-registry work is a share of officer time."
        ),
        "model.streams.h": "Random numbers",
        "model.streams": (
            "One named random stream per purpose (arrivals per site, service times, face "
            "check, phone type, event turnout, outages), seeded from (seed, replication, name) "
            "with numpy's SeedSequence. A replication uses the same random numbers in every "
            "proposal (common random numbers), so differences between proposals are their "
            "effect, not chance."
        ),
        "model.kpis.h": "Performance measures",
        "model.kpis": (
            "Cumulative activations per day and channel; probability of reaching the target "
            "(share of replications, Wilson CI) and its date; residents who left by reason; "
            "utilisation and waits per kind of site; paired differences between proposals "
            "(t CI). Means with 95% t confidence intervals over independent replications."
        ),
        "model.validation.h": "Verification",
        "model.validation": (
            "In its simplest mode (one site, constant staff, exponential times, no obstacles) "
            "the model is an M/M/c queue and its mean wait is tested against Erlang C; "
            "deterministic cases are tested against timelines worked out by hand."
        ),
        "model.software.h": "Software",
        "model.software": "Python {python}, SimPy {simpy}, NumPy {numpy}, ikd-sim {version}.",
        "prov.version": "Program version",
        "prov.git": "Git revision",
        "prov.seed": "Seed",
        "prov.replications": "Replications",
        "prov.hash": "Scenario hash (SHA-256)",
        "prov.created": "Created",
        "prov.scenario_file": "Scenario file",
        "prov.variant": "Variant",
        "prov.command": "Command",
        "prov.precision": "Precision reached (% of the mean)",
        "plot.target": "Target",
        "plot.date": "Date",
        "plot.cumulative_y": "Residents with IKD (people)",
        "plot.band": "Mean; band: 80% of the runs",
        "plot.channels_x": "Activations in the period (people, mean)",
        "plot.funnel_x": "Residents who left without activating (people, mean)",
        "plot.util_all": "all work",
        "plot.util_ikd": "IKD only",
        "plot.util_x": "Officer utilisation (% of counter time open)",
        "plot.wait_mean": "mean",
        "plot.wait_p90": "90th percentile",
        "plot.no_wait": "– no wait in minutes (a backlog of requests)",
        "plot.wait_x": "Wait (minutes)",
        "plot.diff_x": "Difference in activations against today (people, 95% CI)",
        "plot.search_steps": "plans tried",
        "plot.search_chosen": "answer",
        "plot.search_goal": "probability wanted",
        "plot.search_x": "Extra officers (people)",
        "plot.search_y": "Probability of reaching the target",
        "plot.low": "low value",
        "plot.high": "high value",
        "plot.tornado_x": "Change in activations from {base} (people)",
        "sheet.summary": "Summary",
        "sheet.parameter_sets": "Parameter sets",
        "sheet.calibration": "Calibration",
        "xl.parameter_set": "Parameter set",
        "xl.activations_mean": "End-of-period activations (mean of the set)",
        "xl.posterior": "Prior P5|Prior P95|Posterior mean|Posterior P5|Posterior P95",
        "sheet.replications": "Per replication",
        "sheet.daily": "Daily",
        "sheet.sites": "By site",
        "sheet.abk": "ABK",
        "sheet.inputs": "Assumptions",
        "sheet.metadata": "Metadata",
        "sheet.comparison": "Comparison",
        "xl.indicator": "Indicator",
        "xl.value": "Value",
        "xl.key": "Key (summary.json)",
        "xl.variant": "Variant",
        "xl.replication": "Replication",
        "xl.activations": "Activations at the end",
        "xl.new_activations": "New activations in the period",
        "xl.reached": "Target reached",
        "xl.reached_date": "Date target reached",
        "xl.turned_away": "Left without activating",
        "xl.arrived": "First visits",
        "xl.date": "Date",
        "xl.cum_mean": "Residents active (mean)",
        "xl.cum_p10": "Residents active P10",
        "xl.cum_p90": "Residents active P90",
        "xl.daily_mean": "Activations that day: {channel}",
        "xl.target": "Target",
        "xl.officers": "Officers",
        "xl.devices": "Devices",
        "xl.units": "Units",
        "xl.site": "Site",
        "xl.kind": "Kind",
        "xl.item": "Item",
        "kpi.target": "Activation target",
        "kpi.activated_at_start": "Active at the start of the period",
        "kpi.activations": "Activations at the end (mean)",
        "kpi.activations_ci_low": "Activations at the end, 95% CI low",
        "kpi.activations_ci_high": "Activations at the end, 95% CI high",
        "kpi.activations_p10": "Activations at the end P10",
        "kpi.activations_p90": "Activations at the end P90",
        "kpi.p_reach": "Probability of reaching the target",
        "kpi.p_reach_low": "Probability of reaching the target, 95% CI low",
        "kpi.p_reach_high": "Probability of reaching the target, 95% CI high",
        "kpi.channel": "Activations: {channel}",
        "kpi.reason": "Left: {reason}",
        "kpi.util": "Utilisation: {channel}",
        "kpi.ikd_util": "IKD utilisation: {channel}",
        "kpi.wait": "Mean wait (min): {channel}",
        "kpi.wait_p90": "90th percentile wait (min): {channel}",
        "kpi.unserved": "Still unserved at the end of the period",
    },
}
