// The bench's printed table: one row per figure, each beside the baseline measured in the same
// run, the ratio, and the goal for it ("-" for figures kept for context).
export type Row = [what: string, measured: string, baseline: string, ratio: string, goal: string];

export class Table {
  readonly rows: Row[] = [];
  row(what: string, measured: string, baseline: string, ratio: string, goal = '-') {
    this.rows.push([what, measured, baseline, ratio, goal]);
  }
  print(footer: string) {
    const header: Row = ['what', 'measured', 'baseline', 'ratio', 'goal'];
    const widths = header.map((_, i) => Math.max(...[header, ...this.rows].map((r) => (r[i] ?? '').length)));
    const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] as number)).join(' | ')} |`;
    console.log(line(header));
    console.log(line(widths.map((w) => '-'.repeat(w))));
    for (const r of this.rows) console.log(line(r));
    console.log(`\n${footer}`);
  }
}

/** The p-th percentile (nearest rank) of some values. */
export const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
export const ms = (n: number) => `${n.toFixed(2)} ms`;
export const x = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
/** The 10th to 90th percentile of paired ratios: how far a median ratio can be trusted. */
export const spread = (a: number[], b: number[]) => {
  const ratios = a.map((value, i) => value / (b[i] as number));
  return `pairs ${pct(ratios, 10).toFixed(2)}-${pct(ratios, 90).toFixed(2)}x`;
};

/** Runs `a` and `b` alternately, `pairs` times, each first every other time (no order bias). */
export async function interleaved(pairs: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  for (let i = 0; i < pairs; i++) {
    if (i % 2) {
      await a();
      await b();
    } else {
      await b();
      await a();
    }
  }
}

/** Times a call into a list of durations. */
export async function timed(into: number[], run: () => Promise<unknown>) {
  const start = performance.now();
  await run();
  into.push(performance.now() - start);
}
