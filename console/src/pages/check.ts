/** 招聘信息合规检查: the ad as typed, screened (debounced) by POST /v1/compliance/check; findings marked in place. */
import { api, ApiError } from '../api.js';
import { debounce, h, message } from '../dom.js';
import type { Page } from '../main.js';

type Field = 'title' | 'description' | 'requirements' | 'benefits' | 'salaryText' | 'contractTerms';
interface Finding { category: string; severity: 'block' | 'warn' | 'info'; field: Field; start: number; end: number; text: string; ruleId: string; legalBasis: Array<{ law: string; article: string }>; message: string; suggestion: string }
interface CheckResult { verdict: 'pass' | 'review' | 'reject'; findings: Finding[]; rewrite: Partial<Record<Field, string>>; rulebookVersion: string }

const FIELDS: Array<{ name: Field; label: string; multiline: boolean; placeholder: string }> = [
  { name: 'title', label: '职位名称', multiline: false, placeholder: '如：仓库管理员' },
  { name: 'description', label: '职位描述（必填）', multiline: true, placeholder: '岗位职责、工作内容…' },
  { name: 'requirements', label: '任职要求', multiline: true, placeholder: '学历、经验、技能…' },
  { name: 'salaryText', label: '薪资', multiline: false, placeholder: '如：月薪4500-6000元' },
  { name: 'contractTerms', label: '合同条款', multiline: true, placeholder: '如：劳动合同三年，试用期3个月' },
];

const SAMPLE: Partial<Record<Field, string>> = {
  title: '仓库管理员',
  description: '负责仓库货物进出库管理。限男性，35岁以下，本地户口优先。',
  requirements: '已婚已育优先，身体健康，入职需缴纳服装费200元。',
  salaryText: '月薪1500元',
  contractTerms: '劳动合同一年，试用期6个月',
};

export const CATEGORY_NAMES: Record<string, string> = {
  gender: '性别歧视', age: '年龄歧视', marital_childbearing: '婚育歧视', ethnicity: '民族歧视', religion: '宗教歧视',
  hukou_region: '户籍地域歧视', disability: '残疾歧视', health: '健康歧视', appearance: '外貌歧视', sexual_orientation: '性取向歧视',
  education_origin: '学历出身歧视', other: '其他歧视', wage_below_minimum: '低于最低工资', fee_or_deposit: '收取费用或押金',
  document_withholding: '扣押证件', probation: '试用期违规', social_insurance_waiver: '放弃社保', working_hours: '工时违规',
};
const SEVERITY_NAMES = { block: '禁止', warn: '警告', info: '提示' } as const;
const VERDICT_NAMES = { pass: '通过：未发现问题', review: '需人工复核', reject: '不予发布：存在违规内容' } as const;

/** The text of one field with each finding's span wrapped in a <mark> of its severity (overlaps: first wins). */
function annotate(text: string, findings: Finding[], onPick: (i: number) => void, indexOf: (f: Finding) => number): HTMLElement {
  const box = h('div', { class: 'annotated' });
  const spans = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end);
  let at = 0;
  for (const f of spans) {
    if (f.start < at || f.end > text.length) continue;
    if (f.start > at) box.append(text.slice(at, f.start));
    const i = indexOf(f);
    box.append(h('mark', { class: `finding sev-${f.severity}`, 'data-severity': f.severity, 'data-category': f.category, tabindex: 0, role: 'button', title: `${SEVERITY_NAMES[f.severity]} · ${CATEGORY_NAMES[f.category] ?? f.category}：${f.message}`, 'aria-label': `${SEVERITY_NAMES[f.severity]}：${text.slice(f.start, f.end)}，${CATEGORY_NAMES[f.category] ?? f.category}`, onclick: () => onPick(i), onkeydown: (ev: Event) => { if ((ev as KeyboardEvent).key === 'Enter') onPick(i); } }, text.slice(f.start, f.end)));
    at = f.end;
  }
  box.append(text.slice(at));
  return box;
}

export const checkPage: Page = {
  title: '招聘信息合规检查',
  render(root) {
    const inputs = {} as Record<Field, HTMLInputElement | HTMLTextAreaElement>;
    const previews = {} as Record<Field, HTMLElement>;
    const verdict = h('div', { id: 'verdict', class: 'verdict', role: 'status', 'aria-live': 'polite' });
    const results = h('div', { id: 'findings', class: 'findings' });
    let controller: AbortController | undefined;
    let last: CheckResult | undefined;

    const form = h('form', { class: 'check-form', onsubmit: (ev: Event) => { ev.preventDefault(); void run(); } },
      ...FIELDS.map((f) => {
        const id = `f-${f.name}`;
        const input = f.multiline
          ? h('textarea', { id, name: f.name, rows: 3, placeholder: f.placeholder })
          : h('input', { id, name: f.name, type: 'text', placeholder: f.placeholder });
        input.addEventListener('input', () => schedule());
        inputs[f.name] = input;
        previews[f.name] = h('div', { class: 'preview', id: `p-${f.name}`, 'aria-live': 'off' });
        return h('div', { class: 'field' }, h('label', { for: id }, f.label), input, previews[f.name]);
      }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit' }, '立即检查'),
        h('button', { type: 'button', class: 'secondary', onclick: () => { for (const f of FIELDS) inputs[f.name].value = SAMPLE[f.name] ?? ''; void run(); } }, '填入示例'),
        h('span', { class: 'hint' }, '输入时自动检查（停顿 0.4 秒后）。')));

    const schedule = debounce(() => void run(), 400);

    function posting(): Partial<Record<Field, string>> {
      const p: Partial<Record<Field, string>> = {};
      for (const f of FIELDS) if (inputs[f.name].value.trim()) p[f.name] = inputs[f.name].value;
      return p;
    }

    function pick(i: number): void {
      const card = document.getElementById(`finding-${i}`);
      if (!card) return;
      card.scrollIntoView({ block: 'nearest' });
      card.focus();
    }

    function showRewrite(): void {
      if (!last) return;
      const panel = h('section', { id: 'rewrite', class: 'rewrite', 'aria-label': '建议改写' }, h('h3', {}, '建议改写'));
      for (const f of FIELDS) {
        const text = last.rewrite[f.name];
        if (text === undefined) continue;
        panel.append(h('div', { class: 'field' }, h('strong', {}, f.label.replace('（必填）', '')), h('p', { class: 'rewrite-text', 'data-field': f.name }, text)));
      }
      if (panel.childElementCount === 1) panel.append(message('info', '没有需要改写的内容。'));
      panel.append(h('button', { type: 'button', onclick: () => { for (const f of FIELDS) { const t = last?.rewrite[f.name]; if (t !== undefined) inputs[f.name].value = t; } void run(); } }, '采用改写'));
      document.getElementById('rewrite')?.remove();
      results.append(panel);
      panel.scrollIntoView({ block: 'nearest' });
    }

    function show(r: CheckResult): void {
      last = r;
      verdict.className = `verdict verdict-${r.verdict}`;
      verdict.dataset.verdict = r.verdict;
      verdict.textContent = `${VERDICT_NAMES[r.verdict]}（${r.findings.length} 项发现，规则库 ${r.rulebookVersion}）`;
      const index = new Map(r.findings.map((f, i) => [f, i]));
      for (const f of FIELDS) {
        const mine = r.findings.filter((x) => x.field === f.name);
        previews[f.name].replaceChildren(mine.length ? annotate(inputs[f.name].value, mine, pick, (x) => index.get(x) ?? 0) : '');
      }
      results.replaceChildren();
      if (!r.findings.length) { results.append(message('empty', '没有发现歧视性或违规表述。')); return; }
      const order = { block: 0, warn: 1, info: 2 };
      const list = h('ol', { class: 'finding-list' });
      for (const [i, f] of [...r.findings.entries()].sort((a, b) => order[a[1].severity] - order[b[1].severity])) {
        list.append(h('li', { id: `finding-${i}`, class: `finding-card sev-${f.severity}`, tabindex: -1 },
          h('div', { class: 'finding-head' },
            h('span', { class: `badge sev-${f.severity}` }, SEVERITY_NAMES[f.severity]),
            h('span', { class: 'category' }, CATEGORY_NAMES[f.category] ?? f.category),
            h('q', {}, f.text)),
          h('p', {}, f.message),
          h('p', { class: 'legal' }, h('strong', {}, '法律依据：'), f.legalBasis.map((b) => `${b.law}${b.article}`).join('；') || '—'),
          h('p', { class: 'suggestion' }, h('strong', {}, '修改建议：'), f.suggestion)));
      }
      results.append(h('h3', {}, '发现'), list, h('button', { type: 'button', id: 'show-rewrite', onclick: showRewrite }, '查看改写'));
    }

    async function run(): Promise<void> {
      const p = posting();
      controller?.abort();
      if (!p.description) {
        verdict.className = 'verdict';
        verdict.textContent = '';
        results.replaceChildren(message('info', '请填写职位描述后再检查（职位描述为必填）。'));
        for (const f of FIELDS) previews[f.name].replaceChildren();
        return;
      }
      controller = new AbortController();
      const mine = controller;
      verdict.textContent = '检查中…';
      try {
        const r = await api<CheckResult>('/v1/compliance/check', { method: 'POST', body: p, signal: mine.signal });
        if (mine === controller) show(r);
      } catch (err) {
        if ((err as Error).name === 'AbortError' || mine !== controller) return;
        verdict.className = 'verdict';
        verdict.textContent = '';
        results.replaceChildren(message('error', err instanceof ApiError ? err.message : String(err)));
      }
    }

    root.append(h('h2', {}, '招聘信息合规检查'),
      h('p', { class: 'lead' }, '发布前检查招聘信息中的歧视性表述和违规条款：发现按严重程度标注在原文中，每项给出类别、说明、法律依据和修改建议。'),
      h('div', { class: 'two-col' }, form, h('div', { class: 'results' }, verdict, results)));
    return () => controller?.abort();
  },
};
