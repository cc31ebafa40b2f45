#!/usr/bin/env bash
# tests/run.sh — every test of docbao: unit tests, golden files, the peer test
# suite, end-to-end audio, bad input, and the same under ASan/UBSan.
# Run from the project root after `make all units` (make check does both).
# Prints one line per check (ok, FAIL, skip NAME (why) when a tool is missing,
# known for a limit not yet met) and ends with
# "N passed, M failed, K skipped, J known"; exits 1 on a failure.
set -u
# 1: the size limits of src/ (scripts/code-size.py) fail the run; 0: reported as known
CODE_SIZE_STRICT=1
cd "$(dirname "$0")/.."
ROOT=$PWD
SHARED=${DOCBAO_SHARED:-$ROOT/../shared}
BIN=$ROOT/docbao
ASAN_BIN=$ROOT/build-asan/docbao
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# a span no rule can read is an error here, not read as a code: the tests look for them
export DOCBAO_STRICT=1
passed=0; failed=0; skipped=0; known=0
ok()   { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/     /' | head -40; }
skip() { skipped=$((skipped + 1)); echo "skip $1"; }   # skip NAME (why): never counted as passed
# the ok/FAIL/skip lines of another test script, counted here; its other lines shown
forward() { while IFS= read -r l; do case $l in "ok   "*) ok "${l#ok   }";; "FAIL "*) fail "${l#FAIL }";;
    "skip "*) skip "${l#skip }";; *) printf '%s\n' "$l";; esac; done; }
check() { local name=$1; shift; local out; if out=$("$@" 2>&1); then ok "$name"; else fail "$name" "$out"; fi; }

# --- unit tests (normal and sanitized builds)
n=0
for t in build/test_*; do
    [ -x "$t" ] || continue
    check "unit $(basename "$t")" "$t" "$SHARED/data/vi-syllables.tsv"; n=$((n + 1))
done
[ $n -gt 0 ] || fail "unit tests: none in build/ (make all units builds them)"
n=0
for t in build-asan/test_*; do
    [ -x "$t" ] || continue
    check "unit $(basename "$t") (asan+ubsan)" "$t" "$SHARED/data/vi-syllables.tsv"; n=$((n + 1))
done
[ $n -gt 0 ] || skip "unit tests under asan+ubsan (none in build-asan/: make check builds them)"
n=0
for t in build-tsan/test_*; do
    [ -x "$t" ] || continue
    check "unit $(basename "$t") (tsan)" "$t"; n=$((n + 1))
done
[ $n -gt 0 ] || skip "unit tests under tsan (none in build-tsan/: make check builds them)"

# --- the size limits of src/ (issue 17): a file over 600 lines or a function over 80 fails
name="code size (files ≤600 lines, functions ≤80)"
if out=$(python3 scripts/code-size.py --strict 2>&1); then ok "$name: $(printf '%s\n' "$out" | tail -1)"
elif [ "$CODE_SIZE_STRICT" = 1 ] || ! printf '%s\n' "$out" | tail -1 | grep -q '^code-size: [0-9]* over'; then fail "$name" "$out"
else known=$((known + 1)); echo "known $name: $(printf '%s\n' "$out" | tail -1) (CODE_SIZE_STRICT=1 fails on them)"
    printf '%s\n' "$out" | sed '$d' | sed 's/^/     /'; fi

# --- golden files: input -> spoken form, every case must pass except the open
# cases listed, each with what docbao says now, in tests/golden/known-failures.tsv:
# a new failure, a listed case whose reading changed or that now passes fails
# here until the list is rewritten (scripts/golden-known-failures.sh)
golden() {
    local out
    if out=$(python3 tests/realnews/check.py "$SHARED" "$BIN" --golden "$1" 2>&1); then
        ok "$(printf '%s\n' "$out" | head -1)"
    else
        fail "$(printf '%s\n' "$out" | head -1): known failures changed" "$(printf '%s\n' "$out" | tail -n +2 | head -60)"
    fi
}
GOLDEN="tests/golden/numbers.tsv tests/golden/words.tsv tests/golden/news.tsv tests/golden/news2.tsv tests/golden/rules.tsv tests/golden/korean.tsv tests/golden/techspecs.tsv tests/golden/toneless-real.tsv $(ls samples/*.tsv)"
for f in $GOLDEN; do
    if [ -f "$f" ]; then golden "$f"; else fail "golden $f: not there"; fi
done
stale=$(awk -F'\t' 'FILENAME == "tests/golden/known-failures.tsv" { if ($1 !~ /^#/ && $1 != "file") k[$1 ":" $2] = 1; next }
    FNR > 1 { f = FILENAME; sub(/.*\//, "", f); seen[f ":" $1] = 1 } END { for (i in k) if (!(i in seen)) print i }' tests/golden/known-failures.tsv $GOLDEN)
[ -z "$stale" ] && ok "golden known failures: every listed case is in a golden file" \
    || fail "golden known failures: listed cases in no golden file:" "$stale"
check "sample article phrases at 100% (tn-score --min 100)" \
    "$SHARED/tools/tn-score" --tsv --show 20 --min 100 --cmd "$BIN normalize" "$SHARED/samples/vnpt-quang-ngai-2021.tsv"
# the golden files through the sanitized build
check "golden numbers.tsv under asan+ubsan runs clean" \
    sh -c "cut -f3 tests/golden/numbers.tsv tests/golden/words.tsv | '$ASAN_BIN' normalize >/dev/null"

# --- NeMo peer suite: >= 97%, and only the deliberate differences may fail
nemo=$("$SHARED/tools/tn-score" --show 1000 --cmd "$BIN normalize" "$SHARED"/peer-tests/nemo-vi/*.txt 2>&1)
rate=$(printf '%s\n' "$nemo" | sed -n 's/^pass rate \([0-9.]*\)%.*/\1/p')
unexpected=""
for id in $(printf '%s\n' "$nemo" | awk '/^FAIL /{print $2}'); do
    grep -q "^$id	" tests/nemo-deliberate.tsv || unexpected="$unexpected $id"
done
if [ -z "$unexpected" ] && awk -v r="${rate:-0}" 'BEGIN{exit !(r >= 97)}'; then
    ok "NeMo vi suite ${rate}% (>= 97%, failures all deliberate)"
else
    fail "NeMo vi suite ${rate:-?}%: unexpected failures:$unexpected" "$(printf '%s\n' "$nemo" | grep -A3 FAIL | head -40)"
fi

# --- real news (tests/realnews/): verbatim lines of Vietnamese papers read by hand,
# scored per category; the lines not read right yet are listed with what docbao says
# (tests/realnews/known-failures.tsv): a new failure, a changed reading or a listed
# line that now passes fails here until the list is rewritten (check.py --write)
if out=$(python3 tests/realnews/check.py "$SHARED" "$BIN" 2>&1); then
    ok "$(printf '%s\n' "$out" | head -1) (known failures unchanged)"
    printf '%s\n' "$out" | sed -n '2,20p' | grep '^  ' | sed 's/^/     /'
else
    fail "real news: failures changed" "$out"
fi

# --- held-out real news (tests/realnews-holdout/): 400 lines of pages the development
# set does not cite, never tuned on (its README); the figure is reported, not held to
# a list, so that nobody tunes on its failures. Fails only if it cannot be scored.
ho=$("$SHARED/tools/tn-score" --tsv --cmd "$BIN normalize" tests/realnews-holdout/holdout.tsv 2>&1)
ho_rate=$(printf '%s\n' "$ho" | sed -n 's/^pass rate \([0-9.]*\)%.*/\1/p' | head -1)
if [ -n "$ho_rate" ]; then
    ok "held-out real news: ${ho_rate}% of 400 lines read fully right (measured, not tuned)"
    printf '%s\n' "$ho" | grep -E '^\s+[a-z]+\s+[0-9]+/[0-9]+' | sed 's/^/     /'
else
    fail "held-out real news: not scored" "$ho"
fi

# --- unseen real news (tests/realnews-unseen/): samples built after the last fixes, their
# references written before any run; measured like the held-out set, not held to a list
for f in tests/realnews-unseen/*.tsv; do
    [ -f "$f" ] || continue
    un=$("$SHARED/tools/tn-score" --tsv --cmd "$BIN normalize" "$f" 2>&1)
    un_rate=$(printf '%s\n' "$un" | sed -n 's/^pass rate \([0-9.]*\)%.*/\1/p' | head -1)
    un_n=$(($(wc -l < "$f") - 1))
    if [ -n "$un_rate" ]; then
        ok "unseen real news ${f##*/}: ${un_rate}% of $un_n lines read fully right (measured, not tuned)"
        printf '%s\n' "$un" | grep -E '^\s+[a-z]+\s+[0-9]+/[0-9]+' | sed 's/^/     /'
    else
        fail "unseen real news ${f##*/}: not scored" "$un"
    fi
done

# the audible score (scripts/audible-score.py): spellings eSpeak-NG says alike pass as
# sound, another vowel or tone fails, --list is refused on the held-out and unseen sets
check "audible score: same sound passes, another vowel or tone fails (tests/audible/)" \
    python3 tests/audible/check.py "$BIN"

# no language switch: eSpeak-NG says every real-news line, foreign names and all,
# with its Vietnamese voice (a switch shows as "(en)" in its phonemes)
# (one line of phonemes per line read: an empty or short answer is a failure, not a pass)
for f in tests/realnews/*.tsv; do [ "${f##*/}" = known-failures.tsv ] || tail -n +2 "$f" | cut -f4; done > "$TMP/news.txt"
"$BIN" phonemes "$TMP/news.txt" > "$TMP/news.ph" 2>&1; rc=$?
switches=$(grep -c '([a-z][a-z-]*)' "$TMP/news.ph")
[ $rc = 0 ] && [ "$switches" = 0 ] && [ "$(wc -l < "$TMP/news.ph")" = "$(wc -l < "$TMP/news.txt")" ] \
    && ok "real news: phonemes with no language switch ($(wc -l < "$TMP/news.ph") lines)" || fail "real news: $switches lines switch eSpeak-NG's language (exit $rc)" "$(grep '([a-z][a-z-]*)' "$TMP/news.ph" | head -5)"
{ cat lexicon/exonyms.tsv lexicon/loanwords.tsv | grep -v '^#' | awk -F'\t' 'NF >= 2 && $1 != "word" && $2 != "" {print $2}'
  awk -F'\t' '$1 == "syllable" {print $3}' lexicon/korean.tsv; } > "$TMP/exo.txt"
"$BIN" phonemes "$TMP/exo.txt" > "$TMP/exo.ph" 2>&1; rc=$?
switches=$(grep -c '([a-z][a-z-]*)' "$TMP/exo.ph")
[ $rc = 0 ] && [ "$switches" = 0 ] && [ "$(wc -l < "$TMP/exo.ph")" = "$(wc -l < "$TMP/exo.txt")" ] \
    && ok "exonym, loanword and Korean syllable readings: phonemes with no language switch ($(wc -l < "$TMP/exo.ph") lines)" || fail "exonyms: $switches readings switch eSpeak-NG's language (exit $rc)" "$(grep '([a-z][a-z-]*)' "$TMP/exo.ph" | head -5)"

# one line with a foreign name, a toneless web address and a Party title, end to end:
# the words, phonemes with no language switch, and a WAV that says them
line="Ông Nguyễn Văn A, UVBTVTU, tiếp Tổng thống Indonesia Joko Widodo; chi tiết tại dichvucong.gov.vn."
want="Ông Nguyễn Văn a, ủy viên ban thường vụ tỉnh ủy, tiếp Tổng thống in đô nê xi a giô cô vi đô đô, chi tiết tại dịch vụ công chấm gốp chấm vê en."
out=$(printf '%s\n' "$line" | "$BIN" normalize)
[ "$out" = "$want" ] && ok "foreign name, toneless address, Party title: the words" || fail "foreign/toneless/title line" "$out"
ph=$(printf '%s\n' "$line" | "$BIN" phonemes)
[ -n "$ph" ] && ! printf '%s' "$ph" | grep -q '([a-z][a-z-]*)' && ok "... its phonemes: no language switch" || fail "foreign/toneless/title line: no phonemes, or a language switch" "$ph"
printf '%s\n' "$line" | "$BIN" speak -o "$TMP/e2e.wav" 2>/dev/null
dur=$(soxi -D "$TMP/e2e.wav" 2>/dev/null || echo 0)
rms=$(sox "$TMP/e2e.wav" -n stat 2>&1 | awk '/RMS +amplitude/ {print $3}')
awk -v d="$dur" -v r="${rms:-0}" 'BEGIN { exit !(d > 6 && d < 20 && r > 0.01) }' \
    && ok "... speak -o: a WAV of ${dur} s, RMS $rms" || fail "foreign/toneless/title line: speak -o (${dur} s, RMS ${rms:-?})"

# --- pronunciation: eSpeak-NG's reading of every syllable through docbao phonemes
check "pron-score >= 99.9% of news syllables (docbao phonemes)" \
    "$SHARED/tools/pron-score" --cmd "$BIN phonemes" --min 99.9 --show 5
out=$(echo "các được quốc cứu" | "$BIN" normalize)
[ "$out" = "các được quốc cứu" ] && ok "respelling stays out of the normalized text" || fail "normalize shows respelling" "$out"

# --- the command line contract
n_in=$(awk 'END{print NR}' "$SHARED/samples/vnpt-quang-ngai-2021.txt")
n_out=$("$BIN" normalize "$SHARED/samples/vnpt-quang-ngai-2021.txt" | wc -l)
[ "$n_in" = "$n_out" ] && ok "normalize: one output line per input line ($n_out)" || fail "normalize line count: $n_in in, $n_out out"
out=$(printf 'an\n\nba\n' | "$BIN" normalize)
[ "$out" = $'an\n\nba' ] && ok "normalize: empty lines stay empty" || fail "normalize empty lines" "$out"
# flushed line by line: the first answer comes before the input ends
out=$( { echo "VNPT"; sleep 2; echo "UBND"; } | timeout 10 "$BIN" normalize | { IFS= read -r first; echo "$first"; } )
[ "$out" = "vê en pê tê" ] && ok "normalize: answers line by line in a pipe" || fail "normalize streaming" "$out"
check "--version: docbao and a version number" sh -c "'$BIN' --version | grep -qx 'docbao [0-9][0-9.]*'"
check "--help: usage and the commands" sh -c "'$BIN' --help > '$TMP/help.txt' && grep -q '^usage: docbao' '$TMP/help.txt' && grep -q 'normalize' '$TMP/help.txt' && grep -q 'speak' '$TMP/help.txt'"
out=$("$BIN" normalize --bogus 2>&1); rc=$?
[ $rc -ne 0 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && ok "unknown option: one line, exit $rc" || fail "unknown option" "$out"
out=$("$BIN" frobnicate 2>&1); [ $? -ne 0 ] && ok "unknown command is an error" || fail "unknown command" "$out"
out=$("$BIN" normalize --rate 20 2>&1); [ $? -ne 0 ] && ok "--rate out of range is an error" || fail "--rate 20" "$out"
printf 'key\tkind\treading\tcontext\nUBND\texpand\tủy ban nhân dân thành phố\t\n' > "$TMP/user.tsv"
out=$(echo "UBND tỉnh" | "$BIN" normalize --lexicon "$TMP/user.tsv")
[ "$out" = "ủy ban nhân dân thành phố tỉnh" ] && ok "--lexicon overrides the bundled entry" || fail "--lexicon" "$out"
out=$(echo "2.000 đồng" | "$BIN" normalize --dialect south)
[ "$out" = "hai ngàn đồng" ] && ok "--dialect south says ngàn" || fail "--dialect south" "$out"
out=$(echo "105" | "$BIN" normalize --voice south)
[ "$out" = "một trăm lẻ năm" ] && ok "the south voice says lẻ" || fail "--voice south" "$out"
printf 'key\tkind\treading\tcontext\nUBND\texpand\tủy ban\t\nUBND\texpand\tx\t\nX\tbogus\ty\t\nY\texpand\nHo\xcc\x80a\tword\tx\t\n' > "$TMP/badlex.tsv"
out=$("$BIN" lexicon check "$TMP/badlex.tsv" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "badlex.tsv:3: 'UBND' repeats the row of line 2" && echo "$out" | grep -q ":4: kind 'bogus'" \
    && echo "$out" | grep -q ":5: 2 cells" && echo "$out" | grep -q ":6: text is not in Unicode NFC" \
    && ok "lexicon check reports duplicates, bad rows and non-NFC text with file:line" || fail "lexicon check" "$out"
check "lexicon check passes the bundled abbreviations" "$BIN" lexicon check lexicon/abbreviations.tsv
# output for other engines: JSON Lines whose token offsets point at the token text, and SSML that parses
check "normalize --json: JSON Lines, offsets point at each token" python3 -c '
import json, subprocess, sys, unicodedata
src = open(sys.argv[1], encoding="utf-8").read().splitlines()
out = subprocess.run([sys.argv[2], "normalize", "--json", sys.argv[1]], capture_output=True, text=True, check=True).stdout
n = 0
for row in map(json.loads, out.splitlines()):
    line = src[row["line"] - 1].encode()   # offsets are bytes of the source line
    for t in row["tokens"]:
        assert line[t["start"]:t["end"]].decode() == t["text"] or t["class"] in ("punct", "and"), (t, row["line"])
        n += 1
assert n > 1000, n
' "$SHARED/samples/vnpt-quang-ngai-2021.txt" "$BIN"
# the spoken text is the same with or without token detail (plain runs of
# words are one span only when no one asks for the tokens)
cut -f3 tests/golden/*.tsv | grep -v '^input$' > "$TMP/golden-inputs.txt"
check "normalize and normalize --json speak the same words" python3 -c '
import json, subprocess, sys
src, binary = sys.argv[1], sys.argv[2]
plain = subprocess.run([binary, "normalize", src], capture_output=True, text=True, check=True).stdout.splitlines()
rows = subprocess.run([binary, "normalize", "--json", src], capture_output=True, text=True, check=True).stdout.splitlines()
lines = {}
for row in map(json.loads, rows):
    lines.setdefault(row["line"], []).append(row["spoken"])
n = 0
for k, spoken in lines.items():
    assert " ".join(s for s in spoken if s) == plain[k - 1], (k, spoken, plain[k - 1])
    n += 1
assert n > 1000, n
' "$TMP/golden-inputs.txt" "$BIN"
check "normalize --ssml: a well-formed SSML document" sh -c "'$BIN' normalize --ssml '$SHARED/samples/vnpt-quang-ngai-2021.txt' > '$TMP/ssml.xml' && python3 -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.stdin); assert len(d.getElementsByTagName(\"s\")) > 20' < '$TMP/ssml.xml'"
out=$(echo "Ngày 23/4/2005, năm 2021." | "$BIN" normalize --year-style short)
[ "$out" = "Ngày hai mươi ba tháng tư năm hai nghìn linh năm, năm hai nghìn hai mươi mốt." ] && ok "--year-style short" || fail "--year-style short" "$out"
printf 'description = broken\nrate = fast\n' > "$TMP/bad.voice"
out=$(echo x | "$BIN" normalize --voice "$TMP/bad.voice" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "bad.voice:2: rate must be a whole number from 80 to 450" && ok "a malformed voice profile: file:line message" || fail "bad voice" "$out"
check "voices lists three profiles" sh -c "'$BIN' voices | grep -c . | grep -qx 3"

# --- saved web pages: the words read from the page equal those of the article's plain text
for page in tests/html/*.html; do
    # (both runs must succeed: two equal error messages are no pass)
    a=$("$BIN" normalize "$page" 2>&1); ra=$?; b=$("$BIN" normalize "${page%.html}.txt" 2>&1); rb=$?
    [ $ra = 0 ] && [ $rb = 0 ] && [ -n "$a" ] && [ "$a" = "$b" ] && ok "HTML $(basename "$page"): same words as its plain text" || fail "HTML $page" "$(diff <(echo "$a") <(echo "$b") | head -10)"
done
out=$("$BIN" normalize --show-dropped tests/html/nested.html 2>&1 >/dev/null)
echo "$out" | grep -q "dropped (comment section): Bình luận" && echo "$out" | grep -q "dropped (related articles)" \
    && ok "--show-dropped names the comment section and the related list" || fail "--show-dropped" "$out"
n1=$("$BIN" normalize tests/html/nested.html | wc -w); n2=$("$BIN" normalize --keep-all tests/html/nested.html | wc -w)
[ "$n2" -gt "$n1" ] && ok "--keep-all keeps what is otherwise left out ($n1 -> $n2 words)" || fail "--keep-all ($n1 $n2)"
check "HTML from standard input with --html (asan)" sh -c "'$ASAN_BIN' normalize --html < tests/html/br.html > '$TMP/br.out' && grep -q 'hoa ban' '$TMP/br.out'"
"$BIN" speak -o "$TMP/page.wav" tests/html/article.html 2>/dev/null && [ "$(soxi -D "$TMP/page.wav" | cut -d. -f1)" -gt 10 ] \
    && ok "speak reads a saved page to audio" || fail "speak page.html"

# --- bad input: a clear message, a non-zero exit where nothing useful can be done
printf 'an\xffcư\n' > "$TMP/bad.txt"
out=$("$BIN" normalize "$TMP/bad.txt" 2>"$TMP/err"); rc=$?
grep -q "byte 2" "$TMP/err" && [ "$out" = "an cư" ] && ok "invalid UTF-8: reported with its byte offset, the rest read (exit $rc)" || fail "invalid UTF-8" "$out $(cat "$TMP/err")"
: > "$TMP/empty.txt"
out=$("$BIN" normalize "$TMP/empty.txt"); [ $? -eq 0 ] && [ -z "$out" ] && ok "empty file: empty output" || fail "empty normalize" "$out"
out=$("$BIN" speak -o "$TMP/empty.wav" "$TMP/empty.txt" 2>&1); rc=$?
[ $rc -ne 0 ] && [ ! -e "$TMP/empty.wav" ] && ! ls "$TMP"/empty.wav.tmp-* >/dev/null 2>&1 && ok "empty file: speak says so, writes nothing" || fail "empty speak (rc $rc)" "$out"
out=$("$BIN" normalize "$TMP/missing.txt" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "missing.txt" && ok "missing file named in the error" || fail "missing file" "$out"
head -c 3000 /bin/ls > "$TMP/binary.bin"
out=$("$BIN" speak -o "$TMP/bin.wav" "$TMP/binary.bin" 2>&1); rc=$?
[ $rc -ne 0 ] && [ ! -e "$TMP/bin.wav" ] && ! ls "$TMP"/bin.wav.tmp-* >/dev/null 2>&1 && echo "$out" | grep -q "not a text file" \
    && ok "binary file: refused, no output file left" || fail "binary file (rc $rc)" "$out"
out=$(echo "xin chào" | "$BIN" speak -o "$TMP/x.xyz" 2>&1); [ $? -ne 0 ] && [ ! -e "$TMP/x.xyz" ] && ok "unknown audio format refused before work" || fail "unknown format" "$out"
# every golden input with its digits shifted 1..9 (numbers no test has): read, asan clean
# (the real-news lines too: foreign words, toneless addresses, eSpeak-NG and the word tables on threads)
{ cut -f3 tests/golden/*.tsv; for f in tests/realnews/*.tsv; do [ "${f##*/}" = known-failures.tsv ] || tail -n +2 "$f" | cut -f4; done; } > "$TMP/inputs.txt"
for a in 1 2 3 4 5 6 7 8 9; do rot=0123456789; rot=${rot:$a}${rot:0:$a}; tr 0123456789 "$rot" < "$TMP/inputs.txt"; done > "$TMP/shifted.txt"
check "golden inputs with shifted digits: all read, asan+ubsan clean ($(wc -l < "$TMP/shifted.txt") lines)" sh -c "'$ASAN_BIN' normalize '$TMP/shifted.txt' > /dev/null"
# a file of some size is normalized on worker threads: the same text as one thread and as a pipe
cat "$TMP/shifted.txt" "$TMP/shifted.txt" "$TMP/shifted.txt" > "$TMP/big.txt"
"$BIN" normalize "$TMP/big.txt" > "$TMP/big.threads" 2>&1; r1=$?
DOCBAO_THREADS_OFF=1 "$BIN" normalize "$TMP/big.txt" > "$TMP/big.one" 2>&1; r2=$?
"$BIN" normalize < "$TMP/big.txt" > "$TMP/big.pipe" 2>&1; r3=$?
[ "$r1$r2$r3" = 000 ] && [ "$(stat -c %s "$TMP/big.txt")" -gt 262144 ] && [ -s "$TMP/big.one" ] && cmp -s "$TMP/big.threads" "$TMP/big.one" &&
    cmp -s "$TMP/big.pipe" "$TMP/big.one" && ok "a $(stat -c %s "$TMP/big.txt")-byte file: threads, one thread and a pipe read alike" ||
    fail "threaded normalization differs (exit $r1 $r2 $r3)" "$(diff "$TMP/big.one" "$TMP/big.threads" | head -5)"
check "the threaded normalizer under asan+ubsan runs clean" sh -c "'$ASAN_BIN' normalize '$TMP/big.txt' > /dev/null"
"$BIN" normalize "$TMP/big.txt" | head -3 > /dev/null; rc=${PIPESTATUS[0]}
[ "$rc" -lt 128 ] && ok "a reader that goes away stops the threaded normalizer (exit $rc)" || fail "closed pipe (exit $rc)"
head -c 300000 /dev/zero | tr '\0' '7' > "$TMP/digits.txt"
# (the exit status of the sanitized run itself: a status read after $(a | b) is b's)
out=$(timeout 60 "$ASAN_BIN" normalize "$TMP/digits.txt" 2>&1 > "$TMP/digits.out"); rc=$?
[ $rc = 0 ] && [ -s "$TMP/digits.out" ] && ok "a 300,000-digit line is read (asan clean, $(wc -c < "$TMP/digits.out") bytes)" || fail "huge number (exit $rc)" "$out"
printf '☃ ∑ ⊕ @@@ %%%% ### ~~~\n' > "$TMP/sym.txt"
check "unknown symbols do not crash (asan)" "$ASAN_BIN" normalize "$TMP/sym.txt"
# arbitrary bytes (seeded, so every run reads the same ones; no NUL, which
# stops the reader): capital pairs such as CA, whose only reading needs a cue,
# once crashed here
python3 -c 'import random, sys; r = random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(1, 256) for _ in range(1 << 20)))' > "$TMP/bytes.bin"
check "1 MB of random bytes: read with warnings, asan+ubsan clean" \
    sh -c "'$ASAN_BIN' normalize '$TMP/bytes.bin' > '$TMP/bytes.out' 2>/dev/null && test -s '$TMP/bytes.out'"
check "an abbreviation whose readings all need a cue, with none near (CA)" \
    sh -c "echo 'CA' | '$ASAN_BIN' normalize > '$TMP/ca.out' && grep -qx ca '$TMP/ca.out'"

# --- end to end: real audio from the sample article
wav=$TMP/article.wav
if "$BIN" speak -o "$wav" "$SHARED/samples/vnpt-quang-ngai-2021.txt" 2>"$TMP/err"; then
    rate=$(soxi -r "$wav"); ch=$(soxi -c "$wav"); dur=$(soxi -D "$wav"); bits=$(soxi -b "$wav")
    words=$("$BIN" normalize "$SHARED/samples/vnpt-quang-ngai-2021.txt" | wc -w)
    rms=$(sox "$wav" -n stat 2>&1 | awk '/RMS +amplitude/{print $3}')
    [ "$rate" = 22050 ] && [ "$ch" = 1 ] && [ "$bits" = 16 ] && ok "article WAV: 22050 Hz mono 16-bit" || fail "WAV header: $rate Hz, $ch ch, $bits bits"
    awk -v d="$dur" -v w="$words" 'BEGIN{r=w/d; exit !(r > 1.5 && r < 5)}' && ok "article WAV: ${dur}s for $words spoken words" || fail "duration ${dur}s does not fit $words words"
    awk -v r="$rms" 'BEGIN{exit !(r > 0.02)}' && ok "article WAV is not silent (RMS $rms)" || fail "article WAV silent (RMS $rms)"
else
    fail "speak -o article.wav" "$(cat "$TMP/err")"
fi
# the user's path: everything above runs with DOCBAO_STRICT=1 (a span no rule
# can read is an error); a user has no DOCBAO_STRICT, and such a span is read by
# the fallback: the bundled article spoken to a WAV that way
if out=$(env -u DOCBAO_STRICT "$BIN" speak -o "$TMP/user.wav" samples/bac-ninh-2024.txt 2>&1); then
    rate=$(soxi -r "$TMP/user.wav" 2>&1); dur=$(soxi -D "$TMP/user.wav" 2>&1)
    words=$(env -u DOCBAO_STRICT "$BIN" normalize samples/bac-ninh-2024.txt | wc -w)
    rms=$(sox "$TMP/user.wav" -n stat 2>&1 | awk '/RMS +amplitude/{print $3}')
    awk -v r="$rate" -v d="$dur" -v w="$words" -v a="${rms:-0}" 'BEGIN{exit !(r == 22050 && d > 0 && w / d > 1.5 && w / d < 5 && a > 0.02)}' \
        && ok "without DOCBAO_STRICT: speak -o of samples/bac-ninh-2024.txt, $rate Hz, ${dur}s for $words words, RMS $rms" \
        || fail "without DOCBAO_STRICT: speak -o ($rate Hz, ${dur}s for $words words, RMS ${rms:-?})"
else
    fail "without DOCBAO_STRICT: speak -o samples/bac-ninh-2024.txt" "$out"
fi
# the file is written atomically: an interrupted run leaves nothing
yes "Ngày 23/4/2021 UBND tỉnh Quảng Ngãi và VNPT ký kết thỏa thuận hợp tác." | head -20000 > "$TMP/long.txt"
"$BIN" speak -o "$TMP/long.wav" "$TMP/long.txt" 2>/dev/null & pid=$!
sleep 1; kill -INT $pid; wait $pid; rc=$?
[ ! -e "$TMP/long.wav" ] && ! ls "$TMP"/long.wav.tmp-* >/dev/null 2>&1 && [ $rc -ne 0 ] && ok "Ctrl-C while writing leaves no file (exit $rc)" || fail "interrupted write left a file (rc $rc)"
# a file written over an old one: the new one whole in its place, the old one
# and the temporary gone, with the mode the umask gives (not mkstemp's 0600);
# a folder in the way is an error and stays as it was
echo "Một." > "$TMP/one-word.txt"; echo "Hai câu. Câu thứ hai dài hơn một chút." > "$TMP/two-words.txt"
(umask 022 && "$BIN" speak -o "$TMP/over.wav" --subtitles "$TMP/over.srt" "$TMP/one-word.txt" 2>/dev/null &&
 "$BIN" speak -o "$TMP/over.wav" --subtitles "$TMP/over.srt" "$TMP/two-words.txt" 2>/dev/null)
"$BIN" speak -o "$TMP/over2.wav" "$TMP/two-words.txt" 2>/dev/null
mkdir -p "$TMP/dir.wav"; touch "$TMP/dir.wav/keep"
"$BIN" speak -o "$TMP/dir.wav" "$TMP/one-word.txt" 2>/dev/null; rc=$?
cmp -s "$TMP/over.wav" "$TMP/over2.wav" && [ "$(stat -c %a "$TMP/over.wav")" = 644 ] && [ "$(stat -c %a "$TMP/over.srt")" = 644 ] &&
    [ "$(grep -c -- '-->' "$TMP/over.srt")" = 2 ] && ! ls "$TMP"/over.*.tmp-* >/dev/null 2>&1 &&
    [ $rc -ne 0 ] && [ -e "$TMP/dir.wav/keep" ] && ! ls "$TMP"/dir.wav.tmp-* >/dev/null 2>&1 &&
    ok "a file written over an old one: the new one whole, mode 644 under umask 022, no temporary left; a folder in the way kept" ||
    fail "replacing a file (rc $rc)" "$(ls -la "$TMP" | grep -E 'over|dir')"
# a file is synthesized by two helper processes: the same for every run, as long
# as one process's rendering (eSpeak-NG's carry-over between sentences aside),
# and a helper that dies is an error with no file left, never a gap
art=$SHARED/samples/vnpt-quang-ngai-2021.txt
"$BIN" speak --loudness off -o "$TMP/pool1.wav" "$art" 2>/dev/null; "$BIN" speak --loudness off -o "$TMP/pool2.wav" "$art" 2>/dev/null
DOCBAO_THREADS_OFF=1 "$BIN" speak --loudness off -o "$TMP/one.wav" "$art" 2>/dev/null
s1=$(soxi -s "$TMP/pool1.wav" 2>/dev/null || echo 0); s0=$(soxi -s "$TMP/one.wav" 2>/dev/null || echo 1)
cmp -s "$TMP/pool1.wav" "$TMP/pool2.wav" && awk -v a="$s1" -v b="$s0" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(a>0 && d/b < 0.005)}' &&
    ok "two synthesis helpers: the same file each run, within 0.5% of one process ($s1 / $s0 frames)" ||
    fail "synthesis helpers ($s1 / $s0 frames)"
if command -v pkill >/dev/null; then   # procps (scripts/install-deps.sh); a minbase Debian has none
"$BIN" speak -o "$TMP/killed.wav" "$TMP/long.txt" 2>"$TMP/killed.err" & pid=$!
sleep 1; pkill -KILL -P $pid; wait $pid; rc=$?
[ $rc -ne 0 ] && [ ! -e "$TMP/killed.wav" ] && ! ls "$TMP"/killed.wav.tmp-* >/dev/null 2>&1 && grep -q "helper" "$TMP/killed.err" &&
    ok "a synthesis helper killed: an error, no file (exit $rc)" || fail "killed helper (rc $rc)" "$(cat "$TMP/killed.err")"
else fail "killed helper: cannot run, no pkill here (install procps: scripts/install-deps.sh)"; fi
for fmt in flac ogg mp3; do
    out=$(echo "Hà Nội, ngày 23/4/2021." | "$BIN" speak -o "$TMP/short.$fmt" 2>&1)
    d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$TMP/short.$fmt" 2>/dev/null)
    awk -v d="${d:-0}" 'BEGIN{exit !(d > 1)}' && ok "$fmt file decodes (${d}s)" || fail "$fmt file" "$out"
done
# broadcast files: resampled, loudness normalized, checked by an independent meter (ffmpeg ebur128)
lufs() { ffmpeg -nostats -i "$1" -af ebur128=peak=true -f null - 2>&1 | tail -12 | awk '/ I:/{i=$2} /Peak:/{p=$2} END{print i, p}'; }
"$BIN" speak -o "$TMP/raw.wav" --loudness off samples/bac-ninh-2024.txt 2>/dev/null
raw=$(soxi -D "$TMP/raw.wav")
for spec in "48000 -16 wav" "16000 -23 flac" "44100 -23 mp3" "24000 -16 ogg" "48000 -23 opus"; do
    set -- $spec
    f=$TMP/m$1$2.$3
    out=$("$BIN" speak -o "$f" --sample-rate $1 --loudness $2 samples/bac-ninh-2024.txt 2>&1)
    read -r i p <<< "$(lufs "$f")"
    r=$(ffprobe -v error -select_streams a -show_entries stream=sample_rate -of csv=p=0 "$f")
    d=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f")
    awk -v i="$i" -v p="$p" -v t="$2" -v d="$d" -v raw="$raw" -v r="$r" -v want="$1" \
        'BEGIN{exit !(i >= t - 0.5 && i <= t + 0.5 && p <= -0.9 && d > raw * 0.97 && d < raw * 1.03 && r == want)}' \
        && ok "$3 at $1 Hz, $2 LUFS: measured $i LUFS, true peak $p dBTP, ${d}s" || fail "$3 $1 $2: I=$i peak=$p rate=$r dur=$d (raw $raw)" "$out"
done
out=$(echo "xin chào" | "$BIN" speak -o "$TMP/x.opus" 2>&1); [ $? -ne 0 ] && [ ! -e "$TMP/x.opus" ] && echo "$out" | grep -q 24000 && ok "Opus at 22050 Hz refused before work, naming the rates it needs" || fail "opus rate" "$out"
# -o - writes the file to standard output, for pipes
d=$(echo "Hà Nội, ngày 23/4/2021." | "$BIN" speak -o - --format flac 2>/dev/null | ffprobe -v error -show_entries format=duration -of csv=p=0 - 2>/dev/null)
awk -v d="${d:-0}" 'BEGIN{exit !(d > 1)}' && ok "speak -o - --format flac: a whole FLAC on standard output (${d}s)" || fail "-o -" "$d"
# subtitles: cues in order, not overlapping, inside the audio; metadata in the file
"$BIN" speak -o "$TMP/sub.flac" --subtitles "$TMP/sub.srt" --title "Tin Bắc Ninh" --artist docbao --date 2024-04-15 samples/bac-ninh-2024.txt 2>/dev/null
"$BIN" speak -o "$TMP/sub.wav" --subtitles "$TMP/sub.vtt" samples/bac-ninh-2024.txt 2>/dev/null
check "subtitles (.srt and .vtt): a cue per sentence, in order, within the audio" python3 -c '
import re, subprocess, sys
dur = float(subprocess.run(["soxi", "-D", sys.argv[1]], capture_output=True, text=True).stdout)
for path, sep in ((sys.argv[2], ","), (sys.argv[3], ".")):
    text = open(path, encoding="utf-8").read()
    assert path.endswith(".srt") or text.startswith("WEBVTT\n"), path
    t = lambda s: sum(float(x) * m for x, m in zip(s.replace(sep, ".").split(":"), (3600, 60, 1)))
    cues = [(t(a), t(b)) for a, b in re.findall(r"(\S+) --> (\S+)", text)]
    assert len(cues) > 20, len(cues)
    last = 0
    for a, b in cues:
        assert last <= a < b <= dur + 0.01, (a, b, last, dur)
        last = b
assert "Sáng 12/4, tại TP. Bắc Ninh" in open(sys.argv[2], encoding="utf-8").read()   # the written text, not the spoken form
' "$TMP/sub.flac" "$TMP/sub.srt" "$TMP/sub.vtt"
tags=$(ffprobe -v error -show_entries format_tags=title,artist,date -of compact "$TMP/sub.flac" 2>&1)
[ "$tags" = "format|tag:title=Tin Bắc Ninh|tag:artist=docbao|tag:date=2024-04-15" ] && ok "title, artist, date written as metadata" || fail "metadata" "$tags"
out=$(echo x | "$BIN" speak -o "$TMP/p.wav" --pitch 120 2>&1); [ $? -eq 2 ] && [ ! -e "$TMP/p.wav" ] && ok "--pitch out of range is refused" || fail "--pitch 120" "$out"
# batch production: one file per article, skip what is up to date, failures listed, shards
B=$TMP/batch; mkdir -p "$B/in/sub"
cp samples/bac-ninh-2024.txt "$B/in/bacninh.txt"
for k in 1 2 3 4 5 6; do echo "Bản tin số $k: ngày $k/5/2024, UBND tỉnh họp lúc 8h30." > "$B/in/tin$k.txt"; done
echo "UBND xã họp." > "$B/in/sub/tin1.txt"
: > "$B/in/empty.txt"
out=$("$BIN" batch -o "$B/out" --subtitles srt "$B/in" 2>&1); rc=$?
nwav=$(ls "$B/out"/*.wav 2>/dev/null | wc -l)
[ $rc -eq 1 ] && [ "$nwav" = 8 ] && echo "$out" | grep -q "failed: $B/in/empty.txt: nothing to speak" \
    && grep -q '"'"$B/in/tin3.txt"'","tin3.wav",done,' "$B/out/manifest.csv" && [ -s "$B/out/tin3.srt" ] \
    && ok "batch: 8 articles written with subtitles, the empty one failed and listed, manifest" || fail "batch run (rc $rc, $nwav wav)" "$out"
out=$("$BIN" batch -o "$B/out" --subtitles srt "$B/in" 2>&1)
echo "$out" | grep -q "0 written, 8 up to date, 1 failed" && ok "batch: a second run skips what is up to date" || fail "batch rerun" "$out"
echo "Bản tin số 2 đã sửa." > "$B/in/tin2.txt"
out=$("$BIN" batch -o "$B/out" --subtitles srt "$B/in" 2>&1)
echo "$out" | grep -q "1 written, 7 up to date" && ok "batch: an edited article is redone" || fail "batch after edit" "$out"
out=$("$BIN" batch -o "$B/out" --subtitles srt --force "$B/in" 2>&1)
echo "$out" | grep -q "8 written, 0 up to date" && ok "batch --force redoes everything" || fail "batch --force" "$out"
check "batch: 3 shards cover every article exactly once" sh -c '
for k in 1 2 3; do "$1" batch -o "$2/shard$k" --shard $k/3 "$2/in" >/dev/null 2>&1; ls "$2/shard$k" | grep "\.wav$"; done | sort > "$2/shards.txt"
ls "$2/out" | grep "\.wav$" | sort > "$2/all.txt"
cmp -s "$2/shards.txt" "$2/all.txt"' sh "$BIN" "$B"
for k in $(seq 1 12); do cp samples/bac-ninh-2024.txt "$B/in/long$k.txt"; done
"$BIN" batch -o "$B/int" -j 2 "$B/in" >/dev/null 2>&1 & pid=$!
sleep 1.5; kill -INT $pid 2>/dev/null; wait $pid; rc=$?
bad=0; for f in "$B/int"/*.wav; do [ -e "$f" ] || continue; soxi -D "$f" >/dev/null 2>&1 || bad=1; done
left=$(ls "$B/int" | grep -c "tmp-")
[ $rc -eq 130 ] && [ -d "$B/int" ] && [ $bad = 0 ] && [ "$left" = 0 ] && ok "batch: Ctrl-C leaves only complete files (exit 130)" || fail "batch interrupt (rc $rc, bad $bad, temp $left)"
# playback through the ALSA file device: what was played equals what was synthesized
mkdir -p "$TMP/play" && cp tests/alsa-file.conf "$TMP/play/"
text="Tập đoàn VNPT và UBND tỉnh Quảng Ngãi ký kết thỏa thuận hợp tác về VT-CNTT giai đoạn 2021 - 2025"
( cd "$TMP/play" && echo "$text" | ALSA_CONFIG_PATH=$TMP/play/alsa-file.conf "$BIN" speak ) 2>"$TMP/err"
echo "$text" | "$BIN" speak -o "$TMP/play/ref.wav" --loudness off 2>/dev/null
sox "$TMP/play/ref.wav" -t raw "$TMP/play/ref.raw" 2>/dev/null
if [ -s "$TMP/play/played.raw" ] && cmp -s "$TMP/play/played.raw" "$TMP/play/ref.raw"; then
    ok "playback: the device got exactly the synthesized samples ($(stat -c %s "$TMP/play/played.raw") bytes)"
else
    fail "playback differs from synthesis" "$(ls -l "$TMP/play"; cat "$TMP/err")"
fi
# speech-dispatcher: run the exact command line of speech-dispatcher/docbao-generic.conf, as
# sd_generic does (sh -c, $DATA $VOICE $RATE $PITCH filled in), into the ALSA file device
cmdline=$(sed -n '/^GenericExecuteSynth/,/"$/p' speech-dispatcher/docbao-generic.conf | sed -n 's/^"\(.*\)"$/\1/p' | sed "s|@BINDIR@|$(dirname "$BIN")|")
cmdline=${cmdline//\\\'/\'}
DATA="Ngày 23/4/2021, UBND tỉnh Quảng Ngãi họp." VOICE=north RATE=$((0 * 185 / 100 + 265)) PITCH=50
run=${cmdline//\$DATA/$DATA}; run=${run//\$VOICE/$VOICE}; run=${run//\$RATE/$RATE}; run=${run//\$PITCH/$PITCH}
rm -f "$TMP/play/played.raw"
( cd "$TMP/play" && ALSA_CONFIG_PATH=$TMP/play/alsa-file.conf sh -c "$run" ) 2>"$TMP/err"
[ -s "$TMP/play/played.raw" ] && ok "speech-dispatcher module command line speaks ($(stat -c %s "$TMP/play/played.raw") bytes played): $run" \
    || fail "speech-dispatcher command line" "$run $(cat "$TMP/err")"
# the terminal player, driven for real through tmux: show, next, pause (no audio while paused), back,
# next again and on through the pauses, quit; what it played (ALSA file device) is cut into pieces of
# the same text rendered to a file (tests/player-audio.py): each key that moves starts a piece
if command -v tmux >/dev/null; then
    P=$TMP/player; mkdir -p "$P"; cp tests/alsa-file.conf "$P/"
    TSOCK=docbao-test-$$  # a socket of this run: runs side by side do not share a server
    tmux -L "$TSOCK" kill-server 2>/dev/null
    # tmux needs a pseudo-terminal; where none can be opened (a chroot without /dev/pts)
    # root makes one: a devpts instance of its own in a private mount namespace
    run_tmux() { tmux -L "$TSOCK" new-session -d -s p -x 160 -y 10 "$1"; }
    if ! python3 -c 'import os; os.openpty()' 2>/dev/null && [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
        run_tmux() { unshare -m --propagation unchanged sh -c 'mount --make-rprivate /dev &&
            mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts /dev/pts && mount --bind /dev/pts/ptmx /dev/ptmx &&
            exec tmux -L "$2" new-session -d -s p -x 160 -y 10 "$1"' sh "$1" "$TSOCK"; }
    fi
    key() { tmux -L "$TSOCK" send-keys -t p "$1"; sleep "$2"; }
    screen() { tmux -L "$TSOCK" capture-pane -p -t p; }
    size() { stat -c %s "$P/played.raw" 2>/dev/null || echo none; }
    if ! tmux_err=$(run_tmux "cd '$P' && ALSA_CONFIG_PATH='$P/alsa-file.conf' '$BIN' speak '$ROOT/samples/bac-ninh-2024.txt'; echo EXIT=\$? > '$P/exit'; sleep 5" 2>&1); then
        fail "player: cannot run, tmux could not start (it needs a pseudo-terminal: devpts on /dev/pts, or root and unshare to make one)" "$tmux_err"
    else
    sleep 2; s1=$(screen)
    key Right 0.5; s2=$(screen)
    key ' ' 0.7; s3=$(screen); b1=$(size); sleep 1; b2=$(size)
    key ' ' 0.7; b3=$(size)
    key Left 0.5; s4=$(screen)
    key Right 8; s5=$(screen)
    key q 1; b4=$(size); sleep 0.5; b5=$(size)
    tmux -L "$TSOCK" kill-server 2>/dev/null
    echo "$s1" | grep -q "^\[1+\] Bắc Ninh đẩy mạnh" && ok "player shows the sentence being read" || fail "player display" "$s1"
    echo "$s2" | grep -q "^\[2+\] Minh Anh" && ok "player: → goes to the next sentence" || fail "player next" "$s2"
    echo "$s3" | grep -q "(paused) Minh Anh" && [ "$b1" = "$b2" ] && [ "$b3" -gt "$b2" ] 2>/dev/null \
        && ok "player: space pauses (no audio for 1 s) and resumes" || fail "player pause ($b1 $b2 $b3)" "$s3"
    echo "$s4" | grep -q "^\[1+\] Bắc Ninh" && ok "player: ← goes back a sentence" || fail "player back" "$s4"
    echo "$s5" | grep -q "^\[3+\] Sáng 12/4" && ok "player: plays on to the next paragraph" || fail "player on" "$s5"
    grep -q "EXIT=0" "$P/exit" 2>/dev/null && [ "$b4" = "$b5" ] && ok "player: q quits at once, cleanly" ||
        fail "player quit ($b4 $b5)" "$(cat "$P/exit" 2>/dev/null || echo "the player had not ended 1 s after q")"
    DOCBAO_THREADS_OFF=1 "$BIN" speak -o "$P/ref.wav" --loudness off --subtitles "$P/ref.srt" samples/bac-ninh-2024.txt 2>/dev/null
    sox "$P/ref.wav" -t raw "$P/ref.raw" 2>/dev/null
    # the starts of cues 2 and 3 in seconds, and the pieces played: "start length" each
    cue() { sed -n "/^$1\$/{n;p}" "$P/ref.srt" | awk -F'[:, ]' '{print $1*3600 + $2*60 + $3 + $4/1000}'; }
    t2=$(cue 2); t3=$(cue 3)
    pieces=$(python3 tests/player-audio.py "$P/played.raw" "$P/ref.raw" "$(soxi -r "$P/ref.wav")" 2>&1)
    stat=$(sox -t raw -r "$(soxi -r "$P/ref.wav")" -e signed -b 16 -c 1 "$P/played.raw" -n stat 2>&1)
    secs=$(echo "$stat" | awk '/^Length/ {print $3}'); amp=$(echo "$stat" | awk '/^Maximum amplitude/ {print $3}')
    awk -v s="$secs" -v a="$amp" 'BEGIN {exit !(s > 9 && s < 14 && a > 0.1)}' \
        && ok "player: played $secs s of audio, not silent (peak $amp)" || fail "player audio ($secs s, peak $amp)" "$stat"
    echo "$pieces" | awk -v t2="$t2" -v t3="$t3" 'function near(x, y) {return x - y < 0.01 && y - x < 0.01}
        {s[NR] = $1; l[NR] = $2} END {exit !(NR == 4 && near(s[1], 0) && l[1] > 1 && l[1] < 4 && near(s[2], t2) &&
        l[2] > 0.5 && l[2] < 3 && near(s[3], 0) && l[3] > 0.1 && l[3] < 2 && near(s[4], t2) && s[4] + l[4] > t3 + 0.3)}' \
        && ok "player: the audio played is the rendering's: → skips to the next sentence, ← replays the kept one, the pauses as rendered" \
        || fail "player audio pieces (cue 2 at $t2 s, cue 3 at $t3 s; start length of each piece):" "$pieces"
    fi
else
    skip "player driven through tmux: show, next, pause, back, on, quit, its audio (no tmux; scripts/install-deps.sh installs it)"
fi
out=$(echo "xin chào" | env -u ALSA_CONFIG_PATH "$BIN" speak 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "speak played on this machine's sound device"
elif [ $rc -eq 1 ] && echo "$out" | grep -q -- "-o FILE"; then ok "no audio device: a clear message that suggests -o"
    skip "speak played on this machine's sound device (no sound device)"
else fail "no device message (rc $rc)" "$out"; fi
check "speak under asan+ubsan (short text to a file)" sh -c "echo 'Ngày 23/4/2021, UBND tỉnh họp.' | '$ASAN_BIN' speak -o '$TMP/asan.wav'"

# --- resource bounds: memory stays flat on pathological input
# peak resident KB of a run that exits 0; nothing (so the check fails) when it does not
peak() { /usr/bin/time -f '%x %M' "$@" 2>&1 >/dev/null | tail -1 | awk '$1 == 0 {print $2}'; }
head -c 10000000 /dev/zero | tr '\0' 'a' | sed 's/aaaa/ba /g' | tr -d '\n' > "$TMP/longline.txt"
kb=$(peak "$BIN" normalize "$TMP/longline.txt")
[ "${kb:-999999}" -lt 60000 ] && ok "a 10 MB line without punctuation: peak memory ${kb} KB" || fail "10 MB line: ${kb} KB"
cut -f3 tests/golden/*.tsv > "$TMP/g.txt"; while [ "$(stat -c %s "$TMP/g.txt")" -lt 1048576 ]; do cat "$TMP/g.txt" "$TMP/g.txt" > "$TMP/g2.txt"; mv "$TMP/g2.txt" "$TMP/g.txt"; done
for k in $(seq 1 50); do cat "$TMP/g.txt"; done | head -c 52428800 > "$TMP/50mb.txt"
kb1=$(peak "$BIN" normalize "$TMP/g.txt"); kb50=$(peak "$BIN" normalize "$TMP/50mb.txt")
[ -n "$kb1" ] && [ "${kb50:-999999}" -lt $(( ${kb1:-0} + 8000 )) ] && ok "peak memory flat: ${kb1} KB for 1 MB, ${kb50} KB for 50 MB" || fail "memory grows: ${kb1} KB -> ${kb50} KB"
rm -f "$TMP/50mb.txt"
head -c 100000 /dev/zero | tr '\0' '9' > "$TMP/digits100k.txt"
out=$("$BIN" normalize "$TMP/digits100k.txt" | wc -w)
[ "$out" -ge 100000 ] && ok "a 100,000-digit number is read digit by digit ($out words)" || fail "100k digits ($out words)"
{ echo "<html><body>"; for i in $(seq 1 100000); do printf '<div>'; done; echo "<p>Hà Nội ngày 23/4/2021.</p></body></html>"; } > "$TMP/nested.html"
kb=$(peak "$BIN" normalize "$TMP/nested.html")
out=$("$BIN" normalize "$TMP/nested.html" 2>&1); rc=$?
[ "${kb:-999999}" -lt 500000 ] && [ $rc -eq 0 ] && ok "100,000 nested divs: finishes (exit 0, peak ${kb} KB)" || fail "nested html rc $rc, ${kb} KB" "$out"

# --- make install, pkg-config, the library example from the README, the man page
if make -s install PREFIX="$TMP/inst" SYSCONFDIR="$TMP/inst/etc" >"$TMP/install.log" 2>&1; then
    export PKG_CONFIG_PATH="$TMP/inst/lib/pkgconfig"
    if cc tests/example.c $(pkg-config --cflags --libs docbao) -o "$TMP/example" 2>"$TMP/cc.log" \
        && out=$(LD_LIBRARY_PATH="$TMP/inst/lib" "$TMP/example") \
        && [ "$out" = "Đại hội mười ba diễn ra từ ngày hai mươi lăm tháng một đến ngày một tháng hai năm hai nghìn không trăm hai mươi mốt." ]; then
        ok "installed library: the README example builds with pkg-config and reads right"
    else
        fail "installed library example" "$(cat "$TMP/cc.log") $out"
    fi
    others=$(nm -D --defined-only "$TMP/inst/lib/libdocbao.so" | awk '$2 == "T" && $3 !~ /^docbao_/ {print $3}')
    [ -z "$others" ] && nm -D --defined-only "$TMP/inst/lib/libdocbao.so" | grep -q ' T docbao_new$' && ok "the shared library exports docbao_ calls alone ($(nm -D --defined-only "$TMP/inst/lib/libdocbao.so" | grep -c ' T docbao_'))" \
        || fail "libdocbao.so exports other symbols" "$(echo $others | head -c 400)"
    out=$(echo "UBND" | "$TMP/inst/bin/docbao" normalize)
    [ "$out" = "ủy ban nhân dân" ] && [ -f "$TMP/inst/share/man/man1/docbao.1" ] && [ -f "$TMP/inst/etc/speech-dispatcher/modules/docbao-generic.conf" ] \
        && grep -q "$TMP/inst/bin/docbao speak" "$TMP/inst/etc/speech-dispatcher/modules/docbao-generic.conf" \
        && ok "installed command finds its data; man page and speech-dispatcher module installed" || fail "installed command" "$out"
else
    fail "make install" "$(cat "$TMP/install.log")"
fi

# --- valgrind memcheck over the end-to-end synthesis (no errors, no definite leaks)
if command -v valgrind >/dev/null; then
    check "valgrind: speak -o (normalize, respell, synthesize, loudness, file) clean" bash -c \
        "head -3 samples/bac-ninh-2024.txt | valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect '$BIN' speak -o '$TMP/vg.wav' --sample-rate 48000"
else
    skip "valgrind: speak -o clean (no valgrind; scripts/install-deps.sh installs it)"
fi

# --- fuzz harnesses (libFuzzer): every seed and every kept crash input once
# (its lines counted here: a harness is ok, FAIL or skip, as is a missing clang)
fuzz_out=$(tests/fuzz.sh 0 2>&1); rc=$?
forward < <(printf '%s\n' "$fuzz_out" | sed 's/^\(ok   \|FAIL \|skip \)/\1fuzz.sh 0: /; s/^[0-9]* passed, /fuzz.sh 0: &/')
{ [ $rc -eq 0 ] || printf '%s\n' "$fuzz_out" | grep -q '^FAIL '; } && printf '%s\n' "$fuzz_out" | grep -q -E '^(ok|skip) ' \
    || fail "tests/fuzz.sh 0: exit $rc, no harness reported" "$(printf '%s\n' "$fuzz_out" | tail -20)"
printf '\xEF\xBB\xBFkey\tkind\treading\tcontext\nUBND\texpand\tủy ban thử\t\n' > "$TMP/bom.tsv"
out=$(echo UBND | "$BIN" normalize --lexicon "$TMP/bom.tsv" 2>&1)
[ "$out" = "ủy ban thử" ] && ok "a lexicon saved with a byte order mark loads" || fail "BOM lexicon" "$out"

# --- docbao serve: servers on loopback, curl, 200 concurrent requests, headless Chromium (its lines counted here)
forward < <(DOCBAO_BIN="$BIN" tests/serve.sh)

echo "$passed passed, $failed failed, $skipped skipped, $known known"
[ $failed -eq 0 ]
