// The meta function's routes.
import { health, openApiDocument, publicConfig } from './meta.ts';

export const metaRoutes = [health, publicConfig, openApiDocument];
