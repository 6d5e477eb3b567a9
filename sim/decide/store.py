"""Results on disk, one file per (variant, replication), each written whole or not at all.

A run writes each replication as it finishes, so an interrupted run loses only the
replications in progress, and ``--resume`` carries on where it stopped. The folder's
manifest records the seed and each variant's scenario hash, and so does every replication
file; resuming with a changed scenario, or onto replications another run wrote, is refused.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import IO

import numpy as np

from sim.metrics import Replication
from sim.scenario import ScenarioError

_UMASK = os.umask(0)
os.umask(_UMASK)
_SCALARS = {"replication", "arrived", "return_visits", "offered_activations", "unserved_end"}


def atomic_write(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a file through a temporary file in the same folder, then rename it into place:
    readers see the old file or the whole new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        os.chmod(temp, 0o666 & ~_UMASK)  # as an ordinary new file (mkstemp makes it private)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def atomic_text(path: Path, text: str) -> None:
    atomic_write(path, lambda out: out.write(text.encode("utf-8")))


_FIELDS = {f.name for f in fields(Replication)}
SEED, SCENARIO = "_seed", "_scenario_sha256"  # which run wrote a replication file


class ResultStore:
    """The replications of one run: ``DIR/replications/<variant>/rep-00000.npz``."""

    def __init__(self, folder: Path) -> None:
        self.root = folder / "replications"
        self.manifest_path = self.root / "manifest.json"
        self.seed: int | None = None
        self.hashes: dict[str, str] = {}

    def start(self, seed: int, hashes: dict[str, str], resume: bool) -> None:
        """Begin a run: a fresh one clears old results; a resumed one must match the manifest."""
        self.seed, self.hashes = seed, dict(hashes)
        manifest = {"seed": seed, "scenario_sha256": hashes}
        if resume:
            self._check_resumable(manifest)
            return
        if self.root.exists():
            shutil.rmtree(self.root)
        atomic_text(self.manifest_path, json.dumps(manifest, indent=2, sort_keys=True) + "\n")

    def _check_resumable(self, manifest: dict) -> None:
        where = str(self.root.parent)
        if not self.manifest_path.exists():
            raise ScenarioError(where, "--resume", "resume_nothing")
        found = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        if found.get("seed") != manifest["seed"]:
            raise ScenarioError(
                where, "--resume", "resume_seed", was=found.get("seed"), now=manifest["seed"]
            )
        for variant, sha in manifest["scenario_sha256"].items():
            before = found.get("scenario_sha256", {}).get(variant)
            if before is not None and before != sha:
                raise ScenarioError(where, "--resume", "resume_changed", variant=variant)
        merged = {**found.get("scenario_sha256", {}), **manifest["scenario_sha256"]}
        found["scenario_sha256"] = merged
        atomic_text(self.manifest_path, json.dumps(found, indent=2, sort_keys=True) + "\n")

    def _check_origin(self, variant: str, path: Path, origin: tuple) -> None:
        """A replication file another run wrote (another seed or scenario) is refused (when
        this store was started for a run; reading a finished folder checks nothing)."""
        if self.seed is None:
            return
        seed, sha = int(origin[0]), str(origin[1])
        if seed != self.seed or sha != self.hashes.get(variant):
            where = str(self.root.parent)
            name = f"{variant}/{path.name}"
            raise ScenarioError(where, "--resume", "resume_foreign", file=name, seed=seed)

    def _path(self, variant: str, replication: int) -> Path:
        return self.root / variant / f"rep-{replication:05d}.npz"

    def save(self, variant: str, rep: Replication) -> None:
        arrays = {f.name: np.asarray(getattr(rep, f.name)) for f in fields(Replication)}
        arrays |= {SEED: np.asarray(self.seed), SCENARIO: np.asarray(self.hashes[variant])}
        atomic_write(self._path(variant, rep.replication), lambda out: np.savez(out, **arrays))

    def load(self, variant: str) -> dict[int, Replication]:
        """The replications of a variant already on disk, by index."""
        found = {}
        for path in sorted((self.root / variant).glob("rep-*.npz")):
            with np.load(path) as data:
                values = {k: (int(data[k]) if k in _SCALARS else data[k]) for k in data.files}
            origin = (values.pop(SEED, None), values.pop(SCENARIO, None))
            if set(values) != _FIELDS or origin[0] is None:
                continue  # written by another version of the program: run it again
            self._check_origin(variant, path, origin)
            rep = Replication(**values)
            found[rep.replication] = rep
        return found
