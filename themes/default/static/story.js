// Story pages: a video's link becomes a button that swaps in the player
// (nothing is fetched from the video host before that), and the share box
// gains the phone's own share sheet and a copy-link button where the
// browser has them. Without this script the links still work.
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
