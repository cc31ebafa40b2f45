#!/usr/bin/env python3
"""make-words.py — builds lexicon/words.tsv, the word list with frequencies that
src/text/tones.c uses to put the tones back on toneless Vietnamese (dichvucong →
dịch vụ công). Not run by the build: the sources are not in the repository.

Sources (see lexicon/README.md for the licences):
  --words DIR   Hồ Ngọc Đức's word lists Viet11K/22K/39K/74K.txt (GPL; as in
                github.com/duyet/vietnamese-wordlist)
  --vtb FILE    the UD Vietnamese-VTB treebank, train+dev+test .conllu
                concatenated (CC BY-SA 4.0; news text, words segmented)
  --subs FILE   hermitdave/FrequencyWords content/2018/vi/vi_full.txt
                (CC BY-SA 4.0; OpenSubtitles 2018 syllable counts)
  --rhymes FILE lexicon/rhymes.tsv (the syllable grammar's rhymes)
  --english FILE, --english-out FILE
                hermitdave/FrequencyWords content/2018/en/en_50k.txt (CC BY-SA
                4.0): the English words of 3 letters or more whose letters can
                all be cut into toneless Vietnamese syllables (camera, radio,
                online) go to --english-out, lexicon/english.tsv, with their
                rate times ENGLISH_SHARE on the same scale: tones.c refuses a
                string whose likeliest reading is English.

Counts are per 10 million syllables of text (integers, at least 1):
  one syllable: 0.6 × its rate in the news treebank + 0.4 × its rate in the
                subtitles (news weighs more: it is the reading we want);
  a word of 2-4 syllables: its rate in the treebank (as a word), plus a prior
                for being in the word list, larger for the smaller (more
                common) lists: 11K 4, 22K 2, 39K 1, 74K 0.5 per million;
  EXTRA below: names the news and its web addresses use (provinces, cities,
                papers, offices) that the lists lack, written for this project.
"""
import argparse
import collections
import re
import sys
import unicodedata

ONSETS = ["ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d",
          "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"]
TONES = {"\u0300": 1, "\u0301": 2, "\u0303": 4, "\u0309": 3, "\u0323": 5}
SCALE = 10_000_000

# Names and words of Vietnamese web addresses missing from the lists, with a
# count per million (times 10 on the file's scale). Provinces and cities,
# papers, offices, frequent news words the lists rank low. "báo", "bộ", "sở"
# alone: a paper's site is báo + its name (baoquangninh), a ministry's bộ + its
# field (boyte), a department's sở + its field (sotuphap), so in addresses these
# syllables are far likelier than bảo/bao, bố/bỏ, số/sổ. "việt" alone: the Việt
# of Việt Nam and người Việt that names sites (vietbao, vietgiaitri, tiengviet),
# far likelier there than viết, which is as common in running text.
EXTRA = """
báo 15000|bộ 15000|sở 15000|việt 1500|trong nước 60|tổng cục thuế 20|hội liên hiệp 20
ủy ban nhân dân 60|hội đồng nhân dân 40|ủy ban 200|hội đồng 150|bóng đá 120|doanh nhân 60|điện ảnh 40
lịch sử 150|đại đoàn kết 20|đoàn kết 60|hiến máu 20|biển đảo 30|tết nguyên đán 20|giá vàng 20
tổng giám đốc 40|giám đốc 150|thủ tướng 150|chủ tịch 200|bộ trưởng 150|thứ trưởng 60|tỉnh ủy 60
thành ủy 40|thành đoàn 20|tỉnh đoàn 15|quốc phòng 80|ngoại giao 60|tài chính 150|công thương 30
nội vụ 30|tư pháp 40|y tế 150|khoa học 120|công nghệ 150|xây dựng 200|vận tải 40|thông tin 200
truyền thông 80|phát thanh 30|truyền hình 60|đài truyền hình 20|tiếng nói 20|việt nam 2000
học sinh 150|sinh viên 120|giáo viên 80|đại học 150|tốt nghiệp 60|kỳ thi 60|điểm chuẩn 20
động đất 20|mưa lũ 30|bão lũ 20|nắng nóng 20|thời trang 40|âm nhạc 60|sân khấu 20|du học 20
trung thu 20|hoàng sa 20|trường sa 20|điện biên phủ 20|nhà đất 20|đường sắt 30|cao tốc 40
phòng cháy 20|chữa cháy 30|cứu hộ 20|cứu nạn 20|người cao tuổi 20|trẻ em 120|người dân 300
việt nam 2000|hà nội 800|hồ chí minh 800|sài gòn 200|đà nẵng 200
hải phòng 150|cần thơ 100|huế 150|hà giang 60|cao bằng 60|lào cai 60|lạng sơn 60
tuyên quang 60|yên bái 60|thái nguyên 60|phú thọ 60|bắc giang 60|quảng ninh 80|bắc ninh 60
hải dương 60|hưng yên 60|hà nam 60|nam định 60|thái bình 60|ninh bình 60|hoà bình 60|sơn la 60
điện biên 60|lai châu 60|thanh hoá 80|nghệ an 80|hà tĩnh 60|quảng bình 60|quảng trị 60
thừa thiên huế 60|thừa thiên 40|quảng nam 60|quảng ngãi 60|bình định 60|phú yên 60|khánh hoà 60
ninh thuận 60|bình thuận 60|gia lai 60|lâm đồng 60|bình phước 60|tây ninh 60
bình dương 60|đồng nai 60|bà rịa 40|vũng tàu 60|bà rịa vũng tàu 40|long an 60|tiền giang 60
bến tre 60|trà vinh 60|vĩnh long 60|đồng tháp 60|an giang 60|kiên giang 60|hậu giang 60
sóc trăng 60|bạc liêu 60|cà mau 60|vĩnh phúc 60|đà lạt 80|hội an 60|hạ long 60|nha trang 80
phú quốc 60|sa pa 40|côn đảo 30|tây nguyên 60|cửu long 30
tây bắc 60|đông bắc 40|nam bộ 60|bắc bộ 60|trung bộ 40|miền trung 60|miền bắc 40|miền nam 40
tuổi trẻ 120|thanh niên 150|dân trí 60|nhân dân 300|lao động 200|tiền phong 40|người lao động 60
quân đội nhân dân 60|công an nhân dân 60|hà nội mới 40|báo mới 20|đời sống 60|pháp luật 120
an ninh 150|thủ đô 80|kinh tế đô thị 20|giáo dục thời đại 10|sức khoẻ đời sống 20|nông thôn mới 30
chính phủ 400|quốc hội 300|bộ công an 60|công an 300|dịch vụ công 40|dịch vụ 200|cổng thông tin 40
thư viện pháp luật 10|báo chí 80|đường dây nóng 30|đường dây 40|văn bản 80|công báo 10
đảng cộng sản 60|cộng sản 80|tạp chí 60|xây dựng đảng 20|tuyên giáo 20|mặt trận 60|tổ quốc 80
bảo hiểm xã hội 60|bảo hiểm 120|xã hội 300|thanh tra 60|toà án 80|kiểm sát 30|kiểm toán 30
nhà nước 300|ngân hàng 200|tổng cục 60|thuế 150|hải quan 40|thống kê 40|giao thông 150
nông nghiệp 120|môi trường 150|tài nguyên 60|thời tiết 60|thiên tai 40|dân tộc 80|thí sinh 60
tuyển sinh 60|du lịch 120|vô địch 60|thể thao 120|kinh doanh 120|giáo dục 150|sức khoẻ 100
thời sự 40|văn hoá 150|giải trí 40|bất động sản 60|chứng khoán 60|quốc tế 150|thế giới 200
tin tức 60|hỗ trợ 150|liên hệ 40|toà soạn 30|bạn đọc 40|quảng cáo 40|tư vấn 40|phản ánh 60
góp ý 30|tiếp dân 20|văn phòng 60|ban biên tập 20|biên tập 30|thư ký 40|tham nhũng 60
an toàn giao thông 20|an toàn 120|chuyển đổi số 30|chuyển đổi 60|tiêm chủng 30|chống dịch 40
bảo vệ 150|phụ nữ 120|công đoàn 40|cựu chiến binh 20|chữ thập đỏ 10|nông dân 80|hội nông dân 15
kết quả 150|xổ số 30|điểm thi 20|tra cứu 20|nộp thuế 20|điện tử 80|hoá đơn 30|căn cước 20
định danh 20|tài khoản 40|mật khẩu 15|đăng ký 80|đăng nhập 15|trang chủ 15|thông báo 80
việc làm 80|tuyển dụng 40|tiếp sức 15|mùa thi 15|ở nhà 60|yêu nước 30|cảm ơn 60|bác sĩ 80
mạng xã hội 60|an ninh mạng 20|không gian mạng 20|trực tuyến 40|trí tuệ nhân tạo 20|thương mại điện tử 20|ứng dụng 60
"""

SUPPLEMENT_NOTE = "project additions (scripts/make-words.py EXTRA)"


def nfc(s):
    return unicodedata.normalize("NFC", s)


def load_rhymes(path):
    out = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and line != "rhyme":
                out.add(line)
    return out


def split_tone(syl):
    """(toneless lowercase syllable, tone 0-5) or None for two tones/non-letters."""
    tone, keep = 0, []
    for ch in unicodedata.normalize("NFD", syl.lower()):
        if ch in TONES:
            if tone:
                return None
            tone = TONES[ch]
        elif ch.isalpha() or ch in "\u0302\u0306\u031b":
            keep.append(ch)
        else:
            return None
    return nfc("".join(keep)), tone


def is_syllable(syl, rhymes):
    st = split_tone(syl)
    if not st or not st[0]:
        return False
    base, tone = st
    onset = next((o for o in ONSETS if base.startswith(o) and len(base) > len(o)), "")
    rhyme = base[len(onset):]
    if onset == "gi" and rhyme not in rhymes:
        onset, rhyme = "g", base[1:]
    if rhyme not in rhymes:
        return False
    front = rhyme[0] in "ieê"
    if onset in ("k", "gh", "ngh") and not front and rhyme[0] != "y":
        return False
    if onset in ("c", "ng") and front:
        return False
    if re.search("(p|t|c|ch)$", rhyme) and tone not in (2, 5):
        return False
    return True


def place_tone(syl):
    """The project's tone placement: oà oè (as src/text/cleanup.c), ủy (not uỷ)."""
    st = split_tone(syl)
    if not st or not st[1]:
        return syl
    base, tone = st
    mark = [k for k, v in TONES.items() if v == tone][0]
    m = re.fullmatch("(.*?)(oa|oe|uy)", base)
    if not m or m.group(1).endswith("q") or (m.group(1).endswith("g") and m.group(2) == "uy"):
        return syl
    pre, rh = m.group(1), m.group(2)
    if rh in ("oa", "oe"):
        return nfc(pre + rh[0] + rh[1] + mark)
    return nfc(pre + "u" + mark + "y")


def norm_word(w):
    return " ".join(place_tone(s) for s in nfc(w).lower().split())


def vtb_counts(path):
    words, syls = collections.Counter(), collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) != 10 or not cells[0].isdigit():
                continue
            w = norm_word(cells[1].replace("_", " "))
            parts = w.split()
            if not parts:
                continue
            words[w] += 1
            for s in parts:
                syls[s] += 1
    return words, syls


def subs_counts(path):
    syls = collections.Counter()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                syls[norm_word(parts[0])] += int(parts[1])
    return syls


def word_lists(folder):
    tiers = {}
    for name, prior in (("Viet74K", 5), ("Viet39K", 10), ("Viet22K", 20), ("Viet11K", 40)):
        with open(f"{folder}/{name}.txt", encoding="utf-8") as f:
            for line in f:
                w = line.strip()
                if w and "-" not in w:
                    tiers[norm_word(w)] = prior  # smaller lists come last and win
    return tiers


def syllable_counts(vtb_syl, subs_syl, rhymes):
    na, nb = sum(vtb_syl.values()), sum(subs_syl.values())
    out = {}
    for s in set(vtb_syl) | set(subs_syl):
        if " " in s or not is_syllable(s, rhymes):
            continue
        rate = 0.6 * vtb_syl.get(s, 0) / na + 0.4 * subs_syl.get(s, 0) / nb
        out[s] = max(1, round(rate * SCALE))
    return out


ENGLISH_SHARE = 0.3  # how often an address's letters are an English word rather than Vietnamese


def toneless(w):
    s = unicodedata.normalize("NFD", w).replace("đ", "d").replace(" ", "")
    return "".join(c for c in unicodedata.normalize("NFD", s) if c.isascii())


def cuts_into(w, keys):
    """1 when w is a sequence of keys (toneless syllables)."""
    ok = [True] + [False] * len(w)
    for j in range(1, len(w) + 1):
        ok[j] = any(ok[i] and w[i:j] in keys for i in range(max(0, j - 8), j))
    return ok[len(w)]


SYLLABLE_DISCOUNT = 30


def english_rows(path, counts):
    syl_keys = {toneless(w) for w in counts if " " not in w}
    known = collections.Counter()  # the likeliest Vietnamese word of each toneless key
    for w, c in counts.items():
        # a syllable alone weighs a thirtieth of a word of several (the test
        # below is then 300 times): nguyen, tran, minh, viet are names in
        # English text, but song, chat, net, day stay English
        c = c if " " in w else c / SYLLABLE_DISCOUNT
        known[toneless(w)] = max(known[toneless(w)], c)
    rows, total = {}, 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) != 2 or not parts[1].isdigit():
                continue
            total += int(parts[1])
            w = parts[0].lower()
            if len(w) >= 3 and w.isascii() and w.isalpha() and cuts_into(w, syl_keys):
                rows[w] = rows.get(w, 0) + int(parts[1])
    scale = sum(counts.values()) * ENGLISH_SHARE / total
    # an English word ten times rarer than the Vietnamese word it spells is a
    # Vietnamese name in English text (vietnam, hanoi, saigon): left out
    return {w: max(1, round(c * scale)) for w, c in rows.items() if 10 * c * scale > known[w]}


def write_english(path, rows):
    with open(path, "w", encoding="utf-8") as out:
        out.write(ENGLISH_HEADER)
        out.write("word\tcount\n")
        for w in sorted(rows, key=lambda k: (-rows[k], k)):
            out.write(f"{w}\t{rows[w]}\n")


def main():
    ap = argparse.ArgumentParser()
    for a in ("words", "vtb", "subs", "rhymes", "english", "english-out"):
        ap.add_argument("--" + a, required=True)
    args = ap.parse_args()
    rhymes = load_rhymes(args.rhymes)
    vtb_w, vtb_s = vtb_counts(args.vtb)
    counts = syllable_counts(vtb_s, subs_counts(args.subs), rhymes)
    nw = sum(vtb_w.values())
    tiers = word_lists(args.words)
    for w, prior in tiers.items():
        parts = w.split()
        if len(parts) == 1:
            if w not in counts and is_syllable(w, rhymes):
                counts[w] = 1
            continue
        if len(parts) > 4 or not all(is_syllable(s, rhymes) for s in parts):
            continue
        counts[w] = max(1, round(vtb_w.get(w, 0) / nw * SCALE + prior))
    for w, c in vtb_w.items():  # the treebank's own words met twice or more
        parts = w.split()
        if w not in counts and c >= 2 and 1 < len(parts) <= 4 and all(is_syllable(s, rhymes) for s in parts):
            counts[w] = max(1, round(c / nw * SCALE))
    for row in EXTRA.replace("\n", "|").split("|"):
        if row.strip():
            w, c = row.rsplit(" ", 1)
            w = norm_word(w)
            assert all(is_syllable(s, rhymes) for s in w.split()), w
            counts[w] = max(counts.get(w, 0), int(c) * 10)
    write_english(args.english_out, english_rows(args.english, counts))
    out = sys.stdout
    out.write(HEADER)
    out.write("word\tcount\n")
    for w in sorted(counts, key=lambda k: (-counts[k], k)):
        out.write(f"{w}\t{counts[w]}\n")


HEADER = """# Vietnamese words (1-4 syllables, with their tones) and how often they occur, per 10 million
# syllables of text: the table src/text/tones.c uses to restore the tones of toneless Vietnamese in web
# addresses, e-mails and hashtags (dichvucong → dịch vụ công). Built by scripts/make-words.py from:
#   - Hồ Ngọc Đức's Vietnamese word lists Viet11K/22K/39K/74K (Free Vietnamese Dictionary Project,
#     GNU General Public License, no version named: used under GPL-3.0-or-later);
#   - the UD Vietnamese-VTB treebank (Nguyễn Thị Lương, Hà Mỹ Linh, Lê Hồng Phương, Nguyễn Thị Minh
#     Huyền; from the VLSP treebank; CC BY-SA 4.0): word and syllable counts of its news text;
#   - Hermit Dave's FrequencyWords, OpenSubtitles 2018 Vietnamese (CC BY-SA 4.0): syllable counts;
#   - names of provinces, cities, papers and offices written for this project.
# Licence of this file: GPL-3.0-or-later (CC BY-SA 4.0 material may be used under GPLv3). The lists'
# hyphenated loanwords are left out; tone marks placed as src/text/cleanup.c does (hoà, khoẻ) and ủy, thủy.
"""

ENGLISH_HEADER = """# English words whose letters can also be cut into toneless Vietnamese syllables (camera: cá mè ra,
# radio, online), with their counts on the scale of words.tsv: their rate in English subtitles times
# the share of English among the words of Vietnamese web addresses and hashtags (taken as 0.3).
# src/text/tones.c refuses to put tones on a string whose likeliest reading is one of these. Built by
# scripts/make-words.py from Hermit Dave's FrequencyWords, OpenSubtitles 2018 English (CC BY-SA 4.0);
# an English word ten times rarer than the Vietnamese word of the same letters (300 times for one syllable:
# nguyen, tran, minh) is left out (vietnam, hanoi,
# saigon: Vietnamese names in English text).
# Licence of this file: CC BY-SA 4.0.
"""

if __name__ == "__main__":
    main()
