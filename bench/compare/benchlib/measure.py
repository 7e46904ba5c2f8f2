"""Timing helpers shared by the scenarios, and the spawn floor."""
import os
import statistics
import subprocess
import time

from .announce import Announcer


def ms(seconds):
    return round(seconds * 1000, 2)


def median_ms(samples):
    return ms(statistics.median(samples))


def spread(samples):
    return {"median_ms": median_ms(samples), "min_ms": ms(min(samples)), "max_ms": ms(max(samples)),
            "samples_ms": [ms(s) for s in samples]}


def cli_times(session, argv, count):
    """Wall times of `count` runs after two warm-ups, and the CPU times of the same runs."""
    for _ in range(2):  # warm-up: page cache, the peer's first-call work
        session.run_cli(argv)
    runs = [session.run_cli_measured(argv) for _ in range(count)]
    return [w for w, _ in runs], [c for _, c in runs]


def on_cpu_ms(pid):
    """(ms on a CPU, ms runnable but waiting for one) summed over the threads of pid, from schedstat."""
    run = wait = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                a, b, _ = f.read().split()
            run, wait = run + int(a), wait + int(b)
    except OSError:
        return None, None
    return round(run / 1e6, 1), round(wait / 1e6, 1)


def spawn_floor(root, count):
    """The floor under every restart figure: this script itself spawning the same announcing `sh` and hearing it.
    What a peer adds on top is its own reaction to the exit and its spawn path."""
    directory = os.path.join(root, "floor")
    os.makedirs(directory, exist_ok=True)
    announcer = Announcer(os.path.join(directory, "fifo"))
    samples = []
    try:
        for i in range(count):
            after = announcer.count()
            t0 = time.monotonic()
            child = subprocess.Popen(["/bin/sh", "-c", f"echo floor $$ >> {announcer.path}"], close_fds=False)
            found = announcer.wait_next("floor", after, 10)
            child.wait()
            if found:
                samples.append(found[1] - t0)
            time.sleep(0.02)
    finally:
        announcer.close()
    return spread(samples) if samples else None
