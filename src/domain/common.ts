import { z } from 'zod';
import { districtSchema } from './districts.js';

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits and . _ : - only, starting with a letter or digit')
  .meta({ description: 'Document id chosen by the client (1–64 characters: letters, digits, . _ : -)', example: 'v-10001' });

export const EMPLOYMENT_TYPES = ['全职', '兼职', '实习', '灵活用工'] as const;
export const employmentTypeSchema = z.enum(EMPLOYMENT_TYPES);
export type EmploymentType = z.infer<typeof employmentTypeSchema>;

/** Tags the platform knows; employers may add others. */
export const KNOWN_TAGS = ['妈妈岗', '荣军岗', '残疾人友好', '零工', '见习', '公益性岗位', '高校毕业生', '急招', '包吃住'] as const;

export const shortText = (max: number) => z.string().trim().min(1).max(max);

export const locationSchema = z.strictObject({
  district: districtSchema,
  address: z.string().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
}).refine((l) => (l.lat === undefined) === (l.lon === undefined), { message: 'lat and lon go together', path: ['lat'] });
export type Location = z.infer<typeof locationSchema>;
export const storedLocationSchema = z.object({
  district: z.string(),
  address: z.string().optional(),
  lat: z.number().optional(),
  lon: z.number().optional(),
});

export const occupationCodeSchema = z
  .string()
  .max(11)
  .regex(/^[1-8](-\d{2}){1,3}$/, 'a 职业分类大典 2022 code such as 2-02-10-03')
  .meta({ example: '2-02-10-03' });

export const isoDateTime = z.iso.datetime({ offset: true });

/** Trims, drops empty entries and duplicates (case-insensitively), keeping the first spelling. */
export function uniqueStrings(list: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of list) {
    const s = raw.trim();
    const key = s.toLowerCase();
    if (s && !seen.has(key)) { seen.add(key); out.push(s); }
  }
  return out;
}

export const stringList = (maxItems: number, maxLen: number) =>
  z.array(z.string().max(maxLen)).max(maxItems).default([]).transform(uniqueStrings);
