// `npm run check-deadlines [-- --as-of 2027-02-24 [--record]]`: runs the deadline check on the
// local system started by `npm start` (through its API, with a local supervisor token) and
// prints what it found. As of another day it records nothing unless --record is given.
import { parseArgs } from 'node:util';
import { loadOrCreateDevSecrets, signDevToken, startedStack } from '../infra/local/dev-secrets.ts';

const { values } = parseArgs({
  options: { 'as-of': { type: 'string' }, record: { type: 'boolean', default: false } },
});
const query = new URLSearchParams({
  ...(values['as-of'] && { asOf: values['as-of'] }),
  ...(values.record && { record: 'true' }),
});
const stack = startedStack();
const url = `${stack.url}/deadline-checks${query.size ? `?${query}` : ''}`;
const token = await signDevToken(
  await loadOrCreateDevSecrets(),
  { sub: 'local-check', roles: ['supervisor'] },
  { issuer: stack.issuer },
);
try {
  const answer = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  console.log(answer.status, JSON.stringify(await answer.json(), null, 2));
  if (!answer.ok) process.exit(1);
} catch (error) {
  console.error(`Could not reach ${url}: start the system first with \`npm start\`. (${String(error)})`);
  process.exit(1);
}
