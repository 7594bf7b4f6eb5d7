#!/bin/sh
# Start-up benchmark: `vsskit list providers` on the lab against a bare Java hello-world, same JVM, same flags.
#   cold = no application CDS archive (the first run after a build; the JDK's own CDS archive is used)
#   warm = with the AppCDS archive the launcher creates (hello-world gets its own archive too, to be fair)
# Each figure is the median wall time of RUNS runs (default 15) after 2 unmeasured runs.
# Writes the table to docs/bench-startup.md. Usage: bench/startup.sh [RUNS]
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
runs=${1:-15}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto"
jar="$root/cli/target/vsskit.jar"
work=$(mktemp -d "${TMPDIR:-/tmp}/vsskit-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$root/vsskit" --version >/dev/null   # builds the jar if needed
lab="$work/lab"
"$java" -jar "$jar" -q lab init --dir "$lab" >/dev/null

mkdir -p "$work/hello"
cat > "$work/hello/Hello.java" <<'JAVA'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
JAVA
javac -d "$work/hello" "$work/hello/Hello.java"
(cd "$work/hello" && jar cfe "$work/hello.jar" Hello Hello.class)

# Archives made from one training run each (the launcher makes vsskit's on its first run after a build).
# shellcheck disable=SC2086
"$java" $opts -XX:ArchiveClassesAtExit="$work/vsskit.jsa" -jar "$jar" --lab "$lab" list providers >/dev/null 2>&1
# shellcheck disable=SC2086
"$java" $opts -XX:ArchiveClassesAtExit="$work/hello.jsa" -jar "$work/hello.jar" >/dev/null 2>&1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# median_ms CMD...: runs the command RUNS times (after 2 warm-ups), prints the median wall time in ms.
median_ms() {
    i=0
    while [ $i -lt 2 ]; do "$@" >/dev/null 2>&1; i=$((i + 1)); done
    : > "$work/times"
    i=0
    while [ $i -lt "$runs" ]; do
        t0=$(now_ms); "$@" >/dev/null 2>&1; t1=$(now_ms)
        echo $((t1 - t0)) >> "$work/times"
        i=$((i + 1))
    done
    sort -n "$work/times" | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%d\n", (a[NR/2]+a[NR/2+1])/2}'
}

# shellcheck disable=SC2086
hello_cold=$(median_ms "$java" $opts -jar "$work/hello.jar")
# shellcheck disable=SC2086
vsskit_cold=$(median_ms "$java" $opts -jar "$jar" --lab "$lab" list providers)
# shellcheck disable=SC2086
hello_warm=$(median_ms "$java" $opts -XX:SharedArchiveFile="$work/hello.jsa" -jar "$work/hello.jar")
# shellcheck disable=SC2086
vsskit_warm=$(median_ms "$java" $opts -XX:SharedArchiveFile="$work/vsskit.jsa" -jar "$jar" --lab "$lab" list providers)
"$root/vsskit" --lab "$lab" list providers >/dev/null 2>&1   # lets the launcher make its own archive
launcher=$(median_ms "$root/vsskit" --lab "$lab" list providers)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)
jv=$("$java" -version 2>&1 | head -n 1)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

out="$root/docs/bench-startup.md"
cat > "$out" <<MD
# Start-up benchmark

\`bench/startup.sh $runs\` on $(date -u +%Y-%m-%d) — $(nproc) CPU(s) ($cpu), $jv, load average before the run: $load.

Median wall time of $runs runs of \`vsskit list providers\` on a fresh default lab, against a bare
\`java -jar hello.jar\` that prints one line. Same JVM and flags for both: \`$opts\`.
*cold* = no application class-data archive (the first run after a build); *warm* = with the AppCDS archive
(\`-XX:SharedArchiveFile\`, one per program, made by one training run).

| | hello-world | vsskit list providers | ratio |
|---|---|---|---|
| cold | $hello_cold ms | $vsskit_cold ms | $(ratio "$vsskit_cold" "$hello_cold")× |
| warm | $hello_warm ms | $vsskit_warm ms | $(ratio "$vsskit_warm" "$hello_warm")× |

Through the \`./vsskit\` launcher (sh, staleness check, AppCDS): $launcher ms
($(ratio "$launcher" "$hello_warm")× the warm hello-world).
MD
cat "$out"
