// Upload to available, through the API process as `npm start` serves it (logging at info, the
// local S3 server, the file check on each upload's event): a 3 MB phone photo and a 20-page
// scanned PDF, 10 interleaved pairs each after one warm-up, against the same bytes posted to the
// same server under a key no check watches (the upload alone). Every file must end available.
import { inspectFile } from '../../functions/attachments/inspect-file.ts';
import { webPetition } from '../../test/fixtures/petitions.ts';
import { phonePhoto, scannedPdf } from '../../test/fixtures/sample-files.ts';
import type { BenchStack } from './stack.ts';
import { interleaved, ms, pct, spread, type Table, timed, x } from './table.ts';

interface SignedForm {
  attachmentId: string;
  form: { url: string; fields: Record<string, string> };
}

export async function uploads(stack: BenchStack, table: Table) {
  const { url, clerk } = await stack.apiProcess();
  const call = async (method: string, path: string, body?: unknown) => {
    const answer = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${clerk}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.json();
  };
  const post = async ({ form }: SignedForm, bytes: Uint8Array, key = form.fields.key ?? '') => {
    const body = new FormData();
    for (const [field, value] of Object.entries({ ...form.fields, key })) body.append(field, value);
    body.append('file', new Blob([new Uint8Array(bytes)]));
    const answer = await fetch(form.url, { method: 'POST', body });
    if (!answer.ok) throw new Error(`upload: ${answer.status}`);
  };

  const samples = [
    ['3 MB phone photo (JPEG, orientation 6, GPS)', await phonePhoto(3)],
    ['20-page scanned PDF', await scannedPdf(20)],
  ] as const;
  for (const [what, bytes] of samples) {
    // A case of its own: 11 files stay within a case's 20.
    const { caseId } = (await (
      await fetch(`${url}/petitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(webPetition()),
      })
    ).json()) as { caseId: string };
    const form = async () =>
      (
        (await call('POST', `/cases/${caseId}/attachments`, {
          files: [{ name: 'f', bytes: bytes.byteLength }],
        })) as {
          uploads: SignedForm[];
        }
      ).uploads[0] as SignedForm;
    const states = new Map<string, number>();
    /** Posted, then watched through the API (every 5 ms) until its check is done. */
    const uploadToAvailable = async (signed: SignedForm) => {
      await post(signed, bytes);
      for (;;) {
        const { attachments } = (await call('GET', `/cases/${caseId}/attachments`)) as {
          attachments: Array<{ attachmentId: string; state: string }>;
        };
        const state = attachments.find((a) => a.attachmentId === signed.attachmentId)?.state;
        if (state === 'available' || state === 'refused') {
          states.set(state, (states.get(state) ?? 0) + 1);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const warmUp = await form();
    await uploadToAvailable(warmUp);
    states.clear();
    let n = 0;
    const measured: number[] = [];
    const baseline: number[] = [];
    await interleaved(
      10,
      async () => {
        const signed = await form();
        await timed(measured, () => uploadToAvailable(signed));
      },
      // The warm-up's form under another key (the local server checks no policy): no file recorded.
      () => timed(baseline, () => post(warmUp, bytes, `bench/${warmUp.attachmentId}-${n++}`)),
    );
    if (states.size !== 1 || states.get('available') !== 10)
      throw new Error(`${what}: ended ${JSON.stringify([...states])}`);
    table.row(
      `${what}, ${(bytes.byteLength / 1024 / 1024).toFixed(2)} MB: upload to available, median of 10 (${spread(measured, baseline)}; all available)`,
      ms(pct(measured, 50)),
      `${ms(pct(baseline, 50))} upload alone`,
      x(pct(measured, 50), pct(baseline, 50)),
      '',
    );
    // Where the time goes: the check of the bytes alone, in this process.
    const inspection: number[] = [];
    for (let i = 0; i < 10; i++) await timed(inspection, () => inspectFile(bytes, bytes.byteLength));
    table.row(
      `${what}: the check of its bytes alone (sharp / pdf-lib, in-process), median of 10`,
      ms(pct(inspection, 50)),
      ms(pct(baseline, 50)),
      x(pct(inspection, 50), pct(baseline, 50)),
      '',
    );
  }
}
