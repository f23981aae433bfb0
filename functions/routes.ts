// Every HTTP route, once, by the Lambda function that serves it: the CDK stack wires API
// Gateway from this list, the local server routes by it, and the OpenAPI document is
// generated from it. Each route is defined in its own module in its function's folder.
import { attachmentsRoutes } from './attachments/routes.ts';
import { casesRoutes } from './cases/routes.ts';
import { documentsRoutes } from './documents/routes.ts';
import type { Route } from './http/define-route.ts';
import { intakeRoutes } from './intake/routes.ts';
import { metaRoutes } from './meta/routes.ts';
import { open311Routes } from './open311/routes.ts';
import { receptionRoutes } from './reception/routes.ts';
import { redactionsRoutes } from './redactions/routes.ts';
import { reportsRoutes } from './reports/routes.ts';

export const routesByFunction = {
  intake: intakeRoutes,
  cases: casesRoutes,
  reception: receptionRoutes,
  reports: reportsRoutes,
  meta: metaRoutes,
  documents: documentsRoutes,
  attachments: attachmentsRoutes,
  redactions: redactionsRoutes,
  open311: open311Routes,
} satisfies Record<string, Route[]>;

export type FunctionName = keyof typeof routesByFunction;
export const FUNCTION_NAMES = Object.keys(routesByFunction) as FunctionName[];

export interface ServedRoute extends Route {
  function: FunctionName;
}

export const routes: ServedRoute[] = FUNCTION_NAMES.flatMap((name) =>
  routesByFunction[name].map((route) => ({ ...route, function: name })),
);
