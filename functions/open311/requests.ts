// GeoReport v2 requests, for a client with an API key: post a petition, list and read the
// requests it submitted, follow a batch token, and the updates feed.
import * as z from 'zod/mini';
import {
  clientRequestUpdates,
  clientServiceRequest,
  clientServiceRequests,
  followToken,
  MAX_REQUESTS,
  submitServiceRequest,
} from '../../shared/usecases/open311.ts';
import { defineRoute } from '../http/define-route.ts';
import { inBothFormats, isoDateTime, jurisdiction } from './formats.ts';

const short = z.optional(z.string().check(z.maxLength(200)));

/** The spec's form fields; the petition's own schema checks what they carry (shared/domain/open311.ts). */
const requestForm = z.object({
  ...jurisdiction,
  service_code: z.string().check(z.maxLength(40)),
  description: z._default(z.string().check(z.maxLength(20_000)), ''),
  first_name: short,
  last_name: short,
  phone: short,
  email: short,
  device_id: short,
  account_id: short,
  address_string: short,
  address_id: short,
  lat: short,
  long: short,
  media_url: z.optional(z.string().check(z.maxLength(2000))),
  attribute: z.optional(
    z.record(z.string().check(z.maxLength(40)), z.union([z.string(), z.array(z.string())])),
  ),
});

const serviceRequest = () =>
  z.object({
    service_request_id: z.string(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string(),
    service_name: z.string(),
    service_code: z.string(),
    description: z.optional(z.string()),
    agency_responsible: z.string(),
    service_notice: z.string(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
    expected_datetime: z.string(),
    address: z.string(),
    address_id: z.string(),
    zipcode: z.string(),
    media_url: z.string(),
  });

export const postRequest = inBothFormats(
  defineRoute({
    route: 'POST /open311/v2/requests',
    operationId: 'open311PostRequest',
    summary:
      'Open311: post a petition (form-encoded, with api_key), answered its service_request_id or a token',
    access: 'apiKey',
    open311: { root: 'service_requests' },
    request: () => ({ body: requestForm }),
    responses: {
      201: {
        description: 'The petition was submitted as the web form submits it',
        schema: () =>
          z.array(
            z.union([
              z.object({
                service_request_id: z.string(),
                service_notice: z.string(),
                account_id: z.string(),
              }),
              z.object({ token: z.string() }),
            ]),
          ),
      },
    },
    errors: { 404: 'Unknown jurisdiction_id' },
    action: async ({ body, client }, ctx) => {
      return { statusCode: 201, body: await submitServiceRequest(ctx, client, body) };
    },
  }),
);

const pageNumber = (max: number) =>
  z.optional(
    z
      .pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number))
      .check(z.refine((n) => n >= 1 && n <= max)),
  );

export const listRequests = inBothFormats(
  defineRoute({
    route: 'GET /open311/v2/requests',
    operationId: 'open311Requests',
    summary: 'Open311: the requests this client submitted (the last 90 days, at most 1,000, unless asked)',
    access: 'apiKey',
    open311: { root: 'service_requests' },
    request: () => ({
      query: z.object({
        ...jurisdiction,
        service_request_id: z.optional(z.string().check(z.maxLength(2000))),
        service_code: z.optional(z.string().check(z.maxLength(40))),
        start_date: z.optional(isoDateTime),
        end_date: z.optional(isoDateTime),
        status: z.optional(z.enum(['open', 'closed'])),
        page: pageNumber(1000),
        page_size: pageNumber(MAX_REQUESTS),
      }),
    }),
    responses: { 200: { description: "The client's requests", schema: () => z.array(serviceRequest()) } },
    errors: { 404: 'A service_request_id that is not this client’s, or an unknown jurisdiction_id' },
    action: async ({ query, client }, ctx) => {
      return { statusCode: 200, body: await clientServiceRequests(ctx, client, query) };
    },
  }),
);

export const oneRequest = defineRoute({
  route: 'GET /open311/v2/requests/{service_request_id}',
  operationId: 'open311Request',
  summary: 'Open311: one request this client submitted',
  access: 'apiKey',
  open311: { root: 'service_requests' },
  request: () => ({
    params: z.object({ service_request_id: z.string().check(z.maxLength(40)) }),
    query: z.object(jurisdiction),
  }),
  responses: { 200: { description: 'The request', schema: () => z.array(serviceRequest()) } },
  errors: { 404: 'Not a request this client submitted' },
  action: async ({ params, client }, ctx) => {
    return { statusCode: 200, body: await clientServiceRequest(ctx, client, params.service_request_id) };
  },
});

export const token = defineRoute({
  route: 'GET /open311/v2/tokens/{token}',
  operationId: 'open311Token',
  summary: "Open311: a batch client's token, answered the service_request_id it stands for",
  access: 'apiKey',
  open311: { root: 'service_requests' },
  request: () => ({
    params: z.object({ token: z.string().check(z.maxLength(40)) }),
    query: z.object(jurisdiction),
  }),
  responses: {
    200: {
      description: 'The request the token stands for',
      schema: () => z.array(z.object({ service_request_id: z.string(), token: z.string() })),
    },
  },
  errors: { 404: 'Not a token of this client' },
  action: async ({ params, client }, ctx) => {
    return { statusCode: 200, body: await followToken(ctx, client, params.token) };
  },
});

export const requestUpdates = inBothFormats(
  defineRoute({
    route: 'GET /open311/v2/servicerequestupdates',
    operationId: 'open311Updates',
    summary:
      "Open311 updates feed (FixMyStreet's servicerequestupdates): each step of this client's requests",
    access: 'apiKey',
    open311: { root: 'service_request_updates' },
    request: () => ({
      query: z.object({
        ...jurisdiction,
        start_date: z.optional(isoDateTime),
        end_date: z.optional(isoDateTime),
      }),
    }),
    responses: {
      200: {
        description: 'The steps taken in the period (the last day unless asked)',
        schema: () =>
          z.array(
            z.object({
              update_id: z.string(),
              service_request_id: z.string(),
              status: z.enum(['open', 'closed']),
              updated_datetime: z.string(),
              description: z.string(),
              media_url: z.string(),
            }),
          ),
      },
    },
    errors: { 404: 'Unknown jurisdiction_id' },
    action: async ({ query, client }, ctx) => {
      return { statusCode: 200, body: await clientRequestUpdates(ctx, client, query) };
    },
  }),
);
