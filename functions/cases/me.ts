// Who the caller is as this API sees them (the roles after the region's role map, the official
// or department they act for), and the region's officials by id: the console shows its screens
// from these, never from the raw token. Officials' ids stay with staff (the public pages show
// names and titles only).
import * as z from 'zod/mini';
import { STAFF_ROLES } from '../../shared/auth.ts';
import { defineRoute } from '../http/define-route.ts';
import { responses } from '../http/schemas.ts';

export const whoAmI = defineRoute({
  route: 'GET /me',
  operationId: 'whoAmI',
  summary: 'The caller as the API sees them: roles (after the role map), official id, department',
  access: STAFF_ROLES,
  responses: {
    200: {
      description: 'The staff member',
      schema: () =>
        z.object({
          sub: z.string(),
          roles: z.array(z.enum(STAFF_ROLES)),
          officialId: z.nullable(z.string()),
          department: z.nullable(z.string()),
        }),
    },
  },
  action: async ({ staff }) => ({
    statusCode: 200,
    body: {
      sub: staff.sub,
      roles: staff.roles,
      officialId: staff.officialId ?? null,
      department: staff.department ?? null,
    },
  }),
});

export const listOfficials = defineRoute({
  route: 'GET /officials',
  operationId: 'listOfficials',
  summary: "The region's officials by id, with names and titles (staff)",
  access: STAFF_ROLES,
  responses: {
    200: {
      description: 'The officials',
      schema: () =>
        z.object({
          officials: z.array(z.object({ id: z.string(), name: z.string(), title: responses().bilingual })),
        }),
    },
  },
  action: async (_request, ctx) => ({
    statusCode: 200,
    body: { officials: ctx.config.region.officials.map(({ id, name, title }) => ({ id, name, title })) },
  }),
});
