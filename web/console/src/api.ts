// The API as the console calls it: bearer token from memory, JSON in and out, refusals as
// ApiProblem with the API's own field-level messages.
import type { FieldProblem } from '../../../shared/errors.ts';
import type { SiteConfig } from '../../../shared/site-config.ts';
import { accessToken } from './auth.ts';

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly problem: { code: string; message: { zh: string; en: string }; fields?: FieldProblem[] },
  ) {
    super(problem.message.en);
  }
}

let base = '';
let onSignedOut: () => void = () => {};

export function configureApi(config: SiteConfig, signedOut: () => void): void {
  base = config.apiUrl;
  onSignedOut = signedOut;
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const token = accessToken();
  if (!token) {
    onSignedOut();
    throw new ApiProblem(401, {
      code: 'unauthorized',
      message: { zh: '請重新登入。', en: 'Sign in again.' },
    });
  }
  const response = await fetch(`${base}${path}`, {
    method,
    // Staff see the office as it is now (the public calendar is cached for residents).
    cache: 'no-store',
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (response.status === 401) onSignedOut();
  return response;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  // A retried registration or step must not happen twice: the API replays the first answer.
  const key = method === 'POST' ? { 'idempotency-key': crypto.randomUUID() } : undefined;
  const response = await send(method, path, body, key);
  const text = await response.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!response.ok) {
    const problem = (parsed as { error?: ApiProblem['problem'] } | undefined)?.error ?? {
      code: 'http',
      message: { zh: `錯誤 ${response.status}`, en: `Error ${response.status}` },
    };
    throw new ApiProblem(response.status, problem);
  }
  return parsed as T;
}

/** A CSV export, saved through a link to an object URL (the CSP allows no inline data but blobs are the page's own). */
export async function download(path: string, fileName: string, accept = 'text/csv'): Promise<void> {
  const response = await send('GET', path, undefined, { accept });
  if (!response.ok)
    throw new ApiProblem(response.status, {
      code: 'http',
      message: { zh: '下載失敗', en: 'Download failed' },
    });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Query strings without empty values. */
export function query(values: Record<string, string | number | undefined>): string {
  const entries = Object.entries(values).filter(([, v]) => v !== undefined && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
