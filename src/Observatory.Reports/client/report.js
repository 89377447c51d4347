// Draws each chart of a report page from the JSON beside it, with ECharts. The tables hold the same figures.
(function () {
  'use strict';

  var palette = ['#005eb8', '#ed8b00', '#009639', '#7c2855', '#00a9ce', '#425563'];

  function scale(unit) {
    return unit === '%' ? function (v) { return v == null ? null : Math.round(v * 1000) / 10; } : function (v) { return v; };
  }

  // A vertical line from the lower to the upper 95% limit of each bar, with caps.
  function errorBars(name, lower, upper, toScale) {
    var data = lower.map(function (low, i) {
      return low == null || upper[i] == null ? [i, null, null] : [i, toScale(low), toScale(upper[i])];
    });
    return {
      type: 'custom',
      name: name + ' (95% CI)',
      data: data,
      z: 10,
      silent: true,
      encode: { x: 0, y: [1, 2] },
      renderItem: function (params, api) {
        if (api.value(1) == null || isNaN(api.value(1))) { return null; }
        var low = api.coord([api.value(0), api.value(1)]);
        var high = api.coord([api.value(0), api.value(2)]);
        var half = api.size([1, 0])[0] * 0.12;
        var style = { stroke: '#212b32', lineWidth: 1.5 };
        return {
          type: 'group',
          children: [
            { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style: style },
            { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style: style },
            { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style: style }
          ]
        };
      }
    };
  }

  function options(chart) {
    var toScale = scale(chart.unit);
    var series = [];
    chart.series.forEach(function (s, index) {
      var main = {
        type: chart.kind === 'line' ? 'line' : 'bar',
        name: s.name,
        data: s.values.map(toScale),
        itemStyle: { color: palette[index % palette.length] }
      };
      if (index === 0 && chart.target != null) {
        main.markLine = {
          symbol: 'none',
          label: { formatter: chart.targetLabel || 'Target', position: 'insideEndTop' },
          lineStyle: { type: 'dashed', color: '#d5281b' },
          data: [{ yAxis: toScale(chart.target) }]
        };
      }
      series.push(main);
      if (s.lower && s.upper) { series.push(errorBars(s.name, s.lower, s.upper, toScale)); }
    });
    return {
      animation: false,
      color: palette,
      grid: { left: 56, right: 24, top: 48, bottom: 72, containLabel: true },
      legend: { top: 0, data: chart.series.map(function (s) { return s.name; }) },
      tooltip: { trigger: 'axis', valueFormatter: function (v) { return v == null ? 'no value' : v + (chart.unit === '%' ? '%' : ''); } },
      xAxis: { type: 'category', data: chart.categories, axisLabel: { interval: 0, rotate: chart.categories.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', name: chart.unit, min: 0, max: chart.unit === '%' ? 100 : null },
      series: series
    };
  }

  function draw() {
    var scripts = document.querySelectorAll('script.chart-data');
    var drawn = 0;
    scripts.forEach(function (script) {
      var element = document.getElementById(script.getAttribute('data-for'));
      var chart = echarts.init(element, null, { renderer: 'svg' });
      // With animation off, 'finished' fires during setOption: listen first.
      chart.on('finished', function () {
        chart.off('finished');
        drawn += 1;
        if (drawn === scripts.length) { document.documentElement.setAttribute('data-charts-drawn', String(drawn)); }
      });
      chart.setOption(options(JSON.parse(script.textContent)));
      window.addEventListener('resize', function () { chart.resize(); });
    });
    if (scripts.length === 0) { document.documentElement.setAttribute('data-charts-drawn', '0'); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
}());
