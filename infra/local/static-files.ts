// Serves the citizen pages next to the API, on the same origin, as CloudFront does on AWS.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { webBundle, webRoot } from '../web-build.ts';

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

/** The page, style, script or runtime config at a path, or undefined. Nothing outside web/. */
export function staticFile(path: string): StaticFile | undefined {
  // The API lives on this origin: the pages call it without a base URL.
  if (path === '/config.json')
    return { body: Buffer.from('{"apiUrl":""}'), contentType: TYPES['.json'] as string };
  const file =
    path === '/'
      ? join(webRoot, 'index.html')
      : path === '/assets/app.js'
        ? webBundle
        : resolve(webRoot, `.${normalize(path)}`);
  const type = TYPES[extname(file)];
  if (!type || !file.startsWith(webRoot + sep) || file.includes(`${sep}src${sep}`)) return undefined;
  if (!existsSync(file) || !statSync(file).isFile()) return undefined;
  return { body: readFileSync(file), contentType: type };
}
