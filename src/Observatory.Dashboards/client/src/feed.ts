// What a tile asks the feed for: the stored IndicatorValues when the view is one they hold (a financial year or
// quarter, an area, no filter), otherwise the live engine (Indicators('id')/Observatory.Evaluate) with the view's
// filters. Either way the URL is a feed URL an analyst can open, at the caller's own disclosure level.
import { columns, type DashboardConfig, type IndicatorInfo, type TileConfig, type ValueRow } from './config';
import { periodType, type ViewState } from './state';

const select = columns.join(',');

const periodTypes: Record<string, string> = { 'financial-year': 'FinancialYear', quarter: 'Quarter', month: 'Month' };

export interface TilePlan {
  breakdown: string;                  // the breakdown shown (the drill's, when drilled)
  requests: { url: string; indicator: string }[];
  live: boolean;
  periods: string[];                  // along a trend's or heat map's axis; the one period otherwise
  keep: (row: ValueRow) => boolean;   // groups kept by a slicer or drill on the breakdown shown
  shape: (row: ValueRow) => ValueRow; // a group's stored value read as the filtered overall figure
  highlight: string | null;           // the cross-filter's group, on a tile showing its breakdown
  notes: string[];
}

export class FeedError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) { super(message); }
}

function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function condition(path: { path: string; numeric: boolean }, value: string): string {
  return `${path.path} eq ${path.numeric ? value : literal(value)}`;
}

/** A group's stored value as the overall figure of the records in that group (no comparison with other groups). */
function asOverall(row: ValueRow): ValueRow {
  return {
    ...row, Breakdown: 'overall', GroupCode: 'All', GroupName: 'All', GroupOrder: 0, ReferenceGroup: null, ReferenceValue: null,
    ComparisonMeasure: null, Comparison: null, ComparisonLower95: null, ComparisonUpper95: null, ComparedWithReference: 'NotCompared',
    OverallValue: null, ComparedWithOverall: 'NotCompared',
  };
}

/** The financial year a period falls in ('Q2 2022/23' -> '2022/23'). */
export function yearOf(period: string): string {
  return periodType(period) === 'quarter' ? period.slice(3) : period;
}

function monthsOf(period: string): string[] {
  const year = Number(yearOf(period).slice(0, 4));
  const all = Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    return `${month < 4 ? year + 1 : year}-${String(month).padStart(2, '0')}`;
  });
  if (periodType(period) !== 'quarter') { return all; }
  const quarter = Number(period[1]);
  return all.slice((quarter - 1) * 3, quarter * 3);
}

function axis(config: DashboardConfig, tile: TileConfig, state: ViewState, notes: string[]): string[] {
  const year = yearOf(state.period);
  const years = config.periods['financial-year'];
  const quarters = config.periods.quarter;
  const upTo = <T>(list: T[], last: T, count: number) => {
    const at = list.indexOf(last);
    return at < 0 ? list.slice(-count) : list.slice(Math.max(0, at + 1 - count), at + 1);
  };
  let type = tile.periods ?? 'financial-year';
  if (type === 'month' && config.periods.month.length === 0) {
    notes.push('By quarter: months are not released at the controlled disclosure level.');
    type = 'quarter';
  }
  if (tile.kind === 'trend') {
    if (type === 'financial-year') { return upTo(years, year, 5); }
    if (type === 'quarter') { return upTo(quarters, periodType(state.period) === 'quarter' ? state.period : `Q4 ${year}`, 8); }
    const last = monthsOf(state.period).at(-1)!;
    return upTo(config.periods.month, last, 12);
  }
  // A heat map spreads the chosen period across its columns.
  if (type === 'financial-year') { return upTo(years, year, 5); }
  if (type === 'quarter') { return periodType(state.period) === 'quarter' ? [state.period] : quarters.filter(q => q.endsWith(year)); }
  return monthsOf(state.period).filter(m => config.periods.month.includes(m));
}

/** The period each indicator is read for at a single-period tile: the view's, or its year when the indicator has no quarters. */
function periodFor(info: IndicatorInfo, period: string, notes: string[]): string {
  if (periodType(period) === 'quarter' && !info.periods.includes('quarter')) {
    notes.push(`${info.title} is given by financial year only: ${yearOf(period)} is shown.`);
    return yearOf(period);
  }
  return period;
}

export function plan(config: DashboardConfig, tile: TileConfig, state: ViewState): TilePlan {
  const notes: string[] = [];
  const drilled = tile.drill ? state.drill[tile.id] : undefined;
  const breakdown = drilled && tile.drill ? tile.drill : tile.breakdown;
  const parents = config.parents[breakdown] ?? {};

  // The view's filters: slicers, and the cross-filter from another tile.
  const filters: { breakdown: string; value: string }[] = Object.entries(state.slicers).map(([b, v]) => ({ breakdown: b, value: v }));
  let highlight: string | null = null;
  if (state.selection && state.selection.tile !== tile.id) {
    if (state.selection.breakdown === breakdown) {
      highlight = state.selection.group;
    } else {
      filters.push({ breakdown: state.selection.breakdown, value: state.selection.group });
    }
  }
  if (drilled && tile.breakdown !== 'overall') { filters.push({ breakdown: tile.breakdown, value: drilled }); }

  const kept: ((row: ValueRow) => boolean)[] = [];
  const conditions = new Map<string, string[]>(tile.indicators.map(i => [i, []]));
  const applied = new Map<string, { breakdown: string; value: string }[]>(tile.indicators.map(i => [i, []]));
  for (const filter of filters) {
    if (filter.breakdown === breakdown) {
      // A filter on the groups shown keeps that group's rows: the stored values already split by it.
      kept.push(row => row.Breakdown !== breakdown || row.GroupCode === filter.value);
      continue;
    }
    if (config.breakdowns[breakdown]?.parent === filter.breakdown && !config.forceLive) {
      // The groups shown roll up to the filter's: keep the children of the chosen group.
      kept.push(row => row.Breakdown !== breakdown || parents[row.GroupCode] === filter.value);
      continue;
    }
    for (const id of tile.indicators) {
      const info = config.indicators[id];
      const path = info.filters[filter.breakdown];
      if (path) {
        conditions.get(id)!.push(condition(path, filter.value));
        applied.get(id)!.push(filter);
      } else {
        notes.push(`${info.title} cannot be filtered by ${config.breakdowns[filter.breakdown]?.title.toLowerCase() ?? filter.breakdown}: the filter does not apply to it.`);
      }
    }
  }

  const single = tile.kind !== 'trend' && tile.kind !== 'heatmap';
  const periods = single ? [state.period] : axis(config, tile, state, notes);
  const areaOf = (info: IndicatorInfo) => {
    if (info.byArea || state.area === config.ics) { return state.area; }
    notes.push(`${info.title} is given for ${config.ics} as a whole, not by borough.`);
    return null;
  };
  // An overall figure filtered to one group of a breakdown the indicator is stored by is that group's stored value: the
  // same records, so the same counts, statistics and (at the controlled level) the same cell keys as evaluating it live.
  const each = [...applied.values()];
  const one = breakdown === 'overall' && !config.forceLive && each.every(a => a.length === 1)
    && tile.indicators.every(id => config.indicators[id].breakdowns.includes(applied.get(id)![0]?.breakdown ?? ''))
    && new Set(each.map(a => `${a[0].breakdown}:${a[0].value}`)).size === 1 ? each[0][0] : null;
  const live = !one && (config.forceLive || [...conditions.values()].some(c => c.length > 0));
  const requests: { url: string; indicator: string }[] = [];
  const breakdowns = breakdown === 'overall' ? ['overall'] : ['overall', breakdown];

  if (!live) {
    const byArea = new Map<string, string[]>();
    for (const id of tile.indicators) {
      const area = areaOf(config.indicators[id]);
      if (area) { byArea.set(area, [...(byArea.get(area) ?? []), id]); }
    }
    for (const [area, ids] of byArea) {
      const own = single ? ids.map(id => periodFor(config.indicators[id], state.period, notes)) : periods;
      const chosen = [...new Set(own)];
      const types = [...new Set(chosen.map(p => /^\d{4}-\d{2}$/.test(p) ? 'Month' : periodTypes[periodType(p)]))];
      const filter = [
        ids.length === 1 ? `IndicatorId eq ${literal(ids[0])}` : `IndicatorId in (${ids.map(literal).join(',')})`,
        `Area eq ${literal(area)}`,
        types.length === 1 ? `PeriodType eq ${literal(types[0])}` : `PeriodType in (${types.map(literal).join(',')})`,
        chosen.length === 1 ? `Period eq ${literal(chosen[0])}` : `Period in (${chosen.map(literal).join(',')})`,
        one ? `Breakdown eq ${literal(one.breakdown)} and GroupCode eq ${literal(one.value)}`
          : breakdowns.length === 1 ? `Breakdown eq 'overall'` : `Breakdown in (${breakdowns.map(literal).join(',')})`,
      ].join(' and ');
      const query = new URLSearchParams({ $filter: filter, $select: select, $orderby: 'IndicatorId,PeriodStartKey,GroupOrder' });
      requests.push({ url: `${config.feed}/IndicatorValues?${query.toString().replaceAll('+', '%20')}`, indicator: ids.join(',') });
    }
  } else {
    for (const id of tile.indicators) {
      const info = config.indicators[id];
      const area = areaOf(info);
      if (!area) { continue; }
      const own = single ? [periodFor(info, state.period, notes)] : periods;
      const where = conditions.get(id)!.join(' and ') || 'true';
      for (const period of own) {
        const args = [`period=${literal(period)}`, `area=${literal(area)}`, `breakdown=${literal(breakdown)}`, `filter=${literal(where)}`]
          .map(a => a.replace(/=(.*)$/s, (_, v: string) => `=${encodeURIComponent(v)}`)).join(',');
        requests.push({ url: `${config.feed}/Indicators(${encodeURIComponent(literal(id))})/Observatory.Evaluate(${args})?$select=${select}`, indicator: id });
      }
    }
  }
  return {
    breakdown, requests, live, periods: single ? [state.period] : periods,
    keep: row => kept.every(k => k(row)), highlight, notes: [...new Set(notes)],
    shape: one ? asOverall : row => row,
  };
}

/** Reads feed URLs with the page's credentials, following next links; answers are kept for the page's life. */
export class Feed {
  private readonly cache = new Map<string, Promise<ValueRow[]>>();

  constructor(private readonly headers: () => Record<string, string>, private readonly renew: (() => Promise<void>) | null) {}

  rows(url: string): Promise<ValueRow[]> {
    let answer = this.cache.get(url);
    if (!answer) {
      answer = this.read(url);
      this.cache.set(url, answer);
      answer.catch(() => this.cache.delete(url));
    }
    return answer;
  }

  private async read(url: string, renewed = false): Promise<ValueRow[]> {
    const rows: ValueRow[] = [];
    let next: string | undefined = url;
    while (next) {
      const response = await fetch(next, { headers: { Accept: 'application/json', ...this.headers() }, credentials: 'same-origin' });
      if (!response.ok) {
        const error = await FeedErrorOf(response);
        if (error.code === 'EmbedTokenExpired' && this.renew && !renewed) {
          await this.renew().catch(() => { throw error; });
          return this.read(url, true);
        }
        throw error;
      }
      const body = await response.json() as { value: ValueRow[]; '@odata.nextLink'?: string };
      rows.push(...body.value);
      next = body['@odata.nextLink'];
    }
    return rows;
  }
}

async function FeedErrorOf(response: Response): Promise<FeedError> {
  try {
    const body = await response.json() as { error?: { code?: string; message?: string } };
    return new FeedError(response.status, body.error?.code ?? String(response.status), body.error?.message ?? response.statusText);
  } catch {
    return new FeedError(response.status, String(response.status), `The feed answered ${response.status} ${response.statusText}.`);
  }
}
