// Meta function: health, the public configuration for the web form, and the OpenAPI document.
import { httpFunction } from '../http/http-function.ts';
import { metaRoutes } from './routes.ts';

export const handler = httpFunction('meta', metaRoutes);
