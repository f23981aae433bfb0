// Route × role × object: every cell is checked through the HTTP API. "Own" is the case the
// caller is tied to (the department's assigned case, the official's owned case); "other" is
// someone else's. A denied cell must answer 401, 403 or 404; an allowed one must get past
// authorization (the calls are chosen so that an allowed caller meets a 409 or a harmless
// success, and the cases stay as they are for the next cell).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPetition } from '../fixtures/petitions.ts';
import { startTestApi, type TestApi } from './harness.ts';

const ROLES = ['public', 'clerk', 'official', 'department', 'supervisor', 'admin', 'auditor'] as const;
type Role = (typeof ROLES)[number];
type Cell = [own: boolean, other: boolean];

const Y: Cell = [true, true];
const N: Cell = [false, false];
const OWN: Cell = [true, false];

interface MatrixRoute {
  name: string;
  method: string;
  path: (caseId: string) => string;
  body?: (caseId: string) => unknown;
  allowed: Record<Role, Cell>;
}

const everyoneStaff = (cell: Cell, overrides: Partial<Record<Role, Cell>> = {}): Record<Role, Cell> => ({
  public: N,
  clerk: cell,
  official: cell,
  department: cell,
  supervisor: cell,
  admin: cell,
  auditor: cell,
  ...overrides,
});
const only = (allowed: Partial<Record<Role, Cell>>): Record<Role, Cell> => ({
  ...everyoneStaff(N),
  ...allowed,
});

const MATRIX: MatrixRoute[] = [
  {
    name: 'read case',
    method: 'GET',
    path: (id) => `/cases/${id}`,
    allowed: everyoneStaff(Y, { department: OWN }),
  },
  {
    name: 'read timeline',
    method: 'GET',
    path: (id) => `/cases/${id}/timeline`,
    allowed: everyoneStaff(Y, { department: OWN }),
  },
  {
    name: 'similar matters',
    method: 'GET',
    path: (id) => `/cases/${id}/similar`,
    allowed: everyoneStaff(Y, { department: N }),
  },
  {
    name: 'list notices',
    method: 'GET',
    path: (id) => `/cases/${id}/notices`,
    allowed: only({ clerk: Y, supervisor: Y, auditor: Y }),
  },
  {
    name: 'accept (a step of the intake desk)',
    method: 'POST',
    path: (id) => `/cases/${id}/transitions`,
    body: () => ({ action: 'accept', plan: '交辦' }),
    allowed: only({ clerk: Y, supervisor: Y }),
  },
  {
    name: 'record receipt (desk, or the handling department)',
    method: 'POST',
    path: (id) => `/cases/${id}/transitions`,
    body: () => ({ action: 'record_receipt', receivedOn: '2026-01-01' }),
    allowed: only({ clerk: Y, supervisor: Y, department: OWN }),
  },
  {
    name: 'claim ownership',
    method: 'POST',
    path: (id) => `/cases/${id}/owner/claim`,
    allowed: only({ official: Y }),
  },
  {
    name: 'name the owner',
    method: 'PUT',
    path: (id) => `/cases/${id}/owner`,
    body: () => ({ officialId: 'off-06' }),
    allowed: only({ supervisor: Y }),
  },
  {
    name: "owner's instruction",
    method: 'POST',
    path: (id) => `/cases/${id}/instructions`,
    body: () => ({ text: '請抓緊辦理' }),
    allowed: only({ official: OWN }),
  },
  {
    name: 'link as duplicate',
    method: 'PUT',
    path: (id) => `/cases/${id}/duplicate-of`,
    body: (id) => ({ caseId: id, reason: '測試理由' }),
    allowed: only({ clerk: Y, supervisor: Y }),
  },
  {
    name: 'confirm or dismiss a similar matter (itself: 409)',
    method: 'PUT',
    path: (id) => `/cases/${id}/similar/${id}`,
    body: () => ({ decision: 'dismissed' }),
    allowed: only({ clerk: Y, supervisor: Y, official: Y }),
  },
  {
    name: 'acknowledge the assignment',
    method: 'POST',
    path: (id) => `/cases/${id}/acknowledgement`,
    allowed: only({ department: OWN }),
  },
  {
    name: 'ask for an extension',
    method: 'POST',
    path: (id) => `/cases/${id}/extension-request`,
    body: () => ({ days: 10, reason: '需實地測量' }),
    allowed: only({ department: OWN }),
  },
  {
    name: 'decide an extension',
    method: 'POST',
    path: (id) => `/cases/${id}/extension-request/decision`,
    body: () => ({ approve: false, note: '期限內可以辦結' }),
    allowed: only({ supervisor: Y }),
  },
  {
    name: 'follow up (no opinion yet: 409)',
    method: 'POST',
    path: (id) => `/cases/${id}/follow-ups`,
    body: () => ({ reached: false, notes: '電話未接通' }),
    allowed: only({ clerk: Y, supervisor: Y, official: Y }),
  },
  {
    name: 'correct (nothing differs: 409)',
    method: 'POST',
    path: (id) => `/cases/${id}/corrections`,
    body: () => ({ category: 'land', reason: '核對' }),
    allowed: only({ clerk: Y, supervisor: Y }),
  },
  {
    name: 'personal-data log',
    method: 'GET',
    path: (id) => `/cases/${id}/reads`,
    allowed: only({ supervisor: Y, auditor: Y }),
  },
];

let api: TestApi;
const headers: Partial<Record<Role, Record<string, string>>> = {};
let ownCase: string;
let otherCase: string;

async function openAssignedCase(department: string, owner: string): Promise<string> {
  const { body } = await api.call('POST', '/petitions', { body: webPetition() });
  await api.call('POST', `/cases/${body.caseId}/transitions`, {
    body: { action: 'accept', plan: '交辦' },
    headers: headers.clerk,
  });
  await api.call('POST', `/cases/${body.caseId}/transitions`, {
    body: { action: 'assign', leadDepartment: department },
    headers: headers.supervisor,
  });
  await api.call('PUT', `/cases/${body.caseId}/owner`, {
    body: { officialId: owner },
    headers: headers.supervisor,
  });
  return body.caseId;
}

beforeAll(async () => {
  api = await startTestApi();
  headers.public = {};
  headers.clerk = await api.as({ roles: ['clerk'] });
  headers.official = await api.as({ roles: ['official'], officialId: 'off-04' });
  headers.department = await api.as({ roles: ['department'], department: 'natres' });
  headers.supervisor = await api.as({ roles: ['supervisor'] });
  headers.admin = await api.as({ roles: ['admin'] });
  headers.auditor = await api.as({ roles: ['auditor'] });
  ownCase = await openAssignedCase('natres', 'off-04');
  otherCase = await openAssignedCase('hrss', 'off-05');
});
afterAll(async () => {
  await api.close();
});

const DENIED = [401, 403, 404];
const cells = MATRIX.flatMap((route) =>
  ROLES.flatMap((role) =>
    (['own', 'other'] as const).map((object) => ({
      route,
      role,
      object,
      allowed: route.allowed[role][object === 'own' ? 0 : 1],
    })),
  ),
);

describe(`authorization matrix (${cells.length} cells)`, () => {
  it.each(cells.map((c) => [c.route.name, c.role, c.object, c.allowed ? 'allowed' : 'denied', c] as const))(
    '%s by %s on %s case: %s',
    async (_name, _role, _object, _verdict, cell) => {
      const caseId = cell.object === 'own' ? ownCase : otherCase;

      const answer = await api.call(cell.route.method, cell.route.path(caseId), {
        ...(cell.route.body && { body: cell.route.body(caseId) }),
        headers: headers[cell.role] as Record<string, string>,
      });

      // An allowed call may be refused by the procedure (409) or the input (400), never fail.
      if (cell.allowed) {
        expect(DENIED).not.toContain(answer.status);
        expect(answer.status).toBeLessThan(500);
      } else expect(DENIED).toContain(answer.status);
    },
  );

  it('left both cases as they were set up: assigned, owned by the same officials', async () => {
    const own = await api.call('GET', `/cases/${ownCase}`, { headers: headers.supervisor });
    const other = await api.call('GET', `/cases/${otherCase}`, { headers: headers.supervisor });

    expect(own.body.case).toMatchObject({
      status: 'assigned',
      ownerId: 'off-04',
      handlingDepartment: 'natres',
    });
    expect(other.body.case).toMatchObject({
      status: 'assigned',
      ownerId: 'off-05',
      handlingDepartment: 'hrss',
    });
  });
});
