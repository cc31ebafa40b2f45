#!/usr/bin/python3
"""tests/serve_chromium.py — docbao's web page and embeddable player in a real
headless Chromium (Debian's chromium), driven over the DevTools protocol with
Debian's python3-websocket. Called by tests/serve.sh with a running server:

    serve_chromium.py URL ARTICLE.txt OUTDIR

Checks, each printed as "PASS name" or "FAIL name: detail":
  the page at / loads; pasting the article and pressing play makes the audio
  element receive and decode data and play; the sentences are highlighted in
  order (0, 1, 2, ...) in the transcript; then a news page (file://, another
  origin) with the one-tag embed gets a player whose highlight lands on the
  article's own text. Writes OUTDIR/page.png. Every wait is bounded; Chromium
  is always killed at the end."""
import base64, json, os, shutil, subprocess, sys, tempfile, time, urllib.request

import websocket  # Debian: python3-websocket

URL, ARTICLE, OUT = sys.argv[1], sys.argv[2], sys.argv[3]
results = []


def report(name, ok, detail=""):
    results.append(ok)
    print(("PASS " if ok else "FAIL ") + name + ("" if ok or not detail else ": " + detail), flush=True)


class Tab:
    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=20, suppress_origin=True)
        self.n = 0

    def call(self, method, **params):
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        deadline = time.time() + 20
        while time.time() < deadline:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.n:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
        raise TimeoutError(method)

    def js(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(json.dumps(r["exceptionDetails"])[:400])
        return r["result"].get("value")

    def wait(self, expr, seconds):
        deadline = time.time() + seconds
        while time.time() < deadline:
            v = self.js(expr)
            if v:
                return v
            time.sleep(0.1)
        return None

    def goto(self, url):
        self.call("Page.navigate", url=url)
        time.sleep(0.3)
        return self.wait("document.readyState === 'complete' && !!window.DocbaoPlayer", 15)


def start_chromium(profile):
    args = ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--autoplay-policy=no-user-gesture-required", "--remote-debugging-port=0",
            "--remote-allow-origins=*", "--user-data-dir=" + profile, "--window-size=1000,1200",
            "--allow-file-access-from-files", "about:blank"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 30
    while time.time() < deadline and not os.path.exists(port_file):
        time.sleep(0.1)
    port = open(port_file).read().split()[0]
    pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10))
    page = next(p for p in pages if p["type"] == "page")
    return proc, Tab(page["webSocketDebuggerUrl"])


STATE = """(() => { const p = %s; if (!p) return null; const a = p.audio;
  return {log: p.log, cues: p.cues.length, t: a.currentTime, paused: a.paused, ready: a.readyState,
          decoded: a.webkitAudioDecodedByteCount || 0, buffered: a.buffered.length ? a.buffered.end(0) : 0,
          status: p.status.textContent, caption: p.caption.textContent,
          current: (document.querySelector('.docbao-current') || {}).textContent || null,
          mark: (() => { const h = window.CSS && CSS.highlights && CSS.highlights.get('docbao-sentence');
                         return h ? [...h][0].toString() : null; })() }; })()"""


def in_order(log):
    """The highlighted sentences: 0, 1, 2, ... each once, no going back."""
    return len(log) >= 3 and log == list(range(len(log)))


def page_test(tab, text):
    report("chromium: the page at / loads with its player", bool(tab.goto(URL + "/")))
    tab.js("""(() => { const t = document.getElementById('text'); t.value = %s;
             t.dispatchEvent(new Event('input')); const s = document.querySelector('.docbao-speed');
             s.value = '2'; s.dispatchEvent(new Event('change'));
             document.querySelector('.docbao-play').click(); return true; })()""" % json.dumps(text))
    st = tab.wait("(() => { const s = %s; return s && s.log.length >= 4 && s.t > 3 ? s : null; })()"
                  % (STATE % "window.docbaoPage.player"), 40)
    st = st or tab.js(STATE % "window.docbaoPage.player")
    report("chromium: the audio element received and decoded data, and plays",
           bool(st) and st["decoded"] > 10000 and st["t"] > 3 and not st["paused"], json.dumps(st)[:400])
    report("chromium: sentences highlighted in order in the transcript (%s)" % (st["log"][:8] if st else "-"),
           bool(st) and in_order(st["log"]) and st["current"] and st["current"] == st["caption"], json.dumps(st)[:400])
    report("chromium: the status line (a live region) says it is reading",
           bool(st) and st["status"] == "Đang đọc", st["status"] if st else "")
    keys = tab.js("""[...document.querySelectorAll('.docbao-player button, .docbao-player select')]
                     .map(e => (e.getAttribute('aria-label') || e.labels && e.labels[0] && e.labels[0].textContent
                                || e.textContent).trim() + ':' + e.tabIndex)""")
    report("chromium: every control is focusable and named (%s)" % ", ".join(keys),
           len(keys) == 4 and all(k.split(":")[0] and k.split(":")[1] == "0" for k in keys), str(keys))
    time.sleep(0.5)
    shot = tab.call("Page.captureScreenshot", format="png")
    with open(os.path.join(OUT, "page.png"), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    tab.js("window.docbaoPage.player.audio.pause(), true")


def embed_test(tab, text):
    paras = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    page = os.path.join(OUT, "article.html")
    with open(page, "w", encoding="utf-8") as f:
        f.write(f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Tin bài</title></head>
<body><header><nav>Trang chủ | Thời sự</nav></header>
<article><h1>Tin bài thử</h1>{paras}</article>
<script src="{URL}/player.js" data-article="article" defer></script></body></html>""")
    report("chromium: a news page (another origin) with the one-tag embed loads it",
           bool(tab.goto("file://" + page)) and bool(tab.wait("DocbaoPlayer.players.length === 1", 10)))
    tab.js("document.querySelector('.docbao-play').click(), true")
    expr = STATE % "DocbaoPlayer.players[0]"
    st = tab.wait("(() => { const s = %s; return s && s.log.length >= 3 && s.mark ? s : null; })()" % expr, 40)
    st = st or tab.js(expr)
    letters = lambda s: "".join(c for c in (s or "").lower() if c.isalnum())
    report("chromium: the embedded player highlights the sentence in the article itself",
           bool(st) and in_order(st["log"]) and letters(st["mark"]) == letters(st["caption"]) and st["decoded"] > 0,
           json.dumps(st)[:400])


def main():
    text = open(ARTICLE, encoding="utf-8").read()
    profile = tempfile.mkdtemp(prefix="docbao-chromium-")
    proc = None
    try:
        proc, tab = start_chromium(profile)
        tab.call("Page.enable")
        page_test(tab, text)
        embed_test(tab, text)
    except Exception as e:  # a broken step fails the test, never hangs it
        report("chromium: driving the browser", False, repr(e)[:400])
    finally:
        if proc:
            proc.kill()
            proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
    return 0 if results and all(results) else 1


sys.exit(main())
