import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateVacancies } from '../../src/demo/index.js';
import { DEFAULT_REFERENCE_DATE } from '../../src/demo/catalog.js';
import { DISTRICT_NAMES } from '../../src/domain/districts.js';
import type { VacancyInput } from '../../src/domain/vacancy.js';
import type { Engine } from '../../src/engine/types.js';
import { prepareLine, writeBatch } from '../../src/indexing/service.js';

/**
 * The search-evaluation corpus: the first 3,000 demo vacancies plus the 4,304 real postings of ../shared/data/jd,
 * each turned into a vacancy mechanically (see realPostingTitle). Deterministic: the same ids and texts every run.
 */
export const DEMO_COUNT = 3000;
/** Search "now": the demo data's reference date, so freshness is the same on every run. */
export const FIXED_NOW = Date.parse(DEFAULT_REFERENCE_DATE);
export const JD_FILES = ['algorithm', 'hardware', 'program', 'software'] as const;
const DAY_MS = 86_400_000;

export function jdDir(): string {
  return resolve(process.env.JD_DIR ?? fileURLToPath(new URL('../../../shared/data/jd', import.meta.url)));
}

export type EvalDoc = VacancyInput & { id: string };

const HEADING = /^(?:[【\[（(]?[\u4e00-\u9fa5]{0,6}?(?:职责|要求|内容|描述|资格|条件|说明)[】\]）)]?\s*[:：]|[【\[（(]?(?:岗位|职位|工作)?(?:职责|描述|内容|要求|说明|介绍|资格|条件)(?:描述|要求|说明)?[】\]）)]?|任职(?:资格|要求|条件)|职责|要求)\s*[:：]?\s*/;
const NUMBERING = /^(?:[●•·\-*]+|[（(]?\s*[0-9一二三四五六七八九十]{1,2}\s*[)）.、．:：]|[①-⑩])\s*/;
const CLAUSE_END = /[，,。；;：:！!？?\s]/;

/**
 * Title of a real posting, mechanically (the postings have no titles):
 * 1. the text after 职位名称/岗位名称 up to the next punctuation, space or section word, when the posting names it;
 * 2. else the first clause of the text, after stripping leading section headings (岗位职责：, 任职资格：, ●职责 …),
 *    list numbering (1. 1、 （1） ●) and a leading 负责, cut at the first ，。；： or space, at most 16 characters;
 * 3. else (fewer than 2 characters left) "岗位" + the first 12 characters of the posting.
 * It uses only the posting's own text, never the query set or the judgments.
 */
export function realPostingTitle(text: string): string {
  const t = text.normalize('NFKC').trim();
  const named = /(?:职位|岗位)名称\s*[:：]\s*([^，,。；;：:\s]+?)(?=岗位|职位|职责|任职|工作|要求|[，,。；;：:\s]|$)/.exec(t);
  if (named && named[1]!.length >= 2) return named[1]!.slice(0, 30);
  let s = t;
  for (let i = 0; i < 6; i++) {
    const before = s;
    s = s.replace(HEADING, '').replace(NUMBERING, '').replace(/^负责/, '').trim();
    if (s === before) break;
  }
  const clause = s.split(CLAUSE_END)[0]!.slice(0, 16);
  if (clause.length >= 2) return clause;
  return `岗位${t.slice(0, 12)}`;
}

/** Real postings as vacancies: ids jd-<file>-<line number, 4 digits, 1-based>. */
export function realPostings(dir = jdDir()): EvalDoc[] {
  const out: EvalDoc[] = [];
  for (const file of JD_FILES) {
    const lines = readFileSync(join(dir, `jd_${file}.txt`), 'utf8').split(/\r?\n/);
    lines.forEach((raw, i) => {
      const text = raw.trim();
      if (!text) return;
      const n = i + 1;
      const publishedAt = new Date(FIXED_NOW - ((n * 37) % 90) * DAY_MS - ((n * 7919) % DAY_MS)).toISOString();
      out.push({
        id: `jd-${file}-${String(n).padStart(4, '0')}`,
        employer: { id: `emp-jd-${file}`, name: '青岛示例科技有限公司' },
        title: realPostingTitle(text),
        description: text.slice(0, 20_000),
        skills: [],
        salary: '面议',
        location: { district: DISTRICT_NAMES[n % DISTRICT_NAMES.length]! },
        status: 'published',
        publishedAt,
        updatedAt: publishedAt,
      });
    });
  }
  return out;
}

export function evalDocs(dir = jdDir()): EvalDoc[] {
  return [...generateVacancies(DEMO_COUNT), ...realPostings(dir)];
}

/** Indexes the corpus; throws on any rejected document. Returns the documents by id (for titles in reports). */
export async function buildCorpus(engine: Engine, dir = jdDir()): Promise<Map<string, EvalDoc>> {
  const docs = evalDocs(dir);
  const now = new Date(FIXED_NOW);
  const byId = new Map<string, EvalDoc>();
  for (let i = 0; i < docs.length; i += 500) {
    const batch = [];
    for (const [j, d] of docs.slice(i, i + 500).entries()) {
      const p = prepareLine('vacancy', i + j + 1, d, now);
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
