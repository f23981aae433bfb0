// GeoReport v2's public documents: discovery, the service list and each service's definition.
import * as z from 'zod/mini';
import { OPEN311_CHANGESET, serviceDefinition, services } from '../../shared/domain/open311.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { defineRoute } from '../http/define-route.ts';
import { inBothFormats, jurisdiction } from './formats.ts';

const OPEN311_SPEC = 'http://wiki.open311.org/GeoReport_v2';

export const discovery = inBothFormats(
  defineRoute({
    route: 'GET /open311/v2/discovery',
    operationId: 'open311Discovery',
    summary: 'Open311 GeoReport v2 discovery: where the endpoint is and what it speaks',
    access: 'public',
    open311: { root: 'discovery' },
    request: () => ({ query: z.object(jurisdiction) }),
    responses: {
      200: {
        description: 'The discovery document',
        schema: () =>
          z.object({
            changeset: z.string(),
            contact: z.string(),
            key_service: z.string(),
            endpoints: z.array(
              z.object({
                specification: z.string(),
                url: z.string(),
                changeset: z.string(),
                type: z.string(),
                formats: z.array(z.string()),
              }),
            ),
          }),
      },
    },
    errors: { 404: 'Unknown jurisdiction_id' },
    action: async ({ headers }, ctx) => {
      const { region } = ctx.config;
      const host = headers['x-forwarded-host'] ?? headers.host ?? '';
      return {
        statusCode: 200,
        body: {
          changeset: OPEN311_CHANGESET,
          contact: `${region.region.name.zh} (${region.region.name.en})`,
          key_service: 'API keys are issued by the office (the staff console, administrators).',
          endpoints: [
            {
              specification: OPEN311_SPEC,
              url: `${headers['x-forwarded-proto'] ?? 'https'}://${host}/open311/v2`,
              changeset: OPEN311_CHANGESET,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        },
      };
    },
  }),
);

const serviceSchema = () =>
  z.object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean(),
    type: z.string(),
    keywords: z.string(),
    group: z.string(),
  });

export const serviceList = inBothFormats(
  defineRoute({
    route: 'GET /open311/v2/services',
    operationId: 'open311Services',
    summary: "Open311 services: the region's petition categories",
    access: 'public',
    open311: { root: 'services' },
    request: () => ({ query: z.object(jurisdiction) }),
    responses: { 200: { description: 'Every service', schema: () => z.array(serviceSchema()) } },
    errors: { 404: 'Unknown jurisdiction_id' },
    action: async (_, ctx) => {
      return { statusCode: 200, body: services(ctx.config.region) };
    },
  }),
);

export const serviceDefinitionRoute = defineRoute({
  route: 'GET /open311/v2/services/{service_code}',
  operationId: 'open311ServiceDefinition',
  summary: 'Open311 service definition: the attributes a petition of this category needs',
  access: 'public',
  open311: { root: 'service_definition' },
  request: () => ({
    params: z.object({ service_code: z.string().check(z.maxLength(40)) }),
    query: z.object(jurisdiction),
  }),
  responses: {
    200: {
      description: "The service's attributes",
      schema: () =>
        z.object({
          service_code: z.string(),
          attributes: z.array(
            z.object({
              variable: z.boolean(),
              code: z.string(),
              datatype: z.string(),
              required: z.boolean(),
              datatype_description: z.string(),
              order: z.int(),
              description: z.string(),
              values: z.optional(z.array(z.object({ key: z.string(), name: z.string() }))),
            }),
          ),
        }),
    },
  },
  errors: { 404: 'Unknown service code or jurisdiction_id' },
  action: async ({ params }, ctx) => {
    const { region } = ctx.config;
    if (!region.categories.some((c) => c.code === params.service_code))
      throw new NotFoundError({ zh: '沒有這個服務代碼。', en: 'No such service_code.' });
    return { statusCode: 200, body: serviceDefinition(region, params.service_code) };
  },
});
