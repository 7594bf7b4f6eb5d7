#!/bin/sh
# Time inside the ONTAP hardware provider's CommitSnapshots, 1/16/64 volumes, CG path vs per-volume path,
# against the lab's HTTPS simulator with LATENCY ms added per REST call (default 20). See docs/bench-ontap.md.
# Usage: bench/ontap.sh [LATENCY_MS] [SETS]
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
mvn -B -q -o compile -pl lab -am
cp="$root/lab/target/classes:$root/ontap-provider/target/classes:$root/vss-core/target/classes:$root/eventlog/target/classes"
m2=${MAVEN_REPO:-$HOME/.m2/repository}
jv=$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' pom.xml)
for a in jackson-core jackson-databind; do
  cp="$cp:$m2/com/fasterxml/jackson/core/$a/$jv/$a-$jv.jar"
done
av=${jv%.*}   # jackson-annotations is versioned major.minor since 2.20
cp="$cp:$m2/com/fasterxml/jackson/core/jackson-annotations/$av/jackson-annotations-$av.jar"
java -cp "$cp" bench/ontap/OntapCommitBench.java "${1:-20}" "${2:-7}"
