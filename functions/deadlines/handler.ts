// Deadlines function (scheduled): the deadline check that reminds and escalates.
import { checkDeadlines } from '../../shared/usecases/check-deadlines.ts';
import { scheduledFunction } from '../scheduled/scheduled-function.ts';

export const handler = scheduledFunction('check-deadlines', checkDeadlines);
