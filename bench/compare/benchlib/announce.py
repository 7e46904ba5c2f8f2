"""Children announce themselves: each service runs `echo NAME $$ >> FIFO; exec ...`, and a thread here notes the
monotonic time each line arrives. The same probe serves every peer, so its cost (one sh start, one write) is the
same for all of them."""
import os
import select
import threading
import time


def announcing(fifo, name, then):
    """The shell text of a service that announces itself, then becomes `then`."""
    return f"echo {name} $$ >> {fifo}; exec {then}"


class Announcer:
    def __init__(self, path):
        self.path = path
        os.mkfifo(path, 0o600)
        # Read-write so the FIFO never reports EOF between writers and a writer's open never blocks.
        self._fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
        self._events = []  # (monotonic time, name, pid)
        self._cond = threading.Condition()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
        self._thread.start()

    def _run(self):
        poller = select.poll()
        poller.register(self._fd, select.POLLIN)
        pending = b""
        while not self._stop:
            if not poller.poll(50):
                continue
            now = time.monotonic()
            try:
                chunk = os.read(self._fd, 65536)
            except BlockingIOError:
                continue
            pending += chunk
            *lines, pending = pending.split(b"\n")
            parsed = []
            for line in lines:
                parts = line.split()
                if len(parts) == 2 and parts[1].isdigit():
                    parsed.append((now, parts[0].decode(), int(parts[1])))
            if parsed:
                with self._cond:
                    self._events.extend(parsed)
                    self._cond.notify_all()

    def count(self):
        with self._cond:
            return len(self._events)

    def events(self):
        with self._cond:
            return list(self._events)

    def wait_count(self, n, timeout):
        """Waits until n announcements arrived; returns the time of the n-th, or None on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(self._events) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)
            return self._events[n - 1][0]

    def wait_next(self, name, after, timeout):
        """The first announcement of `name` at index >= after: (index, time, pid), or None on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for i in range(after, len(self._events)):
                    if self._events[i][1] == name:
                        return i, self._events[i][0], self._events[i][2]
                after = max(after, len(self._events))
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left)

    def close(self):
        self._stop = True
        self._thread.join(1)
        os.close(self._fd)
