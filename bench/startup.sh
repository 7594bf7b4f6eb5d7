#!/bin/sh
# Start-up benchmark: `vsskit list providers` on the lab against a bare Java hello-world, same JVM, same flags.
#   cold = no application CDS archive (the first run after a build; the JDK's own CDS archive is used)
#   warm = with the AppCDS archive the launcher creates (hello-world gets its own archive too, to be fair)
# Each figure is the median wall time of RUNS runs (default 15) after 2 unmeasured runs; the commands
# run interleaved, one of each per round.
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

# Static AppCDS archives from one training run each, made the way the launcher makes vsskit's.
archive() { # archive NAME JAR ARGS...
    name=$1; shift; cp=$1; shift
    # shellcheck disable=SC2086
    "$java" $opts -XX:DumpLoadedClassList="$work/$name.classlist" -jar "$cp" "$@" >/dev/null 2>&1
    # shellcheck disable=SC2086
    "$java" $opts -Xshare:dump -XX:SharedClassListFile="$work/$name.classlist" \
        -XX:SharedArchiveFile="$work/$name.jsa" -cp "$cp" >/dev/null 2>&1
}
archive vsskit "$jar" --lab "$lab" list providers
archive hello "$work/hello.jar"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

median() { sort -n "$1" | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else printf "%d\n", (a[NR/2]+a[NR/2+1])/2}'; }

# The five measured commands. They run interleaved (one of each per round, RUNS rounds after 2 unmeasured
# ones), so that drift in the machine's speed during the benchmark hits every command alike.
KINDS="hello_cold vsskit_cold hello_warm vsskit_warm launcher"

# run_one KIND MEASURED: runs KIND's command once; when MEASURED=1 appends its wall time (ms) to
# $work/KIND.wall and, when GNU time is there, its CPU time (user+sys, ms) to $work/KIND.cpu.
run_one() {
    kind=$1
    measured=$2
    # shellcheck disable=SC2086
    case $kind in
        hello_cold) set -- "$java" $opts -jar "$work/hello.jar" ;;
        vsskit_cold) set -- "$java" $opts -jar "$jar" --lab "$lab" list providers ;;
        hello_warm) set -- "$java" $opts -XX:SharedArchiveFile="$work/hello.jsa" -jar "$work/hello.jar" ;;
        vsskit_warm) set -- "$java" $opts -XX:SharedArchiveFile="$work/vsskit.jsa" -jar "$jar" --lab "$lab" list providers ;;
        launcher) set -- "$root/vsskit" --lab "$lab" list providers ;;
    esac
    t0=$(now_ms)
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f "%U %S" -o "$work/t" "$@" >/dev/null 2>&1
    else
        "$@" >/dev/null 2>&1
    fi
    t1=$(now_ms)
    if [ "$measured" = 1 ]; then
        echo $((t1 - t0)) >> "$work/$kind.wall"
        [ -s "$work/t" ] && awk '{printf "%d\n", ($1 + $2) * 1000}' "$work/t" >> "$work/$kind.cpu"
    fi
}

"$root/vsskit" --lab "$lab" list providers >/dev/null 2>&1   # lets the launcher make its own archive
round=0
while [ $round -lt $((runs + 2)) ]; do
    for kind in $KINDS; do
        run_one "$kind" "$([ $round -ge 2 ] && echo 1 || echo 0)"
    done
    round=$((round + 1))
done

result() { # result KIND: "median-wall median-cpu"
    if [ -s "$work/$1.cpu" ]; then echo "$(median "$work/$1.wall") $(median "$work/$1.cpu")"; else echo "$(median "$work/$1.wall") -"; fi
}
hello_cold=$(result hello_cold)
vsskit_cold=$(result vsskit_cold)
hello_warm=$(result hello_warm)
vsskit_warm=$(result vsskit_warm)
launcher=$(result launcher)

verdict() { awk -v r="$1" 'BEGIN {if (r + 0 > 0 && r + 0 <= 1.5) print "**met** (" r "×)"; else print "**not met** (" r "×)"}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b + 0 > 0) printf "%.2f", a / b; else print "-"}'; }
w() { echo "${1% *}"; }
c() { echo "${1#* }"; }
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || echo unknown)
jv=$("$java" -version 2>&1 | head -n 1)
load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

out="$root/docs/bench-startup.md"
cat > "$out" <<MD
# Start-up benchmark

\`bench/startup.sh $runs\` on $(date -u +%Y-%m-%d) — $(nproc) CPU(s) ($cpu), $jv, load average before the run: $load.

Median wall time of $runs runs (interleaved: one run of each command per round) of \`vsskit list providers\` on a fresh default lab, against a bare
\`java -jar hello.jar\` that prints one line. Same JVM and flags for both: \`$opts\`.
*cold* = no application class-data archive (the first run after a build); *warm* = with the AppCDS archive
(\`-XX:SharedArchiveFile\`, one per program, made by one training run).

| | hello-world wall | vsskit wall | **wall ratio** | hello-world CPU | vsskit CPU | CPU ratio |
|---|---|---|---|---|---|---|
| cold | $(w "$hello_cold") ms | $(w "$vsskit_cold") ms | **$(ratio "$(w "$vsskit_cold")" "$(w "$hello_cold")")×** | $(c "$hello_cold") ms | $(c "$vsskit_cold") ms | $(ratio "$(c "$vsskit_cold")" "$(c "$hello_cold")")× |
| warm | $(w "$hello_warm") ms | $(w "$vsskit_warm") ms | **$(ratio "$(w "$vsskit_warm")" "$(w "$hello_warm")")×** | $(c "$hello_warm") ms | $(c "$vsskit_warm") ms | $(ratio "$(c "$vsskit_warm")" "$(c "$hello_warm")")× |

Through the \`./vsskit\` launcher (sh, staleness check, AppCDS): $(w "$launcher") ms wall, $(c "$launcher") ms CPU
($(ratio "$(w "$launcher")" "$(w "$hello_warm")")× the warm hello-world's wall time).

CPU = user + sys time of the process (GNU time), less sensitive than wall time to other load on the machine.
Target ≤ 1.5× the hello-world's wall time: cold $(verdict "$(ratio "$(w "$vsskit_cold")" "$(w "$hello_cold")")"), warm $(verdict "$(ratio "$(w "$vsskit_warm")" "$(w "$hello_warm")")").

## Where the time goes, and what was done

With the AppCDS archive the JVM itself takes ≈ 50–60 ms to reach \`main\` (the hello-world); vsskit then
opens the lab, reads lab.json and renders, a few ms each. Without an archive (cold) every class of vsskit is
also read from the jar, defined and verified (≈ 0.3–0.5 ms each in a cold JVM, some 35 classes on this
path), and the jar's central directory is read twice (by the launcher for the manifest, then by the class
loader), by interpreted code, ≈ 2 µs per entry. Building picocli's command model for one verb and parsing with
it costs ≈ 190 ms of CPU: its annotation reflection (one dynamic proxy class per annotation type, made at run
time and never archived by JDK 17's CDS) and its model building. Steps taken, in order of effect:

1. **Start-up fast path** (\`QuickList\`): \`vsskit list providers|writers|shadows|volumes|shadowstorage\` (and
   \`list-providers\` ...) with only the global options run the same picocli command classes without building
   picocli's model. Its grammar is small and exact; anything else (help, a verb's own options, a repeated
   option, a value picocli would refuse) goes to picocli. \`QuickListTest\` runs every accepted form both ways
   and requires the same stdout, stderr and exit code. This took the warm run from ≈ 230 ms to ≈ 90 ms.
2. **AppCDS, static**: on its first run after a build the launcher records the classes of that run and of a
   \`list providers\` on a scratch lab (\`-XX:DumpLoadedClassList\`), so the archive covers the start-up path
   whatever the first command was, and dumps a static archive (\`-Xshare:dump\`). A dynamic archive
   (\`-XX:ArchiveClassesAtExit\`) leaves out picocli, whose class files are Java 5 (version 49).
3. **Jackson off the path**: lab state is read with vss-core's small JSON parser and record mapping
   (Jackson loaded ~400 classes, ≈ 200 ms cold). That mapping looks up each record class once, reads
   \`List<X>\` components from their signature rather than through the JDK's generics machinery, and
   lab.json is read through a plain \`FileInputStream\`: together some fifty JDK classes fewer on the path.
4. **The jar's shape** (cli/pom.xml; \`VsskitJarIT\` checks it): 2,617 entries instead of 4,191: jna-platform,
   used on Windows only, is stripped to the classes vsskit's code reaches (the shade plugin's \`minimizeJar\`;
   the test runs \`jdeps\` and fails on any class the jar's code references but lacks), JLine's unused modules
   and Maven metadata are left out, and there are no directory entries. It is no longer a Multi-Release jar
   (each class lookup also tried the versioned names; Jackson's Java 8 classes serve on 17), and vsskit's own
   classes are stored rather than deflated. Together 6–10 ms less CPU on the main thread of a cold run
   (two profiled comparisons, on a faster and a slower stretch of the machine).
5. **lab.json's sections on first use**: opening the lab checks that lab.json is JSON of this format with every
   section, and maps the host; the other sections become records when a command first uses them, so
   \`list providers\` loads none of the volume, writer, VM and ONTAP record classes (74 classes loaded from
   outside the JDK's archive before, 58 after). A section that does not fit its record fails, with the same
   one-line "is corrupt" error, at the first command that reads it. With two smaller changes on the same
   path (the fast path no longer loads all five list classes to verify one method; the environment is not
   copied), ≈ 6 ms less CPU on the main thread of a cold run.
6. **No invokedynamic on the text path**: \`-XDstringConcat=inline\` for vss-core, lab and cli (the
   string-concatenation bootstrap cost ≈ 60 ms CPU), and the list views build their JSON/CSV field getters
   (lambdas) on first use, so text output never bootstraps a lambda (≈ 10 ms).
7. **Lazy verbs** on the picocli path: \`Main\` builds only the verb the arguments name (\`--version\` builds
   none); help, completion and unknown words get the whole tree.
8. JVM flags \`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData\`; \`-Xint\`, one compiler
   thread and smaller heaps made no measurable difference.

Profiles behind these figures: async-profiler 3.0 (from Maven Central, \`tools.profiler:async-profiler\`),
\`-agentpath:.../libasyncProfiler.so=start,event=cpu,interval=100000,collapsed\`, 15–20 interleaved cold runs
per jar, main-thread samples summed by frame.
MD
cat "$out"
