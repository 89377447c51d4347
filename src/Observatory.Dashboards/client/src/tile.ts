// One tile on the page: its chart (or cards), the same figures as a table, a one-line narrative, notes, and the
// actions a Power BI reader expects (table toggle, CSV, the feed URL, about this figure, drill).
import Papa from 'papaparse';
import { columns, type DashboardConfig, type IndicatorInfo, type TileConfig, type ValueRow } from './config';
import * as charts from './charts';
import type { TilePlan } from './feed';
import * as f from './format';
import * as narrative from './narrative';

export interface TileEvents {
  select(tile: TileConfig, point: charts.Point | null): void;
  drill(tile: TileConfig, group: string | null): void;
  toggleTable(tile: TileConfig, shown: boolean): void;
  about(info: IndicatorInfo): void;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

export { el };

export class TileView {
  readonly root: HTMLElement;
  private readonly chartBox: HTMLDivElement;
  private readonly tableBox: HTMLDivElement;
  private readonly cards: HTMLDivElement;
  private readonly story: HTMLParagraphElement;
  private readonly notes: HTMLUListElement;
  private readonly actions: HTMLDivElement;
  private readonly status: HTMLParagraphElement;
  private chart: ReturnType<typeof charts.echarts.init> | null = null;
  private points: charts.Point[] = [];
  private focus = -1;
  private rows: ValueRow[] = [];

  constructor(private readonly config: DashboardConfig, readonly tile: TileConfig, private readonly events: TileEvents) {
    const titleId = `tile-${tile.id}-title`;
    this.story = el('p', { className: 'narrative' });
    this.status = el('p', { className: 'status', textContent: 'Loading…' });
    this.chartBox = el('div', { className: 'chart' });
    this.cards = el('div', { className: 'cards' });
    this.tableBox = el('div', { className: 'table-view' });
    this.notes = el('ul', { className: 'notes' });
    this.actions = el('div', { className: 'actions' });
    this.root = el('section', { className: `tile tile-${tile.kind}`, id: `tile-${tile.id}` },
      el('h3', { id: titleId, textContent: tile.title }), this.story, this.status,
      tile.kind === 'headline' ? this.cards : this.chartBox, this.tableBox, this.notes, this.actions);
    this.root.setAttribute('aria-labelledby', titleId);
    this.root.style.setProperty('--span', String(tile.width));
    this.root.dataset.state = 'loading';
    this.tableBox.hidden = true;
    if (tile.kind !== 'headline') {
      this.chartBox.tabIndex = 0;
      this.chartBox.setAttribute('role', 'img');
      this.chartBox.addEventListener('keydown', e => this.key(e));
    }
  }

  private get interactive(): boolean {
    return (this.tile.kind === 'bar' || this.tile.kind === 'gradient') && this.tile.breakdown !== 'overall';
  }

  loading(): void {
    this.root.dataset.state = 'loading';
    this.root.setAttribute('aria-busy', 'true');
    this.status.hidden = false;
    this.status.textContent = 'Loading…';
  }

  failed(message: string): void {
    this.root.dataset.state = 'error';
    this.root.removeAttribute('aria-busy');
    this.status.hidden = false;
    this.status.textContent = message;
    this.story.textContent = '';
    this.chart?.clear();
  }

  /** Draws the rows; resolves once the chart has finished drawing. */
  show(plan: TilePlan, rows: ValueRow[], tableShown: boolean, highlight: string | null, drilled: string | null, selected: string | null): Promise<void> {
    this.rows = rows;
    this.status.hidden = true;
    this.root.removeAttribute('aria-busy');
    const infos = this.tile.indicators.map(i => this.config.indicators[i]);
    const info = infos[0];
    const breakdown = this.config.breakdowns[plan.breakdown];

    let story: string;
    let drawn: charts.Drawn | null = null;
    switch (this.tile.kind) {
      case 'headline':
        story = infos.length > 2 ? narrative.summary(infos, rows, plan.breakdown === 'overall' ? undefined : breakdown)
          : infos.map(i => narrative.headline(i, rows.find(r => r.IndicatorId === i.id && r.Breakdown === 'overall'))).join(' ');
        this.drawCards(infos, rows, plan);
        break;
      case 'bar':
        if (plan.breakdown === 'overall') {
          drawn = charts.indicatorBars(infos, rows);
          story = narrative.compare(infos, rows);
        } else {
          drawn = charts.groupBars(info, rows, plan.breakdown, highlight);
          story = narrative.groups(info, breakdown, rows);
        }
        break;
      case 'gradient':
        drawn = charts.groupBars(info, rows, plan.breakdown, highlight);
        story = narrative.gradient(info, rows.find(r => r.Breakdown === 'overall'));
        break;
      case 'trend':
        drawn = charts.trendLines(infos, rows, plan.periods, plan.breakdown);
        story = infos.length > 2 ? narrative.latest(infos, rows, plan.periods)
          : infos.map(i => narrative.trend(i, plan.periods.map(p => rows.find(r => r.IndicatorId === i.id && r.Period === p && r.Breakdown === 'overall')).filter((r): r is ValueRow => !!r))).join(' ');
        break;
      default:
        drawn = charts.heatmap(infos, rows, plan.periods, plan.breakdown);
        story = narrative.lowest(this.config.indicators, rows);
        break;
    }
    this.story.textContent = story;
    this.drawTable(rows, plan);
    this.drawNotes(plan);
    this.drawActions(plan, rows, drilled, selected);
    this.setTable(tableShown);
    this.root.dataset.state = 'ready';
    this.root.dataset.rows = String(rows.length);
    if (!drawn) { return Promise.resolve(); }
    this.points = drawn.points;
    this.chartBox.setAttribute('aria-label', `${this.tile.title}. ${story}${this.interactive ? ' Use the left and right arrow keys to move between groups, Enter to filter the page by one, Escape to clear.' : ''}`);
    this.chartBox.style.height = drawn.height ? `${drawn.height}px` : '';
    this.chart ??= this.createChart();
    const chart = this.chart;
    return new Promise(resolve => {
      chart.off('finished');
      chart.on('finished', () => { this.scaleToFit(); resolve(); });
      chart.setOption(drawn.option, true);
    });
  }

  private createChart() {
    const chart = charts.echarts.init(this.chartBox, undefined, { renderer: 'svg' });
    if (this.interactive) {
      chart.on('click', (p: { seriesType?: string; dataIndex: number }) => {
        if (p.seriesType === 'bar') { this.events.select(this.tile, this.points[p.dataIndex] ?? null); }
      });
      chart.on('dblclick', (p: { seriesType?: string; dataIndex: number }) => {
        if (p.seriesType === 'bar' && this.tile.drill) { this.events.drill(this.tile, this.points[p.dataIndex]?.code ?? null); }
      });
    }
    new ResizeObserver(() => { chart.resize(); this.scaleToFit(); }).observe(this.chartBox);
    return chart;
  }

  /** A viewBox lets the drawing shrink with the page (a phone, an A4 page) instead of overflowing it. */
  private scaleToFit(): void {
    const svg = this.chartBox.querySelector('svg');
    if (svg && svg.getAttribute('width')) {
      svg.setAttribute('viewBox', `0 0 ${parseFloat(svg.getAttribute('width')!)} ${parseFloat(svg.getAttribute('height')!)}`);
    }
  }

  private key(e: KeyboardEvent): void {
    if (!this.chart || this.points.length === 0) { return; }
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      this.focus = (this.focus + (e.key === 'ArrowRight' ? 1 : this.points.length - 1)) % this.points.length;
      this.chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: this.focus });
      e.preventDefault();
    } else if ((e.key === 'Enter' || e.key === ' ') && this.interactive && this.focus >= 0) {
      this.events.select(this.tile, this.points[this.focus]);
      e.preventDefault();
    } else if (e.key === 'Escape' && this.interactive) {
      this.events.select(this.tile, null);
      this.chart.dispatchAction({ type: 'hideTip' });
    }
  }

  private drawCards(infos: IndicatorInfo[], rows: ValueRow[], plan: TilePlan): void {
    const arrows: Record<string, string> = { Improving: '▲ improving', Worsening: '▼ worsening', NoSignificantChange: '► no significant change' };
    this.cards.replaceChildren(...infos.map(info => {
      const overall = rows.find(r => r.IndicatorId === info.id && r.Breakdown === 'overall');
      const figure = !overall ? 'no figure' : f.isProtected(overall) ? 'protected' : f.value(info, overall.Value);
      const card = el('div', { className: 'card' },
        el('p', { className: 'card-title', textContent: info.title }),
        el('p', { className: `card-value${overall && f.isProtected(overall) ? ' protected' : ''}`, textContent: figure }),
        el('p', { className: 'card-interval', textContent: overall && !f.isProtected(overall) && overall.Lower95 != null ? `95% interval ${f.interval(info, overall.Lower95, overall.Upper95)}` : '' }));
      if (info.target != null && overall) {
        const judged = overall.ComparedWithTarget || 'NotCompared';
        card.append(el('p', { className: `badge badge-${judged}`, textContent: `Target ${f.value(info, info.target)}: ${judged === 'NotCompared' ? 'not compared' : f.judgement(judged)}` }));
      }
      if (overall) {
        const trend = overall.TrendMeaning ? arrows[overall.TrendMeaning] ?? overall.TrendMeaning
          : overall.Trend === 'Increasing' ? '▲ increasing' : overall.Trend === 'Decreasing' ? '▼ decreasing'
          : overall.Trend === 'NoSignificantChange' ? '► no significant change' : plan.live ? 'trend not computed for a filtered view' : 'not enough periods for a trend';
        card.append(el('p', { className: 'card-trend', textContent: `Trend: ${trend}` }));
      }
      if (plan.breakdown !== 'overall') {
        const differing = rows.filter(r => r.IndicatorId === info.id && r.Breakdown === plan.breakdown && r.GroupCode !== r.ReferenceGroup && ['Worse', 'Better', 'Higher', 'Lower'].includes(r.ComparedWithReference));
        const reference = rows.find(r => r.IndicatorId === info.id && r.Breakdown === plan.breakdown && r.GroupCode === r.ReferenceGroup);
        if (reference) {
          card.append(el('p', { className: 'card-groups', textContent: differing.length === 0
            ? `No group differs significantly from ${reference.GroupName}.`
            : `Against ${reference.GroupName}: ${differing.map(d => `${d.GroupName} ${f.judgement(d.ComparedWithReference)}`).join(', ')}.` }));
        }
      }
      const about = el('button', { type: 'button', className: 'link-button', textContent: 'About this figure' });
      about.addEventListener('click', () => this.events.about(info));
      card.append(about);
      return card;
    }));
  }

  private drawTable(rows: ValueRow[], plan: TilePlan): void {
    const multi = this.tile.indicators.length > 1;
    const headings = [...(multi ? ['Indicator'] : []), 'Period', 'Group', 'Value', '95% interval', 'Numerator', 'Denominator', 'Against reference', 'Against overall'];
    const head = el('tr', {}, ...headings.map(h => el('th', { scope: 'col', textContent: h })));
    if (this.interactive) { head.append(el('th', { scope: 'col', textContent: 'Filter' })); }
    const body = rows
      .slice().sort((a, b) => a.IndicatorId.localeCompare(b.IndicatorId) || a.PeriodStartKey - b.PeriodStartKey || (a.Breakdown === 'overall' ? -1 : 1) - (b.Breakdown === 'overall' ? -1 : 1) || a.GroupOrder - b.GroupOrder)
      .map(r => {
        const info = this.config.indicators[r.IndicatorId];
        const hidden = f.isProtected(r);
        const cells = [
          ...(multi ? [info.title] : []), r.Period, r.Breakdown === 'overall' ? 'All' : r.GroupName,
          hidden ? 'protected' : f.value(info, r.Value, true), hidden ? '' : f.interval(info, r.Lower95, r.Upper95, true).replace(/[()]/g, ''),
          hidden ? 'protected' : f.count(r.Numerator), info.denominator ? (hidden ? 'protected' : f.count(r.Denominator)) : '',
          r.Breakdown === 'overall' || r.GroupCode === r.ReferenceGroup ? '' : f.judgement(r.ComparedWithReference),
          r.Breakdown === 'overall' ? '' : f.judgement(r.ComparedWithOverall),
        ];
        const tr = el('tr', {}, ...cells.map((c, i) => i === (multi ? 2 : 1) ? el('th', { scope: 'row', textContent: c }) : el('td', { textContent: c })));
        if (this.interactive) {
          const cell = el('td');
          if (r.Breakdown === plan.breakdown) {
            const button = el('button', { type: 'button', className: 'link-button', textContent: `Filter by ${r.GroupName}` });
            button.addEventListener('click', () => this.events.select(this.tile, { code: r.GroupCode, name: r.GroupName }));
            cell.append(button);
          }
          tr.append(cell);
        }
        return tr;
      });
    const caption = el('caption', { textContent: `${this.tile.title}: the figures behind the chart` });
    this.tableBox.replaceChildren(el('table', {}, caption, el('thead', {}, head), el('tbody', {}, ...body)));
  }

  private drawNotes(plan: TilePlan): void {
    const notes = [...plan.notes];
    if (this.tile.note) { notes.unshift(this.tile.note); }
    if (plan.live) { notes.push('Evaluated live for this view by the feed, at your disclosure level.'); }
    this.notes.replaceChildren(...notes.map(n => el('li', { textContent: n })));
  }

  private drawActions(plan: TilePlan, rows: ValueRow[], drilled: string | null, selected: string | null): void {
    const table = el('button', { type: 'button', className: 'toggle-table', textContent: 'Show as table' });
    table.setAttribute('aria-pressed', String(this.tableBox.hidden !== true));
    table.addEventListener('click', () => {
      const shown = this.tableBox.hidden === true;
      this.setTable(shown);
      this.events.toggleTable(this.tile, shown);
    });
    const csv = el('button', { type: 'button', className: 'csv', textContent: 'Download CSV' });
    csv.addEventListener('click', () => this.download(rows));
    const feed = el('a', { className: 'odata', href: plan.requests[0]?.url ?? this.config.feed, textContent: plan.requests.length > 1 ? `OData URL (1 of ${plan.requests.length})` : 'OData URL', target: '_blank', rel: 'noopener' });
    feed.title = plan.requests.map(r => r.url).join('\n');
    const items: HTMLElement[] = [table, csv, feed];
    if (this.tile.kind !== 'headline') {
      const about = el('button', { type: 'button', className: 'about', textContent: 'About this figure' });
      about.addEventListener('click', () => this.events.about(this.config.indicators[this.tile.indicators[0]]));
      items.push(about);
    }
    if (this.tile.drill) {
      const parent = this.config.breakdowns[this.tile.breakdown].title.toLowerCase();
      const child = this.config.breakdowns[this.tile.drill].title.toLowerCase();
      if (drilled) {
        const up = el('button', { type: 'button', className: 'drill-up', textContent: `Back to every ${parent}` });
        up.addEventListener('click', () => this.events.drill(this.tile, null));
        items.push(up);
      } else if (selected) {
        const name = this.points.find(p => p.code === selected)?.name ?? selected;
        const down = el('button', { type: 'button', className: 'drill-down', textContent: `Show each ${child} within ${name}` });
        down.addEventListener('click', () => this.events.drill(this.tile, selected));
        items.push(down);
      }
    }
    this.actions.replaceChildren(...items);
  }

  setTable(shown: boolean): void {
    this.tableBox.hidden = !shown;
    this.chartBox.hidden = shown && this.tile.kind !== 'headline';
    this.actions.querySelector('.toggle-table')?.setAttribute('aria-pressed', String(shown));
    const button = this.actions.querySelector<HTMLButtonElement>('.toggle-table');
    if (button) { button.textContent = shown ? 'Show as chart' : 'Show as table'; }
    if (!shown) { this.chart?.resize(); }
  }

  private download(rows: ValueRow[]): void {
    const text = Papa.unparse({ fields: columns as string[], data: rows.map(r => columns.map(c => r[c])) });
    const link = el('a', { href: URL.createObjectURL(new Blob([text], { type: 'text/csv' })), download: `${this.config.id}-${this.tile.id}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  get data(): ValueRow[] { return this.rows; }

  dispose(): void {
    this.chart?.dispose();
    this.chart = null;
  }
}
