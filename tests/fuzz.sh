#!/usr/bin/env bash
# tests/fuzz.sh [SECONDS] — libFuzzer harnesses of tests/fuzz/ (normalizer,
# lexicon loader, voice profile, HTML reader) built with clang and
# ASan + UBSan into build-fuzz/, then for each harness:
#   - every file of tests/fuzz/crashes/ (regression inputs) is run once;
#   - SECONDS=0: every seed of tests/fuzz/corpus/<harness>/ is run once
#     (the quick check of `make check`);
#   - SECONDS>0 (default 60): fuzzing for SECONDS on build-fuzz/corpus/<harness>/,
#     a copy of the seeds (so runs never grow the repository; it keeps what
#     earlier runs found). New crashes land in build-fuzz/artifacts/.
# One line per harness: ok, FAIL, or skip NAME (why); ends with
# "N passed, M failed, K skipped"; exits non-zero on a failure.
# Without clang every harness is reported skipped (not passed) and it exits 0.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
secs=${1:-60}
case $secs in '' | *[!0-9]*) echo "usage: tests/fuzz.sh [SECONDS]" >&2; exit 2 ;; esac

CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
    for h in normalize lexicon voice html; do echo "skip fuzz_$h ($CC not found; scripts/install-deps.sh installs clang)"; done
    echo "0 passed, 0 failed, 4 skipped"
    exit 0
fi

OUT=$ROOT/build-fuzz
PKGS="espeak-ng sndfile portaudio-2.0 libutf8proc libebur128 soxr libxml-2.0"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CFLAGS="-g -O1 $SAN -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE"
CPPFLAGS="-DDOCBAO_DATADIR=\"$ROOT\" $(pkg-config --cflags $PKGS 2>/dev/null) -Isrc -Isrc/util -Isrc/lexicon -Isrc/text -Isrc/speech -Isrc/audio -Itests/fuzz"
LIBS="$(pkg-config --libs $PKGS 2>/dev/null) -lm"
export DOCBAO_DATA=$ROOT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
mkdir -p "$OUT/obj" "$OUT/logs" "$OUT/artifacts" "$OUT/corpus"

passed=0; failed=0; skipped=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
skip() { skipped=$((skipped + 1)); echo "skip $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && sed 's/^/     /' "$2" | tail -60; }

# --- the library, once: src/docbao.c and every file of its folders (not src/cli), instrumented for the fuzzer
lib_log=$OUT/logs/build-lib.log
: >"$lib_log"
lib_ok=1
objs=()
LIB_C=$(ls src/docbao.c src/util/*.c src/lexicon/*.c src/text/*.c src/speech/*.c src/audio/*.c)
newest_h=$(ls -t src/*.h src/*/*.h tests/fuzz/*.h 2>/dev/null | head -1)
build_obj() { # src/x.c -> build-fuzz/obj/x.o, when out of date
    local c=$1 o=$OUT/obj/$(basename "${1%.c}").o
    if [ ! -f "$o" ] || [ "$c" -nt "$o" ] || [ "$newest_h" -nt "$o" ] || [ "$SCRIPT" -nt "$o" ]; then
        $CC $CFLAGS -fsanitize=fuzzer-no-link $CPPFLAGS -c "$c" -o "$o" || { rm -f "$o"; return 1; }
    fi
}
export -f build_obj
SCRIPT=$ROOT/tests/fuzz.sh
export CC CFLAGS CPPFLAGS OUT newest_h SCRIPT
for c in $LIB_C; do
    objs+=("$OUT/obj/$(basename "${c%.c}").o")
done
# drop objects whose source is gone (a renamed or removed file)
for o in "$OUT"/obj/*.o; do
    [ -e "$o" ] || continue
    printf '%s\n' $LIB_C | grep -q "/$(basename "${o%.o}").c$" || rm -f "$o"
done
printf '%s\n' $LIB_C |
    xargs -n 1 -P "$(nproc 2>/dev/null || echo 2)" bash -c 'build_obj "$1"' build_obj >>"$lib_log" 2>&1 || lib_ok=0

# the harnesses; fuzz_html only when the HTML reader is there
harnesses="normalize lexicon voice"
if [ -f src/text/html.h ] && [ -f src/text/html.c ] && [ -f tests/fuzz/fuzz_html.c ]; then
    harnesses="$harnesses html"
else
    skip "fuzz_html (src/text/html.h or src/text/html.c not there)"
fi

crashes=()
for f in tests/fuzz/crashes/*; do
    [ -f "$f" ] && crashes+=("$f")
done

for h in $harnesses; do
    bin=$OUT/fuzz_$h
    log=$OUT/logs/$h.log
    : >"$log"
    if [ $lib_ok = 0 ]; then
        fail "fuzz_$h: the library does not build" "$lib_log"
        continue
    fi
    if ! $CC $CFLAGS -fsanitize=fuzzer $CPPFLAGS "tests/fuzz/fuzz_$h.c" "${objs[@]}" $LIBS -o "$bin" >"$log" 2>&1; then
        fail "fuzz_$h: build" "$log"
        continue
    fi
    seeds=tests/fuzz/corpus/$h
    what=""
    status=0
    # regression inputs, each run once
    if [ ${#crashes[@]} -gt 0 ]; then
        "$bin" -rss_limit_mb=2048 -timeout=10 "${crashes[@]}" >>"$log" 2>&1 || status=1
        what="${#crashes[@]} crash inputs"
    fi
    if [ $status = 0 ] && [ "$secs" = 0 ]; then
        # the seeds, each run once
        n=0
        if [ -d "$seeds" ]; then
            n=$(find "$seeds" -type f | wc -l)
            find "$seeds" -type f -print0 | sort -z |
                xargs -0 -r "$bin" -rss_limit_mb=2048 -timeout=10 >>"$log" 2>&1 || status=1
        fi
        what="${what:+$what, }$n seeds run once"
        [ "$n" -gt 0 ] || { status=1; echo "no seeds in $seeds" >>"$log"; }   # nothing run is no pass
    elif [ $status = 0 ]; then
        corpus=$OUT/corpus/$h
        mkdir -p "$corpus"
        [ -d "$seeds" ] && cp -p "$seeds"/* "$corpus"/ 2>/dev/null
        "$bin" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
            -artifact_prefix="$OUT/artifacts/$h-" -print_final_stats=1 -close_fd_mask=1 \
            "$corpus" >>"$log" 2>&1 || status=1
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        what="${what:+$what, }${secs}s fuzzing, ${runs:-?} runs, corpus $(ls "$corpus" | wc -l) files"
    fi
    if [ $status = 0 ]; then
        ok "fuzz_$h ($what)"
    else
        fail "fuzz_$h ($what): see $log, inputs in $OUT/artifacts/" "$log"
    fi
done

echo "$passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
