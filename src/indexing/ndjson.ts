import type { Readable } from 'node:stream';
import split2 from 'split2';

/** Yields each line of an NDJSON stream with its 1-based number; blank lines are skipped but counted. */
export async function* ndjsonLines(stream: Readable, maxLineBytes = 1_048_576): AsyncGenerator<{ line: number; value: unknown } | { line: number; error: string }> {
  let line = 0;
  for await (const raw of stream.pipe(split2({ maxLength: maxLineBytes }))) {
    line++;
    const text = (raw as string).trim();
    if (!text) continue;
    try {
      yield { line, value: JSON.parse(text) as unknown };
    } catch (e) {
      yield { line, error: `malformed JSON: ${(e as Error).message}` };
    }
  }
}
