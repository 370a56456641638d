/**
 * Contact data typed into free text (a phone number in a resume's summary): mainland mobiles (with spaces, dashes,
 * +86/0086), landlines with their area code (0532-8xxxxxxx, (0532)8xxxxxxx, extensions), labelled numbers without
 * an area code (电话：88888888), e-mail addresses (also written xxx#qq.com or [at]), QQ and WeChat ids when labelled
 * (QQ：12345678, 微信: abc_123, vx：…), and 18-digit resident ID numbers (with X, birth date checked).
 *
 * Full-width characters (１３８…, ＠, ：) are read as their ASCII forms; the spans found are those of the original
 * text, so masking keeps everything else exactly as written. Salaries (8000-12000), years (2019-2023), postcodes
 * (266000) and prices are not contact data and are left alone (test/privacy/contacts-in-text.test.ts).
 */
export type ContactKind = 'phone' | 'email' | 'handle' | 'idNumber';

export interface ContactSpan {
  kind: ContactKind;
  start: number;
  end: number;
  /** The text of the span as written. */
  text: string;
}

/** Full-width forms, ideographic space and Unicode dashes → ASCII, one UTF-16 unit for one, so offsets still hold. */
function shadow(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0x00a0) out += ' ';
    else if (c >= 0x2010 && c <= 0x2015) out += '-';
    else out += text[i];
  }
  return out;
}

const ID_NUMBER = /(?<!\d)[1-9]\d{5}[ -]?(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])[ -]?\d{3}[\dXx](?![\dXx])/g;
const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*(?:@|#|\[at\]|\(at\))[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z])/g;
/** `#` and `[at]` stand for @ only before a mail domain's usual endings (C#.net and the like are no addresses). */
const OBFUSCATED_DOMAIN = /\.(?:com|cn|net|org|edu|gov)(?:\.cn)?$/i;
const MOBILE = /(?<!\d)(?:(?:\+|00)?86[ -]?|\(\+?86\) ?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\) ?|0\d{2,3}(?: ?- ?| )?)[2-9]\d{6,7}(?:(?:-|转|ext\.? ?|x)\d{1,6})?(?!\d)/gi;
const PHONE_LABEL = '(?:联系电话|联系方式|手机号码|手机号|手机|电话号码|电话|座机|固话|(?<![A-Za-z])(?:tel|phone|mobile|cell)(?![A-Za-z]))';
const LABELLED_PHONE = new RegExp(`${PHONE_LABEL}\\s*(?:[:：]|是|为)?\\s*(?<value>\\d(?:-?\\d){6,11})(?!\\d)`, 'gid');
const HANDLE_LABEL = '(?:QQ|扣扣|企鹅号?|微信|薇信|威信|v信|(?<![A-Za-z])(?:weixin|wechat|wx|vx|v)(?![A-Za-z]))';
const HANDLE = new RegExp(
  `(?<label>${HANDLE_LABEL})(?<suffix>号码|号|id)?(?:\\s*[/、&和及或]\\s*${HANDLE_LABEL}(?:号码|号|id)?)*\\s*(?<sep>[:：]|是|为)?\\s*(?<value>[A-Za-z0-9][-_A-Za-z0-9]{4,19})(?![-_A-Za-z0-9])`,
  'gid',
);
/** Without a colon, 号 or 是, only a QQ number counts (微信 miniprogram is a skill, V12345 a version, QQ 12345678 an id). */
const isHandle = (m: RegExpExecArray) => {
  const g = m.groups!;
  return !!(g.suffix || g.sep) || (/^(?:QQ|扣扣|企鹅号?)$/i.test(g.label!) && /^[1-9]\d{4,11}$/.test(g.value!));
};

type Finder = (s: string) => Array<{ kind: ContactKind; start: number; end: number }>;

const whole = (re: RegExp, kind: ContactKind, keep: (m: RegExpExecArray) => boolean = () => true): Finder => (s) =>
  [...s.matchAll(re)].filter(keep).map((m) => ({ kind, start: m.index, end: m.index + m[0].length }));

/** The captured value of a labelled match (the label itself stays readable). */
const valueOnly = (re: RegExp, kind: ContactKind, keep: (m: RegExpExecArray) => boolean): Finder => (s) =>
  [...s.matchAll(re)].filter(keep).map((m) => {
    const [start, end] = m.indices!.groups!.value!;
    return { kind, start, end };
  });

/** In order of precedence: an ID number is not also read as a phone, an e-mail's digits not as a QQ id. */
const FINDERS: Finder[] = [
  whole(ID_NUMBER, 'idNumber'),
  whole(EMAIL, 'email', (m) => m[0].includes('@') || OBFUSCATED_DOMAIN.test(m[0])),
  whole(MOBILE, 'phone'),
  whole(LANDLINE, 'phone'),
  valueOnly(LABELLED_PHONE, 'phone', () => true),
  valueOnly(HANDLE, 'handle', isHandle),
];

/** Every piece of contact data in `text`, in order, without overlaps. */
export function findContacts(text: string): ContactSpan[] {
  if (!text) return [];
  const s = shadow(text);
  const spans: ContactSpan[] = [];
  for (const find of FINDERS) {
    for (const f of find(s)) {
      if (spans.some((t) => f.start < t.end && t.start < f.end)) continue;
      spans.push({ ...f, text: text.slice(f.start, f.end) });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** Replaces each span found (of the given kinds) by `replace(span)`. */
export function replaceContacts(text: string, replace: (span: ContactSpan) => string, kinds?: ReadonlySet<ContactKind>): string {
  const spans = findContacts(text).filter((s) => !kinds || kinds.has(s.kind));
  if (!spans.length) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + replace(s);
    at = s.end;
  }
  return out + text.slice(at);
}

/** The text without any contact data: what may be indexed (each span becomes a space, so words stay apart). */
export function stripContacts(text: string): string {
  return replaceContacts(text, () => ' ');
}
