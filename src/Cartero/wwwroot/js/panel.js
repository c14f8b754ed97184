// Small behaviours of every panel page (a file, not inline script: the CSP allows only 'self').
// - form[data-confirmar]: asks before a destructive action (revoke a key, replace a password, turn 2FA off…).
// - form[data-enviando]: shows progress and blocks a second submit while the server works (the test send).
// Without JavaScript the forms still work; the server checks everything again.
(function () {
  'use strict';
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }

    var question = form.getAttribute('data-confirmar');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      return;
    }

    var progress = form.getAttribute('data-enviando');
    if (progress) {
      if (form.getAttribute('aria-busy') === 'true') {
        event.preventDefault();
        return;
      }

      form.setAttribute('aria-busy', 'true');
      var status = form.querySelector('.progreso');
      if (!status) {
        status = document.createElement('p');
        status.className = 'progreso';
        status.setAttribute('role', 'status');
        form.appendChild(status);
      }

      status.textContent = progress;
      // Disabled after this event, so the clicked button's name/value is still sent.
      window.setTimeout(function () {
        form.querySelectorAll('button[type=submit], input[type=submit]').forEach(function (b) { b.disabled = true; });
      }, 0);
    }
  });
})();
