// Hostile input for the public routes, drawn from the OpenAPI document's own schemas (the same
// zod schemas that validate requests) and then broken: wrong types, huge and odd strings,
// bad escapes, bad JSON, wrong content types. Used by the fuzz test (a few thousand in
// `npm test`) and by `npm run fuzz` (100,000 per route).
import fc from 'fast-check';
import { buildOpenApi } from '../../functions/http/openapi.ts';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { uniquePhone } from '../fixtures/petitions.ts';

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** Values a schema admits (before its refinements, which JSON Schema cannot say). */
export function fromSchema(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return fc.oneof(...union.map(fromSchema));
  switch (schema.type) {
    case 'string':
      return schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern))
        : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 120) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object': {
      const properties = Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([name, property]) => [name, fromSchema(property)]),
      );
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.anything();
  }
}

export const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary', minLength: 10_000, maxLength: 80_000 }),
  fc.constantFrom(
    '\u202e',
    '\u0000',
    '\ud800',
    '\u200b',
    '%',
    '%E0%A4%A',
    '../../etc/passwd',
    '{{7*7}}',
    "' OR 1=1 --",
  ),
);

/** A value broken in one place: a field replaced by another type or a hostile string. */
function broken(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.oneof(fc.anything(), hostileString), fc.nat()).map(([value, junk, pick]) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return junk;
    const keys = Object.keys(value);
    const key = keys[pick % Math.max(keys.length, 1)] ?? 'extra';
    return { ...(value as Record<string, unknown>), [key]: junk };
  });
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  raw?: string;
}

const document = buildOpenApi(loadRegionConfig(SAMPLE_REGION_FILE));
const bodySchema = (path: string, method: string) =>
  (
    document.paths[path]?.[method] as
      | { requestBody?: { content: { 'application/json': { schema: JsonSchema } } } }
      | undefined
  )?.requestBody?.content['application/json'].schema ?? {};

const json = { 'content-type': 'application/json' };

/** A body as clients send it: mostly JSON, sometimes not JSON at all or not labelled JSON. */
function sent(body: fc.Arbitrary<unknown>): fc.Arbitrary<{ raw: string; headers: Record<string, string> }> {
  return fc.oneof(
    { weight: 6, arbitrary: body.map((b) => ({ raw: JSON.stringify(b) ?? 'null', headers: json })) },
    {
      weight: 1,
      arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((raw) => ({ raw, headers: json })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          body,
          fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', ''),
        )
        .map(([b, type]): { raw: string; headers: Record<string, string> } => ({
          raw: JSON.stringify(b) ?? '',
          headers: type ? { 'content-type': type } : {},
        })),
    },
  );
}

/** Percent-encoded for a URL; a lone surrogate, which cannot be, becomes its raw UTF-8 bytes. */
function escaped(value: string): string {
  try {
    return encodeURIComponent(value).slice(0, 300);
  } catch {
    return '%ED%A0%80';
  }
}

const code = fc.oneof(
  fc.stringMatching(/^[A-Z0-9]{4}-[A-Z0-9]{3}-[A-Z0-9]{3}$/),
  hostileString.map(escaped),
  fc.constantFrom('%', '%E0%A4%A', '%zz', '..%2F..%2F'),
);
const queryValue = fc.oneof(fc.stringMatching(/^\d{4}$/), hostileString.map(escaped));
/** A real date in most draws (so the route's own checks and its 200 are reached), else anything. */
const realDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateValue = fc.oneof({ weight: 3, arbitrary: realDate }, { weight: 1, arbitrary: queryValue });

/** Requests for each public route. */
export function publicRouteRequests(): Record<string, fc.Arbitrary<FuzzRequest>> {
  const petition = fromSchema(bodySchema('/petitions', 'post')).map((p) => ({
    ...(p as Record<string, unknown>),
    // The phone's own rule is a refinement JSON Schema cannot say: give most a real one.
    petitioner: { ...((p as { petitioner?: object }).petitioner ?? {}), phone: uniquePhone() },
  }));
  const rating = fromSchema(bodySchema('/petitions/{receiptCode}/rating', 'post'));
  return {
    'POST /petitions': sent(fc.oneof(petition, broken(petition))).map((b) => ({
      method: 'POST',
      path: '/petitions',
      ...b,
    })),
    'GET /petitions/{receiptCode}': fc.tuple(code, queryValue).map(([c, v]) => ({
      method: 'GET',
      path: `/petitions/${c}?verifier=${v}`,
      headers: {},
    })),
    'POST /petitions/{receiptCode}/rating': fc
      .tuple(code, sent(fc.oneof(rating, broken(rating))))
      .map(([c, b]) => ({
        method: 'POST',
        path: `/petitions/${c}/rating`,
        ...b,
      })),
    'GET /reception-days': fc
      .oneof(
        fc.tuple(dateValue, dateValue),
        // A range near the allowed one: within a year, reversed, or a little over.
        fc
          .tuple(realDate, fc.integer({ min: -5, max: 400 }))
          .map(([from, days]) => [
            from,
            new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10),
          ]),
      )
      .map(([from, to]) => ({
        method: 'GET',
        path: `/reception-days?from=${from}&to=${to}`,
        headers: {},
      })),
    'GET /config/public': queryValue.map((v) => ({
      method: 'GET',
      path: `/config/public?x=${v}`,
      headers: {},
    })),
  };
}
