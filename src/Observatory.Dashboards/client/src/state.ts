// The whole view in the URL's query, so a filtered view can be bookmarked and shared: the page, the slicers, the
// cross-filter selection, the drilled tiles and the tiles shown as tables.
import type { DashboardConfig } from './config';

export interface Selection { breakdown: string; group: string; label: string; tile: string }

export interface ViewState {
  page: string;
  period: string;
  area: string;
  slicers: Record<string, string>;   // breakdown slicer id -> chosen group code
  selection: Selection | null;
  drill: Record<string, string>;     // tile id -> the group drilled into
  tables: Set<string>;               // tiles shown as a table
}

export function read(config: DashboardConfig, query: URLSearchParams): ViewState {
  const pages = config.pages.map(p => p.id);
  const periods = [...config.periods['financial-year'], ...config.periods.quarter];
  const slicers: Record<string, string> = {};
  for (const slicer of config.slicers) {
    if (slicer.id === 'period' || slicer.id === 'area') { continue; }
    const chosen = slicer.locked?.length === 1 ? slicer.locked[0] : query.get(slicer.id);
    if (chosen && slicer.options.some(o => o.value === chosen)) { slicers[slicer.id] = chosen; }
  }
  const areaSlicer = config.slicers.find(s => s.id === 'area');
  const area = areaSlicer?.locked?.length ? (areaSlicer.locked.includes(query.get('area') ?? '') ? query.get('area')! : areaSlicer.locked[0])
    : config.areas.includes(query.get('area') ?? '') ? query.get('area')! : config.defaults.area;
  const drill: Record<string, string> = {};
  for (const item of (query.get('drill') ?? '').split(',').filter(Boolean)) {
    const [tile, group] = split(item);
    if (tile && group) { drill[tile] = group; }
  }
  const [breakdown, rest] = split(query.get('select') ?? '');
  const [group, tile] = split(rest ?? '', '@');
  return {
    page: pages.includes(query.get('page') ?? '') ? query.get('page')! : pages[0],
    period: periods.includes(query.get('period') ?? '') ? query.get('period')! : config.defaults.period,
    area,
    slicers,
    selection: breakdown && group && config.breakdowns[breakdown] ? { breakdown, group, label: query.get('selectName') ?? group, tile: tile ?? '' } : null,
    drill,
    tables: new Set((query.get('tables') ?? '').split(',').filter(Boolean)),
  };
}

export function write(config: DashboardConfig, state: ViewState): URLSearchParams {
  const query = new URLSearchParams();
  if (state.page !== config.pages[0].id) { query.set('page', state.page); }
  if (state.period !== config.defaults.period) { query.set('period', state.period); }
  if (state.area !== config.defaults.area) { query.set('area', state.area); }
  for (const [id, value] of Object.entries(state.slicers)) { query.set(id, value); }
  if (state.selection) {
    query.set('select', `${state.selection.breakdown}:${state.selection.group}${state.selection.tile ? `@${state.selection.tile}` : ''}`);
    if (state.selection.label !== state.selection.group) { query.set('selectName', state.selection.label); }
  }
  const drills = Object.entries(state.drill).map(([tile, group]) => `${tile}:${group}`);
  if (drills.length) { query.set('drill', drills.join(',')); }
  if (state.tables.size) { query.set('tables', [...state.tables].join(',')); }
  return query;
}

function split(text: string, separator = ':'): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** 'Q1 2022/23' is a quarter; '2022/23' a financial year. */
export function periodType(period: string): 'quarter' | 'financial-year' {
  return period.startsWith('Q') ? 'quarter' : 'financial-year';
}
