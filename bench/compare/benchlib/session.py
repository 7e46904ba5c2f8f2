"""What every peer's session has in common: a directory of its own, an isolated environment, the daemon it
launched, and the guarantee that closing it stops the daemon and everything the daemon started."""
import dataclasses
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time

from . import procs


@dataclasses.dataclass(frozen=True)
class Service:
    name: str
    script: str  # shell text, run as /bin/sh -c SCRIPT
    autostart: bool = True


class PeerError(Exception):
    pass


class Session:
    """One daemon of one peer on one set of services. Subclasses write the config, launch and stop the daemon."""

    def __init__(self, directory, services, env):
        self.dir = directory
        self.services = services
        self.env = env
        self.launched_at = None  # monotonic time just before the daemon (or the command that starts it) ran
        self.ready_at = None  # monotonic time the daemon first answered
        self.daemon_pid = None
        self._daemon = None
        os.makedirs(directory, exist_ok=True)

    # --- subclasses -------------------------------------------------------------------------------------------
    def open(self):
        raise NotImplementedError

    def start(self, names):
        raise NotImplementedError

    def list_argv(self):
        raise NotImplementedError

    def status_argv(self, name):
        raise NotImplementedError

    def log_files(self, name):
        raise NotImplementedError

    def _shutdown(self):
        """Stops the daemon and its children the peer's own way."""
        self._terminate_daemon(60)

    # --- shared -----------------------------------------------------------------------------------------------
    def __enter__(self):
        try:
            self.open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self._shutdown()
        finally:
            if self._daemon is not None and self._daemon.poll() is None:
                self._daemon.kill()
                self._daemon.wait(5)

    def _spawn_daemon(self, argv, log_name="daemon.out"):
        out = open(os.path.join(self.dir, log_name), "ab")
        self.launched_at = time.monotonic()
        self._daemon = subprocess.Popen(argv, env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                                        stderr=subprocess.STDOUT, start_new_session=True, close_fds=True)
        out.close()
        self.daemon_pid = self._daemon.pid

    def _terminate_daemon(self, timeout):
        if self._daemon is None or self._daemon.poll() is not None:
            return
        self._daemon.send_signal(signal.SIGTERM)
        try:
            self._daemon.wait(timeout)
        except subprocess.TimeoutExpired:
            self._daemon.kill()
            self._daemon.wait(5)

    def daemon_exited(self):
        return self._daemon is not None and self._daemon.poll() is not None

    def run_cli(self, argv, timeout=60, check=True):
        """Runs one CLI command to completion; returns its wall time in seconds."""
        return self.run_cli_measured(argv, timeout, check)[0]

    def run_cli_measured(self, argv, timeout=60, check=True):
        """Runs one CLI command to completion; returns (wall seconds, CPU seconds of the command and its
        children). The CPU time shows what the command costs whatever the machine's load."""
        with tempfile.TemporaryFile() as err:
            started = time.monotonic()
            child = subprocess.Popen(argv, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=err)
            watchdog = threading.Timer(timeout, child.kill)  # blocking wait4 below: no polling beside the child
            watchdog.start()
            try:
                _, status, usage = os.wait4(child.pid, 0)
            finally:
                watchdog.cancel()
            elapsed = time.monotonic() - started
            child.returncode = os.waitstatus_to_exitcode(status)
            if check and child.returncode != 0:
                err.seek(0)
                raise PeerError(f"{' '.join(argv[:3])}... exited {child.returncode}: "
                                f"{err.read().decode(errors='replace').strip()[-300:]}")
        return elapsed, usage.ru_utime + usage.ru_stime

    def _poll_until(self, probe, timeout, what):
        """Calls probe() every 0.5 ms until it is true; returns the monotonic time it first was."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.daemon_exited():
                raise PeerError(f"the daemon exited (code {self._daemon.returncode}) before {what}; "
                                f"see {self.dir}")
            if probe():
                return time.monotonic()
            time.sleep(0.0005)
        raise PeerError(f"no {what} within {timeout} s; see {self.dir}")


def unix_request(path, payload, until, timeout=2.0):
    """Connects to a Unix socket, sends payload, reads until `until` is in the answer. Returns the answer, or None
    if nothing listens yet."""
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    try:
        s.connect(path)
    except (FileNotFoundError, ConnectionRefusedError):
        s.close()
        return None
    try:
        s.sendall(payload)
        answer = b""
        while until not in answer:
            chunk = s.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer
    finally:
        s.close()


def environment(tag, **extra):
    env = dict(os.environ)
    env[procs.TAG_VARIABLE] = tag
    env.update(extra)
    return env
