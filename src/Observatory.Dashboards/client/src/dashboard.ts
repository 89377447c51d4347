// A board dashboard: slicers, pages of tiles, cross-filtering and drill, with the whole view in the URL. Every
// figure is fetched from the feed at the caller's own disclosure level (feed.ts), so what a board member sees is what
// an analyst can fetch with the same URL.
import type { DashboardConfig, IndicatorInfo, TileConfig } from './config';
import { connect, type EmbedSession } from './embed';
import { Feed, plan } from './feed';
import * as f from './format';
import { read, write, type ViewState } from './state';
import { el, TileView } from './tile';

declare global {
  interface Window { observatoryPaints: number[] }
}

class Dashboard {
  private state: ViewState;
  private tiles: TileView[] = [];
  private shownPage = '';
  private generation = 0;
  private readonly slicerBar = el('form', { className: 'slicers' });
  private readonly chips = el('div', { className: 'chips' });
  private readonly nav = el('nav', { className: 'pages' });
  private readonly grid = el('div', { className: 'grid' });
  private readonly announce = el('p', { className: 'visually-hidden' });
  private readonly about = el('dialog', { className: 'about-panel' });

  constructor(private readonly root: HTMLElement, private readonly config: DashboardConfig, private readonly feed: Feed, private readonly embed: EmbedSession | null) {
    this.state = read(config, new URLSearchParams(location.search));
    window.observatoryPaints = [];
    this.announce.setAttribute('aria-live', 'polite');
    this.slicerBar.setAttribute('aria-label', 'Slicers');
    this.nav.setAttribute('aria-label', 'Pages of this dashboard');
    this.chips.setAttribute('aria-label', 'Filters on this page');
    this.chips.setAttribute('role', 'group');
    this.slicerBar.addEventListener('submit', e => e.preventDefault());
    window.addEventListener('popstate', () => { this.state = read(config, new URLSearchParams(location.search)); void this.render(); });
    embed?.onFilters(filters => this.applyFilters(filters));
  }

  start(): Promise<void> {
    const c = this.config;
    const level = c.disclosure === 'Controlled'
      ? 'Figures at the controlled disclosure level: every count is perturbed by the cell-key method and those published as 1 to 7 are withheld (shown as protected).'
      : 'Figures at the unrestricted disclosure level: exact counts, for staff entitled to them.';
    const header = el('header', { className: 'dashboard-header' },
      el('h1', { textContent: c.title }), el('p', { className: 'summary', textContent: c.summary }),
      el('p', { className: 'level', textContent: level }));
    if (!c.embedded) {
      const links = el('ul', {}, ...c.dashboards.map(d => el('li', {}, Object.assign(el('a', { href: `/dashboards/${d.value}`, textContent: d.label }), d.value === c.id ? { ariaCurrent: 'page' } : {}))),
        el('li', {}, el('a', { href: c.reportUrl, textContent: 'Progress report' })));
      const menu = el('nav', { className: 'dashboards' }, links);
      menu.setAttribute('aria-label', 'Dashboards');
      this.root.append(menu);
    }
    this.root.append(header, this.slicerBar, this.chips, this.nav, this.grid, this.about, this.announce);
    this.buildSlicers();
    return this.render();
  }

  private buildSlicers(): void {
    const c = this.config;
    const controls = c.slicers.map(slicer => {
      const id = `slicer-${slicer.id}`;
      const select = el('select', { id, name: slicer.id });
      if (slicer.id === 'period') {
        select.append(el('optgroup', { label: 'Financial years' }, ...c.periods['financial-year'].slice().reverse().map(p => el('option', { value: p, textContent: p }))),
          el('optgroup', { label: 'Quarters' }, ...c.periods.quarter.slice().reverse().map(p => el('option', { value: p, textContent: p }))));
      } else {
        if (slicer.id !== 'area' && !(slicer.locked?.length === 1)) { select.append(el('option', { value: '', textContent: 'All' })); }
        select.append(...slicer.options.filter(o => !slicer.locked?.length || slicer.locked.includes(o.value)).map(o => el('option', { value: o.value, textContent: o.label })));
      }
      if (slicer.locked?.length === 1) { select.disabled = true; }
      select.addEventListener('change', () => {
        if (slicer.id === 'period') { this.state.period = select.value; }
        else if (slicer.id === 'area') { this.state.area = select.value; }
        else if (select.value) { this.state.slicers[slicer.id] = select.value; }
        else { delete this.state.slicers[slicer.id]; }
        this.changed(`${slicer.label}: ${select.selectedOptions[0]?.textContent ?? 'All'}`);
      });
      const label = el('label', { htmlFor: id, textContent: slicer.label });
      const wrap = el('div', { className: 'slicer' }, label, select);
      if (slicer.locked?.length) { wrap.append(el('span', { className: 'locked', textContent: `Locked: ${slicer.locked.join(', ')}` })); }
      return wrap;
    });
    this.slicerBar.replaceChildren(...controls);
  }

  private syncSlicers(): void {
    for (const select of this.slicerBar.querySelectorAll('select')) {
      select.value = select.name === 'period' ? this.state.period : select.name === 'area' ? this.state.area : this.state.slicers[select.name] ?? '';
      // Printed instead of the control, which a printed page cannot use.
      select.parentElement!.dataset.value = ` ${select.selectedOptions[0]?.textContent ?? ''}`;
    }
  }

  private changed(message: string): void {
    history.pushState(null, '', `${location.pathname}${query(write(this.config, this.state))}${location.hash}`);
    this.announce.textContent = message;
    void this.render();
  }

  private applyFilters(filters: Record<string, string>): void {
    for (const [key, value] of Object.entries(filters)) {
      const slicer = this.config.slicers.find(s => s.id === key);
      if (!slicer || slicer.locked?.length === 1) { continue; }
      if (key === 'period') { this.state.period = value; } else if (key === 'area') { this.state.area = value; } else if (value) { this.state.slicers[key] = value; } else { delete this.state.slicers[key]; }
    }
    this.changed('Filters set by the embedding page');
  }

  private buildPage(): void {
    for (const tile of this.tiles) { tile.dispose(); }
    const page = this.config.pages.find(p => p.id === this.state.page)!;
    this.tiles = page.tiles.map(t => new TileView(this.config, t, {
      select: (tile, point) => this.select(tile, point),
      drill: (tile, group) => this.drill(tile, group),
      toggleTable: (tile, shown) => { if (shown) { this.state.tables.add(tile.id); } else { this.state.tables.delete(tile.id); } history.replaceState(null, '', `${location.pathname}${query(write(this.config, this.state))}${location.hash}`); },
      about: info => this.showAbout(info),
    }));
    const heading = el('h2', { className: 'visually-hidden', textContent: page.title });
    this.grid.replaceChildren(heading, ...this.tiles.map(t => t.root));
    const list = el('ul', {}, ...this.config.pages.map(p => {
      const link = el('a', { href: `${location.pathname}${query(write(this.config, { ...this.state, page: p.id, selection: null }))}`, textContent: p.title });
      if (p.id === this.state.page) { link.setAttribute('aria-current', 'page'); }
      link.addEventListener('click', e => { e.preventDefault(); this.state.page = p.id; this.state.selection = null; this.changed(`Page: ${p.title}`); });
      return el('li', {}, link);
    }));
    this.nav.replaceChildren(list);
    this.nav.hidden = this.config.pages.length < 2;
    this.shownPage = page.id;
  }

  private select(tile: TileConfig, point: { code: string; name: string } | null): void {
    const current = this.state.selection;
    const breakdown = tile.drill && this.state.drill[tile.id] ? tile.drill : tile.breakdown;
    if (!point || (current && current.tile === tile.id && current.group === point.code)) {
      this.state.selection = null;
      this.embed?.post({ type: 'select', tile: tile.id, indicator: tile.indicators[0], breakdown, group: null, label: null });
      this.changed('Cross-filter removed');
      return;
    }
    this.state.selection = { breakdown, group: point.code, label: point.name, tile: tile.id };
    this.embed?.post({ type: 'select', tile: tile.id, indicator: tile.indicators[0], breakdown, group: point.code, label: point.name });
    this.changed(`Page filtered by ${this.config.breakdowns[breakdown].title.toLowerCase()}: ${point.name}`);
  }

  private drill(tile: TileConfig, group: string | null): void {
    if (group) { this.state.drill[tile.id] = group; } else { delete this.state.drill[tile.id]; }
    if (this.state.selection?.tile === tile.id) { this.state.selection = null; }
    this.changed(group ? `${tile.title}: showing each category within ${group}` : `${tile.title}: back to every group`);
  }

  private drawChips(): void {
    const chips: HTMLElement[] = [];
    for (const slicer of this.config.slicers) {
      if (slicer.locked?.length) {
        chips.push(el('span', { className: 'chip chip-locked', textContent: `${slicer.label}: ${slicer.locked.join(' or ')} (locked)` }));
      }
    }
    const s = this.state.selection;
    if (s) {
      const remove = el('button', { type: 'button', className: 'chip', textContent: `${this.config.breakdowns[s.breakdown].title}: ${s.label} ✕` });
      remove.setAttribute('aria-label', `Remove the filter ${this.config.breakdowns[s.breakdown].title}: ${s.label}`);
      remove.addEventListener('click', () => { this.state.selection = null; this.changed('Cross-filter removed'); });
      chips.push(remove);
    }
    this.chips.replaceChildren(...chips);
    this.chips.hidden = chips.length === 0;
  }

  private showAbout(info: IndicatorInfo): void {
    const c = this.config;
    const close = el('button', { type: 'button', textContent: 'Close' });
    close.addEventListener('click', () => this.about.close());
    const items: [string, string][] = [
      ['Question', info.question], ['Numerator', info.numerator], ...(info.denominator ? [['Denominator', info.denominator] as [string, string]] : []),
      ['Unit', `${info.unit} (${info.unitLabel})`], ['Method', info.method],
      ...(info.target != null ? [['Target', `${f.value(info, info.target)}: ${info.targetDescription ?? ''}`] as [string, string]] : []),
      ['Disclosure level', c.disclosure === 'Controlled' ? 'Controlled: counts perturbed by the cell-key method; counts published as 1 to 7 withheld.' : 'Unrestricted: exact counts.'],
      ['Source', info.source],
    ];
    this.about.replaceChildren(
      el('h2', { id: 'about-title', textContent: info.title }),
      el('dl', {}, ...items.flatMap(([k, v]) => [el('dt', { textContent: k }), el('dd', { textContent: v })])),
      ...(info.caveats.length ? [el('h3', { textContent: 'Caveats' }), el('ul', {}, ...info.caveats.map(cv => el('li', { textContent: cv })))] : []),
      el('p', {}, el('a', { href: info.definitionUrl, textContent: 'The definition in the feed', target: '_blank', rel: 'noopener' })),
      close);
    this.about.setAttribute('aria-labelledby', 'about-title');
    this.about.showModal();
    close.focus();
  }

  /** Fetches and draws every tile of the page for the current state; records when the last one has painted. */
  async render(): Promise<void> {
    const generation = ++this.generation;
    if (this.shownPage !== this.state.page) { this.buildPage(); }
    this.syncSlicers();
    this.drawChips();
    const started = performance.now();
    const draws = this.tiles.map(async view => {
      const tile = view.tile;
      const tilePlan = plan(this.config, tile, this.state);
      view.loading();
      try {
        const rows = (await Promise.all(tilePlan.requests.map(r => this.feed.rows(r.url)))).flat().map(tilePlan.shape).filter(tilePlan.keep);
        if (generation !== this.generation) { return; }
        const highlight = tilePlan.highlight ?? (this.state.selection?.tile === tile.id ? this.state.selection.group : null);
        const selected = this.state.selection?.tile === tile.id ? this.state.selection.group : null;
        await view.show(tilePlan, rows, this.state.tables.has(tile.id), highlight, this.state.drill[tile.id] ?? null, selected);
      } catch (e) {
        if (generation === this.generation) { view.failed(e instanceof Error ? e.message : String(e)); }
      }
    });
    await Promise.all(draws);
    if (generation !== this.generation) { return; }
    window.observatoryPaints.push(performance.now());
    document.documentElement.dataset.painted = String(window.observatoryPaints.length);
    document.documentElement.dataset.paintMs = String(Math.round(performance.now() - started));
    if (window.observatoryPaints.length === 1) {
      this.embed?.post({ type: 'loaded', dashboard: this.config.id, tiles: this.tiles.length });
    }
  }
}

/** The dashboard's definition for this caller; an embedded page asks its parent for a fresh token once if it expired. */
async function loadConfig(url: string, headers: () => Record<string, string>, embed: EmbedSession | null, renewed = false): Promise<DashboardConfig> {
  const response = await fetch(url, { headers: { Accept: 'application/json', ...headers() }, credentials: 'same-origin' });
  if (response.ok) { return await response.json() as DashboardConfig; }
  const body = await response.json().catch(() => null) as { error?: { message?: string; code?: string } } | null;
  const message = body?.error?.message ?? `The dashboard could not be loaded (${response.status}).`;
  if (body?.error?.code === 'EmbedTokenExpired' && embed && !renewed) {
    await embed.renew().catch(() => { throw new Error(message); });
    return loadConfig(url, headers, embed, true);
  }
  throw new Error(message);
}

function query(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function boot(): Promise<void> {
  const root = document.getElementById('dashboard');
  if (!root) { return; }
  const embedded = root.dataset.embedded === 'true';
  let embed: EmbedSession | null = null;
  try {
    embed = embedded ? await connect((root.dataset.origins ?? '').split(' ').filter(Boolean)) : null;
    const headers = () => embed?.headers() ?? {};
    const inline = document.getElementById('dashboard-config');
    const config = inline?.textContent ? JSON.parse(inline.textContent) as DashboardConfig : await loadConfig(root.dataset.config!, headers, embed);
    document.title = `${config.title} · Observatory`;
    const feed = new Feed(headers, embed ? () => embed!.renew() : null);
    await new Dashboard(root, config, feed, embed).start();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    root.replaceChildren(el('p', { className: 'failure', textContent: message }));
    root.setAttribute('role', 'alert');
    embed?.post({ type: 'error', message });
  }
}

void boot();
