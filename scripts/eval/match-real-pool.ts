import type { Resume } from '../../src/domain/resume.js';
import type { Vacancy } from '../../src/domain/vacancy.js';
import { MATCH_SYSTEMS, runMatch } from './match-corpus.js';
import { buildRealCorpus, loadRealJudgments, loadRealProfiles } from './match-real.js';

/**
 * Judging pools for test/matching/real/judgments.jsonl: for each profile, the profile, then the union of the top
 * `depth` (10) of the product and of the text-only baseline, in id order (not by rank, not by system), each posting
 * as its derived title and the start of its text. `--new` prints only postings not yet judged for that profile
 * (after a change to the product, to judge what it newly brings up).
 *   npx tsx scripts/eval/match-real-pool.ts [--depth 10] [--only rp-01,rp-07] [--new] [--chars 300]
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pay = (s: { monthlyMin: number | null; monthlyMax: number | null }) => (s.monthlyMin === null ? '面议' : `${s.monthlyMin}-${s.monthlyMax}`);
const resumeLine = (r: Resume) => `期望:${r.desiredTitles.join('/') || '-'} | 经历:${r.experience.map((e) => `${e.title}${e.years}年`).join(',') || '无'} [${r.skills.join(',')}] ${r.education}${r.major ? `(${r.major})` : ''} ${r.location.district} 期望${pay(r.expectedSalary)} ${r.employmentTypes.join('/')}`;

async function main() {
  const depth = Number(arg('depth') ?? 10);
  const chars = Number(arg('chars') ?? 300);
  const only = arg('only')?.split(',');
  const fresh = process.argv.includes('--new');
  const judged = loadRealJudgments();
  const profiles = loadRealProfiles();
  const c = await buildRealCorpus(profiles);
  try {
    for (const p of profiles) {
      if (only && !only.includes(p.id)) continue;
      const q = { id: p.id, kind: 'resume' as const, doc: p.resume.id };
      const self = await c.engine.get('resume', p.resume.id);
      const pool = new Set<string>();
      for (const s of MATCH_SYSTEMS) for (const id of await runMatch(s, c, q, depth)) pool.add(id);
      const done = judged.get(p.id) ?? {};
      const ids = [...pool].filter((id) => !fresh || !(id in done)).sort();
      console.log(`\n## ${p.id} (${p.kind}): ${resumeLine(self as unknown as Resume)} (${ids.length} to grade)`);
      for (const id of ids) {
        const v = (await c.engine.get('vacancy', id)) as unknown as Vacancy;
        console.log(`${id} | ${v.title} | ${v.description.replace(/\s+/g, ' ').slice(0, chars)}`);
      }
    }
  } finally {
    await c.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
