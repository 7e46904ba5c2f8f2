"""pm2: a fresh PM2_HOME per session, an ecosystem file in fork mode with its fastest restart settings."""
import json
import os
import shutil
import socket
import subprocess
import time

from .session import PeerError, Session, environment


def app(service, logs):
    return {
        "name": service.name,
        "script": "/bin/sh",
        "args": ["-c", service.script],
        "interpreter": "none",
        "exec_mode": "fork",
        "autorestart": True,
        "restart_delay": 0,
        "min_uptime": 0,
        "max_restarts": 1000000,
        "kill_timeout": 2000,
        "treekill": False,  # sh execs the program: the pid is the whole service, no process-tree walk needed
        "vizion": False,  # no git metadata lookup per app
        "pmx": False,
        "automation": False,
        "autodump": False,
        "out_file": os.path.join(logs, f"{service.name}.out"),
        "error_file": os.path.join(logs, f"{service.name}.err"),
    }


class Pm2Session(Session):
    def __init__(self, peer, directory, services):
        home = os.path.join(directory, "home")
        super().__init__(directory, services, environment(peer.tag, PM2_HOME=home))
        self.peer = peer
        self.home = home
        self.logs = os.path.join(directory, "logs")
        self.rpc_socket = os.path.join(home, "rpc.sock")
        self.cli_seconds = None

    def _ecosystem(self, services, name):
        path = os.path.join(self.dir, name)
        with open(path, "w") as f:
            json.dump({"apps": [app(s, self.logs) for s in services]}, f, indent=1)
        return path

    def open(self):
        os.makedirs(self.logs, exist_ok=True)
        autostart = [s for s in self.services if s.autostart]
        # The pm2 CLI launches the God daemon itself; there is no separate daemon command.
        argv = [self.peer.binary, "start", self._ecosystem(autostart, "autostart.json")] if autostart \
            else [self.peer.binary, "ping"]
        self.launched_at = time.monotonic()
        cli = subprocess.Popen(argv, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, start_new_session=True)
        try:
            self.ready_at = self._poll_until(self._rpc_accepts, 60, "connection to pm2's rpc.sock")
            _, err = cli.communicate(timeout=300)
        except BaseException:
            cli.kill()
            cli.wait()
            raise
        self.cli_seconds = time.monotonic() - self.launched_at
        if cli.returncode != 0:
            raise PeerError(f"{' '.join(argv[1:2])} exited {cli.returncode}: {err.decode(errors='replace')[-300:]}")
        with open(os.path.join(self.home, "pm2.pid")) as f:
            self.daemon_pid = int(f.read().strip())

    def _rpc_accepts(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.connect(self.rpc_socket)
            return True
        except OSError:
            return False
        finally:
            s.close()

    def daemon_exited(self):
        return False  # the God daemon is not our child; a dead one shows as a timeout

    def start(self, names):
        wanted = [s for s in self.services if s.name in names]
        self.run_cli([self.peer.binary, "start", self._ecosystem(wanted, "start.json")])

    def list_argv(self):
        return [self.peer.binary, "list"]

    def status_argv(self, name):
        return [self.peer.binary, "describe", name]

    def log_files(self, name):
        return [os.path.join(self.logs, f"{name}.out")]

    def _shutdown(self):
        if not os.path.isdir(self.home):
            return
        try:
            subprocess.run([self.peer.binary, "kill"], env=self.env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
        except subprocess.TimeoutExpired:
            pass  # the final sweep kills what is left


class Pm2:
    name = "pm2"

    def __init__(self, tag):
        self.binary = shutil.which("pm2") or "pm2"
        self.tag = tag

    def problem(self):
        if not shutil.which("pm2"):
            return "pm2 not installed (npm install -g pm2)"
        return None

    def version(self):
        # `pm2 --version` would start a God daemon in ~/.pm2: read the package instead.
        root = subprocess.run(["npm", "root", "-g"], capture_output=True, text=True, timeout=30).stdout.strip()
        with open(os.path.join(root, "pm2", "package.json")) as f:
            return json.load(f)["version"]

    def session(self, directory, services):
        return Pm2Session(self, directory, services)
