"""supervisord: its own supervisord.conf and Unix socket in the session directory, run in the foreground (-n) as
our child, programs with startsecs=0, autorestart, stopasgroup/killasgroup."""
import os
import shutil
import subprocess

from .session import Session, environment, unix_request

GET_STATE = (b'<?xml version="1.0"?><methodCall><methodName>supervisor.getState</methodName>'
             b'<params></params></methodCall>')
REQUEST = (b"POST /RPC2 HTTP/1.0\r\nContent-Type: text/xml\r\nContent-Length: %d\r\n\r\n" % len(GET_STATE)
           + GET_STATE)


class SupervisordSession(Session):
    def __init__(self, peer, directory, services):
        super().__init__(directory, services, environment(peer.tag))
        self.peer = peer
        self.socket = os.path.join(directory, "sv.sock")
        self.conf = os.path.join(directory, "supervisord.conf")
        self.logs = os.path.join(directory, "logs")

    def _config(self):
        d = self.dir
        lines = [
            "[unix_http_server]", f"file={self.socket}", "chmod=0700", "",
            "[supervisord]", f"logfile={d}/supervisord.log", f"pidfile={d}/supervisord.pid",
            f"childlogdir={self.logs}", "nodaemon=true", "loglevel=warn", "minfds=16384", "minprocs=4096", "",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
            "[supervisorctl]", f"serverurl=unix://{self.socket}", "",
        ]
        for s in self.services:
            script = s.script.replace("%", "%%").replace('"', '\\"')
            lines += [
                f"[program:{s.name}]",
                f'command=/bin/sh -c "{script}"',
                f"autostart={'true' if s.autostart else 'false'}",
                "autorestart=true", "startsecs=0", "startretries=1000000",
                "stopasgroup=true", "killasgroup=true", "stopwaitsecs=2",
                f"stdout_logfile={self.logs}/{s.name}.out", "stdout_logfile_maxbytes=0",
                "redirect_stderr=true", "",
            ]
        return "\n".join(lines)

    def open(self):
        os.makedirs(self.logs, exist_ok=True)
        with open(self.conf, "w") as f:
            f.write(self._config())
        self._spawn_daemon([self.peer.binary, "-n", "-c", self.conf])
        self.ready_at = self._poll_until(self.ping, 300, "answer to supervisor.getState")

    def ping(self):
        try:
            answer = unix_request(self.socket, REQUEST, b"</methodResponse>")
        except OSError:
            return False
        return bool(answer) and b"</methodResponse>" in answer

    def start(self, names):
        self.run_cli([self.peer.ctl, "-c", self.conf, "start", *names])

    def list_argv(self):
        return [self.peer.ctl, "-c", self.conf, "status"]

    def status_argv(self, name):
        return [self.peer.ctl, "-c", self.conf, "status", name]

    def log_files(self, name):
        return [os.path.join(self.logs, f"{name}.out")]

    def _shutdown(self):
        # SIGTERM: supervisord stops every program (SIGTERM to its group, SIGKILL after stopwaitsecs) and exits.
        self._terminate_daemon(120)


class Supervisord:
    name = "supervisord"

    def __init__(self, tag):
        self.binary = shutil.which("supervisord") or "supervisord"
        self.ctl = shutil.which("supervisorctl") or "supervisorctl"
        self.tag = tag

    def problem(self):
        if not shutil.which("supervisord"):
            return "supervisord not installed (apt-get install -y supervisor)"
        return None

    def version(self):
        return subprocess.run([self.binary, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()

    def session(self, directory, services):
        return SupervisordSession(self, directory, services)
