// One owner official per case (包案), kept until it is resolved: claiming, naming and
// (with a reason) changing the owner, the owner's instructions, and declared interests.
import * as z from 'zod/mini';
import { rolesFor } from '../../shared/domain/access.ts';
import { assignOwner, claimCase, instruct, recuse } from '../../shared/usecases/ownership.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, officialId, text } from '../http/schemas.ts';
import { caseAnswer, caseChanged, NO_SUCH_CASE } from './answers.ts';

export const claimOwnership = defineRoute({
  route: 'POST /cases/{id}/owner/claim',
  operationId: 'claimCase',
  summary: 'An official takes the case on as its owner (自選包案)',
  access: rolesFor('claim'),
  request: () => ({ params: caseIdPath }),
  responses: caseChanged('Claimed'),
  errors: { 404: NO_SUCH_CASE, 409: 'The case already has an owner' },
  action: async ({ params, staff }, ctx) => caseAnswer(staff, await claimCase(ctx, params.id, staff)),
});

export const nameOwner = defineRoute({
  route: 'PUT /cases/{id}/owner',
  operationId: 'assignOwner',
  summary: 'A supervisor names the owner; replacing one before resolution needs a reason',
  access: rolesFor('assign_owner'),
  request: (region) => ({
    params: caseIdPath,
    body: z.strictObject({ officialId: officialId(region), reason: z.optional(text(2, 1000)) }),
  }),
  responses: caseChanged('Owner set'),
  errors: { 404: NO_SUCH_CASE, 409: 'Owner locked (no reason given) or the official is recused' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await assignOwner(ctx, params.id, body.officialId, body.reason, staff)),
});

export const giveInstruction = defineRoute({
  route: 'POST /cases/{id}/instructions',
  operationId: 'instruct',
  summary: "The owner's instruction (批示) on the case",
  access: rolesFor('instruct'),
  request: () => ({ params: caseIdPath, body: z.strictObject({ text: text(2, 5000) }) }),
  responses: caseChanged('Recorded on the timeline'),
  errors: { 404: NO_SUCH_CASE },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await instruct(ctx, params.id, body.text, staff)),
});

export const declareInterest = defineRoute({
  route: 'POST /cases/{id}/recusals',
  operationId: 'recuse',
  summary: 'Declare an interest (迴避): the person may neither own nor handle the case',
  access: rolesFor('recuse'),
  request: () => ({
    params: caseIdPath,
    body: z.strictObject({ who: text(1, 100), reason: text(2, 1000) }),
  }),
  responses: caseChanged('Recorded'),
  errors: { 404: NO_SUCH_CASE, 409: 'Only your own interest, and not the owner before a change' },
  action: async ({ params, body, staff }, ctx) =>
    caseAnswer(staff, await recuse(ctx, params.id, body.who, body.reason, staff)),
});
