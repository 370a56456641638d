import { writeFileSync } from 'node:fs';
import type { Resume } from '../../src/domain/resume.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { buildMatchCorpus, MATCH_SYSTEMS, querySet, runMatch } from './match-corpus.js';

/**
 * Judging pools for test/matching/judgments.jsonl: for each judged seeker or vacancy, its own profile, then the
 * union of the top 20 of the product and of the text-only baseline, in id order (not by rank, not by system),
 * each shown by what a person would read to judge it: title, skills, education, experience, place, pay.
 *   npx tsx scripts/eval/match-pool.ts [--depth 20] [--only s01,e07] [--json pools.json]
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pay = (s: { monthlyMin: number | null; monthlyMax: number | null }) => (s.monthlyMin === null ? '面议' : `${s.monthlyMin}-${s.monthlyMax}`);
const vacancyLine = (v: Vacancy) => `${v.title} [${v.skills.join(',')}] ${v.education} 经验${v.experienceYearsMin ?? 0} ${v.location.district} ${pay(v.salary)} ${v.employmentType}${v.tags.length ? ` #${v.tags.join('#')}` : ''}`;
const resumeLine = (r: Resume) => `${[...r.desiredTitles].join('/')} | 经历:${r.experience.map((e) => `${e.title}${e.years}年`).join(',') || '无'} [${r.skills.join(',')}] ${r.education}${r.major ? `(${r.major})` : ''} ${r.location.district}→${r.desiredDistricts.join('/') || '-'} 期望${pay(r.expectedSalary)} ${r.employmentTypes.join('/')}${r.programs.length ? ` #${r.programs.join('#')}` : ''}`;

async function main() {
  const depth = Number(arg('depth') ?? 20);
  const only = arg('only')?.split(',');
  const c = await buildMatchCorpus();
  const out: Record<string, string[]> = {};
  try {
    for (const q of querySet()) {
      if (only && !only.includes(q.id)) continue;
      const self = await c.engine.get(q.kind, q.doc);
      const pool = new Set<string>();
      for (const s of MATCH_SYSTEMS) for (const id of await runMatch(s, c, q, depth)) pool.add(id);
      const ids = [...pool].sort();
      out[q.id] = ids;
      console.log(`\n## ${q.id} ${q.doc}: ${q.kind === 'resume' ? resumeLine(self as unknown as Resume) : vacancyLine(self as unknown as Vacancy)} (${ids.length} to grade)`);
      const otherKind = q.kind === 'resume' ? 'vacancy' : 'resume';
      for (const id of ids) {
        const d = await c.engine.get(otherKind, id);
        console.log(`${id} | ${otherKind === 'vacancy' ? vacancyLine(d as unknown as Vacancy) : resumeLine(d as unknown as Resume)}`);
      }
    }
    const json = arg('json');
    if (json) writeFileSync(json, JSON.stringify(out, null, 1));
  } finally {
    await c.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
