import { loadRulebook, RulebookError, type CompiledRule, type Rulebook } from './rulebook-loader.js';
import { createScreener, type Screener } from './screener.js';
import { seedPath } from '../paths.js';

export { createScreener, loadRulebook, RulebookError };
export type { Screener, Rulebook, CompiledRule };
export * from './types.js';

/** seed/rulebook in this repository. */
export const DEFAULT_RULEBOOK_DIR = seedPath('rulebook/');

/**
 * Holds the live screener; `reload()` swaps it only when the new rulebook loads and passes its own examples,
 * so an invalid edit leaves the old rulebook in service.
 */
export class ScreenerHolder {
  private current: Screener;

  constructor(
    readonly dir: string = DEFAULT_RULEBOOK_DIR,
    initial?: Screener,
  ) {
    this.current = initial ?? createScreener(loadRulebook(dir));
  }

  get screener(): Screener {
    return this.current;
  }

  reload(): { version: string; rules: number; previousVersion: string } {
    return this.use(this.prepare());
  }

  /** Loads the rulebook in `dir` and checks its own examples, without putting it in service (RulebookError when it fails). */
  prepare(dir: string = this.dir): Screener {
    const next = createScreener(loadRulebook(dir));
    const problems = selfTest(next);
    if (problems.length) throw new RulebookError(`rulebook examples fail: ${problems.slice(0, 5).join('; ')}`);
    return next;
  }

  /** Puts a prepared screener in service (the shared rulebook store does, when another replica published one). */
  use(next: Screener): { version: string; rules: number; previousVersion: string } {
    const previousVersion = this.current.rulebook.version;
    this.current = next;
    return { version: next.rulebook.version, rules: next.rulebook.rules.length + next.rulebook.exceptions.length, previousVersion };
  }
}

/** Check every rule's own examples: flagged ones must be flagged in the rule's category, clean ones not. */
export function selfTest(screener: Screener): string[] {
  const problems: string[] = [];
  for (const rule of [...screener.rulebook.rules, ...screener.rulebook.exceptions]) {
    for (const ex of rule.examples.flagged) {
      const hit = screener.findings({ description: ex }).some((f) => f.category === rule.category && f.severity !== 'info');
      if (!hit) problems.push(`${rule.id}: flagged example not flagged: ${ex}`);
    }
    for (const ex of rule.examples.clean) {
      const hit = screener.findings({ description: ex }).some((f) => f.category === rule.category && f.severity !== 'info');
      if (hit) problems.push(`${rule.id}: clean example flagged: ${ex}`);
    }
  }
  return problems;
}

/** Public view of a rule for GET /v1/compliance/rules. */
export function describeRule(rule: CompiledRule) {
  return {
    id: rule.id,
    kind: rule.kind,
    category: rule.category,
    severity: rule.severity,
    title: rule.title,
    legalBasis: rule.legalBasis.map((b) => ({ ...b })),
    message: rule.message,
    suggestion: rule.suggestion,
    patterns: [...rule.patternSources],
    detector: rule.detector ?? null,
    examples: { flagged: [...rule.examples.flagged], clean: [...rule.examples.clean] },
    file: rule.file,
  };
}
