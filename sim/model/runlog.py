"""What a replication records while it runs: counters per day, per channel and per reason.

The log's size depends on the number of days and channels, never on the number of
residents (unless the opt-in event log is switched on).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sim.model.codes import FUNNEL, LASTING_ORDER, REASON_INDEX, REASONS
from sim.scenario import CHANNELS

__all__ = [
    "BLOCKING_REASONS",
    "CHANNEL_INDEX",
    "FUNNEL_REASONS",
    "REASONS",
    "REASON_INDEX",
    "RunLog",
]

FUNNEL_REASONS = tuple(REASONS[i] for i in sorted(FUNNEL))
BLOCKING_REASONS = tuple(r.key for r in LASTING_ORDER)
CHANNEL_INDEX = {name: i for i, name in enumerate(CHANNELS)}

WAIT_BINS = 24 * 60  # one-minute bins up to a day; the last bin holds anything longer


@dataclass
class RunLog:
    """Aggregates of one replication, indexed by CHANNELS and REASONS.

    While the model runs the counters are plain lists (scalar updates on lists are several
    times cheaper than on numpy arrays); :meth:`freeze` turns them into arrays.
    """

    days: int
    segments: int = 1  # residents.segments (1 without segments)
    daily: Any = field(init=False)  # activations [day][channel]
    turned_away: Any = field(init=False)  # [reason]
    busy_min: Any = field(init=False)  # officer-minutes serving IKD [channel]
    occupied_min: Any = field(init=False)  # the same with the other work it displaces
    duty_min: Any = field(init=False)  # staffed-counter minutes open [channel]
    served_n: Any = field(init=False)  # services an officer finished [channel]
    wait_n: Any = field(init=False)  # residents who reached an officer [channel]
    wait_sum_min: Any = field(init=False)  # their summed waits [channel]
    wait_hist: Any = field(init=False)  # [channel][minute bin]
    arrived: int = 0  # residents who came, counting first visits only (all channels)
    return_visits: int = 0  # later visits of residents sent home with a reason to return
    offered_activations: int = 0  # activations of residents who came for another service
    unserved_end: int = 0  # still queued or due to return when the period ended
    activations: int = 0  # activations during the period, all channels
    events: list[tuple] | None = None  # opt-in per-resident log: (minute, site, what)
    segment_activations: Any = field(init=False)  # [segment]
    segment_told: Any = field(init=False)  # told of a lasting obstacle [segment]
    segment_decided: Any = field(init=False)  # activations of residents who decided [segment]
    segment_turned_away: Any = field(init=False)  # [segment][reason]

    def __post_init__(self) -> None:
        n_ch = len(CHANNELS)
        self.daily = [[0] * n_ch for _ in range(self.days)]
        self.turned_away = [0] * len(REASONS)
        self.busy_min = [0.0] * n_ch
        self.occupied_min = [0.0] * n_ch
        self.duty_min = [0.0] * n_ch
        self.served_n = [0] * n_ch
        self.wait_n = [0] * n_ch
        self.wait_sum_min = [0.0] * n_ch
        self.wait_hist = [[0] * WAIT_BINS for _ in range(n_ch)]
        self.segment_activations = [0] * self.segments
        self.segment_told = [0] * self.segments
        self.segment_decided = [0] * self.segments
        self.segment_turned_away = [[0] * len(REASONS) for _ in range(self.segments)]

    def record_wait(self, channel: int, wait_min: float) -> None:
        self.wait_n[channel] += 1
        self.wait_sum_min[channel] += wait_min
        self.wait_hist[channel][min(int(wait_min), WAIT_BINS - 1)] += 1

    def activated(self, day: int, channel: int, segment: int, decided: bool = False) -> None:
        self.daily[day][channel] += 1
        self.activations += 1
        self.segment_activations[segment] += 1
        if decided:
            self.segment_decided[segment] += 1

    def left(self, reason: int, segment: int, lasting: bool) -> None:
        """A resident left without activating and does not come back."""
        self.turned_away[reason] += 1
        self.segment_turned_away[segment][reason] += 1
        self.segment_told[segment] += lasting

    def left_many(self, reason: int, segments: np.ndarray) -> None:
        """Residents of these segments left for the same passing reason."""
        self.turned_away[reason] += len(segments)
        for segment, n in enumerate(np.bincount(segments, minlength=self.segments).tolist()):
            self.segment_turned_away[segment][reason] += n

    def served(self, channel: int, ikd_min: float, occupied_min: float) -> None:
        """An officer finished with a resident: IKD time, and time including displaced work."""
        self.served_n[channel] += 1
        self.busy_min[channel] += ikd_min
        self.occupied_min[channel] += occupied_min

    def note(self, minute: float, site: str, what: str) -> None:
        if self.events is not None:
            self.events.append((minute, site, what))

    def freeze(self) -> RunLog:
        """Turn the counters into numpy arrays once the run is over."""
        self.daily = np.asarray(self.daily, dtype=np.int64).reshape(self.days, len(CHANNELS))
        self.turned_away = np.asarray(self.turned_away, dtype=np.int64)
        self.busy_min = np.asarray(self.busy_min)
        self.occupied_min = np.asarray(self.occupied_min)
        self.duty_min = np.asarray(self.duty_min)
        self.served_n = np.asarray(self.served_n, dtype=np.int64)
        self.wait_n = np.asarray(self.wait_n, dtype=np.int64)
        self.wait_sum_min = np.asarray(self.wait_sum_min)
        self.wait_hist = np.asarray(self.wait_hist, dtype=np.int64)
        self.segment_activations = np.asarray(self.segment_activations, dtype=np.int64)
        self.segment_told = np.asarray(self.segment_told, dtype=np.int64)
        self.segment_decided = np.asarray(self.segment_decided, dtype=np.int64)
        self.segment_turned_away = np.asarray(self.segment_turned_away, dtype=np.int64)
        return self
