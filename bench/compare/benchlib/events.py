"""A subscriber to svcmgr's `events` over the daemon's socket (newline-delimited JSON-RPC, docs/protocol.md) that
notes the monotonic time each `state_changed` line arrives."""
import json
import socket
import threading
import time

SUBSCRIBE = b'{"jsonrpc":"2.0","id":1,"method":"events","params":{}}\n'


class EventSubscriber:
    def __init__(self, socket_path):
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._sock.connect(socket_path)
        self._sock.sendall(SUBSCRIBE)
        self._events = []  # (monotonic time, params)
        self._subscribed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="events", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        with self._cond:
            while not self._subscribed:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise RuntimeError("no answer to the events request")
                self._cond.wait(left)

    def _run(self):
        pending = b""
        while True:
            try:
                chunk = self._sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.monotonic()
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in lines:
                msg = json.loads(line)
                with self._cond:
                    if msg.get("id") == 1:
                        self._subscribed = True
                    elif msg.get("method") == "event" and msg["params"].get("type") == "state_changed":
                        self._events.append((now, msg["params"]))
                    self._cond.notify_all()

    def count(self):
        with self._cond:
            return len(self._events)

    def wait_next(self, instance, after, timeout, to=None):
        """First state_changed of `instance` (into state `to`, if given) at index >= after: (index, time, params)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i in range(after, len(self._events)):
                    params = self._events[i][1]
                    if params.get("instance") == instance and (to is None or params.get("to") == to):
                        return i, self._events[i][0], params
                after = max(after, len(self._events))
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def close(self):
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()
        self._thread.join(2)
