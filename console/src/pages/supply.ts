/** 人才供需: the catalog's gap report (GET /v1/catalog/gaps) and market demand (GET /v1/stats/demand) as charts, tables, CSV. */
import { api, ApiError } from '../api.js';
import { barChart } from '../charts.js';
import { fmt, h, message } from '../dom.js';
import { DISTRICTS } from '../../../src/domain/districts.js';
import type { Page } from '../main.js';

interface GapEntry { entryId: string; kind: string; industry: string; subIndustry?: string; occupation: string; occupationCode: string; demandLevel: number; demand: { vacancies: number; headcount: number }; supply: { resumes: number; nearMiss: number }; ratio: number | null; missingSkills: Array<{ skill: string; count: number; share: number }> }
interface GapReport { version: string; revision: number; computedAt: string; scanned: { vacancies: number; resumes: number }; entries: GapEntry[] }
interface Cell { vacancies: number; headcount: number; resumesUpdated: number | null; demandSupplyRatio: number | null }
interface DemandBucket { key: string; label?: string; total: Cell; periods: Array<Cell & { period: string }> }
interface Salaries { count: number; withoutPay: number; minCount: number; sufficient: boolean; percentiles: Record<'p10' | 'p25' | 'p50' | 'p75' | 'p90', number> | null; detail?: string }
interface DemandReport { by: string; from: string; to: string; buckets: DemandBucket[] }

function csv(rows: Array<Array<string | number | null>>): string {
  return rows.map((r) => r.map((c) => {
    const s = c === null ? '' : String(c);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  }).join(',')).join('\r\n');
}

function downloadLink(name: string, rows: Array<Array<string | number | null>>, label: string): HTMLAnchorElement {
  const blob = new Blob(['\ufeff' + csv(rows)], { type: 'text/csv;charset=utf-8' });
  return h('a', { class: 'button secondary', href: URL.createObjectURL(blob), download: name, 'data-csv': name }, label);
}

function table(caption: string, head: string[], rows: Array<Array<string | number | null>>, id: string): HTMLElement {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', { id }, h('caption', {}, caption),
      h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, typeof c === 'number' ? fmt(c, Number.isInteger(c) ? 0 : 2) : (c ?? '—'))))))));
}

export const supplyPage: Page = {
  title: '人才供需',
  render(root) {
    const charts = new Map<string, () => void>();
    /** Draws a panel's chart, disposing the one it replaces. */
    const draw = (name: string, make: () => () => void) => { charts.get(name)?.(); charts.set(name, make()); };
    let report: GapReport | undefined;
    let retry: number | undefined;
    const industry = h('select', { id: 'g-industry', name: 'industry' }, h('option', { value: '' }, '全部行业'));
    const by = h('select', { id: 'd-by', name: 'by' }, h('option', { value: 'district' }, '按区市'), h('option', { value: 'industry' }, '按行业'), h('option', { value: 'catalogEntry' }, '按目录岗位'));
    const district = h('select', { id: 'm-district', name: 'district' }, h('option', { value: '' }, '全市'), Object.keys(DISTRICTS).map((d) => h('option', { value: d }, d)));
    const marketIndustry = h('select', { id: 'm-industry', name: 'marketIndustry' }, h('option', { value: '' }, '全部行业'));
    const salaryBox = h('section', { id: 'salaries', class: 'panel', 'aria-labelledby': 'salaries-h' });
    const gapBox = h('section', { id: 'gaps', class: 'panel', 'aria-labelledby': 'gaps-h' });
    const demandBox = h('section', { id: 'demand', class: 'panel', 'aria-labelledby': 'demand-h' });

    function dispose(): void { for (const d of charts.values()) d(); charts.clear(); }

    function renderGaps(): void {
      if (!report) return;
      const chosen = industry.value;
      const entries = report.entries.filter((e) => !chosen || e.industry === chosen);
      gapBox.replaceChildren(h('h3', { id: 'gaps-h' }, '需求目录供需缺口'),
        h('p', { class: 'hint' }, `目录 ${report.version}（第 ${report.revision} 版）；统计了 ${report.scanned.vacancies} 个已发布岗位、${report.scanned.resumes} 份简历；计算于 ${new Date(report.computedAt).toLocaleString('zh-CN')}。`));
      if (!entries.length) { gapBox.append(message('empty', '该行业在目录中没有岗位。')); return; }
      const top = [...entries].sort((a, b) => (b.demand.headcount - b.supply.resumes) - (a.demand.headcount - a.supply.resumes)).slice(0, 12);
      const chartBox = h('div', { class: 'chart', id: 'gap-chart', role: 'img', 'aria-label': '缺口最大的目录岗位：需求人数与简历数' });
      gapBox.append(h('h4', {}, '缺口最大的岗位（需求人数与简历数）'), chartBox);
      const rows = entries.map((e) => [e.occupation, e.industry, e.occupationCode, e.demandLevel, e.demand.vacancies, e.demand.headcount, e.supply.resumes, e.supply.nearMiss, e.ratio, e.missingSkills.slice(0, 3).map((s) => s.skill).join('、')]);
      const head = ['岗位', '行业', '职业代码', '紧缺程度', '岗位数', '需求人数', '简历数', '差一点的求职者', '求人倍率', '最常缺的技能'];
      gapBox.append(h('div', { class: 'actions' }, downloadLink(`catalog-gaps-${report.version}.csv`, [head, ...rows], '下载 CSV（供需缺口）')),
        table('需求目录各岗位的需求与供给', head, rows, 'gap-table'));
      requestAnimationFrame(() => draw('gaps', () => barChart(chartBox, top.map((e) => e.occupation), [
        { name: '需求人数', data: top.map((e) => e.demand.headcount), color: '#b3261e' },
        { name: '简历数', data: top.map((e) => e.supply.resumes), color: '#1f5fa8' },
      ], { horizontal: true })));
    }

    let demandSeq = 0;
    let salarySeq = 0;
    async function renderDemand(): Promise<void> {
      const mine = ++demandSeq;
      demandBox.replaceChildren(h('h3', { id: 'demand-h' }, '市场需求统计（近 12 个月）'), message('loading', '加载中…'));
      try {
        const d = await api<DemandReport>('/v1/stats/demand', { query: { by: by.value, interval: 'month', size: 20 } });
        if (mine !== demandSeq) return;
        const focus = by.value === 'district' ? district.value : by.value === 'industry' ? marketIndustry.value : '';
        const one = focus ? d.buckets.find((b) => b.key === focus) : undefined;
        // One district or industry chosen: its months; otherwise one bar per group over the whole range.
        const buckets: DemandBucket[] = one ? one.periods.map((p) => ({ key: p.period.slice(0, 7), total: p, periods: [] })) : focus ? [] : d.buckets.map((b) => ({ ...b, key: b.label ?? b.key }));
        demandBox.replaceChildren(h('h3', { id: 'demand-h' }, `市场需求统计（近 12 个月${focus ? `，${focus}，按月` : ''}）`),
          h('p', { class: 'hint' }, `${d.from.slice(0, 10)} 至 ${d.to.slice(0, 10)}；求人倍率 = 需求人数 ÷ 同期更新的简历数。`));
        if (!buckets.length || buckets.every((b) => b.total.vacancies === 0)) { demandBox.append(message('empty', '这段时间没有符合条件的岗位数据。')); return; }
        const chartBox = h('div', { class: 'chart', id: 'demand-chart', role: 'img', 'aria-label': '各组的需求人数与简历数' });
        const head = ['分组', '岗位数', '需求人数', '更新简历数', '求人倍率'];
        const rows: Array<Array<string | number | null>> = buckets.map((b) => [b.key, b.total.vacancies, b.total.headcount, b.total.resumesUpdated, b.total.demandSupplyRatio]);
        demandBox.append(chartBox, h('div', { class: 'actions' }, downloadLink(`demand-by-${d.by}.csv`, [head, ...rows], '下载 CSV（市场需求）')), table('市场需求统计', head, rows, 'demand-table'));
        requestAnimationFrame(() => draw('demand', () => barChart(chartBox, buckets.map((b) => b.key), [
          { name: '需求人数', data: buckets.map((b) => b.total.headcount), color: '#b3261e' },
          { name: '更新简历数', data: buckets.map((b) => b.total.resumesUpdated), color: '#1f5fa8' },
        ])));
      } catch (err) {
        if (mine === demandSeq) demandBox.replaceChildren(h('h3', { id: 'demand-h' }, '市场需求统计'), message('error', err instanceof ApiError ? err.message : String(err)));
      }
    }

    async function renderSalaries(): Promise<void> {
      const mine = ++salarySeq;
      const title = h('h3', { id: 'salaries-h' }, `月薪分布（${district.value || '全市'}${marketIndustry.value ? ' · ' + marketIndustry.value : ''}）`);
      salaryBox.replaceChildren(title, message('loading', '加载中…'));
      try {
        const r = await api<Salaries>('/v1/stats/salaries', { query: { district: district.value || undefined, industry: marketIndustry.value || undefined } });
        if (mine !== salarySeq) return;
        if (!r.sufficient || !r.percentiles) {
          salaryBox.replaceChildren(title, message('empty', `数据不足：只有 ${r.count} 个标明薪资的岗位（至少 ${r.minCount} 个才给出分位数）。${r.detail ?? ''}`));
          return;
        }
        const p = r.percentiles;
        const labels = ['P10', 'P25', '中位数', 'P75', 'P90'];
        const values = [p.p10, p.p25, p.p50, p.p75, p.p90];
        const chartBox = h('div', { class: 'chart short', id: 'salary-chart', role: 'img', 'aria-label': `月薪分位数：${labels.map((l, i) => `${l} ${values[i]} 元`).join('，')}` });
        const head = ['分位', '月薪（元）'];
        const rows = labels.map((l, i) => [l, values[i]!]);
        salaryBox.replaceChildren(title, h('p', { class: 'hint' }, `${r.count} 个已发布岗位的月薪（取薪资范围中点；另有 ${r.withoutPay} 个面议不计）。`), chartBox,
          h('div', { class: 'actions' }, downloadLink(`salaries-${district.value || 'all'}.csv`, [head, ...rows], '下载 CSV（月薪分布）')), table('月薪分位数', head, rows, 'salary-table'));
        requestAnimationFrame(() => draw('salaries', () => barChart(chartBox, labels, [{ name: '月薪（元）', data: values, color: '#2e7d32' }])));
      } catch (err) {
        if (mine === salarySeq) salaryBox.replaceChildren(title, message('error', err instanceof ApiError ? err.message : String(err)));
      }
    }

    async function loadIndustries(): Promise<void> {
      try {
        const d = await api<DemandReport>('/v1/stats/demand', { query: { by: 'industry', interval: 'month', size: 50 } });
        marketIndustry.append(...d.buckets.map((b) => h('option', { value: b.key }, b.label ?? b.key)));
      } catch { /* the panels report errors themselves */ }
    }

    async function load(): Promise<void> {
      gapBox.replaceChildren(message('loading', '正在加载供需报告…'));
      try {
        report = await api<GapReport>('/v1/catalog/gaps');
        const industries = [...new Set(report.entries.map((e) => e.industry))].sort();
        industry.replaceChildren(h('option', { value: '' }, '全部行业'), ...industries.map((i) => h('option', { value: i }, i)));
        renderGaps();
      } catch (err) {
        if (err instanceof ApiError && err.status === 503 && err.problem.progress) {
          const p = err.problem.progress;
          gapBox.replaceChildren(message('info', `供需报告正在计算（已统计 ${p.walked ?? 0} / ${p.total ?? '?'} 份文档），稍后自动刷新。`));
          retry = window.setTimeout(() => void load(), (err.retryAfter ?? 3) * 1000);
          return;
        }
        gapBox.replaceChildren(message('error', err instanceof ApiError ? err.message : String(err)));
      }
    }

    industry.addEventListener('change', renderGaps);
    by.addEventListener('change', () => void renderDemand());
    district.addEventListener('change', () => { void renderDemand(); void renderSalaries(); });
    marketIndustry.addEventListener('change', () => { void renderDemand(); void renderSalaries(); });
    root.append(h('h2', {}, '人才供需'),
      h('p', { class: 'lead' }, '重点产业和技能型人才需求目录中每个岗位的需求（已发布岗位的招聘人数）与供给（简历），以及按区市或行业的市场需求统计。供需缺口报告需要招聘专员或管理员密钥。'),
      h('div', { class: 'filters' },
        h('div', { class: 'field' }, h('label', { for: 'g-industry' }, '目录行业'), industry)),
      gapBox,
      h('h3', {}, '市场统计'),
      h('div', { class: 'filters' },
        h('div', { class: 'field' }, h('label', { for: 'm-district' }, '区市'), district),
        h('div', { class: 'field' }, h('label', { for: 'm-industry' }, '岗位行业'), marketIndustry),
        h('div', { class: 'field' }, h('label', { for: 'd-by' }, '需求分组'), by)),
      salaryBox, demandBox);
    void load();
    void renderDemand();
    void loadIndustries();
    void renderSalaries();
    return () => { dispose(); if (retry) window.clearTimeout(retry); };
  },
};
