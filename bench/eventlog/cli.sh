#!/usr/bin/env bash
# Events through the CLI against libevtx's evtxexport (never part of mvn verify).
# Usage: bench/eventlog/cli.sh [RUNS] [MiB]   (defaults 3 and 100)
# Builds, under bench/out/ (git-ignored): real-<MiB>m.evtx and real-3m.evtx from the CRC-valid chunks of the
# shared samples (bench/eventlog/RealLog.java; only chunks evtxexport can read), and Application-<MiB>m.evtx /
# Application-2m.evtx with vsskit's writer. Then, for each file, RUNS interleaved rounds of
#   ./vsskit events --file F --xml | -o json | (text)   > /dev/null
#   evtxexport -f xml F                                  > /dev/null
# and prints the median wall time, MB/s, CPU seconds (user+sys) and the ratio to evtxexport of each.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
MIB=${2:-100}
SAMPLES=${EVTX_SAMPLES:-}
for d in ../shared/evtx-samples ../../shared/evtx-samples; do
  [ -z "$SAMPLES" ] && [ -d "$d" ] && SAMPLES=$d
done
[ -n "$SAMPLES" ] || { echo "no sample folder: set EVTX_SAMPLES=DIR (the shared evtx-samples)" >&2; exit 2; }
command -v evtxexport >/dev/null || { echo "evtxexport not found: apt-get install libevtx-utils" >&2; exit 2; }
export HOME=${BENCH_HOME:-$(mktemp -d)}
./vsskit --version >/dev/null            # builds cli/target/vsskit.jar (and its CDS archive) if needed
mvn -B -q -o compile -pl eventlog
OUT=bench/out
mkdir -p "$OUT"
[ -f "$OUT/real-${MIB}m.evtx" ] || java bench/eventlog/RealLog.java "$OUT/real-${MIB}m.evtx" "$MIB" "$SAMPLES"
[ -f "$OUT/real-3m.evtx" ] || java bench/eventlog/RealLog.java "$OUT/real-3m.evtx" 3 "$SAMPLES"
[ -f "$OUT/Application-${MIB}m.evtx" ] || java -cp eventlog/target/classes bench/eventlog/EvtxBench.java generate "$OUT/Application-${MIB}m.evtx" "$MIB"
[ -f "$OUT/Application-2m.evtx" ] || java -cp eventlog/target/classes bench/eventlog/EvtxBench.java generate "$OUT/Application-2m.evtx" 2
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs); $(java -version 2>&1 | head -1); $(evtxexport -V 2>&1 | head -1)"
echo "== load average at start: $(cut -d' ' -f1-3 /proc/loadavg); runs: $RUNS (median)"
python3 - "$RUNS" "$OUT/real-${MIB}m.evtx" "$OUT/Application-${MIB}m.evtx" "$OUT/real-3m.evtx" "$OUT/Application-2m.evtx" <<'PY'
import os, resource, subprocess, sys, time, statistics
runs = int(sys.argv[1]); files = sys.argv[2:]
def timed(cmd):
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN); t0 = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t1 = time.perf_counter(); r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t1 - t0, cpu, p.returncode
for f in files:
    mb = os.path.getsize(f) / 1e6
    n = subprocess.run(["./vsskit", "-q", "events", "--file", f, "--count"], capture_output=True, text=True).stdout.strip()
    cmds = {
        "vsskit events --xml": ["./vsskit", "-q", "events", "--file", f, "--xml"],
        "vsskit events -o json": ["./vsskit", "-q", "events", "--file", f, "-o", "json"],
        "vsskit events (text)": ["./vsskit", "-q", "events", "--file", f],
        "evtxexport -f xml": ["evtxexport", "-f", "xml", f],
    }
    res = {k: [] for k in cmds}
    for _ in range(runs):
        for k, c in cmds.items():
            res[k].append(timed(c))
    peer = statistics.median(w for w, _, _ in res["evtxexport -f xml"])
    peer_cpu = statistics.median(c for _, c, _ in res["evtxexport -f xml"])
    print(f"\n{os.path.basename(f)}: {mb:.1f} MB, {n} events; load {open('/proc/loadavg').read().split()[0]}")
    print(f"  {'command':24s} {'wall s':>7s} {'MB/s':>7s} {'cpu s':>7s} {'x peer wall':>11s} {'x peer cpu':>10s}  exit")
    for k, v in res.items():
        w = statistics.median(x for x, _, _ in v); c = statistics.median(y for _, y, _ in v)
        codes = sorted({z for _, _, z in v})
        print(f"  {k:24s} {w:7.2f} {mb / w:7.1f} {c:7.2f} {peer / w:11.2f} {peer_cpu / c:10.2f}  {codes}")
PY
