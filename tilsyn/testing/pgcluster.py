"""A throwaway PostgreSQL cluster for tests and benchmarks.

    python -m tilsyn.testing.pgcluster [-c NAME=VALUE …] [--tcp] [--new] -- COMMAND [ARG …]

runs COMMAND with `DATABASE_URL` naming a database in a fresh cluster, then stops the cluster and deletes it,
whatever happens (failure, Ctrl-C, SIGTERM), and exits with COMMAND's exit code. When `DATABASE_URL` already
names a PostgreSQL database the command just runs with it (unless `--new`). With no COMMAND, the cluster runs
until interrupted and its URL is printed.

From Python:

    with throwaway_cluster({"shared_buffers": "2GB"}) as url:
        ...

How it works: the server binaries are found through `$TILSYN_PG_BINDIR`, `pg_config --bindir`,
/usr/lib/postgresql/*/bin (newest first) or PATH. `initdb` makes a cluster in a new directory under /tmp whose
bootstrap superuser `tilsyn` logs in without a password (trust); the server listens only on a Unix socket in that
directory (or, with `tcp=True`, on 127.0.0.1 at a free port as well), with durability turned off because nothing
in it needs to survive. initdb and postgres refuse to run as root, so when we are root they run as the `postgres`
system user (or `$TILSYN_PG_USER`; a `tilsyn-pg` system user is created when neither exists) through setpriv or
runuser, and the directory is handed to that user. Clients (root included) connect through the socket.
"""
from __future__ import annotations

import argparse
import contextlib
import glob
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

SUPERUSER = "tilsyn"
DEFAULT_DBNAME = "tilsyn"
FALLBACK_SYSTEM_USER = "tilsyn-pg"
SOCKET_PORT = 5432  # only names the socket file when we listen on no TCP port
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "postgis"}

# Nothing in a throwaway cluster has to survive a crash, so durability goes; callers may override any of these.
FAST_SETTINGS: dict[str, object] = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "wal_level": "minimal",
    "max_wal_senders": 0,
    "shared_buffers": "64MB",
    "max_wal_size": "1GB",
    "timezone": "UTC",
    "log_timezone": "UTC",
}

_DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


class ClusterError(RuntimeError):
    """The throwaway cluster could not be made, started or reached."""


def is_postgres_url(url: str | None) -> bool:
    if not url or ":" not in url:
        return False
    return url.split(":", 1)[0].lower() in POSTGRES_SCHEMES


def _has_server(bindir: str | Path) -> bool:
    return all(os.access(Path(bindir) / name, os.X_OK) for name in ("initdb", "pg_ctl", "postgres"))


def _version_key(path: str) -> tuple:
    return tuple(int(part) for part in re.findall(r"\d+", path))


def find_bindir() -> Path:
    """The directory holding initdb, pg_ctl and postgres."""
    candidates: list[str] = []
    if os.environ.get("TILSYN_PG_BINDIR"):
        candidates.append(os.environ["TILSYN_PG_BINDIR"])
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            if out.returncode == 0 and out.stdout.strip():
                candidates.append(out.stdout.strip())
    for pattern in ("/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin", "/usr/local/pgsql/bin"):
        candidates.extend(sorted(glob.glob(pattern), key=_version_key, reverse=True))
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(os.path.dirname(os.path.realpath(initdb)))
    for candidate in candidates:
        if _has_server(candidate):
            return Path(candidate)
    raise ClusterError(
        "no PostgreSQL server binaries (initdb, pg_ctl, postgres) found via $TILSYN_PG_BINDIR, pg_config, "
        "/usr/lib/postgresql/*/bin or PATH; install Debian's postgresql-15 (scripts/setup does so as root)"
    )


def _which(name: str) -> str | None:
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin:/usr/bin:/bin")


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged user to run the server as, or None when we are not root (the server runs as us)."""
    if os.geteuid() != 0:
        return None
    for name in (os.environ.get("TILSYN_PG_USER"), "postgres", FALLBACK_SYSTEM_USER):
        if name:
            with contextlib.suppress(KeyError):
                return pwd.getpwnam(name)
    useradd = _which("useradd")
    if useradd is None:
        raise ClusterError("running as root, no 'postgres' user, and no useradd to create one")
    made = subprocess.run(
        [useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
         "--shell", "/usr/sbin/nologin", "--comment", "throwaway PostgreSQL clusters for tests",
         FALLBACK_SYSTEM_USER],
        capture_output=True, text=True,
    )
    try:  # also fine when a concurrent run created it first
        return pwd.getpwnam(FALLBACK_SYSTEM_USER)
    except KeyError:
        raise ClusterError(f"could not create system user {FALLBACK_SYSTEM_USER}: {made.stderr.strip()}") from None


def _as_user_prefix(user: pwd.struct_passwd | None) -> list[str]:
    if user is None:
        return []
    setpriv = _which("setpriv")
    if setpriv:
        return [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--init-groups", "--"]
    runuser = _which("runuser")
    if runuser:
        return [runuser, "-u", user.pw_name, "--"]
    raise ClusterError("running as root, but neither setpriv nor runuser is there to drop privileges")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _conf_value(value: object) -> str:
    if isinstance(value, bool):
        value = "on" if value else "off"
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold back Ctrl-C and termination signals while cleaning up; they arrive once it is done."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


class Cluster:
    """One throwaway cluster. `throwaway_cluster()` is the usual way in; this class is for callers wanting more
    than the URL (socket directory, port, server log, timings)."""

    def __init__(
        self,
        settings: Mapping[str, object] | None = None,
        *,
        dbname: str = DEFAULT_DBNAME,
        tcp: bool = False,
        bindir: str | Path | None = None,
        verbose: bool = False,
    ):
        self.settings = {**FAST_SETTINGS, **(settings or {})}
        self.dbname = dbname
        self.tcp = tcp
        self.bindir = Path(bindir) if bindir else None
        self.verbose = verbose
        self.dir: Path | None = None
        self.port = SOCKET_PORT
        self.url: str | None = None
        self.user: pwd.struct_passwd | None = None
        self.timings: dict[str, float] = {}
        self._prefix: list[str] = []

    # -- paths ---------------------------------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        assert self.dir is not None
        return self.dir / "data"

    @property
    def server_log(self) -> Path:
        assert self.dir is not None
        return self.dir / "server.log"

    @property
    def socket_dir(self) -> Path:
        assert self.dir is not None
        return self.dir

    # -- helpers -------------------------------------------------------------------------------------------
    def _log(self, message: str) -> None:
        if self.verbose:
            print(f"pgcluster: {message}", file=sys.stderr, flush=True)

    def _env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PG", "LC_")) and k != "LANG"}
        env.update(LC_ALL="C", TZ="UTC", HOME=str(self.dir))
        return env

    def _run(self, argv: list, *, as_server: bool, **kwargs) -> subprocess.CompletedProcess:
        prefix = self._prefix if as_server else []
        return subprocess.run(
            [*prefix, *map(str, argv)], cwd=self.dir, env=self._env(), capture_output=True, text=True, **kwargs
        )

    def _log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.server_log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    # -- life cycle ----------------------------------------------------------------------------------------
    def start(self) -> str:
        t0 = time.monotonic()
        self.bindir = self.bindir or find_bindir()
        self.user = _server_user()
        self._prefix = _as_user_prefix(self.user)
        base = os.environ.get("TILSYN_PG_TMPDIR") or ("/tmp" if os.access("/tmp", os.W_OK) else None)
        self.dir = Path(tempfile.mkdtemp(prefix="tilsyn-pg-", dir=base))
        # The URL's host part is lower-cased by URL parsers, and socket paths are limited to ~107 bytes.
        if str(self.dir) != str(self.dir).lower() or len(str(self.dir)) > 80:
            self.tcp = True
        os.chmod(self.dir, 0o755)  # the socket must be reachable by any client, root included
        if self.user is not None:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)

        self._initdb()
        t1 = time.monotonic()
        self.timings["initdb"] = t1 - t0
        self._start_server()
        t2 = time.monotonic()
        self.timings["start"] = t2 - t1

        made = self._run(
            [self.bindir / "createdb", "-h", self.socket_dir, "-p", self.port, "-U", SUPERUSER, self.dbname],
            as_server=False, timeout=60,
        )
        if made.returncode != 0:
            raise ClusterError(f"createdb {self.dbname} failed: {made.stderr.strip()}")
        self.timings["createdb"] = time.monotonic() - t2

        user = quote(SUPERUSER, safe="")
        db = quote(self.dbname, safe="")
        if self.tcp:
            self.url = f"postgresql://{user}@127.0.0.1:{self.port}/{db}"
        else:
            self.url = f"postgresql://{user}@{quote(str(self.socket_dir), safe='')}:{self.port}/{db}"
        version = (self.data_dir / "PG_VERSION").read_text().strip()
        self._log(
            f"PostgreSQL {version} up in {time.monotonic() - t0:.2f} s ({self.bindir}, "
            f"server user {self.user.pw_name if self.user else pwd.getpwuid(os.geteuid()).pw_name}): {self.url}"
        )
        return self.url

    def _initdb(self) -> None:
        base = [self.bindir / "initdb", "-D", self.data_dir, "-U", SUPERUSER, "--auth=trust",
                "--encoding=UTF8", "--no-sync"]
        errors = []
        for locale in ("C.UTF-8", "C"):
            done = self._run([*base, f"--locale={locale}"], as_server=True, timeout=300)
            if done.returncode == 0:
                return
            errors.append(done.stderr.strip() or done.stdout.strip())
            with _signals_deferred():
                self._remove_data_dir()
        raise ClusterError("initdb failed:\n" + "\n---\n".join(errors))

    def _remove_data_dir(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)

    def _write_conf(self) -> None:
        settings = dict(self.settings)
        settings.update(
            port=self.port,
            listen_addresses="127.0.0.1" if self.tcp else "",
            unix_socket_directories=str(self.socket_dir),
        )
        lines = ["", "# throwaway cluster (tilsyn.testing.pgcluster)"]
        lines += [f"{name} = {_conf_value(value)}" for name, value in settings.items()]
        with open(self.data_dir / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("\n".join(lines) + "\n")

    def _start_server(self) -> None:
        attempts = 5 if self.tcp else 1
        for attempt in range(attempts):
            if self.tcp:
                self.port = _free_port()
            self._write_conf()  # later lines win, so rewriting the port on a retry just appends
            started = self._run(
                [self.bindir / "pg_ctl", "-D", self.data_dir, "-l", self.server_log, "-w", "-t", "60", "-s",
                 "start"],
                as_server=True, timeout=120,
                start_new_session=True,  # keep the server out of the terminal's process group: Ctrl-C is ours
            )
            if started.returncode == 0:
                return
            log = self._log_tail()
            if self.tcp and "could not bind" in log and attempt + 1 < attempts:
                continue
            raise ClusterError(f"PostgreSQL did not start: {started.stderr.strip()}\nserver log:\n{log}")

    def stop(self) -> None:
        """Stop the server and delete the cluster; safe to call at any stage and more than once."""
        if self.dir is None:
            return
        t0 = time.monotonic()
        with _signals_deferred():
            try:
                if (self.data_dir / "postmaster.pid").exists():
                    stopped = self._run(
                        [self.bindir / "pg_ctl", "-D", self.data_dir, "-m", "immediate", "-w", "-t", "30", "-s",
                         "stop"],
                        as_server=True, timeout=60,
                    )
                    if stopped.returncode != 0:
                        self._kill_postmaster()
            except (OSError, subprocess.SubprocessError):
                self._kill_postmaster()
            finally:
                shutil.rmtree(self.dir, ignore_errors=True)
                self.dir = None
        self.timings["stop"] = time.monotonic() - t0
        self._log(f"stopped and removed in {self.timings['stop']:.2f} s")

    def _kill_postmaster(self) -> None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self.data_dir / "postmaster.pid").read_text().splitlines()[0])
            os.kill(pid, signal.SIGKILL)  # its backends exit by themselves when the postmaster is gone


@contextlib.contextmanager
def throwaway_cluster(
    settings: Mapping[str, object] | None = None,
    *,
    dbname: str = DEFAULT_DBNAME,
    tcp: bool = False,
    bindir: str | Path | None = None,
    verbose: bool = False,
) -> Iterator[str]:
    """Start a fresh cluster and yield a `DATABASE_URL` for database `dbname` in it (user `tilsyn`, superuser).

    `settings` are extra postgresql.conf settings, e.g. `{"shared_buffers": "4GB", "work_mem": "64MB"}`; they
    override the fast, non-durable defaults in FAST_SETTINGS. The cluster is stopped and deleted on exit.
    """
    cluster = Cluster(settings, dbname=dbname, tcp=tcp, bindir=bindir, verbose=verbose)
    try:
        yield cluster.start()
    finally:
        cluster.stop()


# -- command line --------------------------------------------------------------------------------------------
def _run_command(cmd: list[str], env: dict[str, str]) -> int:
    """Run cmd to its end and return its exit code (128+N for a signal, as shells do)."""
    try:
        proc = subprocess.Popen(cmd, env=env)
    except FileNotFoundError:
        print(f"pgcluster: command not found: {cmd[0]}", file=sys.stderr)
        return 127
    except PermissionError:
        print(f"pgcluster: cannot run: {cmd[0]}", file=sys.stderr)
        return 126

    interrupted_at: list[float] = []

    def on_interrupt(signum, frame):
        # Ctrl-C in a terminal reaches the command too (same process group); pass it on only if it did not.
        interrupted_at.append(time.monotonic())

    def forward(signum, frame):
        with contextlib.suppress(ProcessLookupError):
            proc.send_signal(signum)

    handlers = {signal.SIGINT: on_interrupt, signal.SIGTERM: forward, signal.SIGHUP: forward}
    old = {signum: signal.signal(signum, handler) for signum, handler in handlers.items()}
    forwarded = False
    try:
        while True:
            try:
                rc = proc.wait(timeout=0.5)
                break
            except subprocess.TimeoutExpired:
                if interrupted_at and not forwarded and time.monotonic() - interrupted_at[0] > 3:
                    forward(signal.SIGINT, None)
                    forwarded = True
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)
    return 128 - rc if rc < 0 else rc


def _libpq_env(url: str) -> dict[str, str]:
    """PGHOST & co. for a URL of ours, so that psql and friends in COMMAND find the same database unasked."""
    parts = urlsplit(url)
    return {
        "PGHOST": unquote(parts.hostname or ""),
        "PGPORT": str(parts.port or SOCKET_PORT),
        "PGUSER": unquote(parts.username or ""),
        "PGDATABASE": unquote(parts.path.lstrip("/")),
    }


def _parse_setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value.strip()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" in argv:
        split = argv.index("--")
        options, command = argv[:split], argv[split + 1:]
    else:
        options, command = argv, []

    parser = argparse.ArgumentParser(
        prog="python -m tilsyn.testing.pgcluster",
        usage="%(prog)s [-c NAME=VALUE ...] [--tcp] [--new] [--dbname NAME] [-q] -- COMMAND [ARG ...]",
        description="Run COMMAND with DATABASE_URL naming a database in a throwaway PostgreSQL cluster.",
    )
    parser.add_argument("-c", "--set", dest="settings", action="append", type=_parse_setting, default=[],
                        metavar="NAME=VALUE", help="extra server setting, e.g. -c shared_buffers=2GB (repeatable)")
    parser.add_argument("--tcp", action="store_true", help="listen on 127.0.0.1 at a free port; URL uses TCP")
    parser.add_argument("--new", action="store_true",
                        help="make a cluster even when DATABASE_URL already names a PostgreSQL database")
    parser.add_argument("--dbname", default=DEFAULT_DBNAME, help="database to create (default: %(default)s)")
    parser.add_argument("-q", "--quiet", action="store_true", help="say nothing about the cluster")
    args = parser.parse_args(options)

    caught: list[int] = []

    def stop_like_ctrl_c(signum, frame):
        caught.append(signum)
        raise KeyboardInterrupt

    # Until the command runs (which gets these forwarded), a termination signal still cleans up on its way out.
    signal.signal(signal.SIGTERM, stop_like_ctrl_c)
    signal.signal(signal.SIGHUP, stop_like_ctrl_c)

    existing = os.environ.get("DATABASE_URL")
    if command and is_postgres_url(existing) and not args.new:
        if not args.quiet:
            print("pgcluster: DATABASE_URL already names a PostgreSQL database; using it", file=sys.stderr)
        return _run_command(command, dict(os.environ))

    try:
        with throwaway_cluster(dict(args.settings), dbname=args.dbname, tcp=args.tcp,
                               verbose=not args.quiet) as url:
            cluster_env = {"DATABASE_URL": url, **_libpq_env(url)}
            if not command:
                print(f"DATABASE_URL={url}", flush=True)
                print("pgcluster: running until Ctrl-C", file=sys.stderr, flush=True)
                while True:
                    signal.pause()
            return _run_command(command, {**os.environ, **cluster_env})
    except ClusterError as error:
        print(f"pgcluster: {error}", file=sys.stderr)
        return 70
    except KeyboardInterrupt:
        return 128 + (caught[0] if caught else signal.SIGINT)


if __name__ == "__main__":
    sys.exit(main())
