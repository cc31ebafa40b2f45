#!/usr/bin/env bash
# scripts/fresh-debian-check.sh — the README's two commands on a fresh Debian 12.
# Builds a minbase bookworm root with debootstrap (plus git, make, ca-certificates,
# nothing else), copies in a clean `git clone` of this project (HEAD) and a copy of
# ../shared beside it, and runs `make demo` then `make check` inside as root with
# a bare environment like CI's (env -i: no TERM, no LANG, no terminal).
# Needs root and the Debian mirror apt uses. Exits non-zero if either command fails.
#   FRESH_ROOT=/var/tmp/docbao-fresh   where the root is built (wiped first)
#   FRESH_CACHE=/var/tmp/docbao-fresh.tar   reuse this tarball of the bare root if it
#       exists (made on the first run; it holds only debootstrap's output + git/make)
#   FRESH_KEEP=1   leave the root in place afterwards (for a look inside)
#   FRESH_REV=<commit>   check that commit instead of HEAD
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
SHARED=${DOCBAO_SHARED:-$SRC/../shared}
R=${FRESH_ROOT:-/var/tmp/docbao-fresh}
CACHE=${FRESH_CACHE:-}
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian-check: needs root (debootstrap, mount, chroot)" >&2; exit 2; }
case $R in /*/ | / | [!/]* | "") echo "fresh-debian-check: FRESH_ROOT must be an absolute path below /, not '$R'" >&2; exit 2 ;; esac
[ -d "$SHARED" ] || { echo "fresh-debian-check: no shared/ at $SHARED" >&2; exit 2; }
export DEBIAN_FRONTEND=noninteractive
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }

# the mirror apt uses for bookworm (deb822 .sources or one-line .list), not -security
mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
    awk '$1 == "deb" && $0 ~ / bookworm( |$)/ { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) { print $i; exit } }' || true)
if [ -z "$mirror" ]; then
    mirror=$(awk 'BEGIN { RS = "" } /Suites:[^\n]*bookworm( |\n|$)/ && !/bookworm-security/ {
        if (match($0, /URIs: *[^ \n]+/)) { s = substr($0, RSTART, RLENGTH); sub(/URIs: */, "", s); print s; exit } }' \
        /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
fi
[ -n "$mirror" ] || { echo "fresh-debian-check: no bookworm mirror in apt's sources (/etc/apt/sources.list*)" >&2; exit 2; }
echo "fresh-debian-check: mirror $mirror, root $R"

umount_all() {
    for m in dev/pts dev/shm dev sys proc; do
        mountpoint -q "$R/$m" 2>/dev/null && umount -l "$R/$m"
    done
    return 0
}
cleanup() {
    umount_all
    [ -n "${FRESH_KEEP:-}" ] || rm -rf --one-file-system "$R"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

umount_all
rm -rf --one-file-system "$R"
mkdir -p "$R"
if [ -n "$CACHE" ] && [ -s "$CACHE" ]; then
    echo "fresh-debian-check: unpacking the bare root from $CACHE"
    tar -C "$R" -xpf "$CACHE"
else
    debootstrap --variant=minbase --include=git,make,ca-certificates bookworm "$R" "$mirror" > "$R.debootstrap.log" 2>&1 ||
        { tail -20 "$R.debootstrap.log"; exit 1; }
    # the root gets the same package sources as this machine, so apt-get finds the same versions
    rm -f "$R"/etc/apt/sources.list
    cp /etc/apt/sources.list "$R/etc/apt/" 2>/dev/null || true
    mkdir -p "$R/etc/apt/sources.list.d"
    for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        if [ -f "$f" ] && grep -q debian "$f"; then cp "$f" "$R/etc/apt/sources.list.d/"; fi
    done
    [ -n "$CACHE" ] && tar -C "$R" -cpf "$CACHE" .
fi
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true

mount -t proc proc "$R/proc"
mount --bind /sys "$R/sys"
mount --bind /dev "$R/dev"
mount --bind /dev/pts "$R/dev/pts"
mountpoint -q /dev/shm && mount --bind /dev/shm "$R/dev/shm"

# a clean clone of what is committed, and shared/ beside it
mkdir -p "$R/work"
git clone -q "$SRC" "$R/work/main"
[ -z "${FRESH_REV:-}" ] || git -C "$R/work/main" checkout -q "$FRESH_REV"
echo "fresh-debian-check: commit $(git -C "$R/work/main" log -1 --format='%h %s' | cut -c1-70)"
cp -a "$SHARED" "$R/work/shared"

run() {   # one README command inside the root, with CI's bare environment
    echo "=== $* (inside the fresh root)"
    chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        /bin/sh -c "cd /work/main && $*" > "$R.$1-$2.log" 2>&1 < /dev/null
}
rc=0
run make demo || rc=1
echo "make demo: $([ $rc = 0 ] && echo passed || echo FAILED)"; tail -5 "$R.make-demo.log"
run make check || rc=$((rc | 2))
grep '^FAIL' -A8 "$R.make-check.log" | head -80 || true
tail -5 "$R.make-check.log"
echo "fresh-debian-check: logs in $R.make-demo.log and $R.make-check.log"
exit $rc
