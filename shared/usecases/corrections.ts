// A clerk corrects a case file; every correction is a timeline event, and what depends on
// the corrected fields follows in the same transaction.
import { authorize, type Staff } from '../domain/access.ts';
import { type CaseFile, localDateOf, type PersonalRecord } from '../domain/case.ts';
import { type Correction, correct } from '../domain/corrections.ts';
import { everyForm, petitionerIdentity, verifierHash } from '../domain/matching.ts';
import type { PepperRing } from '../domain/pepper-ring.ts';
import { counters } from '../domain/report-counters.ts';
import { actorOf } from '../domain/timeline.ts';
import { caseNotFound, changeCases, MatterOnFileError } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';

const identityOf = (caseFile: CaseFile, personal: PersonalRecord, peppers: PepperRing) =>
  petitionerIdentity({ ...caseFile, petitioner: personal.petitioner }, peppers);

const without = (values: string[], others: string[]) => values.filter((v) => !others.includes(v));

/**
 * Primary course:
 * 1. Read the case and its personal record; the clerk must be allowed to correct it.
 * 2. Work out the corrected case and contact details, and refuse a correction that
 *    changes nothing or would route the case to a department it complains about.
 * 3. Refuse a corrected matter that is on file as another case (link them instead).
 * 4. Write, in one transaction: the case and its `corrected` event (field names, old and new
 *    matter values; never personal values), the personal record, the matter records and
 *    petitioner links that follow (all under the current pepper, the former forms removed), the receipt's verifier, the counters moved from the old
 *    category or township to the new, and a record of the personal-data change.
 */
/** A corrected category or township moves the intake's count to the new one. */
const receivedBy = { category: counters.receivedByCategory, township: counters.receivedByTownship };

export async function correctCase(ctx: UseCaseContext, caseId: string, correction: Correction, staff: Staff) {
  const { region } = ctx.config;
  const peppers = await ctx.peppers();
  const personal = await ctx.store.cases.personal(caseId);
  if (!personal) throw caseNotFound(caseId);
  const [updated] = await changeCases(ctx, [caseId], ([caseFile]) => {
    authorize(staff, caseFile, 'correct');
    const corrected = correct(caseFile, personal, correction);
    const before = identityOf(caseFile, personal, peppers);
    const after = identityOf(corrected.next, corrected.personal, peppers);
    const at = ctx.now().toISOString();
    const month = localDateOf(caseFile.receivedAt, region).slice(0, 7);
    const moved = (['category', 'township'] as const).filter((field) => corrected.matter[field]);
    return [
      {
        next: corrected.next,
        events: [
          {
            type: 'corrected',
            actor: actorOf(staff),
            data: { reason: correction.reason, matter: corrected.matter, contact: corrected.contact },
          },
        ],
        counters: moved.length
          ? [
              {
                bucket: month,
                add: moved.map((field) => receivedBy[field](corrected.next[field])),
                subtract: moved.map((field) => receivedBy[field](caseFile[field])),
              },
            ]
          : [],
        correction: {
          personal: corrected.personal,
          matters: {
            remove: without(everyForm(before, 'matterFingerprints'), after.matterFingerprints),
            add: after.matterFingerprints,
          },
          identities: {
            remove: without(everyForm(before, 'identityHashes'), after.identityHashes),
            add: after.identityHashes,
          },
          verifierHash: verifierHash(corrected.personal.petitioner.phone, caseId, peppers),
          ...(corrected.contact.length && { personalChange: { at, staff, changed: corrected.contact } }),
        },
      },
    ];
  }).catch(async (error: unknown) => {
    // Name the case the corrected matter is on file as, when it can be found.
    const current = error instanceof MatterOnFileError && (await ctx.store.cases.get(caseId));
    if (!current) throw error;
    const corrected = correct(current, personal, correction);
    const fingerprints = everyForm(
      identityOf(corrected.next, corrected.personal, peppers),
      'matterFingerprints',
    );
    throw new MatterOnFileError(
      (await ctx.store.cases.casesOfMatters(fingerprints)).find((id) => id && id !== caseId),
    );
  });
  return updated;
}
