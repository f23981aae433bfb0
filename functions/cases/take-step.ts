// The next step of the procedure (accept, refer, assign, opinion, review...): the state
// machine decides what may follow what; the caller's roles and the case decide who may.
import { STEP_ROLES } from '../../shared/domain/access.ts';
import { transitionSchema } from '../../shared/domain/steps.ts';
import { takeStep } from '../../shared/usecases/take-step.ts';
import { defineRoute } from '../http/define-route.ts';
import { caseIdPath, departmentCodes, responses } from '../http/schemas.ts';
import { caseAnswer } from './answers.ts';

export const takeProcedureStep = defineRoute({
  route: 'POST /cases/{id}/transitions',
  operationId: 'takeStep',
  summary: 'Take the next step of the procedure (accept, refer, assign, opinion, review...)',
  access: STEP_ROLES,
  request: (region) => ({
    params: caseIdPath,
    body: transitionSchema(departmentCodes(region)),
  }),
  responses: { 200: { description: 'The case after the step', schema: () => responses().caseResult } },
  errors: {
    404: 'No such case, or hidden from the caller',
    409: 'Not allowed in the current state (the allowed next steps are named), or the case changed meanwhile',
  },
  action: async ({ params, body, staff }, ctx) => {
    const { expectedVersion, ...transition } = body;
    return caseAnswer(staff, await takeStep(ctx, params.id, transition, staff, expectedVersion));
  },
});
