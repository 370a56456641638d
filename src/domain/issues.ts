/** A validation problem with the field it concerns, as reported to API clients. */
export interface FieldError { field: string; location?: string; reason: string }

type IssueLike = { path: ReadonlyArray<PropertyKey>; message: string; code?: string; keys?: string[] };

/** Maps zod issues to named fields: body → "salary.min", querystring → "size"; unknown keys are named one by one. */
export function zodIssuesToFieldErrors(issues: ReadonlyArray<IssueLike>, location: string): FieldError[] {
  return issues.flatMap((i) => {
    const base = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys?.length) {
      return i.keys.map((k) => ({ field: base ? `${base}.${k}` : k, location, reason: 'unknown field' }));
    }
    return [{ field: base || '(root)', location, reason: i.message }];
  });
}
