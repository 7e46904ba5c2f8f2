"""The floor of a CLI call: bench/FloorClient, a minimal NativeAOT client that sends one `list` line to the daemon's
socket and prints the answer. Timed like `svcmgr list` in the same run, it is what every CLI figure is divided by:
what .NET itself costs (process start, runtime init, one socket round trip) versus what svcmgr adds."""
import os
import subprocess

PROJECT = "FloorClient"
BINARY = "svcmgr-floor"


def build(repo, log):
    """Publishes the floor client (NativeAOT) into bench/FloorClient/bin/floor/ unless it is newer than its sources;
    returns its path, or None with the reason logged (the run goes on without the floor rows)."""
    project = os.path.join(repo, "bench", PROJECT)
    out = os.path.join(project, "bin", "floor")
    binary = os.path.join(out, BINARY)
    sources = [os.path.join(project, f) for f in ("Program.cs", f"{PROJECT}.csproj")]
    if os.path.exists(binary) and all(os.path.getmtime(binary) >= os.path.getmtime(s) for s in sources):
        return binary
    log(f"building the floor client ({PROJECT}, NativeAOT)…")
    done = subprocess.run(["dotnet", "publish", project, "-c", "Release", "-p:PublishAot=true", "-o", out, "-nologo"],
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0 or not os.access(binary, os.X_OK):
        log(f"floor client: build failed (exit {done.returncode}): {(done.stdout + done.stderr).strip()[-500:]}")
        return None
    return binary
