import { describe, expect, it } from 'vitest';
import { inferOccupation, linkResume, linkVacancy, LINK_LIMIT, LINK_THRESHOLD } from '../../src/catalog/link.js';
import { loadCatalog, SEED_CATALOG_FILE } from '../../src/catalog/load.js';
import { catalogSchema, KEY_INDUSTRIES, unknownOccupationCodes, type CatalogInput } from '../../src/catalog/schema.js';
import { createClassifier } from '../../src/occupations/classifier.js';
import { builtinTaxonomy, loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { IC_RESUME, IC_VACANCY, resume, vacancy } from '../matching/docs.js';
import { SHARED_TAXONOMY } from '../../scripts/eval-occupations.js';
import { hasShared } from '../support/shared-data.js';

const catalog = loadCatalog();
const classifier = createClassifier(builtinTaxonomy());

describe('seed catalog', () => {
  it('validates and has at least 100 entries of both kinds', () => {
    expect(catalog.entries.length).toBeGreaterThanOrEqual(100);
    expect(catalog.version).toMatch(/\S/);
    expect(new Set(catalog.entries.map((e) => e.kind))).toEqual(new Set(['key_industry', 'skilled']));
  });

  it('covers every key industry and the sub-sectors the seeds name', () => {
    const industries = new Set(catalog.entries.map((e) => e.industry));
    for (const i of KEY_INDUSTRIES) expect(industries, i).toContain(i);
    const subs = (industry: string) => new Set(catalog.entries.filter((e) => e.industry === industry).map((e) => e.subIndustry));
    for (const s of ['海洋生物技术', '海洋新材料', '深远海养殖', '海洋装备']) expect(subs('海洋经济')).toContain(s);
    for (const s of ['商务', '酒店', '会展', '文旅', '跨境电商', '保税物流']) expect(subs('现代服务业')).toContain(s);
    const skilled = catalog.entries.filter((e) => e.kind === 'skilled').map((e) => e.occupation);
    for (const o of ['焊工', '电工', '数控车工', '养老护理员']) expect(skilled).toContain(o);
  });

  it('uses only occupation codes that exist in the taxonomy', () => {
    const file = hasShared('data/occupations/dadian2022_flattened.json') ? SHARED_TAXONOMY : undefined;
    const codes = new Set(loadTaxonomy(file).occupations.map((o) => o.code));
    expect(unknownOccupationCodes(catalog, (c) => codes.has(c))).toEqual([]);
    // The built-in list covers every catalog occupation, so classification without the file still reaches them.
    const builtin = new Set(builtinTaxonomy().occupations.map((o) => o.code));
    expect(catalog.entries.filter((e) => !builtin.has(e.occupationCode))).toEqual([]);
  });

  it('reads the seed file by default', () => {
    expect(loadCatalog(SEED_CATALOG_FILE).entries.length).toBe(catalog.entries.length);
  });
});

describe('catalogSchema (PUT /v1/catalog)', () => {
  const entry = () => structuredClone(catalog.entries[0]!) as CatalogInput['entries'][number];
  const check = (mutate: (c: CatalogInput) => void) => {
    const c: CatalogInput = { version: 'test', entries: [entry(), { ...entry(), id: 'other-entry' }] };
    mutate(c);
    return catalogSchema.safeParse(c);
  };

  it('accepts a valid catalog', () => expect(check(() => {}).success).toBe(true));
  it('rejects duplicate ids', () => {
    const r = check((c) => { c.entries[1]!.id = c.entries[0]!.id; });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/duplicate id/);
  });
  it('rejects a malformed code, min > max, unknown district, demand level outside 1–5', () => {
    expect(check((c) => { c.entries[0]!.occupationCode = '2-02-38'; }).success).toBe(false);
    expect(check((c) => { c.entries[0]!.salary = { min: 9000, max: 8000 }; }).success).toBe(false);
    expect(check((c) => { c.entries[0]!.districts = ['浦东新区' as never]; }).success).toBe(false);
    expect(check((c) => { c.entries[0]!.demandLevel = 6; }).success).toBe(false);
    expect(check((c) => { c.entries[0]!.demandLevel = 0; }).success).toBe(false);
  });
});

describe('linking', () => {
  it('links an IC verification vacancy and resume to the verification entry first', () => {
    const v = linkVacancy(IC_VACANCY(), catalog, classifier);
    const r = linkResume(IC_RESUME(), catalog, classifier);
    expect(v[0]!.entryId).toBe('ic-digital-verification');
    expect(r[0]!.entryId).toBe('ic-digital-verification');
    for (const l of [...v, ...r]) expect(l.confidence).toBeGreaterThanOrEqual(LINK_THRESHOLD);
    expect(v.length).toBeLessThanOrEqual(LINK_LIMIT);
  });

  it('links messy titles without an occupation code through the classifier', () => {
    const weld = linkVacancy(vacancy({ id: 'v-w', title: '船厂电焊工 包吃住', description: '船舶分段焊接，二保焊', skills: ['二氧化碳保护焊', '焊工证'], industry: '船舶海工' }), catalog, classifier);
    expect(weld[0]!.entryId).toBe('ship-welder');
    const care = linkResume(resume({ id: 'r-c', desiredTitles: ['养老院护工'], skills: ['生活照料'] }), catalog, classifier);
    expect(care.map((l) => l.entryId)).toContain('care-elderly');
  });

  it('does not link jobs outside the catalog', () => {
    expect(linkVacancy(vacancy({ id: 'v-l', title: '律师助理', description: '协助律师处理诉讼案件' }), catalog, classifier)).toEqual([]);
  });

  it('infers an occupation for a vacancy without occupationCode, marked as inferred', () => {
    const o = inferOccupation(vacancy({ id: 'v-f', title: '叉车司机（月薪8000）', description: '仓库叉车装卸' }), classifier);
    expect(o).toMatchObject({ code: '6-30-05-01', inferred: true });
    expect(o!.confidence).toBeGreaterThan(0.5);
  });
});
