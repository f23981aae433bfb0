// The petitioner's rights over their own data, from the status page (receipt code and verifier,
// the same counted look-up as the status): a copy of their file, a request for a correction or
// a deletion; staff decide each request with a reason, and the petitioner is told (PIPL arts.
// 44-47, 50). Every request, copy and decision is on the timeline and counted for the reports.
import { authorize, type Staff } from '../domain/access.ts';
import { type DataRequest, localDateOf } from '../domain/case.ts';
import { asked, type DataRequestKind, decided, petitionerCopy } from '../domain/data-rights.ts';
import { issuingBureau } from '../domain/documents.ts';
import { noticesFor } from '../domain/notices.ts';
import { publicStatus } from '../domain/public-view.ts';
import { counters } from '../domain/report-counters.ts';
import { actorOf } from '../domain/timeline.ts';
import type { Bilingual } from '../errors.ts';
import { changeCases, changeCasesWithPersonal } from './change-cases.ts';
import { caseByReceipt, receiptNotFound } from './check-status.ts';
import type { UseCaseContext } from './context.ts';
import type { PrintedDocument } from './ports.ts';

const PETITIONER = { kind: 'public' as const };

export interface DataRequestInput {
  kind: DataRequestKind;
  /** For a correction: the contact details as they should read. */
  phone?: string | undefined;
  address?: string | undefined;
  /** What is wrong, or why the data should go. */
  text: string;
}

/**
 * Primary course:
 * 1. Find the case by receipt code and verifier (a wrong verifier counts against the code).
 * 2. Record the request on the case (kind and day), its content apart (personal), an event
 *    and the month's count; the case joins the data-requests queue until it is decided.
 */
export async function askAboutMyData(
  ctx: UseCaseContext,
  receiptCode: string,
  verifier: string,
  input: DataRequestInput,
) {
  const found = await caseByReceipt(ctx, receiptCode, verifier);
  const at = ctx.now().toISOString();
  const { region } = ctx.config;
  // What the change recorded: decided again on a lost race, so the last decision is the one written.
  let recorded: DataRequest | undefined;
  await changeCases(ctx, [found.caseId], ([caseFile]) => {
    const { next, request } = asked(caseFile, input.kind, at, region);
    recorded = request;
    return [
      {
        next,
        events: [
          {
            type: 'data_request',
            actor: PETITIONER,
            data: { requestId: request.requestId, kind: request.kind },
          },
        ],
        counters: [{ bucket: request.askedOn.slice(0, 7), add: [counters.dataRequestAsked(input.kind)] }],
        onceOnly: [
          {
            dataRequest: {
              caseId: caseFile.caseId,
              requestId: request.requestId,
              kind: input.kind,
              ...(input.phone && { phone: input.phone }),
              ...(input.address && { address: input.address }),
              text: input.text,
              at,
            },
          },
        ],
      },
    ];
  });
  if (!recorded) throw new Error('The request was not recorded');
  return recorded;
}

/**
 * Staff decide a request with a reason: a correction granted is made through the correction
 * form first (this records the answer); a deletion granted makes the closed file due for
 * disposal now. The petitioner gets the answer as a written notice.
 */
export async function decideDataRequest(
  ctx: UseCaseContext,
  caseId: string,
  requestId: string,
  decision: { granted: boolean; reason: string },
  staff: Staff,
) {
  const at = ctx.now().toISOString();
  const { region } = ctx.config;
  const [updated] = await changeCasesWithPersonal(ctx, [caseId], ([caseFile], [personal]) => {
    authorize(staff, caseFile, 'decide_data_request');
    const next = decided(caseFile, requestId, { ...decision, by: staff.sub, at }, region);
    const kind = next.dataRequests?.[requestId]?.kind ?? 'correction';
    return [
      {
        next,
        events: [
          { type: 'data_request_decided', actor: actorOf(staff), data: { requestId, kind, ...decision } },
        ],
        counters: [
          {
            bucket: localDateOf(at, region).slice(0, 7),
            add: [counters.dataRequestDecided(kind, decision.granted)],
          },
        ],
        // The answer is the petitioner's alone: their data, not the representatives'.
        notify: (written) =>
          noticesFor(['data_request_decided'], written, { ...personal, representatives: [] }, region, at),
      },
    ];
  });
  return updated;
}

const COPY_TITLE: Bilingual = { zh: '信訪事項個人信息副本', en: 'Copy of your petition file' };

/**
 * Primary course:
 * 1. Find the case by receipt code and verifier.
 * 2. Put together what the person submitted, their own contact details, the steps and dates,
 *    the notices sent to them and their requests: never staff names, never others' data.
 * 3. Record that a copy was given (an event and the month's count); answer the document.
 */
export async function copyOfMyFile(
  ctx: UseCaseContext,
  receiptCode: string,
  verifier: string,
): Promise<PrintedDocument> {
  const found = await caseByReceipt(ctx, receiptCode, verifier);
  const { region } = ctx.config;
  const [personal, notices, attachments, timeline] = await Promise.all([
    ctx.store.cases.personal(found.caseId),
    ctx.store.cases.notices(found.caseId),
    ctx.store.attachments.list(found.caseId),
    ctx.store.cases.timeline(found.caseId),
  ]);
  // Erased already: nothing of the person is left to copy.
  if (!personal) throw receiptNotFound();
  const at = ctx.now().toISOString();
  const on = localDateOf(at, region);
  const [caseFile] = await changeCases(ctx, [found.caseId], ([current]) => [
    {
      next: current,
      events: [{ type: 'data_copy_given', actor: PETITIONER, data: {} }],
      counters: [{ bucket: on.slice(0, 7), add: [counters.dataCopy] }],
    },
  ]);
  // What they wrote each time they submitted again (a repeat joins the file as an addendum).
  const addenda = timeline.flatMap((event) => {
    const addendum = event.type === 'repeat_submission' ? event.data.addendum : undefined;
    if (!addendum || typeof addendum !== 'object') return [];
    const text = (key: string) => {
      const value = key in addendum ? Object.getOwnPropertyDescriptor(addendum, key)?.value : undefined;
      return typeof value === 'string' ? value : '';
    };
    return [
      { on: localDateOf(event.at, region), subject: text('subject'), description: text('description') },
    ];
  });
  const status = publicStatus(caseFile, region, { notices, attachments, now: ctx.now() });
  return {
    caseId: caseFile.caseId,
    title: COPY_TITLE,
    issuer: issuingBureau(region),
    // In the number's place, the receipt code the copy was asked with.
    documentNumber: caseFile.receiptCode,
    issuedOn: on,
    addressee: personal.petitioner.name,
    body: petitionerCopy(caseFile, personal, status, addenda, region),
    enclosures: status.files.map((file) => file.name),
  };
}
