/**
 * The browser console (issue 16) in a real headless Chromium: the API on the embedded store with demo data, and
 * for each page a scripted user doing its main task; the tests read what is on the screen, and save a screenshot
 * of each page to test-results/console/.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium } from '../support/browser.js';
import { startServer, waitForExit } from '../support/server.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test-results', 'console');
// axe-core's own source from node_modules, injected into each page (nothing is fetched at run time).
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 375, height: 667 };

// Generous timeouts: in the whole suite this shares two cores with every other test file.
describe.skipIf(!hasChromium())('console in Chromium', { timeout: 150_000 }, () => {
  let server: { child: ChildProcess; url: string; output: () => string };
  let browser: Browser;
  let dataDir: string;
  const api = async <T>(path: string, key = 'demo-public'): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    // The console as `npm run build` makes it (vite → dist/console), which the API serves at /console.
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'console/vite.config.ts'], { cwd: ROOT, stdio: 'pipe' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'zzh-console-'));
    server = await startServer({ ELASTICSEARCH_URL: '', DATA_DIR: dataDir, DEMO_MODE: 'true', NODE_ENV: 'development', DEMO_VACANCIES: '300', DEMO_RESUMES: '300', RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_DRAIN_DELAY_MS: '0', SUGGEST_REFRESH_MS: '500' });
    // Suggestions are built in the background after the demo seed: wait until they are there.
    for (let i = 0; i < 100; i++) {
      const r = await api<{ suggestions: unknown[] }>('/v1/suggest?q=' + encodeURIComponent('普'));
      if (r.suggestions.length) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'] });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (server) { server.child.kill('SIGTERM'); await waitForExit(server.child); }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** A fresh tab on a console page with `key` typed into the key form, as a user would. */
  async function open(hash: string, key: string | undefined, width = 1280, height = 900): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    // The console's CSP allows scripts from 'self' only; the test lets its own axe-core script in.
    await page.setBypassCSP(true);
    await page.setViewport({ width, height });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    (page as unknown as { jsErrors: string[] }).jsErrors = errors;
    await page.goto(`${server.url}/console/${hash}`, { waitUntil: 'networkidle0' });
    if (key !== undefined) {
      await page.type('#api-key', key);
      await page.click('#key-form button[type=submit]');
    }
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  /** axe-core on the page as it is now: no violation of serious or critical impact (contrast, labels, names, landmarks …). */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    await page.addScriptTag({ content: AXE_SOURCE });
    const { violations, passed } = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ passes: Array<{ id: string }>; violations: Array<{ id: string; impact?: string; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return {
        passed: r.passes.map((p) => p.id),
        violations: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`),
      };
    });
    expect(violations, name).toEqual([]);
    // axe did look: the rules the issue names ran and passed on this page.
    expect(passed, name).toEqual(expect.arrayContaining(['color-contrast', 'landmark-one-main', 'button-name', 'document-title']));
  }
  /** Presses Tab until `selector` has the focus (at most `max` times); the focus must be visible (an outline). */
  async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
        const outline = await page.evaluate(() => { const st = getComputedStyle(document.activeElement!); return { style: st.outlineStyle, width: parseFloat(st.outlineWidth) }; });
        expect(outline.style, `focus on ${selector} is visible`).not.toBe('none');
        expect(outline.width).toBeGreaterThan(0);
        return;
      }
    }
    throw new Error(`Tab never reached ${selector}`);
  }
  const jsErrors = (page: Page) => (page as unknown as { jsErrors: string[] }).jsErrors;

  it('is served at /console as static files, with a CSP that allows nothing from elsewhere', async () => {
    const res = await fetch(`${server.url}/console`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await res.text();
    expect(html).not.toMatch(/https?:\/\//);
    expect((await fetch(`${server.url}/console/assets/none.js`)).status).toBe(404);
    // The console adds no data route: without a key the API still refuses.
    expect((await fetch(`${server.url}/v1/catalog/gaps`)).status).toBe(401);
  });

  it('without a key, and with a bad key, says so on the page', async () => {
    const page = await open('#/check', undefined);
    await page.click('#f-description');
    await page.keyboard.type('招聘仓库管理员');
    await page.waitForSelector('[data-msg=error]');
    expect(await page.$eval('[data-msg=error]', (e) => e.textContent)).toMatch(/请先在页面顶部输入 API 密钥/);
    await page.type('#api-key', 'not-a-real-key');
    await page.click('#key-form button[type=submit]');
    await page.click('#f-description');
    await page.keyboard.type('，负责出入库');
    await page.waitForFunction(() => /API 密钥无效/.test(document.querySelector('[data-msg=error]')?.textContent ?? ''));
    expect(await page.$eval('#key-status', (e) => e.textContent)).toMatch(/已使用密钥 not-/);
    expect(await page.$eval('body', (e) => (e as HTMLElement).innerText)).not.toMatch(/not-a-real-key/);
    await page.close();
  });

  it('招聘信息合规检查: typing an ad highlights the discriminatory phrase by severity, with legal basis and a rewrite', async () => {
    const page = await open('#/check', 'demo-public');
    await page.type('#f-title', '仓库管理员');
    await page.click('#f-description');
    await page.keyboard.type('负责仓库货物进出库管理。限男性，35岁以下，本地户口优先。', { delay: 5 });
    // Checked as the user types (debounced): the verdict and the marks appear without pressing anything.
    await page.waitForSelector('#p-description mark.finding[data-category=gender]');
    const gender = await page.$eval('#p-description mark.finding[data-category=gender]', (e) => ({ text: e.textContent, severity: e.getAttribute('data-severity'), bg: getComputedStyle(e).backgroundColor }));
    expect(gender).toMatchObject({ text: '限男性', severity: 'block' });
    expect(gender.bg).not.toBe('rgba(0, 0, 0, 0)');
    const age = await page.$eval('#p-description mark.finding[data-category=age]', (e) => ({ text: e.textContent, severity: e.getAttribute('data-severity') }));
    expect(age).toEqual({ text: '35岁以下', severity: 'warn' });
    expect(await page.$eval('#verdict', (e) => e.getAttribute('data-verdict'))).toBe('reject');
    const cards = await page.$$eval('.finding-card', (els) => els.map((e) => (e as HTMLElement).innerText));
    const genderCard = cards.find((c) => c.includes('性别歧视'))!;
    expect(genderCard).toMatch(/限男性/);
    expect(genderCard).toMatch(/法律依据：.*就业促进法/);
    expect(genderCard).toMatch(/修改建议：/);
    // A click on a mark goes to its finding.
    await page.click('#p-description mark.finding[data-category=gender]');
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/性别歧视/);
    await page.click('#show-rewrite');
    await page.waitForSelector('#rewrite .rewrite-text[data-field=description]');
    const rewritten = await page.$eval('#rewrite .rewrite-text[data-field=description]', (e) => e.textContent ?? '');
    expect(rewritten).not.toMatch(/限男性/);
    expect(rewritten).toMatch(/仓库/);
    await shot(page, 'check');
    await expectAccessible(page, 'check');
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('岗位搜索: a suggestion, facet counts as the API reports them, a facet filter, the 15-minute circle, relaxation', async () => {
    const page = await open('#/search', 'demo-public');
    await page.waitForSelector('#s-status[data-total]');
    await page.type('#s-q', '普');
    await page.waitForSelector('#s-suggest .suggest-item', { visible: true });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('#s-q') as HTMLInputElement).value.length > 1 && document.querySelector('#s-status')?.textContent?.startsWith('共'));
    const q = await page.$eval('#s-q', (e) => (e as HTMLInputElement).value);
    const expected = await api<{ total: number; facets: Record<string, Array<{ value: string; count: number }>> }>(`/v1/vacancies/search?size=20&q=${encodeURIComponent(q)}`);
    await page.waitForFunction((t) => document.querySelector('#s-status')?.getAttribute('data-total') === String(t), {}, expected.total);
    const top = expected.facets.district![0]!;
    const shown = await page.$eval(`[data-facet=district] input[data-value="${top.value}"] + label .count`, (e) => e.getAttribute('data-count'));
    expect(Number(shown)).toBe(top.count);
    expect(await page.$$eval('.hit mark.hl', (els) => els.length)).toBeGreaterThan(0);
    // More hits by the API's cursor, appended below the first page.
    if (expected.total > 20) {
      await page.click('#s-more');
      await page.waitForFunction((n) => document.querySelectorAll('.hit').length === n, {}, Math.min(40, expected.total));
    }
    // Choosing the facet value filters to exactly that many.
    await page.click(`[data-facet=district] input[data-value="${top.value}"]`);
    await page.waitForFunction((t) => document.querySelector('#s-status')?.getAttribute('data-total') === String(t), {}, top.count);
    // The 15-minute circle around a district centre: the hits carry distances within 3 km.
    await page.click(`[data-facet=district] input[data-value="${top.value}"]`);
    await page.click('#s-circle');
    await page.waitForSelector('#s-map svg .map-circle');
    // The map is the districts' plain outlines (all ten), with the circle and the hits drawn on top of them.
    expect(await page.$$eval('#s-map svg polygon.map-area', (els) => els.map((e) => e.getAttribute('data-district')))).toHaveLength(10);
    await page.click('#s-centers button[data-district=黄岛区]');
    await page.waitForFunction(() => /35\.96/.test(document.querySelector('#s-map .hint')?.textContent ?? ''));
    await page.waitForFunction(() => document.querySelector('#s-status')?.textContent?.startsWith('共'));
    const layers = await page.$$eval('#s-map svg > *', (els) => els.map((e) => e.getAttribute('class')));
    expect(layers.lastIndexOf('map-area')).toBeLessThan(layers.indexOf('map-circle'));
    expect(await page.$eval('#s-map svg polygon.map-area[data-district=黄岛区]', (e) => (e as SVGGraphicsElement).getBBox().width)).toBeGreaterThan(0);
    await shot(page, 'search');
    await expectAccessible(page, 'search');
    // Nothing matches: the relaxation steps are shown as reported.
    await page.click('#s-circle');
    await page.$eval('#s-q', (e) => { (e as HTMLInputElement).value = ''; });
    await page.type('#s-q', '宇航员 火星基地');
    await page.click('.search-form button[type=submit]');
    await page.waitForSelector('#s-relaxed');
    const relaxed = await api<{ relaxed: Array<{ step: string; hits: number }> }>(`/v1/vacancies/search?size=20&q=${encodeURIComponent('宇航员 火星基地')}`);
    const text = await page.$eval('#s-relaxed', (e) => e.textContent ?? '');
    for (const s of relaxed.relaxed) expect(text).toContain(`${s.step}：${s.hits} 个结果`);
    if (relaxed.relaxed.at(-1)?.hits === 0) expect(await page.$eval('[data-msg=empty]', (e) => e.textContent)).toMatch(/没有找到匹配的岗位/);
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('人才供需: the gap report as a chart with data, a table and a CSV; market demand by district', async () => {
    const page = await open('#/supply', 'demo-recruiter');
    await page.waitForSelector('#gap-chart svg');
    await page.waitForSelector('#demand-chart svg');
    await page.waitForFunction(() => Number(document.querySelector('#gap-chart')?.getAttribute('data-points')) > 0);
    expect(await page.$$eval('#gap-chart svg path', (els) => els.length)).toBeGreaterThan(5);
    expect(Number(await page.$eval('#demand-chart', (e) => e.getAttribute('data-points')))).toBeGreaterThan(0);
    const report = await api<{ entries: Array<{ industry: string }> }>('/v1/catalog/gaps', 'demo-recruiter');
    expect(await page.$$eval('#gap-table tbody tr', (els) => els.length)).toBe(report.entries.length);
    expect(await page.$eval('[data-csv^=catalog-gaps]', (e) => e.getAttribute('href'))).toMatch(/^blob:/);
    // Filter by industry: the table keeps that industry's entries only.
    const industry = report.entries[0]!.industry;
    await page.select('#g-industry', industry);
    await page.waitForFunction((n) => document.querySelectorAll('#gap-table tbody tr').length === n, {}, report.entries.filter((e) => e.industry === industry).length);
    await page.waitForSelector('#gap-chart svg');
    // Market statistics for one district: its pay percentiles as the API gives them, and its demand month by month.
    await page.waitForSelector('#salary-chart svg');
    await page.select('#m-district', '黄岛区');
    const pay = await api<{ sufficient: boolean; percentiles: { p50: number } | null }>(`/v1/stats/salaries?district=${encodeURIComponent('黄岛区')}`);
    expect(pay.sufficient).toBe(true);
    await page.waitForFunction(() => /黄岛区/.test(document.querySelector('#salaries-h')?.textContent ?? '') && document.querySelector('#salary-table'));
    const median = await page.$eval('#salary-table tbody tr:nth-child(3) td:nth-child(2)', (e) => e.textContent ?? '');
    expect(Number(median.replace(/,/g, ''))).toBe(pay.percentiles!.p50);
    await page.waitForFunction(() => /黄岛区，按月/.test(document.querySelector('#demand-h')?.textContent ?? '') && document.querySelector('#demand-chart svg'));
    expect(Number(await page.$eval('#demand-chart', (e) => e.getAttribute('data-points')))).toBeGreaterThan(0);
    await shot(page, 'supply');
    await expectAccessible(page, 'supply');
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('人才供需 with a public key: the gap report is refused with a clear message, market statistics still show', async () => {
    const page = await open('#/supply', 'demo-public');
    await page.waitForSelector('#gaps [data-msg=error]');
    expect(await page.$eval('#gaps [data-msg=error]', (e) => e.textContent)).toMatch(/无权使用/);
    await page.waitForSelector('#demand-chart svg');
    await page.close();
  });

  it('推荐解释: each score drawn as a bar whose segments sum to the score, with missing skills and a plan', async () => {
    const page = await open('#/explain', 'demo-recruiter');
    await page.click('.filters button[type=submit]');
    await page.waitForSelector('.match .score-bar');
    const bars = await page.$$eval('.match', (els) => els.map((m) => {
      const bar = m.querySelector('.score-bar')!;
      // Deductions (negative contributions) are hatched over the end of the added part: their width counts against it.
      const segs = [...bar.querySelectorAll('.seg')].map((s) => { const c = Number(s.getAttribute('data-contribution')); return { c, w: Math.sign(c) * (s as HTMLElement).getBoundingClientRect().width }; });
      return { score: Number(bar.getAttribute('data-score')), sum: segs.reduce((a, s) => a + s.c, 0), widths: segs.reduce((a, s) => a + s.w, 0), full: bar.getBoundingClientRect().width, shown: Number(m.querySelector('.score')!.getAttribute('data-score')) };
    }));
    expect(bars.length).toBeGreaterThan(0);
    for (const b of bars) {
      expect(b.sum).toBeCloseTo(b.score, 1);
      expect(b.shown).toBe(b.score);
      expect(b.widths / b.full).toBeCloseTo(b.score / 100, 1); // the bar's drawn length is the score, out of 100
    }
    const api1 = await api<{ matches: Array<{ missingSkills: string[] }> }>('/v1/resumes/r-000001/matches?size=10', 'demo-recruiter');
    const missing = api1.matches.flatMap((m) => m.missingSkills);
    if (missing.length) expect(await page.$$eval('.chip', (els) => els.map((e) => e.textContent))).toEqual(expect.arrayContaining([missing[0]]));
    // The resume's plan, as GET /v1/resumes/:id/plan gives it.
    const plan = await api<{ plan: string[] }>('/v1/resumes/r-000001/plan', 'demo-recruiter');
    await page.waitForSelector('#e-plan');
    expect(await page.$$eval('#e-plan .plan-steps li', (els) => els.length)).toBe(plan.plan.length);
    await shot(page, 'explain');
    await expectAccessible(page, 'explain');
    // An unknown id says so.
    await page.$eval('#e-id', (e) => { (e as HTMLInputElement).value = ''; });
    await page.type('#e-id', 'r-nobody');
    await page.click('.filters button[type=submit]');
    await page.waitForSelector('#e-out [data-msg=error]');
    expect(await page.$eval('#e-out [data-msg=error]', (e) => e.textContent)).toMatch(/没有找到/);
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('every page fits a phone-sized screen (375×667): no sideways scrolling, the main controls in view, no axe violation', async () => {
    const pages = [
      ['#/check', 'demo-public', ['#f-title', '#f-description', '#show-rewrite']],
      ['#/search', 'demo-public', ['#s-q', '.search-form button[type=submit]', '.hit']],
      ['#/supply', 'demo-recruiter', ['#g-industry', '#m-district', '#demand-chart svg']],
      ['#/explain', 'demo-recruiter', ['#e-id', '.filters button[type=submit]', '.match .score-bar']],
    ] as const;
    for (const [hash, key, controls] of pages) {
      const page = await open(hash, key, PHONE.width, PHONE.height);
      if (hash === '#/check') { await page.click('#f-description'); await page.keyboard.type('限女性，未婚'); await page.waitForSelector('#p-description mark.finding'); }
      if (hash === '#/explain') { await page.click('.filters button[type=submit]'); await page.waitForSelector('.match .score-bar'); }
      for (const c of controls) await page.waitForSelector(c, { visible: true });
      const fit = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(fit.scroll, hash).toBeLessThanOrEqual(fit.inner);
      for (const c of controls) {
        const box = await page.$eval(c, (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, width: r.width, height: r.height }; });
        expect(box.width, `${hash} ${c}`).toBeGreaterThan(0);
        expect(box.left, `${hash} ${c}`).toBeGreaterThanOrEqual(0);
        expect(box.right, `${hash} ${c}`).toBeLessThanOrEqual(PHONE.width);
      }
      await shot(page, `${hash.slice(2)}-phone`);
      await expectAccessible(page, `${hash} phone`);
      await page.close();
    }
  });

  it('keyboard only (Tab, Enter, Space): checking an ad and showing its rewrite, searching and filtering by a facet', async () => {
    // 招聘信息合规检查: the key, the ad and the rewrite without the mouse.
    const page = await open('#/check', undefined);
    await tabTo(page, '#api-key');
    await page.keyboard.type('demo-public');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /已使用密钥/.test(document.querySelector('#key-status')?.textContent ?? ''));
    await tabTo(page, '#f-title');
    await page.keyboard.type('仓库管理员');
    await tabTo(page, '#f-description');
    await page.keyboard.type('负责仓库货物进出库管理。限男性。');
    await page.waitForSelector('#p-description mark.finding[data-category=gender]');
    await tabTo(page, '#show-rewrite');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#rewrite .rewrite-text[data-field=description]');
    expect(await page.$eval('#rewrite .rewrite-text[data-field=description]', (e) => e.textContent ?? '')).not.toMatch(/限男性/);
    // 岗位搜索: from the tabs to a query and a facet filter.
    await page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur(); window.scrollTo(0, 0); });
    await tabTo(page, 'nav a[data-page=search]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#s-status[data-total]');
    await tabTo(page, '#s-q');
    await page.keyboard.type('普工');
    await page.keyboard.press('Enter');
    const expected = await api<{ total: number; facets: Record<string, Array<{ value: string; count: number }>> }>(`/v1/vacancies/search?size=20&q=${encodeURIComponent('普工')}`);
    await page.waitForFunction((t) => document.querySelector('#s-status')?.getAttribute('data-total') === String(t), {}, expected.total);
    const top = expected.facets.district![0]!;
    await tabTo(page, `[data-facet=district] input[data-value="${top.value}"]`);
    await page.keyboard.press('Space');
    await page.waitForFunction((t) => document.querySelector('#s-status')?.getAttribute('data-total') === String(t), {}, top.count);
    await shot(page, 'search-keyboard');
    expect(jsErrors(page)).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone: the tabs are links and the key form has a label', async () => {
    const page = await open('#/check', 'demo-public');
    expect(await page.$eval('label[for=api-key]', (e) => e.textContent)).toBe('API 密钥');
    const unlabeled = await page.$$eval('input, textarea, select', (els) => els.filter((e) => !e.id || !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.outerHTML));
    expect(unlabeled).toEqual([]);
    await page.focus('nav a[data-page=explain]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#e-id');
    expect(await page.$eval('nav a[aria-current=page]', (e) => e.getAttribute('data-page'))).toBe('explain');
    await page.close();
  });
});
