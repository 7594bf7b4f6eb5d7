#!/usr/bin/env bash
# Long run of the damaged-log corpus checks (never part of mvn verify, which runs 300 + 90 files).
# Usage: bench/eventlog/corpus.sh [FILES] [SEED]   (defaults 3000 and the time of day)
# Generates FILES damaged logs (bit flips, zeroed ranges, truncations, corrupt string tables, templates and
# template values, each with stale or recomputed CRCs; DamagedLogs.java) from a vsskit log and, when present,
# the shared samples, then checks: every record's XML is well formed, every damaged record is still returned
# with a warning naming its header's id and offset, its typed event keeps that id (DamagedCorpusTest); and
# `vsskit events` --xml, -o json and text parse on every file (EventsDamagedCorpusTest, FILES/4 files).
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES=${1:-3000}
SEED=${2:-$(date +%s)}
echo "== corpus: $FILES files (CLI: $((FILES / 4))), seed $SEED"
mvn -B -q -o -pl eventlog test -Dtest='DamagedCorpusTest' -Devtx.corpus="$FILES" -Devtx.seed="$SEED" \
  -Dsurefire.failIfNoSpecifiedTests=false
mvn -B -q -o -pl cli -am test -Dtest='EventsDamagedCorpusTest' -Devtx.corpus=$((FILES / 4)) -Devtx.seed="$SEED" \
  -Dsurefire.failIfNoSpecifiedTests=false
grep -h "Tests run" eventlog/target/surefire-reports/*DamagedCorpusTest.txt cli/target/surefire-reports/*DamagedCorpusTest.txt
echo "== no findings (seed $SEED)"
