#!/bin/sh
# Whole backup of 100 lab VMs on 16 CSV volumes with 20 ms added to every ONTAP call (see docs/benchmarks.md).
# Usage: bench/backup.sh [VMS] [VOLUMES] [LATENCY_MS] [RUNS]
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
[ -f cli/target/vsskit.jar ] || mvn -B -q -DskipTests package -pl cli -am
exec java -cp cli/target/vsskit.jar bench/backup/BackupBench.java "${1:-100}" "${2:-16}" "${3:-20}" "${4:-5}"
