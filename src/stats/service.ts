import { EmbeddedEngine } from '../engine/embedded/engine.js';
import { ElasticsearchEngine } from '../engine/elasticsearch/engine.js';
import type { Engine } from '../engine/types.js';
import type { DemandField, StatsBackend } from './backend.js';
import { EmbeddedStats } from './embedded.js';
import { ElasticsearchStats } from './elasticsearch.js';
import { MAX_PERIODS, type DemandQueryParams, type SalaryQuery } from './params.js';
import { payDistribution, type PercentileKey } from './percentiles.js';
import { localIso, nextPeriod, parseInstant, periodStart, periodsBetween, TIME_ZONE } from './periods.js';

/** The aggregations of an engine (the raw engine, not a layer over it); undefined for an engine without them. */
export function statsBackendFor(engine: Engine): StatsBackend | undefined {
  if (engine instanceof EmbeddedEngine) return new EmbeddedStats(() => engine.database);
  if (engine instanceof ElasticsearchEngine) return new ElasticsearchStats(engine.client, (kind) => engine.alias(kind));
  return undefined;
}

export class StatsInputError extends Error {
  constructor(readonly param: string, message: string) {
    super(message);
  }
}

export class StatsUnavailable extends Error {}

export interface SalaryAnswer {
  filters: SalaryQuery;
  unit: '元/月';
  /** Published vacancies with a monthly figure behind the percentiles. */
  count: number;
  /** Published vacancies matching the filters without a figure (面议): not counted. */
  withoutPay: number;
  minCount: number;
  sufficient: boolean;
  percentiles: Record<PercentileKey, number> | null;
  detail?: string;
}

const FIELD: Record<DemandQueryParams['by'], DemandField> = { district: 'district', industry: 'industry', occupation: 'occupation', catalogEntry: 'catalog' };

export interface DemandCell {
  vacancies: number;
  headcount: number;
  resumesUpdated: number | null;
  /** Headcount sought per resume updated (求人倍率); null without resumes. */
  demandSupplyRatio: number | null;
}

const cell = (vacancies: number, headcount: number, resumes: number | null): DemandCell => ({
  vacancies,
  headcount,
  resumesUpdated: resumes,
  demandSupplyRatio: resumes ? Math.round((headcount / resumes) * 100) / 100 : null,
});
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export interface StatsServiceOptions {
  backend: StatsBackend | undefined;
  minCount: number;
  /** Names of bucket keys (occupation names, catalog entries) for the answer; undefined when unknown. */
  label?: (by: DemandQueryParams['by'], key: string) => string | undefined;
  now?: () => Date;
}

/** Market statistics: salary percentiles (工资指导价位) and demand by period (供求信息监测). */
export class StatsService {
  constructor(private readonly o: StatsServiceOptions) {}

  private backend(): StatsBackend {
    if (!this.o.backend) throw new StatsUnavailable('statistics need the embedded or the Elasticsearch engine');
    return this.o.backend;
  }

  async salaries(filters: SalaryQuery): Promise<SalaryAnswer> {
    const dist = payDistribution(await this.backend().payGroups(filters));
    const sufficient = dist.count >= this.o.minCount;
    return {
      filters,
      unit: '元/月',
      count: dist.count,
      withoutPay: dist.withoutPay,
      minCount: this.o.minCount,
      sufficient,
      percentiles: sufficient ? dist.percentiles : null,
      ...(sufficient ? {} : { detail: `too little data: ${dist.count} published vacancies with a monthly pay match these filters, fewer than the ${this.o.minCount} needed for a figure; widen the filters (e.g. a shorter occupationCode, no district)` }),
    };
  }

  async demand(p: DemandQueryParams) {
    const now = (this.o.now?.() ?? new Date()).getTime();
    const to = p.to !== undefined ? parseInstant(p.to, true)! : now;
    let from = p.from !== undefined ? parseInstant(p.from)! : undefined;
    if (from === undefined) {
      from = periodStart(to, p.interval);
      for (let i = 0; i < 11; i++) from = periodStart(from - 1, p.interval);
    }
    const periods = periodsBetween(from, to, p.interval);
    if (!periods.length) throw new StatsInputError('from', 'from is after to (to defaults to now)');
    if (periods.length > MAX_PERIODS) throw new StatsInputError('from', `from … to spans ${periods.length} ${p.interval}s; at most ${MAX_PERIODS} in one request`);
    const field = FIELD[p.by];
    const counts = await this.backend().demand({ field, size: p.size, periods, ...(p.by === 'occupation' ? { level: p.level } : {}) });
    const notes: string[] = [];
    if (p.by === 'occupation') notes.push('resumes carry no filterable occupation code, so resumesUpdated and demandSupplyRatio are null per occupation (the totals count every resume)');
    return {
      by: p.by,
      interval: p.interval,
      timeZone: TIME_ZONE,
      from: localIso(periods[0]!.start),
      to: localIso(nextPeriod(periods[periods.length - 1]!.start, p.interval)),
      ...(p.by === 'occupation' ? { level: p.level } : {}),
      periods: periods.map((x) => ({ key: x.key, start: localIso(x.start), end: localIso(x.end) })),
      buckets: counts.buckets.map((b) => {
        const label = this.o.label?.(p.by, b.key);
        return {
          key: b.key,
          ...(label ? { label } : {}),
          total: cell(sum(b.vacancies), sum(b.headcount), b.resumes ? sum(b.resumes) : null),
          periods: periods.map((x, i) => ({ period: x.key, ...cell(b.vacancies[i]!, b.headcount[i]!, b.resumes ? b.resumes[i]! : null) })),
        };
      }),
      totals: {
        total: cell(sum(counts.totals.vacancies), sum(counts.totals.headcount), sum(counts.totals.resumes)),
        periods: periods.map((x, i) => ({ period: x.key, ...cell(counts.totals.vacancies[i]!, counts.totals.headcount[i]!, counts.totals.resumes[i]!) })),
      },
      notes,
    };
  }
}
