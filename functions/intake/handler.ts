// Intake function: the public web form, staff registration, status and rating by receipt code.
import { httpFunction } from '../http/http-function.ts';
import { intakeRoutes } from './routes.ts';

export const handler = httpFunction('intake', intakeRoutes);
