"""Wording of page 1 (Ringkasan untuk pimpinan), the ABK pages and the annex, in Bahasa
Indonesia and English. Page 1 uses no jargon: "simulasi" for a replication, "umumnya
antara" for the P10-P90 range; the annex's glossary explains the terms the rest uses."""

from __future__ import annotations

PAGE_ONE_TEXT: dict[str, dict[str, str]] = {
    "id": {
        "money.billion": "miliar",
        "money.million": "juta",
        "sec.brief": "Ringkasan untuk pimpinan",
        "p1.made": "Dibuat {date} · {n} kali simulasi",
        "p1.period": "Periode {start} s.d. {end}",
        "p1.staff_caption": "Staf dan perangkat aktivasi di awal periode",
        "p1.col.kind": "Jenis lokasi",
        "p1.col.units": "Lokasi/tim",
        "p1.col.officers": "Petugas",
        "p1.col.devices": "Perangkat aktivasi",
        "p1.h.chance": "Peluang mencapai target",
        "p1.chance": (
            "Target {target} warga aktif IKD pada {end}: {words} mencapainya (peluang {p})."
        ),
        "p1.chance_none": "tidak satu pun dari {n} simulasi",
        "p1.chance_all": "semua {n} simulasi",
        "p1.chance_tenths": "sekitar {k} dari 10 kali ({m} dari {n} simulasi)",
        "p1.rough": (
            "Perkiraan ini dari {n} simulasi saja, jadi masih kasar: peluang sebenarnya bisa "
            "antara {low} dan {high}. Jalankan lebih banyak simulasi sebelum memutuskan."
        ),
        "p1.h.outcome": "Perkiraan hasil",
        "p1.outcome": (
            "Pada {end} sekitar {mean} warga aktif IKD ({share} dari target); hasil simulasi "
            "umumnya antara {p10} dan {p90}."
        ),
        "p1.reached": "Target tercapai sekitar {date}.",
        "p1.gap": "Masih kurang sekitar {gap} warga dari target.",
        "p1.h.limit": "Yang membatasi",
        "p1.limit.none": (
            "Tidak ada yang menghalangi: dengan staf sekarang target kemungkinan besar tercapai."
        ),
        "p1.limit.register": (
            "Daftar lembaga yang dapat dikunjungi jemput bola sudah habis, dan warga lain tidak "
            "cukup datang: tim atau petugas tambahan tidak menambah aktivasi."
        ),
        "p1.limit.residents.not": (
            "Pihak warga, bukan jumlah petugas: bahkan dengan petugas sepuluh kali lipat target "
            "tidak tercapai. Penghambat terbesar: {reason}. Yang perlu adalah langkah di pihak "
            "warga (ponsel, e-mail, rekam e-KTP, sosialisasi) atau kebijakan."
        ),
        "p1.limit.residents.untested": (
            "Terutama pihak warga: {share} warga yang pulang tanpa aktivasi terhambat di pihak "
            "warga (terbanyak: {reason}). Petugas tambahan hanya menjangkau warga yang tidak "
            "terhambat di sana; berapa yang dibutuhkan, dan apakah cukup, dihitung oleh "
            "pencarian kebutuhan petugas."
        ),
        "p1.limit.capacity.helps": (
            "Kapasitas layanan (petugas, perangkat, jam layanan): masih cukup warga yang mau "
            "dan mampu aktivasi, dan tambahan petugas menjangkau mereka. {share} warga yang "
            "pulang tanpa aktivasi terhambat di pihak warga (terbanyak: {reason}), tetapi itu "
            "tidak menutup jalan ke target."
        ),
        "p1.limit.capacity.helps.plain": (
            "Kapasitas layanan (petugas, perangkat, jam layanan): masih cukup warga yang mau "
            "dan mampu aktivasi, dan tambahan petugas menjangkau mereka. Penghambat terbesar "
            "sekarang: {reason}."
        ),
        "p1.limit.capacity.untested": (
            "Terutama kapasitas layanan: sebagian besar warga yang pulang tanpa aktivasi "
            "terhambat antrean, jam tutup, kuota atau tidak adanya petugas (terbanyak: "
            "{reason}); tambahan petugas atau jam layanan membantu."
        ),
        "p1.h.plan": "Rencana yang disarankan",
        "p1.plan.likely": (
            "{name} ({terms}). Peluang mencapai target naik dari {p0} menjadi {p1}; warga "
            "aktif IKD sekitar {a0} menjadi {a1}."
        ),
        "p1.plan.unlikely": (
            "Usulan terbaik: {name} ({terms}): peluang {p0} menjadi {p1}, warga aktif IKD "
            "sekitar {a0} menjadi {a1}. Target tetap belum mungkin tercapai (peluang di "
            "bawah {goal})."
        ),
        "p1.plan.none_needed": "Tidak perlu petugas tambahan untuk target ini.",
        "p1.plan.not_staff": (
            "Tidak ada rencana penambahan petugas yang disarankan untuk target ini: petugas "
            "bukan batasnya."
        ),
        "p1.plan.over_cap": (
            "Tidak ditemukan rencana dalam batas petugas tambahan yang dicoba; lihat rincian "
            "pencarian kebutuhan petugas."
        ),
        "p1.plan.none_better": "Tidak ada usulan yang jelas lebih baik dari keadaan sekarang.",
        "p1.plan.not_asked": (
            "Belum ada usulan yang dibandingkan dan kebutuhan petugas belum dihitung "
            "(pencarian kebutuhan petugas, --find-staff)."
        ),
        "p1.search_plan": "Tambahan petugas PPPK: {where}",
        "p1.from_start": "sejak awal periode",
        "p1.terms_none": "tanpa tambahan petugas, perangkat atau biaya",
        "p1.terms_no_cost": (
            "{officers} petugas, {devices} perangkat, mulai {starts}; biaya tidak dihitung "
            "(staff.costs tidak diisi)"
        ),
        "p1.terms": (
            "{officers} petugas, {devices} perangkat, mulai {starts}, biaya {cost} selama periode"
        ),
        "p1.caption": (
            "Garis: rata-rata warga aktif IKD; pita: rentang yang memuat 80% hasil simulasi; "
            "garis putus-putus: target."
        ),
        "p1.annex": "Istilah teknis dan rincian perhitungan ada di lampiran.",
        "col.added_staff": "Petugas / perangkat tambahan",
        "col.starts": "Mulai",
        "col.cost": "Biaya selama periode",
        "sec.annex": "Lampiran",
        "plot.gap": "masih kurang {gap} untuk target",
        "sec.abk_annex": "ABK usulan lainnya",
        "sec.visits": "Lembaga yang dikunjungi tim tambahan",
        "p1.recheck": (
            "Diperiksa ulang dengan {n} simulasi baru (tidak dipakai untuk memilih), "
            "peluangnya {p}."
        ),
        "p1.recheck_low": (
            "Diperiksa ulang dengan {n} simulasi baru (tidak dipakai untuk memilih), "
            "peluangnya hanya {p}: rencana ini di batas. Jalankan lebih banyak simulasi "
            "sebelum memutuskan, atau siapkan satu unit lebih."
        ),
        "sec.glossary": "Istilah",
        "gl.replication.h": "Simulasi (replikasi)",
        "gl.replication": (
            "Satu kali menjalankan periode hari demi hari dengan warga, kedatangan dan waktu "
            "layanan yang diundi. Hasil dilaporkan atas banyak replikasi; peluang mencapai "
            "target = bagian replikasi yang mencapainya."
        ),
        "gl.ci.h": "IK 95% (interval kepercayaan 95%)",
        "gl.ci": (
            "Rentang yang dengan keyakinan 95% memuat nilai rata-rata sebenarnya dari model; "
            "makin banyak replikasi, makin sempit."
        ),
        "gl.p10_p90.h": "P10–P90",
        "gl.p10_p90": (
            "Rentang yang memuat 80% hasil replikasi: 10% hasil di bawah P10, 10% di atas P90. "
            "Menunjukkan seberapa beragam satu tahun bisa terjadi."
        ),
        "gl.significant.h": "Nyata",
        "gl.significant": (
            "Selisih dua usulan disebut nyata bila IK 95% selisihnya tidak memuat 0: bedanya "
            "bukan karena kebetulan."
        ),
        "gl.crn.h": "Bilangan acak bersama",
        "gl.crn": (
            "Setiap usulan dijalankan dengan warga dan kejadian acak yang sama (replikasi r "
            "usulan mana pun melihat warga yang sama), sehingga selisih berasal dari usulan, "
            "bukan dari undian."
        ),
        "gl.seed.h": "Seed",
        "gl.seed": (
            "Bilangan awal undian. Dengan seed dan skenario yang sama, hasilnya sama persis; "
            "dicatat di jejak hasil agar dapat diperiksa ulang."
        ),
        "gl.ej.h": "EJ (efektivitas jabatan)",
        "gl.ej": (
            "Beban kerja ÷ (bezetting × waktu kerja efektif) dalam ABK: di atas 1 berarti beban "
            "melebihi petugas yang ada."
        ),
        "abk.case.today": "Keadaan sekarang",
        "abk.case.plan": "Usulan: {name}",
        "abk.case.target": "Volume yang dibutuhkan target",
        "abk.overview": "Ringkasan ABK: sekarang, usulan dan target",
        "abk.col.case": "Keadaan",
        "abk.col.no": "No",
        "abk.col.norm": "Norma waktu (menit)",
        "abk.col.needed_paren": "Kebutuhan pegawai (dibulatkan)",
        "abk.no_device": (
            "{kind}: {n} petugas tanpa perangkat aktivasi tidak dihitung dalam bezetting (tidak "
            "dapat melayani IKD)."
        ),
        "abk.target_note": (
            "Volume IKD disesuaikan dengan target: {n} aktivasi dalam periode, dibanding "
            "{simulated} pada simulasi keadaan sekarang, dengan bauran kanal dan norma waktu "
            "yang sama; layanan lain dan bezetting tetap."
        ),
        "abk.approval": "Pengesahan",
        "abk.prepared": "Disusun oleh",
        "abk.checked": "Diperiksa oleh",
        "abk.approved": "Disetujui oleh",
        "abk.sign_name": "Nama",
        "abk.sign_nip": "NIP",
        "abk.sign_date": "Tanggal",
        "abk.sign": "Tanda tangan",
    },
    "en": {
        "money.billion": "billion",
        "money.million": "million",
        "sec.brief": "Summary for the head of office",
        "p1.made": "Made {date} · {n} simulation runs",
        "p1.period": "Period {start} to {end}",
        "p1.staff_caption": "Staff and activation devices at the start of the period",
        "p1.col.kind": "Kind of site",
        "p1.col.units": "Sites/teams",
        "p1.col.officers": "Officers",
        "p1.col.devices": "Activation devices",
        "p1.h.chance": "Chance of reaching the target",
        "p1.chance": (
            "Target of {target} residents with IKD by {end}: {words} reach it (chance {p})."
        ),
        "p1.chance_none": "none of {n} simulation runs",
        "p1.chance_all": "all {n} simulation runs",
        "p1.chance_tenths": "about {k} in 10 ({m} of {n} simulation runs)",
        "p1.rough": (
            "This estimate comes from only {n} runs, so it is rough: the true chance may lie "
            "between {low} and {high}. Run more simulations before deciding."
        ),
        "p1.h.outcome": "Expected result",
        "p1.outcome": (
            "By {end} about {mean} residents with IKD ({share} of the target); the runs mostly "
            "end between {p10} and {p90}."
        ),
        "p1.reached": "The target is reached around {date}.",
        "p1.gap": "About {gap} residents short of the target.",
        "p1.h.limit": "What limits it",
        "p1.limit.none": "Nothing holds it back: with today's staff the target is likely.",
        "p1.limit.register": (
            "The institutions outreach can visit are used up, and other residents do not come "
            "in enough numbers: more teams or officers add no activations."
        ),
        "p1.limit.residents.not": (
            "The residents' side, not the number of officers: even with ten times the officers "
            "the target is not reached. Largest obstacle: {reason}. What is needed is action on "
            "the residents' side (phones, e-mail, e-KTP recording, outreach) or policy."
        ),
        "p1.limit.residents.untested": (
            "Mostly the residents' side: {share} of the residents who left without activating "
            "were stopped on their side (most: {reason}). Added officers only reach those not "
            "stopped there; how many are needed, and whether that is enough, is what the "
            "staffing search computes."
        ),
        "p1.limit.capacity.helps": (
            "Service capacity (officers, devices, opening hours): enough residents are willing "
            "and able, and added officers reach them. {share} of those who left without "
            "activating were stopped on the residents' side (most: {reason}), but that does not "
            "block the way to the target."
        ),
        "p1.limit.capacity.helps.plain": (
            "Service capacity (officers, devices, opening hours): enough residents are willing "
            "and able, and added officers reach them. Largest obstacle now: {reason}."
        ),
        "p1.limit.capacity.untested": (
            "Mostly service capacity: most residents who left without activating were stopped "
            "by queues, closing time, quotas or no officer (most: {reason}); more officers or "
            "opening hours help."
        ),
        "p1.h.plan": "Recommended plan",
        "p1.plan.likely": (
            "{name} ({terms}). The chance of reaching the target rises from {p0} to {p1}; "
            "residents with IKD about {a0} to {a1}."
        ),
        "p1.plan.unlikely": (
            "Best proposal: {name} ({terms}): chance {p0} to {p1}, residents with IKD about "
            "{a0} to {a1}. The target still is not likely (chance below {goal})."
        ),
        "p1.plan.none_needed": "No added officers are needed for this target.",
        "p1.plan.not_staff": (
            "No plan adding officers is recommended for this target: officers are not the limit."
        ),
        "p1.plan.over_cap": (
            "No plan was found within the added officers tried; see the staffing search's details."
        ),
        "p1.plan.none_better": "No proposal is clearly better than today's staffing.",
        "p1.plan.not_asked": (
            "No proposals were compared and the staff needed was not computed (the staffing "
            "search, --find-staff)."
        ),
        "p1.search_plan": "Added PPPK officers: {where}",
        "p1.from_start": "from the period's start",
        "p1.terms_none": "no added officers, devices or cost",
        "p1.terms_no_cost": (
            "{officers} officers, {devices} devices, from {starts}; cost not computed "
            "(staff.costs not given)"
        ),
        "p1.terms": (
            "{officers} officers, {devices} devices, from {starts}, cost {cost} over the period"
        ),
        "p1.caption": (
            "Line: mean residents with IKD; band: the range holding 80% of the runs; dashed "
            "line: the target."
        ),
        "p1.annex": "Technical terms and the details of the calculation are in the annex.",
        "col.added_staff": "Officers / devices added",
        "col.starts": "From",
        "col.cost": "Cost over the period",
        "sec.annex": "Annex",
        "plot.gap": "still {gap} short of the target",
        "sec.abk_annex": "ABK of the other proposals",
        "sec.visits": "Institutions the added teams visit",
        "p1.recheck": (
            "Checked again on {n} fresh simulation runs (not used to choose it), the chance is {p}."
        ),
        "p1.recheck_low": (
            "Checked again on {n} fresh simulation runs (not used to choose it), the chance "
            "is only {p}: the plan is on the edge. Run more simulations before deciding, or "
            "plan one unit more."
        ),
        "sec.glossary": "Terms",
        "gl.replication.h": "Simulation run (replication)",
        "gl.replication": (
            "One run of the period day by day with residents, arrivals and service times "
            "drawn at random. Results are reported over many runs; the chance of reaching the "
            "target is the share of runs that reach it."
        ),
        "gl.ci.h": "95% CI (confidence interval)",
        "gl.ci": (
            "The range that holds the model's true mean with 95% confidence; the more runs, "
            "the narrower."
        ),
        "gl.p10_p90.h": "P10–P90",
        "gl.p10_p90": (
            "The range holding 80% of the runs: 10% end below P10, 10% above P90. It shows how "
            "differently one year can turn out."
        ),
        "gl.significant.h": "Significant",
        "gl.significant": (
            "A difference between proposals is significant when its 95% CI excludes 0: it is "
            "not due to chance."
        ),
        "gl.crn.h": "Common random numbers",
        "gl.crn": (
            "Every proposal runs with the same residents and random events (run r of every "
            "proposal sees the same residents), so differences come from the proposal, not "
            "from the draw."
        ),
        "gl.seed.h": "Seed",
        "gl.seed": (
            "The starting number of the random draws. The same seed and scenario give exactly "
            "the same results; it is recorded in the provenance so they can be checked."
        ),
        "gl.ej.h": "EJ (job effectiveness)",
        "gl.ej": (
            "Workload ÷ (officers in post × effective time) in the ABK: above 1, the workload "
            "exceeds the officers in post."
        ),
        "abk.case.today": "Today",
        "abk.case.plan": "Proposal: {name}",
        "abk.case.target": "The volume the target requires",
        "abk.overview": "ABK overview: today, proposals and the target",
        "abk.col.case": "Case",
        "abk.col.no": "No",
        "abk.col.norm": "Norm time (min)",
        "abk.col.needed_paren": "Officers needed (rounded up)",
        "abk.no_device": (
            "{kind}: {n} officers without an activation device are not counted in post (they "
            "cannot serve IKD)."
        ),
        "abk.target_note": (
            "IKD volumes scaled to the target: {n} activations in the period against {simulated} "
            "in today's simulation, with the same channel mix and norm times; other work and "
            "officers in post unchanged."
        ),
        "abk.approval": "Approval",
        "abk.prepared": "Prepared by",
        "abk.checked": "Checked by",
        "abk.approved": "Approved by",
        "abk.sign_name": "Name",
        "abk.sign_nip": "NIP",
        "abk.sign_date": "Date",
        "abk.sign": "Signature",
    },
}
