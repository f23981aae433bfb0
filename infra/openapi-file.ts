// The OpenAPI document as a file, built from the route list when the stacks are synthesised
// (and by the local stack): the meta function serves the file, so its bundle carries no route
// but its own (it used to bundle every route and use case to build the document on a request).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApi } from '../functions/http/openapi.ts';
import type { RegionConfig } from '../shared/region.ts';

export const OPENAPI_IN_BUNDLE = 'openapi.json';

/** Writes the region's document into the folder; its path. */
export function writeOpenApiFile(region: RegionConfig, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const file = join(folder, OPENAPI_IN_BUNDLE);
  writeFileSync(file, JSON.stringify(buildOpenApi(region)));
  return file;
}
