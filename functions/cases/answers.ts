// What the routes that change one case answer: the case after the change.
import { responses } from '../http/schemas.ts';

export const NO_SUCH_CASE = 'No such case, or hidden from the caller';

/** The declared success answer of a change to one case. */
export const caseChanged = (description: string) => ({
  200: { description, schema: () => responses().caseResult },
});

export const caseAnswer = (caseFile: unknown) => ({ statusCode: 200, body: { case: caseFile } });
