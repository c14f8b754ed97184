// Keeps the sale's mail state current without a reload; without JavaScript a refresh shows the same.
(function () {
  var box = document.getElementById('estado-correo');
  if (!box || box.dataset.settled === 'true') { return; }
  var label = document.getElementById('estado-correo-texto');
  var reason = document.getElementById('motivo-correo');
  var actions = document.getElementById('acciones-correo');
  var delay = 1000;
  function poll() {
    fetch(box.dataset.url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { return; }
        label.textContent = s.label;
        if (s.reason) { reason.textContent = s.reason; reason.hidden = false; }
        if (s.settled) {
          // Retry and correction buttons depend on the final state: the page draws them.
          if (s.canRetry || s.canCorrect) { window.location.reload(); }
          return;
        }
        delay = Math.min(delay * 1.5, 10000);
        window.setTimeout(poll, delay);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, delay);
})();
