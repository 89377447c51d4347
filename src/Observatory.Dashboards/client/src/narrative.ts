// One line per tile, written from the judgements the feed already made (intervals, comparisons, trends), never from
// differences the statistics do not support.
import type { BreakdownInfo, IndicatorInfo, ValueRow } from './config';
import * as f from './format';

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0].toLowerCase() + text.slice(1) : text;
}

function isLower(row: ValueRow): boolean {
  return row.ComparisonMeasure === 'RateRatio' ? (row.Comparison ?? 1) < 1 : (row.Comparison ?? 0) < 0;
}

/** By a breakdown: the group furthest from the reference whose interval excludes it, worse before better. */
export function groups(info: IndicatorInfo, breakdown: BreakdownInfo, rows: ValueRow[]): string {
  const name = info.title;
  const shown = rows.filter(r => r.Breakdown === breakdown.id);
  if (shown.length === 0) { return `No ${breakdown.title.toLowerCase()} figures for ${name} in this view.`; }
  const reference = shown.find(r => r.GroupCode === r.ReferenceGroup);
  const differing = shown.filter(r => r.GroupCode !== r.ReferenceGroup && !f.isProtected(r)
    && ['Worse', 'Better', 'Higher', 'Lower'].includes(r.ComparedWithReference) && r.Comparison != null);
  if (!reference || reference.Value == null) {
    const top = [...shown].filter(r => r.Value != null).sort((a, b) => (b.Value ?? 0) - (a.Value ?? 0))[0];
    return top ? `${info.title} is highest among ${f.group(breakdown.id, top.GroupName)}, ${f.value(info, top.Value)} ${f.interval(info, top.Lower95, top.Upper95)}.` : `Every ${breakdown.title.toLowerCase()} figure is protected or undefined in this view.`;
  }
  if (differing.length === 0) {
    return `No ${breakdown.title.toLowerCase()} differs significantly from ${f.group(breakdown.id, reference.GroupName)} (${f.value(info, reference.Value)}) in ${name}.`;
  }
  const rank = (r: ValueRow) => (r.ComparedWithReference === 'Worse' ? 2 : r.ComparedWithReference === 'Better' ? 0 : 1) * 1e9
    + Math.abs(r.ComparisonMeasure === 'RateRatio' ? Math.log(r.Comparison ?? 1) : r.Comparison ?? 0) * 1e6;
  const pick = differing.sort((a, b) => rank(b) - rank(a))[0];
  const others = differing.length - 1;
  return `${info.title} among ${f.group(breakdown.id, pick.GroupName)}, ${f.value(info, pick.Value)} ${f.interval(info, pick.Lower95, pick.Upper95)}, `
    + `is ${isLower(pick) ? 'lower' : 'higher'} than among ${f.group(breakdown.id, reference.GroupName)}, ${f.value(info, reference.Value)}`
    + (others > 0 ? `; ${others} other group${others > 1 ? 's' : ''} also differ${others > 1 ? '' : 's'}.` : '.');
}

/** The overall figure against the target and, where stored, its trend. */
export function headline(info: IndicatorInfo, overall: ValueRow | undefined): string {
  if (!overall) { return `${info.title}: no figure in this view.`; }
  if (f.isProtected(overall)) { return `${info.title}: ${f.protectedText}.`; }
  let text = `${info.title}: ${f.value(info, overall.Value)} ${f.interval(info, overall.Lower95, overall.Upper95)}`.trim();
  if (info.target != null && overall.ComparedWithTarget && overall.ComparedWithTarget !== 'NotCompared') {
    const where = overall.ComparedWithTarget === 'Better' ? 'better than' : overall.ComparedWithTarget === 'Worse' ? 'worse than' : 'not significantly different from';
    text += `, ${where} the ${f.value(info, info.target)} target`;
  }
  if (overall.TrendMeaning) {
    text += `; ${overall.TrendMeaning === 'NoSignificantChange' ? 'no significant change' : overall.TrendMeaning.toLowerCase()} over recent periods`;
  }
  return text + '.';
}

/** The slope index of inequality, read as a gap between the most and least deprived. */
export function gradient(info: IndicatorInfo, overall: ValueRow | undefined): string {
  if (!overall || overall.SlopeIndex == null) { return `${info.title}: no slope index of inequality in this view.`; }
  const sii = overall.SlopeIndex;
  const lo = overall.SlopeIndexLower95;
  const hi = overall.SlopeIndexUpper95;
  const ci = f.gapInterval(info, lo, hi);
  const significant = lo != null && hi != null && (lo > 0 || hi < 0);
  if (!significant) {
    return `${info.title}: the slope index of inequality, ${f.gap(info, sii)} ${ci}, shows no significant gradient by deprivation.`;
  }
  return `${info.title} is ${f.gap(info, Math.abs(sii))} ${sii > 0 ? 'higher' : 'lower'} in the least deprived areas than in the most deprived (slope index of inequality ${ci}).`;
}

/** From the first period shown to the last. */
export function trend(info: IndicatorInfo, series: ValueRow[]): string {
  const known = series.filter(r => r.Value != null && !f.isProtected(r));
  if (known.length < 2) { return `${info.title}: not enough periods to compare in this view.`; }
  const first = known[0];
  const last = known[known.length - 1];
  return `${info.title} was ${f.value(info, last.Value)} ${f.interval(info, last.Lower95, last.Upper95)} in ${last.Period}, against ${f.value(info, first.Value)} in ${first.Period}.`;
}

/** The lowest cell of a heat map. */
export function lowest(infos: Record<string, IndicatorInfo>, rows: ValueRow[]): string {
  const known = rows.filter(r => r.Value != null && !f.isProtected(r));
  if (known.length === 0) { return 'No figures in this view.'; }
  const low = known.reduce((a, b) => (b.Value! < a.Value! ? b : a));
  const info = infos[low.IndicatorId];
  return `Lowest: ${f.short(info.title)}${low.Breakdown === 'overall' ? '' : `, ${low.GroupName}`}, ${low.Period}: ${f.value(info, low.Value)}.`;
}

/** Several indicators over time: each one's latest value, in a sentence. */
export function latest(infos: IndicatorInfo[], rows: ValueRow[], periods: string[]): string {
  const last = [...periods].reverse().find(p => rows.some(r => r.Period === p && r.Value != null));
  if (!last) { return 'No figures in this view.'; }
  const parts = infos.map(info => {
    const row = rows.find(r => r.IndicatorId === info.id && r.Period === last && r.Breakdown === 'overall');
    return `${lowerFirst(f.short(info.title))} ${!row ? '–' : f.isProtected(row) ? 'protected' : f.value(info, row.Value)}`;
  });
  return `${last}: ${parts.join(', ')}.`;
}

/** Several indicators side by side: the highest and the lowest, and each target met or missed. */
export function compare(infos: IndicatorInfo[], rows: ValueRow[]): string {
  const shown = infos.map(info => ({ info, row: rows.find(r => r.IndicatorId === info.id && r.Breakdown === 'overall') }))
    .filter((s): s is { info: IndicatorInfo; row: ValueRow } => !!s.row && s.row.Value != null && !f.isProtected(s.row));
  if (shown.length === 0) { return 'No figures in this view.'; }
  const sorted = [...shown].sort((a, b) => b.row.Value! - a.row.Value!);
  const name = (s: { info: IndicatorInfo }) => lowerFirst(f.short(s.info.title));
  let text = `Highest: ${name(sorted[0])}, ${f.value(sorted[0].info, sorted[0].row.Value)}; lowest: ${name(sorted.at(-1)!)}, ${f.value(sorted.at(-1)!.info, sorted.at(-1)!.row.Value)}.`;
  for (const s of shown.filter(s => s.info.target != null && ['Better', 'Worse', 'Similar'].includes(s.row.ComparedWithTarget))) {
    text += ` ${f.short(s.info.title)[0].toUpperCase()}${f.short(s.info.title).slice(1)} is ${s.row.ComparedWithTarget === 'Similar' ? 'not significantly different from' : `${s.row.ComparedWithTarget.toLowerCase()} than`} its ${f.value(s.info, s.info.target)} target.`;
  }
  return text;
}

/** Many headline figures: how many meet their targets, which are improving or worsening, and where groups fall behind. */
export function summary(infos: IndicatorInfo[], rows: ValueRow[], breakdown: BreakdownInfo | undefined): string {
  const overall = infos.map(info => ({ info, row: rows.find(r => r.IndicatorId === info.id && r.Breakdown === 'overall') }));
  const names = (list: { info: IndicatorInfo }[]) => list.map(s => lowerFirst(f.short(s.info.title))).join(', ');
  const parts: string[] = [];
  const targeted = overall.filter(s => s.info.target != null && s.row && ['Better', 'Similar', 'Worse'].includes(s.row.ComparedWithTarget));
  if (targeted.length) {
    const worse = targeted.filter(s => s.row!.ComparedWithTarget === 'Worse');
    parts.push(`${targeted.length - worse.length} of ${targeted.length} figures with a target meet it or are not significantly below it${worse.length ? `; below: ${names(worse)}` : ''}.`);
  }
  const improving = overall.filter(s => s.row?.TrendMeaning === 'Improving');
  const worsening = overall.filter(s => s.row?.TrendMeaning === 'Worsening');
  if (improving.length || worsening.length) {
    parts.push(`Improving: ${improving.length ? names(improving) : 'none'}; worsening: ${worsening.length ? names(worsening) : 'none'}.`);
  }
  if (breakdown) {
    const behind = infos.filter(info => rows.some(r => r.IndicatorId === info.id && r.Breakdown === breakdown.id && r.ComparedWithReference === 'Worse'));
    parts.push(behind.length
      ? `At least one ${breakdown.title.toLowerCase()} fares significantly worse than the reference group on ${behind.length} of ${infos.length}: ${names(behind.map(info => ({ info })))}.`
      : `No ${breakdown.title.toLowerCase()} fares significantly worse than the reference group on any of them.`);
  }
  return parts.length ? parts.join(' ') : infos.map(i => headline(i, overall.find(o => o.info === i)?.row)).join(' ');
}
