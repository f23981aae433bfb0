// Intake: every petition becomes one case file per matter; a repeat joins the file on record.
import { type CaseFile, openCaseFile, repeated } from '../domain/case.ts';
import { lateRegistration } from '../domain/late-registration.ts';
import { localDate } from '../domain/local-time.ts';
import { everyForm, petitionerIdentity, verifierHash } from '../domain/matching.ts';
import { type Notice, noticesFor } from '../domain/notices.ts';
import type { PetitionIntake } from '../domain/petition.ts';
import { nextOwed, publicDeadline } from '../domain/public-view.ts';
import { newReceiptCode, randomCharacters } from '../domain/receipt-code.ts';
import { intakeCounters, REPEAT_COUNTERS } from '../domain/report-counters.ts';
import { withGravity } from '../domain/sign-off.ts';
import { GENESIS_HASH, nextEvent, stateDigest } from '../domain/timeline.ts';
import { ContentionError, ValidationError } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import { changeCases, IdempotencyRecordExists } from './change-cases.ts';
import type { Caller, UseCaseContext } from './context.ts';
import { pause } from './context.ts';
import { type IdempotencyRequest, idempotencyWrite, replayResult } from './idempotency.ts';

export interface IntakeResult {
  caseId: string;
  receiptCode: string;
  status: CaseFile['status'];
  repeatCount: number;
  /** True when the matter was already on file and this submission joined it. */
  alreadyOnFile: boolean;
  nextDeadline: ReturnType<typeof publicDeadline>;
}

const MAX_OPEN_ATTEMPTS = 20;

function newCaseId(receivedOn: string): string {
  return `${receivedOn.replaceAll('-', '')}-${randomCharacters(8)}`;
}

function resultOf(caseFile: CaseFile, alreadyOnFile: boolean): IntakeResult {
  return {
    caseId: caseFile.caseId,
    receiptCode: caseFile.receiptCode,
    status: caseFile.status,
    repeatCount: caseFile.repeatCount,
    alreadyOnFile,
    nextDeadline: publicDeadline(nextOwed(caseFile), caseFile),
  };
}

/**
 * Primary course:
 * 1. A petition received before the office's go-live is refused; one received longer ago than
 *    the region allows needs the reason it is registered only now.
 * 2. Work out who petitions (hashed ID number and phone) and which matter (the fingerprints).
 * 3. Open a new case file in one transaction: case, personal record, matter records,
 *    receipt, first timeline event, first deadline, report counters, idempotency record.
 * 4. A replayed Idempotency-Key gets its first result back.
 * 5. A matter already on file records this submission on that case as a repeat.
 */
export async function submitPetition(
  ctx: UseCaseContext,
  intake: PetitionIntake,
  caller: Caller,
  idempotency?: IdempotencyRequest,
): Promise<IntakeResult> {
  const { region } = ctx.config;
  const registration = lateRegistration(intake, ctx.now(), region);
  if ('problem' in registration) throw new ValidationError([registration.problem]);
  const { late } = registration;
  const peppers = await ctx.peppers();
  const identity = petitionerIdentity(intake, peppers);

  for (let attempt = 1; attempt <= MAX_OPEN_ATTEMPTS; attempt++) {
    const now = ctx.now();
    const receivedOn = localDate(intake.receivedAt, region.region.timeZone);
    const caseId = newCaseId(receivedOn);
    const receiptCode = newReceiptCode();
    const { caseFile: filed, personal } = openCaseFile(
      intake,
      { caseId, receiptCode, now: now.toISOString() },
      region,
      late,
    );
    const opened = withGravity(filed, region);
    const event = nextEvent(
      { seq: 0, hash: GENESIS_HASH },
      {
        type: 'received',
        at: now.toISOString(),
        actor: caller.actor,
        data: {
          channel: intake.channel,
          receivedAt: intake.receivedAt,
          township: intake.township,
          category: intake.category,
          subject: intake.subject,
          representativeCount: opened.representativeCount,
          ...(intake.referral && { referral: intake.referral }),
          ...(late && { lateRegistration: late }),
          // Officials the petition complains about are recused from the start (art. 30).
          ...(opened.recusals && { recused: opened.recusals }),
        },
        state: stateDigest(opened),
      },
    );
    const caseFile: CaseFile = { ...opened, version: 1, eventSeq: event.seq, lastEventHash: event.hash };
    const result = resultOf(caseFile, false);
    const opening = await ctx.store.cases.open(
      {
        caseFile,
        personal,
        identityHashes: identity.identityHashes,
        matterFingerprints: identity.matterFingerprints,
        formerMatterFingerprints: identity.former.matterFingerprints,
        receipt: {
          receiptCode,
          caseId,
          verifierHash: verifierHash(intake.petitioner.phone, caseId, peppers),
          failedAttempts: 0,
          lockouts: 0,
        },
        event,
        counters: { bucket: receivedOn.slice(0, 7), add: intakeCounters(caseFile) },
        notices: acknowledgement('registered', caseFile, intake, region, now.toISOString()),
      },
      idempotency && idempotencyWrite(idempotency, result, now.getTime()),
    );
    switch (opening.outcome) {
      case 'opened':
        return result;
      case 'idempotencyKeyTaken': {
        const replay = idempotency && (await replayResult<IntakeResult>(ctx.store, idempotency));
        if (replay) return replay;
        break;
      }
      case 'matterExists': {
        const existing =
          opening.caseId ??
          (await ctx.store.cases.casesOfMatters(everyForm(identity, 'matterFingerprints'))).find(Boolean);
        if (existing) return recordRepeat(ctx, existing, intake, caller, idempotency);
        break;
      }
      case 'tryAgain':
        break;
    }
    // A receipt-code collision, a concurrent transaction, or a record that vanished: new ids, try again.
    await pause(Math.min(10 * attempt, 50));
  }
  throw new ContentionError();
}

/**
 * The written acknowledgement (art. 22): a letter, visit, call or referral gets the receipt
 * code in a notice, to the contact details it came with; the web form shows it on screen.
 */
function acknowledgement(
  type: 'registered' | 'repeat_registered',
  caseFile: CaseFile,
  intake: PetitionIntake,
  region: RegionConfig,
  at: string,
): Notice[] {
  if (intake.channel === 'web') return [];
  const people = {
    caseId: caseFile.caseId,
    petitioner: intake.petitioner,
    representatives: intake.representatives ?? [],
  };
  return noticesFor([type], caseFile, people, region, at);
}

async function recordRepeat(
  ctx: UseCaseContext,
  caseId: string,
  intake: PetitionIntake,
  caller: Caller,
  idempotency: IdempotencyRequest | undefined,
): Promise<IntakeResult> {
  const month = localDate(intake.receivedAt, ctx.config.region.region.timeZone).slice(0, 7);
  try {
    const [updated] = await changeCases(
      ctx,
      [caseId],
      ([caseFile]) => {
        const at = ctx.now().toISOString();
        return [
          {
            next: repeated(caseFile, localDate(intake.receivedAt, ctx.config.region.region.timeZone)),
            events: [
              {
                type: 'repeat_submission',
                actor: caller.actor,
                // What the petitioner wrote this time joins the file as an addendum (補充材料).
                data: {
                  channel: intake.channel,
                  receivedAt: intake.receivedAt,
                  repeatCount: caseFile.repeatCount + 1,
                  addendum: {
                    subject: intake.subject,
                    description: intake.description,
                    ...(intake.requestedOutcome && { requestedOutcome: intake.requestedOutcome }),
                  },
                },
              },
            ],
            counters: [{ bucket: month, add: REPEAT_COUNTERS }],
            notify: (written) => acknowledgement('repeat_registered', written, intake, ctx.config.region, at),
          },
        ];
      },
      idempotency && (([next]) => idempotencyWrite(idempotency, resultOf(next, true), ctx.now().getTime())),
    );
    return resultOf(updated, true);
  } catch (error) {
    if (error instanceof IdempotencyRecordExists && idempotency) {
      const replay = await replayResult<IntakeResult>(ctx.store, idempotency);
      if (replay) return replay;
    }
    throw error;
  }
}
