import type { Engine, Kind } from './types.js';

/** The engine operations that are timed. */
export const TIMED_OPERATIONS = ['search', 'get', 'getMany', 'upsert', 'count', 'delete'] as const;
export type EngineOperation = (typeof TIMED_OPERATIONS)[number];

export type EngineObserver = (o: { engine: Engine['name']; kind: Kind; operation: EngineOperation; outcome: 'ok' | 'error'; seconds: number }) => void;

const TIMED = new Set<string | symbol>(TIMED_OPERATIONS);

/**
 * The engine as the app uses it, every search, get, upsert (one document or a bulk batch), count and delete
 * timed and reported to `observe`. Everything else (including symbols the layers below answer) passes through.
 */
export function instrumentEngine(engine: Engine, observe: EngineObserver): Engine {
  return new Proxy(engine, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      const fn = (value as (...a: unknown[]) => unknown).bind(target);
      if (!TIMED.has(prop)) return fn;
      const operation = prop as EngineOperation;
      return async (kind: Kind, ...rest: unknown[]) => {
        const t0 = performance.now();
        let outcome: 'ok' | 'error' = 'error';
        try {
          const result = await fn(kind, ...rest);
          outcome = 'ok';
          return result;
        } finally {
          observe({ engine: target.name, kind, operation, outcome, seconds: (performance.now() - t0) / 1000 });
        }
      };
    },
  });
}
