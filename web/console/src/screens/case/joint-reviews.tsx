// Joint reviews of a hard case (集體會診) on the case page: meetings and their minutes.
import { api } from '../../api.ts';
import { t } from '../../text.ts';
import { ActionForm, formValues, TextInput } from '../../ui.tsx';
import { type CaseView, path } from './view.ts';

export function JointReviews(props: {
  caseId: string;
  reviews: NonNullable<CaseView['case']['jointReviews']>;
  mayRecord: boolean;
  refresh: () => void;
}) {
  return (
    <section aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t('jointReviews')}</h2>
      <ul>
        {props.reviews.map((review) => (
          <li key={review.reviewId}>
            {review.date} · {review.meetingType}
            {review.minutes ? (
              <p class="prose">
                {t('rootCause')}：{review.minutes.rootCause}
                {'\n'}
                {t('direction')}：{review.minutes.direction}
                {'\n'}
                {review.minutes.decisions.join('\n')}
              </p>
            ) : (
              props.mayRecord && (
                <ActionForm
                  label={`${t('minutes')} ${review.date}`}
                  submit={t('minutes')}
                  onSubmit={async (form) => {
                    const v = formValues(form) as Record<string, string>;
                    const decisions = (v.decisions ?? '')
                      .split('\n')
                      .map((line) => line.trim())
                      .filter(Boolean)
                      .map((text) => ({ text }));
                    await api(
                      'PUT',
                      path(props.caseId, `/joint-reviews/${encodeURIComponent(review.reviewId)}/minutes`),
                      {
                        rootCause: v.rootCause,
                        direction: v.direction,
                        decisions,
                      },
                    );
                    props.refresh();
                  }}
                >
                  {(problems) => (
                    <>
                      <TextInput name="rootCause" label={t('rootCause')} multiline problems={problems} />
                      <TextInput name="direction" label={t('direction')} multiline problems={problems} />
                      <TextInput name="decisions" label={t('decisions')} multiline problems={problems} />
                    </>
                  )}
                </ActionForm>
              )
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
