import fc from 'fast-check';

/** Fragments the product meets every day: job words, salary text, places, punctuation, full-width forms. */
export const JOB_FRAGMENTS = [
  'Java开发工程师', '数字IC', '集成电路', '普工', '焊工', '软件开发', '电气工程师', 'node.js', 'C++', '.NET', '5G', 'CNC操机',
  '西海岸新区', '黄岛区', '崂山', '青岛市', '8-12K·13薪', '6000-8000元/月', '200元/天', '25元/小时', '1.2万', '面议',
  '"数字IC"', '-实习', '－实习', '“电工”', '「焊工」', '，', '。', '、', '（', '）', ' ', '\t', '\n', '\u3000', '\u00a0',
  'ＪＡＶＡ', '８０００', '軟體開發', '工程師', 'İ', 'ß', 'ﬃ', '𠀋', '😀', 'e\u0301', '\u200b', '\ufeff', '\u2028',
];

/** Any UTF-16 string: lone surrogates, NUL and control characters included. */
export const anyUnits = (maxLength = 200) => fc.string({ unit: 'binary', maxLength });

/** Mixed realistic and hostile text: job fragments, arbitrary code points and graphemes, NULs, surrogate halves. */
export const hostileText = (maxParts = 40) =>
  fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...JOB_FRAGMENTS) },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
        { weight: 1, arbitrary: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', '\uffff', '\u0085', '\r\n') },
      ),
      { maxLength: maxParts },
    )
    .map((parts) => parts.join(''));

/** A fragment repeated many times (long runs stress segmentation and regular expressions). */
export const hugeRepeat = fc
  .tuple(fc.constantFrom('a', '工', '工程师', 'ab1.', '-', '"', '0', '\ud800', ' ', 'Java '), fc.integer({ min: 1_000, max: 20_000 }))
  .map(([s, n]) => s.repeat(n));

/** numRuns for a property: moderate by default so CI stays fast; FC_RUNS=20000 for a deeper local search. */
export const runs = (n = 300) => ({ numRuns: process.env.FC_RUNS ? Number(process.env.FC_RUNS) : n });
