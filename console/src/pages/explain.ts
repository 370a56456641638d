/** 推荐解释: GET /v1/resumes/:id/matches or /v1/vacancies/:id/matches; each score drawn as a bar of its factors. */
import { api, ApiError } from '../api.js';
import { fmt, h, message } from '../dom.js';
import type { Page } from '../main.js';

interface Factor { factor: string; weight: number; value: number | null; contribution: number; reason: string }
interface Match { id: string; score: number; breakdown?: Factor[]; missingSkills?: string[]; catalogMissingSkills?: string[]; catalog?: Array<{ id: string; occupation: string; demandLevel: number }>; vacancy?: { title: string; employer: { name: string }; location?: { district?: string }; salary?: { text?: string } }; resume?: { name?: string; desiredTitles?: string[]; location?: { district?: string }; skills?: string[] } }
interface Matches { matches: Match[]; personalization: string; candidates: number }
interface Plan { analysed: number; plan: string[]; missingSkills: Array<{ skill: string; missingIn: number; wouldComplete: number }> }

const FACTORS: Record<string, { name: string; color: string }> = {
  skills: { name: '技能', color: '#1f5fa8' }, title: { name: '职位', color: '#2e7d32' }, location: { name: '地点', color: '#8e24aa' },
  salary: { name: '薪资', color: '#c25e00' }, education: { name: '学历', color: '#00796b' },
  employmentType: { name: '用工类型', color: '#455a64' }, catalog: { name: '需求目录', color: '#b3261e' }, freshness: { name: '新近发布', color: '#6d4c41' },
  programs: { name: '专项岗位', color: '#ad1457' }, seniority: { name: '资历', color: '#5d4037' }, base: { name: '基础分', color: '#78909c' },
  cap: { name: '封顶', color: '#555' },
};

/**
 * The score as a bar out of 100: the base and the factors that add are segments from the left; the factors that
 * take away (and a cap at 0 or 100) are hatched over the end of what was added, so the part left plain is the score.
 */
function scoreBar(m: Match): HTMLElement {
  const all = (m.breakdown ?? []).filter((f) => f.contribution !== 0);
  const raw = all.reduce((s, f) => s + f.contribution, 0);
  // The API caps the score to 0..100: the cap is drawn as one more deduction (or addition), so the parts sum to it.
  const cap = +(m.score - raw).toFixed(2);
  const parts = cap ? [...all, { factor: 'cap', weight: 0, value: null, contribution: cap, reason: '得分限定在0到100之间' }] : all;
  const plus = parts.filter((f) => f.contribution > 0);
  const minus = parts.filter((f) => f.contribution < 0);
  const name = (f: Factor) => FACTORS[f.factor]?.name ?? f.factor;
  const bar = h('div', { class: 'score-bar', role: 'img', 'data-score': m.score, 'data-sum': +parts.reduce((s, f) => s + f.contribution, 0).toFixed(2), 'aria-label': `得分 ${fmt(m.score, 2)}：${plus.map((f) => `${name(f)} +${fmt(f.contribution, 2)}`).join('、')}${minus.length ? `；${minus.map((f) => `${name(f)} ${fmt(f.contribution, 2)}`).join('、')}` : ''}` });
  for (const f of plus) {
    bar.append(h('span', { class: 'seg', 'data-factor': f.factor, 'data-contribution': f.contribution, style: `width:${f.contribution}%;background:${FACTORS[f.factor]?.color ?? '#555'}`, title: `${name(f)}：+${fmt(f.contribution, 2)}（${f.reason}）` }));
  }
  let end = plus.reduce((s, f) => s + f.contribution, 0);
  for (const f of minus) {
    end += f.contribution;
    bar.append(h('span', { class: 'seg seg-minus', 'data-factor': f.factor, 'data-contribution': f.contribution, style: `left:${Math.max(0, end)}%;width:${-f.contribution}%`, title: `${name(f)}：${fmt(f.contribution, 2)}（${f.reason}）` }));
  }
  return bar;
}

export const explainPage: Page = {
  title: '推荐解释',
  render(root) {
    const kind = h('select', { id: 'e-kind', name: 'kind' }, h('option', { value: 'resume' }, '简历 → 推荐岗位'), h('option', { value: 'vacancy' }, '岗位 → 推荐人选'));
    const id = h('input', { id: 'e-id', name: 'id', type: 'text', value: 'r-000001', spellcheck: 'false', placeholder: 'r-000001 或 v-000001' });
    const off = h('input', { id: 'e-off', type: 'checkbox', name: 'personalization' });
    const out = h('div', { id: 'e-out', class: 'matches' });
    let controller: AbortController | undefined;
    kind.addEventListener('change', () => { id.value = kind.value === 'resume' ? 'r-000001' : 'v-000001'; });

    /** The resume's job-search plan as the API makes it (GET /v1/resumes/:id/plan): steps and the skills to learn. */
    async function plan(resumeId: string, signal: AbortSignal): Promise<HTMLElement> {
      const box = h('section', { class: 'plan', id: 'e-plan', 'aria-labelledby': 'plan-h' }, h('h3', { id: 'plan-h' }, '个性化求职方案'));
      try {
        const p = await api<Plan>(`/v1/resumes/${encodeURIComponent(resumeId)}/plan`, { signal });
        box.append(p.plan.length ? h('ol', { class: 'plan-steps' }, p.plan.map((step) => h('li', {}, step.replace(/^\d+[.、．]\s*/, '')))) : message('empty', '暂无方案步骤。'));
        if (p.missingSkills.length) {
          box.append(h('table', { class: 'breakdown', id: 'plan-skills' }, h('caption', {}, `值得学习的技能（按 ${p.analysed} 个推荐岗位统计）`),
            h('thead', {}, h('tr', {}, ['技能', '缺少它的岗位数', '学会后完全匹配的岗位数'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, p.missingSkills.slice(0, 8).map((m) => h('tr', {}, h('td', {}, m.skill), h('td', {}, m.missingIn), h('td', {}, m.wouldComplete))))));
        }
      } catch (err) {
        if ((err as Error).name === 'AbortError') throw err;
        box.append(message('error', `求职方案：${err instanceof ApiError ? err.message : String(err)}`));
      }
      return box;
    }

    async function run(): Promise<void> {
      const value = id.value.trim();
      if (!value) { out.replaceChildren(message('info', '请输入简历或岗位编号。')); return; }
      controller?.abort();
      controller = new AbortController();
      const mine = controller;
      out.replaceChildren(message('loading', '正在计算推荐…'));
      try {
        const path = `/v1/${kind.value === 'resume' ? 'resumes' : 'vacancies'}/${encodeURIComponent(value)}/matches`;
        const r = await api<Matches>(path, { query: { size: 10, personalization: off.checked ? 'off' : undefined }, signal: mine.signal });
        if (mine !== controller) return;
        out.replaceChildren(h('p', { class: 'hint', role: 'status' }, `${r.matches.length} 个推荐（从 ${r.candidates} 个候选中排序；个性化：${r.personalization === 'off' ? '关闭，按发布时间和紧缺程度' : '开启'}）`));
        if (!r.matches.length) { out.append(message('empty', '没有找到推荐结果：该简历或岗位目前没有足够相近的对象。')); return; }
        const legend = h('ul', { class: 'legend', 'aria-label': '图例' }, Object.values(FACTORS).map((f) => h('li', {}, h('span', { class: 'swatch', style: `background:${f.color}` }), f.name)));
        const list = h('ol', { class: 'match-list' });
        for (const m of r.matches) {
          const heading = m.vacancy ? `${m.vacancy.title} · ${m.vacancy.employer.name}` : `${m.resume?.name ?? m.id} · 期望 ${(m.resume?.desiredTitles ?? []).join('、') || '—'}`;
          const where = m.vacancy ? [m.vacancy.location?.district, m.vacancy.salary?.text].filter(Boolean).join(' · ') : m.resume?.location?.district ?? '';
          const sum = (m.breakdown ?? []).reduce((s, f) => s + f.contribution, 0);
          list.append(h('li', { class: 'match', 'data-id': m.id },
            h('div', { class: 'match-head' }, h('h3', {}, heading), h('span', { class: 'score', 'data-score': m.score }, `${fmt(m.score, 2)} 分`)),
            where ? h('p', { class: 'hint' }, `${m.id} · ${where}`) : null,
            m.breakdown ? scoreBar(m) : message('info', '未返回评分明细。'),
            m.breakdown ? h('p', { class: 'sum' }, `各项合计 ${fmt(sum, 2)} 分`) : null,
            m.breakdown ? h('details', {}, h('summary', {}, '评分明细'),
              h('table', { class: 'breakdown' }, h('thead', {}, h('tr', {}, ['因素', '权重', '得分率', '贡献', '说明'].map((c) => h('th', { scope: 'col' }, c)))),
                h('tbody', {}, m.breakdown.map((f) => h('tr', {}, h('td', {}, FACTORS[f.factor]?.name ?? f.factor), h('td', {}, f.weight), h('td', {}, f.value === null ? '未知' : fmt(f.value, 2)), h('td', {}, fmt(f.contribution, 2)), h('td', {}, f.reason)))))) : null,
            m.missingSkills?.length ? h('p', { class: 'missing' }, h('strong', {}, '缺少的技能：'), m.missingSkills.map((s) => h('span', { class: 'chip' }, s))) : h('p', { class: 'missing' }, '技能已全部满足。'),
            m.catalog?.length ? h('p', { class: 'hint' }, '需求目录：', m.catalog.map((c) => `${c.occupation}（紧缺 ${c.demandLevel}/5）`).join('、')) : null));
        }
        out.append(legend, list);
        if (kind.value === 'resume') { const p = await plan(value, mine.signal); if (mine === controller) out.prepend(p); }
      } catch (err) {
        if ((err as Error).name === 'AbortError' || mine !== controller) return;
        out.replaceChildren(message('error', err instanceof ApiError ? err.message : String(err)));
      }
    }

    root.append(h('h2', {}, '推荐解释'),
      h('p', { class: 'lead' }, '输入简历或岗位编号，查看推荐结果和每个分数的构成：条形图从基础分50起，每个彩色段是一项加分的因素，斜线段是扣分的因素，未被斜线覆盖的长度就是总分（满分100）。求职者密钥只能查看本人简历，招聘专员可查看全部。'),
      h('form', { class: 'filters', onsubmit: (ev: Event) => { ev.preventDefault(); void run(); } },
        h('div', { class: 'field' }, h('label', { for: 'e-kind' }, '查看'), kind),
        h('div', { class: 'field' }, h('label', { for: 'e-id' }, '编号'), id),
        h('div', { class: 'field check' }, off, h('label', { for: 'e-off' }, '不使用个性化推荐')),
        h('button', { type: 'submit' }, '查看推荐')),
      out);
    return () => controller?.abort();
  },
};
