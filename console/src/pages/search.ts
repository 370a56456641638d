/** 岗位搜索: GET /v1/vacancies/search with suggestions (/v1/suggest), facets, the 15-minute circle and relaxation. */
import { api, ApiError } from '../api.js';
import { debounce, fmt, h, message, snippet } from '../dom.js';
import { DISTRICTS } from '../../../src/domain/districts.js';
import { drawMap } from '../map.js';
import type { Page } from '../main.js';

interface Hit { id: string; score: number; distanceKm?: number; highlight: { title: string[]; description: string[] }; vacancy: { title: string; employer: { name: string }; salary?: { text?: string }; location?: { district?: string; lat?: number; lon?: number }; industry?: string; education?: string; tags?: string[] } }
interface SearchResult { total: number; hits: Hit[]; facets: Record<string, Array<{ value: string; count: number }>>; ignored: Array<{ param: string; value?: string; reason: string }>; relaxed: Array<{ step: string; hits: number }>; nextCursor?: string }
interface Suggestion { text: string; kind: string; count: number; search: Record<string, string> }

const FACETS: Array<{ name: string; label: string; filter: boolean }> = [
  { name: 'district', label: '区市', filter: true },
  { name: 'industry', label: '行业', filter: true },
  { name: 'education', label: '学历', filter: true },
  { name: 'employmentType', label: '用工类型', filter: true },
  { name: 'tag', label: '标签', filter: true },
  { name: 'salary', label: '月薪（元）', filter: false },
];
const KIND_NAMES: Record<string, string> = { title: '职位', skill: '技能', employer: '单位', place: '地点' };
const CIRCLE_KM = 3;

export const searchPage: Page = {
  title: '岗位搜索',
  render(root) {
    const selected: Record<string, Set<string>> = Object.fromEntries(FACETS.map((f) => [f.name, new Set<string>()]));
    let center: { lat: number; lon: number } = { ...DISTRICTS['城阳区'] };
    let controller: AbortController | undefined;

    const q = h('input', { id: 's-q', type: 'search', name: 'q', placeholder: '职位、技能或单位，如：普工、Java、焊工', autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 's-suggest' });
    const suggestBox = h('ul', { id: 's-suggest', class: 'suggest', role: 'listbox', 'aria-label': '搜索建议', hidden: true });
    const salaryMin = h('input', { id: 's-salary', type: 'text', name: 'salaryMin', placeholder: '如 6000、8k', inputmode: 'text' });
    const circle = h('input', { id: 's-circle', type: 'checkbox', name: 'circle' });
    const status = h('div', { id: 's-status', role: 'status', 'aria-live': 'polite', class: 'search-status' });
    // On a phone the facets fold away (one tap opens them), so the hits come first.
    const facetList = h('div', { class: 'facet-list' });
    const facetDetails = h('details', { open: window.matchMedia('(min-width: 761px)').matches }, h('summary', {}, '分面（结果数）'), facetList);
    const facetsBox = h('aside', { id: 's-facets', class: 'facets', 'aria-label': '筛选与分面' }, facetDetails);
    const hitsBox = h('div', { id: 's-hits', class: 'hits' });
    const mapBox = h('div', { id: 's-map', class: 'map-box', hidden: true });
    let active = -1;
    let suggestions: Suggestion[] = [];

    function closeSuggest(): void { suggestBox.hidden = true; q.setAttribute('aria-expanded', 'false'); active = -1; q.removeAttribute('aria-activedescendant'); }
    function chooseSuggestion(s: Suggestion): void {
      if (s.search.q) q.value = s.search.q;
      if (s.search.district) { selected.district!.clear(); selected.district!.add(s.search.district); if (!s.search.q) q.value = ''; }
      closeSuggest();
      void run();
    }
    const suggest = debounce(async () => {
      const text = q.value.trim();
      if (!text) { closeSuggest(); return; }
      try {
        const r = await api<{ suggestions: Suggestion[] }>('/v1/suggest', { query: { q: text, size: 8 } });
        suggestions = r.suggestions;
        suggestBox.replaceChildren(...suggestions.map((s, i) => h('li', { id: `s-opt-${i}`, role: 'option', class: 'suggest-item', 'aria-selected': 'false', onmousedown: (ev: Event) => { ev.preventDefault(); chooseSuggestion(s); } }, h('span', {}, s.text), h('small', {}, `${KIND_NAMES[s.kind] ?? s.kind} · ${s.count} 个岗位`))));
        suggestBox.hidden = suggestions.length === 0 || document.activeElement !== q;
        q.setAttribute('aria-expanded', String(!suggestBox.hidden));
      } catch { closeSuggest(); /* suggestions are optional: the search itself reports errors */ }
    }, 200);
    q.addEventListener('input', () => void suggest());
    q.addEventListener('blur', () => closeSuggest());
    q.addEventListener('keydown', (ev) => {
      if (suggestBox.hidden || !suggestions.length) return;
      const items = Array.from(suggestBox.children) as HTMLElement[];
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        active = (active + (ev.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
        items.forEach((it, i) => it.setAttribute('aria-selected', String(i === active)));
        q.setAttribute('aria-activedescendant', `s-opt-${active}`);
      } else if (ev.key === 'Enter' && active >= 0) {
        ev.preventDefault();
        chooseSuggestion(suggestions[active]!);
      } else if (ev.key === 'Escape') closeSuggest();
    });
    circle.addEventListener('change', () => void run());

    function query(): Record<string, string | string[] | number | undefined> {
      const p: Record<string, string | string[] | number | undefined> = { q: q.value.trim() || undefined, size: 20, salaryMin: salaryMin.value.trim() || undefined };
      for (const f of FACETS) if (f.filter && selected[f.name]!.size) p[f.name] = [...selected[f.name]!];
      if (circle.checked) Object.assign(p, { lat: center.lat, lon: center.lon, circle: '15min', sort: 'distance' });
      return p;
    }

    function renderFacets(r: SearchResult): void {
      facetList.replaceChildren();
      for (const f of FACETS) {
        const values = r.facets[f.name] ?? [];
        const chosen = selected[f.name]!;
        const shown = [...values];
        for (const v of chosen) if (!shown.some((x) => x.value === v)) shown.push({ value: v, count: 0 });
        if (!shown.length) continue;
        const set = h('fieldset', { class: 'facet', 'data-facet': f.name }, h('legend', {}, f.label));
        for (const v of shown) {
          const id = `facet-${f.name}-${v.value}`;
          const row = h('div', { class: 'facet-row' });
          if (f.filter) {
            const cb = h('input', { type: 'checkbox', id, checked: chosen.has(v.value), 'data-value': v.value });
            cb.addEventListener('change', () => { if (cb.checked) chosen.add(v.value); else chosen.delete(v.value); void run(); });
            row.append(cb, h('label', { for: id }, v.value, ' ', h('span', { class: 'count', 'data-count': v.count }, `(${v.count})`)));
          } else row.append(h('span', {}, v.value, ' ', h('span', { class: 'count', 'data-count': v.count }, `(${v.count})`)));
          set.append(row);
        }
        facetList.append(set);
      }
    }

    function renderMap(r: SearchResult | undefined): void {
      mapBox.hidden = !circle.checked;
      if (!circle.checked) return;
      const pts = (r?.hits ?? []).filter((x) => x.vacancy.location?.lat !== undefined).map((x) => ({ lat: x.vacancy.location!.lat!, lon: x.vacancy.location!.lon!, label: `${x.vacancy.title}（${fmt(x.distanceKm, 1)} 公里）` }));
      mapBox.replaceChildren(h('p', { class: 'hint' }, `圆心 ${center.lat.toFixed(4)}, ${center.lon.toFixed(4)}，半径 ${CIRCLE_KM} 公里（15分钟就业服务圈）`),
        drawMap(center, CIRCLE_KM, pts, (c) => { center = c; void run(); }),
        h('div', { class: 'centers', id: 's-centers', role: 'group', 'aria-label': '以区中心为圆心' }, h('span', { class: 'hint' }, '圆心：'),
          Object.entries(DISTRICTS).map(([name, c]) => h('button', { type: 'button', class: 'secondary', 'data-district': name, 'aria-pressed': String(c.lat === center.lat && c.lon === center.lon), onclick: () => { center = { ...c }; void run(); } }, name))));
    }

    let nextCursor: string | undefined;
    let shownHits = 0;

    function hitItem(hit: Hit): HTMLElement {
      const v = hit.vacancy;
      const title = h('h3', { class: 'hit-title' });
      title.append(hit.highlight.title[0] ? snippet(hit.highlight.title[0]) : v.title);
      const desc = h('p', { class: 'hit-desc' });
      if (hit.highlight.description[0]) desc.append(snippet(hit.highlight.description[0]));
      return h('li', { class: 'hit', 'data-id': hit.id }, title,
        h('p', { class: 'hit-meta' }, [v.employer.name, v.location?.district, v.salary?.text, v.education, hit.distanceKm !== undefined ? `${fmt(hit.distanceKm, 1)} 公里` : undefined].filter(Boolean).join(' · ')),
        desc);
    }

    function moreButton(total: number): HTMLElement | null {
      if (!nextCursor || shownHits >= total) return null;
      return h('button', { type: 'button', id: 's-more', class: 'secondary', onclick: () => void more() }, `显示更多（已显示 ${shownHits} / ${total}）`);
    }

    async function more(): Promise<void> {
      const btn = document.getElementById('s-more') as HTMLButtonElement | null;
      if (btn) { btn.disabled = true; btn.textContent = '加载中…'; }
      try {
        const r = await api<SearchResult>('/v1/vacancies/search', { query: { ...query(), cursor: nextCursor } });
        nextCursor = r.nextCursor;
        shownHits += r.hits.length;
        hitsBox.querySelector('.hit-list')?.append(...r.hits.map(hitItem));
        btn?.remove();
        const again = moreButton(r.total);
        if (again) hitsBox.append(again);
      } catch (err) {
        btn?.remove();
        hitsBox.append(message('error', err instanceof ApiError ? err.message : String(err)));
      }
    }

    function renderHits(r: SearchResult): void {
      hitsBox.replaceChildren();
      nextCursor = r.nextCursor;
      shownHits = r.hits.length;
      if (r.relaxed.length) {
        hitsBox.append(h('div', { class: 'relaxed', id: 's-relaxed', role: 'note' }, h('strong', {}, '没有完全符合条件的岗位，已按以下步骤放宽：'),
          h('ol', {}, r.relaxed.map((s) => h('li', {}, `${s.step}：${s.hits} 个结果`)))));
      }
      if (r.ignored.length) hitsBox.append(h('div', { class: 'ignored', role: 'note' }, '未使用的条件：', r.ignored.map((i) => `${i.param}${i.value ? `=${i.value}` : ''}（${i.reason}）`).join('；')));
      if (!r.hits.length) { hitsBox.append(message('empty', '没有找到匹配的岗位。试试更短的关键词，或去掉一些筛选条件。')); return; }
      hitsBox.append(h('ol', { class: 'hit-list' }, r.hits.map(hitItem)));
      const btn = moreButton(r.total);
      if (btn) hitsBox.append(btn);
    }

    async function run(): Promise<void> {
      controller?.abort();
      controller = new AbortController();
      const mine = controller;
      status.textContent = '搜索中…';
      try {
        const r = await api<SearchResult>('/v1/vacancies/search', { query: query(), signal: mine.signal });
        if (mine !== controller) return;
        status.textContent = `共 ${r.total} 个岗位`;
        status.dataset.total = String(r.total);
        renderFacets(r);
        renderHits(r);
        renderMap(r);
      } catch (err) {
        if ((err as Error).name === 'AbortError' || mine !== controller) return;
        status.textContent = '';
        facetList.replaceChildren();
        hitsBox.replaceChildren(message('error', err instanceof ApiError ? err.message : String(err)));
        renderMap(undefined);
      }
    }

    const form = h('form', { class: 'search-form', role: 'search', onsubmit: (ev: Event) => { ev.preventDefault(); closeSuggest(); void run(); } },
      h('div', { class: 'field grow combo' }, h('label', { for: 's-q' }, '关键词'), q, suggestBox),
      h('div', { class: 'field' }, h('label', { for: 's-salary' }, '最低月薪'), salaryMin),
      h('div', { class: 'field check' }, circle, h('label', { for: 's-circle' }, '只看15分钟就业服务圈')),
      h('button', { type: 'submit' }, '搜索'));
    root.append(h('h2', {}, '岗位搜索'),
      h('p', { class: 'lead' }, '按关键词、区市、行业等搜索岗位；分面显示每个选项的结果数；没有结果时，接口逐步放宽条件，并如实列出每一步。'),
      form, status, h('div', { class: 'search-layout' }, facetsBox, h('div', {}, mapBox, hitsBox)));
    void run();
    return () => controller?.abort();
  },
};
