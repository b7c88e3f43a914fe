"""The unlock agent: keeps a locked data home's key in memory for a while, never on disk.

`reflect unlock` derives the key from the passphrase, checks it, and starts this small
process (``python -m assistant.store.agent``), handing it the key through a pipe. Every
Reflect started after that (a command, the app, a browser tab of `reflect serve`) asks
the agent for the key instead of asking the person for the passphrase again, in the way
ssh-agent and gpg-agent work.

* It listens on a Unix socket in a folder only the user can enter (``0700``):
  ``$XDG_RUNTIME_DIR/reflect`` (a memory file system on most Linux desktops), else
  ``reflect-UID`` in the temporary folder. On Linux it answers only processes of the
  same user (``SO_PEERCRED``).
* It ends after :data:`IDLE_MINUTES` without being asked (`reflect unlock --for M`),
  on `reflect lock` (which locks again at once) and when the key stops being the
  database's (`reflect lock --off`, `reflect passphrase`).
* It makes itself undumpable (no core file, no ``ptrace`` or ``/proc/PID/mem`` by other
  processes of the user), so the key is only given out through the socket.

What it cannot protect: while it runs, any program running as the user can ask it for
the key, as they could read what the user types. README says so.
"""

from __future__ import annotations

import hashlib
import os
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

IDLE_MINUTES = 30
_ASK_TIMEOUT = 2.0


def _folder() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isdir(runtime):
        folder = Path(runtime) / "reflect"
    else:
        folder = Path(tempfile.gettempdir()) / f"reflect-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return folder
    return folder


def _safe(folder: Path) -> bool:
    """The folder is the user's alone: nobody else can put a socket there."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
            and info.st_mode & 0o077 == 0)


def socket_path(db: str | os.PathLike[str]) -> Path:
    """The agent's socket for one database (short: a Unix socket path has ~100 bytes)."""
    name = hashlib.sha256(os.path.realpath(db).encode()).hexdigest()[:16]
    return _folder() / f"{name}.sock"


def _request(db: str | os.PathLike[str], what: bytes) -> bytes | None:
    path = socket_path(db)
    if not _safe(path.parent) or not path.exists():
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(_ASK_TIMEOUT)
        try:
            sock.connect(str(path))
            sock.sendall(what + b"\n")
            answer = b""
            while not answer.endswith(b"\n"):
                part = sock.recv(256)
                if not part:
                    break
                answer += part
        except OSError:
            return None
    return answer.strip()


def ask(db: str | os.PathLike[str]) -> bytes | None:
    """The key the agent holds for ``db``, or None when no agent runs for it."""
    answer = _request(db, b"key")
    if not answer:
        return None
    try:
        return bytes.fromhex(answer.decode("ascii"))
    except ValueError:
        return None


def running(db: str | os.PathLike[str]) -> bool:
    return _request(db, b"ping") == b"pong"


def stop(db: str | os.PathLike[str]) -> bool:
    """End the agent of ``db``; whether one was running."""
    return _request(db, b"stop") == b"stopped"


def start(db: str | os.PathLike[str], key: bytes, minutes: float = IDLE_MINUTES) -> None:
    """Start an agent holding ``key`` for ``db`` (replacing one that runs)."""
    stop(db)
    path = socket_path(db)
    if not _safe(path.parent):
        from .lock import LockError

        raise LockError(
            f"The folder {path.parent} for the unlock agent is not yours alone (it must "
            "be owned by you, mode 0700); nothing was unlocked. Remove it, or set "
            "XDG_RUNTIME_DIR to a private folder.")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.store.agent", str(path), str(minutes * 60)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        start_new_session=True, close_fds=True, cwd="/")
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(key.hex().encode() + b"\n")
    proc.stdin.close()
    ready = proc.stdout.readline()
    proc.stdout.close()
    if ready.strip() != b"ready":
        from .lock import LockError

        raise LockError("The unlock agent did not start; nothing was unlocked. Run "
                        "`reflect unlock` again.")


# --------------------------------------------------------------------------- the agent


def _undumpable() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE, 0
        except (OSError, AttributeError):
            pass


def _same_user(conn: socket.socket) -> bool:
    if not hasattr(socket, "SO_PEERCRED"):
        return True  # the private folder is the guard there
    creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.getuid()


def serve(path: Path, key_hex: bytes, idle: float) -> None:
    path.unlink(missing_ok=True)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        old = os.umask(0o177)
        try:
            server.bind(str(path))
        finally:
            os.umask(old)
        server.listen(8)
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        deadline = time.monotonic() + idle
        try:
            while (left := deadline - time.monotonic()) > 0:
                server.settimeout(left)
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    break
                with conn:
                    conn.settimeout(_ASK_TIMEOUT)
                    try:
                        if not _same_user(conn):
                            continue
                        request = conn.recv(64).strip()
                        if request == b"key":
                            conn.sendall(key_hex + b"\n")
                            deadline = time.monotonic() + idle
                        elif request == b"ping":
                            conn.sendall(b"pong\n")
                        elif request == b"stop":
                            conn.sendall(b"stopped\n")
                            break
                    except OSError:
                        continue
        finally:
            path.unlink(missing_ok=True)


def main() -> int:
    _undumpable()
    path, idle = Path(sys.argv[1]), float(sys.argv[2])
    key_hex = sys.stdin.buffer.readline().strip()
    sys.stdin.close()
    serve(path, key_hex, idle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
