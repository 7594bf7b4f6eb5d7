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
echo "== machine: $(nproc) cores; $(java -version 2>&1 | head -1)"
java -Xmx512m -cp $CP bench/eventlog/EvtxBench.java run "$BIG" 3
java -Xmx512m -cp $CP bench/eventlog/EvtxBench.java run $OUT/Application-32m.evtx 3
for f in /work/shared/evtx-samples/hayabusa__smb-password-guessing-security.evtx; do
  [ -f "$f" ] && java -cp $CP bench/eventlog/EvtxBench.java run "$f" 5
done
mb() { python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$1"; }
t0=$(date +%s.%N); evtxexport $OUT/Application-32m.evtx > /dev/null; t1=$(date +%s.%N)
python3 -c "s=$t1-$t0; print(f'evtxexport 32m: {s:.2f} s  {$(mb $OUT/Application-32m.evtx)/s:.2f} MB/s')"
t0=$(date +%s.%N); evtxexport -f xml $OUT/Application-32m.evtx > /dev/null; t1=$(date +%s.%N)
python3 -c "s=$t1-$t0; print(f'evtxexport -f xml 32m: {s:.2f} s  {$(mb $OUT/Application-32m.evtx)/s:.2f} MB/s')"
t0=$(date +%s.%N); /usr/bin/python3 eventlog/src/test/resources/evtx_oracle_dump.py $OUT/Application-2m.evtx > /dev/null; t1=$(date +%s.%N)
python3 -c "s=$t1-$t0; print(f'python-evtx 2m: {s:.2f} s  {$(mb $OUT/Application-2m.evtx)/s:.3f} MB/s')"
