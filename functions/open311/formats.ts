// GeoReport v2 names the format in the path (`services.xml`, `services.json`): a collection
// route is served under both, as two routes of one definition. Item routes (`services/{code}`)
// take the suffix in their last parameter (functions/http/open311-dialect.ts).
import * as z from 'zod/mini';
import { rule } from '../../shared/validation.ts';
import type { Route, RouteKey } from '../http/define-route.ts';

export function inBothFormats<R extends Route>(route: R): R[] {
  return (['xml', 'json'] as const).map((format) => ({
    ...route,
    route: `${route.route}.${format}` satisfies RouteKey,
    path: `${route.path}.${format}`,
    operationId: `${route.operationId}${format === 'xml' ? 'Xml' : 'Json'}`,
  }));
}

/** Every request may name the jurisdiction (checked by the dialect: functions/http/open311-dialect.ts). */
export const jurisdiction = { jurisdiction_id: z.optional(z.string().check(z.maxLength(64))) };

/** A date the spec's way (ISO 8601, with or without time and offset). */
export const isoDateTime = z.string().check(
  z.maxLength(40),
  z.refine(
    (value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)),
    rule('日期格式不正確（ISO 8601）。', 'Not a date (ISO 8601: 2026-12-06 or 2026-12-06T08:00:00+08:00).'),
  ),
);
