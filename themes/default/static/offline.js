// Offline reading: registers the site's worker once the page has loaded,
// asks it to look for a newer build (a few hundred bytes when there is
// none) and to take over at once when there is one, then hands it what this
// page already loaded, so the page opens without a connection too. The
// worker's address and scope come from this script's own tag.
(function () {
  var me = document.currentScript;
  if (!me || !('serviceWorker' in navigator)) return;
  var workers = navigator.serviceWorker;
  addEventListener('load', function () {
    workers.register(me.getAttribute('data-worker'), {
      scope: me.getAttribute('data-scope'),
      updateViaCache: 'none'
    }).then(function (r) {
      var skip = function () { if (r.waiting) r.waiting.postMessage({ skip: 1 }); };
      r.addEventListener('updatefound', function () {
        var w = r.installing;
        if (w) w.addEventListener('statechange', skip);
      });
      r.update().then(skip, skip);
      return workers.ready;
    }).then(function (r) {
      var loaded = performance.getEntriesByType('resource').map(function (e) { return e.name; });
      r.active.postMessage({ warm: [location.href].concat(loaded) });
    }).catch(function () {});
  });
})();
