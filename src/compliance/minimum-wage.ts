import type { MinimumWageFile } from './rulebook-schema.js';

/** District → minimum wage (monthly and hourly), from seed/rulebook/minimum-wage.json. */
export interface MinimumWage {
  district: string;
  tier: string;
  monthly: number;
  hourly: number;
  source: string;
  effectiveDate: string;
}

export class MinimumWageTable {
  constructor(private readonly file: MinimumWageFile) {}

  get source(): string {
    return this.file.source;
  }

  /** Minimum wage for a district (accepts 青岛市/西海岸新区 prefixes and aliases); falls back to the default district. */
  lookup(district?: string): MinimumWage {
    const d = district?.trim().replace(/^山东省?/, '') ?? '';
    const candidates = [d, d.replace(/^青岛市?/, ''), `${d}区`, `${d}市`];
    let name = this.file.defaultDistrict;
    for (const c of candidates) {
      if (c && this.file.districts[c]) {
        name = c;
        break;
      }
    }
    const tier = this.file.districts[name]!;
    const t = this.file.tiers[tier]!;
    return { district: name, tier, monthly: t.monthly, hourly: t.hourly, source: this.file.source, effectiveDate: this.file.effectiveDate };
  }

  toJSON(): MinimumWageFile {
    return this.file;
  }
}
