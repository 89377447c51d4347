// What the host tells the page about a dashboard (/dashboards/{id}/config): its definition, resolved against the
// catalogue and the warehouse, and what the caller may see. The server builds it (DashboardConfig in C#).

export type TileKind = 'headline' | 'bar' | 'trend' | 'gradient' | 'heatmap';
export type Unit = 'count' | 'proportion' | 'rate-per-100000' | 'mean';
export type Level = 'Controlled' | 'Unrestricted';

export interface Option { value: string; label: string }

export interface SlicerConfig {
  id: string;            // 'period', 'area' or a breakdown id ('service', 'age-band', 'gender', 'imd-quintile')
  label: string;
  options: Option[];
  locked?: string[];     // values fixed by the caller's scope or embed token: shown, never changed
}

export interface IndicatorInfo {
  id: string;
  title: string;
  question: string;
  unit: Unit;
  unitLabel: string;
  polarity: 'higher-is-better' | 'lower-is-better' | 'no-judgement';
  target: number | null;
  targetDescription: string | null;
  numerator: string;
  denominator: string | null;
  method: string;        // how the value and its interval are computed
  source: string;
  caveats: string[];
  periods: string[];     // 'month', 'quarter', 'financial-year', 'rolling-12-months'
  breakdowns: string[];  // the breakdowns its values are stored by
  byArea: boolean;       // whether values are given for each borough
  filters: Record<string, FilterPath>; // breakdown id -> the attribute of its facts that filters by it
  definitionUrl: string;
}

export interface FilterPath { path: string; numeric: boolean }

export interface BreakdownInfo { id: string; title: string; reference: string | null; parent: string | null }

export interface TileConfig {
  id: string;
  title: string;
  kind: TileKind;
  indicators: string[];
  breakdown: string;
  drill: string | null;
  periods: string | null; // trend / heatmap: 'financial-year', 'quarter' or 'month'
  width: number;
  note: string | null;
}

export interface PageConfig { id: string; title: string; tiles: TileConfig[] }

export interface DashboardConfig {
  id: string;
  title: string;
  summary: string;
  feed: string;                 // the service root, e.g. http://127.0.0.1:5080/odata
  disclosure: Level;
  embedded: boolean;
  forceLive: boolean;            // locked filters the stored values cannot honour: every tile is evaluated live
  slicers: SlicerConfig[];
  defaults: { periodType: 'financial-year' | 'quarter'; period: string; area: string };
  periods: { 'financial-year': string[]; quarter: string[]; month: string[] }; // stored periods, oldest first
  areas: string[];
  ics: string;
  pages: PageConfig[];
  indicators: Record<string, IndicatorInfo>;
  breakdowns: Record<string, BreakdownInfo>;
  parents: Record<string, Record<string, string>>; // breakdown id -> group code -> the parent group's code (ethnic-category -> ethnic-group)
  dashboards: Option[];         // every dashboard, for the navigation
  reportUrl: string;
}

// A row of IndicatorValues, or of Observatory.Evaluate's result: the same columns.
export interface ValueRow {
  IndicatorId: string;
  PeriodType: string;
  PeriodStartKey: number;
  PeriodEndKey: number;
  Period: string;
  Area: string;
  Breakdown: string;
  GroupCode: string;
  GroupName: string;
  GroupOrder: number;
  Numerator: number | null;
  Denominator: number | null;
  Value: number | null;
  Lower95: number | null;
  Upper95: number | null;
  Suppression: string;
  ReferenceGroup: string | null;
  ReferenceValue: number | null;
  ComparisonMeasure: string | null;
  Comparison: number | null;
  ComparisonLower95: number | null;
  ComparisonUpper95: number | null;
  ComparedWithReference: string;
  OverallValue: number | null;
  ComparedWithOverall: string;
  Target: number | null;
  ComparedWithTarget: string;
  Trend: string;
  TrendMeaning: string | null;
  SlopeIndex: number | null;
  SlopeIndexLower95: number | null;
  SlopeIndexUpper95: number | null;
}

export const columns: (keyof ValueRow)[] = [
  'IndicatorId', 'PeriodType', 'PeriodStartKey', 'PeriodEndKey', 'Period', 'Area', 'Breakdown', 'GroupCode', 'GroupName', 'GroupOrder',
  'Numerator', 'Denominator', 'Value', 'Lower95', 'Upper95', 'Suppression', 'ReferenceGroup', 'ReferenceValue', 'ComparisonMeasure', 'Comparison',
  'ComparisonLower95', 'ComparisonUpper95', 'ComparedWithReference', 'OverallValue', 'ComparedWithOverall', 'Target', 'ComparedWithTarget',
  'Trend', 'TrendMeaning', 'SlopeIndex', 'SlopeIndexLower95', 'SlopeIndexUpper95',
];
