"""Record or check the byte-for-byte outputs of the command line (a behaviour lock).

    python tests/golden/outputs.py record   # writes tests/golden/hashes.json
    python tests/golden/outputs.py check    # reruns and lists every file that differs

Each case runs ``run_sim.py`` with ``--seed 7`` on one scenario in one mode and hashes the
JSON and CSV files it writes. report.html and results.xlsx are hashed after removing what
belongs to the machine rather than to the model: time stamps, the commit, the output folder,
the software versions, and the plots' PNG bytes (matplotlib and its fonts differ between
machines; the numbers the plots draw are in the JSON and CSV files, hashed as they are).
The scenario's SHA-256 is left out too: it hashes every key of the format, defaults
included, so it changes whenever the format gains a key, with no change in any result.
Every case runs with SOURCE_DATE_EPOCH fixed, so the making date the report prints in words
("Dibuat 14 November 2023") is the same on every day the record is checked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HASHES = Path(__file__).with_name("hashes.json")
SCENARIOS = [
    "denpasar_2023",
    "malang_2023",
    "mojokerto_2023",
    "serang_2024",
    "solok_selatan_2023",
    "validation/mmc",
]
MODES = {
    "plain": ["-n", "3"],
    "compare": ["-n", "3", "--compare"],
    "find_staff": ["-n", "2", "--find-staff"],
    "sensitivity": ["-n", "2", "--sensitivity"],
}
FILES = ["summary.json", "daily.csv", "comparison.json", "search.json", "sensitivity.json"]


STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[^<\"]*")
REVISION = re.compile(rb"\b[0-9a-f]{40}(\+dirty)?\b")
SOFTWARE = re.compile(rb"Python \d+\.\d+\.\d+, SimPy [^<]*")
PNG = re.compile(rb"data:image/png;base64,[A-Za-z0-9+/=]+")
SHA256 = re.compile(rb"\b[0-9a-f]{64}\b")
MADE_AT = {"SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14 22:13:20 UTC


def _stable(data: bytes, out: Path) -> bytes:
    """``data`` without what changes between runs and machines (see the module docstring)."""
    data = SHA256.sub(b"<sha256>", REVISION.sub(b"<rev>", STAMP.sub(b"<time>", data)))
    data = PNG.sub(b"data:image/png;base64,<png>", SOFTWARE.sub(b"<software>", data))
    return data.replace(str(out).encode(), b"<out>")


def _html_digest(path: Path) -> str:
    return hashlib.sha256(_stable(path.read_bytes(), path.parent)).hexdigest()


def _xlsx_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with zipfile.ZipFile(path) as book:
        for name in sorted(book.namelist()):
            if name == "docProps/core.xml":
                continue
            digest.update(name.encode() + _stable(book.read(name), path.parent))
    return digest.hexdigest()


def run_case(scenario: str, mode: str, out: Path) -> dict[str, str]:
    """Run one case into ``out``; the digest of each output file, by name."""
    cmd = [sys.executable, "run_sim.py", f"scenarios/{scenario}.yaml"]
    cmd += [*MODES[mode], "--seed", "7", "--quiet", "--out", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, cwd=ROOT, env=os.environ | MADE_AT)
    digests = {
        name: hashlib.sha256(_stable((out / name).read_bytes(), out)).hexdigest()
        for name in FILES
        if (out / name).exists()
    }
    digests["report.html"] = _html_digest(out / "report.html")
    digests["results.xlsx"] = _xlsx_digest(out / "results.xlsx")
    return digests


def all_cases(keep: Path | None = None) -> dict[str, dict[str, str]]:
    work = keep or Path(tempfile.mkdtemp(prefix="golden-"))
    return {
        f"{scenario}:{mode}": run_case(scenario, mode, work / scenario / mode)
        for scenario in SCENARIOS
        for mode in MODES
    }


def differences(expected: dict, actual: dict) -> list[str]:
    """'case file' for every file whose digest is missing or different."""
    return [
        f"{case} {name}"
        for case in sorted(expected.keys() | actual.keys())
        for name in sorted(expected.get(case, {}).keys() | actual.get(case, {}).keys())
        if expected.get(case, {}).get(name) != actual.get(case, {}).get(name)
    ]


def main(argv: list[str]) -> int:
    keep = Path(argv[1]) if len(argv) > 1 else None
    actual = all_cases(keep)
    if argv[0] == "record":
        HASHES.write_text(json.dumps(actual, indent=1, sort_keys=True) + "\n")
        return 0
    diff = differences(json.loads(HASHES.read_text()), actual)
    print("\n".join(diff) or "all outputs identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
