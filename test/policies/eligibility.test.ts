import { describe, expect, it } from 'vitest';
import { seedCatalog } from '../../src/catalog/load.js';
import { resumeInputSchema, toResume, type Resume } from '../../src/domain/resume.js';
import { vacancyInputSchema, type Vacancy } from '../../src/domain/vacancy.js';
import { vacancySpec } from '../../src/indexing/service.js';
import { evaluateEmployer, evaluateForEmployer, evaluateForResume, evaluateSeeker, verdictOf, type ConditionStatus, type EmployerSubject } from '../../src/policies/eligibility.js';
import { conditionSchema, policySetSchema, type Condition } from '../../src/policies/schema.js';
import { loadPolicies } from '../../src/policies/service.js';

const NOW = new Date('2026-06-15T12:00:00+08:00');
const catalog = seedCatalog();
const ctx = { catalog, now: NOW };
const shortage = catalog.entries.find((e) => e.demandLevel >= 4)!;
const balanced = catalog.entries.find((e) => e.demandLevel <= 2)!;

const resume = (extra: Record<string, unknown> = {}, links?: Resume['catalogLinks']): Resume => ({
  ...toResume('r-t', resumeInputSchema.parse({ skills: ['焊接'], location: { district: '黄岛区' }, ...extra }), NOW),
  ...(links ? { catalogLinks: links } : {}),
});
const cond = (c: unknown): Condition => conditionSchema.parse(c);

describe('seeker conditions: met, unmet, unknown', () => {
  const rows: Array<[string, unknown, Resume, ConditionStatus]> = [
    ['programme declared', { field: 'program', anyOf: ['退役军人'] }, resume({ programs: ['退役军人'] }), 'met'],
    ['one of several programmes', { field: 'program', anyOf: ['就业困难人员', '高校毕业生'] }, resume({ programs: ['高校毕业生'] }), 'met'],
    ['programme not declared is unknown, never unmet', { field: 'program', anyOf: ['退役军人'] }, resume({ programs: ['宝妈'] }), 'unknown'],
    ['no programmes at all', { field: 'program', anyOf: ['残疾人'] }, resume(), 'unknown'],
    ['graduated this year (毕业年度)', { field: 'graduationYear', withinYears: 0 }, resume({ graduationYear: 2026 }), 'met'],
    ['graduated last year, window 0', { field: 'graduationYear', withinYears: 0 }, resume({ graduationYear: 2025 }), 'unmet'],
    ['within 2 years', { field: 'graduationYear', withinYears: 2 }, resume({ graduationYear: 2024 }), 'met'],
    ['3 years ago, window 2', { field: 'graduationYear', withinYears: 2 }, resume({ graduationYear: 2023 }), 'unmet'],
    ['not yet graduated', { field: 'graduationYear', withinYears: 2 }, resume({ graduationYear: 2027 }), 'unmet'],
    ['graduation year missing', { field: 'graduationYear', withinYears: 5 }, resume(), 'unknown'],
    ['age well inside', { field: 'age', min: 45, max: 65, basis: 'test' }, resume({ birthYear: 1970 }), 'met'],
    ['age well outside', { field: 'age', min: 45, max: 65, basis: 'test' }, resume({ birthYear: 1995 }), 'unmet'],
    ['age at the edge depends on the birthday', { field: 'age', min: 45, max: 65, basis: 'test' }, resume({ birthYear: 1981 }), 'unknown'],
    ['age exactly min either way', { field: 'age', min: 45, basis: 'test' }, resume({ birthYear: 1980 }), 'met'],
    ['birth year missing', { field: 'age', max: 30, basis: 'test' }, resume(), 'unknown'],
    ['district of the resume', { field: 'district', anyOf: ['黄岛区'] }, resume(), 'met'],
    ['other district', { field: 'district', anyOf: ['城阳区'] }, resume(), 'unmet'],
    ['desired industry', { field: 'industry', anyOf: ['船舶海工'] }, resume({ desiredIndustries: ['船舶海工'] }), 'met'],
    ['other desired industry', { field: 'industry', anyOf: ['集成电路'] }, resume({ desiredIndustries: ['船舶海工'] }), 'unmet'],
    ['no desired industry', { field: 'industry', anyOf: ['集成电路'] }, resume(), 'unknown'],
    ['catalog entry by demand level', { field: 'catalogEntry', minDemandLevel: 4 }, resume({}, [{ entryId: shortage.id, confidence: 0.6 }]), 'met'],
    ['catalog entry below the level', { field: 'catalogEntry', minDemandLevel: 4 }, resume({}, [{ entryId: balanced.id, confidence: 0.6 }]), 'unmet'],
    ['catalog entry by id', { field: 'catalogEntry', anyOf: [shortage.id] }, resume({}, [{ entryId: shortage.id, confidence: 0.5 }]), 'met'],
    ['not linked yet', { field: 'catalogEntry', minDemandLevel: 1 }, resume(), 'unknown'],
    ['employment type sought', { field: 'employmentType', anyOf: ['灵活用工'] }, resume({ employmentTypes: ['全职', '灵活用工'] }), 'met'],
    ['employment type not sought', { field: 'employmentType', anyOf: ['灵活用工'] }, resume(), 'unmet'],
    ['attested is always unknown', { field: 'attested', statement: '属于小微企业' }, resume({ programs: ['退役军人'] }), 'unknown'],
    ['an employer-only field is unknown for seekers', { field: 'headcount', min: 3 }, resume(), 'unknown'],
  ];
  it.each(rows)('%s', (_name, c, r, status) => {
    const out = evaluateSeeker(cond(c), r, ctx);
    expect(out.status).toBe(status);
    expect(out.reason.length).toBeGreaterThan(0);
  });

  it('age reasons never state the age', () => {
    for (const birthYear of [1968, 1981, 1995]) {
      const out = evaluateSeeker(cond({ field: 'age', min: 45, max: 65, basis: 'b' }), resume({ birthYear }), ctx);
      // The bounds (45, 65) appear; the seeker's own age (57/58, 44/45, 30/31) beyond them never does.
      for (const age of [2026 - birthYear, 2025 - birthYear]) if (age !== 45 && age !== 65) expect(out.reason).not.toContain(String(age));
      expect(out.reason).not.toContain(String(birthYear));
    }
  });
});

const vacancy = (id: string, extra: Record<string, unknown> = {}): Vacancy => vacancySpec.build(id, vacancyInputSchema.parse({
  employer: { id: 'e-t', name: '测试单位' }, title: '岗位', description: '描述', location: { district: '城阳区' }, ...extra,
}), NOW);
const employer = (...vacancies: Vacancy[]): EmployerSubject => ({ id: 'e-t', vacancies });

describe('employer conditions over published vacancies', () => {
  const rows: Array<[string, unknown, EmployerSubject, ConditionStatus]> = [
    ['district of a published vacancy', { field: 'district', anyOf: ['城阳区'] }, employer(vacancy('a')), 'met'],
    ['other district', { field: 'district', anyOf: ['黄岛区'] }, employer(vacancy('a')), 'unmet'],
    ['only closed vacancies: unknown', { field: 'district', anyOf: ['城阳区'] }, employer(vacancy('a', { status: 'closed' })), 'unknown'],
    ['a closed vacancy in the district does not count', { field: 'district', anyOf: ['黄岛区'] }, employer(vacancy('a'), vacancy('b', { status: 'closed', location: { district: '黄岛区' } })), 'unmet'],
    ['tag 见习', { field: 'vacancyTag', anyOf: ['见习'] }, employer(vacancy('a', { tags: ['见习'] })), 'met'],
    ['no tagged vacancy', { field: 'vacancyTag', anyOf: ['公益性岗位'] }, employer(vacancy('a', { tags: ['见习'] })), 'unmet'],
    ['headcount summed', { field: 'headcount', min: 5 }, employer(vacancy('a', { headcount: 2 }), vacancy('b', { headcount: 3 })), 'met'],
    ['headcount short', { field: 'headcount', min: 6 }, employer(vacancy('a', { headcount: 2 }), vacancy('b', { headcount: 3 })), 'unmet'],
    ['industry', { field: 'industry', anyOf: ['集成电路'] }, employer(vacancy('a', { industry: '集成电路' })), 'met'],
    ['industry not given on any vacancy', { field: 'industry', anyOf: ['集成电路'] }, employer(vacancy('a')), 'unknown'],
    ['employment type', { field: 'employmentType', anyOf: ['兼职'] }, employer(vacancy('a', { employmentType: '兼职' })), 'met'],
    ['employment type absent', { field: 'employmentType', anyOf: ['兼职'] }, employer(vacancy('a')), 'unmet'],
    ['catalog link', { field: 'catalogEntry', anyOf: [shortage.id] }, employer({ ...vacancy('a'), catalogLinks: [{ entryId: shortage.id, confidence: 0.7 }] }), 'met'],
    ['vacancies not linked', { field: 'catalogEntry', anyOf: [shortage.id] }, employer(vacancy('a')), 'unknown'],
    ['attested', { field: 'attested', statement: '属于小微企业' }, employer(vacancy('a')), 'unknown'],
    ['a seeker-only field is unknown for employers', { field: 'program', anyOf: ['退役军人'] }, employer(vacancy('a')), 'unknown'],
  ];
  it.each(rows)('%s', (_name, c, e, status) => {
    expect(evaluateEmployer(cond(c), e, ctx).status).toBe(status);
  });
});

describe('verdicts', () => {
  const s = (...xs: ConditionStatus[]) => xs.map((status) => ({ condition: cond({ field: 'attested', statement: 'x' }), status, reason: '' }));
  it.each([
    [['met', 'met'], 'applies'],
    [['met', 'unknown'], 'possible'],
    [['unknown'], 'possible'],
    [['met', 'unmet'], 'not_applicable'],
    [['unknown', 'unmet'], 'not_applicable'],
  ] as Array<[ConditionStatus[], string]>)('%j → %s', (xs, verdict) => {
    expect(verdictOf(s(...xs))).toBe(verdict);
  });

  it('a policy applies only when all conditions are met; unknown is never met', () => {
    const set = policySetSchema.parse({
      version: 't', policies: [
        { id: 'p-vet', name: 'n', audience: 'seeker', source: { file: 'a.txt', clause: '1' }, summary: 's', benefit: 'b', apply: 'a', conditions: [{ field: 'program', anyOf: ['退役军人'] }, { field: 'district', anyOf: ['黄岛区'] }] },
        { id: 'p-emp', name: 'n', audience: 'employer', source: { file: 'a.txt', clause: '1' }, summary: 's', benefit: 'b', apply: 'a', conditions: [{ field: 'district', anyOf: ['城阳区'] }] },
      ],
    });
    expect(evaluateForResume(set.policies, resume({ programs: ['退役军人'] }), ctx).map((r) => r.verdict)).toEqual(['applies']);
    expect(evaluateForResume(set.policies, resume(), ctx).map((r) => r.verdict)).toEqual(['possible']);
    expect(evaluateForResume(set.policies, resume({ programs: ['退役军人'], location: { district: '城阳区' } }), ctx).map((r) => r.verdict)).toEqual(['not_applicable']);
    expect(evaluateForEmployer(set.policies, employer(vacancy('a')), ctx).map((r) => [r.policy.id, r.verdict])).toEqual([['p-emp', 'applies']]);
  });
});

describe('the policy schema', () => {
  const base = { id: 'p', name: 'n', source: { file: 'a.txt', clause: '1' }, summary: 's', benefit: 'b', apply: 'a' };
  it('refuses an age condition without the basis in the policy', () => {
    expect(policySetSchema.safeParse({ version: 'v', policies: [{ ...base, audience: 'seeker', conditions: [{ field: 'age', min: 45 }] }] }).success).toBe(false);
  });
  it('refuses conditions the audience has no data for', () => {
    const r = policySetSchema.safeParse({ version: 'v', policies: [{ ...base, audience: 'employer', conditions: [{ field: 'program', anyOf: ['退役军人'] }] }] });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['policies', 0, 'conditions', 0, 'field']);
  });
  it('refuses duplicate ids and unknown districts', () => {
    const p = { ...base, audience: 'seeker', conditions: [{ field: 'district', anyOf: ['黄岛区'] }] };
    expect(policySetSchema.safeParse({ version: 'v', policies: [p, p] }).success).toBe(false);
    expect(policySetSchema.safeParse({ version: 'v', policies: [{ ...p, conditions: [{ field: 'district', anyOf: ['火星区'] }] }] }).success).toBe(false);
  });
  it('the seed set is valid, cites existing seed files, and uses age only with a basis', async () => {
    const set = loadPolicies();
    const { hasShared, sharedPath } = await import('../support/shared-data.js');
    const { existsSync } = await import('node:fs');
    expect(set.policies.length).toBeGreaterThanOrEqual(10);
    expect(new Set(set.policies.map((p) => p.audience))).toEqual(new Set(['seeker', 'employer']));
    for (const p of set.policies) {
      expect(p.source.file).toMatch(/^00\d_[0-9a-f]{16}\.txt$/);
      if (hasShared('seeds')) expect(existsSync(sharedPath(`seeds/${p.source.file}`)), p.source.file).toBe(true);
      for (const c of p.conditions) if (c.field === 'age') expect(c.basis.length).toBeGreaterThan(4);
    }
  });
});
