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

  var last = -1;
  var widget = document.querySelector('main > *');
  // While the widget loads, its placeholder is shorter than its content: keep the iframe's own
  // height until then, so the host page moves once, not twice.
  var loading = function () {
    try {
      return widget && widget.matches(':not(:defined), :state(loading)');
    } catch {
      return widget && widget.matches(':not(:defined)');
    }
  };
  new ResizeObserver(function () {
    if (loading()) return;
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    for (var i = 0; i < targets.length; i++) {
      window.parent.postMessage({ type: 'parvis:resize', height: height }, targets[i]);
    }
  }).observe(document.documentElement);

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
