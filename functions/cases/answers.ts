// What the routes that change one case answer: the case after the change.
import { caseAsSeenBy, type Staff } from '../../shared/domain/access.ts';
import type { CaseFile } from '../../shared/domain/case.ts';
import { responses } from '../http/schemas.ts';

export const NO_SUCH_CASE = 'No such case, or hidden from the caller';

/** The declared success answer of a change to one case. */
export const caseChanged = (description: string) => ({
  200: { description, schema: () => responses().caseResult },
});

/** The case after the change, as the person who changed it may see it. */
export const caseAnswer = (staff: Staff, caseFile: CaseFile) => ({
  statusCode: 200,
  body: { case: caseAsSeenBy(staff, caseFile) },
});
