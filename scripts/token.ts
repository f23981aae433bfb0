// `npm run token -- --role clerk [--sub name] [--official off-09] [--department hrss]`:
// mints a local staff token signed with the dev key, as the issuer the running `npm start`
// trusts (it says where it runs in .local/running.json; PORT names another).
import { parseArgs } from 'node:util';
import { loadOrCreateDevSecrets, signDevToken, startedStack } from '../infra/local/dev-secrets.ts';
import { STAFF_ROLES, type StaffRole } from '../shared/auth.ts';

const { values } = parseArgs({
  options: {
    role: { type: 'string', multiple: true },
    sub: { type: 'string' },
    official: { type: 'string' },
    department: { type: 'string' },
  },
});
const roles = values.role ?? ['clerk'];
const unknown = roles.filter((r) => !STAFF_ROLES.includes(r as StaffRole));
if (unknown.length) {
  console.error(`Unknown role(s) ${unknown.join(', ')}; use one of: ${STAFF_ROLES.join(', ')}`);
  process.exit(1);
}
const token = await signDevToken(
  await loadOrCreateDevSecrets(),
  {
    sub: values.sub ?? `local-${roles[0]}`,
    roles: roles as StaffRole[],
    ...(values.official && { officialId: values.official }),
    ...(values.department && { department: values.department }),
  },
  { issuer: startedStack().issuer },
);
console.log(token);
