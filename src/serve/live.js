// cerita serve: live reload and error overlay. Injected only by `cerita serve`.
(function () {
  "use strict";
  var key = "cerita-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) {
      sessionStorage.removeItem(key);
      window.addEventListener("load", function () { window.scrollTo(0, +y); });
    }
  } catch (e) {}
  var build = null;
  var box = null;
  function reload() {
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var u = new URL(links[i].href);
      u.searchParams.set("v", String(Date.now()));
      links[i].href = u.toString();
    }
  }
  function clear() {
    if (box) { box.remove(); box = null; }
  }
  function show(errors) {
    clear();
    box = document.createElement("div");
    box.id = "cerita-error-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,10,10,.94);" +
      "color:#fff;font:14px/1.5 ui-monospace,monospace;padding:24px";
    var h = document.createElement("h2");
    h.textContent = "cerita: the last edit broke the build (the previous version is still served)";
    h.style.cssText = "font:bold 18px/1.3 system-ui,sans-serif;margin:0 0 16px;color:#ffb4b4";
    box.appendChild(h);
    errors.forEach(function (e) {
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0 0 16px;padding:12px;background:#2a1616;border-left:4px solid #ff6b6b";
      pre.textContent = e.text;
      box.appendChild(pre);
    });
    document.body.appendChild(box);
  }
  // The page is named so that an edit renders it before the others.
  var es = new EventSource("/__cerita/events?page=" + encodeURIComponent(location.pathname));
  es.addEventListener("hello", function (ev) {
    var d = JSON.parse(ev.data);
    if (build !== null && d.build !== build) { reload(); return; }
    build = d.build;
    if (d.errors && d.errors.length) { show(d.errors); } else { clear(); }
  });
  es.addEventListener("reload", function (ev) {
    var d = JSON.parse(ev.data);
    build = d.build;
    if (d.css) { clear(); swapCss(); } else { reload(); }
  });
  es.addEventListener("build-error", function (ev) { show(JSON.parse(ev.data).errors); });
})();
