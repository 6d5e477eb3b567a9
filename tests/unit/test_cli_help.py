"""The command line's help is in Bahasa Indonesia by default and in English with --lang en."""

from __future__ import annotations

import pytest

from sim.cli import main, parser
from sim.cli_help import HELP_ID


def test_every_option_has_indonesian_help():
    missing = [a.dest for a in parser("en")._actions if a.dest not in HELP_ID]
    assert missing == []


@pytest.mark.parametrize(
    ("argv", "words", "not_words"),
    [
        (["--help"], ["penggunaan:", "pilihan:", "jumlah simulasi", "templat"], ["usage:"]),
        (["--lang", "en", "--help"], ["usage:", "independent replications"], ["penggunaan"]),
    ],
)
def test_help_speaks_the_chosen_language(argv, words, not_words, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert all(w in out for w in words), out
    assert not any(w in out for w in not_words), out


def test_a_missing_scenario_is_said_in_indonesian(capsys):
    with pytest.raises(SystemExit) as stop:
        main([])
    assert stop.value.code == 2
    assert "kesalahan: berkas skenario wajib disebut" in capsys.readouterr().err
