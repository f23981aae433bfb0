// The daily anchor (存證): the timeline heads of every case changed on a day, written once
// outside the table, so a rewrite of the table (events, hashes and digests recomputed) still
// shows against the heads the anchor kept. docs/data-model.md, AP27.
import { createHash } from 'node:crypto';
import { addDays } from '../domain/clock.ts';
import { canonicalJson } from '../domain/timeline.ts';
import type { UseCaseContext } from './context.ts';
import type { AnchorStore, ChainAnchor } from './ports.ts';

/** A day's heads by case id, in case-id order, and their digest. */
function anchorOf(day: string, heads: Array<{ caseId: string; seq: number; hash: string }>, at: string) {
  const sorted = Object.fromEntries(
    [...heads]
      .sort((a, b) => (a.caseId < b.caseId ? -1 : 1))
      .map(({ caseId, seq, hash }) => [caseId, { seq, hash }]),
  );
  const digest = createHash('sha256').update(canonicalJson(sorted)).digest('hex');
  return { day, heads: sorted, digest, at } satisfies ChainAnchor;
}

/**
 * Primary course (hourly, so a failed run is made up within the hour):
 * 1. The day to anchor is yesterday (UTC); if its anchor exists, nothing to do.
 * 2. Read the day's heads (one query per shard) and write the anchor once.
 */
export async function anchorYesterday(ctx: UseCaseContext, anchors: AnchorStore) {
  const now = ctx.now();
  const day = addDays(now.toISOString().slice(0, 10), -1);
  if (await anchors.get(day)) return { day, cases: 0, outcome: 'exists' as const };
  const heads = await ctx.store.queries.chainHeads(day);
  const outcome = await anchors.put(anchorOf(day, heads, now.toISOString()));
  return { day, cases: heads.length, outcome };
}
