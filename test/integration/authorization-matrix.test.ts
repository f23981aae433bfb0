// Route × role × object: every cell is checked through the HTTP API. "Own" is the case the
// caller is tied to (the department's assigned case, the official's owned case); "other" is
// someone else's. A denied cell must answer 401, 403 or 404; an allowed one must get past
// authorization (the calls are chosen so that an allowed caller meets a 409 or a harmless
// success, and the cases stay as they are for the next cell).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forStaff, routeKey } from '../../functions/http/define-route.ts';
import { routes } from '../../functions/routes.ts';
import { opinionFields, staffCase, webPetition } from '../fixtures/petitions.ts';
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
  // Retention: the archive's (archivist, not in this matrix); a supervisor may lift a hold.
  {
    name: 'lift a hold (none placed: 409)',
    method: 'POST',
    path: (id) => `/cases/${id}/hold/lifting`,
    body: () => ({ reason: '核對' }),
    allowed: only({ supervisor: Y }),
  },
  {
    name: 'restricted look-up',
    method: 'POST',
    path: (id) => `/cases/${id}/restricted-lookup`,
    body: () => ({ reason: '核對' }),
    allowed: only({}),
  },
  { name: 'disposal lists', method: 'GET', path: () => '/disposal-lists', allowed: only({}) },
  { name: 'retention preview', method: 'GET', path: () => '/retention/preview', allowed: only({ admin: Y }) },
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
    name: 'list files',
    method: 'GET',
    path: (id) => `/cases/${id}/attachments`,
    allowed: everyoneStaff(Y, { department: OWN }),
  },
  {
    name: 'add files (those who only look may not)',
    method: 'POST',
    path: (id) => `/cases/${id}/attachments`,
    body: () => ({ files: [{ name: 'letter.pdf', bytes: 1024 }] }),
    allowed: everyoneStaff(Y, { department: OWN, admin: N, auditor: N }),
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
type Leader = 'archivist' | 'deputy_head' | 'head';
const headers: Partial<Record<Role | Leader, Record<string, string>>> = {};
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
  headers.archivist = await api.as({ roles: ['archivist'] });
  headers.deputy_head = await api.as({ roles: ['deputy_head'], officialId: 'off-11' });
  headers.head = await api.as({ roles: ['head'], officialId: 'off-09' });
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

// Every role a staff route publishes (`x-roles` in the OpenAPI document) must get past
// authorization with a request that is valid for it: the contract cannot promise a role what the
// handler refuses (GET /cases named admin and auditor, and both got 403). Each probe runs on a
// fresh case of the caller's own (assigned to natres, owned by off-04); a probe whose
// sub-resource does not exist may meet 404.
interface Probe {
  path: (caseId: string) => string;
  body?: unknown;
  bodyOf?: (caseId: string) => unknown;
  absent?: true;
}
const PROBES: Record<string, Probe> = {
  'POST /cases': { path: () => '/cases', body: staffCase() },
  'GET /me': { path: () => '/me' },
  'GET /officials': { path: () => '/officials' },
  'GET /cases': { path: () => '/cases' },
  'GET /cases/counts': { path: () => '/cases/counts' },
  'GET /cases/{id}': { path: (id) => `/cases/${id}` },
  'GET /cases/{id}/timeline': { path: (id) => `/cases/${id}/timeline` },
  'GET /cases/{id}/similar': { path: (id) => `/cases/${id}/similar` },
  'POST /similar-matters': {
    path: () => '/similar-matters',
    body: { township: 'liushu', category: 'land', subject: '征地補償款' },
  },
  'POST /cases/{id}/repeat-check': { path: (id) => `/cases/${id}/repeat-check` },
  'PUT /cases/{id}/similar/{otherId}': {
    path: (id) => `/cases/${id}/similar/${id}`,
    body: { decision: 'dismissed' },
  },
  'GET /cases/{id}/notices': { path: (id) => `/cases/${id}/notices` },
  'POST /cases/{id}/attachments': {
    path: (id) => `/cases/${id}/attachments`,
    body: { files: [{ name: 'letter.pdf', bytes: 1024 }] },
  },
  'GET /cases/{id}/attachments': { path: (id) => `/cases/${id}/attachments` },
  'POST /cases/{id}/attachments/{attachmentId}/redaction': {
    path: (id) => `/cases/${id}/attachments/NOSUCHFILE/redaction`,
    body: { regions: [{ x: 0, y: 0, width: 1, height: 1 }] },
    absent: true,
  },
  'POST /cases/{id}/attachments/{attachmentId}/opening': {
    path: (id) => `/cases/${id}/attachments/NOSUCHFILE/opening`,
    absent: true,
  },
  'GET /notices/print-queue': { path: () => '/notices/print-queue' },
  'PUT /cases/{id}/notices/{noticeId}/delivery': {
    path: (id) => `/cases/${id}/notices/000000-none-0/delivery`,
    body: { method: 'post', on: '2026-01-05', trackingNumber: 'EMS1234567890' },
    absent: true,
  },
  'GET /cases/{id}/notices/{noticeId}/document': {
    path: (id) => `/cases/${id}/notices/000000-none-0/document`,
    absent: true,
  },
  'PUT /cases/{id}/duplicate-of': {
    path: (id) => `/cases/${id}/duplicate-of`,
    bodyOf: (id) => ({ caseId: id, reason: '同一事項' }),
  },
  'DELETE /cases/{id}/duplicate-of': {
    path: (id) => `/cases/${id}/duplicate-of`,
    body: { reason: '並非同一事項' },
  },
  'POST /cases/{id}/transitions': {
    path: (id) => `/cases/${id}/transitions`,
    body: { action: 'record_receipt', receivedOn: '2026-01-01' },
  },
  // A review opinion on a case in handling: refused by the state (409), for each role that drafts.
  'POST /cases/{id}/opinion-drafts': {
    path: (id) => `/cases/${id}/opinion-drafts`,
    body: { action: 'issue_review_opinion', decidedBy: '市信訪局', ...opinionFields('supported') },
  },
  'POST /cases/{id}/sign-off': {
    path: (id) => `/cases/${id}/sign-off`,
    body: { decision: 'sign', version: 1, digest: '0'.repeat(64) },
  },
  'PUT /cases/{id}/gravity': { path: (id) => `/cases/${id}/gravity`, body: { reason: '群眾反映強烈' } },
  'POST /cases/{id}/owner/claim': { path: (id) => `/cases/${id}/owner/claim` },
  'PUT /cases/{id}/owner': { path: (id) => `/cases/${id}/owner`, body: { officialId: 'off-04' } },
  'POST /cases/{id}/instructions': {
    path: (id) => `/cases/${id}/instructions`,
    body: { text: '請抓緊辦理' },
  },
  'POST /cases/{id}/recusals': {
    path: (id) => `/cases/${id}/recusals`,
    body: { who: 'off-09', reason: '近親屬' },
  },
  'POST /cases/{id}/joint-reviews': {
    path: (id) => `/cases/${id}/joint-reviews`,
    body: {
      meetingType: 'joint_review',
      date: '2026-01-05',
      departments: ['natres', 'hrss'],
      officials: ['off-04'],
    },
  },
  'PUT /cases/{id}/joint-reviews/{reviewId}/minutes': {
    path: (id) => `/cases/${id}/joint-reviews/999/minutes`,
    body: { rootCause: '補償標準不清', direction: '統一標準', decisions: [{ text: '重新核算補償款' }] },
    absent: true,
  },
  'POST /cases/{id}/tasks/{taskId}/done': {
    path: (id) => `/cases/${id}/tasks/999-1/done`,
    body: { report: '已完成核查' },
    absent: true,
  },
  'PUT /cases/{id}/backlog': { path: (id) => `/cases/${id}/backlog`, body: { year: 2026 } },
  'GET /backlog/{year}': { path: () => '/backlog/2026' },
  'POST /deadline-checks': { path: () => '/deadline-checks' },
  'POST /cases/{id}/acknowledgement': { path: (id) => `/cases/${id}/acknowledgement` },
  'POST /cases/{id}/extension-request': {
    path: (id) => `/cases/${id}/extension-request`,
    body: { days: 10, reason: '需實地測量' },
  },
  'POST /cases/{id}/extension-request/decision': {
    path: (id) => `/cases/${id}/extension-request/decision`,
    body: { approve: false, note: '期限內可以辦結' },
  },
  'POST /cases/{id}/follow-ups': {
    path: (id) => `/cases/${id}/follow-ups`,
    body: { reached: false, notes: '電話未接通' },
  },
  'GET /cases/{id}/reads': { path: (id) => `/cases/${id}/reads` },
  'POST /cases/{id}/corrections': {
    path: (id) => `/cases/${id}/corrections`,
    body: { category: 'land', reason: '核對' },
  },
  'PUT /reception/officials': {
    path: () => '/reception/officials',
    body: { officialIds: ['off-01', 'off-02', 'off-03', 'off-04', 'off-05', 'off-06'] },
  },
  'POST /reception/absences': {
    path: () => '/reception/absences',
    body: { officialId: 'off-01', from: '2031-03-03', to: '2031-03-03', reason: '臨時赴省開會' },
  },
  'POST /reception/calendar/{year}': { path: () => '/reception/calendar/2031', body: {} },
  'POST /reception/swaps': {
    path: () => '/reception/swaps',
    body: { date: '2031-03-04', out: 'off-01', in: 'off-02' },
  },
  'GET /reception/coverage/{year}': { path: () => '/reception/coverage/2031' },
  'POST /reception/triage': {
    path: () => '/reception/triage',
    body: { receiptCode: 'AAAA-AAA-AAA' },
    absent: true,
  },
  'GET /reception/queue': { path: () => '/reception/queue?date=2026-01-05' },
  'PUT /reception/queue/{date}/{caseId}': {
    path: (id) => `/reception/queue/2026-01-05/${id}`,
    body: { step: 'called' },
    absent: true,
  },
  'POST /cases/{id}/hold': { path: (id) => `/cases/${id}/hold`, body: { reason: '訴訟保全' } },
  'POST /cases/{id}/hold/lifting': { path: (id) => `/cases/${id}/hold/lifting`, body: { reason: '核對' } },
  // Not restricted: 409.
  'POST /cases/{id}/restricted-lookup': {
    path: (id) => `/cases/${id}/restricted-lookup`,
    body: { reason: '法院調閱' },
  },
  'GET /disposal-lists': { path: () => '/disposal-lists' },
  'GET /api-keys': { path: () => '/api-keys' },
  'POST /api-keys': { path: () => '/api-keys', body: { name: '測試系統' } },
  'POST /api-keys/{keyId}/revocation': {
    path: () => '/api-keys/AAAAAAAAAA/revocation',
    body: { reason: '測試' },
    absent: true,
  },
  // Nothing due: 409.
  'POST /disposal-lists': { path: () => '/disposal-lists' },
  'GET /disposal-lists/{listId}': { path: () => '/disposal-lists/2026-001', absent: true },
  'POST /disposal-lists/{listId}/decision': {
    path: () => '/disposal-lists/2026-001/decision',
    body: { decision: 'approved' },
    absent: true,
  },
  'GET /retention/preview': { path: () => '/retention/preview?asOf=2040-01-01' },
  'POST /cases/{id}/data-requests/{requestId}/decision': {
    path: (id) => `/cases/${id}/data-requests/R001/decision`,
    body: { granted: false, reason: '核對' },
    absent: true,
  },
  'GET /reports/summary': { path: () => '/reports/summary?from=2026-01&to=2026-01' },
  'GET /reports/annual/{year}': { path: () => '/reports/annual/2026' },
};

describe('published roles', () => {
  const staffRoutes = routes.filter((route) => forStaff(route.access));

  it('has a probe for every staff route', () => {
    expect(staffRoutes.map(routeKey).filter((key) => !PROBES[key])).toEqual([]);
  });

  it.each(staffRoutes.map((route) => [routeKey(route), route] as const))(
    '%s admits every role it publishes',
    async (key, route) => {
      const published = (await api.call('GET', '/openapi.json')).body.paths[route.path][
        route.method.toLowerCase()
      ]['x-roles'] as Role[];
      const probe = PROBES[key] as Probe;
      const refused: string[] = [];
      for (const role of published as Array<Role | Leader>) {
        const caseId = await openAssignedCase('natres', 'off-04');
        const answer = await api.call(route.method, probe.path(caseId), {
          ...(probe.body !== undefined && { body: probe.body }),
          ...(probe.bodyOf && { body: probe.bodyOf(caseId) }),
          headers: headers[role] as Record<string, string>,
        });
        const passed =
          answer.status < 500 &&
          ![400, 401, 403].includes(answer.status) &&
          (answer.status !== 404 || probe.absent === true);
        if (!passed) refused.push(`${role}: ${answer.status} ${answer.text.slice(0, 200)}`);
      }
      expect(refused).toEqual([]);
    },
  );
});
