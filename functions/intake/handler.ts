// Intake function: the public web form, staff registration, status and rating by receipt code.
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { intakeRoutes } from './routes.ts';

export const handler = httpFunction('intake', intakeRoutes, {
  peppers: pepperSourceOf(functionContext().config),
});
