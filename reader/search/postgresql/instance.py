"""Throw-away PostgreSQL servers in a folder: for tests, benchmarks and a laptop trial of
server mode.

The server binaries come from the system (Debian's ``postgresql`` package puts them in
``/usr/lib/postgresql/N/bin``; ``READER_PG_BINDIR`` names another folder). PostgreSQL refuses
to run as root, so when this process is root every server command runs as an unprivileged
user (``nobody`` unless ``READER_PG_USER`` names another) through ``runuser``, and the folder
is handed to that user. Servers listen on 127.0.0.1 only, with password authentication over
TCP, so wrong-password and replication set-ups behave as they do on a real host.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import IndexProblem

SUPERUSER = "reader_admin"
DEFAULT_USER = "nobody"


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, newest version first, or None."""
    chosen = os.environ.get("READER_PG_BINDIR")
    if chosen:
        path = Path(chosen)
        return path if (path / "pg_ctl").exists() else None
    found = []
    for candidate in Path("/usr/lib/postgresql").glob("*/bin"):
        version = candidate.parent.name
        if (candidate / "initdb").exists() and (candidate / "pg_ctl").exists():
            found.append((int(version) if version.isdigit() else 0, candidate))
    if found:
        return max(found)[1]
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    return None


def free_port() -> int:
    """A TCP port nothing listens on now (the kernel's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_as() -> str | None:
    """The user server commands run as: None when this process is not root."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    return os.environ.get("READER_PG_USER", DEFAULT_USER)


@dataclass
class LocalServer:
    """One PostgreSQL server with its data in ``folder``, listening on 127.0.0.1:``port``."""

    folder: Path
    port: int = field(default_factory=free_port)
    password: str = "reader-local"
    bindir: Path | None = None
    settings: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.folder = Path(self.folder)
        self.bindir = self.bindir or find_bindir()
        if self.bindir is None:
            raise IndexProblem("no PostgreSQL server binaries found (install the 'postgresql' "
                               "package or set READER_PG_BINDIR)")
        self.user = run_as()

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER,
            password: str | None = None) -> str:
        secret = self.password if password is None else password
        return (f"postgresql://{user}:{secret}@127.0.0.1:{self.port}/{dbname}"
                if secret else f"postgresql://{user}@127.0.0.1:{self.port}/{dbname}")

    # -- commands ------------------------------------------------------------------------------

    def _command(self, *args: str, check: bool = True, timeout: float = 120
                 ) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.user:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        env = {**os.environ, "PGPASSWORD": self.password, "LC_ALL": "C.UTF-8"}
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout,
                              cwd=self.folder)
        if check and proc.returncode != 0:
            lines = (proc.stderr or proc.stdout).strip().splitlines()
            tail = [line for line in lines if "error" in line.lower()][:2] or lines[-3:]
            raise IndexProblem(f"{args[0]} failed: {' / '.join(tail)}")
        return proc

    def _own(self, path: Path) -> None:
        if self.user:
            shutil.chown(path, self.user)

    def _prepare_folder(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._own(self.folder)
        if self.user:  # the unprivileged user must reach the folder through its parents
            for parent in self.folder.parents:
                if parent == Path("/"):
                    break
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    os.chmod(parent, mode | 0o001)

    def init(self) -> LocalServer:
        """``initdb`` a new cluster: UTF-8, password logins over TCP, replication allowed."""
        self._prepare_folder()
        pwfile = self.folder / "pw"
        pwfile.write_text(self.password + "\n")
        self._own(pwfile)
        self._command("initdb", "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                      "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                      "--locale=C.UTF-8", "--no-sync")
        pwfile.unlink()
        self.configure({
            "listen_addresses": "'127.0.0.1'", "port": str(self.port),
            "unix_socket_directories": f"'{self.folder}'", "wal_level": "replica",
            "max_wal_senders": "10", "hot_standby": "on", "max_prepared_transactions": "10",
            "logging_collector": "off", **self.settings,
        })
        return self

    def configure(self, values: dict[str, str]) -> None:
        """Append settings to ``postgresql.conf`` (a later line wins)."""
        conf = self.data / "postgresql.conf"
        with open(conf, "a", encoding="utf-8") as handle:
            for key, value in values.items():
                handle.write(f"{key} = {value}\n")

    def start(self) -> LocalServer:
        stale = self.pid()
        if stale is not None and not _alive(stale):
            # a killed postmaster whose parent has not reaped it yet: PostgreSQL would take
            # the zombie for a live server and refuse to start
            (self.data / "postmaster.pid").unlink(missing_ok=True)
            for leftover in (f".s.PGSQL.{self.port}.lock", f".s.PGSQL.{self.port}"):
                (self.folder / leftover).unlink(missing_ok=True)
        self._command("pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l",
                      str(self.log), "-o", f"-p {self.port}")
        return self

    def stop(self) -> None:
        """Stop quickly if running; never raises (used in clean-ups)."""
        if (self.data / "postmaster.pid").exists():
            self._command("pg_ctl", "stop", "-w", "-m", "immediate", "-D", str(self.data),
                          check=False)

    def pid(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None

    def kill(self) -> None:
        """SIGKILL the postmaster, as a crash would; wait until its children have noticed
        and exited (they do on their own) and the port is free, so it can start again."""
        pid = self.pid()
        if pid is None:
            return
        children = _children(pid)
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and (
                _listening(self.port) or any(_alive(c) for c in children + [pid])):
            time.sleep(0.05)

    def promote(self) -> None:
        self._command("pg_ctl", "promote", "-w", "-D", str(self.data))

    def replica(self, folder: Path, port: int | None = None) -> LocalServer:
        """A streaming replica of this server in ``folder`` (``pg_basebackup -R``), started."""
        other = LocalServer(folder, port or free_port(), self.password, self.bindir)
        other._prepare_folder()
        other._command("pg_basebackup", "-D", str(other.data), "-h", "127.0.0.1", "-p",
                       str(self.port), "-U", SUPERUSER, "-R", "-X", "stream", "--no-sync")
        other.configure({"port": str(other.port), "unix_socket_directories": f"'{other.folder}'"})
        return other.start()

    def version(self) -> str:
        out = self._command("pg_ctl", "--version").stdout
        match = re.search(r"(\d+(?:\.\d+)?)", out)
        return match.group(1) if match else out.strip()

    def remove(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(c) for c in task.read_text().split()]
        except (OSError, ValueError):
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"  # a zombie is gone for our purposes


def _listening(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0
