// The petitioner rates the handling of an opinion (art. 21) with the receipt code. The
// rating is kept apart from the outcome; "dissatisfied" asks for a quality look at the
// handling and reminds the petitioner of the right to review. Never a penalty on anyone.
import type { CaseFile } from '../domain/case.ts';
import { localDateOf } from '../domain/case.ts';
import { counters } from '../domain/report-counters.ts';
import type { Bilingual } from '../errors.ts';
import { ConflictError } from '../errors.ts';
import { changeCases } from './change-cases.ts';
import { caseByReceipt } from './check-status.ts';
import type { UseCaseContext } from './context.ts';
import type { RatingRecord } from './ports.ts';

/** The latest opinion the petitioner can rate, by the case's state. */
function ratedOpinion(caseFile: CaseFile): RatingRecord['opinion'] | undefined {
  if (caseFile.reReviewOpinion) return 're_review_opinion';
  if (caseFile.reviewOpinion) return 'review_opinion';
  if (caseFile.opinion) return 'opinion';
  return undefined;
}

const REMINDERS: Record<RatingRecord['opinion'], Bilingual> = {
  opinion: {
    zh: '如不服處理意見，可自收到之日起30日內請求復查（《信訪工作條例》第35條）。',
    en: 'If you disagree with the opinion, you may ask for a review within 30 days of receiving it (art. 35).',
  },
  review_opinion: {
    zh: '如不服復查意見，可自收到之日起30日內請求復核（《信訪工作條例》第36條）。',
    en: 'If you disagree with the review opinion, you may ask for a re-review within 30 days of receiving it (art. 36).',
  },
  re_review_opinion: {
    zh: '復核意見為最終意見。您的評價已記錄，將用於改進工作。',
    en: 'The re-review opinion is final. Your rating is recorded and used to improve the work.',
  },
};

/**
 * Primary course:
 * 1. Find the case by receipt code and verifier (the same guarded lookup as the status).
 * 2. Refuse before any opinion was issued, and a second rating of the same opinion.
 * 3. Record the rating apart from the outcome; "dissatisfied" flags a quality look.
 * 4. Answer with a reminder of the next step open to the petitioner.
 */
export async function rateHandling(
  ctx: UseCaseContext,
  receiptCode: string,
  verifier: string,
  rating: RatingRecord['rating'],
  comment: string | undefined,
) {
  const found = await caseByReceipt(ctx, receiptCode, verifier);
  const opinion = ratedOpinion(found);
  if (!opinion) {
    throw new ConflictError({
      zh: '出具處理意見後才能評價。',
      en: 'The handling can be rated once an opinion was issued.',
    });
  }
  const now = ctx.now();
  const on = localDateOf(now, ctx.config.region);
  await changeCases(ctx, [found.caseId], ([caseFile]) => {
    const dissatisfied = rating === 'dissatisfied';
    return [
      {
        next: dissatisfied ? { ...caseFile, qualityReview: true } : caseFile,
        events: [
          {
            type: 'rated',
            actor: { kind: 'public' },
            data: { opinion, rating, qualityReview: dissatisfied },
          },
        ],
        counters: [{ bucket: on.slice(0, 7), add: [counters.rating(rating)] }],
        onceOnly: [
          {
            rating: {
              caseId: caseFile.caseId,
              opinion,
              rating,
              ...(comment && { comment }),
              at: now.toISOString(),
            },
          },
        ],
      },
    ];
  });
  return { rating, opinion, qualityReview: rating === 'dissatisfied', reminder: REMINDERS[opinion] };
}
