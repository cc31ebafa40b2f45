#!/usr/bin/env bash
# tests/serve.sh — `docbao serve` through its real parts: servers started here
# on 127.0.0.1 (a free port each), curl for the API (streaming, Range, the
# cache, every error code), 200 concurrent requests, the sanitized build once,
# and the web page in headless Chromium (tests/serve_chromium.py).
# Prints "ok   NAME" / "FAIL NAME" lines (tests/run.sh counts them) and ends
# with "serve: N passed, M failed". Every loop is bounded; every server
# started here is stopped on exit.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${DOCBAO_SHARED:-$ROOT/../shared}
BIN=${DOCBAO_BIN:-$ROOT/docbao}
ASAN_BIN=$ROOT/build-asan/docbao
T=$(mktemp -d)
PIDS=""
cleanup() {
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     /' | head -30; }
ART=$SHARED/samples/vnpt-quang-ngai-2021.txt
[ -f "$ART" ] || ART=samples/bac-ninh-2024.txt

# start NAME BIN ARGS...: a server on a free loopback port; sets PID and U
start() {
    local name=$1 bin=$2 k; shift 2
    "$bin" serve --listen 127.0.0.1:0 --cache "$T/cache-$name" "$@" > "$T/$name.log" 2>&1 &
    PID=$!
    PIDS="$PIDS $PID"
    for k in $(seq 1 200); do
        grep -q '(port [0-9]*)' "$T/$name.log" 2>/dev/null && break
        kill -0 "$PID" 2>/dev/null || break
        sleep 0.1
    done
    U="http://127.0.0.1:$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$T/$name.log")"
}
# stop PID: SIGTERM, then up to 10 s for it to leave; 0 when it left cleanly
stop() {
    local k rc=1
    kill -TERM "$1" 2>/dev/null
    for k in $(seq 1 100); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$1" 2>/dev/null && kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null && rc=0
    return $rc
}
# req ARGS...: curl's status line "CODE" into $code, the body into $T/body, headers into $T/hdr
req() { code=$(curl -s -m 60 -D "$T/hdr" -o "$T/body" -w '%{http_code}' "$@"); }
hdr() { tr -d '\r' < "$T/hdr" | sed -n "s/^$1: //Ip" | tail -1; }
metric() { curl -s -m 10 "$U/metrics" | awk -v m="docbao_$1" '$1 == m { print $2 }'; }
dur() { ffprobe -v error -show_entries format=duration -of csv=p=0 "$1" 2>/dev/null; }
lufs() { ffmpeg -nostats -hide_banner -i "$1" -af ebur128 -f null - 2>&1 | awk '/^ *I:/ { v = $2 } END { print v }'; }
near() { awk -v a="$1" -v b="$2" -v d="$3" 'BEGIN { x = a - b; if (x < 0) x = -x; exit !(a != "" && x <= d) }'; }
TXT=(-H 'Content-Type: text/plain')

# --- the API on one server
start api "$BIN"
req "$U/healthz"
[ "$code" = 200 ] && grep -q '"status":"ok"' "$T/body" && ok "serve: listens on 127.0.0.1 (a free port), /healthz answers" \
    || fail "serve: start or /healthz ($code)" "$(cat "$T/api.log" "$T/body" 2>&1)"

for k in $(seq 1 10); do cat "$ART"; done > "$T/long.txt"
out=$(curl -s -m 60 -D "$T/hdr" -o "$T/long.wav" -w '%{time_starttransfer} %{time_total}' "${TXT[@]}" --data-binary @"$T/long.txt" "$U/v1/speech?format=wav")
read -r first total <<< "$out"
if [ "$(hdr transfer-encoding)" = chunked ] && [ "$(hdr x-cache)" = miss ] && awk -v f="$first" -v t="$total" 'BEGIN { exit !(f < 0.5 && f * 4 < t) }' \
    && near "$(dur "$T/long.wav")" 4200 300; then
    ok "speech streams while it is made: first byte ${first} s, whole ${total} s, $(dur "$T/long.wav" | cut -d. -f1) s of audio (chunked)"
else
    fail "streaming (first $first s, total $total s, $(dur "$T/long.wav") s)" "$(cat "$T/hdr")"
fi
H=$(hdr x-docbao-hash)

req "${TXT[@]}" --data-binary @"$T/long.txt" "$U/v1/speech?format=wav"
cp "$T/body" "$T/long2.wav"
[ "$code" = 200 ] && [ "$(hdr x-cache)" = hit ] && [ -n "$(hdr content-length)" ] && cmp -s -i 44 "$T/long.wav" "$T/long2.wav" \
    && ok "the same request again comes from the cache (Content-Length, ETag; the same samples as the stream)" \
    || fail "cache hit ($code, $(hdr x-cache))" "$(cat "$T/hdr")"
[ -f "$T/cache-api/$H.wav" ] && [ -f "$T/cache-api/$H.vtt" ] && ! ls "$T/cache-api" | grep -q tmp \
    && ok "the cache holds HASH.wav and HASH.vtt, no temporary file" || fail "cache files" "$(ls -la "$T/cache-api")"

for f in mp3 opus; do
    req "${TXT[@]}" --data-binary @"$ART" "$U/v1/speech?format=$f"
    cp "$T/body" "$T/art.$f"
    codec=$(ffprobe -v error -show_entries stream=codec_name -of csv=p=0 "$T/art.$f" 2>/dev/null)
    req "$U/v1/speech/$(hdr x-docbao-hash).$f"   # the finished file (the stream has no length in its first frame)
    [ "$code" = 200 ] && [ "$codec" = "$f" ] && near "$(dur "$T/body")" "$(dur "$T/long.wav" | awk '{ print $1 / 10 }')" 2 \
        && ok "format $f: streamed, decoded by ffmpeg ($codec, $(dur "$T/body" | cut -d. -f1) s)" \
        || fail "format $f ($code, codec $codec, $(dur "$T/body") s)" "$(cat "$T/hdr")"
done

req "${TXT[@]}" --data-binary @"$ART" "$U/v1/speech?format=wav"
l16=$(lufs "$T/body")
req "${TXT[@]}" --data-binary @"$ART" "$U/v1/speech?format=wav&loudness=-23"
l23=$(lufs "$T/body")
near "$l16" -16 1 && near "$l23" -23 1 && ok "loudness: ${l16} LUFS (default -16), ${l23} LUFS (loudness=-23), within 1 LU (ffmpeg ebur128)" \
    || fail "loudness $l16 / $l23"

req "$U/v1/speech/$H.vtt"
cues=$(grep -c -- '-->' "$T/body")
if [ "$code" = 200 ] && head -1 "$T/body" | grep -q '^WEBVTT' && [ "$cues" -ge 100 ] \
    && grep -- '-->' "$T/body" | awk '{ split($1, a, ":"); s = a[1] * 3600 + a[2] * 60 + a[3]; if (s < last) bad = 1; last = s } END { exit bad }' \
    && grep -q '^Ngày 23/4/2021\|UBND\|VNPT' "$T/body"; then
    ok "GET HASH.vtt: WebVTT, $cues cues in order, the written sentences"
else
    fail "vtt ($code, $cues cues)" "$(head -12 "$T/body")"
fi

size=$(stat -c %s "$T/cache-api/$H.wav")
req -H 'Range: bytes=1000-1999' "$U/v1/speech/$H.wav"
dd if="$T/cache-api/$H.wav" bs=1000 skip=1 count=1 2>/dev/null | cmp -s - "$T/body" && [ "$code" = 206 ] \
    && [ "$(hdr content-range)" = "bytes 1000-1999/$size" ] && ok "Range: 206, Content-Range, the right bytes" \
    || fail "Range ($code, $(hdr content-range))"
req -H 'Range: bytes=-100' "$U/v1/speech/$H.wav"
[ "$code" = 206 ] && [ "$(stat -c %s "$T/body")" = 100 ] && ok "Range: the last 100 bytes (bytes=-100)" || fail "suffix range ($code)"
req -H "Range: bytes=$size-" "$U/v1/speech/$H.wav"
[ "$code" = 416 ] && [ "$(hdr content-range)" = "bytes */$size" ] && ok "Range past the end: 416 with bytes */size" || fail "416 ($code)"
req -H "If-None-Match: \"$H\"" "$U/v1/speech/$H.wav"
[ "$code" = 304 ] && ok "If-None-Match with the ETag: 304" || fail "304 ($code)"
req -I "$U/v1/speech/$H.wav"
[ "$code" = 200 ] && [ "$(hdr content-length)" = "$size" ] && [ "$(hdr accept-ranges)" = bytes ] \
    && ok "HEAD: the length, Accept-Ranges, no body" || fail "HEAD ($code)"

# identical requests at once: one synthesis, the same bytes for all
before=$(metric syntheses_total)
echo "Thủ tướng yêu cầu các bộ, ngành hoàn thành trước ngày 30/6/2025." > "$T/same.txt"
cs=""
for k in $(seq 1 10); do curl -s -m 60 -o "$T/same$k.wav" "${TXT[@]}" --data-binary @"$T/same.txt" "$U/v1/speech?format=wav" & cs="$cs $!"; done
wait $cs   # (not a bare wait: the server is a child too)
after=$(metric syntheses_total)
# (the samples: a stream's WAV header says "length unknown", the finished file's has it)
same=$(for k in $(seq 1 10); do tail -c +45 "$T/same$k.wav" | md5sum; done | sort -u | wc -l)
[ $((after - before)) = 1 ] && [ "$same" = 1 ] && [ "$(stat -c %s "$T/same1.wav")" -gt 100000 ] \
    && ok "10 identical requests at once: synthesized once ($((after - before))), the same samples for all 10" \
    || fail "identical requests: $((after - before)) syntheses, $same different bodies"

req "${TXT[@]}" -H 'Prefer: respond-async' --data-binary "Hà Nội sáng nay có mưa rào." "$U/v1/speech?format=opus"
loc=$(hdr location)
curl -s -m 60 -o "$T/async.opus" "$U$loc"
[ "$code" = 202 ] && grep -q '"vtt":"/v1/speech/[0-9a-f]*.vtt"' "$T/body" && [ "$(hdr preference-applied)" = respond-async ] \
    && near "$(dur "$T/async.opus")" 2.5 2 && ok "Prefer: respond-async: 202, Location; GET of it streams the audio" \
    || fail "async ($code, $loc, $(dur "$T/async.opus") s)" "$(cat "$T/body")"

req "${TXT[@]}" --data-binary "Ngày 23/4/2021, UBND tỉnh họp." "$U/v1/normalize"
[ "$code" = 200 ] && [ "$(cat "$T/body")" = "Ngày hai mươi ba tháng tư năm hai nghìn không trăm hai mươi mốt, ủy ban nhân dân tỉnh họp." ] \
    && ok "POST /v1/normalize: the spoken form" || fail "normalize ($code)" "$(cat "$T/body")"
req "${TXT[@]}" --data-binary "UBND họp" "$U/v1/normalize?format=json"
[ "$code" = 200 ] && grep -q '"text":"UBND","start":0,"end":4,"class":"abbreviation","spoken":"ủy ban nhân dân"' "$T/body" \
    && ok "POST /v1/normalize?format=json: tokens with offsets (as normalize --json)" || fail "normalize json ($code)" "$(cat "$T/body")"
req -H 'Content-Type: text/html; charset=utf-8' --data-binary '<html><body><nav>Trang chủ</nav><article><h1>Tin</h1><p>Có 15 người.</p></article><div class="comments">Bình luận</div></body></html>' "$U/v1/normalize?dialect=south"
[ "$code" = 200 ] && [ "$(cat "$T/body")" = "$(printf 'Tin\nCó mười lăm người.')" ] \
    && ok "POST /v1/normalize with a web page: the article only" || fail "normalize html ($code)" "$(cat "$T/body")"

# every error code, each with a JSON error
err() { # NAME CODE ARGS...
    local name=$1 want=$2; shift 2
    req "$@"
    if [ "$code" = "$want" ] && { [ "$want" = 204 ] || grep -q "\"status\":$want,\"error\":\"" "$T/body"; }; then ok "$name: $code"
    else fail "$name: $code, not $want" "$(cat "$T/body")"; fi
}
err "not UTF-8" 400 "${TXT[@]}" --data-binary $'Xin ch\xe0o' "$U/v1/speech"
err "a NUL byte" 400 "${TXT[@]}" --data-binary @<(printf 'a\0b') "$U/v1/speech"
err "an unknown option" 400 "${TXT[@]}" -d "xin chào" "$U/v1/speech?speed=2"
err "a bad value (rate)" 400 "${TXT[@]}" -d "xin chào" "$U/v1/speech?rate=fast"
err "a voice that is a path" 400 "${TXT[@]}" -d "xin chào" "$U/v1/speech?voice=../../../etc/passwd"
err "an unknown format" 400 "${TXT[@]}" -d "xin chào" "$U/v1/speech?format=flac"
err "an empty body" 400 "${TXT[@]}" --data-binary '' "$U/v1/speech"
err "a form post (Content-Type)" 415 -d "xin chào" "$U/v1/speech"
err "another charset" 415 -H 'Content-Type: text/plain; charset=windows-1258' -d "abc" "$U/v1/speech"
head -c 3000000 /dev/zero | tr '\0' a > "$T/big.txt"
err "a body over the limit (Content-Length)" 413 "${TXT[@]}" --data-binary @"$T/big.txt" "$U/v1/speech"
err "a body over the limit (chunked)" 413 "${TXT[@]}" -H 'Transfer-Encoding: chunked' --data-binary @"$T/big.txt" "$U/v1/normalize"
err "nothing to speak" 422 "${TXT[@]}" -d "... — !" "$U/v1/speech"
err "GET of a POST resource" 405 "$U/v1/speech"
[ "$(hdr allow)" = "POST, OPTIONS" ] && ok "405 says what is allowed (Allow: POST, OPTIONS)" || fail "Allow header" "$(cat "$T/hdr")"
err "DELETE" 405 -X DELETE "$U/healthz"
err "an unknown path" 404 "$U/admin"
err "a hash not in the cache" 404 "$U/v1/speech/$(printf '%064d' 0).mp3"
err "a path out of the cache" 404 --path-as-is "$U/v1/speech/../../../../etc/passwd"
err "an encoded path out of the cache" 404 "$U/v1/speech/%2e%2e%2f%2e%2e%2fetc%2fpasswd"
err "a hash with another extension" 404 "$U/v1/speech/$H.txt"
err "a CORS preflight" 204 -X OPTIONS -H 'Origin: https://bao.example.vn' -H 'Access-Control-Request-Method: POST' "$U/v1/speech"
[ "$(hdr access-control-allow-origin)" = "*" ] && hdr access-control-allow-headers | grep -q Prefer \
    && ok "CORS: the preflight allows Content-Type and Prefer; answers carry Allow-Origin" || fail "CORS" "$(cat "$T/hdr")"
req "$U/"
[ "$code" = 200 ] && grep -q 'player.js' "$T/body" && req "$U/player.js" && [ "$code" = 200 ] \
    && [ "$(hdr content-type)" = "text/javascript; charset=utf-8" ] && ok "GET / (the page) and /player.js" || fail "page ($code)"
curl -s -m 10 "$U/metrics" > "$T/metrics"
grep -q '^docbao_requests_total{code="413"} 2$' "$T/metrics" && grep -q '^docbao_cache_hits_total [1-9]' "$T/metrics" \
    && grep -q '^docbao_audio_seconds_total [1-9]' "$T/metrics" && grep -q '^# TYPE docbao_synthesis_seconds_total counter' "$T/metrics" \
    && ok "/metrics: requests by status, cache hits, synthesis and audio seconds (Prometheus text)" || fail "metrics" "$(cat "$T/metrics")"

# a worker killed in the middle: the stream is cut, the next request is served
for k in $(seq 1 40); do cat "$ART"; done > "$T/huge.txt"
curl -s -m 60 -o "$T/cut.wav" "${TXT[@]}" --data-binary @"$T/huge.txt" "$U/v1/speech?format=wav" & c=$!
for k in $(seq 1 50); do [ "$(metric workers_busy)" = 1 ] && break; sleep 0.1; done
for w in $(pgrep -P "$PID"); do kill -9 "$w"; done
wait $c; crc=$?
req "${TXT[@]}" -d "Sau sự cố, máy chủ vẫn đọc tiếp." "$U/v1/speech"
[ $crc -ne 0 ] && [ "$code" = 200 ] && [ "$(metric synthesis_failures_total)" -ge 1 ] && ! ls "$T/cache-api" | grep -q tmp \
    && ok "a worker killed mid-synthesis: the stream is cut (curl $crc), no file is left, the next request is served" \
    || fail "worker killed (curl $crc, next $code)" "$(ls "$T/cache-api")"
out=$(pgrep -P "$PID" | wc -l)
stop "$PID" && [ "$out" -ge 1 ] && ! grep -q -E 'Sanitizer|runtime error' "$T/api.log" && ! ls "$T/cache-api" | grep -q tmp \
    && ok "SIGTERM: the server and its $out workers stop cleanly" || fail "stop ($out workers)" "$(cat "$T/api.log")"

. tests/serve_limits.sh

echo "serve: $passed passed, $failed failed"
[ $failed -eq 0 ]
