// Each tile kind as an ECharts option, drawn as SVG (sharp in print, scalable to the page). Colour follows the
// statistics: a group is coloured better or worse only when the feed judged its interval to exclude the comparator.
import * as echarts from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { IndicatorInfo, ValueRow } from './config';
import * as f from './format';

echarts.use([BarChart, CustomChart, HeatmapChart, LineChart, AriaComponent, GridComponent, LegendComponent, MarkLineComponent,
  TooltipComponent, VisualMapComponent, SVGRenderer]);

export { echarts };

/** Colours with at least 3:1 contrast on white; the judgement is also in the tooltip and the table, never colour alone. */
export const colours: Record<string, string> = {
  Better: '#007f3b', Worse: '#d5281b', Similar: '#5e6a71', Higher: '#005eb8', Lower: '#7c2855',
  NotCompared: '#425563', Reference: '#212b32',
};

const series = ['#005eb8', '#d5281b', '#007f3b', '#7c2855', '#ed8b00', '#330072', '#00a499'];

export interface Point { code: string; name: string }

export interface Drawn { option: echarts.EChartsCoreOption; points: Point[]; height?: number }

function escape(text: string): string {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

/** Numerator, denominator, value, interval and judgements: what a reader needs to trust a bar. */
export function tooltip(info: IndicatorInfo, row: ValueRow): string {
  const lines = [`<strong>${escape(row.GroupCode === 'All' ? info.title : row.GroupName)}</strong> · ${escape(row.Period)}`];
  if (f.isProtected(row)) {
    lines.push(escape(f.protectedText));
  } else {
    lines.push(`${escape(f.value(info, row.Value, true))} ${escape(f.interval(info, row.Lower95, row.Upper95, true))}`);
    lines.push(`Numerator ${escape(f.count(row.Numerator))}${info.denominator ? ` · denominator ${escape(f.count(row.Denominator))}` : ''}`);
  }
  if (row.ReferenceGroup && row.GroupCode !== row.ReferenceGroup && row.ComparedWithReference !== 'NotCompared') {
    lines.push(`Against the reference group: ${escape(f.judgement(row.ComparedWithReference))}`);
  }
  if (row.GroupCode !== 'All' && row.ComparedWithOverall && row.ComparedWithOverall !== 'NotCompared') {
    lines.push(`Against the overall figure: ${escape(f.judgement(row.ComparedWithOverall))}`);
  }
  if (info.target != null && row.ComparedWithTarget && row.ComparedWithTarget !== 'NotCompared') {
    lines.push(`Against the target: ${escape(f.judgement(row.ComparedWithTarget))}`);
  }
  return lines.join('<br>');
}

function whiskers(name: string, data: (number | null)[][], colour = '#212b32') {
  return {
    type: 'custom', name: `${name} (95% interval)`, data, z: 10, silent: true, encode: { x: 0, y: [1, 2] },
    renderItem(_: unknown, api: { value(i: number): number; coord(p: number[]): number[]; size(p: number[]): number[] }) {
      if (api.value(1) == null || Number.isNaN(api.value(1))) { return null; }
      const low = api.coord([api.value(0), api.value(1)]);
      const high = api.coord([api.value(0), api.value(2)]);
      const half = Math.min(8, api.size([1, 0])[0] * 0.12);
      const style = { stroke: colour, lineWidth: 1.5 };
      return {
        type: 'group', children: [
          { type: 'line', shape: { x1: low[0], y1: low[1], x2: high[0], y2: high[1] }, style },
          { type: 'line', shape: { x1: low[0] - half, y1: low[1], x2: low[0] + half, y2: low[1] }, style },
          { type: 'line', shape: { x1: high[0] - half, y1: high[1], x2: high[0] + half, y2: high[1] }, style },
        ],
      };
    },
  };
}

/** A label at the foot of each withheld category, so a protected value reads as protected, not as a missing or zero bar. */
function protectedLabels(flags: boolean[]) {
  return {
    type: 'custom', name: 'Protected', silent: true, z: 11, encode: { x: 0, y: 1 },
    data: flags.map((p, i) => (p ? [i, 0] : [i, null])),
    renderItem(_: unknown, api: { value(i: number): number; coord(p: number[]): number[] }) {
      if (api.value(1) == null || Number.isNaN(api.value(1))) { return null; }
      const at = api.coord([api.value(0), api.value(1)]);
      return { type: 'text', x: at[0], y: at[1] - 6, rotation: Math.PI / 2, style: { text: 'protected', fill: '#212b32', fontSize: 12, align: 'left', verticalAlign: 'middle' } };
    },
  };
}

const base = {
  animation: false,
  aria: { enabled: true },
  grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
  textStyle: { fontFamily: 'system-ui, sans-serif', color: '#212b32' },
};

function valueAxis(info: IndicatorInfo) {
  return { type: 'value', name: f.axisLabel(info), nameTextStyle: { color: '#425563', align: 'left' }, axisLabel: { color: '#425563' }, splitLine: { lineStyle: { color: '#e8edee' } } };
}

function categoryAxis(labels: string[]) {
  // Many or long names are slanted and shortened (the tooltip and the table give them whole).
  const crowded = labels.length > 7 || labels.some(l => l.length > 24);
  return {
    type: 'category', data: labels, axisTick: { alignWithLabel: true },
    axisLabel: crowded ? { interval: 0, color: '#212b32', rotate: 35, width: 130, overflow: 'truncate' } : { interval: 0, color: '#212b32', width: 90, overflow: 'break' },
  };
}

function barColour(row: ValueRow, highlight: string | null): { color: string; opacity: number } {
  const judged = row.GroupCode === row.ReferenceGroup ? 'Reference' : row.ComparedWithReference || 'NotCompared';
  return { color: colours[judged] ?? colours.NotCompared, opacity: highlight && highlight !== row.GroupCode ? 0.35 : 1 };
}

/** One indicator by a breakdown: bars with intervals, the overall value and the target as lines. */
export function groupBars(info: IndicatorInfo, rows: ValueRow[], breakdown: string, highlight: string | null): Drawn {
  const groups = rows.filter(r => r.Breakdown === breakdown).sort((a, b) => a.GroupOrder - b.GroupOrder);
  const overall = rows.find(r => r.Breakdown === 'overall');
  const lines: object[] = [];
  if (overall?.Value != null) {
    lines.push({ yAxis: f.scaled(info, overall.Value), name: 'All', label: { formatter: `All ${f.bare(info, overall.Value)}`, position: 'insideEndTop', color: '#212b32' }, lineStyle: { type: 'dashed', color: '#212b32' } });
  }
  if (info.target != null) {
    lines.push({ yAxis: f.scaled(info, info.target), name: 'Target', label: { formatter: `Target ${f.value(info, info.target)}`, position: 'insideStartTop', color: '#d5281b' }, lineStyle: { type: 'dotted', color: '#d5281b', width: 2 } });
  }
  const labels = groups.map(g => g.GroupName);
  return {
    points: groups.map(g => ({ code: g.GroupCode, name: g.GroupName })),
    option: {
      ...base,
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => tooltip(info, groups[p.dataIndex]) },
      xAxis: categoryAxis(labels),
      yAxis: valueAxis(info),
      series: [
        {
          type: 'bar', name: info.title, barMaxWidth: 48,
          data: groups.map(g => ({
            value: f.isProtected(g) ? null : f.scaled(info, g.Value),
            itemStyle: barColour(g, highlight),
          })),
          markLine: { silent: true, symbol: 'none', data: lines },
        },
        protectedLabels(groups.map(f.isProtected)),
        whiskers(info.title, groups.map((g, i) => f.isProtected(g) ? [i, null, null] : [i, f.scaled(info, g.Lower95), f.scaled(info, g.Upper95)])),
      ],
    },
  };
}

/** Several indicators' overall values side by side, each coloured against its target where it has one. */
export function indicatorBars(infos: IndicatorInfo[], rows: ValueRow[]): Drawn {
  const overall = infos.map(info => rows.find(r => r.IndicatorId === info.id && r.Breakdown === 'overall'));
  const unit = infos[0];
  return {
    points: infos.map(i => ({ code: i.id, name: i.title })),
    option: {
      ...base,
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => overall[p.dataIndex] ? tooltip(infos[p.dataIndex], overall[p.dataIndex]!) : '' },
      xAxis: categoryAxis(infos.map(i => f.short(i.title))),
      yAxis: valueAxis(unit),
      series: [
        {
          type: 'bar', name: 'Value', barMaxWidth: 48,
          data: overall.map((r, i) => ({
            value: !r || f.isProtected(r) ? null : f.scaled(infos[i], r.Value),
            itemStyle: { color: colours[r?.ComparedWithTarget && r.ComparedWithTarget !== 'NotCompared' ? r.ComparedWithTarget : 'Higher'] },
          })),
          markLine: infos.length && unit.target != null && infos.every(i => i.target === unit.target)
            ? { silent: true, symbol: 'none', data: [{ yAxis: f.scaled(unit, unit.target), label: { formatter: `Target ${f.bare(unit, unit.target)}`, position: 'insideStartTop', color: '#d5281b' }, lineStyle: { type: 'dotted', color: '#d5281b', width: 2 } }] }
            : undefined,
        },
        whiskers('Value', overall.map((r, i) => !r || f.isProtected(r) ? [i, null, null] : [i, f.scaled(infos[i], r.Lower95), f.scaled(infos[i], r.Upper95)])),
        protectedLabels(overall.map(r => !!r && f.isProtected(r))),
      ],
    },
  };
}

/** Values over periods: one line per indicator (or per group), each point with its interval. */
export function trendLines(infos: IndicatorInfo[], rows: ValueRow[], periods: string[], breakdown: string): Drawn {
  const keys = breakdown === 'overall'
    ? infos.map(i => ({ id: i.id, group: 'All', name: i.title, info: i }))
    : [...new Map(rows.filter(r => r.Breakdown === breakdown).sort((a, b) => a.GroupOrder - b.GroupOrder).map(r => [r.GroupCode, r])).values()]
      .map(r => ({ id: r.IndicatorId, group: r.GroupCode, name: r.GroupName, info: infos[0] }));
  const unit = infos[0];
  const drawn: object[] = [];
  keys.forEach((k, index) => {
    const points = periods.map(p => rows.find(r => r.IndicatorId === k.id && r.GroupCode === k.group && r.Period === p && (breakdown === 'overall' ? r.Breakdown === 'overall' : r.Breakdown === breakdown)));
    const colour = series[index % series.length];
    drawn.push({
      type: 'line', name: k.name, connectNulls: false, symbolSize: 7, itemStyle: { color: colour }, lineStyle: { color: colour, width: 2 },
      data: points.map(r => (r && !f.isProtected(r) ? f.scaled(k.info, r.Value) : null)),
      tooltip: { formatter: (p: { dataIndex: number }) => points[p.dataIndex] ? tooltip(k.info, points[p.dataIndex]!) : '' },
      markLine: index === 0 && unit.target != null && infos.every(i => i.target === unit.target)
        ? { silent: true, symbol: 'none', data: [{ yAxis: f.scaled(unit, unit.target), label: { formatter: `Target ${f.bare(unit, unit.target)}`, position: 'insideStartTop', color: '#d5281b' }, lineStyle: { type: 'dotted', color: '#d5281b', width: 2 } }] }
        : undefined,
    });
    drawn.push(whiskers(k.name, points.map((r, i) => !r || f.isProtected(r) ? [i, null, null] : [i, f.scaled(k.info, r.Lower95), f.scaled(k.info, r.Upper95)]), colour));
  });
  return {
    points: periods.map(p => ({ code: p, name: p })),
    option: {
      ...base,
      grid: { ...base.grid, top: keys.length > 1 ? 56 : 28 },
      legend: keys.length > 1 ? { top: 0, type: 'scroll', data: keys.map(k => k.name), formatter: (name: string) => f.short(name) } : undefined,
      tooltip: { trigger: 'item' },
      xAxis: { ...categoryAxis(periods), axisLabel: { color: '#212b32', hideOverlap: true } },
      yAxis: valueAxis(unit),
      series: drawn,
    },
  };
}

/** Indicators (and groups) down, periods across; protected cells marked, empty cells left blank. */
export function heatmap(infos: IndicatorInfo[], rows: ValueRow[], periods: string[], breakdown: string): Drawn {
  const lines = infos.flatMap(info => {
    const groups = breakdown === 'overall' ? [{ code: 'All', name: '' }]
      : [...new Map(rows.filter(r => r.IndicatorId === info.id && r.Breakdown === breakdown).sort((a, b) => a.GroupOrder - b.GroupOrder).map(r => [r.GroupCode, { code: r.GroupCode, name: r.GroupName }])).values()];
    return groups.map(g => ({ info, group: g.code, label: `${f.short(info.title)}${g.name ? ` · ${g.name}` : ''}` }));
  });
  const cells: { value: (number | null)[]; row: ValueRow | undefined; label?: object }[] = [];
  lines.forEach((line, y) => periods.forEach((period, x) => {
    const row = rows.find(r => r.IndicatorId === line.info.id && r.Period === period && r.GroupCode === line.group && r.Breakdown === (breakdown === 'overall' ? 'overall' : breakdown));
    const shown = row && !f.isProtected(row) ? f.scaled(line.info, row.Value) : null;
    cells.push({ value: [x, y, shown], row, label: row && f.isProtected(row) ? { show: true, formatter: 'P' } : undefined });
  }));
  const known = cells.map(c => c.value[2]).filter((v): v is number => v != null);
  const low = infos[0].unit === 'proportion' ? 0 : Math.min(...known);
  const high = infos[0].unit === 'proportion' ? 100 : Math.max(...known);
  cells.forEach(c => {
    // White text on the darker half of the scale, black on the lighter: both above 4.5:1.
    const v = c.value[2];
    if (v != null) { c.label = { color: (v - low) / Math.max(1e-9, high - low) > 0.55 ? '#fff' : '#000' }; }
  });
  const unit = infos[0];
  return {
    points: lines.map(l => ({ code: `${l.info.id}|${l.group}`, name: l.label })),
    height: Math.max(260, lines.length * 24 + 90),
    option: {
      ...base,
      grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
      tooltip: { trigger: 'item', formatter: (p: { dataIndex: number }) => { const c = cells[p.dataIndex]; return c.row ? tooltip(lines[c.value[1] as number].info, c.row) : 'No value'; } },
      xAxis: { type: 'category', data: periods, splitArea: { show: true }, axisLabel: { color: '#212b32' } },
      yAxis: { type: 'category', data: lines.map(l => l.label), inverse: true, axisLabel: { color: '#212b32', width: 340, overflow: 'truncate' } },
      visualMap: {
        min: low,
        max: high,
        calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, text: [unit.unit === 'proportion' ? '100%' : 'high', unit.unit === 'proportion' ? '0%' : 'low'],
        inRange: { color: ['#fde0dd', '#9ecae1', '#3182bd', '#08306b'] }, textStyle: { color: '#212b32' },
      },
      series: [{
        type: 'heatmap', data: cells.map(c => ({ value: c.value, label: c.label })),
        label: { show: periods.length <= 12, color: '#000', formatter: (p: { value: (number | null)[] }) => (p.value[2] == null ? '' : String(Math.round(p.value[2] as number))) },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
      }],
    },
  };
}
