// Serves the citizen pages next to the API, on the same origin, as CloudFront does on AWS.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, normalize, resolve, sep } from 'node:path';
import type { SiteConfig } from '../../shared/site-config.ts';
import { webDist } from '../web-build.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** The built page, style, script or runtime config at a path, or undefined. Nothing outside web/dist. */
export function staticFile(path: string, config: SiteConfig): StaticFile | undefined {
  if (path === '/config.json')
    return { body: Buffer.from(JSON.stringify(config)), contentType: TYPES['.json'] as string };
  const file = resolve(webDist, `.${normalize(path === '/' ? '/index.html' : path)}`);
  const type = TYPES[extname(file)];
  if (!type || !file.startsWith(webDist + sep) || !existsSync(file) || !statSync(file).isFile())
    return undefined;
  return { body: readFileSync(file), contentType: type };
}
