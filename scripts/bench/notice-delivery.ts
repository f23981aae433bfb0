// Notice delivery, every lane drained at once: 400 letters' acknowledgements through a provider
// stand-in that takes 20 ms per SMS, on a table of their own, against the same provider one SMS
// after another (the delivery before lanes).
import { randomUUID } from 'node:crypto';
import { registerLetters } from './letters.ts';
import type { BenchStack } from './stack.ts';
import { type Table, x } from './table.ts';

const SMS_MS = 20;

export async function noticeDelivery(stack: BenchStack, table: Table) {
  const { deliverPendingNotices } = await import('../../shared/usecases/deliver-notices.ts');
  const ctx = await stack.onTableOfItsOwn('outbox');
  await registerLetters(ctx, 400, new Date().toISOString());
  const provider = {
    send: async () => {
      await new Promise((resolve) => setTimeout(resolve, SMS_MS));
      return { method: 'sms' as const, providerMessageId: randomUUID() };
    },
  };
  const started = performance.now();
  const run = await deliverPendingNotices(ctx, provider);
  const seconds = (performance.now() - started) / 1000;
  if (run.delivered !== 400 || run.failed || run.toPost)
    throw new Error(`delivery run: ${JSON.stringify(run)}`);
  table.row(
    `notices delivered per second, 8 lanes x 4 in flight (400 SMS, provider stand-in at ${SMS_MS} ms each, all delivered)`,
    `${(run.delivered / seconds).toFixed(0)}/s`,
    `${(1000 / SMS_MS).toFixed(0)}/s one after another`,
    x(run.delivered / seconds, 1000 / SMS_MS),
  );
}
