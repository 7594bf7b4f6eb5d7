#!/bin/sh
# The soak (docs/benchmarks.md): N workers running real vsskit processes at once for M minutes (backups,
# restores, deletes, retention, SIGKILLs), then the invariant check. Exit 1 when an invariant broke.
# Usage: bench/soak.sh [PROCESSES] [MINUTES] [SEED]
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
[ -f cli/target/vsskit.jar ] && [ -d cli/target/test-classes/dev/vsskit/cli/backup ] \
    || mvn -B -q -o -DskipTests -Dmaven.test.skip.exec=true package -pl cli -am
exec java -cp cli/target/vsskit.jar:cli/target/test-classes dev.vsskit.cli.backup.Soak \
    "$root/cli/target/vsskit.jar" "${1:-4}" "${2:-5}" "${3:-1}"
