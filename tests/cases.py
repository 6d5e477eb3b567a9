"""Small scenarios shared by the test folders (imported as ``cases``: tests/ is on the path).

The hand-computable counter: 20 weekdays (Mon 2 Jan - Fri 27 Jan 2023, no holidays),
08:00-16:00, one officer with one device, exactly 100 residents a day arriving evenly (every
4.8 minutes from the opening), a fixed 10-minute service, everybody able to activate. One
counter serves 480 / 10 = 48 a day, so c counters activate min(100, 48 c) a day: 960, 1920
and 2000 in the period with 1, 2 and 3 counters. Applied as dotted-path changes to
scenarios/validation/mmc.yaml.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
MMC = SCENARIOS / "validation" / "mmc.yaml"

HOURS_8_16 = "08:00-16:00"  # 480 minutes
WEEKDAYS_8_16 = {
    **dict.fromkeys(("mon", "tue", "wed", "thu", "fri"), HOURS_8_16),
    "sat": None,
    "sun": None,
}
COUNTER = {
    "period.end": "2023-01-27",
    "calendar.opening_hours.main_office": WEEKDAYS_8_16,
    "sites.Loket.officers": 1,
    "sites.Loket.devices": 1,
    "sites.Loket.walk_ins_per_day": 100,
    "activation.officer_min": {"kind": "fixed", "value": 10},
    "demand.arrival_pattern": "even",
    "goal.target_count": 2000,
}
