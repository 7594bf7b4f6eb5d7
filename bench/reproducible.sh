#!/bin/sh
# Reproducibility check of the release: clones the repository twice at one commit (default HEAD) into two
# different folders, builds each with `mvn -B -o -DskipTests package` (the second one at least two seconds
# later, in another time zone and umask), and compares the SHA-256 of vsskit.jar and of both archives.
# Exit 0 when they are identical, 1 when not (then the differing builds are kept in the work folder).
# Not part of `mvn verify`: two full builds take minutes.
# Usage: bench/reproducible.sh [COMMIT]     (drop -o with VSSKIT_MVN_ONLINE=1 on a machine without a cache)
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd -P)
commit=$(git -C "$root" rev-parse "${1:-HEAD}")
work=$(mktemp -d "${TMPDIR:-/tmp}/vsskit-repro.XXXXXX")
offline=-o
[ "${VSSKIT_MVN_ONLINE:-}" = 1 ] && offline=

for n in 1 2; do
    dir="$work/build-$n"
    git clone -q --no-checkout "$root" "$dir"
    git -C "$dir" checkout -q --detach "$commit"
    echo "reproducible: build $n of $commit in $dir ..." >&2
    if [ "$n" = 1 ]; then zone=America/New_York; mask=022; else zone=Asia/Tokyo; mask=077; fi
    (cd "$dir" && umask $mask && TZ=$zone mvn -B -q $offline -Dstyle.color=never -DskipTests package) >&2
    (cd "$dir" && sha256sum cli/target/vsskit.jar dist/target/vsskit-*.zip dist/target/vsskit-*.tar.gz) \
        > "$work/build-$n.sha256"
    [ "$n" = 1 ] && sleep 2
done

echo "commit $commit"
echo "build 1:"; sed 's/^/  /' "$work/build-1.sha256"
echo "build 2:"; sed 's/^/  /' "$work/build-2.sha256"
if cmp -s "$work/build-1.sha256" "$work/build-2.sha256"; then
    echo "reproducible: identical"
    rm -rf "$work"
else
    echo "reproducible: DIFFERENT (builds kept in $work)"
    exit 1
fi
