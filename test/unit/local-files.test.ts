import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileDelivery } from '../../functions/notices/delivery.ts';

describe('local files with personal data', () => {
  it('writes the notice outbox readable by its owner alone', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox.jsonl');

    await fileDelivery(file).send({
      noticeId: 'n1',
      caseId: 'c1',
      type: 'accepted',
      recipient: { kind: 'petitioner', name: '張某', phone: '13800138000' },
      text: { zh: '已受理', en: 'accepted' },
      state: 'pending',
      attempts: 0,
      createdAt: '2026-11-28T00:00:00Z',
    });

    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
