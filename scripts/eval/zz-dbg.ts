import { buildRealCorpus, loadRealJudgments, loadRealProfiles } from './match-real.js';
import { recommendVacancies } from '../../src/matching/recommend.js';
const only = process.argv[2]!.split(',');
const j = loadRealJudgments();
const c = await buildRealCorpus();
for (const p of loadRealProfiles().filter((p) => only.includes(p.id))) {
  const self = await c.engine.get('resume', p.resume.id);
  const r = await recommendVacancies(c.ctx, self as any, { size: 10, district: [], personalization: 'on', explain: true });
  console.log(`## ${p.id} ${p.kind}`);
  for (const m of r.matches) console.log(`${m.id} g=${j.get(p.id)?.[m.id] ?? '?'} ${m.score} ${(m.doc as any).title} | ${m.breakdown!.slice(1).filter((b) => b.contribution !== 0).map((b) => `${b.factor}:${b.value}(${b.contribution})`).join(' ')} | ${m.breakdown!.find((b) => b.factor === 'skills')!.reason.slice(0, 60)}`);
}
await c.close();
