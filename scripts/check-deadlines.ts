// `npm run check-deadlines`: runs the deadline check now on the local system started by
// `npm start` (through its API, with a local supervisor token), and prints what it did.
import { loadOrCreateDevSecrets, signDevToken } from '../infra/local/dev-secrets.ts';

const url = `http://127.0.0.1:${process.env.PORT ?? 3000}/deadline-checks`;
const token = await signDevToken(await loadOrCreateDevSecrets(), {
  sub: 'local-check',
  roles: ['supervisor'],
});
try {
  const answer = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  console.log(answer.status, JSON.stringify(await answer.json(), null, 2));
  if (!answer.ok) process.exit(1);
} catch (error) {
  console.error(`Could not reach ${url}: start the system first with \`npm start\`. (${String(error)})`);
  process.exit(1);
}
