// The reception desk: who receives today, triage of a visitor (a receipt code, or the matter
// as told), and the day's queue (first-time petitioners first) with called and seen.
import { useState } from 'preact/hooks';
import type { DayQueue, TriageDecision as Decision } from '../answers.ts';
import { api, query } from '../api.ts';
import { useDesk } from '../context.ts';
import { Consent, MatterFields, nested } from '../petition-fields.tsx';
import { href } from '../route.ts';
import { inLanguage, t } from '../text.ts';
import { ActionForm, Choice, formValues, Loading, TextInput, useLoad } from '../ui.tsx';

function TriageDecision({ decision }: { decision: Decision }) {
  const text = (() => {
    switch (decision.decision) {
      case 'queued':
        return t('decision.queued', { code: decision.receiptCode, n: decision.position });
      case 'see_owner':
        return t('decision.see_owner', { name: decision.owner.name });
      case 'within_period':
        return t('decision.within_period', { date: decision.dueDate, article: decision.article });
      case 'go_first':
        return t('decision.go_first', { body: inLanguage(decision.competentBody.name) });
    }
  })();
  return (
    <p role="status" id="triage-decision" class="notice">
      {text}
    </p>
  );
}

export function ReceptionScreen() {
  const desk = useDesk();
  const date = desk.today();
  const [round, setRound] = useState(0);
  const day = useLoad(() => api<DayQueue>('GET', `/reception/queue${query({ date })}`), `${date}#${round}`);
  const [decision, setDecision] = useState<Decision>();
  const mark = async (visitor: DayQueue['queue'][number], step: 'called' | 'seen') => {
    await api('PUT', `/reception/queue/${date}/${encodeURIComponent(visitor.caseId)}`, { step });
    setRound((r) => r + 1);
  };
  return (
    <section aria-labelledby="reception-title">
      <h1 id="reception-title">
        {t('reception')} · {date}
      </h1>
      {!day.data ? (
        <Loading error={day.error} />
      ) : (
        <>
          <h2>{t('onDuty')}</h2>
          <ul id="on-duty">
            {day.data.receiving.length ? (
              day.data.receiving.map((o) => (
                <li key={o.name}>
                  {o.name}（{inLanguage(o.title)}）
                </li>
              ))
            ) : (
              <li>{t('none')}</li>
            )}
          </ul>
          <h2>{t('visitors')}</h2>
          {day.data.queue.length === 0 ? (
            <p>{t('emptyQueue')}</p>
          ) : (
            <ol id="visitor-queue" class="visitors">
              {day.data.queue.map((v) => (
                <li key={v.caseId}>
                  <a href={href(['case', v.caseId])}>{v.receiptCode}</a> · {desk.localTime(v.at).slice(11)}
                  {v.firstTime && <span class="badge">{t('firstTime')}</span>}
                  {v.seen ? (
                    <span class="badge ok">{t('seen')}</span>
                  ) : v.called ? (
                    <>
                      <span class="badge">{t('called')}</span>
                      <button type="button" class="secondary" onClick={() => mark(v, 'seen')}>
                        {t('markSeen')}
                      </button>
                    </>
                  ) : (
                    <button type="button" class="secondary" onClick={() => mark(v, 'called')}>
                      {t('call')}
                    </button>
                  )}
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <h2>{t('triage')}</h2>
      {decision && <TriageDecision decision={decision} />}
      <ActionForm
        label={t('triage')}
        submit={t('triage')}
        onSubmit={async (form) => {
          const { receiptCode, ...petition } = formValues(form);
          // A returning visitor gives the receipt code; a new one tells the matter.
          const body = receiptCode ? { receiptCode } : nested(petition);
          setDecision(await api<Decision>('POST', '/reception/triage', body));
          setRound((r) => r + 1);
        }}
      >
        {(problems) => (
          <>
            <TextInput name="receiptCode" label={t('existingCode')} problems={problems} />
            <div class="row">
              <TextInput name="petition.petitioner.name" label={t('name')} problems={problems} />
              <TextInput name="petition.petitioner.phone" label={t('phone')} type="tel" problems={problems} />
            </div>
            <MatterFields prefix="petition." problems={problems} />
            <Choice
              name="petition.previouslyRaisedWith"
              label={t('raisedWith')}
              options={[...desk.options('departments'), ...desk.options('townships')]}
              multiple
              problems={problems}
            />
            <Consent name="petition.consent" problems={problems} />
          </>
        )}
      </ActionForm>
    </section>
  );
}
