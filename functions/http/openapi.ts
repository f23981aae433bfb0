// The OpenAPI 3.1 document, generated from the route table and its zod schemas.
import * as z from 'zod/mini';
import type { RegionConfig } from '../../shared/region.ts';
import { responseSchemas, routeSchemas, routes } from './routes.ts';

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

export function buildOpenApi(region: RegionConfig) {
  const schemas = routeSchemas(region);
  const responses = responseSchemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operation = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.roles && { security: [{ staffToken: [] }], 'x-roles': route.roles }),
      parameters: [
        ...parameters(route.params?.(schemas), 'path'),
        ...parameters(route.query?.(schemas), 'query'),
        ...(route.method === 'POST' || route.method === 'PUT'
          ? [
              {
                name: 'Idempotency-Key',
                in: 'header',
                required: false,
                schema: { type: 'string', minLength: 1, maxLength: 128 },
              },
            ]
          : []),
      ],
      ...(route.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(route.body(schemas), 'input') } },
        },
      }),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, response]) => [
          status,
          {
            description: response.description,
            ...(response.schema && {
              content: { 'application/json': { schema: jsonSchema(response.schema(responses), 'output') } },
            }),
          },
        ]),
      ),
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `petition-desk API: ${region.region.name.en} (${region.region.name.zh})`,
      version: '0.1.0',
      description: 'Case system of a county petition office (信訪局).',
    },
    components: { securitySchemes: { staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    paths,
  };
}
