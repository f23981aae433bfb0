// API keys for other systems (Open311): an administrator issues one to a named system (the key
// is shown here once and never again), may give it its own window, and revokes it; each key's
// requests and refusals are counted.
import { useState } from 'preact/hooks';
import type { ApiKeys, IssuedApiKey } from '../answers.ts';
import { api } from '../api.ts';
import { t } from '../text.ts';
import { ActionForm, formValues, Loading, TextInput, useLoad } from '../ui.tsx';

type ApiKey = ApiKeys['keys'][number];

function Revoke({ apiKey, refresh }: { apiKey: ApiKey; refresh: () => void }) {
  return (
    <ActionForm
      label={`${t('revokeKey')} ${apiKey.name}`}
      submit={t('revokeKey')}
      confirm={t('confirmRevokeKey')}
      onSubmit={async (form) => {
        const reason = (form.elements.namedItem('reason') as HTMLInputElement).value;
        await api('POST', `/api-keys/${encodeURIComponent(apiKey.keyId)}/revocation`, { reason });
        refresh();
      }}
    >
      {(problems) => <TextInput name="reason" label={t('reason')} problems={problems} />}
    </ActionForm>
  );
}

export function ApiKeysScreen() {
  const loaded = useLoad(() => api<ApiKeys>('GET', '/api-keys'), 'api-keys');
  const [issued, setIssued] = useState<IssuedApiKey>();
  const refresh = () => loaded.reload();
  return (
    <section aria-labelledby="api-keys-title">
      <h1 id="api-keys-title">{t('apiKeys')}</h1>
      <p class="hint">{t('apiKeysHint')}</p>
      <ActionForm
        label={t('issueKey')}
        submit={t('issueKey')}
        onSubmit={async (form) => {
          const { name, requests, seconds, batch } = formValues(form);
          setIssued(
            await api<IssuedApiKey>('POST', '/api-keys', {
              name,
              batch,
              ...((requests || seconds) && {
                window: { requests: Number(requests), seconds: Number(seconds) },
              }),
            }),
          );
          refresh();
        }}
      >
        {(problems) => (
          <>
            <TextInput name="name" label={t('keyHolder')} problems={problems} />
            <TextInput name="requests" type="number" label={t('windowRequests')} problems={problems} />
            <TextInput name="seconds" type="number" label={t('windowSeconds')} problems={problems} />
            <p class="check">
              <input type="checkbox" id="api-key-batch" name="batch" />
              <label for="api-key-batch">{t('batchClient')}</label>
            </p>
          </>
        )}
      </ActionForm>
      {issued && (
        <div role="status" class="issued-key">
          <p>{t('keyShownOnce', { name: issued.apiKey.name })}</p>
          <output id="issued-key">{issued.key}</output>
        </div>
      )}
      {!loaded.data ? (
        <Loading error={loaded.error} />
      ) : (
        <div class="table-wrap">
          <table id="api-keys">
            <thead>
              <tr>
                <th scope="col">{t('keyHolder')}</th>
                <th scope="col">{t('keyWindow')}</th>
                <th scope="col">{t('keyUsageDay')}</th>
                <th scope="col">{t('keyUsageKept')}</th>
                <th scope="col">{t('keyState')}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.data.keys.map((key) => (
                <tr key={key.keyId}>
                  <th scope="row">
                    {key.name} <code>{key.keyId}</code>
                    {key.batch && ` · ${t('batchClient')}`}
                  </th>
                  <td>{t('windowOf', { requests: key.window.requests, seconds: key.window.seconds })}</td>
                  <td>{t('usageOf', key.usage.lastDay)}</td>
                  <td>{t('usageOf', key.usage.kept)}</td>
                  <td>
                    {key.revoked ? (
                      `${t('revokedOn')} ${key.revoked.at.slice(0, 10)} · ${key.revoked.reason}`
                    ) : (
                      <Revoke apiKey={key} refresh={refresh} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
