// Reports function: the summary of a period and the annual report, as JSON or CSV.
import { staffTokenVerifier } from '../../shared/auth.ts';
import { httpFunction } from '../http/http-function.ts';
import { reportsRoutes } from './routes.ts';

export const handler = httpFunction('reports', reportsRoutes, {}, staffTokenVerifier);
