"""What the benchmark reads about processes from /proc, and how it makes sure none of its own survive."""
import os
import signal
import time

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

# Every process the benchmark starts gets this variable (value: the run's temp dir) in its environment, and the
# daemons pass it on to their children. The final sweep kills what still carries it, and only that.
TAG_VARIABLE = "SVCMGR_BENCH_TAG"


def rss_mib(pid):
    """Resident set size of one process in MiB, or None if it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_seconds(pid):
    """User + system CPU seconds of one process (not of its children), or None if it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    # The command name may contain spaces and parentheses: the fields start after the last ')'.
    fields = text[text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pid, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive(pid):
            return True
        time.sleep(0.01)
    return not alive(pid)


def tagged_pids(tag):
    """Pids of live processes whose environment carries TAG_VARIABLE=tag."""
    needle = f"{TAG_VARIABLE}={tag}".encode() + b"\0"
    found = []
    me = os.getpid()
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if needle in f.read() + b"\0" and alive(int(entry)):
                    found.append(int(entry))
        except OSError:
            continue
    return found


def sweep(tag):
    """SIGKILLs every process left over from this run; returns how many there were."""
    pids = tagged_pids(tag)
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    for pid in pids:
        wait_gone(pid, 2)
    return len(pids)


def load_average():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]
