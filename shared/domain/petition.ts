// What a petition (信訪事項) is at intake: the web form's fields and the clerk's extra
// ones, as zod schemas built from the region's townships and categories.
import * as z from 'zod/mini';
import type { Bilingual } from '../errors.ts';
import { rule } from '../validation.ts';
import { text } from './text-field.ts';

export const CHANNELS = ['web', 'letter', 'visit', 'phone', 'referral'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, Bilingual> = {
  web: { zh: '網上信訪', en: 'Web form' },
  letter: { zh: '來信', en: 'Letter' },
  visit: { zh: '來訪', en: 'Visit' },
  phone: { zh: '來電', en: 'Phone' },
  referral: { zh: '上級交辦', en: 'Referral' },
};

export const REFERRAL_LEVEL_LABELS: Record<(typeof REFERRAL_LEVELS)[number], Bilingual> = {
  city: { zh: '市級交辦', en: 'From the city' },
  province: { zh: '省級交辦', en: 'From the province' },
  national: { zh: '國家信訪局交辦', en: 'From the national bureau' },
};

/** Channels that always come with a phone number. */
const PHONE_CHANNELS: ReadonlySet<Channel> = new Set(['web', 'phone']);
export const REFERRAL_LEVELS = ['city', 'province', 'national'] as const;
/** A joint visit sends at most five representatives (信訪工作條例 第18條). */
export const MAX_REPRESENTATIVES = 5;

/** Digits only, with a +86 / 0086 country prefix removed. */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return /^(?:0086|86)1\d{10}$/.test(digits) ? digits.replace(/^(?:0086|86)/, '') : digits;
}

export function normaliseIdNumber(idNumber: string): string {
  return idNumber.replace(/\s/g, '').toUpperCase();
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A resident ID number (居民身份證號碼): 17 digits and an ISO 7064 MOD 11-2 check character. */
export function isValidIdNumber(idNumber: string): boolean {
  const id = normaliseIdNumber(idNumber);
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] === id[17];
}

export const phone = z.string().check(
  z.maxLength(24),
  z.refine(
    (value) => /^[\d\s+()-]+$/.test(value) && /^\d{7,12}$/.test(normalisePhone(value)),
    rule('電話號碼格式不正確（7 至 12 位數字）。', 'Not a valid phone number (7 to 12 digits).'),
  ),
);

const idNumber = z
  .string()
  .check(
    z.maxLength(24),
    z.refine(isValidIdNumber, rule('身份證號碼不正確。', 'Not a valid resident ID number.')),
  );

/** Numbers clerks type when there is none (0000000, 1234567): never an identity. */
export function isPlaceholderPhone(phone: string): boolean {
  const digits = normalisePhone(phone);
  const ascending = '01234567890123456789';
  const descending = '98765432109876543210';
  return /^(\d)\1+$/.test(digits) || ascending.includes(digits) || descending.includes(digits);
}

/** Someone the office can reach: the web form and phone calls by phone; a letter or a visit may give only an address. */
const person = z.strictObject({
  name: text(1, 50),
  idNumber: z.optional(idNumber),
  phone,
  address: z.optional(text(1, 200)),
});

const reachablePerson = z.strictObject({ ...person.shape, phone: z.optional(phone) }).check(
  z.refine((p) => p.phone !== undefined || p.address !== undefined, {
    ...rule(
      '請填寫聯絡電話或通信地址（書面告知須能送達）。',
      'Give a phone number or a postal address (written notices must reach the person).',
    ),
    path: ['phone'],
  }),
);

function codes<T extends { code: string }>(items: T[]): [string, ...string[]] {
  return items.map((item) => item.code) as [string, ...string[]];
}

/** Builds the intake schemas for one region (its townships, categories and departments). */
/** The codes a petition may name: all the schemas need of a region (the web form gets them from /config/public). */
export type PetitionCodes = Record<'townships' | 'categories' | 'departments', Array<{ code: string }>> & {
  /** The region's officials, by id; the web form, which does not list them, leaves this out. */
  officials?: Array<{ id: string }>;
};

export function petitionSchemas(region: PetitionCodes) {
  const township = z.enum(codes(region.townships));
  const category = z.enum(codes(region.categories));
  // Where the matter was already raised: a department or a township, by code.
  const competentBody = z.enum([...codes(region.departments), ...codes(region.townships)]);

  const petitionFields = {
    petitioner: person,
    township,
    category,
    subject: text(2, 100),
    description: text(5, 5000),
    requestedOutcome: z.optional(text(1, 2000)),
    previouslyRaisedWith: z.optional(z.array(competentBody).check(z.maxLength(10))),
    /** Departments the petition complains about (art. 30: it is kept from them). */
    complainsAbout: z.optional(z.array(z.enum(codes(region.departments))).check(z.maxLength(5))),
    /** Officials the petition complains about: recused at once, they never see the case (art. 30). */
    complainsAboutOfficials: z.optional(
      z
        .array(
          region.officials ? z.enum(region.officials.map((o) => o.id) as [string, ...string[]]) : text(1, 40),
        )
        .check(z.maxLength(5)),
    ),
    representatives: z.optional(z.array(person).check(z.maxLength(MAX_REPRESENTATIVES))),
    coSigners: z.optional(z.int().check(z.minimum(0), z.maximum(100_000))),
    consent: z.literal(true),
  };

  /** The public web form (POST /petitions). */
  const webPetition = z.strictObject(petitionFields);

  /** A clerk registers a letter, visit, phone call or referral (POST /cases). */
  const staffCase = z
    .strictObject({
      ...petitionFields,
      petitioner: reachablePerson,
      representatives: z.optional(z.array(reachablePerson).check(z.maxLength(MAX_REPRESENTATIVES))),
      channel: z.enum(CHANNELS),
      receivedAt: z.iso.datetime({ offset: true }),
      /** Why it is registered only now, when it was received longer ago than the region allows. */
      lateReason: z.optional(text(4, 500)),
      referral: z.optional(z.strictObject({ level: z.enum(REFERRAL_LEVELS), reference: text(1, 64) })),
    })
    .check(
      z.refine((c) => (c.channel === 'referral') === (c.referral !== undefined), {
        ...rule(
          '上級交辦案件必須填寫交辦機關層級及文號；其他渠道不得填寫。',
          'A referral needs the referring level and reference; other channels must not have one.',
        ),
        path: ['referral'],
      }),
      z.refine((c) => !PHONE_CHANNELS.has(c.channel) || c.petitioner.phone !== undefined, {
        ...rule(
          '網上和電話信訪須填寫聯絡電話。',
          'A web or phone petition needs the phone number it came from.',
        ),
        path: ['petitioner', 'phone'],
      }),
      z.refine((c) => Date.parse(c.receivedAt) <= Date.now() + 5 * 60_000, {
        ...rule('收件時間不能晚於現在。', 'receivedAt cannot be in the future.'),
        path: ['receivedAt'],
      }),
    );

  return { webPetition, staffCase };
}

export type PetitionSchemas = ReturnType<typeof petitionSchemas>;
export type WebPetition = z.infer<PetitionSchemas['webPetition']>;
export type StaffCaseInput = z.infer<PetitionSchemas['staffCase']>;
/** Any intake, whatever the channel: the web form is a staff case with channel web, received now. */
export type PetitionIntake = StaffCaseInput;
