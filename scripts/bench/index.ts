// `npm run bench [-- name ...]`: the measurements below, each in its own module, every figure beside
// a baseline measured in the same run on the same DynamoDB Local. Not a test: figures, not
// verdicts. Names pick some (`npm run bench -- cold-start`); none runs them all.
import { coldStart } from './cold-start.ts';
import { deadlineSweep } from './deadline-sweep.ts';
import { limiter } from './limiter.ts';
import { memory } from './memory.ts';
import { noticeDelivery } from './notice-delivery.ts';
import { partitionHeat } from './partition-heat.ts';
import { repeatCheck } from './repeat-check.ts';
import { retention } from './retention.ts';
import { roundTrips } from './round-trips.ts';
import { signing } from './signing.ts';
import { type BenchStack, startBenchStack } from './stack.ts';
import { statusLookups } from './status-lookups.ts';
import { Table } from './table.ts';
import { throughput } from './throughput.ts';
import { uploads } from './uploads.ts';
import { warmLatency } from './warm-latency.ts';

const MEASUREMENTS: Record<string, (stack: BenchStack, table: Table) => Promise<void>> = {
  'warm-latency': warmLatency,
  'round-trips': roundTrips,
  'status-lookups': statusLookups,
  'cold-start': coldStart,
  memory,
  throughput,
  'repeat-check': repeatCheck,
  'deadline-sweep': deadlineSweep,
  'notice-delivery': noticeDelivery,
  'partition-heat': partitionHeat,
  uploads,
  retention,
  limiter,
  signing,
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in MEASUREMENTS));
if (unknown.length) {
  console.error(`No measurement ${unknown.join(', ')}; there are: ${Object.keys(MEASUREMENTS).join(', ')}`);
  process.exit(2);
}
const stack = await startBenchStack();
const table = new Table();
for (const [name, measure] of Object.entries(MEASUREMENTS)) {
  if (asked.length && !asked.includes(name)) continue;
  await measure(stack, table);
}
await stack.stop();
table.print(`DynamoDB Local ${stack.dynamo.endpoint}, Node ${process.version}, ${new Date().toISOString()}`);
process.exit(0);
