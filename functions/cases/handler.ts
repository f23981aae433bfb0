// Cases function: staff read a case file and its timeline, move it through the procedure,
// own it, instruct on it, and link duplicates; every act checked against the case itself.
import { httpFunction } from '../http/http-function.ts';
import { casesRoutes } from './routes.ts';

export const handler = httpFunction('cases', casesRoutes);
