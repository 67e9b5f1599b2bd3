/* cerita search: queries the static index in search/ (see src/search/).
 * The searcher mirrors src/search/query.rs step for step; tests run both on
 * the same index and compare. Plain JavaScript, no build step, no wasm. */
(function () {
'use strict';

/* ---- text: src/search/text.rs ---- */
var TOKEN;
try { TOKEN = new RegExp('[\\p{Alphabetic}\\p{N}]', 'u'); } catch (e) { TOKEN = /[0-9a-z\u00aa-\uffff]/; }
function fold(s) {
  s = s.toLowerCase();
  if (s.normalize) s = s.normalize('NFD');
  return s.replace(/[\u0300-\u036f\u3099\u309a]/g, '').replace(/\u03c2/g, '\u03c3');
}
function cplen(s) { var n = 0; for (var i = 0; i < s.length; i++) { var c = s.charCodeAt(i); if (c < 0xdc00 || c > 0xdfff) n++; } return n; }
/* Chinese and Japanese (no spaces between words): each pair of neighbours. */
function isCjk(ch) {
  var c = ch.codePointAt(0);
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3021 && c <= 0x3029) || (c >= 0x3031 && c <= 0x3035) || c === 0x303b || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff);
}
/* Tokens of folded text, each as [token, start, end] (UTF-16 offsets). */
function tokens(f) {
  var out = [], start = -1, cjk = false, prev = 0, i = 0;
  for (var ch of f) {
    var word = TOKEN.test(ch), c = word && isCjk(ch);
    if (start >= 0) {
      if (!word || c !== cjk) { if (!cjk) push(start, i); start = -1; }
      else if (c) out.push([f.slice(prev, i + ch.length), prev, i + ch.length]);
    }
    if (word && start < 0) { start = i; cjk = c; }
    prev = i;
    i += ch.length;
  }
  if (start >= 0 && !cjk) push(start, i);
  function push(a, b) { var t = f.slice(a, b), n = cplen(t); if (n >= 2 && n <= 32) out.push([t, a, b]); }
  return out;
}
function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

/* ---- stemming candidates: src/search/stem.rs ---- */
var MIN_ID = 4, MIN_EN = 3;
function isV(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'; }
function strip(w, p) { return w.slice(0, p.length) === p ? w.slice(p.length) : null; }
function cut(w, s) { return s.length <= w.length && w.slice(w.length - s.length) === s ? w.slice(0, w.length - s.length) : null; }
function stripPrefix(w, outer) {
  var out = [], r, a;
  function push(x, fam) { if (cplen(x) >= MIN_ID) out.push([x, fam]); }
  if (outer) ['di', 'ke', 'se'].forEach(function (p) { var x = strip(w, p); if (x !== null) push(x, p); });
  if ((r = strip(w, 'ter')) !== null) push(r, 'te');
  if ((r = strip(w, 'ber')) !== null) push(r, 'be');
  if ((r = strip(w, 'per')) !== null) push(r, 'pe');
  if ((r = strip(w, 'te')) !== null && r[0] === 'r') push(r, 'te');
  if ((r = strip(w, 'be')) !== null) {
    if (r[0] === 'r' || (r[1] === 'e' && r[2] === 'r')) push(r, 'be');
    if ((a = strip(r, 'l')) !== null && a.slice(0, 4) === 'ajar') push(a, 'be');
  }
  (outer ? ['me', 'pe'] : ['pe']).forEach(function (fam) {
    var r = strip(w, fam), a, c;
    if (r === null) return;
    if (fam === 'pe' && (a = strip(r, 'l')) !== null && a.slice(0, 4) === 'ajar') push(a, 'pe');
    if ('lmnrwy'.indexOf(r[0]) >= 0 && r.length) push(r, fam);
    if ((a = strip(r, 'nge')) !== null) push(a, fam);
    if ((a = strip(r, 'ng')) !== null) {
      c = a[0];
      if (c && isV(c)) { push(a, fam); push('k' + a, fam); }
      else if (c === 'g' || c === 'h' || c === 'k') push(a, fam);
    } else if ((a = strip(r, 'ny')) !== null) {
      if (a[0] && isV(a[0])) push('s' + a, fam);
    } else if ((a = strip(r, 'm')) !== null) {
      c = a[0];
      if (c === 'b' || c === 'f' || c === 'p' || c === 'v') push(a, fam);
      else if (c && isV(c)) push('p' + a, fam);
    } else if ((a = strip(r, 'n')) !== null) {
      c = a[0];
      if (c && 'cdjzst'.indexOf(c) >= 0) push(a, fam);
      else if (c && isV(c)) push('t' + a, fam);
    }
  });
  return out;
}
var FORBIDDEN = { 'be i': 1, 'di an': 1, 'ke i': 1, 'ke kan': 1, 'me an': 1, 'se i': 1, 'se kan': 1 };
function idCands(word, out) {
  var bases = [[word, 0]];
  ['lah', 'kah', 'tah', 'pun'].forEach(function (p) { var b = cut(word, p); if (b !== null && cplen(b) >= MIN_ID) bases.push([b, 1]); });
  bases.slice().forEach(function (bd) {
    ['nya', 'ku', 'mu'].forEach(function (p) { var s = cut(bd[0], p); if (s !== null && cplen(s) >= MIN_ID) bases.push([s, bd[1] + 1]); });
  });
  bases.forEach(function (bd) {
    var base = bd[0], d = bd[1];
    if (d > 0) out.push([base, d]);
    var stems = [[base, d, '']];
    ['kan', 'an', 'i'].forEach(function (s) { var r = cut(base, s); if (r !== null && cplen(r) >= MIN_ID) stems.push([r, d + 1, s]); });
    stems.forEach(function (st) {
      if (st[1] > 0) out.push([st[0], st[1]]);
      stripPrefix(st[0], true).forEach(function (rp) {
        if (FORBIDDEN[rp[1] + ' ' + st[2]]) return;
        out.push([rp[0], st[1] + 1]);
        stripPrefix(rp[0], false).forEach(function (r2) { out.push([r2[0], st[1] + 2]); });
      });
    });
  });
}
function enCands(w, out) {
  function push(r) { if (cplen(r) >= MIN_EN) out.push([r, 1]); }
  var b;
  if ((b = cut(w, 'ies')) !== null) push(b + 'y');
  if ((b = cut(w, 'es')) !== null) push(b);
  if ((b = cut(w, 's')) !== null) { var l = b.slice(-1); if (l !== 's' && l !== 'u' && l !== 'i') push(b); }
  ['ing', 'ed'].forEach(function (s) {
    var b = cut(w, s);
    if (b === null) return;
    push(b); push(b + 'e');
    var cs = Array.from(b);
    if (cs.length >= 2 && cs[cs.length - 1] === cs[cs.length - 2]) push(cs.slice(0, -1).join(''));
  });
  ['ly', 'ment', 'ness', 'ance', 'ence'].forEach(function (s) { var b = cut(w, s); if (b !== null) push(b); });
}
function candidates(word, id, en) {
  var out = [];
  if (id) idCands(word, out);
  if (en) enCands(word, out);
  out = out.filter(function (c) { return c[0] !== word; });
  out.sort(function (a, b) { return b[1] - a[1] || cplen(b[0]) - cplen(a[0]) || cmp(a[0], b[0]); });
  var seen = {}, res = [];
  out.forEach(function (c) { if (!seen['$' + c[0]]) { seen['$' + c[0]] = 1; res.push(c[0]); } });
  return res;
}

function inflections(w) {
  var out = ['s', 'es', 'ing', 'ed', 'an', 'kan', 'nya'].map(function (s) { return w + s; });
  if (w.slice(-1) === 'y') out.splice(2, 0, w.slice(0, -1) + 'ies');
  return out;
}

/* ---- index files: src/search/codec.rs ---- */
var UTF8 = new TextDecoder();
function Reader(b) { this.b = b; this.p = 0; }
Reader.prototype.v = function () {
  var v = 0, m = 1, x;
  do { x = this.b[this.p++]; if (x === undefined) throw new Error('truncated'); v += (x & 127) * m; m *= 128; } while (x > 127);
  return v;
};
Reader.prototype.word = function (prev) {
  var shared = this.v(), n = this.v(), s = UTF8.decode(this.b.subarray(this.p, this.p + n));
  this.p += n;
  return prev.slice(0, shared) + s;
};
function decodeShard(b) {
  var r = new Reader(b), n = r.v(), out = [], prev = '';
  for (var i = 0; i < n; i++) {
    var e = { word: r.word(prev), df: r.v() };
    if (r.v() === 0) {
      e.idf = r.v();
      var np = r.v(), doc = 0, post = new Array(np);
      for (var k = 0; k < np; k++) { var x = r.v(); doc += Math.floor(x / 16); post[k] = [doc, x % 16]; }
      e.post = post;
    } else e.alias = r.word(e.word);
    prev = e.word;
    out.push(e);
  }
  return out;
}
function decodeList(b) { var r = new Reader(b), n = r.v(), out = [], prev = ''; for (var i = 0; i < n; i++) out.push(prev = r.word(prev)); return out; }
function readIds(r) { var n = r.v(), out = new Array(n), d = 0; for (var i = 0; i < n; i++) { d += r.v(); out[i] = d; } return out; }
function frontDecode(s) {
  var out = [];
  if (!s) return out;
  s.split(' ').forEach(function (p) { var n = parseInt(p[0], 36), prev = out.length ? out[out.length - 1] : ''; out.push(prev.slice(0, n) + p.slice(1)); });
  return out;
}

/* ---- the searcher: src/search/query.rs ---- */
var FEW = 5, MIN_PREFIX = 3, MAX_PREFIX = 8, MAX_RANGE = 4, MAX_TYPO = 4, TITLE_FIRST = 10;

/* get(path, binary) → Promise of a Uint8Array / parsed JSON, or null. */
function Searcher(get) { this.get = get; this.shards = {}; this.lists = {}; }
Searcher.prototype.open = function () {
  var s = this;
  return s.get('search/index.json').then(function (d) {
    s.dir = d; s.first = frontDecode(d.shards); s.stop = {};
    d.stop.forEach(function (w) { s.stop[w] = 1; });
    return s;
  });
};
/* Words that ask rather than say what is sought: dropped from a query with
 * other words (src/search/query.rs QUESTION_WORDS). */
var QUESTION = {};
'about aku anda apa apakah bagaimana can cara could di did dimana do does how i kami kamu kapan kenapa me mengapa my our saya should siapa tentang us we what when where which who why would you your'.split(' ').forEach(function (w) { QUESTION[w] = 1; });
Searcher.prototype.parse = function (q) {
  var f = fold(q), words = [], last = '', s = this;
  tokens(f).forEach(function (t) { last = t[0]; if (!s.stop[t[0]] && words.indexOf(t[0]) < 0) words.push(t[0]); });
  if (words.some(function (w) { return !QUESTION[w]; })) words = words.filter(function (w) { return !QUESTION[w]; });
  words = words.slice(0, MAX_WORDS);
  var lastCh = Array.from(f).pop();
  var prefix = !!lastCh && TOKEN.test(lastCh) && cplen(last) >= MIN_PREFIX && words[words.length - 1] === last;
  return { words: words, prefix: prefix };
};
function shardOf(first, w) { var lo = 0, hi = first.length; while (lo < hi) { var m = (lo + hi) >> 1; if (first[m] <= w) lo = m + 1; else hi = m; } return Math.max(lo - 1, 0); }
function range(first, p) {
  if (!first.length) return [];
  var a = shardOf(first, p), b = a;
  while (b + 1 < first.length && first[b + 1].slice(0, p.length) === p) b++;
  if (b - a >= MAX_RANGE) return null;
  var out = []; for (var k = a; k <= b; k++) out.push(k); return out;
}
Searcher.prototype.shard = function (k) {
  var s = this;
  if (!s.shards[k]) s.shards[k] = s.get('search/s/' + k + '.bin', true).then(function (b) { return b ? decodeShard(b) : []; });
  return s.shards[k];
};
Searcher.prototype.entry = async function (w) {
  if (!this.first.length) return null;
  var sh = await this.shard(shardOf(this.first, w)), lo = 0, hi = sh.length;
  while (lo < hi) { var m = (lo + hi) >> 1; if (sh[m].word < w) lo = m + 1; else hi = m; }
  return lo < sh.length && sh[lo].word === w ? sh[lo] : null;
};
function rootOf(e) { return e ? (e.alias !== undefined ? e.alias : e.word) : null; }
/* The root of the first of words `cs` the dictionary has. */
Searcher.prototype.firstRoot = async function (cs) {
  for (var i = 0; i < cs.length; i++) { var r = rootOf(await this.entry(cs[i])); if (r !== null) return r; }
  return null;
};
Searcher.prototype.exactRoot = async function (w) {
  var r = rootOf(await this.entry(w));
  if (r === null) r = await this.firstRoot(candidates(w, true, true));
  if (r === null) r = await this.firstRoot(inflections(w));
  return r;
};
Searcher.prototype.familyRoot = async function (w) {
  var r = await this.firstRoot(candidates(w, true, true));
  return r === w ? null : r;
};
function byUse(a, b) { return b.df - a.df || cmp(a.word, b.word); }
Searcher.prototype.prefixed = async function (p) {
  var ks = range(this.first, p), found = [];
  if (!ks) return [];
  var shards = await Promise.all(ks.map(this.shard, this));
  shards.forEach(function (sh) { sh.forEach(function (e) { if (e.word.slice(0, p.length) === p && e.word !== p) found.push(e); }); });
  return found.sort(byUse).slice(0, MAX_PREFIX);
};
function oneEdit(a, b) {
  a = Array.from(a); b = Array.from(b);
  if (a.join('') === b.join('')) return false;
  var s = a.length <= b.length ? a : b, l = a.length <= b.length ? b : a, i = 0;
  while (i < s.length && s[i] === l[i]) i++;
  var eq = function (x, y) { return x.join('') === y.join(''); };
  if (l.length === s.length) return eq(s.slice(i + 1), l.slice(i + 1)) || (i + 1 < s.length && s[i] === l[i + 1] && s[i + 1] === l[i] && eq(s.slice(i + 2), l.slice(i + 2)));
  if (l.length - s.length === 1) return eq(s.slice(i), l.slice(i + 1));
  return false;
}
Searcher.prototype.near = async function (w) {
  var s = this, cs = Array.from(w), h = (cs.length - 1) >> 1;
  var head = cs.slice(0, h).join(''), tail = cs.slice().reverse().slice(0, h).join(''), words = [];
  var ks = range(s.first, head);
  if (ks) (await Promise.all(ks.map(s.shard, s))).forEach(function (sh) {
    sh.forEach(function (e) { if (e.word.slice(0, head.length) === head && oneEdit(e.word, w)) words.push(e.word); });
  });
  if (!s.typoFirst) s.typoFirst = s.get('search/typo.json').then(function (d) { return d ? frontDecode(d.shards) : []; });
  var tks = range(await s.typoFirst, tail);
  if (tks) (await Promise.all(tks.map(function (k) {
    if (!s.lists[k]) s.lists[k] = s.get('search/r/' + k + '.bin', true).then(function (b) { return b ? decodeList(b) : []; });
    return s.lists[k];
  }))).forEach(function (list) {
    list.forEach(function (r) { if (r.slice(0, tail.length) === tail) { var x = Array.from(r).reverse().join(''); if (oneEdit(x, w)) words.push(x); } });
  });
  words.sort(cmp);
  words = words.filter(function (x, i) { return words[i - 1] !== x; });
  var found = (await Promise.all(words.map(s.entry, s))).filter(Boolean);
  return found.sort(byUse).slice(0, MAX_TYPO);
};
Searcher.prototype.matches = async function (alts) {
  var out = new Map();
  for (var i = 0; i < alts.length; i++) {
    var e = await this.entry(alts[i][0]), div = alts[i][1];
    if (!e || !e.post) continue;
    e.post.forEach(function (p) { var sc = Math.floor(e.idf * p[1] / div), o = out.get(p[0]); if (o === undefined || sc > o) out.set(p[0], sc); });
  }
  return out;
};
function combine(sets) {
  if (!sets.length) return [];
  var small = sets.reduce(function (a, b) { return b.size < a.size ? b : a; }), out = [];
  small.forEach(function (_, d) {
    var t = 0;
    for (var i = 0; i < sets.length; i++) { var v = sets[i].get(d); if (v === undefined) return; t += v; }
    out.push([d, t]);
  });
  return out.sort(function (a, b) { return a[0] - b[0]; });
}
Searcher.prototype.run = async function (q) {
  var s = this, p = s.parse(q), words = p.words, alts = [], i;
  if (!words.length) return { hits: [], words: [] };
  for (i = 0; i < words.length; i++) {
    var a = [], r = await s.exactRoot(words[i]);
    if (r !== null) a.push([r, 1]);
    if (p.prefix && i + 1 === words.length) (await s.prefixed(words[i])).forEach(function (e) {
      var r = rootOf(e); if (!a.some(function (x) { return x[0] === r; })) a.push([r, 2]);
    });
    alts.push(a);
  }
  var sets = await Promise.all(alts.map(s.matches, s));
  if (combine(sets).length < FEW) {
    var changed = false;
    for (i = 0; i < words.length; i++) {
      if (sets[i].size >= FEW) continue;
      /* A rare word that is its own root: its family too (governing → govern). */
      if (alts[i].length && alts[i][0][0] === words[i]) {
        var f = await s.familyRoot(words[i]);
        if (f !== null && !alts[i].some(function (x) { return x[0] === f; })) { alts[i].push([f, 2]); changed = true; }
      }
      if (cplen(words[i]) < s.dir.typo) continue;
      (await s.near(words[i])).forEach(function (e) {
        var r = rootOf(e); if (!alts[i].some(function (x) { return x[0] === r; })) { alts[i].push([r, 2]); changed = true; }
      });
    }
    if (changed) sets = await Promise.all(alts.map(s.matches, s));
  }
  /* Every story matching a word, more words first; those missing a word
   * only while a page of stories has every word. A word more than half of
   * all stories match is not counted (it adds its score), unless all are. */
  var full = new Set(combine(sets).map(function (h) { return h[0]; }));
  var counted = sets.map(function (x) { return x.size * 2 <= s.dir.docs; });
  if (counted.indexOf(true) < 0) counted = sets.map(function () { return true; });
  var hits = most(sets, counted);
  if (full.size >= TITLE_FIRST) hits = hits.filter(function (h) { return full.has(h[0]); });
  return { hits: hits, words: words, prefix: p.prefix, alts: alts, sets: sets, partial: full.size === 0 && sets.some(function (x) { return x.size > 0; }) };
};
/* The stories matching any word, more words always ranking higher (MOST per
 * counted word, plus the words' scores). */
var MOST = 1000000, MAX_WORDS = 32;
function most(sets, counted) {
  var found = new Map(), out = [];
  sets.forEach(function (s, i) { s.forEach(function (sc, d) { found.set(d, (found.get(d) || 0) + (counted[i] ? MOST : 0) + sc); }); });
  found.forEach(function (sc, d) { out.push([d, sc]); });
  return out.sort(function (a, b) { return a[0] - b[0]; });
}
/* The first TITLE_FIRST hits (a page, whose titles are fetched anyway),
 * ordered by the words each matches plus those its title holds that at most
 * half of them match (all, when the title holds every word), most first;
 * the page's own language's stories stay before the others. */
Searcher.prototype.titlesFirst = async function (hits, run, own) {
  var n = Math.min(hits.length, TITLE_FIRST);
  if (!run || !run.words.length || n < 2) return hits;
  var ids = hits.slice(0, n).map(function (h) { return h[0]; });
  var docs = await this.docs(ids);
  var telling = run.sets.map(function (x) { return ids.filter(function (d) { return x.has(d); }).length * 2 <= n; });
  var top = hits.slice(0, n).map(function (h, i) { return [h, Math.floor(h[1] / MOST) + (docs[i] ? titleHeld(docs[i][0], run, telling) : 0), i]; });
  /* The page's own language's stories stay before the others. */
  var r = ownRange(this.dir, own);
  function other(h) { return r && !(h[0] >= r[1] && h[0] <= r[2]) ? 1 : 0; }
  top.sort(function (a, b) { return other(a[0]) - other(b[0]) || b[1] - a[1] || a[2] - b[2]; });
  return top.map(function (t) { return t[0]; }).concat(hits.slice(n));
};
function titleHeld(title, run, telling) {
  var words = tokens(fold(title)).map(function (t) { return [t[0], candidates(t[0], true, true)]; });
  var holds = run.words.map(function (w, i) {
    return words.some(function (x) { return x[0] === w || run.alts[i].some(function (a) { return a[0] === x[0] || x[1].indexOf(a[0]) >= 0; }); });
  });
  if (holds.every(Boolean)) return holds.length;
  return holds.filter(function (h, i) { return h && telling[i]; }).length;
}
Searcher.prototype.facets = function () {
  var s = this;
  if (!s.facetData) s.facetData = Promise.all([s.get('search/facets.bin', true), s.get('search/facets.json')]).then(function (x) {
    var r = new Reader(x[0] || new Uint8Array(1)), names = x[1] || { partners: [], tags: [], langs: [] }, lists = [];
    var n = s.dir.partners.length + names.tags.length + names.langs.length;
    try { for (var i = 0; i < n; i++) lists.push(readIds(r)); } catch (e) { /* a broken file: no filters */ }
    while (lists.length < n) lists.push([]);
    return { names: names, lists: lists };
  });
  return s.facetData;
};
function order(hits, byDate) { return hits.sort(byDate ? function (a, b) { return a[0] - b[0]; } : function (a, b) { return b[1] - a[1] || a[0] - b[0]; }); }
/* A site in several languages: the page's own language's stories (one range
 * of ids) first. */
function ownRange(dir, own) { return (dir.langs || []).filter(function (l) { return l[0] === own; })[0]; }
function ownFirst(dir, hits, own) {
  var r = ownRange(dir, own);
  if (!r) return hits;
  var first = [], rest = [];
  hits.forEach(function (h) { (h[0] >= r[1] && h[0] <= r[2] ? first : rest).push(h); });
  return first.concat(rest);
}
/* f = {partners: [i], tags: [i], langs: [i], years: [y]}. With `quick` and no
 * filters, the facet files are not fetched and counts are left out. */
Searcher.prototype.search = async function (q, f, byDate, quick) {
  var s = this, run = s.parse(q).words.length ? await s.run(q) : null, hits;
  hits = run ? run.hits : Array.from({ length: s.dir.docs }, function (_, d) { return [d, 0]; });
  var partial = !!(run && run.partial);
  if (quick && !f.partners.length && !f.tags.length && !f.langs.length && !f.years.length) {
    hits = ownFirst(s.dir, order(hits, byDate), f.own);
    return { hits: byDate ? hits : await s.titlesFirst(hits, run, f.own), run: run, partial: partial };
  }
  var fc = await s.facets(), L = fc.lists, np = s.dir.partners.length, nt = fc.names.tags.length, N = s.dir.docs;
  var out = { partners: [], tags: [], langs: [], years: {}, run: run };
  /* Per filter kind, which docs pass it (null: no filter of that kind). */
  function mark(lists) { if (!lists.length) return null; var m = new Uint8Array(N); lists.forEach(function (l) { l.forEach(function (d) { m[d] = 1; }); }); return m; }
  var pass = [mark(f.partners.map(function (p) { return L[p]; })), mark(f.tags.map(function (t) { return L[np + t]; })),
    mark(f.langs.map(function (l) { return L[np + nt + l]; })), null];
  if (f.years.length) {
    pass[3] = new Uint8Array(N);
    s.dir.years.forEach(function (y) { if (f.years.indexOf(y[0]) >= 0) for (var d = y[1]; d <= y[2]; d++) pass[3][d] = 1; });
  }
  /* hit[d]: bit k set when d is a match passing every filter kind but k (bit 4: all). */
  var hit = new Uint8Array(N);
  hits.forEach(function (h) {
    var d = h[0], fails = 0, failed = -1;
    for (var k = 0; k < 4; k++) if (pass[k] && !pass[k][d]) { fails++; failed = k; }
    if (!fails) hit[d] = 31; else if (fails === 1) hit[d] = 1 << failed;
  });
  function count(list, k) { var c = 0; for (var i = 0; i < list.length; i++) if (hit[list[i]] & (1 << k)) c++; return c; }
  for (var i = 0; i < np; i++) out.partners.push(count(L[i], 0));
  for (i = 0; i < nt; i++) out.tags.push(count(L[np + i], 1));
  for (i = 0; i < fc.names.langs.length; i++) out.langs.push(count(L[np + nt + i], 2));
  s.dir.years.forEach(function (y) { var c = 0; for (var d = y[1]; d <= y[2]; d++) if (hit[d] & 8) c++; if (c) out.years[y[0]] = (out.years[y[0]] || 0) + c; });
  hits = ownFirst(s.dir, order(hits.filter(function (h) { return hit[h[0]] === 31; }), byDate), f.own);
  out.hits = byDate ? hits : await s.titlesFirst(hits, run, f.own);
  out.partial = partial;
  out.counted = true;
  return out;
};
Searcher.prototype.docs = function (ids) {
  var s = this, n = s.dir.chunk;
  s.chunks = s.chunks || {};
  return Promise.all(ids.map(function (d) {
    var k = Math.floor(d / n);
    if (!s.chunks[k]) s.chunks[k] = s.get('search/d/' + k + '.json').then(function (c) { return c || []; });
    return s.chunks[k].then(function (c) { return c[d % n] || null; });
  }));
};

var api = { Searcher: Searcher, fold: fold, tokens: tokens, candidates: candidates, decodeShard: decodeShard, oneEdit: oneEdit };
if (typeof module !== 'undefined' && module.exports) { module.exports = api; return; }
window.ceritaSearch = api;

/* ---- the page: themes/default/templates/search.html ---- */
var root = document.getElementById('search');
if (!root || !window.fetch || !window.Map) return;
var T = root.dataset, base = T.base || '/';
var form = document.getElementById('search-form'), input = document.getElementById('search-q');
var status = document.getElementById('search-status'), list = document.getElementById('search-results');
var panel = document.getElementById('search-filters'), more = document.getElementById('search-more');
var version = '';
function get(path, binary) {
  var url = base + path + (version ? '?v=' + version : '');
  return fetch(url, version ? {} : { cache: 'no-cache' }).then(function (r) {
    if (!r.ok) return null;
    return binary ? r.arrayBuffer().then(function (b) { return new Uint8Array(b); }) : r.json();
  });
}
var searcher = new Searcher(get), ready = searcher.open().then(function (s) { version = s.dir.v; return s; });
var state = readUrl(), shown = 0, current = null, seq = 0, PAGE = 10, facetsOn = false;
root.className += ' js';
var nojs = document.getElementById('search-nojs');
if (nojs) nojs.hidden = true;
input.value = state.q;

function readUrl() {
  var u = new URLSearchParams(location.search);
  return { q: u.get('q') || '', partner: u.getAll('partner'), tag: u.getAll('tag'), lang: u.getAll('lang'), year: u.getAll('year'), sort: u.get('sort') === 'date' ? 'date' : '' };
}
function writeUrl(push) {
  var u = new URLSearchParams();
  if (state.q) u.set('q', state.q);
  ['partner', 'tag', 'lang', 'year'].forEach(function (k) { state[k].forEach(function (v) { u.append(k, v); }); });
  if (state.sort) u.set('sort', state.sort);
  var url = location.pathname + (u.toString() ? '?' + u : '');
  history[push ? 'pushState' : 'replaceState'](null, '', url);
}
function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
function fmt(key, n, q) { return (T[key] || '').replace('{n}', n).replace('{q}', q.trim()); }

/* Text with the query's words marked; built as DOM nodes, so nothing is ever parsed as HTML. */
function marked(text, hl) {
  var frag = document.createDocumentFragment(), f = fold(text), at = 0;
  if (f.length !== text.length) { frag.appendChild(document.createTextNode(text)); return frag; }
  var last = null;
  tokens(f).forEach(function (t) {
    if (!hl(t[0])) return;
    /* Chinese pairs overlap: a pair that starts inside the last mark extends it. */
    if (last && t[1] < at) { last.textContent += text.slice(at, t[2]); at = t[2]; return; }
    if (t[1] > at) frag.appendChild(document.createTextNode(text.slice(at, t[1])));
    last = frag.appendChild(el('mark', '', text.slice(t[1], t[2])));
    at = t[2];
  });
  if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
  return frag;
}
function highlighter(run) {
  if (!run) return function () { return false; };
  var want = {}, pre = run.prefix ? run.words[run.words.length - 1] : null;
  run.words.forEach(function (w) { want[w] = 1; });
  (run.alts || []).forEach(function (a) { a.forEach(function (x) { want[x[0]] = 1; }); });
  return function (t) {
    if (want[t] || (pre && t.slice(0, pre.length) === pre)) return true;
    return candidates(t, true, true).some(function (c) { return want[c]; });
  };
}

function selected() {
  var fc = searcher.facetNames || { partners: [], tags: [], langs: [] };
  function idx(list, vals) { return vals.map(function (v) { return list.indexOf(v); }).filter(function (i) { return i >= 0; }); }
  return { partners: idx(fc.partners, state.partner), tags: idx(fc.tags.map(function (t) { return t[1]; }), state.tag), langs: idx(fc.langs, state.lang), years: state.year.map(Number), own: T.own };
}

async function go(push) {
  var my = ++seq;
  state.q = input.value.trim() ? input.value : '';
  writeUrl(push);
  var filtering = state.partner.length || state.tag.length || state.lang.length || state.year.length;
  if (!state.q.trim() && !filtering) { status.textContent = ''; list.textContent = ''; panel.hidden = true; more.hidden = true; return; }
  status.textContent = T.loading || '…';
  list.setAttribute('aria-busy', 'true');
  try {
    await ready;
    if (filtering) facetsOn = true;
    if (facetsOn) searcher.facetNames = (await searcher.facets()).names;
    var res = await searcher.search(state.q, selected(), state.sort === 'date', !facetsOn);
    if (my !== seq) return;
    current = res; shown = 0; list.textContent = '';
    status.textContent = fmt(!res.hits.length ? 'none' : res.partial ? 'partial' : state.q.trim() ? 'results' : 'count', res.hits.length, state.q);
    await showMore();
    list.setAttribute('aria-busy', 'false');
    filters(res);
  } catch (e) {
    if (my === seq) { status.textContent = T.error || 'Error'; list.setAttribute('aria-busy', 'false'); }
  }
}
async function showMore() {
  var res = current, my = seq, hl = highlighter(res.run);
  var ids = res.hits.slice(shown, shown + PAGE).map(function (h) { return h[0]; });
  var docs = await searcher.docs(ids);
  if (my !== seq) return;
  var first = null;
  docs.forEach(function (d) {
    if (!d) return;
    var li = el('li', 'result'), h = el('h2'), a = el('a');
    a.href = base + d[1]; a.appendChild(marked(d[0], hl)); h.appendChild(a); li.appendChild(h);
    a.lang = d[5];
    var meta = el('p', 'meta');
    if (d[2]) meta.appendChild(el('span', '', d[2]));
    var ps = d[3].map(function (i) { return searcher.dir.partners[i]; }).filter(Boolean);
    if (ps.length) meta.appendChild(el('span', '', (d[2] ? ' · ' : '') + ps.join(', ')));
    li.appendChild(meta);
    var p = el('p', 'excerpt'); p.lang = d[5]; p.appendChild(marked(d[4], hl)); li.appendChild(p);
    list.appendChild(li);
    first = first || a;
  });
  var wasMore = shown > 0;
  shown += ids.length;
  more.hidden = shown >= res.hits.length;
  if (wasMore && first) first.focus();
}
function filters(res) {
  var fc = searcher.facetNames, dir = searcher.dir;
  panel.textContent = ''; panel.hidden = false;
  var sort = el('div', 'sort'), lab = el('label', '', T.sort + ' '), sel = el('select');
  [['', T.relevance], ['date', T.date]].forEach(function (o) { var op = el('option', '', o[1]); op.value = o[0]; sel.appendChild(op); });
  sel.value = state.sort;
  sel.onchange = function () { state.sort = sel.value; go(true); };
  lab.appendChild(sel); sort.appendChild(lab); panel.appendChild(sort);
  /* Filter counts need the facet files: fetched only when asked for. */
  if (!res.counted) {
    var open = el('button', 'more-button', T.filters);
    open.type = 'button';
    open.setAttribute('aria-expanded', 'false');
    open.onclick = function () { facetsOn = true; go(false).then(function () { var f = panel.querySelector('summary'); if (f) f.focus(); }); };
    panel.appendChild(open);
    return;
  }
  group('partner', T.partner, dir.partners.map(function (n, i) { return [fc.partners[i], n, res.partners[i]]; }));
  group('tag', T.tag, fc.tags.map(function (t, i) { return [t[1], t[0], res.tags[i]]; }));
  group('lang', T.lang, fc.langs.map(function (l, i) { return [l, T[langKey(l)] || l, res.langs[i]]; }));
  var years = [];
  dir.years.forEach(function (y) { if (years.indexOf(y[0]) < 0) years.push(y[0]); });
  years.sort(function (a, b) { return b - a; });
  group('year', T.year, years.map(function (y) { return [String(y), String(y), res.years[y] || 0]; }));
}
/* `pt-BR` → the dataset key of `data-lang-pt-br`, `langPtBr`. */
function langKey(l) { return 'lang' + l.split('-').map(function (p) { return p.charAt(0).toUpperCase() + p.slice(1).toLowerCase(); }).join(''); }
function group(key, title, vals) {
  vals = vals.filter(function (v) { return v[2] > 0 || state[key].indexOf(v[0]) >= 0; });
  if (!vals.length) return;
  if (key !== 'year') vals.sort(function (a, b) { return b[2] - a[2] || cmp(a[1], b[1]); });
  var fs = el('details', 'facet'), lg = el('summary', '', title), ul = el('ul');
  fs.open = state[key].length > 0;
  fs.appendChild(lg);
  vals.forEach(function (v) {
    var li = el('li'), lab = el('label'), cb = el('input');
    cb.type = 'checkbox'; cb.checked = state[key].indexOf(v[0]) >= 0;
    cb.onchange = function () {
      state[key] = cb.checked ? state[key].concat([v[0]]) : state[key].filter(function (x) { return x !== v[0]; });
      go(true).then(function () { var again = panel.querySelector('input[data-v="' + key + ':' + CSS.escape(v[0]) + '"]'); if (again) again.focus(); });
    };
    cb.setAttribute('data-v', key + ':' + v[0]);
    lab.appendChild(cb); lab.appendChild(document.createTextNode(' ' + v[1] + ' '));
    lab.appendChild(el('span', 'count', '(' + v[2] + ')'));
    li.appendChild(lab); ul.appendChild(li);
  });
  fs.appendChild(ul); panel.appendChild(fs);
}

var timer = 0;
input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { go(false); }, 150); });
form.addEventListener('submit', function (e) { e.preventDefault(); clearTimeout(timer); go(true); });
more.addEventListener('click', function () { showMore(); });
window.addEventListener('popstate', function () { state = readUrl(); input.value = state.q; go(false); });
if (state.q || state.partner.length || state.tag.length || state.lang.length || state.year.length) go(false);
})();
