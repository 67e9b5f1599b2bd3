// Story pages: a video's link becomes a button that swaps in the player
// (nothing is fetched from the video host before that), and the share box
// gains the phone's own share sheet and a copy-link button where the
// browser has them; a gallery tile shown as WebP opens the WebP photo.
// Without this script the links still work.
(function () {
  var d = document;
  var each = function (sel, f) { Array.prototype.forEach.call(d.querySelectorAll(sel), f); };
  each('a.video-link[data-embed]', function (a) {
    var b = d.createElement('button');
    b.type = 'button';
    b.className = a.className;
    b.setAttribute('aria-label', a.getAttribute('aria-label'));
    while (a.firstChild) b.appendChild(a.firstChild);
    a.parentNode.replaceChild(b, a);
    b.addEventListener('click', function () {
      var f = d.createElement('iframe');
      f.src = a.getAttribute('data-embed');
      f.title = a.getAttribute('data-title');
      f.setAttribute('allow', 'autoplay; encrypted-media; fullscreen; picture-in-picture');
      f.setAttribute('allowfullscreen', '');
      b.parentNode.replaceChild(f, b);
      f.focus();
    });
  });
  // A gallery tile opens its photo's largest version: the WebP one once
  // the tile itself was shown as WebP (about a third fewer bytes than the
  // JPEG at the photo's own address, which stays for browsers without
  // WebP and for readers without this script).
  each('a[data-webp] img', function (i) {
    var a = i.closest('a');
    var use = function () {
      if (/\.(webp|avif)$/.test(i.currentSrc || '')) a.href = a.getAttribute('data-webp');
    };
    if (i.complete) use(); else i.addEventListener('load', use);
  });
  // "Save for offline": the page, its photos at the size this phone
  // loaded (the lazy ones loaded first), its downloads, kept by the worker
  // until the reader removes them.
  var save = d.querySelector('.save-offline');
  if (save && navigator.serviceWorker && window.caches) {
    navigator.serviceWorker.ready.then(function (reg) {
      var key = location.origin + location.pathname;
      var note = save.parentNode.querySelector('.save-status');
      var saved = false;
      var show = function (on, text) {
        saved = on;
        save.textContent = save.getAttribute(on ? 'data-unsave' : 'data-save');
        note.textContent = text || '';
      };
      var ask = function (msg) {
        return new Promise(function (ok) {
          var ch = new MessageChannel();
          ch.port1.onmessage = function (e) { ok(e.data || {}); };
          reg.active.postMessage(msg, [ch.port2]);
        });
      };
      var files = function () {
        var imgs = [].slice.call(d.querySelectorAll('main img'));
        return Promise.all(imgs.map(function (i) {
          i.loading = 'eager';
          return i.decode ? i.decode().catch(function () {}) : null;
        })).then(function () {
          var list = imgs.map(function (i) { return i.currentSrc || i.src; });
          each('.download a[href], link[rel=stylesheet], script[src]', function (a) { list.push(a.href || a.src); });
          return list.filter(Boolean);
        });
      };
      caches.open('cerita-meta').then(function (c) { return c.match(save.getAttribute('data-index')); })
        .then(function (r) { return r ? r.json() : {}; })
        .then(function (ix) { show(!!(ix[key] && ix[key].saved)); }, function () {});
      save.parentNode.hidden = false;
      save.addEventListener('click', function () {
        if (saved) {
          ask({ unsave: key }).then(function () { show(false); });
          return;
        }
        note.textContent = save.getAttribute('data-saving');
        files().then(function (res) {
          var h1 = d.querySelector('h1');
          return ask({ save: key, res: res, title: h1 ? h1.textContent : d.title });
        }).then(function (r) {
          if (r.ok) show(true, save.getAttribute('data-saved') + ' (' + Math.max(1, Math.round(r.bytes / 1024)) + ' KB)');
          else show(false, save.getAttribute('data-failed'));
        });
      });
    });
  }
  var box = d.querySelector('.share');
  if (!box) return;
  var url = box.getAttribute('data-url');
  var title = box.getAttribute('data-title');
  var native = box.querySelector('.share-native');
  if (native && navigator.share) {
    native.hidden = false;
    native.addEventListener('click', function () {
      navigator.share({ title: title, url: url }).catch(function () {});
    });
  }
  var copy = box.querySelector('.share-copy');
  var status = box.querySelector('.share-status');
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.hidden = false;
    copy.addEventListener('click', function () {
      navigator.clipboard.writeText(url).then(function () {
        status.textContent = copy.getAttribute('data-done');
      }, function () {});
    });
  }
})();
