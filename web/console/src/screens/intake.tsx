// Registering a letter, visit, phone call or referral on the petitioner's behalf. While the
// clerk types, filed matters like it are listed (the same matter joins its file, never a
// second one); the registration gives a receipt slip to print or read out.
import { useRef, useState } from 'preact/hooks';
import { petitionSchemas } from '../../../../shared/domain/petition.ts';
import { parseInput } from '../../../../shared/validation.ts';
import type { LikelyRepeat, Registered, SimilarToDraft } from '../answers.ts';
import { api } from '../api.ts';
import { useDesk } from '../context.ts';
import { Consent, MatterFields, nested } from '../petition-fields.tsx';
import { href } from '../route.ts';
import { type TextKey, t } from '../text.ts';
import { ActionForm, Choice, formValues, TextInput, useLoad } from '../ui.tsx';
import { FileUpload } from './case/attachments.tsx';

const STAFF_CHANNELS = ['letter', 'visit', 'phone', 'referral'] as const;

export function IntakeScreen() {
  const desk = useDesk();
  const [channel, setChannel] = useState<string>('letter');
  const [registered, setRegistered] = useState<Registered>();
  const [suggestions, setSuggestions] = useState<SimilarToDraft['similar']>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const schema = petitionSchemas({ ...desk.region, officials: desk.region.officials }).staffCase;

  const lookAlike = (form: HTMLFormElement) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const v = formValues(form) as Record<string, string>;
      if (!v.township || !v.category || !v.subject) return;
      const found = await api<SimilarToDraft>('POST', '/similar-matters', {
        township: v.township,
        category: v.category,
        subject: v.subject,
        description: v.description ?? '',
      }).catch(() => ({ similar: [] }));
      setSuggestions(found.similar.slice(0, 5));
    }, 500);
  };

  if (registered) return <ReceiptSlip registered={registered} again={() => setRegistered(undefined)} />;
  return (
    <section aria-labelledby="intake-title">
      <h1 id="intake-title">{t('intake')}</h1>
      <div class="two-columns">
        <div
          onInput={(event) => {
            const form = (event.target as HTMLElement).closest('form');
            if (form) lookAlike(form);
          }}
        >
          <ActionForm
            label={t('intake')}
            submit={t('register')}
            onSubmit={async (form) => {
              const { receivedAt, ...values } = formValues(form);
              const body = nested({
                ...values,
                ...(typeof receivedAt === 'string' && { receivedAt: desk.instantOfInput(receivedAt) }),
              });
              setRegistered(await api<Registered>('POST', '/cases', parseInput(schema, body)));
            }}
          >
            {(problems) => (
              <>
                <div class="row">
                  <p class="field">
                    <label for="intake-channel">{t('channelOf')}</label>
                    <select
                      id="intake-channel"
                      name="channel"
                      onChange={(e) => setChannel(e.currentTarget.value)}
                    >
                      {STAFF_CHANNELS.map((c) => (
                        <option key={c} value={c} selected={c === channel}>
                          {t(`channel.${c}` as TextKey)}
                        </option>
                      ))}
                    </select>
                  </p>
                  <TextInput
                    name="receivedAt"
                    label={t('receivedAt')}
                    type="datetime-local"
                    value={desk.nowForInput()}
                    problems={problems}
                  />
                  <TextInput name="lateReason" label={t('lateReason')} problems={problems} />
                </div>
                {channel === 'referral' && (
                  <div class="row">
                    <Choice
                      name="referral.level"
                      label={t('referralLevel')}
                      options={[
                        ['city', '市'],
                        ['province', '省'],
                        ['national', '國家'],
                      ]}
                      problems={problems}
                    />
                    <TextInput name="referral.reference" label={t('referralReference')} problems={problems} />
                  </div>
                )}
                <fieldset>
                  <legend>{t('petitioner')}</legend>
                  <div class="row">
                    <TextInput name="petitioner.name" label={t('name')} problems={problems} required />
                    <TextInput name="petitioner.phone" label={t('phone')} type="tel" problems={problems} />
                  </div>
                  <div class="row">
                    <TextInput name="petitioner.idNumber" label={t('idNumber')} problems={problems} />
                    <TextInput name="petitioner.address" label={t('address')} problems={problems} />
                  </div>
                </fieldset>
                <fieldset>
                  <legend>{t('petition')}</legend>
                  <MatterFields problems={problems} />
                  <TextInput
                    name="requestedOutcome"
                    label={t('requestedOutcome')}
                    multiline
                    problems={problems}
                  />
                </fieldset>
                <Consent name="consent" problems={problems} />
              </>
            )}
          </ActionForm>
        </div>
        <aside aria-labelledby="lookalike-title" aria-live="polite">
          <h2 id="lookalike-title">{t('possibleDuplicates')}</h2>
          {suggestions.length === 0 ? (
            <p>{t('noSimilar')}</p>
          ) : (
            <ol id="lookalikes">
              {suggestions.map((s) => (
                <li key={s.caseId}>
                  <a href={href(['case', s.caseId])}>{s.subject}</a> · {desk.localDate(s.receivedAt)}
                  <p class="why">
                    {t('why')}：{[...s.why.entities, ...s.why.phrases].slice(0, 6).join('、')}
                  </p>
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
    </section>
  );
}

function ReceiptSlip({ registered, again }: { registered: Registered; again: () => void }) {
  const desk = useDesk();
  // A new file of a person who has one like it: said on the slip, confirmed on the case page.
  const check = useLoad<LikelyRepeat>(
    () =>
      registered.alreadyOnFile || !desk.may('checkLikelyRepeat')
        ? Promise.resolve({ likelyRepeatOf: null })
        : api<LikelyRepeat>('POST', `/cases/${registered.caseId}/repeat-check`),
    registered.caseId,
  );
  const earlier = check.data?.likelyRepeatOf;
  const [attached, setAttached] = useState(0);
  return (
    <section aria-labelledby="slip-title" class="slip">
      <h1 id="slip-title">{t('receiptSlip')}</h1>
      <p>{inRegion(desk.region.region.name)}</p>
      {registered.alreadyOnFile && <p class="notice">{t('repeatJoined')}</p>}
      {earlier && (
        <p class="notice" id="slip-likely-repeat">
          {t('likelyRepeat', { code: earlier.receiptCode })}{' '}
          <a class="no-print" href={href(['case', earlier.caseId])}>
            {earlier.caseId}
          </a>
        </p>
      )}
      <dl class="facts">
        <dt>{t('receiptCode')}</dt>
        <dd id="slip-receipt-code" class="code">
          {registered.receiptCode}
        </dd>
        <dt>{t('caseId')}</dt>
        <dd id="slip-case-id">{registered.caseId}</dd>
        {registered.nextDeadline && (
          <>
            <dt>{t('due')}</dt>
            <dd>{registered.nextDeadline.dueDate}</dd>
          </>
        )}
      </dl>
      <p class="buttons no-print">
        <button type="button" onClick={() => print()}>
          {t('print')}
        </button>
        <a class="button secondary" href={href(['case', registered.caseId])}>
          {t('open')}
        </a>
        <button type="button" class="secondary" onClick={again}>
          {t('intake')}
        </button>
      </p>
      {/* The letter itself and its enclosures, scanned at the counter. */}
      {desk.may('addCaseFiles') && (
        <div class="no-print">
          <FileUpload caseId={registered.caseId} done={() => setAttached((n) => n + 1)} />
          {attached > 0 && (
            <p role="status" id="slip-files-done">
              {t('filesAttached')}
            </p>
          )}
        </div>
      )}
    </section>
  );
}

const inRegion = (name: { zh: string; en: string }) => `${name.zh} 信訪局 · ${name.en} Petition Bureau`;
