// The OpenAPI 3.1 document, generated from the route list and its zod schemas: what each
// route takes, who may call it, and every answer it can give (the standard errors follow
// from each route's shape, all in the one error shape). Tests lint it and check every
// response of the integration suite against it.
import * as z from 'zod/mini';
import type { RegionConfig } from '../../shared/region.ts';
import { routes } from '../routes.ts';
import { errorResponses, forStaff } from './define-route.ts';
import { responses } from './schemas.ts';

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parameters(schema: z.ZodMiniType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const json = (schema: JsonSchema) => ({ 'application/json': { schema } });

export function buildOpenApi(region: RegionConfig) {
  const errorBody = { $ref: '#/components/schemas/Error' };
  const open311Errors = { $ref: '#/components/schemas/Open311Errors' };
  // GeoReport v2 answers in XML too (the spec requires it): the same data, by the path's suffix.
  const xml = { 'text/xml': { schema: { type: 'string' } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const request = route.request?.(region) ?? {};
    const success = Object.entries(route.responses).map(([status, response]) => [
      status,
      {
        description: response.description,
        content: {
          ...json(jsonSchema(response.schema(), 'output')),
          ...(response.alsoAs && { [response.alsoAs]: { schema: { type: 'string' } } }),
          ...(route.open311 && xml),
        },
      },
    ]);
    const errors = errorResponses(route, region).map(({ status, description }) => [
      String(status),
      {
        description,
        content: route.open311 ? { ...json(open311Errors), ...xml } : json(errorBody),
      },
    ]);
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.function],
      security: forStaff(route.access)
        ? [{ staffToken: [] }]
        : route.access === 'apiKey'
          ? [{ apiKey: [] }]
          : [],
      ...(forStaff(route.access) && { 'x-roles': route.access }),
      parameters: [
        ...parameters(request.params, 'path'),
        ...parameters(request.query, 'query'),
        ...(route.idempotent
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                description: 'Replays the first answer to the same key; another body under it is refused',
                schema: { type: 'string', minLength: 1, maxLength: 128 },
              },
            ]
          : []),
      ],
      ...(request.body && {
        requestBody: { required: true, content: json(jsonSchema(request.body, 'input')) },
      }),
      responses: Object.fromEntries([...success, ...errors]),
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `petition-desk API: ${region.region.name.en} (${region.region.name.zh})`,
      version: '0.2.0',
      description: 'Case system of a county petition office (信訪局).',
      license: { name: 'UNLICENSED', identifier: 'LicenseRef-proprietary' },
    },
    servers: [{ url: '/', description: 'The origin that serves this document' }],
    tags: [...new Set(routes.map((r) => r.function))].map((name) => ({
      name,
      description: `Routes served by the ${name} function`,
    })),
    components: {
      securitySchemes: {
        staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        apiKey: {
          type: 'apiKey',
          in: 'query',
          name: 'api_key',
          description: 'Open311: in the query, or the form body of a POST',
        },
      },
      schemas: {
        Error: jsonSchema(responses().errorBody, 'output'),
        Open311Errors: jsonSchema(responses().open311Errors, 'output'),
      },
    },
    paths,
  };
}
