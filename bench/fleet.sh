#!/usr/bin/env bash
# Fleet at scale (issue 19, item 5): `vsskit backup --all` and `backup --all --plan` through the launcher on labs of
# 10, 100 and 1,000 VMs on 64 CSV volumes, with 20 ms added to every ONTAP call. Never part of mvn verify.
# Usage: bench/fleet.sh [RUNS] [LATENCY_MS] [SIZES...]   (defaults: 3, 20, "10 100 1000")
# Each lab is made with `vsskit lab init --vms N --csvs 64` under bench/out/ (git-ignored; a 1,000-VM lab takes
# about 9 GiB and a minute or two to make) and removed at the end unless KEEP_LABS=1. For each size, RUNS
# interleaved rounds of: `backup --all --plan` (wall time of the process) and `backup --all -o json` (wall time of
# the process; the commit window is the JSON's commitMs, the provider's CommitSnapshots as the 4089 event reports
# it; the backup's own time is finished - started). Prints the medians and the growth table.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
LATENCY=${2:-20}
shift $(( $# > 2 ? 2 : $# ))
SIZES=${*:-10 100 1000}
export HOME=${BENCH_HOME:-$(mktemp -d)}
./vsskit --version >/dev/null            # builds cli/target/vsskit.jar (and its CDS archive) if needed
OUT=bench/out
mkdir -p "$OUT"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); $(java -version 2>&1 | head -1)"
echo "== commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); runs: $RUNS (median); ${LATENCY} ms per ONTAP call"
python3 - "$RUNS" "$LATENCY" "$OUT" $SIZES <<'PY'
import json, os, resource, shutil, statistics, subprocess, sys, time
runs, latency, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
sizes = [int(x) for x in sys.argv[4:]]
keep = os.environ.get("KEEP_LABS") == "1"

def vsskit(*args, check=True):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(["./vsskit", "-q", *args], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p.cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)   # user + sys of the process
    if check and p.returncode != 0:
        sys.exit(f"vsskit {' '.join(args)} exited {p.returncode}: {p.stderr.strip()[:500]}")
    return wall, p

def iso(s):
    from datetime import datetime
    return datetime.fromisoformat(s[:26].rstrip("Z") if "." in s else s.rstrip("Z"))

rows = []
for n in sizes:
    lab = os.path.join(out, f"fleet-{n}")
    shutil.rmtree(lab, ignore_errors=True)
    t, _ = vsskit("-o", "json", "lab", "init", "--dir", lab, "--vms", str(n), "--csvs", "64")
    vsskit("--lab", lab, "lab", "storage-latency", str(latency), "--real-time")
    print(f"\n{n} VMs on 64 CSV volumes: lab made in {t:.1f} s ({lab}); load {open('/proc/loadavg').read().split()[0]}")
    plan, total, inner, commit, plan_cpu, total_cpu = [], [], [], [], [], []
    for i in range(runs + 1):                    # round 0 warms the page cache and is not counted
        w, p = vsskit("--lab", lab, "-o", "json", "backup", "--all", "--plan")
        planned = json.loads(p.stdout)
        w2, b = vsskit("--lab", lab, "-o", "json", "backup", "--all")
        r = json.loads(b.stdout)
        if r["status"] != "OK" or len(r["vms"]) != n:
            sys.exit(f"backup of {n} VMs: {r['status']}, {len(r['vms'])} VMs: {r['message']}")
        own = (iso(r["finished"]) - iso(r["started"])).total_seconds()
        print(f"  round {i}: plan {w:.2f} s wall, {p.cpu:.2f} s CPU ({len(planned['vms'])} VMs, "
              f"{len(planned['volumes'])} volumes); backup {w2:.2f} s wall, {b.cpu:.2f} s CPU (own {own:.2f} s), "
              f"commit {r['commitMs']} ms")
        if i > 0:
            plan.append(w); total.append(w2); inner.append(own); commit.append(r["commitMs"])
            plan_cpu.append(p.cpu); total_cpu.append(b.cpu)
        # keep the volumes' snapshot count flat: delete this round's backup (its snapshots) outside the timing
        vsskit("--lab", lab, "delete", "backup", r["name"], check=False)
    rows.append((n, statistics.median(plan), statistics.median(plan_cpu), statistics.median(total),
                 statistics.median(total_cpu), statistics.median(inner), statistics.median(commit)))
    if not keep:
        shutil.rmtree(lab, ignore_errors=True)

print("\n| VMs | CSV volumes used | `backup --all --plan` wall (CPU) | `backup --all` wall (CPU) | backup's own time |"
      " commit window |")
print("|---|---|---|---|---|---|")
for n, p, pc, t, tc, o, c in rows:
    print(f"| {n} | {min(n, 64)} | {p:.2f} s ({pc:.2f} s) | {t:.2f} s ({tc:.2f} s) | {o:.2f} s | {c:.0f} ms |")
print("\ntargets at 1,000 VMs: plan <= 1 s, whole backup <= 10 s, commit window <= 200 ms")
PY
