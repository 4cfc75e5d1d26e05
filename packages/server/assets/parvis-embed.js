// Parvis iframe helper for the host page (optional): gives each Parvis iframe the height of its
// content. It listens only to messages from the server this script came from, and resizes only
// the iframe that sent them. Load it once with
//   <script src="https://consult.example.fr/parvis-embed.js" defer></script>
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var installed = (window.__parvisEmbed = window.__parvisEmbed || {});
  if (installed[origin]) return;
  installed[origin] = true;
  var maxHeight = 10000;

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || data.type !== 'parvis:resize') return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 0) return;
    var frames = document.getElementsByTagName('iframe');
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.ceil(height), maxHeight) + 'px';
        return;
      }
    }
  });
})();
