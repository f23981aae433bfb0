// How a GeoReport v2 (Open311) route reads and answers, apart from the API's own JSON: a
// form-encoded body (`attribute[code]`, `attribute[code][]`), the format as the path's suffix
// (`services.xml`, `requests/{id}.json`; XML when none), XML as the spec requires (arrays
// under a plural element, one singular element per entry) and errors as a list of code and
// description.
import { NotFoundError, UnsupportedMediaTypeError } from '../../shared/errors.ts';
import type { RegionConfig } from '../../shared/region.ts';

export type Open311Format = 'xml' | 'json';

const FORMAT_SUFFIX = /\.(xml|json)$/;

/** The format a path asks for, and its path parameters without the suffix. */
export function open311Request(
  rawPath: string,
  pathParameters: Record<string, string | undefined>,
): { format: Open311Format; params: Record<string, string | undefined> } {
  const format = FORMAT_SUFFIX.exec(rawPath)?.[1] === 'json' ? 'json' : 'xml';
  return {
    format,
    params: Object.fromEntries(
      Object.entries(pathParameters).map(([name, value]) => [name, value?.replace(FORMAT_SUFFIX, '')]),
    ),
  };
}

type FormValue = string | string[] | Record<string, string | string[]>;

/**
 * A form-encoded body as the common clients send it: `attribute[code]=v` becomes
 * `attribute.code`, `attribute[code][]=v` a list; a field sent twice keeps its last value.
 */
export function formBody(bytes: Buffer, contentType: string | undefined): Record<string, FormValue> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(contentType ?? ''))
    throw new UnsupportedMediaTypeError('not form-encoded');
  const fields: Record<string, FormValue> = {};
  for (const [name, value] of new URLSearchParams(bytes.toString('utf8'))) {
    const nested = /^([a-z_]+)\[([^\]]+)\](\[\])?$/i.exec(name);
    if (!nested) {
      fields[name] = value;
      continue;
    }
    const [, field = '', key = '', list] = nested;
    const group = fields[field];
    const entries = typeof group === 'object' && !Array.isArray(group) ? group : {};
    const before = entries[key];
    entries[key] = list ? [...(Array.isArray(before) ? before : []), value] : value;
    fields[field] = entries;
  }
  return fields;
}

/** The singular element of each list the spec names, under its plural. */
const ENTRY: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  service_request_updates: 'request_update',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
};

const escapeXml = (text: string) =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // Characters XML 1.0 cannot carry at all: dropped rather than sent as a broken document.
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '');

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const entry = ENTRY[name] ?? 'item';
    return `<${name}>${value.map((v) => element(entry, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([key, v]) => element(key, v))
      .join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A GeoReport v2 XML document: `root` holds the value (a list's entries by their singular name). */
export function open311Xml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}`;
}

export const OPEN311_CONTENT_TYPES: Record<Open311Format, string> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A request may name the jurisdiction: none or empty is this region, as is its own code; any other is 404. */
export function checkJurisdiction(jurisdictionId: unknown, region: RegionConfig): void {
  if (jurisdictionId && jurisdictionId !== region.region.code)
    throw new NotFoundError({ zh: '沒有這個 jurisdiction_id。', en: 'No such jurisdiction_id.' });
}
