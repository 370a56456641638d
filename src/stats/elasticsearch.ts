import type { Client } from '@elastic/elasticsearch';
import type { Kind } from '../engine/types.js';
import { RESUME_FIELD, type DemandCounts, type DemandQuery, type SalaryFilter, type StatsBackend } from './backend.js';
import type { PayGroup } from './percentiles.js';

interface Bucket { key: unknown; doc_count: number; [agg: string]: unknown }
interface Buckets { buckets: Bucket[]; after_key?: Record<string, unknown> }

/**
 * The statistics as Elasticsearch aggregations (core only: composite, terms, range, sum): exact on one shard and,
 * for terms, exact across shards for the few buckets asked for (shard_size covers every key).
 *  - pay: a composite aggregation over (salaryMin, salaryMax) pairs, paged, so the percentiles are computed
 *    exactly from the same groups as on the embedded store (the t-digest of `percentiles` is approximate);
 *  - demand: the top buckets (terms), each with a range aggregation over the periods' epoch-ms boundaries and the
 *    sum of headcount; resumes the same by updatedAt.
 */
export class ElasticsearchStats implements StatsBackend {
  constructor(private readonly client: Client, private readonly alias: (kind: Kind) => string) {}

  async payGroups(f: SalaryFilter): Promise<PayGroup[]> {
    const filter: unknown[] = [{ term: { status: 'published' } }];
    if (f.occupationCode) filter.push({ term: { occupation: f.occupationCode } });
    if (f.district) filter.push({ term: { district: f.district } });
    if (f.industry) filter.push({ term: { industry: f.industry } });
    if (f.education) filter.push({ term: { education: f.education } });
    const groups: PayGroup[] = [];
    let after: Record<string, unknown> | undefined;
    for (;;) {
      const res = await this.client.search({
        index: this.alias('vacancy'),
        size: 0,
        track_total_hits: false,
        query: { bool: { filter } } as never,
        aggs: {
          pay: {
            composite: {
              size: 10_000,
              sources: [
                { min: { terms: { field: 'salaryMin', missing_bucket: true } } },
                { max: { terms: { field: 'salaryMax', missing_bucket: true } } },
              ],
              ...(after ? { after } : {}),
            },
          },
        } as never,
      });
      const pay = (res.aggregations as unknown as { pay: Buckets }).pay;
      for (const b of pay.buckets) {
        const key = b.key as { min: number | null; max: number | null };
        groups.push({ min: key.min ?? null, max: key.max ?? null, count: b.doc_count });
      }
      if (pay.buckets.length < 10_000 || !pay.after_key) break;
      after = pay.after_key;
    }
    return groups;
  }

  async demand(q: DemandQuery): Promise<DemandCounts> {
    const n = q.periods.length;
    const lo = q.periods[0]!.start;
    const hi = q.periods[n - 1]!.end;
    const ranges = (field: string, withHeadcount: boolean) => ({
      range: { field, keyed: false, ranges: q.periods.map((p, i) => ({ key: String(i), from: p.start, to: p.end })) },
      ...(withHeadcount ? { aggs: { headcount: { sum: { field: 'headcount' } } } } : {}),
    });
    const include = q.field === 'occupation' ? `[0-9]+${'-[0-9]+'.repeat(Math.max(0, (q.level ?? 1) - 1))}` : undefined;
    const vres = await this.client.search({
      index: this.alias('vacancy'),
      size: 0,
      track_total_hits: false,
      query: { bool: { filter: [{ terms: { status: ['published', 'closed'] } }, { range: { publishedAt: { gte: lo, lt: hi } } }] } } as never,
      aggs: {
        top: {
          terms: { field: q.field, size: q.size, shard_size: Math.max(q.size * 20, 1000), order: [{ _count: 'desc' }, { _key: 'asc' }], ...(include ? { include } : {}) },
          aggs: { periods: ranges('publishedAt', true) },
        },
        totals: ranges('publishedAt', true),
      } as never,
    });
    const va = vres.aggregations as unknown as { top: Buckets; totals: Buckets };
    const zeros = () => new Array<number>(n).fill(0);
    const rf = RESUME_FIELD[q.field];
    const buckets = va.top.buckets.map((b) => {
      const out = { key: String(b.key), vacancies: zeros(), headcount: zeros(), resumes: rf ? zeros() : null as number[] | null };
      for (const r of (b.periods as Buckets).buckets) {
        const i = Number(r.key);
        out.vacancies[i] = r.doc_count;
        out.headcount[i] = Math.round((r.headcount as { value: number | null }).value ?? 0);
      }
      return out;
    });
    const totals = { vacancies: zeros(), headcount: zeros(), resumes: zeros() };
    for (const r of va.totals.buckets) {
      const i = Number(r.key);
      totals.vacancies[i] = r.doc_count;
      totals.headcount[i] = Math.round((r.headcount as { value: number | null }).value ?? 0);
    }
    const keys = buckets.map((b) => b.key);
    const rres = await this.client.search({
      index: this.alias('resume'),
      size: 0,
      track_total_hits: false,
      query: { range: { updatedAt: { gte: lo, lt: hi } } } as never,
      aggs: {
        ...(rf && keys.length ? { top: { terms: { field: rf, size: keys.length, include: keys }, aggs: { periods: ranges('updatedAt', false) } } } : {}),
        totals: ranges('updatedAt', false),
      } as never,
    });
    const ra = rres.aggregations as unknown as { top?: Buckets; totals: Buckets };
    const byKey = new Map(buckets.map((b) => [b.key, b]));
    for (const b of ra.top?.buckets ?? []) {
      const target = byKey.get(String(b.key));
      if (!target?.resumes) continue;
      for (const r of (b.periods as Buckets).buckets) target.resumes[Number(r.key)] = r.doc_count;
    }
    for (const r of ra.totals.buckets) totals.resumes[Number(r.key)] = r.doc_count;
    return { buckets, totals };
  }
}
