// The redactions function's route: the only HTTP function that carries sharp and pdf-lib.
import { redactCaseFile } from './redact-case-file.ts';

export const redactionsRoutes = [redactCaseFile];
