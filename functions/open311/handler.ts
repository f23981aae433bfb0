// Open311 function: GeoReport v2 for other systems, with the API keys the office issues.
import { pepperSourceOf } from '../aws/peppers.ts';
import { functionContext } from '../context.ts';
import { httpFunction } from '../http/http-function.ts';
import { open311Routes } from './routes.ts';

export const handler = httpFunction('open311', open311Routes, {
  peppers: pepperSourceOf(functionContext().config),
});
