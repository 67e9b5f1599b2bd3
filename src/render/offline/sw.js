// cerita's offline reading worker. The build puts BUILD (what this build
// wrote), BASE (the site's path), BUDGET (bytes of pages read to keep),
// FILE_LIMIT and OFFLINE (each language's path and its offline page, the
// page itself: nothing is downloaded for it) above this line.
//
// Pages: network first, the kept copy after 3 s without an answer (marked
// "saved copy"), else the offline page. Other files: kept first. Caches of
// older builds go when a new build's worker takes over; stories a reader
// saved stay, and are fetched again once online (gone when the site no
// longer has them).
var STATIC = 'cerita-static-' + BUILD, PAGES = 'cerita-pages-' + BUILD,
  SAVED = 'cerita-saved', META = 'cerita-meta', INDEX = BASE + '__cerita/index.json';
var index = null, chain = Promise.resolve();

function open(name) { return caches.open(name); }
function load() {
  return index ? Promise.resolve(index) : open(META).then(c => c.match(INDEX))
    .then(r => r ? r.json() : {}).catch(() => ({})).then(i => index = i);
}
// Set when a newer build's worker is installed: this one keeps nothing
// more (its caches are on their way out).
var retired = false;
// Index changes one at a time, each written down at once (a worker may stop
// at any moment).
function update(f) {
  if (retired) return chain;
  chain = chain.then(load).then(() => {
    f(index);
    return open(META).then(c => c.put(INDEX, new Response(JSON.stringify(index))));
  }).catch(() => {});
  return chain;
}
function mine(u) {
  return u.origin === location.origin && u.pathname.indexOf(BASE) === 0 &&
    u.pathname.indexOf(BASE + '__cerita/') !== 0;
}
function decode(s) {
  return s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (m, e) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);
}
function title(html) {
  var m = /<meta property="og:title" content="([^"]*)"/.exec(html) || /<title>([^<]*)/.exec(html);
  return m ? decode(m[1]) : '';
}
// Only the type is kept of a response's headers: the body stored is the
// decoded one (no encoding, its own length).
function typed(headers) {
  return { 'Content-Type': headers.get('content-type') || 'application/octet-stream' };
}
function stamped(body, headers, date) {
  var h = typed(headers);
  h['x-cerita-date'] = date || new Date().toISOString();
  return new Response(body, { headers: h });
}
// Drops the oldest pages read (never the saved ones) while over the budget.
function evict(ix) {
  var keys = Object.keys(ix).filter(k => !ix[k].saved), total = 0, gone = [];
  keys.forEach(k => total += ix[k].size || 0);
  keys.sort((a, b) => ix[a].time - ix[b].time);
  while (total > BUDGET && keys.length) {
    var k = keys.shift();
    total -= ix[k].size || 0;
    delete ix[k];
    gone.push(k);
  }
  if (gone.length) Promise.all([open(PAGES), open(STATIC)]).then(cs =>
    gone.forEach(k => cs.forEach(c => c.delete(k))));
}
// Bodies are read whole before anything is kept or answered: a response
// split in two (one for the page, one for the cache) stalls when the page
// stops reading its half, and the worker would stay busy for good.
function keepPage(key, html, headers) {
  if (retired) return Promise.resolve();
  return open(PAGES).then(c => c.put(key, stamped(html, headers))).then(() => update(ix => {
    var e = ix[key] || (ix[key] = {});
    e.title = title(html); e.time = Date.now(); e.size = html.length;
    evict(ix);
  }));
}
function keepFile(key, blob, headers) {
  if (retired) return Promise.resolve();
  return open(STATIC).then(c => c.put(key, new Response(blob, { headers: typed(headers) })))
    .then(() => update(ix => {
      var e = ix[key] || (ix[key] = {});
      e.time = Date.now(); e.size = blob.size;
      evict(ix);
    }));
}
function forget(key) {
  return update(ix => { delete ix[key]; }).then(() =>
    Promise.all([PAGES, SAVED].map(n => open(n).then(c => c.delete(key)))));
}
// Looked up by name: a lookup never makes a cache (an older build's one
// must stay gone).
function find(name, key) {
  return caches.match(key, { cacheName: name });
}
function kept(key) {
  return find(SAVED, key).then(m => m || find(PAGES, key));
}
// A kept page as it was, with its "saved copy" note shown and dated.
function marked(res) {
  var date = res.headers.get('x-cerita-date');
  return res.text().then(html => {
    var lang = (/<html lang="([^"]+)"/.exec(html) || [])[1];
    var day = '';
    try { day = new Date(date).toLocaleDateString(lang, { day: 'numeric', month: 'long', year: 'numeric' }); } catch (e) { day = date; }
    html = html.replace('<p class="notice saved-copy" hidden>', '<p class="notice saved-copy">')
      .replace('<span class="saved-at"></span>', '<time class="saved-at" datetime="' + date + '">' + day + '</time>');
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
}
function esc(s) {
  return String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}
// The offline page of the language `u` is in, listing what this phone keeps.
function offline(u) {
  var page = OFFLINE.find(o => u.pathname.indexOf(o[0]) === 0) || OFFLINE[OFFLINE.length - 1];
  return load().then(ix => {
    var saved = [], recent = [];
    Object.keys(ix).forEach(k => { if (ix[k].title) (ix[k].saved ? saved : recent).push(k); });
    recent.sort((a, b) => ix[b].time - ix[a].time);
    var list = (h, l) => l.length ? '<h2>' + h + '</h2><ul class="offline-list">' + l.slice(0, 30)
      .map(k => '<li><a href="' + esc(k) + '">' + esc(ix[k].title) + '</a></li>').join('') + '</ul>' : '';
    var html = page[1].replace(/<div class="offline-kept" data-saved="([^"]*)" data-recent="([^"]*)">([\s\S]*?)<\/div>/,
      (m, hs, hr, none) => '<div class="offline-kept">' + (saved.length + recent.length ? list(hs, saved) + list(hr, recent) : none) + '</div>');
    return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
  });
}
function isHtml(res) {
  return /text\/html/.test(res.headers.get('content-type') || '');
}
// A navigation: to a page, or to a photo or a file opened on its own (a
// gallery tile, a handout), which is kept and answered as a file.
function page(req, u) {
  var key = u.origin + u.pathname;
  var net = fetch(req).then(res => {
    if (res.ok && !isHtml(res)) return res.blob().then(b => {
      keepFile(u.href, b, res.headers);
      return new Response(b, { headers: typed(res.headers) });
    });
    if (res.ok) return res.text().then(html => {
      keepPage(key, html, res.headers);
      return new Response(html, { status: res.status, headers: typed(res.headers) });
    });
    if (res.status === 404 || res.status === 410) forget(key);
    return res;
  });
  var slow = new Promise((ok, no) => { setTimeout(no, 3000); net.then(ok, no); });
  return slow.catch(() => kept(key).then(m => m || find(STATIC, u.href))
    .then(m => m ? (isHtml(m) ? marked(m) : m) : net.catch(() => offline(u))));
}
function file(req, u) {
  var key = u.href;
  return kept(key).then(m => m || find(STATIC, key)).then(m => m ||
    fetch(req).then(res => res.ok && res.type === 'basic' && res.status === 200
      ? res.blob().then(b => {
        keepFile(key, b, res.headers);
        return new Response(b, { headers: typed(res.headers) });
      })
      : res));
}
// Fetched from the HTTP cache where it can be: what the page already has.
function grab(u) {
  return kept(u).then(m => m || find(STATIC, u))
    .then(m => m || fetch(u, { cache: 'force-cache' }).then(r => r.ok ? r : Promise.reject(r)));
}
// The page a reader opened before this worker ran, and what it loaded.
function warm(urls) {
  return Promise.all(urls.map(u => grab(u).then(r => {
    var x = new URL(u);
    return /text\/html/.test(r.headers.get('content-type') || '')
      ? r.text().then(html => keepPage(x.origin + x.pathname, html, r.headers))
      : r.blob().then(b => keepFile(u, b, r.headers));
  }).catch(() => {})));
}
function save(key, res, name) {
  var total = 0;
  return open(SAVED).then(c => grab(key).then(r => r.text().then(html => {
    total += html.length;
    return c.put(key, stamped(html, r.headers, r.headers.get('x-cerita-date')));
  })).then(() => Promise.all(res.map(u => grab(u).then(r => r.blob().then(b => {
    if (b.size > FILE_LIMIT) return;
    total += b.size;
    return c.put(u, new Response(b, { headers: typed(r.headers) }));
  })).catch(() => {}))))).then(() => update(ix => {
    var e = ix[key] || (ix[key] = { time: Date.now() });
    e.saved = true; e.res = res; e.size = total; e.title = e.title || name;
  })).then(() => total);
}
function unsave(key) {
  return update(ix => {
    var e = ix[key] || {}, keep = {};
    Object.keys(ix).forEach(k => { if (k !== key && ix[k].saved) (ix[k].res || []).forEach(u => keep[u] = 1); });
    open(SAVED).then(c => [key].concat(e.res || []).forEach(u => keep[u] || c.delete(u)));
    delete e.saved;
  });
}
// Saved stories again from the site: newer text, or gone with the story.
function refresh() {
  return load().then(ix => Promise.all(Object.keys(ix).filter(k => ix[k].saved).map(k =>
    fetch(k, { cache: 'no-store' }).then(r => {
      if (r.status === 404 || r.status === 410) return unsave(k).then(() => update(i => { delete i[k]; }));
      if (r.ok) return r.text().then(html => open(SAVED).then(c => c.put(k, stamped(html, r.headers))));
    }).catch(() => {}))));
}

// What older builds kept goes (but the saved stories) as soon as this
// build's worker is installed, even while an older one still answers.
function cleanup() {
  return caches.keys().then(ks => Promise.all(ks.filter(k => k.indexOf('cerita-') === 0 &&
    [STATIC, PAGES, SAVED, META].indexOf(k) < 0).map(k => caches.delete(k))))
    .then(() => update(ix => Object.keys(ix).forEach(k => { if (!ix[k].saved) delete ix[k]; })));
}
self.addEventListener('install', e => {
  var older = self.registration.active;
  if (older) older.postMessage({ retire: 1 });
  self.skipWaiting();
  e.waitUntil(cleanup().then(refresh));
});
self.addEventListener('activate', e => {
  e.waitUntil(cleanup().then(() => self.clients.claim()));
});
self.addEventListener('fetch', e => {
  var req = e.request, u = new URL(req.url);
  if (req.method !== 'GET' || !mine(u) || req.headers.has('range')) return;
  e.respondWith(req.mode === 'navigate' ? page(req, u) : file(req, u));
});
self.addEventListener('message', e => {
  var m = e.data || {}, port = e.ports[0], reply = v => port && port.postMessage(v);
  if (m.skip) self.skipWaiting();
  if (m.retire) retired = true;
  if (m.warm) e.waitUntil(warm(m.warm.filter(u => mine(new URL(u)))));
  if (m.save) e.waitUntil(save(m.save, m.res || [], m.title || '').then(b => reply({ ok: true, bytes: b }), () => reply({ ok: false })));
  if (m.unsave) e.waitUntil(unsave(m.unsave).then(() => reply({ ok: true })));
});
