import { vacancies } from '../src/demo/index.js';
import { vacancyInputSchema } from '../src/domain/vacancy.js';
import { vacancySpec } from '../src/indexing/service.js';
import { contributionOf } from '../src/suggest/service.js';
import { SuggestIndex, SUGGEST_KINDS } from '../src/suggest/suggest-index.js';
import { SUGGEST_MIX } from './bench/market.js';
const n = Number(process.argv[2]);
const idx = new SuggestIndex();
let i = 0;
let t0 = performance.now();
const docs = [];
for (const v of vacancies(n)) docs.push(vacancySpec.build(`v${i++}`, vacancyInputSchema.parse(v), new Date()));
console.log('parse', Math.round(performance.now() - t0));
t0 = performance.now();
for (const d of docs) idx.put(d.id, contributionOf(d));
idx.compact();
console.log('index', Math.round(performance.now() - t0));
for (let r = 0; r < 3; r++) for (const [q, k] of SUGGEST_MIX) { const s = performance.now(); idx.suggest(q, k ? [k] : SUGGEST_KINDS, 8); const ms = performance.now() - s; if (ms > 2) console.log(r, q, k, ms.toFixed(2)); }
