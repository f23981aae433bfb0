// Migrations of stored items (docs/data-model.md, "Migrations"): a deployed office keeps its
// table across versions, so a change to what is stored brings the items written before it up
// to date. Each migration is numbered, works in units (one area of the county at a time), is
// safe to run twice, and goes on where a failed run stopped.

import type { AppConfig } from '../config.ts';
import { checkDateOf } from '../domain/escalation.ts';
import { closedOnOf, retentionOf } from '../domain/retention.ts';
import { isOpen, queuesOf, sameQueue } from '../domain/work-queues.ts';
import { changeCases } from './change-cases.ts';
import type { UseCaseContext } from './context.ts';
import type { MigrationRecord } from './ports.ts';

/** What a migration needs: the store, the clock, the region (an administrator's command has no more). */
export type MigrationContext = Pick<UseCaseContext, 'store' | 'now'> & { config: Pick<AppConfig, 'region'> };

export interface Migration {
  /** Number and name: `0001-queue-memberships`; they run in this order. */
  id: string;
  description: string;
  /** The units of work, in order: a run saves its place after each. */
  units(ctx: MigrationContext): string[];
  /** One unit: what it looked at and what it changed (in a dry run: would change). */
  run(ctx: MigrationContext, unit: string, dryRun: boolean): Promise<{ examined: number; changed: number }>;
}

/** One unit per area of the county: township and category. */
function areaUnits({ config: { region } }: MigrationContext) {
  return region.townships.flatMap((t) => region.categories.map((c) => `${t.code}#${c.code}`));
}

/** Every case of a unit's area, whatever its age. */
function casesOfUnit(ctx: MigrationContext, unit: string) {
  const [township = '', category = ''] = unit.split('#');
  return ctx.store.migrations.casesInArea(township, category);
}

const MIGRATION_ACTOR = { kind: 'system' as const, id: 'migration' };

/**
 * 0001: cases stored before the work queues have no queue entries until they next change, and
 * entries written before `dueFrom` do not say who owes the stage. Each case of each area gets
 * the entries its state calls for (those missing or incomplete written, those it left removed),
 * if it has not changed meanwhile (a change writes them itself).
 */
const queueMemberships: Migration = {
  id: '0001-queue-memberships',
  description: 'Work-queue entries for cases stored before the work queues, and dueFrom on older entries',
  units: areaUnits,
  async run(ctx, unit, dryRun) {
    const cases = await casesOfUnit(ctx, unit);
    let changed = 0;
    for (const caseFile of cases) {
      const wanted = queuesOf(caseFile);
      const stored = await ctx.store.migrations.storedQueues(caseFile.caseId);
      const put = wanted.filter((queue) => !stored.some((s) => sameQueue(s.queue, queue) && s.complete));
      const remove = stored.map((s) => s.queue).filter((queue) => !wanted.some((w) => sameQueue(w, queue)));
      if (!put.length && !remove.length) continue;
      if (dryRun || (await ctx.store.migrations.rewriteQueues(caseFile, put, remove)) === 'written')
        changed++;
    }
    return { examined: cases.length, changed };
  },
};

/**
 * 0002: case files closed before retention have no schedule, so nothing would ever restrict or
 * dispose of them. Each gets the one its class calls for, from the day it closed (its last
 * milestone), with a `retention_scheduled` event, so its timeline still seals its record.
 */
const closedCaseRetention: Migration = {
  id: '0002-closed-case-retention',
  description: 'A retention schedule for case files closed before retention, from the day each closed',
  units: areaUnits,
  async run(ctx, unit, dryRun) {
    const cases = await casesOfUnit(ctx, unit);
    const unscheduled = cases.filter((c) => !c.retention && !isOpen(c));
    if (!dryRun) {
      for (const { caseId } of unscheduled) {
        await changeCases(ctx, [caseId], ([caseFile]) => {
          const closedOn = closedOnOf(caseFile, ctx.config.region.region.timeZone);
          const retention = retentionOf(caseFile, ctx.config.region.retention, closedOn);
          // Scheduled meanwhile (a change closed it again), or reopened: nothing to do.
          if (caseFile.retention || !retention) return [];
          const event = { type: 'retention_scheduled', actor: MIGRATION_ACTOR, data: { ...retention } };
          return [{ next: { ...caseFile, retention }, events: [event] }];
        });
      }
    }
    return { examined: cases.length, changed: unscheduled.length };
  },
};

/**
 * 0003: an open handling period stored before progress notices sits in the due index at its
 * due date, where the check would read it only days before the end. Each one whose halfway
 * mark is still to be told is keyed again at that mark (the deadline as it is; nothing else
 * changes). One whose halfway has already passed gets its notice at the check's next run:
 * late, but it is what the petitioner is owed; a dry run counts them.
 */
const halfwayMarks: Migration = {
  id: '0003-halfway-marks',
  description: 'Open handling periods keyed in the due index at their halfway mark, for the progress notice',
  units: areaUnits,
  async run(ctx, unit, dryRun) {
    const cases = await casesOfUnit(ctx, unit);
    let changed = 0;
    for (const caseFile of cases) {
      const handle = caseFile.deadlines.handle;
      if (!isOpen(caseFile) || !handle || checkDateOf(handle) === handle.dueDate) continue;
      if (dryRun || (await ctx.store.migrations.rewriteDeadlines(caseFile, [handle])) === 'written')
        changed++;
    }
    return { examined: cases.length, changed };
  },
};

/** Every migration, in the order they run. */
export const MIGRATIONS: readonly Migration[] = [queueMemberships, closedCaseRetention, halfwayMarks];

export interface MigrationRun {
  id: string;
  description: string;
  /** Ran now; had run before (when); or, in a dry run, what it would do. */
  outcome: 'ran' | 'had run' | 'would run';
  examined: number;
  changed: number;
  ranAt?: string;
}

/**
 * Primary course:
 * 1. Read which migrations ran on this table; those that did are left alone.
 * 2. Each other one runs in number order, unit by unit, from where an unfinished run stopped;
 *    its place is saved after each unit, so a failed run goes on from there.
 * 3. A finished run is recorded (when, what it looked at, what it changed) and its place cleared.
 * 4. A dry run writes nothing: it counts what a run would change, from the start.
 */
export async function runMigrations(
  ctx: MigrationContext,
  { dryRun = false, migrations = MIGRATIONS }: { dryRun?: boolean; migrations?: readonly Migration[] } = {},
): Promise<MigrationRun[]> {
  const ran = new Map((await ctx.store.migrations.ran()).map((r) => [r.id, r]));
  const runs: MigrationRun[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id.localeCompare(b.id))) {
    const { id, description } = migration;
    const before = ran.get(id);
    if (before) {
      runs.push({ id, description, outcome: 'had run', ...totals(before), ranAt: before.ranAt });
      continue;
    }
    const units = migration.units(ctx);
    const stopped = dryRun ? undefined : await ctx.store.migrations.checkpoint(id);
    const todo = stopped ? units.slice(units.indexOf(stopped.unit) + 1) : units;
    let examined = stopped?.examined ?? 0;
    let changed = stopped?.changed ?? 0;
    for (const unit of todo) {
      const done = await migration.run(ctx, unit, dryRun);
      examined += done.examined;
      changed += done.changed;
      if (!dryRun) await ctx.store.migrations.saveCheckpoint(id, { unit, examined, changed });
    }
    if (dryRun) {
      runs.push({ id, description, outcome: 'would run', examined, changed });
      continue;
    }
    const record: MigrationRecord = { id, ranAt: ctx.now().toISOString(), examined, changed };
    await ctx.store.migrations.record(record);
    await ctx.store.migrations.saveCheckpoint(id, undefined);
    runs.push({ id, description, outcome: 'ran', ...totals(record), ranAt: record.ranAt });
  }
  return runs;
}

const totals = ({ examined, changed }: MigrationRecord) => ({ examined, changed });
