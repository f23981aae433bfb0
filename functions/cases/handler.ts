// Cases function: staff read a case file and its timeline, move it through the procedure,
// own it, instruct on it, and link duplicates; every act checked against the case itself.
import { staffTokenVerifier } from '../../shared/auth.ts';
import { anchorReaderOf } from '../anchors/anchor-store.ts';
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { casesRoutes } from './routes.ts';

// Timelines are checked against the daily anchor where one is kept.
const { config } = functionContext();
const anchors = anchorReaderOf(config);

export const handler = httpFunction(
  'cases',
  casesRoutes,
  { peppers: pepperSourceOf(config), ...(anchors && { anchors }) },
  staffTokenVerifier,
);
