"""Wording of results.xlsx sheets that the report does not share, in Bahasa Indonesia and English.

Every key starts with ``wb.`` so that it never shadows a text of the report."""

from __future__ import annotations

WORKBOOK_TEXT: dict[str, dict[str, str]] = {
    "id": {
        # the ABK sheets (PermenPANRB 1/2020 layout)
        "wb.sheet.abk_today": "ABK sekarang",
        "wb.sheet.abk_plan": "ABK rencana",
        "wb.sheet.abk_target": "ABK untuk target",
        "wb.abk.title": "Analisis beban kerja (ABK, PermenPANRB 1/2020)",
        "wb.abk.case_today": "staf saat ini",
        "wb.abk.case_plan": "rencana penambahan staf hasil pencarian",
        "wb.abk.case_target": "volume yang dibutuhkan target ({n} aktivasi dalam periode)",
        "wb.abk.hours": "Jam kerja efektif per tahun (input)",
        "wb.abk.hours_note": "← ubah angka ini: semua kebutuhan pegawai dihitung ulang",
        "wb.abk.share": "Bagian periode dari setahun hari kerja (input)",
        "wb.abk.share_note": "hari kerja periode ÷ hari kerja setahun (tanpa libur, cuti bersama)",
        "wb.abk.effective": "Waktu kerja efektif per pegawai dalam periode (menit)",
        "wb.abk.effective_note": "jam kerja efektif × 60 × bagian periode",
        "wb.abk.target_note": (
            "Volume IKD hari ini dikalikan {n} aktivasi yang dibutuhkan target ÷ {simulated} "
            "aktivasi yang disimulasikan; layanan lain dan bezetting tetap."
        ),
        "wb.abk.task": "Uraian tugas",
        "wb.abk.standard": "Norma waktu (menit)",
        "wb.abk.needed": "Kebutuhan pegawai",
        "wb.abk.needed_whole": "Kebutuhan dibulatkan",
        "wb.abk.without_device": "Petugas tanpa perangkat (tidak dihitung)",
        "wb.abk.approval": "Pengesahan",
        "wb.abk.prepared": "Disusun oleh",
        "wb.abk.checked": "Diperiksa oleh",
        "wb.abk.approved": "Disetujui oleh",
        "wb.abk.name": "Nama",
        "wb.abk.nip": "NIP",
        "wb.abk.date": "Tanggal",
        "wb.abk.signature": "Tanda tangan",
        # the comparison sheet
        "wb.cmp.officers_added": "Petugas ditambah",
        "wb.cmp.devices_added": "Perangkat ditambah",
        "wb.cmp.starts": "Mulai bertugas",
        "wb.cmp.cost": "Biaya dalam periode (Rp)",
        # the chart sheets
        "wb.sheet.chart_cumulative": "Grafik aktivasi",
        "wb.sheet.chart_proposals": "Grafik usulan",
        "wb.chart.cumulative": "Warga aktif IKD: rata-rata dan rentang P10–P90, dengan target",
        "wb.chart.residents": "Warga aktif IKD",
        "wb.chart.proposals": "Aktivasi akhir periode per usulan (rata-rata)",
    },
    "en": {
        "wb.sheet.abk_today": "ABK today",
        "wb.sheet.abk_plan": "ABK plan",
        "wb.sheet.abk_target": "ABK for the target",
        "wb.abk.title": "Workload analysis (ABK, PermenPANRB 1/2020)",
        "wb.abk.case_today": "today's staffing",
        "wb.abk.case_plan": "the staffing search's plan",
        "wb.abk.case_target": "the volume the target requires ({n} activations in the period)",
        "wb.abk.hours": "Effective working hours per year (input)",
        "wb.abk.hours_note": "← change this number: every officers-needed figure recomputes",
        "wb.abk.share": "The period's share of a working year (input)",
        "wb.abk.share_note": "working days in the period ÷ those of the year (holidays excluded)",
        "wb.abk.effective": "Effective working time per officer in the period (min)",
        "wb.abk.effective_note": "effective hours × 60 × the period's share",
        "wb.abk.target_note": (
            "Today's IKD volumes times the {n} activations the target needs ÷ the {simulated} "
            "simulated; other work and the officers in post stay as they are."
        ),
        "wb.abk.task": "Task description",
        "wb.abk.standard": "Standard time (min)",
        "wb.abk.needed": "Officers needed",
        "wb.abk.needed_whole": "Officers needed, rounded up",
        "wb.abk.without_device": "Officers without a device (not counted)",
        "wb.abk.approval": "Approval",
        "wb.abk.prepared": "Prepared by",
        "wb.abk.checked": "Checked by",
        "wb.abk.approved": "Approved by",
        "wb.abk.name": "Name",
        "wb.abk.nip": "Civil servant ID (NIP)",
        "wb.abk.date": "Date",
        "wb.abk.signature": "Signature",
        "wb.cmp.officers_added": "Officers added",
        "wb.cmp.devices_added": "Devices added",
        "wb.cmp.starts": "Starts",
        "wb.cmp.cost": "Cost over the period (Rp)",
        "wb.sheet.chart_cumulative": "Activations chart",
        "wb.sheet.chart_proposals": "Proposals chart",
        "wb.chart.cumulative": "Residents with IKD: mean and P10–P90 range, with the target",
        "wb.chart.residents": "Residents with IKD",
        "wb.chart.proposals": "Activations at the end per proposal (mean)",
    },
}
