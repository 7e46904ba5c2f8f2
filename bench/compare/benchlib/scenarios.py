"""The scenarios. Each runs against one peer in sessions of its own and returns {metric: value} plus details."""
import os
import signal
import statistics
import time

from . import procs
from .announce import Announcer, announcing
from .events import EventSubscriber
from .flood import LineCounter, write_input
from .measure import cli_times, median_ms, ms, on_cpu_ms, spread
from .session import PeerError, Service

SLEEP = "sleep 3600"


class Context:
    def __init__(self, root, smoke, log):
        self.root = root
        self.smoke = smoke
        self.log = log
        self._serial = 0
        # Full-run counts, and the tiny ones of --smoke (which only checks that everything still works).
        self.launches = 1 if smoke else 5
        self.repeats = 3 if smoke else 20
        self.kills = 3 if smoke else 20
        self.cold = 5 if smoke else 100
        self.fleet = 20 if smoke else 1000
        self.fleet_repeats = 3 if smoke else 10
        self.flood_lines = 10_000 if smoke else 1_000_000
        self.settle = 0.3 if smoke else 3.0

    def directory(self, peer, label):
        self._serial += 1
        return os.path.join(self.root, f"{self._serial:02d}-{peer.name}-{label}")


class Fixture:
    """A session directory, the announcement FIFO and the session, closed in reverse order whatever happens."""

    def __init__(self, ctx, peer, label, make_services):
        self.dir = ctx.directory(peer, label)
        os.makedirs(self.dir)
        self.announcer = Announcer(os.path.join(self.dir, "fifo"))
        try:
            self.session = peer.session(self.dir, make_services(self.announcer.path))
        except BaseException:
            self.announcer.close()
            raise

    def __enter__(self):
        try:
            self.session.__enter__()
        except BaseException:
            self.announcer.close()
            raise
        return self

    def __exit__(self, *exc):
        try:
            self.session.close()
        finally:
            self.announcer.close()


def sleepers(count, width=None):
    width = width or len(str(count))

    def make(fifo):
        return [Service(f"s{i:0{width}d}", announcing(fifo, f"s{i:0{width}d}", SLEEP)) for i in range(1, count + 1)]
    return make


def wait_all(fx, count, timeout):
    t = fx.announcer.wait_count(count, timeout)
    if t is None:
        raise PeerError(f"only {fx.announcer.count()} of {count} services announced themselves within {timeout} s")
    return t


# --- scenarios -------------------------------------------------------------------------------------------------

def ping(peer, ctx):
    """Daemon launch → its socket answers (svcmgr: `ping`; supervisord: supervisor.getState; pm2: rpc.sock accepts
    a connection while `pm2 ping` launches the God daemon); then the idle RSS of the last one."""
    samples, cli, rss, cpu = [], [], None, []
    for i in range(ctx.launches):
        with Fixture(ctx, peer, "ping", lambda fifo: []) as fx:
            samples.append(fx.session.ready_at - fx.session.launched_at)
            cpu.append(on_cpu_ms(fx.session.daemon_pid))  # a little after it answered: close enough
            if getattr(fx.session, "cli_seconds", None) is not None:
                cli.append(fx.session.cli_seconds)
            if i == ctx.launches - 1:
                time.sleep(ctx.settle)
                rss = procs.rss_mib(fx.session.daemon_pid)
    details = spread(samples)
    details["daemon_on_cpu_ms"] = [c for c, _ in cpu]
    details["daemon_waiting_for_cpu_ms"] = [w for _, w in cpu]
    if cli:
        details["pm2_ping_cli_ms"] = [ms(s) for s in cli]
    on_cpu = [c for c, _ in cpu if c is not None]
    metrics = {"ping_ms": median_ms(samples), "rss0_mib": round(rss, 1)}
    if on_cpu and peer.name != "pm2":  # pm2's daemon is not running yet when the bench's probe answers
        metrics["ping_cpu_ms"] = statistics.median(on_cpu)
    return metrics, details


def cli(peer, ctx):
    """`list` and `status NAME` round trips with 10 services running."""
    with Fixture(ctx, peer, "cli", sleepers(10)) as fx:
        wait_all(fx, 10, 60)
        s = fx.session
        lists, list_cpu = cli_times(s, s.list_argv(), ctx.repeats)
        statuses, status_cpu = cli_times(s, s.status_argv("s05"), ctx.repeats)
        metrics = {"cli_list_ms": median_ms(lists), "cli_status_ms": median_ms(statuses),
                   "cli_list_cpu_ms": median_ms(list_cpu)}
        details = {"list": spread(lists), "status": spread(statuses), "list_cpu": spread(list_cpu),
                   "status_cpu": spread(status_cpu), "list_argv": s.list_argv()[-1:],
                   "status_argv": s.status_argv("s05")[-2:]}
        # svcmgr's floor (bench/FloorClient): the same `list` round trip by the least a NativeAOT client can do,
        # timed the same way between the same daemon's answers; and `--version`, which reaches no daemon.
        if getattr(s, "floor_argv", None) and s.floor_argv():
            floors, floor_cpu = cli_times(s, s.floor_argv(), ctx.repeats)
            versions, version_cpu = cli_times(s, s.version_argv(), ctx.repeats)
            metrics.update({"floor_list_ms": median_ms(floors), "floor_list_cpu_ms": median_ms(floor_cpu),
                            "cli_version_ms": median_ms(versions)})
            details.update({"floor_list": spread(floors), "floor_list_cpu": spread(floor_cpu),
                            "version": spread(versions), "version_cpu": spread(version_cpu)})
    return metrics, details


def _kill_loop(fx, ctx, name, on_kill=None):
    found = fx.announcer.wait_next(name, 0, 60)
    if found is None:
        raise PeerError(f"{name} never announced itself")
    _, _, pid = found
    samples, extra = [], []
    for _ in range(ctx.kills):
        time.sleep(0.1 if not ctx.smoke else 0.05)  # let the supervisor finish with the previous restart
        after = fx.announcer.count()
        before = on_kill() if on_kill else None
        killed_at = time.monotonic()
        os.kill(pid, signal.SIGKILL)
        found = fx.announcer.wait_next(name, after, 30)
        if found is None:
            raise PeerError(f"{name} was not restarted within 30 s of a SIGKILL")
        _, at, pid = found
        samples.append(at - killed_at)
        extra.append((killed_at, before))
    return samples, extra


def restart(peer, ctx):
    """SIGKILL one child of 10 → its replacement announces itself (zero backoff configured everywhere)."""
    with Fixture(ctx, peer, "restart", sleepers(10)) as fx:
        wait_all(fx, 10, 60)
        samples, _ = _kill_loop(fx, ctx, "s05")
    return {"restart_ms": median_ms(samples)}, spread(samples)


def event(peer, ctx):
    """svcmgr only: SIGKILL a child → the `state_changed` event line reaches a subscriber on the socket."""
    with Fixture(ctx, peer, "event", sleepers(10)) as fx:
        wait_all(fx, 10, 60)
        subscriber = EventSubscriber(fx.session.socket)
        try:
            samples, kills = _kill_loop(fx, ctx, "s05", on_kill=subscriber.count)
            exits, running = [], []
            for killed_at, after in kills:
                first = subscriber.wait_next("s05", after, 10)
                if first is None:
                    raise PeerError("no state_changed event for s05 after a SIGKILL")
                exits.append(first[1] - killed_at)
                back = subscriber.wait_next("s05", first[0], 10, to="running")
                if back is not None:
                    running.append(back[1] - killed_at)
            reasons = subscriber.wait_next("s05", 0, 1)[2]
        finally:
            subscriber.close()
    return ({"event_ms": median_ms(exits)},
            {"exit_event": spread(exits), "running_event": spread(running) if running else None,
             "first_event": reasons})


def coldstart(peer, ctx):
    """Launch the daemon with N auto-started services → all N announced; then the daemon's RSS."""
    n = ctx.cold
    with Fixture(ctx, peer, "cold", sleepers(n, 3)) as fx:
        last = wait_all(fx, n, 120)
        seconds = last - fx.session.launched_at
        first = fx.announcer.events()[0][0] - fx.session.launched_at
        answered = fx.session.ready_at - fx.session.launched_at
        time.sleep(ctx.settle)
        rss = procs.rss_mib(fx.session.daemon_pid)
    return ({"cold100_s": round(seconds, 3), "rss100_mib": round(rss, 1)},
            {"services": n, "seconds": seconds, "first_child_s": round(first, 4),
             "daemon_answered_s": round(answered, 4)})


def logs(peer, ctx):
    """One child prints N lines of 100 bytes (cat of a file): until all are in the log files; daemon CPU; lost."""
    n = ctx.flood_lines
    source = os.path.join(ctx.root, f"lines-{n}.txt")
    write_input(source, n)

    def make(fifo):
        return [Service("flood", f"echo flood $$ >> {fifo}; cat {source}; exec {SLEEP}", autostart=False)]

    with Fixture(ctx, peer, "logs", make) as fx:
        s = fx.session
        time.sleep(min(ctx.settle, 1.0))
        cpu_before = procs.cpu_seconds(s.daemon_pid)
        s.start(["flood"])
        found = fx.announcer.wait_next("flood", 0, 60)
        if found is None:
            raise PeerError("the flood service never started")
        started = found[1]
        counter = LineCounter()
        deadline = started + (30 if ctx.smoke else 120)
        last_growth = time.monotonic()
        done_at = None
        while time.monotonic() < deadline:
            if counter.poll(s.log_files("flood")):
                last_growth = time.monotonic()
                if counter.lines >= n:
                    done_at = last_growth
                    break
            elif time.monotonic() - last_growth > 15:
                break  # nothing new for 15 s: the rest is lost
            else:
                time.sleep(0.005)
        cpu_after = procs.cpu_seconds(s.daemon_pid)
        ended = done_at or time.monotonic()
        rss = procs.rss_mib(s.daemon_pid)
    seconds = ended - started
    cpu = None if cpu_before is None or cpu_after is None else round(cpu_after - cpu_before, 2)
    return ({"flood_lines_per_s": round(counter.lines / seconds) if done_at else None,
             "flood_s": round(seconds, 3) if done_at else None,
             "flood_cpu_s": cpu, "flood_lost": max(0, n - counter.lines)},
            {"lines": n, "found": counter.lines, "seconds": seconds, "complete": done_at is not None,
             "daemon_rss_after_mib": rss})


def fleet(peer, ctx):
    """N services (1,000): launch → all announced, the daemon's RSS, `list` latency."""
    n = ctx.fleet
    with Fixture(ctx, peer, "fleet", sleepers(n, 4)) as fx:
        last = wait_all(fx, n, 600)
        seconds = last - fx.session.launched_at
        first = fx.announcer.events()[0][0] - fx.session.launched_at
        time.sleep(ctx.settle)
        rss = procs.rss_mib(fx.session.daemon_pid)
        lists, list_cpu = cli_times(fx.session, fx.session.list_argv(), ctx.fleet_repeats)
    return ({"list1000_ms": median_ms(lists), "list1000_cpu_ms": median_ms(list_cpu), "rss1000_mib": round(rss, 1),
             "cold1000_s": round(seconds, 3)},
            {"services": n, "list": spread(lists), "list_cpu": spread(list_cpu), "first_child_s": round(first, 4)})


SCENARIOS = {
    "ping": ping,
    "cli": cli,
    "restart": restart,
    "event": event,
    "coldstart": coldstart,
    "logs": logs,
    "fleet": fleet,
}
SVCMGR_ONLY = {"event"}

