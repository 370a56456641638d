import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { seedPath } from '../paths.js';

/** The team's job-domain dictionaries live in seed/dict; they ship with the product. */
export const DICT_DIR = seedPath('dict/');
export const USER_DICT_FILES = ['skills.dict.utf8', 'industries.dict.utf8', 'places.dict.utf8', 'occupations.dict.utf8'];

let loaded = false;

/** Loads nodejieba's default dictionaries plus ours, once per process. */
export function ensureSegmenterLoaded(): void {
  if (loaded) return;
  nodejieba.load({ userDict: USER_DICT_FILES.map((f) => DICT_DIR + f).join('|') });
  loaded = true;
}

/** Reads a word list: one entry a line, `#` starts a comment, blank lines ignored. */
export function readWordList(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

export function loadStopWords(): Set<string> {
  return new Set(readWordList(DICT_DIR + 'stopwords.txt'));
}
