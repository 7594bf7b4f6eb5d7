#!/usr/bin/env bash
# EVTX benchmark (never part of mvn verify). Usage: bench/eventlog/run.sh [MiB] ; default 256.
# Generates bench/out/Application-<MiB>m.evtx with vsskit's writer (git-ignored), then measures vsskit's
# Navssprv/4089 query and full XML rendering (1 thread and all threads), libevtx's evtxexport on a 32 MiB
# log of the same mix, and python-evtx on a 2 MiB one.
set -euo pipefail
cd "$(dirname "$0")/../.."
MIB=${1:-256}
mvn -B -q -o compile -pl eventlog
CP=eventlog/target/classes
OUT=bench/out
mkdir -p "$OUT"
BIG=$OUT/Application-${MIB}m.evtx
[ -f "$BIG" ] || java -cp $CP bench/eventlog/EvtxBench.java generate "$BIG" "$MIB"
[ -f $OUT/Application-32m.evtx ] || java -cp $CP bench/eventlog/EvtxBench.java generate $OUT/Application-32m.evtx 32
[ -f $OUT/Application-2m.evtx ] || java -cp $CP bench/eventlog/EvtxBench.java generate $OUT/Application-2m.evtx 2
echo "== machine: $(nproc) cores; $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -cp $CP bench/eventlog/EvtxBench.java run "$BIG" 3
java -Xmx512m -cp $CP bench/eventlog/EvtxBench.java run $OUT/Application-32m.evtx 3
for f in ../shared/evtx-samples/hayabusa__smb-password-guessing-security.evtx; do
  [ -f "$f" ] && java -cp $CP bench/eventlog/EvtxBench.java run "$f" 5
done
mb() { python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$1"; }
# Peers: wall and CPU (user+sys) seconds.
peer() { # name file cmd...
  local name=$1 file=$2; shift 2
  local t0 t1 cpu
  t0=$(date +%s.%N)
  cpu=$( { /usr/bin/time -f "%U %S" "$@" > /dev/null; } 2>&1 | tail -1)
  t1=$(date +%s.%N)
  python3 -c "w=$t1-$t0; c=sum(map(float,'$cpu'.split())); m=$(mb "$file"); print(f'{\"$name\":24s} wall {w:7.2f} s {m/w:8.2f} MB/s  cpu {c:7.2f} s {m/c:8.2f} MB/s per CPU-second')"
}
peer "evtxexport 32m" $OUT/Application-32m.evtx evtxexport $OUT/Application-32m.evtx
peer "evtxexport -f xml 32m" $OUT/Application-32m.evtx evtxexport -f xml $OUT/Application-32m.evtx
peer "python-evtx 2m" $OUT/Application-2m.evtx "${VSSKIT_PYTHON:-/usr/bin/python3}" eventlog/src/test/resources/evtx_oracle_dump.py $OUT/Application-2m.evtx
