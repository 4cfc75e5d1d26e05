// The snippet builder's copy buttons: the clipboard when the browser allows it, else the text is
// selected for Ctrl+C. The result is announced in the status line under the button.
(function () {
  'use strict';
  var buttons = document.querySelectorAll('button.copy[data-copy]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', copy);
  }

  function copy(event) {
    var id = event.currentTarget.getAttribute('data-copy');
    var field = document.getElementById(id);
    var status = document.getElementById(id + '-statut');
    if (!field || !status) return;
    var others = document.querySelectorAll('.copy-status');
    for (var i = 0; i < others.length; i++) others[i].textContent = '';
    var say = function (text) {
      status.textContent = '';
      // A fresh text each time, so that a second copy is announced again.
      setTimeout(function () {
        status.textContent = text;
      }, 50);
    };
    var select = function () {
      field.focus();
      field.select();
      say('Le code est sélectionné : copiez-le avec Ctrl+C (ou Cmd+C).');
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(field.value).then(function () {
        say('Copié.');
      }, select);
    } else select();
  }
})();
