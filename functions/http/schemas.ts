// Schema pieces several endpoints share: request fields (case id, dates, short texts) and the
// response shapes, which are built only when the OpenAPI document is (cold start never pays).
import * as z from 'zod/mini';
import { ATTACHMENT_STATES, KEPT_TYPES } from '../../shared/domain/attachments.ts';
import { CASE_STATUSES, RETENTION_CLASSES } from '../../shared/domain/case.ts';
import { DATA_REQUEST_KINDS } from '../../shared/domain/data-rights.ts';
import { DELIVERY_METHODS } from '../../shared/domain/notices.ts';
import { CHANNELS } from '../../shared/domain/petition.ts';
import { CASE_ID_PATTERN } from '../../shared/domain/receipt-code.ts';
import { LANGUAGES } from '../../shared/domain/region-script.ts';
import type { RegionConfig } from '../../shared/region.ts';

export { text } from '../../shared/domain/text-field.ts';
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export const verifier = z.string().check(z.regex(/^\d{4}$/));
export const caseId = z.string().check(z.regex(CASE_ID_PATTERN));
export const caseIdPath = z.strictObject({ id: caseId });
/** A notice of a case: `<event seq>-<type>-<recipient>` (000004-accepted-0). */
export const noticePath = z.strictObject({
  id: caseId,
  noticeId: z.string().check(z.regex(/^\d{6}-[a-z_]{1,30}-\d{1,2}$/)),
});
export const attachmentPath = z.strictObject({
  id: caseId,
  attachmentId: z.string().check(z.regex(/^[A-Za-z0-9]{1,32}$/)),
});
export const receiptPath = z.strictObject({ receiptCode: z.string().check(z.maxLength(20)) });
export const yearPath = z.strictObject({
  year: z.pipe(
    z.string().check(z.regex(/^20\d{2}$/)),
    z.transform((year) => Number(year)),
  ),
});

const codesOf = (items: Array<{ code: string }>) => items.map((i) => i.code) as [string, ...string[]];
const idsOf = (items: Array<{ id: string }>) => items.map((i) => i.id) as [string, ...string[]];
export const categoryCode = (region: RegionConfig) => z.enum(codesOf(region.categories));
export const townshipCode = (region: RegionConfig) => z.enum(codesOf(region.townships));
export const departmentCodes = (region: RegionConfig) => codesOf(region.departments);
export const departmentCode = (region: RegionConfig) => z.enum(departmentCodes(region));
export const officialId = (region: RegionConfig) => z.enum(idsOf(region.officials));

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => {
    made ??= { value: make() };
    return made.value;
  };
}

/**
 * A case file as staff read it: the fields the console and other readers rely on, typed; the
 * rest of the record passes as it is (a loose object), so a field added later is not refused.
 */
function caseFileParts(record: z.ZodMiniType) {
  const on = z.string();
  const deadlineRecord = z.looseObject({
    stage: z.string(),
    owedBy: z.enum(['office', 'petitioner']),
    dueDate: z.string(),
    days: z.int(),
    article: z.string(),
    department: z.optional(z.string()),
  });
  const taskRecord = z.object({
    taskId: z.string(),
    reviewId: z.string(),
    department: z.string(),
    text: z.string(),
    dueDate: z.string(),
    done: z.optional(z.object({ on, report: z.string() })),
  });
  const person = z.object({
    name: z.string(),
    phone: z.optional(z.string()),
    idNumber: z.optional(z.string()),
    address: z.optional(z.string()),
  });
  const caseRecord = z.looseObject({
    caseId: z.string(),
    /** Absent for a department's reader: the receipt code is the petitioner's. */
    receiptCode: z.optional(z.string()),
    status: z.enum(CASE_STATUSES),
    channel: z.enum(CHANNELS),
    receivedAt: z.string(),
    lateRegistration: z.optional(z.object({ days: z.int(), reason: z.string() })),
    township: z.string(),
    category: z.string(),
    subject: z.string(),
    description: z.string(),
    requestedOutcome: z.optional(z.string()),
    complainsAbout: z.optional(z.array(z.string())),
    handlingDepartment: z.optional(z.string()),
    assistingDepartments: z.optional(z.array(z.string())),
    ownerId: z.optional(z.string()),
    recusals: z.optional(z.array(z.string())),
    extensionRequest: z.optional(
      z.object({
        days: z.int(),
        reason: z.string(),
        requestedOn: on,
        by: z.string(),
        department: z.string(),
        decision: z.optional(z.object({ approved: z.boolean(), note: z.string(), on, by: z.string() })),
      }),
    ),
    jointReviews: z.optional(
      z.array(
        z.object({
          reviewId: z.string(),
          meetingType: z.string(),
          date: z.string(),
          departments: z.array(z.string()),
          officials: z.array(z.string()),
          minutes: z.optional(
            z.object({
              rootCause: z.string(),
              direction: z.string(),
              decisions: z.array(z.string()),
              recordedOn: on,
            }),
          ),
        }),
      ),
    ),
    tasks: z.optional(z.record(z.string(), taskRecord)),
    backlog: z.optional(z.object({ year: z.int(), listedOn: on })),
    repeatCount: z.int(),
    likelyRepeatOf: z.optional(
      z.object({ caseId: z.string(), receiptCode: z.string(), score: z.number(), on }),
    ),
    duplicateOf: z.optional(z.string()),
    retention: z.optional(
      z.object({
        class: z.enum(RETENTION_CLASSES),
        closedOn: on,
        restrictOn: on,
        disposeOn: z.optional(on),
      }),
    ),
    legalHold: z.optional(z.object({ reason: z.string(), by: z.string(), at: z.string() })),
    restricted: z.optional(z.object({ on })),
    disposed: z.optional(z.object({ list: z.string(), on, approvedBy: z.string() })),
    deadlines: z.record(z.string(), deadlineRecord),
    milestones: z.array(z.object({ step: z.string(), on })),
    version: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    opinion: z.optional(record),
    /** Opinions as drafted, every version, and the leaders' decisions on them. */
    opinionDrafts: z.optional(
      z.array(
        z.object({
          step: z.string(),
          state: z.enum(['awaiting', 'returned', 'signed']),
          versions: z.array(
            z.object({
              version: z.int(),
              text: z.object({
                action: z.string(),
                outcome: z.string(),
                request: z.string(),
                facts: z.string(),
                reasons: z.string(),
                legalBasis: z.string(),
                opinion: z.string(),
                decidedBy: z.optional(z.string()),
                enclosures: z.optional(z.array(z.string())),
              }),
              digest: z.string(),
              draftedBy: z.string(),
              at: z.string(),
            }),
          ),
          decisions: z.array(
            z.object({
              version: z.int(),
              decision: z.enum(['returned', 'signed']),
              comments: z.optional(z.string()),
              by: z.string(),
              officialId: z.string(),
              role: z.string(),
              at: z.string(),
            }),
          ),
        }),
      ),
    ),
    majorMark: z.optional(z.object({ reason: z.string(), by: z.string(), on })),
    repeatAfterOpinion: z.optional(z.object({ on })),
    gravity: z.optional(z.enum(['ordinary', 'major'])),
  });
  const personalRecord = z.object({
    caseId: z.string(),
    petitioner: person,
    representatives: z.array(person),
  });
  return { caseRecord, deadlineRecord, taskRecord, personalRecord };
}

/** The response shapes, built on first use (by the OpenAPI document only). */
export const responses = once(() => {
  const bilingual = z.object({ zh: z.string(), en: z.string() });
  const errorBody = z.strictObject({
    error: z.strictObject({
      code: z.string(),
      message: bilingual,
      fields: z.optional(z.array(z.object({ field: z.string(), code: z.string(), message: bilingual }))),
    }),
  });
  /** GeoReport v2's errors: a list of code and description. */
  const open311Errors = z.array(z.strictObject({ code: z.int(), description: z.string() }));
  const deadline = z.nullable(
    z.object({
      stage: z.string(),
      owedBy: z.enum(['office', 'petitioner']),
      dueDate: z.string(),
      article: z.string(),
      label: bilingual,
      extended: z.optional(z.object({ days: z.int(), reason: z.string(), previousDueDate: z.string() })),
    }),
  );
  const record = z.record(z.string(), z.unknown());
  const named = z.object({ code: z.string(), name: bilingual });
  const timelineEvent = z.object({
    seq: z.int(),
    type: z.string(),
    at: z.string(),
    actor: z.object({
      kind: z.string(),
      id: z.optional(z.string()),
      officialId: z.optional(z.string()),
      department: z.optional(z.string()),
      roles: z.optional(z.array(z.string())),
    }),
    data: record,
    state: z.optional(z.string()),
    // The data's salted digest (the hash covers it); the salt, until a disposal erases the data.
    dataDigest: z.optional(z.string()),
    dataSalt: z.optional(z.string()),
    erased: z.optional(z.object({ list: z.string(), on: z.string() })),
    prevHash: z.string(),
    hash: z.string(),
  });
  const caseParts = caseFileParts(record);
  return {
    bilingual,
    errorBody,
    open311Errors,
    record,
    ...caseParts,
    named,
    timelineEvent,
    intakeResult: z.object({
      caseId: z.string(),
      receiptCode: z.string(),
      status: z.enum(CASE_STATUSES),
      repeatCount: z.int(),
      alreadyOnFile: z.boolean(),
      nextDeadline: deadline,
    }),
    publicStatus: z.object({
      receiptCode: z.string(),
      status: z.enum(CASE_STATUSES),
      statusLabel: bilingual,
      receivedOn: z.string(),
      steps: z.array(z.object({ step: z.string(), on: z.string(), label: bilingual })),
      nextDeadline: deadline,
      handlingDepartment: z.nullable(named),
      repeatCount: z.int(),
      joined: z.nullable(z.object({ receiptCode: z.string() })),
      mayRepeat: z.nullable(z.object({ receiptCode: z.string() })),
      notices: z.array(
        z.object({
          type: z.string(),
          title: bilingual,
          documentNumber: z.nullable(z.string()),
          sentOn: z.string(),
          text: bilingual,
          delivered: z.nullable(z.object({ method: z.enum(DELIVERY_METHODS), on: z.string() })),
        }),
      ),
      files: z.array(
        z.object({
          attachmentId: z.string(),
          name: z.string(),
          addedAt: z.string(),
          state: z.enum(ATTACHMENT_STATES),
          refusal: z.nullable(bilingual),
        }),
      ),
      dataRequests: z.array(
        z.object({
          requestId: z.string(),
          kind: z.enum(DATA_REQUEST_KINDS),
          label: bilingual,
          askedOn: z.string(),
          decision: z.nullable(z.object({ granted: z.boolean(), reason: z.string(), on: z.string() })),
        }),
      ),
    }),
    attachment: z.object({
      caseId: z.string(),
      attachmentId: z.string(),
      name: z.string(),
      addedBy: z.object({ kind: z.enum(['petitioner', 'staff']), sub: z.optional(z.string()) }),
      addedAt: z.string(),
      uploadBy: z.string(),
      state: z.enum(ATTACHMENT_STATES),
      kept: z.optional(
        z.object({
          type: z.enum(KEPT_TYPES),
          bytes: z.int(),
          width: z.optional(z.int()),
          height: z.optional(z.int()),
          pages: z.optional(z.int()),
        }),
      ),
      refusal: z.optional(z.looseObject({ reason: z.string(), text: bilingual })),
      checkedAt: z.optional(z.string()),
      redacted: z.optional(z.object({ by: z.string(), at: z.string(), regions: z.int(), bytes: z.int() })),
      personalData: z.optional(z.boolean()),
    }),
    publicConfig: z.object({
      /** The region's time zone: its dates (due dates, the desk's day) are local to it. */
      region: z.extend(named, { timeZone: z.string(), language: z.enum(LANGUAGES) }),
      townships: z.array(named),
      categories: z.array(named),
      departments: z.array(named),
      channels: z.array(z.enum(CHANNELS)),
    }),
    caseResult: z.object({ case: caseParts.caseRecord }),
    writtenNotice: z.object({
      noticeId: z.string(),
      caseId: z.string(),
      type: z.string(),
      title: bilingual,
      issuer: bilingual,
      documentNumber: z.nullable(z.string()),
      issuedOn: z.nullable(z.string()),
      addressee: z.string(),
      body: bilingual,
      enclosures: z.array(z.string()),
      delivery: z.nullable(
        z.object({
          method: z.enum(DELIVERY_METHODS),
          on: z.string(),
          trackingNumber: z.optional(z.string()),
          signedBy: z.optional(z.string()),
          recordedBy: z.string(),
          recordedAt: z.string(),
          providerMessageId: z.optional(z.string()),
        }),
      ),
      signedBy: z.nullable(z.object({ name: z.string(), title: bilingual })),
      checkCode: z.nullable(z.string()),
    }),
  };
});
