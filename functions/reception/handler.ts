// Reception function: the published reception days, their upkeep, and triage at the desk.
import { httpFunction } from '../http/http-function.ts';
import { receptionRoutes } from './routes.ts';

export const handler = httpFunction('reception', receptionRoutes);
