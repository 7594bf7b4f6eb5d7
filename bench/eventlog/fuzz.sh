#!/usr/bin/env bash
# Long fuzz run of the EVTX reader (never part of mvn verify). Usage: bench/eventlog/fuzz.sh [SECONDS] [SEED]
# Seeds: the shared sample corpus and a small log written by vsskit. Findings are saved in bench/out/.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o compile -pl eventlog
mkdir -p bench/out
[ -f bench/out/Application-2m.evtx ] || java -cp eventlog/target/classes bench/eventlog/EvtxBench.java generate bench/out/Application-2m.evtx 2
java -Xmx1g -cp eventlog/target/classes bench/eventlog/FuzzEvtx.java "${1:-600}" "${2:-1}" ../shared/evtx-samples bench/out/Application-2m.evtx 2>/dev/null \
  || java -Xmx1g -cp eventlog/target/classes bench/eventlog/FuzzEvtx.java "${1:-600}" "${2:-1}" bench/out/Application-2m.evtx
