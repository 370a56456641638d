import { describe, expect, it } from 'vitest';
import { profileQuery } from '../../src/matching/retrieval.js';

const terms = (phrases: string[], opts?: { keepGeneric?: boolean }) =>
  (profileQuery(phrases, opts)?.groups ?? []).flatMap((g) => g.flatMap((a) => ('term' in a ? [a.term] : [])));

describe('the retrieval query of a profile', () => {
  it('leaves generic job-ad words out when the profile has specific ones', () => {
    const words = terms(['FPGA', 'Verilog', '管理', '培训', '五险一金']);
    expect(words).toEqual(expect.arrayContaining(['fpga', 'verilog']));
    for (const w of ['管理', '培训', '五险一金']) expect(words).not.toContain(w);
  });

  it('keeps the specific alternatives of a synonym group and drops its generic one', () => {
    const words = terms(['招聘专员', '员工关系']);
    expect(words).toContain('招聘专员');
    expect(words).not.toContain('招聘');
  });

  it('keeps generic words when the profile has too few others to retrieve by', () => {
    expect(terms(['管理', '培训'])).toEqual(expect.arrayContaining(['管理', '培训']));
    expect(terms(['FPGA', '管理'])).toEqual(expect.arrayContaining(['fpga', '管理']));
  });

  it('keeps everything for the plain text baseline', () => {
    expect(terms(['FPGA', 'Verilog', '管理'], { keepGeneric: true })).toContain('管理');
  });
});
