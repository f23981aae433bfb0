// The deadline sweep: standing overdue deadlines cost nothing. On a table of its own, 100 letters
// received 40 days ago fall overdue; the first sweep records their levels (the supervisor is
// told), the next reads what a sweep of the empty table read.
import { registerLetters } from './letters.ts';
import type { BenchStack } from './stack.ts';
import type { Table } from './table.ts';

export async function deadlineSweep(stack: BenchStack, table: Table) {
  const { checkDeadlines } = await import('../../shared/usecases/check-deadlines.ts');
  const ctx = await stack.onTableOfItsOwn('sweep');
  const empty = await checkDeadlines(ctx);
  await registerLetters(ctx, 100, new Date(Date.now() - 40 * 86_400_000).toISOString());
  const told = await checkDeadlines(ctx);
  const standing = await checkDeadlines(ctx);
  if (told.deadlinesDue !== 100 || standing.overdue !== told.overdue)
    throw new Error(`the sweep found ${told.deadlinesDue} due, then ${standing.overdue} standing`);
  table.row(
    `deadline sweep with 100 standing overdue deadlines (the run before read ${told.itemsRead} and recorded ${told.escalations} levels)`,
    `${standing.itemsRead} items read, ${standing.deadlinesDue} due`,
    `${empty.itemsRead} items read with none standing`,
    `+${standing.itemsRead - empty.itemsRead} items`,
    '+0 items',
  );
}
