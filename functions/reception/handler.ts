// Reception function: the published reception days, their upkeep, and triage at the desk.
import { staffTokenVerifier } from '../../shared/auth.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { receptionRoutes } from './routes.ts';

export const handler = httpFunction(
  'reception',
  receptionRoutes,
  { peppers: pepperSourceOf(functionContext().config) },
  staffTokenVerifier,
);
