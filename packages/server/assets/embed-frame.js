// Inside a Parvis iframe page: tells the parent page the content's height, so that
// parvis-embed.js can size the iframe. Only to the sites allowed to frame this consultation
// (listed by the server in <meta name="parvis-parent-origins">), each by its exact origin.
(function () {
  'use strict';
  if (window.parent === window || typeof ResizeObserver !== 'function') return;
  var meta = document.querySelector('meta[name="parvis-parent-origins"]');
  var allowed = ((meta && meta.content) || '').split(' ').filter(Boolean);
  var parent = parentOrigin();
  var targets;
  if (parent && (allowed.indexOf('*') >= 0 || allowed.indexOf(parent) >= 0)) targets = [parent];
  else if (parent) targets = [];
  // Parent unknown (no ancestorOrigins, no referrer): each allowed site by its exact origin;
  // the browser drops a message whose target is not the parent's origin.
  else
    targets = allowed.filter(function (o) {
      return o !== '*';
    });
  if (targets.length === 0) return;

  // WordPress's Embed block frames this page with `#?secret=…` and sizes the iframe itself
  // (wp-embed.js) from `{ message: 'height', value, secret }`, re-asked by a 'ready' message.
  var wordpress = /^#\?secret=([A-Za-z0-9]{1,32})$/.exec(location.hash);
  var secret = wordpress && wordpress[1];

  // In an iframe sandboxed without allow-same-origin (WordPress's Embed block), the page has no
  // origin of its own and the server refuses its answers (Origin: null is no allowed site):
  // the widget is shown read-only, with a link to answer on the consultation's own page.
  var notice = document.querySelector('.parvis-sandboxed');
  if (notice && window.origin === 'null' && allowed.indexOf('*') < 0) {
    notice.hidden = false;
    var open = document.querySelector('main > :not(.parvis-sandboxed)');
    if (open) open.inert = true;
    notice.querySelector('a').addEventListener('click', function (event) {
      // Without allow-popups the new tab is blocked; wp-embed.js opens a link of this server in
      // the whole window when its iframe has the focus.
      if (!secret) return;
      event.preventDefault();
      window.parent.postMessage({ message: 'link', value: this.href, secret: secret }, targets[0]);
    });
  }

  var last = -1;
  var widget = document.querySelector('main > :not(.parvis-sandboxed)');
  // While the widget loads, its placeholder is shorter than its content: keep the iframe's own
  // height until then, so the host page moves once, not twice.
  var loading = function () {
    try {
      return widget && widget.matches(':not(:defined), :state(loading)');
    } catch {
      return widget && widget.matches(':not(:defined)');
    }
  };
  var tell = function () {
    for (var i = 0; i < targets.length; i++) {
      window.parent.postMessage({ type: 'parvis:resize', height: last }, targets[i]);
    }
    tellWordPress(last);
  };
  new ResizeObserver(function () {
    if (loading()) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    tell();
  }).observe(document.documentElement);

  function tellWordPress(height) {
    if (!secret) return;
    for (var i = 0; i < targets.length; i++) {
      window.parent.postMessage({ message: 'height', value: height, secret: secret }, targets[i]);
    }
  }
  if (secret) {
    // wp-embed.js keeps the iframe out of sight until its page speaks, and the browser does not
    // render (so ResizeObserver does not report) an iframe out of sight: speak at once, with the
    // iframe's own height while the widget loads, and again when wp-embed.js says it is ready.
    tellWordPress(last >= 0 ? last : window.innerHeight);
    window.addEventListener('message', function (event) {
      var data = event.data;
      if (event.source !== window.parent || targets.indexOf(event.origin) < 0) return;
      if (data && data.message === 'ready' && data.secret === secret) {
        tellWordPress(last >= 0 ? last : window.innerHeight);
      }
    });
  }

  function parentOrigin() {
    var ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length > 0) return ancestors[0] === 'null' ? null : ancestors[0];
    try {
      return document.referrer ? new URL(document.referrer).origin : null;
    } catch {
      return null;
    }
  }
})();
