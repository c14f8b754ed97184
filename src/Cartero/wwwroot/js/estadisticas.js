// Draws the statistics charts from the numbers the page already shows in its tables.
(function () {
  const source = document.getElementById('datos-graficos');
  if (!source || typeof Chart === 'undefined') return;
  // The numbers come in a data attribute: the Content-Security-Policy allows no inline script, not even JSON.
  const datos = JSON.parse(source.dataset.graficos);
  // Each chart area holds its figures as a list (what a page without JavaScript shows); the chart takes its place
  // and the list stays for screen readers.
  function lienzo(id) {
    const area = document.getElementById(id);
    if (!area) return null;
    const canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', area.dataset.titulo || '');
    const lista = area.querySelector('.grafico-texto');
    if (lista) lista.classList.add('solo-lectores');
    area.insertBefore(canvas, area.firstChild);
    return canvas;
  }
  const dias = lienzo('grafico-dias');
  if (dias) {
    new Chart(dias, {
      type: 'bar',
      data: {
        labels: datos.dias,
        datasets: [
          { label: 'Enviados', data: datos.enviados, backgroundColor: '#146c2e' },
          { label: 'Fallidos', data: datos.fallidos, backgroundColor: '#a4161a' },
          { label: 'En proceso', data: datos.otros, backgroundColor: '#8a5300' },
        ],
      },
      options: { responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    });
  }
  const tipos = lienzo('grafico-tipos');
  if (tipos) {
    new Chart(tipos, {
      type: 'bar',
      data: { labels: datos.tipos, datasets: [{ label: 'Correos', data: datos.porTipo, backgroundColor: '#0b5cad' }] },
      options: { indexAxis: 'y', responsive: true, plugins: { legend: { display: false } } },
    });
  }
})();
