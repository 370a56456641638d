/**
 * Cheap prefilter for rulebook regular expressions. A rule whose keys all are absent from the text cannot
 * match, so the screener skips it without running the regex.
 *   gate-keys.ts      key sets and their cost model
 *   gate-parser.ts    regex source → required keys (`requiredChars`)
 *   char-presence.ts  keys → compiled gate (`gateCodes`), per-text presence marks (`CharPresence`)
 */
export { requiredChars } from './gate-parser.js';
export { CharPresence, gateCodes } from './char-presence.js';
