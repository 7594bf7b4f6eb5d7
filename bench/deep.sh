#!/usr/bin/env bash
# Deep verify speed: a 1 GiB and a 100 GiB (sparse) dynamic VHDX, each a GPT and an NTFS volume (mkntfs -Q)
# holding the same DATA_MIB of random data, converted by qemu-img (block size 32 MiB, Hyper-V's default).
# For each: vsskit's deep disk checks (DeepVerifier per disk: every VHDX check, GPT, NTFS) and `qemu-img check` on the
# same file, median wall time over RUNS runs after one warm-up, and the bytes vsskit read.
# Needs qemu-img, sgdisk, mkntfs, ntfscp (qemu-utils, gdisk, ntfs-3g) and a built vss-core (mvn -o -pl vss-core
# -am compile). Usage: bench/deep.sh [RUNS] [DATA_MIB]
set -euo pipefail
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
runs=${1:-7}
data_mib=${2:-256}
work=$(mktemp -d "${TMPDIR:-/tmp}/vsskit-deep.XXXXXX")
trap 'rm -rf "$work"' EXIT

head -c "${data_mib}M" /dev/urandom > "$work/data.bin"

make_disk() { # NAME SIZE_GIB
  local raw="$work/$1.raw" part="$work/$1.part" first last
  truncate -s "${2}G" "$raw"
  sgdisk -o -n 1:2048:0 -t 1:0700 "$raw" >/dev/null
  first=$(sgdisk -i 1 "$raw" | awk '/^First sector/ {print $3}')
  last=$(sgdisk -i 1 "$raw" | awk '/^Last sector/ {print $3}')
  truncate -s $(((last - first + 1) * 512)) "$part"
  mkntfs -F -Q -q -c 4096 -p "$first" -H 255 -S 63 -L BENCH "$part" 2>/dev/null
  ntfscp -q "$part" "$work/data.bin" /data.bin
  # copy only the partition's allocated extents into the disk (the files are sparse)
  python3 - "$part" "$raw" $((first * 512)) <<'PY'
import os, sys
src, dst, base = sys.argv[1], sys.argv[2], int(sys.argv[3])
fi, fo = os.open(src, os.O_RDONLY), os.open(dst, os.O_WRONLY)
size, off = os.fstat(fi).st_size, 0
while off < size:
    try:
        off = os.lseek(fi, off, os.SEEK_DATA)
    except OSError:
        break
    end = os.lseek(fi, off, os.SEEK_HOLE)
    while off < end:
        n = min(end - off, 1 << 24)
        os.pwrite(fo, os.pread(fi, n, off), base + off)
        off += n
PY
  qemu-img convert -f raw -O vhdx -o subformat=dynamic,block_size=33554432 "$raw" "$work/$1.vhdx"
  rm -f "$raw" "$part"
}

make_disk disk-1g 1
make_disk disk-100g 100
ls -ls "$work"/*.vhdx
java -cp "$root/vss-core/target/classes:$root/eventlog/target/classes" "$root/bench/deep/DeepVerifyBench.java" \
  "$runs" "$work/disk-1g.vhdx" "$work/disk-100g.vhdx"
