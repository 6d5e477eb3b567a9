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


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["s.yaml", "-n", "0"], "kesalahan: argumen --replications/-n: paling kecil 1"),
        (["s.yaml", "-n", "x"], "kesalahan: argumen --replications/-n: 'x' bukan bilangan bulat"),
        (["s.yaml", "-n"], "kesalahan: argumen --replications/-n: perlu satu nilai"),
        (["s.yaml", "--bogus"], "kesalahan: argumen tidak dikenal: --bogus"),
        (["s.yaml", "--p-target", "2"], "argumen --p-target: harus di atas 0 dan paling besar 1"),
        (["s.yaml", "--precision", "100"], "argumen --precision: harus di atas 0 dan di bawah 100"),
        (["s.yaml", "--sensitivity", "x"], "argumen --sensitivity: pilihan 'x' tidak dikenal"),
        (
            ["--lang", "en", "s.yaml", "-n", "0"],
            "error: argument --replications/-n: must be at least 1",
        ),
        (["--lang", "en", "s.yaml", "--bogus"], "error: unrecognized arguments: --bogus"),
    ],
)
def test_argparse_phrases_speak_the_chosen_language(argv, line, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    assert line in capsys.readouterr().err.splitlines()[-1]


def test_argparse_is_itself_again_after_parsing():
    import argparse
    import gettext

    parser("id").parse_args(["s.yaml"])
    assert (argparse._, argparse.ngettext) == (gettext.gettext, gettext.ngettext)
