#!/bin/sh
# The catalog at scale (issue 19, item 4): a lab with one real backup, then RECORDS records in its catalog
# (bench/catalog/CatalogBench.java, through BackupCatalog.createAll; it also times the catalog operations
# in-process and counts the record files each reads). Then, through the launcher, RUNS interleaved rounds of
# `vsskit list providers` and `vsskit list backups` (output to /dev/null), median wall each; and once each
# `vsskit verify --last` and `vsskit restore --vm sql01 --backup latest --to DIR`.
# Usage: bench/catalog.sh [RECORDS] [RUNS]      (defaults 10000 7)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
records=${1:-10000}
runs=${2:-7}
"$root/vsskit" --version >/dev/null   # builds the jar if needed
work=$(mktemp -d "${TMPDIR:-/tmp}/vsskit-catalog-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
lab="$work/lab"
v() { "$root/vsskit" -q --lab "$lab" "$@"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)," \
    "$(java -version 2>&1 | head -n 1), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
v lab init --dir "$lab" >/dev/null
v backup --all >/dev/null
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$root/cli/target/vsskit.jar" \
    "$root/bench/catalog/CatalogBench.java" "$lab" "$records" 3

# wall seconds of one command, output discarded
wall() {
    s=$(date +%s%N)
    "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    e=$(date +%s%N)
    echo $(( (e - s) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

v list providers >/dev/null; v list backups >/dev/null   # warm-up (and the launcher's class archive)
: >"$work/providers"; : >"$work/backups"; : >"$work/backups-json"
i=0
while [ "$i" -lt "$runs" ]; do
    i=$((i + 1))
    wall v list providers >>"$work/providers"
    wall v list backups >>"$work/backups"
    wall v -o json list backups >>"$work/backups-json"
done
p=$(median <"$work/providers"); b=$(median <"$work/backups"); j=$(median <"$work/backups-json")
n=$(v -o json list backups | grep -c '"name"' || true)
echo "list providers: median $p ms; list backups ($n jobs listed, text): median $b ms ($(awk -v b="$b" -v p="$p" \
    'BEGIN {printf "%.2f", b/p}')x); -o json: median $j ms ($(awk -v b="$j" -v p="$p" 'BEGIN {printf "%.2f", b/p}')x)"
echo "  runs (ms): providers $(tr '\n' ' ' <"$work/providers"); backups $(tr '\n' ' ' <"$work/backups");" \
    "json $(tr '\n' ' ' <"$work/backups-json")"
echo "verify --last: $(wall v verify --last) ms"
echo "restore --vm sql01 --backup latest --to DIR: $(wall v restore --vm sql01 --backup latest --to "$work/restored") ms"
