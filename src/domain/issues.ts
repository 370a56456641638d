/** A validation problem with the field it concerns, as reported to API clients. */
export interface FieldError { field: string; location?: string; reason: string }

type IssueLike = { path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: string[] };

/** Maps zod issues to named fields: body → "salary.min", querystring → "size"; unknown keys are named one by one. */
export function zodIssuesToFieldErrors(issues: ReadonlyArray<IssueLike>, location: string): FieldError[] {
  return issues.flatMap((i) => {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys?.length) {
      // An empty name (`?=x`, `{"": 1}`) is still named, so every error points at a field.
      return i.keys.map((k) => ({ field: base ? `${base}.${k || '(empty name)'}` : k || '(empty name)', location, reason: 'unknown field' }));
    }
    return [{ field: base || '(root)', location, reason: i.message }];
  });
}

/** The path of the first string holding a NUL character, or undefined. */
export function nulPath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || '(body)' : undefined;
  if (depth > 50 || value === null || typeof value !== 'object') return undefined;
  // Parsed JSON and query strings only (plain objects, or null-prototype ones as the query parser makes):
  // a streamed body (NDJSON bulk) is checked line by line by its own parser.
  const proto = Object.getPrototypeOf(value) as object | null;
  if (!Array.isArray(value) && proto !== null && Object.getPrototypeOf(proto) !== null) return undefined;
  for (const [k, v] of Object.entries(value)) {
    const found = nulPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

