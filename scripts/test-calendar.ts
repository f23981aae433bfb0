// The suite as if it were another day: vitest under libfaketime at the instants where a cut of
// the UTC instant, or a date built from today, goes wrong (a year's first half hour in Beijing,
// the last minute of a year, a month's first morning before 08:00). DynamoDB Local stays on the
// real clock (FAKETIME_SKIP_CMDS=java). Prints each instant's counts; exits non-zero if any failed.
//
//   npm run test:calendar                      the three instants below, the whole suite
//   npm run test:calendar -- test/unit ...     the same instants, only these paths
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../infra/local/stack.ts';

/** Beijing wall-clock instants (UTC+8), each where the region's date and the UTC date differ. */
const INSTANTS = ['2027-01-01T00:30:00+08:00', '2027-03-01T07:59:00+08:00', '2026-12-31T23:59:00+08:00'];

if (!existsSync('/usr/bin/faketime')) {
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error("The calendar run needs libfaketime: install Debian's faketime package.");
    process.exit(1);
  }
  console.log('Installing libfaketime: apt-get install faketime...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'faketime'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

const paths = process.argv.slice(2);
const report = join(projectRoot, '.cache', 'vitest-report.json');
const kept = join(projectRoot, '.cache', 'calendar');
mkdirSync(kept, { recursive: true });
const results: string[] = [];
let failed = false;
for (const instant of INSTANTS) {
  // faketime reads its start in the process's zone: give it UTC, and run in UTC.
  const start = new Date(instant).toISOString().replace('T', ' ').slice(0, 19);
  console.log(`\n== The suite at ${instant} (UTC ${start}) ==`);
  rmSync(report, { force: true });
  const run = spawnSync('faketime', [start, 'npx', 'vitest', 'run', ...paths], {
    cwd: projectRoot,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', FAKETIME_SKIP_CMDS: 'java', FAKETIME_NO_CACHE: '1' },
  });
  const counts = existsSync(report)
    ? (JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number })
    : undefined;
  if (counts) copyFileSync(report, join(kept, `${instant.slice(0, 16).replace(':', '')}.json`));
  failed ||= run.status !== 0 || !counts || counts.numFailedTests > 0;
  results.push(
    `${instant}: ${counts ? `${counts.numPassedTests} passed, ${counts.numFailedTests} failed` : 'no report'} (exit ${run.status})`,
  );
}
console.log('\nUnder libfaketime, Beijing time:');
for (const line of results) console.log(`  ${line}`);
process.exit(failed ? 1 : 0);
