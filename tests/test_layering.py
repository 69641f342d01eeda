"""Architecture rules: the core never imports pygame; only one module imports transitions."""
import ast
import subprocess
import sys
from pathlib import Path

ENGINE = Path(__file__).resolve().parent.parent / "engine"
WINDOW_PACKAGE = ENGINE / "frontends" / "window"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_only_one_module_imports_transitions():
    users = [p.relative_to(ENGINE).as_posix() for p in ENGINE.rglob("*.py") if "transitions" in imports_of(p)]
    assert users == ["runtime/machine.py"]


def test_only_the_window_package_imports_pygame():
    users = [p for p in ENGINE.rglob("*.py") if "pygame" in imports_of(p)]
    assert all(WINDOW_PACKAGE in p.parents for p in users), users


def test_core_runs_with_pygame_blocked():
    code = (
        "import sys; sys.modules['pygame'] = None\n"
        "import engine, engine.cli, engine.checker, engine.frontends.text, engine.runtime, engine.loading\n"
        "from engine import load_story_or_raise, Game\n"
        f"g = Game(load_story_or_raise({str(ENGINE.parent / 'tests' / 'fixtures' / 'tiny')!r}))\n"
        "p = g.new_player('guard'); p.choose(p.frame().choices[0].index)\n"
        "assert 'pygame' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_only_the_web_package_imports_the_web_framework():
    web = ENGINE / "frontends" / "web"
    users = [p for p in ENGINE.rglob("*.py") if imports_of(p) & {"starlette", "uvicorn", "fastapi", "websockets"}]
    assert users and all(web in p.parents for p in users), users


def test_the_session_core_imports_no_front_end():
    core = [ENGINE / "session" / name for name in ("live.py", "eventlog.py", "hosted.py", "records.py")]
    for path in core:
        assert not imports_of(path) & {"pygame", "starlette", "uvicorn", "websockets"}, path
