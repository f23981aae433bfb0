// Cases function: staff read a case file and its timeline, move it through the procedure,
// own it, instruct on it, and link duplicates; every act checked against the case itself.
import { anchorReaderOf } from '../anchors/anchor-store.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { casesRoutes } from './routes.ts';

// Timelines are checked against the daily anchor where one is kept.
const anchors = anchorReaderOf(functionContext().config);

export const handler = httpFunction('cases', casesRoutes, anchors ? { anchors } : {});
