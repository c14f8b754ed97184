// Draws the statistics charts from the numbers the page already shows in its tables.
(function () {
  const source = document.getElementById('datos-graficos');
  if (!source || typeof Chart === 'undefined') return;
  // The numbers come in a data attribute: the Content-Security-Policy allows no inline script, not even JSON.
  const datos = JSON.parse(source.dataset.graficos);
  const dias = document.getElementById('grafico-dias');
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
  const tipos = document.getElementById('grafico-tipos');
  if (tipos) {
    new Chart(tipos, {
      type: 'bar',
      data: { labels: datos.tipos, datasets: [{ label: 'Correos', data: datos.porTipo, backgroundColor: '#0b5cad' }] },
      options: { indexAxis: 'y', responsive: true, plugins: { legend: { display: false } } },
    });
  }
})();
