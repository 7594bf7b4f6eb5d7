#!/bin/sh
# Time inside the ONTAP hardware provider's CommitSnapshots, 1/16/64 volumes, CG path vs per-volume path,
# against the lab's HTTPS simulator with LATENCY ms added per REST call (default 20). See docs/bench-ontap.md.
# Usage: bench/ontap.sh [LATENCY_MS] [SETS]
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
mvn -B -q -o compile -pl lab -am
cp="$root/lab/target/classes:$root/ontap-provider/target/classes:$root/vss-core/target/classes:$root/eventlog/target/classes"
cp="$cp:$(mvn -B -q -o dependency:build-classpath -pl lab -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime 2>/dev/null | tail -1)"
java -cp "$cp" bench/ontap/OntapCommitBench.java "${1:-20}" "${2:-7}"
