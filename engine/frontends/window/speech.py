"""Self-voicing: the window reads its text aloud with the platform's own speech, in another process.

espeak-ng (or speech-dispatcher's spd-say) on Linux, `say` on macOS, SAPI through PowerShell on
Windows. Each utterance is one child process fed on its standard input; a worker thread waits for
it, so speech never stalls a frame, and a new screen interrupts what is still being read. Clipboard
voicing puts the same words on the clipboard instead, for a screen reader to pick up.
"""
from __future__ import annotations

import functools
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path


@functools.lru_cache(maxsize=None)
def espeak_voice(espeak: str, language: str) -> str | None:
    """espeak's voice for `language` ("ru", "pt_BR"), or None if it has none. Without one espeak reads
    another alphabet letter by letter in its English voice ("En o ve..." for «Новая»)."""
    voice = language.replace("_", "-").lower()
    try:
        listed = subprocess.run([espeak, f"--voices={voice}"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return voice if len(listed.strip().splitlines()) > 1 else None   # the first line is the table's heading


def speech_command(rate: int, wav_path: Path | None = None, language: str = "") -> list[str] | None:
    """The command that speaks its standard input at `rate` words a minute, in the voice of
    `language` (the language shown; "" for the platform's default) where the platform has one, or
    None if there is no speech at all."""
    if sys.platform == "darwin" and shutil.which("say"):
        return ["say", "-r", str(rate)] + (["-o", str(wav_path), "--data-format=LEI16@22050"] if wav_path else [])
    if sys.platform.startswith("win"):
        sapi_rate = max(-10, min(10, round((rate - 175) / 15)))
        script = ("Add-Type -AssemblyName System.Speech; $s = New-Object System.Speech.Synthesis.SpeechSynthesizer; "
                  f"$s.Rate = {sapi_rate}; " + (f"$s.SetOutputToWaveFile('{wav_path}'); " if wav_path else "")
                  + "$s.Speak([Console]::In.ReadToEnd())")
        return ["powershell", "-NoProfile", "-Command", script]
    espeak = shutil.which("espeak-ng") or shutil.which("espeak")
    if espeak:
        voice = espeak_voice(espeak, language) if language else None
        return ([espeak, "-s", str(rate)] + (["-v", voice] if voice else []) + ["--stdin"]
                + (["-w", str(wav_path)] if wav_path else []))
    if shutil.which("spd-say") and wav_path is None:
        return (["spd-say", "-w", "-r", str(max(-100, min(100, (rate - 175) * 100 // 125)))]
                + (["-l", language.split("_")[0]] if language else []) + ["-e"])
    return None


class Voice:
    """Speaks when enabled. `wav_dir` (tests) makes each utterance a numbered WAV file instead of sound;
    `spoken` keeps every text sent, in order."""

    def __init__(self, settings, wav_dir: Path | None = None, clipboard=None):
        self.settings = settings
        self.enabled = bool(getattr(settings, "self_voicing", False))
        self.language = ""                    # the language shown, whose voice reads it (the app sets it)
        self.clipboard = clipboard            # a callable taking text, for clipboard voicing
        self.wav_dir = Path(wav_dir) if wav_dir else None
        self.spoken: list[str] = []
        self.wavs: list[Path] = []
        self._queue: queue.Queue = queue.Queue()
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self._generation = 0

    @property
    def available(self) -> bool:
        return speech_command(175) is not None

    def say(self, text: str, interrupt: bool = False) -> None:
        text = " ".join(text.split())
        if not (self.enabled and text):
            return
        self.spoken.append(text)
        if self.clipboard is not None:
            self.clipboard(text)
            return
        if interrupt:
            self.stop()
        path = None
        if self.wav_dir is not None:
            self.wav_dir.mkdir(parents=True, exist_ok=True)
            path = self.wav_dir / f"{len(self.spoken):04d}.wav"
            self.wavs.append(path)
        self._queue.put((self._generation, text, path))
        if self._worker is None or not self._worker.is_alive():
            self._worker = threading.Thread(target=self._run, daemon=True)
            self._worker.start()

    def stop(self) -> None:
        """Silence what is being read and drop what waits."""
        with self._lock:
            self._generation += 1
            if self._process is not None and self._process.poll() is None:
                self._process.terminate()

    def wait(self, timeout: float = 30.0) -> None:
        """Until everything queued has been spoken (tests)."""
        if self._worker is not None:
            self._worker.join(timeout)

    def _run(self) -> None:
        while True:
            try:
                generation, text, path = self._queue.get(timeout=0.5)
            except queue.Empty:
                return
            try:
                if generation != self._generation:
                    continue
                command = speech_command(int(getattr(self.settings, "voice_rate", 175)), path, self.language)
                if command is None:
                    continue
                with self._lock:
                    self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                                     stderr=subprocess.DEVNULL,
                                                     env=dict(os.environ))
                try:
                    self._process.communicate(text.encode("utf-8"), timeout=120)
                except subprocess.TimeoutExpired:
                    self._process.kill()
            except OSError:
                pass   # no speech on this machine: play goes on silently
            finally:
                self._queue.task_done()
