"""svcmgr: the NativeAOT binary, a TOML config with zero backoff, a fresh SVCMGR_HOME per session."""
import glob
import json
import os
import subprocess

from .session import Session, environment, unix_request

PING = b'{"jsonrpc":"2.0","id":1,"method":"ping","params":{}}\n'


def toml_string(text):
    return json.dumps(text)  # a JSON string is a valid TOML basic string


class SvcmgrSession(Session):
    def __init__(self, peer, directory, services):
        home = os.path.join(directory, "home")
        super().__init__(directory, services, environment(peer.tag, SVCMGR_HOME=home))
        self.peer = peer
        self.home = home
        self.socket = os.path.join(home, "svcmgr.sock")

    def _config(self):
        lines = ["[daemon]", 'log_max_size = "1G"', ""]
        for s in self.services:
            lines += [
                f"[instances.{s.name}]",
                f'start_command = ["/bin/sh", "-c", {toml_string(s.script)}]',
                f"auto_start = {'true' if s.autostart else 'false'}",
                'restart = "always"',
                'backoff_initial = "0s"',
                'backoff_max = "0s"',
                'min_uptime = "0s"',
                "max_restarts_per_minute = 1000000",
                'stop_timeout = "2s"',
                "",
            ]
        return "\n".join(lines)

    def open(self):
        conf = os.path.join(self.dir, "services.toml")
        with open(conf, "w") as f:
            f.write(self._config())
        self._spawn_daemon([self.peer.binary, "daemon", "--config", conf])
        self.ready_at = self._poll_until(self.ping, 300, "answer to ping")

    def ping(self):
        try:
            answer = unix_request(self.socket, PING, b"\n")
        except OSError:
            return False
        return bool(answer) and b'"result"' in answer

    def start(self, names):
        self.run_cli([self.peer.binary, "start", *names])

    def list_argv(self):
        return [self.peer.binary, "list"]

    def status_argv(self, name):
        return [self.peer.binary, "status", name]

    def version_argv(self):
        return [self.peer.binary, "--version"]

    def floor_argv(self):
        """The floor client's `list` on this session's socket; None when it was not built."""
        return [self.peer.floor, self.socket] if self.peer.floor else None

    def log_files(self, name):
        return sorted(glob.glob(os.path.join(self.home, "logs", f"{name}.log*")))

    def _shutdown(self):
        # SIGTERM: the daemon stops every child (stop_timeout 2 s) and exits.
        self._terminate_daemon(60)


class Svcmgr:
    name = "svcmgr"

    def __init__(self, binary, tag, floor=None):
        self.binary = os.path.abspath(binary)
        self.tag = tag
        self.floor = floor  # bench/FloorClient's binary (benchlib.floor), timed beside `svcmgr list`

    def problem(self):
        if not os.access(self.binary, os.X_OK):
            return f"{self.binary} not found: run scripts/publish first"
        return None

    def version(self):
        out = subprocess.run([self.binary, "--version"], capture_output=True, text=True, timeout=10)
        return out.stdout.strip()

    def session(self, directory, services):
        return SvcmgrSession(self, directory, services)
