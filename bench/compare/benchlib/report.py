"""The one table: a row per metric, a column per peer, the goal for svcmgr and the ratios svcmgr/peer."""

PEERS = ("svcmgr", "pm2", "supervisord")

# metric, label, unit, goal (text, test), lower is better
ROWS = [
    ("cli_list_ms", "CLI `list` round trip, 10 services, median of 20", "ms", ("≤ 10 ms", lambda v: v <= 10), True),
    ("cli_list_cpu_ms", "… CPU time of that `list` command (user + system, with its children)", "ms",
     (None, None), True),
    ("cli_status_ms", "CLI `status NAME` round trip, 10 services, median of 20", "ms",
     ("≤ 10 ms", lambda v: v <= 10), True),
    ("rss0_mib", "daemon RSS, 0 services", "MiB", ("≤ 15 MB", lambda v: v <= 15), True),
    ("rss100_mib", "daemon RSS, 100 services (`sleep`)", "MiB", ("≤ 25 MB", lambda v: v <= 25), True),
    ("rss1000_mib", "daemon RSS, 1,000 services", "MiB", ("≤ 100 MB", lambda v: v <= 100), True),
    ("restart_ms", "SIGKILL a child → new child running, median of 20", "ms", ("≤ 3 ms", lambda v: v <= 3), True),
    ("event_ms", "child exit (SIGKILL) → `state_changed` at a subscriber, median of 20", "ms",
     ("≤ 5 ms (issue 4: < 50 ms)", lambda v: v <= 5), True),
    ("cold100_s", "cold start of 100 services until all run (daemon launch → 100th child)", "s",
     ("≤ 0.3 s", lambda v: v <= 0.3), True),
    ("cold1000_s", "cold start of 1,000 services until all run", "s", (None, None), True),
    ("flood_lines_per_s", "1M lines of 100 bytes: lines/s into the log files", "lines/s",
     ("≥ 1M lines/s", lambda v: v >= 1_000_000), False),
    ("flood_s", "1M lines: child start → all lines in the log files", "s", (None, None), True),
    ("flood_cpu_s", "1M lines: daemon CPU seconds", "CPU-s", ("≤ 1 CPU-s", lambda v: v <= 1), True),
    ("flood_lost", "1M lines: lines lost", "lines", ("0", lambda v: v == 0), True),
    ("list1000_ms", "1,000 services: CLI `list`, median of 10", "ms", ("≤ 50 ms", lambda v: v <= 50), True),
    ("list1000_cpu_ms", "… CPU time of that `list` command", "ms", (None, None), True),
    ("floor_list_ms", "the floor: bench/FloorClient's `list` round trip (NativeAOT, one socket line), median of 20",
     "ms", (None, None), True),
    ("floor_list_cpu_ms", "… CPU time of that floor client", "ms", (None, None), True),
    ("cli_version_ms", "CLI `--version`, median of 20", "ms", (None, None), True),
    ("ping_ms", "daemon start → socket answering (svcmgr `ping`), median of 5", "ms",
     ("≤ 50 ms", lambda v: v <= 50), True),
    ("ping_cpu_ms", "… the daemon's CPU time until then (all threads, from schedstat)", "ms", (None, None), True),
]


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "lines/s":
        return f"{value:,.0f}"
    if unit in ("lines",):
        return f"{value:,}"
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "CPU-s":
        return f"{value:.2f} s"
    if unit == "MiB":
        return f"{value:.1f} MB"
    if unit == "ms":
        return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"
    return str(value)


def ratio(mine, theirs):
    if mine is None or theirs is None or theirs == 0:
        return "—"
    r = mine / theirs
    return f"{r:.2f}×" if r >= 0.01 else f"{r:.4f}×"


def table(metrics, errors):
    """Markdown table; metrics[peer][key] = value. A peer's failed scenario shows 'error'."""
    lines = ["| scenario | svcmgr | pm2 | supervisord | goal (svcmgr) | svcmgr/pm2 | svcmgr/supervisord |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for key, label, unit, (goal, test), _ in ROWS:
        if not any(key in metrics.get(p, {}) for p in PEERS) and not any(key in errors.get(p, {}) for p in PEERS):
            continue
        cells = []
        for p in PEERS:
            if key in errors.get(p, {}):
                cells.append("error")
            else:
                cells.append(fmt(metrics.get(p, {}).get(key), unit))
        mine = metrics.get("svcmgr", {}).get(key)
        verdict = ""
        if goal and test and mine is not None:
            verdict = " ✅" if test(mine) else " ❌"
        if goal and mine is None:
            verdict = ""
        lines.append(f"| {label} | {' | '.join(cells)} | {goal or ''}{verdict} | "
                     f"{ratio(mine, metrics.get('pm2', {}).get(key))} | "
                     f"{ratio(mine, metrics.get('supervisord', {}).get(key))} |")
    return "\n".join(lines)


# Which metrics each scenario produces, so a failed scenario can be shown as 'error' in its rows.
PRODUCES = {
    "ping": ["ping_ms", "rss0_mib", "ping_cpu_ms"],
    "cli": ["cli_list_ms", "cli_status_ms", "cli_list_cpu_ms", "floor_list_ms", "floor_list_cpu_ms", "cli_version_ms"],
    "restart": ["restart_ms"],
    "event": ["event_ms"],
    "coldstart": ["cold100_s", "rss100_mib"],
    "logs": ["flood_lines_per_s", "flood_s", "flood_cpu_s", "flood_lost"],
    "fleet": ["list1000_ms", "list1000_cpu_ms", "rss1000_mib", "cold1000_s"],
}


def _svcmgr(key):
    return lambda metrics, spawn_floor: metrics.get("svcmgr", {}).get(key)


def _peer(peer, key):
    return lambda metrics, spawn_floor: metrics.get(peer, {}).get(key)


def _spawn_floor(metrics, spawn_floor):
    return (spawn_floor or {}).get("median_ms")


# svcmgr's figures as ratios to what they cannot beat: the floor client's `list` round trip (every CLI figure), the
# bench's own spawn (restarts), supervisord (the log flood). The goals are issue 13's; only ratios carry over between
# machines. label, numerator, denominator, goal text, test of the ratio.
FLOOR_ROWS = [
    ("`svcmgr list`, 10 services ÷ the floor client's `list`", _svcmgr("cli_list_ms"), _svcmgr("floor_list_ms"),
     "≤ 1.5×", lambda r: r <= 1.5),
    ("`svcmgr status NAME` ÷ the floor", _svcmgr("cli_status_ms"), _svcmgr("floor_list_ms"), None, None),
    ("`svcmgr --version` ÷ the floor", _svcmgr("cli_version_ms"), _svcmgr("floor_list_ms"), "≤ 1.3×",
     lambda r: r <= 1.3),
    ("`svcmgr list`, 1,000 services ÷ the floor", _svcmgr("list1000_ms"), _svcmgr("floor_list_ms"), None, None),
    ("`svcmgr list`, 1,000 services ÷ 10 services", _svcmgr("list1000_ms"), _svcmgr("cli_list_ms"), "≤ 1.3×",
     lambda r: r <= 1.3),
    ("daemon launch → `ping` answered ÷ the floor", _svcmgr("ping_ms"), _svcmgr("floor_list_ms"), "≤ 3×",
     lambda r: r <= 3),
    ("SIGKILL → new child running ÷ the spawn floor", _svcmgr("restart_ms"), _spawn_floor, "≤ 1.5×",
     lambda r: r <= 1.5),
    ("1M-line flood: lines/s ÷ supervisord's", _svcmgr("flood_lines_per_s"), _peer("supervisord", "flood_lines_per_s"),
     "≥ 1.0×", lambda r: r >= 1.0),
    ("1M-line flood: daemon CPU-s ÷ supervisord's", _svcmgr("flood_cpu_s"), _peer("supervisord", "flood_cpu_s"),
     "≤ 1.5×", lambda r: r <= 1.5),
]


def floor_table(metrics, spawn_floor):
    """Markdown table of FLOOR_ROWS; rows whose figures this run did not produce are left out."""
    lines = ["| svcmgr figure | ratio | goal |", "| --- | --- | --- |"]
    for label, numerator, denominator, goal, test in FLOOR_ROWS:
        mine, floor = numerator(metrics, spawn_floor), denominator(metrics, spawn_floor)
        if mine is None or not floor:
            continue
        r = mine / floor
        verdict = (" ✅" if test(r) else " ❌") if test else ""
        lines.append(f"| {label} | {r:.2f}× | {goal or ''}{verdict} |")
    return "\n".join(lines) if len(lines) > 2 else ""
