"""The command line: transcripts of scripted play, exit codes, help, and no tracebacks."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES

TRANSCRIPTS = FIXTURES / "transcripts"
CASES = sorted(p.stem for p in TRANSCRIPTS.glob("*.input"))


def petrograd(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "engine", *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": "200"})


@pytest.mark.parametrize("case", CASES)
def test_transcripts(case):
    """Each tests/fixtures/transcripts/NAME.input is played; the output must equal NAME.expected.
    The first line of the input file holds the command-line arguments."""
    lines = (TRANSCRIPTS / f"{case}.input").read_text().splitlines(keepends=True)
    args = lines[0].split()
    out = petrograd("play", "--text", *args, str(FIXTURES / "tiny"), stdin="".join(lines[1:]))
    assert out.returncode == 0, out.stderr
    expected = TRANSCRIPTS / f"{case}.expected"
    if os.environ.get("UPDATE_TRANSCRIPTS"):
        expected.write_text(out.stdout)
    assert out.stdout == expected.read_text()


def test_there_are_transcripts():
    assert len(CASES) >= 3


@pytest.mark.parametrize("command", [[], ["check"], ["roles"], ["play"]])
def test_help(command):
    out = petrograd(*command, "--help")
    assert out.returncode == 0 and "usage: petrograd" in out.stdout


def test_usage_errors_exit_2():
    assert petrograd("frobnicate").returncode == 2
    assert petrograd("check", "/no/such/dir").returncode == 2
    out = petrograd("play", "--text", "--role", "nobody", str(FIXTURES / "tiny"))
    assert out.returncode == 2 and "Traceback" not in out.stderr


def test_roles_lists_each_role():
    out = petrograd("roles", str(FIXTURES / "tiny"))
    assert out.returncode == 0
    assert out.stdout.splitlines()[0].startswith("guard")
    assert len(out.stdout.splitlines()) == 2


def test_play_on_a_broken_story_exits_1(story_dir):
    root = story_dir({"scenes/bad.yaml": "scenes: [\n"})
    out = petrograd("play", "--text", "--role", "hero", str(root))
    assert out.returncode == 1 and "PG100" in out.stderr and "Traceback" not in out.stderr


def test_role_menu_and_end_of_input():
    out = petrograd("play", "--text", "--seed", "3", str(FIXTURES / "tiny"), stdin="7\n1\n")
    assert out.returncode == 0
    assert "Type a number from 1 to 2." in out.stdout
    assert "THE POST" in out.stdout and out.stdout.rstrip().endswith("(end of input)")


def test_a_wrong_answer_to_a_single_choice_says_to_type_1(story_dir):
    from engine.diagnostics import EXAMPLE_BASE
    root = story_dir(EXAMPLE_BASE)          # its first scene offers one choice
    out = petrograd("play", "--text", "--role", "hero", str(root), stdin="2\n:quit\n")
    assert "Type 1, or :help for commands." in out.stdout and "from 1 to 1" not in out.stdout
