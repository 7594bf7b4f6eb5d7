#!/bin/sh
# Restore at real sizes (issue 19, item 3): `vsskit restore --to DIR` of one lab VM against `cp` of the same
# file on the same file system, in the same run. Two labs: one whose VM disk is a sparse fixed VHDX of
# SPARSE_SIZE (lab init --disk-size; only the guest's GPT and NTFS volume are data), one of FULL_SIZE whose
# disk is filled with random data after the guest volume. For each: one backup, then RUNS rounds of
# (cp, vsskit restore) interleaved, each after `sync`; median wall time, throughput (file bytes / wall),
# peak RSS (/usr/bin/time -v). Both read the snapshot's bytes from the page cache (the file was just written
# or read). Then the in-place restore (ONTAP single-file SnapRestore; in the lab, the simulator's block copy)
# of the sparse disk, timed once. Also the copy routine alone in-process (bench/restore/RestoreBench.java: no JVM
# start-up, no lab to open) against cp, with the CPU time of each.
# Usage: bench/restore.sh [SPARSE_SIZE] [FULL_SIZE] [RUNS]     (defaults 20G 3G 3; needs 3 x FULL_SIZE free)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
sparse=${1:-20G}
full=${2:-3G}
runs=${3:-3}
"$root/vsskit" --version >/dev/null   # builds the jar if needed
work=$(mktemp -d "${RESTORE_BENCH_TMP:-${TMPDIR:-/tmp}}/vsskit-restore-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export HOME="$work/home"
mkdir -p "$HOME"
vsskit="$root/vsskit"

mib() { # 20G / 3072M / bytes -> MiB
    case "$1" in
        *T) echo $(( ${1%T} * 1024 * 1024 ));; *G) echo $(( ${1%G} * 1024 ));; *M) echo "${1%M}";;
        *) echo $(( $1 / 1048576 ));;
    esac
}

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# runs "$@" under /usr/bin/time -v; prints "WALL_SECONDS PEAK_RSS_KB"
timed() {
    /usr/bin/time -v "$@" >"$work/out" 2>"$work/time" || { cat "$work/out" "$work/time" >&2; exit 1; }
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time" \
        | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    echo "$wall $rss"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sr)," \
    "$(java -version 2>&1 | head -n 1), load $(cut -d ' ' -f 1-3 /proc/loadavg)"
echo "file system of the lab: $(df -hT "$work" | awk 'NR==2 {print $2 ", " $5 " free"}')"

bench_case() { # NAME SIZE FILL(yes|no)
    name=$1 size=$2 fill=$3
    lab="$work/lab-$name"
    "$vsskit" -q lab init --dir "$lab" --disk-size "$size" >/dev/null
    src="$lab/volumes/Volume1/data/sql01/Virtual Hard Disks/sql01.vhdx"
    if [ "$fill" = yes ]; then
        # random data from 16 MiB (after the guest's volume) to 1 MiB before the disk's end (the backup GPT)
        dd if=/dev/urandom of="$src" bs=1M seek=16 count=$(( $(mib "$size") - 13 )) conv=notrunc status=none
    fi
    "$vsskit" -q --lab "$lab" backup --vm sql01 >/dev/null
    bytes=$(stat -c %s "$src")
    alloc=$(( $(stat -c %b "$src") * $(stat -c %B "$src") ))
    : >"$work/cp.times"; : >"$work/vsskit.times"
    i=0
    while [ "$i" -lt "$runs" ]; do
        i=$((i + 1))
        rm -f "$work/cp.vhdx"; rm -rf "$work/restored"; sync
        timed cp "$src" "$work/cp.vhdx" >>"$work/cp.times"
        cp_alloc=$(( $(stat -c %b "$work/cp.vhdx") * 512 ))
        rm -f "$work/cp.vhdx"; sync
        timed "$vsskit" -q --lab "$lab" -o json restore --vm sql01 --to "$work/restored" >>"$work/vsskit.times"
        grep -q '"verified" : true\|"verified": true\|"verified":true' "$work/out" \
            || { echo "restore not verified:" >&2; cat "$work/out" >&2; exit 1; }
        r="$work/restored/Virtual Hard Disks/sql01.vhdx"
        cmp -s "$src" "$r" || { echo "restored disk differs from the source" >&2; exit 1; }
        v_alloc=$(( $(stat -c %b "$r") * 512 ))
    done
    cp_wall=$(cut -d ' ' -f 1 "$work/cp.times" | median)
    v_wall=$(cut -d ' ' -f 1 "$work/vsskit.times" | median)
    cp_rss=$(cut -d ' ' -f 2 "$work/cp.times" | sort -n | tail -n 1)
    v_rss=$(cut -d ' ' -f 2 "$work/vsskit.times" | sort -n | tail -n 1)
    awk -v n="$name" -v s="$size" -v b="$bytes" -v a="$alloc" -v cw="$cp_wall" -v vw="$v_wall" -v cr="$cp_rss" \
        -v vr="$v_rss" -v ca="$cp_alloc" -v va="$v_alloc" -v runs="$runs" 'BEGIN {
        printf "%s disk (%s, file %.0f bytes, %.0f MiB allocated), median of %d:\n", n, s, b, a/1048576, runs
        printf "  cp             %8.2f s  %9.0f MB/s  peak RSS %6d KiB  copy allocates %.0f MiB\n", cw, b/cw/1e6, cr, ca/1048576
        printf "  vsskit restore %8.2f s  %9.0f MB/s  peak RSS %6d KiB  copy allocates %.0f MiB\n", vw, b/vw/1e6, vr, va/1048576
        printf "  ratio (vsskit throughput / cp throughput): %.2g\n", cw/vw }'
    echo "  runs (wall s, peak RSS KiB): cp $(tr '\n' ';' <"$work/cp.times") vsskit $(tr '\n' ';' <"$work/vsskit.times")"
    rm -rf "$work/restored"
    # the copy routine alone, in-process, with the launcher's JVM options (no JVM start, no lab to open)
    java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$root/cli/target/vsskit.jar" \
        "$root/bench/restore/RestoreBench.java" "$lab" "$work" "$runs"
}

bench_case sparse "$sparse" no
bench_case full "$full" yes
rm -rf "$work/lab-full"

# the in-place restore: the storage puts the file back (ONTAP single-file SnapRestore), vsskit then compares
lab="$work/lab-sparse"
set -- $(timed "$vsskit" -q --lab "$lab" -o json restore --vm sql01 --force)
echo "in-place restore of the sparse disk (lab simulator's single-file SnapRestore + compare): $1 s, peak RSS $2 KiB"
