import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEngine } from '../../src/engine/embedded/engine.js';
import { buildCorpus, type EvalDoc } from './corpus.js';
import { buildRealCorpus } from './real.js';
import { JUDGMENTS_FILE, loadJudgments, REAL_JUDGMENTS_FILE, run, SYSTEMS } from './systems.js';

/**
 * Judging pools: for each query of test/search/judgments.jsonl, the union of the top 20 of the product and of
 * the baseline, printed in id order — not by rank, not by system — with the title, skills and the start of the
 * description, so each document is graded on its content.
 *
 *   npx tsx scripts/eval/pool.ts [--set demo|real] [--depth 20] [--chars 150] [--only q01,q07] [--unjudged] [--json out.json]
 *
 * `--title REGEX` (with --only) also lists published documents whose title matches but that neither system
 * retrieved: a manual supplement for queries whose pool misses obviously relevant posts (both systems are then
 * judged against them alike).
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const depth = Number(arg('depth') ?? 20);
  const chars = Number(arg('chars') ?? 150);
  const only = arg('only')?.split(',');
  const unjudgedOnly = process.argv.includes('--unjudged');
  const dir = mkdtempSync(join(tmpdir(), 'eval-pool-'));
  const engine = new EmbeddedEngine(dir);
  try {
    await engine.init();
    const real = arg('set') === 'real';
    const docs = real ? await buildRealCorpus(engine) : await buildCorpus(engine);
    const out: Record<string, Array<{ id: string; title: string; skills: string[]; text: string }>> = {};
    for (const j of loadJudgments(real ? REAL_JUDGMENTS_FILE : JUDGMENTS_FILE)) {
      if (only && !only.includes(j.id)) continue;
      const pool = new Set<string>();
      for (const s of SYSTEMS) for (const id of await run(s, engine, j.q, depth, j.filters)) pool.add(id);
      const title = arg('title');
      if (title) {
        const re = new RegExp(title);
        for (const d of docs.values()) if ((d.status ?? 'published') === 'published' && re.test(d.title)) pool.add(d.id);
      }
      const ids = [...pool].filter((id) => !unjudgedOnly || !(id in j.judgments)).sort();
      console.log(`\n## ${j.id} "${j.q}" — ${j.intent} (${ids.length} to grade)`);
      out[j.id] = [];
      for (const id of ids) {
        const d = docs.get(id) as EvalDoc;
        // Demo posts open with a company introduction: show them from the duties on.
        const flat = d.description.replace(/\s+/g, ' ');
        const duties = id.startsWith('v-') ? flat.search(/主要工作|岗位职责|【岗位职责】|招聘/) : -1;
        const text = flat.slice(Math.max(0, duties), Math.max(0, duties) + chars);
        const skills = (d.skills ?? []) as string[];
        out[j.id]!.push({ id, title: d.title, skills, text });
        const industry = d.industry ? ` {${d.industry}}` : '';
        console.log(`${id} | ${d.title}${industry}${skills.length ? ` [${skills.join(',')}]` : ''} | ${text}`);
      }
    }
    const json = arg('json');
    if (json) writeFileSync(json, JSON.stringify(out, null, 1));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
