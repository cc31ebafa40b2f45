# tests/serve_limits.sh — sourced by tests/serve.sh (its helpers and $T):
# the bounds of `docbao serve` (a full queue, idle connections, a synthesis
# over its time, the cache's size), 200 concurrent requests, the sanitized
# build, and the web page in headless Chromium.

# --- IPv6 loopback
start v6 "$BIN" --workers 1 --listen '[::1]:0'
req "http://[::1]:${U##*:}/healthz"
[ "$code" = 200 ] && ok "--listen [::1]:0: IPv6 loopback" || fail "IPv6 ($code)" "$(cat "$T/v6.log")"
stop "$PID"

# --- a full queue: 503 with Retry-After
start busy "$BIN" --workers 1 --queue 1
cs=""
for k in 1 2 3 4 5; do
    { echo "Bản tin số $k."; cat "$T/long.txt"; } > "$T/busy$k.txt"
    curl -s -m 60 -D "$T/busy$k.hdr" -o "$T/busy$k.out" -w '%{http_code}\n' "${TXT[@]}" --data-binary @"$T/busy$k.txt" "$U/v1/speech?format=wav" > "$T/busy$k.code" &
    cs="$cs $!"
done
wait $cs
codes=$(cat "$T"/busy*.code | sort | uniq -c | tr -s ' ' | tr '\n' ',')
n503=$(cat "$T"/busy*.code | grep -c 503)
k503=$(grep -l '^HTTP/1.1 503' "$T"/busy*.hdr | head -1)
if [ "$n503" -ge 1 ] && [ "$(cat "$T"/busy*.code | grep -c 200)" -ge 2 ] && tr -d '\r' < "$k503" | grep -q '^Retry-After: 2$' \
    && grep -q '"status":503' "${k503%.hdr}.out"; then
    ok "one worker, a queue of one: the rest get 503 with Retry-After ($codes)"
else
    fail "full queue ($codes)"
fi
stop "$PID"

# --- an idle connection is closed; a synthesis over its time is stopped
start slow "$BIN" --timeout 1 --job-timeout 1 --workers 1
port=${U##*:}
t0=$(date +%s.%N)
timeout 10 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; printf 'POST /v1/speech HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nabc' >&3; cat <&3 >/dev/null"
rc=$?; t1=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" 'BEGIN { exit !(b - a < 5) }' && [ $rc -ne 124 ] \
    && ok "a client that stops sending is cut off after --timeout ($(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s)" \
    || fail "idle timeout (rc $rc)"
curl -s -m 60 -o "$T/over.wav" "${TXT[@]}" --data-binary @"$T/huge.txt" "$U/v1/speech?format=wav"; crc=$?
req "${TXT[@]}" -d "Câu ngắn sau đó." "$U/v1/speech"
[ $crc -ne 0 ] && [ "$code" = 200 ] && [ "$(metric synthesis_failures_total)" = 1 ] && ! ls "$T/cache-slow" | grep -q tmp \
    && ok "a synthesis over --job-timeout is stopped (curl $crc), the worker replaced, the next request served" \
    || fail "job timeout (curl $crc, then $code)"
stop "$PID"

# --- the cache's size bound: least recently used out; stale temporary files cleared at start
C=$T/cache-lru
mkdir -p "$C"
touch -d '1 day ago' "$C/$(printf '%064d' 1).mp3.tmp-aaaaaa"
touch "$C/$(printf '%064d' 2).mp3.tmp-bbbbbb"
start lru "$BIN" --cache-size 1
body() { printf 'Bài số %s. %s\n' "$1" "Hội nghị đã thảo luận về kế hoạch phát triển kinh tế, xã hội của tỉnh trong năm 2025 và những năm tiếp theo."; }
hash_of() { req "${TXT[@]}" --data-binary "$(body "$1")" "$U/v1/speech?format=wav"; hdr x-docbao-hash; }
A=$(hash_of một); B=$(hash_of hai)
touch -d '2 hours ago' "$C/$A".*; touch -d '1 hour ago' "$C/$B".*
req "$U/v1/speech/$A.wav"   # a hit: A is used now, B is the oldest
Cc=$(hash_of ba)
total=$(du -sk "$C" | cut -f1)
if [ -f "$C/$A.wav" ] && [ ! -f "$C/$B.wav" ] && [ ! -f "$C/$B.vtt" ] && [ -f "$C/$Cc.wav" ] && [ "$total" -le 1100 ]; then
    ok "cache over --cache-size: the least recently used goes (a hit counts as a use), ${total} KB left"
else
    fail "LRU (A $A, B $B, C $Cc, $total KB)" "$(ls -la "$C")"
fi
[ ! -e "$C/$(printf '%064d' 1).mp3.tmp-aaaaaa" ] && [ -e "$C/$(printf '%064d' 2).mp3.tmp-bbbbbb" ] \
    && ok "at start a crashed run's old temporary file is removed, a fresh one (another server's) kept" || fail "stale temporary files"
stop "$PID"

# --- 200 concurrent requests: 20 texts, 10 listeners each, nothing lost
start load "$BIN"
awk 'length > 20' "$ART" | head -20 > "$T/lines.txt"  # (some lines are only spaces)
k=0; while [ "$(wc -l < "$T/lines.txt")" -lt 20 ]; do k=$((k + 1)); echo "Tin ngắn số $k trong ngày." >> "$T/lines.txt"; done
for i in $(seq 0 19); do printf 'Tin số %d. %s\n' "$i" "$(sed -n "$((i + 1))p" "$T/lines.txt")" > "$T/l$i.txt"; done
: > "$T/load.cfg"
for r in $(seq 0 199); do
    i=$((r % 20))
    printf 'url = "%s/v1/speech?format=wav"\nheader = "Content-Type: text/plain"\ndata-binary = "@%s/l%d.txt"\noutput = "%s/r%d.wav"\nwrite-out = "%%{http_code} %%{time_starttransfer} %%{time_total} %d\\n"\n' \
        "$U" "$T" "$i" "$T" "$r" "$i" >> "$T/load.cfg"
    [ "$r" -lt 199 ] && echo next >> "$T/load.cfg"
done
before=$(metric syntheses_total)
t0=$(date +%s.%N)
curl -s -m 120 --parallel --parallel-immediate --parallel-max 200 -K "$T/load.cfg" > "$T/load.out" 2> /dev/null
t1=$(date +%s.%N)
after=$(metric syntheses_total)
n200=$(awk '$1 == 200' "$T/load.out" | wc -l)
# each text's 10 answers carry the same samples (after the WAV header: a stream's says "length unknown")
groups=$(for i in $(seq 0 19); do for r in $(seq "$i" 20 199); do tail -c +45 "$T/r$r.wav" | md5sum; done | sort -u | wc -l; done | sort -u | tr '\n' ' ')
p50=$(awk '{ print $2 }' "$T/load.out" | sort -n | sed -n 100p)
p99=$(awk '{ print $2 }' "$T/load.out" | sort -n | sed -n 198p)
mem=0; for p in "$PID" $(pgrep -P "$PID"); do mem=$((mem + $(awk '/VmHWM/ { print $2 }' "/proc/$p/status"))); done
if [ "$n200" = 200 ] && [ $((after - before)) = 20 ] && [ "$groups" = "1 " ] && [ "$mem" -lt 400000 ]; then
    ok "200 concurrent requests (20 texts): all 200 answered whole, 20 syntheses; first byte p50 ${p50} s, p99 ${p99} s; $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }') s in all; peak memory ${mem} KB (server and workers)"
else
    fail "load: $n200 of 200 answered, $((after - before)) syntheses, groups [$groups], ${mem} KB" "$(sort "$T/load.out" | uniq -c | head)"
fi
stop "$PID"

# --- the sanitized build (ASan + UBSan), server and workers, once
if [ -x "$ASAN_BIN" ]; then
    start asan "$ASAN_BIN" --workers 1
    r1=$(curl -s -m 60 -o /dev/null -w '%{http_code}' "${TXT[@]}" --data-binary @"$ART" "$U/v1/speech?format=opus")
    r2=$(curl -s -m 60 -o /dev/null -w '%{http_code}' "${TXT[@]}" --data-binary @"$ART" "$U/v1/speech?format=opus")
    r3=$(curl -s -m 60 -o /dev/null -w '%{http_code}' "${TXT[@]}" -d "UBND họp ngày 2/9." "$U/v1/normalize?format=json")
    r4=$(curl -s -m 60 -o /dev/null -w '%{http_code}' "${TXT[@]}" --data-binary $'\xff' "$U/v1/speech")
    r5=$(curl -s -m 60 -o /dev/null -w '%{http_code}' -H 'Range: bytes=10-20' "$U/v1/speech/$(curl -s -m 60 -D - -o /dev/null "${TXT[@]}" -d "Xin chào." "$U/v1/speech?format=wav" | tr -d '\r' | sed -n 's/^X-Docbao-Hash: //p').wav")
    if stop "$PID" && [ "$r1$r2$r3$r4$r5" = 200200200400206 ] && ! grep -q -E 'Sanitizer|runtime error' "$T/asan.log"; then
        ok "under ASan+UBSan: stream, cache hit, normalize, bad input, Range, stop: clean"
    else
        fail "asan server ($r1 $r2 $r3 $r4 $r5)" "$(grep -A12 -E 'Sanitizer|runtime error' "$T/asan.log" | head -30)"
    fi
fi

# --- the web page and the embedded player in headless Chromium
if command -v chromium > /dev/null && /usr/bin/python3 -c 'import websocket' 2> /dev/null; then
    start web "$BIN"
    mkdir -p "$T/chromium"
    timeout 200 /usr/bin/python3 tests/serve_chromium.py "$U" samples/bac-ninh-2024.txt "$T/chromium" > "$T/chromium.out" 2>&1
    while IFS= read -r line; do
        case $line in
            "PASS "*) ok "${line#PASS }" ;;
            "FAIL "*) fail "${line#FAIL }" ;;
        esac
    done < "$T/chromium.out"
    grep -q '^PASS' "$T/chromium.out" || fail "chromium did not run" "$(cat "$T/chromium.out")"
    [ -n "${DOCBAO_SCREENSHOT:-}" ] && cp "$T/chromium/page.png" "$DOCBAO_SCREENSHOT" 2> /dev/null
    stop "$PID"
else
    fail "chromium and python3-websocket are needed for the page test (scripts/install-deps.sh installs them)"
fi
