#!/bin/sh
# Installs the Debian packages docbao needs to build, test and speak.
# Idempotent and quiet when everything is present; needs root (or sudo) otherwise.
set -eu
PKGS="build-essential pkg-config python3 espeak-ng libespeak-ng-dev libsndfile1-dev \
portaudio19-dev libasound2-dev libutf8proc-dev libebur128-dev libsoxr-dev libxml2-dev \
sox ffmpeg clang libclang-rt-14-dev tmux valgrind time procps \
libmicrohttpd-dev curl chromium python3-websocket"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
