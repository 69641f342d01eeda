"""The classroom's append-only event log in SQLite: an event is committed (WAL, synchronous=FULL)
before anyone is told it was accepted, so a killed server loses nothing it acknowledged."""
from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path

LOG_NAME = "events.sqlite"
LOG_FORMAT = "petrograd-classroom-log"
LOG_VERSION = 1
MAX_EVENT_BYTES = 8_000


class LogError(Exception):
    """The log cannot be read or written; the message says why in plain words."""


class EventLog:
    def __init__(self, path: Path):
        self.path = Path(path)
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise LogError(f"{self.path} is not a regular file")
        fresh = not self.path.exists()
        try:
            if fresh:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                os.close(fd)
            self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=FULL")
            self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            self.db.execute("CREATE TABLE IF NOT EXISTS events (seq INTEGER PRIMARY KEY, at REAL NOT NULL, "
                            "body TEXT NOT NULL)")
        except (sqlite3.Error, OSError) as exc:
            raise LogError(f"cannot open the session log {self.path}: {exc}") from None

    def close(self) -> None:
        self.db.close()

    def write_meta(self, meta: dict) -> None:
        body = json.dumps({"format": LOG_FORMAT, "version": LOG_VERSION, **meta}, ensure_ascii=False)
        try:
            self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('session', ?)", (body,))
        except sqlite3.Error as exc:
            raise LogError(f"could not write the session log: {exc}") from None

    def read_meta(self) -> dict:
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'session'").fetchone()
            meta = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError) as exc:
            raise LogError(f"the session log {self.path} is damaged: {exc}") from None
        if not isinstance(meta, dict) or meta.get("format") != LOG_FORMAT:
            raise LogError(f"{self.path} is not a classroom session log")
        if meta.get("version") != LOG_VERSION:
            raise LogError(f"{self.path} was written by another version of the classroom (log version "
                           f"{meta.get('version')!r}; this one reads {LOG_VERSION})")
        return meta

    def append(self, event: dict) -> int:
        """Commit one event; returns its sequence number. Raises LogError (nothing is acknowledged)."""
        body = json.dumps(event, ensure_ascii=False, separators=(",", ":"))
        if len(body.encode("utf-8")) > MAX_EVENT_BYTES:
            raise LogError("that is too large to record")
        try:
            cur = self.db.execute("INSERT INTO events (at, body) VALUES (?, ?)", (time.time(), body))
            return cur.lastrowid
        except sqlite3.Error as exc:
            raise LogError(f"could not record that: {exc}") from None

    def events(self):
        try:
            rows = self.db.execute("SELECT seq, body FROM events ORDER BY seq").fetchall()
        except sqlite3.Error as exc:
            raise LogError(f"the session log {self.path} is damaged: {exc}") from None
        for seq, body in rows:
            try:
                event = json.loads(body)
            except ValueError:
                continue
            if isinstance(event, dict):
                yield seq, event
