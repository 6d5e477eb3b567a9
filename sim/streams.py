"""Named random streams: one independent generator per (seed, replication, purpose).

Keying by the purpose's *name* rather than by creation order means that adding a
stream never perturbs the others, and that replication ``r`` of two staffing proposals
draws the same residents: that is what makes their difference signal, not noise.
"""

from __future__ import annotations

import hashlib

import numpy as np


def _name_key(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little")


class Streams:
    """Generators for one replication, created on first use and cached by name."""

    def __init__(self, seed: int, replication: int) -> None:
        if seed < 0 or replication < 0:
            raise ValueError("seed and replication must be non-negative")
        self.seed = seed
        self.replication = replication
        self._cache: dict[str, np.random.Generator] = {}

    def __call__(self, name: str) -> np.random.Generator:
        rng = self._cache.get(name)
        if rng is None:
            seq = np.random.SeedSequence(self.seed, spawn_key=(self.replication, _name_key(name)))
            rng = self._cache[name] = np.random.Generator(np.random.PCG64(seq))
        return rng

    def on_day(self, name: str, day: int) -> np.random.Generator:
        """A fresh generator for one purpose on one day (not cached).

        Keyed by the day as well, so what a unit draws on a day does not depend on which
        earlier days it was open: opening on Saturdays leaves every weekday's residents as
        they were.
        """
        seq = np.random.SeedSequence(self.seed, spawn_key=(self.replication, _name_key(name), day))
        return np.random.Generator(np.random.PCG64(seq))
