#!/usr/bin/env bash
# Makes guest-disk.raw.gz, the lab VMs' guest disk: 8 MiB holding a GPT (one basic data partition from LBA
# 2048) and an NTFS file system made by mkntfs with a few files. Run once with real tools (gdisk, ntfs-3g,
# gzip) when the fixture must change; `vsskit lab init` only reads the result, so it needs no tools.
#   bash make-guest-disk.sh        (writes guest-disk.raw.gz beside this script)
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
disk=$work/disk.raw
part=$work/part.raw
truncate -s 8M "$disk"
# fixed GUIDs so the fixture is the same on every run; lab init gives each VM its own disk GUID
sgdisk -o -U 6c6a2b1e-0f5e-4a55-9d6c-7673736b6974 \
  -n 1:2048:0 -t 1:0700 -c 1:"Basic data partition" -u 1:0d0c7d7a-8a3b-4e2f-9b1e-7673736b6974 "$disk" >/dev/null
first=$(sgdisk -i 1 "$disk" | awk '/^First sector/ {print $3}')
last=$(sgdisk -i 1 "$disk" | awk '/^Last sector/ {print $3}')
sectors=$((last - first + 1))
truncate -s $((sectors * 512)) "$part"
mkntfs -F -Q -q -s 512 -c 4096 -p "$first" -H 255 -S 63 -L LABGUEST "$part"
echo "vsskit lab guest disk: a GPT and an NTFS volume made by mkntfs (ntfs-3g)" > "$work/README.txt"
printf 'Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\vsskit]\r\n"Lab"="1"\r\n' > "$work/settings.reg"
head -c 300000 /dev/zero | tr '\0' 'v' > "$work/data.bin"
for f in README.txt settings.reg data.bin; do
  ntfscp -q "$part" "$work/$f" "/$f"
done
dd if="$part" of="$disk" bs=512 seek="$first" conv=notrunc status=none
sgdisk -v "$disk"
gzip -9 -n -c "$disk" > guest-disk.raw.gz
ls -l guest-disk.raw.gz
