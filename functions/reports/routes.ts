// The reports function's routes.
import { summaryReport, yearReport } from './reports.ts';

export const reportsRoutes = [summaryReport, yearReport];
