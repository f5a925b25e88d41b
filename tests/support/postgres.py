"""A throwaway PostgreSQL cluster for the test session, from the machine's
own server binaries (initdb, pg_ctl). PostgreSQL refuses to run as root, so
under root the server runs as the ``postgres`` system user."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if candidates:
        return Path(candidates[-1]).parent
    raise PostgresUnavailable("PostgreSQL server binaries (pg_ctl, initdb) were not found")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class PostgresServer:
    bin_dir: Path
    data_dir: Path
    port: int
    run_as: list[str]

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.run_as, *args], check=True, capture_output=True, text=True)

    def stop(self) -> None:
        subprocess.run(
            [*self.run_as, str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "stop", "-m", "immediate"],
            capture_output=True,
        )
        shutil.rmtree(self.data_dir.parent, ignore_errors=True)


def start() -> PostgresServer:
    bin_dir = _bin_dir()
    root = Path(tempfile.mkdtemp(prefix="myreview-pg-"))
    data_dir = root / "data"
    run_as: list[str] = []
    if os.geteuid() == 0:
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(root, "postgres")
    server = PostgresServer(bin_dir, data_dir, _free_port(), run_as)
    try:
        server._run(
            str(bin_dir / "initdb"),
            "-D",
            str(data_dir),
            "-U",
            "postgres",
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        options = (
            f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        )
        server._run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data_dir),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "start",
        )
    except subprocess.CalledProcessError as error:
        shutil.rmtree(root, ignore_errors=True)
        raise PostgresUnavailable(f"could not start PostgreSQL: {error.stderr or error.stdout}") from error
    return server
