#!/bin/sh
# Long coverage-guided fuzzing of the EVTX reader with Jazzer: ROUNDS runs of EvtxReaderFuzzTest (20 s each),
# the corpus growing in eventlog/.cifuzz-corpus (git-ignored). A crash fails the run and Jazzer saves the
# input beside the test; add it to EvtxReaderFuzzTestInputs as a regression case.
# Usage: bench/eventlog/jazzer.sh [ROUNDS]
set -eu
cd "$(dirname "$0")/../.."
rounds=${1:-30}
i=0
while [ "$i" -lt "$rounds" ]; do
  JAZZER_FUZZ=1 mvn -B -q -o test -pl eventlog -Dtest=EvtxReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
  grep -h "Done [0-9]* runs" eventlog/target/surefire-reports/*EvtxReaderFuzzTest-output.txt || true
  i=$((i + 1))
done
