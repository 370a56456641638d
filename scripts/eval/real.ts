import type { Vacancy } from '../../src/domain/vacancy.js';
import type { Engine } from '../../src/engine/types.js';
import { prepareLine, writeBatch } from '../../src/indexing/service.js';
import { createClassifier, type Classifier } from '../../src/occupations/classifier.js';
import { loadTaxonomy } from '../../src/occupations/taxonomy.js';
import { FIXED_NOW, jdDir, realPostings, type EvalDoc } from './corpus.js';

/**
 * The real-postings search set: only the 4,304 real job descriptions of ../shared/data/jd (智联招聘 and 51job,
 * up to 2018-12; CarryChang/zhilian-51job-analysis, Apache-2.0), loaded from ../shared at run time and never
 * copied into the repo. Each gets its mechanical title (realPostingTitle) and, as the API does for a vacancy
 * without occupationCode, the classifier's inferred occupation — so the occupation boost sees what it would
 * see in production. No demo data.
 */
let classifier: Classifier | undefined;

export function realClassifier(): Classifier {
  classifier ??= createClassifier(loadTaxonomy());
  return classifier;
}

export async function buildRealCorpus(engine: Engine, dir = jdDir()): Promise<Map<string, EvalDoc>> {
  const docs = realPostings(dir);
  const now = new Date(FIXED_NOW);
  const c = realClassifier();
  const admit = (v: Vacancy) => {
    const top = c.classify({ title: v.title, description: v.description }, 1)[0];
    return { doc: top ? { ...v, inferredOccupation: { code: top.code, name: top.name, confidence: top.confidence, inferred: true as const } } : v };
  };
  const byId = new Map<string, EvalDoc>();
  for (let i = 0; i < docs.length; i += 500) {
    const batch = [];
    for (const [j, d] of docs.slice(i, i + 500).entries()) {
      const p = prepareLine('vacancy', i + j + 1, d, now, admit as never);
      if (!p.ok) throw new Error(`document ${d.id} rejected: ${JSON.stringify(p.item)}`);
      batch.push({ line: p.line, doc: p.doc });
      byId.set(d.id, d);
    }
    const items = await writeBatch(engine, 'vacancy', batch);
    const bad = items.find((it) => it.result === 'error');
    if (bad) throw new Error(`indexing failed: ${JSON.stringify(bad)}`);
  }
  return byId;
}

/**
 * The held-out split, fixed by a hash of the query id before any tuning: FNV-1a of the id, every third bucket
 * (h % 3 === 0) is held out. Weights are tuned on "tune" only; both are reported.
 */
export function splitOf(id: string): 'tune' | 'heldout' {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return h % 3 === 0 ? 'heldout' : 'tune';
}
