// How values are written: one place, so the charts, tables, tooltips and narratives agree.
import type { IndicatorInfo, ValueRow } from './config';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** The value in the indicator's unit, rounded for reading ('45%', '1,234 per 100,000', '6.2 days', '123'). */
export function value(info: IndicatorInfo, v: number | null, precise = false): string {
  if (v == null) { return '–'; }
  switch (info.unit) {
    case 'proportion': return `${(v * 100).toFixed(precise ? 1 : 0)}%`;
    case 'rate-per-100000': return `${whole.format(v)} per 100,000`;
    case 'mean': return `${v.toFixed(1)} ${info.unitLabel}`;
    default: return whole.format(v);
  }
}

/** The number alone, in the chart's scale (percentages for proportions). */
export function scaled(info: IndicatorInfo, v: number | null): number | null {
  if (v == null) { return null; }
  return info.unit === 'proportion' ? Math.round(v * 1000) / 10 : Math.round(v * 10) / 10;
}

export function axisLabel(info: IndicatorInfo): string {
  return info.unit === 'proportion' ? '%' : info.unitLabel;
}

/** The number alone, as a mark line's label gives it ('50%', '2,759', '6.2'). */
export function bare(info: IndicatorInfo, v: number): string {
  return info.unit === 'proportion' ? `${(v * 100).toFixed(0)}%` : info.unit === 'mean' ? v.toFixed(1) : whole.format(v);
}

/** A gap between two values: percentage points for proportions, the unit otherwise ('4.9 percentage points'). */
export function gap(info: IndicatorInfo, v: number): string {
  return info.unit === 'proportion' ? `${signed(v * 100)} percentage points` : info.unit === 'mean' ? `${signed(v)} ${info.unitLabel}` : info.unit === 'rate-per-100000' ? `${whole.format(v)} per 100,000` : whole.format(v);
}

/** '(-0.2 to 10.0)' for a gap's interval, in the gap's own units. */
export function gapInterval(info: IndicatorInfo, lower: number | null, upper: number | null): string {
  if (lower == null || upper == null) { return ''; }
  const scale = info.unit === 'proportion' ? 100 : 1;
  return `(${signed(lower * scale)} to ${signed(upper * scale)})`;
}

function signed(v: number): string {
  const text = v.toFixed(1);
  return text === '-0.0' ? '0.0' : text.replace('-', '−');
}

/** '(42 to 50)' in the value's unit, without repeating the unit for the limits. */
export function interval(info: IndicatorInfo, lower: number | null, upper: number | null, precise = false): string {
  if (lower == null || upper == null) { return ''; }
  const bare = (v: number) => info.unit === 'proportion' ? (v * 100).toFixed(precise ? 1 : 0)
    : info.unit === 'mean' ? v.toFixed(1) : whole.format(v);
  return `(${bare(lower)} to ${bare(upper)})`;
}

export function count(v: number | null): string {
  return v == null ? '–' : whole.format(v);
}

/** Withheld because a count was published as 1 to 7: shown as protected, never as zero. */
export function isProtected(row: ValueRow): boolean {
  return row.Suppression === 'SmallCount';
}

export const protectedText = 'protected (a count of 1 to 7)';

const judgements: Record<string, string> = {
  Better: 'better', Worse: 'worse', Similar: 'similar', Higher: 'higher', Lower: 'lower', NotCompared: 'not compared',
};

export function judgement(j: string | null | undefined): string {
  return j ? (judgements[j] ?? j) : '';
}

/** 'Black service users', 'service users aged 18-24', ...: a group named in a sentence. */
export function group(breakdown: string, name: string): string {
  switch (breakdown) {
    case 'ethnic-group':
    case 'ethnic-category':
    case 'gender': return `${name} service users`;
    case 'age-band': return `service users aged ${name}`;
    case 'imd-quintile': return name === '1' ? 'the most deprived fifth of areas' : name === '5' ? 'the least deprived fifth of areas' : `IMD quintile ${name}`;
    case 'sexual-orientation':
    case 'disability': return `service users recorded as ${name}`;
    default: return name;
  }
}

/** A title without the theme it starts with, where the tile's own title gives the theme ('Data completeness: ...'). */
export function short(title: string): string {
  return title.replace(/^(Data completeness|SMI health checks?|Growing Minds): /i, '');
}
