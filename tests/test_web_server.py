"""The classroom server as a hostile client meets it: tokens, origins, sizes, paths and headers."""
import json

import pytest

from conftest import FIXTURES
from engine import Game, load_story_or_raise
from engine.session.hosted import HostedSession
from engine.session.planner import make_plan

starlette_testclient = pytest.importorskip("starlette.testclient")


@pytest.fixture()
def served(tmp_path):
    story = load_story_or_raise(FIXTURES / "classroom")
    plan = make_plan(story, Game(story), 6, 45, 2)
    hosted = HostedSession.create(story, "web", plan, saves=tmp_path, seed=2)
    from engine.frontends.web.server import create_app
    client = starlette_testclient.TestClient(create_app(hosted))
    return hosted, client


def hello(client, token, **headers):
    ws = client.websocket_connect("/ws", headers=dict(headers))
    conn = ws.__enter__()
    conn.send_text(json.dumps({"type": "hello", "token": token}))
    return ws, conn


def test_every_response_carries_the_security_headers(served):
    hosted, client = served
    for path in ("/", "/teacher", "/api/health", "/img/x?w=10"):
        r = client.get(path)
        assert "default-src 'self'" in r.headers["content-security-policy"], path
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert r.headers["x-content-type-options"] == "nosniff"


def test_joining_needs_the_code_and_a_name(served):
    hosted, client = served
    assert client.post("/api/join", json={"code": "NOPE", "name": "Ana"}).status_code == 403
    assert client.post("/api/join", json={"code": hosted.code, "name": ""}).status_code == 403
    assert client.post("/api/join", content=b"not json").status_code == 400
    assert client.post("/api/join", content=b"{" + b" " * 10_000 + b"}").status_code == 400
    r = client.post("/api/join", json={"code": hosted.code, "name": "Ana"})
    assert r.status_code == 200 and r.json()["token"]


def test_a_forged_token_gets_nothing_and_a_student_token_is_not_the_teacher(served):
    hosted, client = served
    student = client.post("/api/join", json={"code": hosted.code, "name": "Ana"}).json()["token"]
    ws, conn = hello(client, "forged-token")
    assert json.loads(conn.receive_text())["type"] == "bye"
    ws.__exit__(None, None, None)
    ws, conn = hello(client, student)
    view = json.loads(conn.receive_text())["view"]
    assert view["screen"] == "lobby" and "students" not in view and "code" not in view
    conn.send_text(json.dumps({"type": "teacher", "ref": 1, "do": "start"}))
    reply = json.loads(conn.receive_text())
    assert reply == {"type": "error", "ref": 1, "message": "Only the teacher can do that."}
    ws.__exit__(None, None, None)
    assert hosted.live.stage == "lobby"
    ws, conn = hello(client, hosted.teacher_token)
    view = json.loads(conn.receive_text())["view"]
    assert view["code"] == hosted.code and len(view["students"]) == 1
    ws.__exit__(None, None, None)


def test_a_socket_from_another_site_is_closed(served):
    hosted, client = served
    with pytest.raises(Exception):
        with client.websocket_connect("/ws", headers={"origin": "http://evil.example"}) as conn:
            conn.send_text(json.dumps({"type": "hello", "token": hosted.teacher_token}))
            conn.receive_text()


def test_oversized_and_malformed_messages_are_refused_without_harm(served):
    hosted, client = served
    ws, conn = hello(client, hosted.teacher_token)
    conn.receive_text()
    conn.send_text("x" * 5000)
    assert json.loads(conn.receive_text())["type"] == "error"
    conn.send_text("[1, 2")
    assert json.loads(conn.receive_text())["type"] == "error"
    conn.send_text(json.dumps({"type": "teacher", "ref": 2, "do": "rm -rf"}))
    assert json.loads(conn.receive_text())["type"] == "error"
    ws.__exit__(None, None, None)
    assert client.get("/api/health").json()["ok"]


def test_pictures_need_a_token_and_never_leave_the_assets(served):
    hosted, client = served
    student = client.post("/api/join", json={"code": hosted.code, "name": "Ana"}).json()["token"]
    assert client.get("/img/anything?w=360").status_code == 403
    for bad in ("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "places/../../../../etc/passwd"):
        r = client.get(f"/img/{bad}?w=360", headers={"Authorization": f"Bearer {hosted.teacher_token}"})
        assert r.status_code in (403, 404), bad
        assert b"root:" not in r.content
    # A student may fetch only the picture of the scene its group is reading now.
    r = client.get("/img/places/smolny?w=360", headers={"Authorization": f"Bearer {student}"})
    assert r.status_code == 403


def test_static_files_cannot_be_escaped(served):
    hosted, client = served
    for bad in ("/static/../server.py", "/static/%2e%2e/server.py", "/static/..%2Fserver.py"):
        r = client.get(bad)
        assert r.status_code == 404 or b"create_app" not in r.content, bad


def test_the_server_listens_on_this_machine_only_unless_told(tmp_path, monkeypatch):
    from engine.session import host_cli
    seen = {}

    def fake_serve(hosted, host, port, on_ready=None):
        seen["host"], seen["port"] = host, port
    monkeypatch.setattr("engine.frontends.web.server.serve", fake_serve)
    import argparse
    base = dict(story=str(FIXTURES / "classroom"), saves=str(tmp_path), period=45, periods=2, students=6,
                names=None, roles=None, seed=1, decide="shared", port=8917, no_window=True)
    assert host_cli.cmd_host(argparse.Namespace(name="a", lan=False, **base)) == 0
    assert seen["host"] == "127.0.0.1"
    assert host_cli.cmd_host(argparse.Namespace(name="a", lan=True, **base)) == 0
    assert seen["host"] == "0.0.0.0"


def test_binary_frames_and_deep_json_get_a_plain_error(served):
    hosted, client = served
    ws, conn = hello(client, hosted.teacher_token)
    conn.receive_text()
    conn.send_bytes(b"\x00\x01")
    assert json.loads(conn.receive_text())["type"] == "error"
    conn.send_text("[" * 3900)
    assert json.loads(conn.receive_text())["type"] == "error"
    ws.__exit__(None, None, None)
    r = client.post("/api/join", content=b"[" * 3900)
    assert r.status_code == 400


def test_the_projector_token_shows_and_cannot_act(served):
    hosted, client = served
    ws, conn = hello(client, hosted.projector_token)
    view = json.loads(conn.receive_text())["view"]
    assert view["code"] == hosted.code and "students" not in view
    conn.send_text(json.dumps({"type": "teacher", "ref": 4, "do": "start"}))
    assert json.loads(conn.receive_text())["type"] == "error"
    ws.__exit__(None, None, None)
    assert hosted.live.stage == "lobby"


def test_pictures_may_be_cached_by_the_device(served):
    hosted, client = served
    r = client.get("/img/places/bridge?w=360", headers={"Authorization": f"Bearer {hosted.teacher_token}"})
    assert r.status_code == 200 and r.headers["content-type"] == "image/webp"
    assert r.headers["cache-control"].startswith("private")
    assert client.get("/").headers["cache-control"] == "no-store"


def test_the_join_qr_code_is_for_the_teacher_and_the_projector_and_holds_the_code(served):
    import segno
    from engine.frontends.web.server import join_qr_svg, join_url
    hosted, client = served
    student = client.post("/api/join", json={"code": hosted.code, "name": "Ana"}).json()["token"]
    assert client.get("/api/join-qr.svg").status_code == 403
    assert client.get(f"/api/join-qr.svg?t={student}").status_code == 403      # it holds the code
    for token in (hosted.teacher_token, hosted.projector_token):
        r = client.get(f"/api/join-qr.svg?t={token}")
        assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
        assert r.content == join_qr_svg("http://testserver/", hosted.code)
    assert join_url("http://10.0.0.5:8000/", hosted.code) == f"http://10.0.0.5:8000/?code={hosted.code}"
    # Drawn independently for the address a phone must open: the same picture, so it holds that address.
    import io
    buffer = io.BytesIO()
    segno.make(f"http://testserver/?code={hosted.code}", error="m").save(
        buffer, kind="svg", scale=8, border=2, dark="#1d1a16", light="#ffffff", xmldecl=False, svgns=True)
    assert r.content == buffer.getvalue()
