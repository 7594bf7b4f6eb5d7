#!/bin/sh
# verify-backup.sh: verify a vsskit backup on Linux CI from what the Windows host exported.
#   verify-backup.sh EVENTS.evtx CATALOG_DIR [JUNIT.xml] [BACKUP_NAME]
# Runs `vsskit verify --catalog CATALOG_DIR --events EVENTS.evtx --junit JUNIT.xml` (the last backup of the
# catalog, or BACKUP_NAME), prints a one-line summary and exits with verify's code (0 passed, 3 a check
# failed, 1 unreadable input, 2 bad input). VSSKIT names the vsskit command (default: vsskit beside this
# script in a release, ../vsskit in a checkout, else vsskit on PATH).
set -u

usage() {
    echo "usage: $0 EVENTS.evtx CATALOG_DIR [JUNIT.xml] [BACKUP_NAME]" >&2
    exit 2
}

[ $# -ge 2 ] && [ $# -le 4 ] || usage
events=$1
catalog=$2
junit=${3:-vsskit-verify.xml}
backup=${4:-}
[ -f "$events" ] || { echo "$0: events file '$events' not found; export it with wevtutil epl Application FILE.evtx" >&2; exit 2; }
[ -d "$catalog" ] || { echo "$0: catalog folder '$catalog' not found; copy %ProgramData%\\vsskit\\catalog here" >&2; exit 2; }

here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd -P)
if [ -n "${VSSKIT:-}" ]; then
    vsskit=$VSSKIT
elif [ -x "$here/vsskit" ]; then
    vsskit=$here/vsskit       # a release: the launcher beside this script
elif [ -x "$here/../vsskit" ]; then
    vsskit=$here/../vsskit    # a checkout: scripts/../vsskit
else
    vsskit=vsskit
fi

rm -f "$junit" # the summary below reads this run's report, not an earlier one
if [ -n "$backup" ]; then
    "$vsskit" verify --catalog "$catalog" --events "$events" --junit "$junit" --backup "$backup"
else
    "$vsskit" verify --catalog "$catalog" --events "$events" --junit "$junit" --last
fi
code=$?

case $code in
    0) summary="PASSED: every check passed" ;;
    3) summary="FAILED: at least one check failed" ;;
    1) summary="ERROR: the backup or the events could not be read" ;;
    2) summary="ERROR: bad input" ;;
    *) summary="ERROR: vsskit exited with $code" ;;
esac
if [ -f "$junit" ]; then
    tests=$(grep -o 'tests="[0-9]*"' "$junit" | head -n 1 | tr -dc 0-9)
    failures=$(grep -o 'failures="[0-9]*"' "$junit" | head -n 1 | tr -dc 0-9)
    summary="$summary (${tests:-?} checks, ${failures:-?} failed; JUnit report: $junit)"
fi
echo "verify-backup: $summary"
exit $code
