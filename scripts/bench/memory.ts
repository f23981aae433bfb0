// Heap and RSS after 10,000 warm intakes in this process, against the same after 1,000.
import type { BenchStack } from './stack.ts';
import type { Table } from './table.ts';
import { x } from './table.ts';

export async function memory(stack: BenchStack, table: Table) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const usage = () => {
    gc?.();
    return process.memoryUsage();
  };
  for (let i = 0; i < 1000; i++) await stack.invoke();
  const at1k = usage();
  for (let i = 0; i < 9000; i++) await stack.invoke();
  const at10k = usage();
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  table.row(
    `heap after 10,000 vs 1,000 intakes${gc ? '' : ' (no --expose-gc)'}`,
    mb(at10k.heapUsed),
    mb(at1k.heapUsed),
    x(at10k.heapUsed, at1k.heapUsed),
  );
  table.row('RSS after 10,000 vs 1,000 intakes', mb(at10k.rss), mb(at1k.rss), x(at10k.rss, at1k.rss));
}
