import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
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

/** The local addresses listening on a TCP port, from the kernel's tables (hex, as /proc gives them). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => existsSync(file))
    .flatMap((file) => readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '0A')
    .map((fields) => (fields[1] as string).split(':')[0] as string);
}

describe('DynamoDB Local', () => {
  it.runIf(existsSync('/proc/net/tcp'))('listens on the loopback address only', () => {
    const port = Number(new URL(inject('dynamoDbEndpoint')).port);
    const loopback = new Set([
      '0100007F',
      '0000000000000000FFFF00000100007F',
      '00000000000000000000000001000000',
    ]);

    const addresses = listeningAddresses(port);

    expect(addresses.length).toBeGreaterThan(0);
    expect(addresses.filter((address) => !loopback.has(address))).toEqual([]);
  });
});
