// A region's configuration: its townships, petition categories, departments, officials,
// targets and statutory periods. One JSON file per region (regions/); validated once.
import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { GRAVITY_GROUNDS, SIGNER_ROLES } from './domain/procedure-terms.ts';
import { LANGUAGES } from './domain/region-script.ts';

const code = z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/));
const archiveYears = z.int().check(z.minimum(1), z.maximum(100));
const share = z.number().check(z.minimum(0), z.maximum(1));
/** What the office sets itself for a year: backlog cases resolved, answers on time, petitioners satisfied. */
const yearTargets = z.object({
  backlogResolved: z.optional(z.int().check(z.minimum(0))),
  onTimeRate: z.optional(share),
  satisfiedRate: z.optional(share),
});
const bilingual = z.object({ zh: z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) });

/** A period of the procedure: length, unit, and the article it comes from. */
const period = z.object({
  days: z.int().check(z.positive()),
  unit: z.enum(['calendar', 'working']),
  article: z.string().check(z.minLength(1)),
});

// Defaults are the regulation's own (信訪工作條例 2022); a region may override each one.
export const statutoryPeriods = {
  register: { days: 15, unit: 'calendar', article: '信訪工作條例 (2022) 第22條' },
  accept: { days: 15, unit: 'calendar', article: '信訪工作條例 (2022) 第23條' },
  objectToTransfer: { days: 5, unit: 'working', article: '信訪工作條例 (2022) 第23條' },
  handle: { days: 60, unit: 'calendar', article: '信訪工作條例 (2022) 第34條' },
  extension: { days: 30, unit: 'calendar', article: '信訪工作條例 (2022) 第34條' },
  requestReview: { days: 30, unit: 'calendar', article: '信訪工作條例 (2022) 第35條' },
  answerReview: { days: 30, unit: 'calendar', article: '信訪工作條例 (2022) 第35條' },
  requestReReview: { days: 30, unit: 'calendar', article: '信訪工作條例 (2022) 第36條' },
  answerReReview: { days: 30, unit: 'calendar', article: '信訪工作條例 (2022) 第36條' },
  // Not in the regulation: the office's own time for a leader to sign a draft off.
  signOff: { days: 3, unit: 'working', article: '領導簽發時限（本地規定）' },
} as const satisfies Record<string, z.infer<typeof period>>;

export type PeriodName = keyof typeof statutoryPeriods;
export type Period = z.infer<typeof period>;

/** Requests a client may make in a fixed window of `seconds`. */
export const limitWindow = z.object({
  requests: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  seconds: z.int().check(z.minimum(1), z.maximum(86_400)),
});
/** AWS WAF counts a rate rule over 1, 2, 5 or 10 minutes: the address window takes one of them. */
const addressWindow = z.object({
  requests: z.int().check(z.minimum(10), z.maximum(2_000_000_000)),
  seconds: z.union([z.literal(60), z.literal(120), z.literal(300), z.literal(600)]),
});
export type LimitWindow = z.infer<typeof limitWindow>;

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

/** How notices may reach petitioners: the status page, SMS, post (the print queue). */
export const NOTICE_CHANNELS = ['inbox', 'sms', 'post'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const regionConfigSchema = z.object({
  region: z.object({
    code,
    name: bilingual,
    timeZone: z.string().check(z.minLength(1)),
    locale: z.string(),
    /** The script the region reads: the pages, notices, errors, reports and console follow it. */
    language: z._default(z.enum(LANGUAGES), 'zh-Hans'),
    /** The bureau's short name in its document numbers (珠信告〔2026〕12號); by default the region's first character and 信. */
    documentPrefix: z.optional(z.string().check(z.minLength(1), z.maxLength(8))),
  }),
  townships: z.array(z.object({ code, name: bilingual })).check(z.minLength(1)),
  categories: z
    .array(
      z.object({
        code,
        name: bilingual,
        leadDepartment: z.nullable(code),
        referral: z.optional(z.boolean()),
      }),
    )
    .check(z.minLength(1)),
  departments: z.array(z.object({ code, name: bilingual })).check(z.minLength(1)),
  officials: z.array(z.object({ id: z.string(), name: z.string(), title: bilingual })),
  /** The office's own yearly targets, by year (an `_about` note beside them is allowed). */
  targets: z.optional(z.record(z.string(), z.union([yearTargets, z.string()]))),
  periods: z.optional(z.partialRecord(z.enum(Object.keys(statutoryPeriods) as [PeriodName]), period)),
  /**
   * Registering what was received earlier (a letter found in a drawer): past `lateAfterDays`
   * (30 unless set) it needs a reason, shows on the case and is counted apart; anything received
   * before `goLive`, the day the office began recording here, is refused (its figures are closed).
   */
  registration: z.object({
    goLive: isoDate,
    lateAfterDays: z._default(z.int().check(z.minimum(1), z.maximum(365)), 30),
  }),
  /** The escalation ladder of the deadline check (督辦); defaults in escalation.ts. */
  escalation: z.optional(
    z.object({
      remindDaysBefore: z.optional(z.int().check(z.minimum(0), z.maximum(30))),
      supervisorAfterDays: z.optional(z.int().check(z.minimum(0), z.maximum(60))),
    }),
  ),
  /**
   * Per-client limits (限流), one rule in both partitions: a fixed window per client in the table
   * (shared/domain/client-limits.ts), and the same per-address window in AWS WAF where the
   * partition has one. `routes` gives a route its own window, by operationId.
   */
  clientLimits: z._default(
    z.object({
      /** The public routes, per client address (its keyed hash); WAF windows are 1, 2, 5 or 10 minutes. */
      perAddress: z._default(addressWindow, { requests: 300, seconds: 300 }),
      /** A status look-up and what follows it, per receipt code, on top of the address's window. */
      perReceiptCode: z._default(limitWindow, { requests: 60, seconds: 300 }),
      /** An Open311 client, per API key, unless its key carries its own. */
      perApiKey: z._default(limitWindow, { requests: 120, seconds: 60 }),
      routes: z.optional(z.record(z.string(), limitWindow)),
    }),
    {
      perAddress: { requests: 300, seconds: 300 },
      perReceiptCode: { requests: 60, seconds: 300 },
      perApiKey: { requests: 120, seconds: 60 },
    },
  ),
  /**
   * Partitions per staff work queue: 1 for a county; a province or the national system spreads
   * each queue over 8 or 16 so no one partition takes every case's writes. Set it before the
   * first case: memberships written under another figure are not found.
   */
  queueShards: z.optional(z.int().check(z.minimum(1), z.maximum(64))),
  /**
   * How notices reach petitioners, in order: `inbox` (the status page, always), `sms`, `post`
   * (the print queue). A notice takes the first channel after the inbox that can carry it:
   * SMS needs a phone; post takes any. Default: inbox, SMS, post.
   */
  noticeChannels: z.optional(
    z.array(z.enum(['inbox', 'sms', 'post'])).check(
      z.refine((c) => c.includes('post'), {
        message: 'noticeChannels needs post: every notice can be posted',
      }),
    ),
  ),
  /** Hours a department has to acknowledge an assigned case (簽收); checked to the day. */
  acknowledgeWithinHours: z.optional(z.int().check(z.minimum(1), z.maximum(240))),
  /**
   * The retention schedule (保管期限表): years a closed case file is archived, by how it ended,
   * and the active period after which its personal data is only stored and protected (PIPL
   * art. 47). Defaults follow the national archive rules for organs' documents; the county's
   * archive authority must confirm them (README, "Retention").
   */
  retention: z._default(
    z.object({
      activeYears: z._default(z.int().check(z.minimum(1), z.maximum(30)), 2),
      archiveYears: z._default(
        z.object({
          handled: z._default(archiveYears, 30),
          notHandled: z._default(archiveYears, 10),
          routine: z._default(archiveYears, 1),
        }),
        { handled: 30, notHandled: 10, routine: 1 },
      ),
    }),
    { activeYears: 2, archiveYears: { handled: 30, notHandled: 10, routine: 1 } },
  ),
  /** The organ's seal image (PNG, relative to this file) printed on its documents (公章). */
  sealImage: z.optional(z.string().check(z.regex(/\.png$/))),
  /**
   * Leaders' sign-off (領導簽發): who signs opinions in which role (their tokens carry the role,
   * the region names the officials), and which grounds make a matter major (signed by the head).
   */
  signOff: z._default(
    z.object({
      signers: z.array(z.object({ officialId: z.string(), role: z.enum(SIGNER_ROLES) })),
      majorWhen: z.optional(z.array(z.enum(GRAVITY_GROUNDS))),
    }),
    { signers: [] },
  ),
  /** Holidays and make-up working days (調休) added to the national calendar for this region. */
  calendar: z.optional(
    z.object({
      holidays: z.optional(z.array(isoDate)),
      makeUpWorkdays: z.optional(z.array(isoDate)),
    }),
  ),
});

export type RegionConfig = z.infer<typeof regionConfigSchema>;

export class RegionConfigError extends Error {
  override name = 'RegionConfigError';
}

export function parseRegionConfig(raw: unknown, source: string): RegionConfig {
  const parsed = regionConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.code}`).join('; ');
    throw new RegionConfigError(`Region configuration ${source} is invalid: ${where}`);
  }
  const region = parsed.data;
  if (raw && typeof raw === 'object' && 'publicRequestsPerIp' in raw)
    throw new RegionConfigError(
      `Region configuration ${source}: publicRequestsPerIp is now clientLimits.perAddress ({"requests": …, "seconds": 300}), the same window in WAF and in the table`,
    );
  const departments = new Set(region.departments.map((d) => d.code));
  for (const category of region.categories) {
    if (category.leadDepartment && !departments.has(category.leadDepartment)) {
      throw new RegionConfigError(
        `Region configuration ${source}: category ${category.code} names unknown lead department ${category.leadDepartment}`,
      );
    }
  }
  const officials = new Set(region.officials.map((o) => o.id));
  for (const signer of region.signOff.signers) {
    if (!officials.has(signer.officialId))
      throw new RegionConfigError(
        `Region configuration ${source}: signOff names unknown official ${signer.officialId}`,
      );
  }
  return region;
}

export function loadRegionConfig(file: string): RegionConfig {
  return parseRegionConfig(JSON.parse(readFileSync(file, 'utf8')), file);
}

export function periodOf(region: RegionConfig, name: PeriodName): Period {
  return region.periods?.[name] ?? statutoryPeriods[name];
}
