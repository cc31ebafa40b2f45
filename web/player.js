/* player.js — "Nghe bài viết", docbao's player for news pages. Plain JavaScript, no framework.
 *
 * On a news page, one tag puts a player above the article:
 *   <script src="https://tts.example.vn/player.js" data-article="article .content" defer></script>
 * Options (attributes of the tag): data-article (a CSS selector; default "article"),
 * data-voice (north, central, south), data-format (mp3, opus, wav), data-rate (words a minute).
 * Or from a script: DocbaoPlayer.create({mount, text, article, transcript, voice, format, server}).
 *
 * It sends the article's text to POST /v1/speech (Prefer: respond-async), plays
 * /v1/speech/HASH.mp3 while the server is still making it, reads the WebVTT cues
 * as they come, and highlights the sentence being read: in the article itself
 * (the CSS Custom Highlight API, where the browser has it) and in the player's
 * caption. Every control is a native button or select with a label, in reading
 * order; ← and → go back and forward a sentence; the status line is a polite
 * live region, so a screen reader hears "Đang đọc", not every sentence. */
(function () {
  'use strict';
  var me = document.currentScript;
  var ORIGIN = me && me.src ? new URL(me.src, location.href).origin : location.origin;

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text) e.textContent = text;
    return e;
  }

  function clock(t) {
    if (!isFinite(t) || t < 0) t = 0;
    var s = Math.floor(t);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  var ICONS = { play: 'M8 5v14l11-7z', pause: 'M6 5h4v14H6zm8 0h4v14h-4z',
                prev: 'M6 6h2v12H6zm3.5 6 8.5 6V6z', next: 'M16 6h2v12h-2zM6 18l8.5-6L6 6z' };
  function icon(name) {
    var ns = 'http://www.w3.org/2000/svg', svg = document.createElementNS(ns, 'svg'), path = document.createElementNS(ns, 'path');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', 'docbao-icon');
    path.setAttribute('d', ICONS[name]);
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
    return svg;
  }

  function unescapeCue(s) {
    return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  function seconds(stamp) {
    var p = stamp.trim().split(':').map(Number);
    return p.length === 3 ? p[0] * 3600 + p[1] * 60 + p[2] : p[0] * 60 + p[1];
  }

  /* WebVTT cues from the text read so far; returns the text not yet complete. */
  function parseCues(buf, out) {
    var blocks = buf.split(/\r?\n\r?\n/);
    var rest = blocks.pop();
    blocks.forEach(function (b) {
      var lines = b.split(/\r?\n/);
      var i = lines.findIndex(function (l) { return l.indexOf('-->') >= 0; });
      if (i < 0) return;
      var t = lines[i].split('-->');
      out.push({ start: seconds(t[0]), end: seconds(t[1]), text: unescapeCue(lines.slice(i + 1).join(' ')) });
    });
    return rest;
  }

  /* Where each letter and digit of an element's text is, to find a sentence in it
   * whatever its spaces, quotes and dashes became. */
  function letterIndex(root, skip) {
    var chars = [], text = '';
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) {
        for (var p = n.parentNode; p && p !== root; p = p.parentNode)
          if (p === skip || /^(SCRIPT|STYLE|NOSCRIPT|BUTTON|SELECT)$/.test(p.nodeName)) return NodeFilter.FILTER_REJECT;
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    for (var n; (n = walker.nextNode());) {
      var off = 0;
      for (var ch of n.data) {
        if (/[\p{L}\p{N}]/u.test(ch)) { chars.push({ node: n, off: off, len: ch.length }); text += ch.toLowerCase(); }
        off += ch.length;
      }
    }
    return { chars: chars, text: text };
  }

  function letters(s) {
    return Array.from(s.normalize('NFC')).filter(function (c) { return /[\p{L}\p{N}]/u.test(c); }).join('').toLowerCase();
  }

  function Player(o) {
    this.o = o;
    this.server = o.server || ORIGIN;
    this.cues = [];
    this.log = [];          /* the cues highlighted, in order (the tests read it) */
    this.current = -1;
    this.job = null;
    this.build(o.mount);
  }

  Player.prototype.build = function (mount) {
    var self = this;
    var root = this.root = el('div', { class: 'docbao-player', role: 'region', 'aria-label': 'Nghe bài viết' });
    this.playBtn = el('button', { type: 'button', class: 'docbao-play', 'aria-pressed': 'false' });
    this.playLabel = el('span', {}, 'Nghe bài viết');
    this.playBtn.append(icon('play'), this.playLabel);
    this.prevBtn = el('button', { type: 'button', class: 'docbao-prev', 'aria-label': 'Câu trước' });
    this.prevBtn.append(icon('prev'));
    this.nextBtn = el('button', { type: 'button', class: 'docbao-next', 'aria-label': 'Câu sau' });
    this.nextBtn.append(icon('next'));
    var speedId = 'docbao-speed-' + Math.random().toString(36).slice(2, 8);
    var speedLabel = el('label', { for: speedId, class: 'docbao-speed-label' }, 'Tốc độ');
    this.speed = el('select', { id: speedId, class: 'docbao-speed' });
    [0.75, 1, 1.25, 1.5, 1.75, 2].forEach(function (r) {
      var opt = el('option', { value: String(r) }, String(r).replace('.', ',') + '×');
      if (r === 1) opt.selected = true;
      self.speed.append(opt);
    });
    this.time = el('span', { class: 'docbao-time', 'aria-hidden': 'true' }, '0:00');
    this.status = el('p', { class: 'docbao-status', role: 'status', 'aria-live': 'polite' });
    this.caption = el('p', { class: 'docbao-caption', 'aria-hidden': 'true' });
    this.audio = el('audio', { preload: 'none' });
    var bar = el('div', { class: 'docbao-bar' });
    bar.append(this.playBtn, this.prevBtn, this.nextBtn, speedLabel, this.speed, this.time);
    root.append(bar, this.status, this.caption, this.audio);
    mount.append(root);
    this.playBtn.addEventListener('click', function () { self.toggle(); });
    this.prevBtn.addEventListener('click', function () { self.step(-1); });
    this.nextBtn.addEventListener('click', function () { self.step(1); });
    this.speed.addEventListener('change', function () { self.audio.playbackRate = Number(self.speed.value); });
    root.addEventListener('keydown', function (e) {
      if (e.target.nodeName === 'SELECT' || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') { e.preventDefault(); self.step(e.key === 'ArrowLeft' ? -1 : 1); }
    });
    ['play', 'pause', 'ended', 'waiting', 'playing', 'error'].forEach(function (ev) {
      self.audio.addEventListener(ev, function () { self.onState(ev); });
    });
    this.audio.addEventListener('timeupdate', function () { self.tick(); });
  };

  Player.prototype.say = function (msg) { this.status.textContent = msg; };

  Player.prototype.onState = function (ev) {
    var playing = ev === 'play' || ev === 'playing' || ev === 'waiting';
    this.playBtn.setAttribute('aria-pressed', playing ? 'true' : 'false');
    this.playLabel.textContent = playing ? 'Tạm dừng' : (ev === 'ended' ? 'Nghe lại' : 'Nghe tiếp');
    this.playBtn.replaceChild(icon(playing ? 'pause' : 'play'), this.playBtn.querySelector('.docbao-icon'));
    if (ev === 'playing') this.say('Đang đọc');
    else if (ev === 'pause' && !this.audio.ended) this.say('Đã tạm dừng');
    else if (ev === 'ended') { this.say('Đã đọc xong'); this.highlight(-1); }
    else if (ev === 'error' && this.job) this.say('Không phát được âm thanh');
    if (playing) this.loop();
  };

  Player.prototype.loop = function () {
    var self = this;
    if (this.raf) return;
    var step = function () {
      self.tick();
      self.raf = self.audio.paused ? 0 : requestAnimationFrame(step);
    };
    this.raf = requestAnimationFrame(step);
  };

  Player.prototype.tick = function () {
    var t = this.audio.currentTime, i = this.current;
    this.time.textContent = clock(t);
    if (i >= 0 && i < this.cues.length && t >= this.cues[i].start && (i + 1 >= this.cues.length || t < this.cues[i + 1].start)) return;
    for (i = this.cues.length - 1; i >= 0 && this.cues[i].start > t; i--);
    if (i !== this.current) this.highlight(i);
  };

  Player.prototype.highlight = function (i) {
    var o = this.o, prev = this.current;
    this.current = i;
    if (o.transcript) {
      var spans = o.transcript.querySelectorAll('.docbao-sentence');
      if (spans[prev]) { spans[prev].classList.remove('docbao-current'); spans[prev].removeAttribute('aria-current'); }
      if (spans[i]) { spans[i].classList.add('docbao-current'); spans[i].setAttribute('aria-current', 'true'); }
    }
    if (i < 0) { this.caption.textContent = ''; if (window.CSS && CSS.highlights) CSS.highlights.delete('docbao-sentence'); return; }
    this.log.push(i);
    this.caption.textContent = this.cues[i].text;
    var range = this.rangeOf(i);
    if (range && window.CSS && CSS.highlights && window.Highlight) CSS.highlights.set('docbao-sentence', new Highlight(range));
    if (this.root.dispatchEvent) this.root.dispatchEvent(new CustomEvent('docbao-sentence', { detail: { index: i, text: this.cues[i].text } }));
  };

  /* The sentence in the article, found by its letters after the previous one. */
  Player.prototype.rangeOf = function (i) {
    if (!this.o.article) return null;
    var cue = this.cues[i];
    if (!this.index) this.index = letterIndex(this.o.article, this.root);
    if (cue.range !== undefined) return cue.range;
    var want = letters(cue.text), from = i > 0 && this.cues[i - 1].at !== undefined ? this.cues[i - 1].at : 0;
    var at = want ? this.index.text.indexOf(want, from) : -1;
    if (at < 0 && want) at = this.index.text.indexOf(want);
    cue.range = null;
    if (at < 0) return null;
    cue.at = at + want.length;
    var a = this.index.chars[at], b = this.index.chars[at + want.length - 1];
    var r = document.createRange();
    r.setStart(a.node, a.off);
    r.setEnd(b.node, b.off + b.len);
    return (cue.range = r);
  };

  Player.prototype.toggle = function () {
    if (!this.job) return this.start();
    if (this.audio.paused) this.audio.play().catch(this.failed.bind(this));
    else this.audio.pause();
  };

  Player.prototype.failed = function (e) { this.say('Lỗi: ' + (e && e.message ? e.message : e)); };

  /* Asks for the speech, then plays it and reads its cues as they come. */
  Player.prototype.start = async function () {
    var o = this.o, got = o.text();
    if (!got || !got.body || !got.body.trim()) { this.say('Chưa có văn bản để đọc'); return; }
    this.say('Đang chuẩn bị…');
    var q = new URLSearchParams({ format: o.format || 'mp3' });
    if (o.voice) q.set('voice', o.voice);
    if (o.rate) q.set('rate', o.rate);
    try {
      var res = await fetch(this.server + '/v1/speech?' + q, {
        method: 'POST', body: got.body,
        headers: { 'Content-Type': (got.type || 'text/plain') + '; charset=utf-8', Prefer: 'respond-async' }
      });
      var info = await res.json();
      if (!res.ok) throw new Error(info.error || res.status);
      this.job = info;
      this.audio.src = this.server + info.audio;
      this.audio.playbackRate = Number(this.speed.value);
      this.readCues(this.server + info.vtt);
      await this.audio.play();
    } catch (e) {
      this.job = null;
      this.failed(e);
    }
  };

  Player.prototype.readCues = async function (url) {
    var res = await fetch(url), reader = res.body.getReader(), dec = new TextDecoder(), buf = '';
    for (;;) {
      var part = await reader.read();
      if (part.value) buf += dec.decode(part.value, { stream: true });
      var fresh = [];
      buf = parseCues(part.done ? buf + '\n\n' : buf, fresh);
      fresh.forEach(this.addCue, this);
      if (part.done) break;
    }
    this.complete = true;
  };

  Player.prototype.addCue = function (c) {
    this.cues.push(c);
    var t = this.o.transcript;
    if (t) {
      var s = el('span', { class: 'docbao-sentence' }, c.text);
      var self = this, k = this.cues.length - 1;
      s.addEventListener('click', function () { self.seek(k); });
      var before = this.cues[k - 1];
      if (before && c.start - before.end > 0.45) t.append(el('br'), el('br'));
      else if (before) t.append(' ');
      t.append(s);
    }
  };

  Player.prototype.step = function (d) {
    if (!this.cues.length) return;
    this.seek(Math.max(0, Math.min(this.cues.length - 1, (this.current < 0 ? 0 : this.current) + d)));
  };

  /* To a sentence; the file can be sought once it is complete (Range requests). */
  Player.prototype.seek = function (k) {
    var t = this.cues[k].start + 0.01, a = this.audio, s = a.seekable;
    for (var i = 0; i < s.length; i++)
      if (t >= s.start(i) && t <= s.end(i)) { a.currentTime = t; this.tick(); return; }
    if (!this.complete) { this.say('Đang tạo âm thanh, chưa tua được'); return; }
    var playing = !a.paused;
    a.src = this.server + this.job.audio + '#t=' + t.toFixed(2);
    if (playing) a.play().catch(this.failed.bind(this));
  };

  Player.prototype.reset = function () {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.job = null; this.cues = []; this.current = -1; this.index = null; this.complete = false;
    if (this.o.transcript) this.o.transcript.textContent = '';
    this.caption.textContent = '';
    this.playLabel.textContent = 'Nghe bài viết';
    this.playBtn.replaceChild(icon('play'), this.playBtn.querySelector('.docbao-icon'));
    this.playBtn.setAttribute('aria-pressed', 'false');
    this.say('');
  };

  function stylesheet(server) {
    if (document.querySelector('link[data-docbao]')) return;
    var l = el('link', { rel: 'stylesheet', href: server + '/player.css', 'data-docbao': '' });
    document.head.append(l);
  }

  var api = {
    create: function (o) { if (!o.mount) throw new Error('DocbaoPlayer.create: mount is required'); return new Player(o); },
    players: []
  };
  window.DocbaoPlayer = api;

  /* <script src=".../player.js" data-article="..."> on a news page */
  if (me && me.hasAttribute('data-article')) {
    var attach = function () {
      var article = document.querySelector(me.getAttribute('data-article') || 'article');
      if (!article) return;
      stylesheet(ORIGIN);
      var mount = el('div', { class: 'docbao-mount' });
      article.parentNode.insertBefore(mount, article);
      api.players.push(new Player({
        mount: mount, article: article,
        voice: me.getAttribute('data-voice'), format: me.getAttribute('data-format'), rate: me.getAttribute('data-rate'),
        text: function () { return { body: article.innerText, type: 'text/plain' }; }
      }));
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach); else attach();
  }
})();
