import type { Readable } from 'node:stream';

export type NdjsonEntry = { line: number; value: unknown } | { line: number; error: string };

/**
 * Yields each line of an NDJSON stream with its 1-based number; blank lines are skipped but counted. A line
 * longer than `maxLineBytes` (its bytes are dropped as they arrive, never buffered whole), a line that is not
 * valid UTF-8 and a line that is not JSON are each answered with an error, and reading carries on.
 */
export async function* ndjsonLines(stream: Readable, maxLineBytes = 1_048_576): AsyncGenerator<NdjsonEntry> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let line = 0;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;

  const finish = (): NdjsonEntry | undefined => {
    line++;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const long = tooLong;
    parts = [];
    size = 0;
    tooLong = false;
    if (long) return { line, error: `line longer than ${maxLineBytes} bytes` };
    let text: string;
    try {
      text = utf8.decode(bytes).trim();
    } catch {
      return { line, error: 'not valid UTF-8' };
    }
    if (!text) return undefined;
    try {
      return { line, value: JSON.parse(text) as unknown };
    } catch (e) {
      return { line, error: `malformed JSON: ${(e as Error).message}` };
    }
  };
  const take = (piece: Buffer) => {
    if (tooLong) return;
    size += piece.length;
    if (size > maxLineBytes) { tooLong = true; parts = []; return; }
    if (piece.length) parts.push(piece);
  };

  for await (const raw of stream) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : (raw as Buffer);
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      take(chunk.subarray(start, nl));
      start = nl + 1;
      const entry = finish();
      if (entry) yield entry;
    }
    take(chunk.subarray(start));
  }
  if (size > 0 || tooLong) {
    const entry = finish();
    if (entry) yield entry;
  }
}
