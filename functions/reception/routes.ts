// The reception function's routes: the published days, their upkeep, and the desk.
import { deskQueue, markQueuedVisitor, triageVisitor } from './desk.ts';
import {
  coverage,
  noteAbsence,
  publishCalendar,
  receptionDays,
  setReceivers,
  swapDay,
} from './reception-days.ts';

export const receptionRoutes = [
  receptionDays,
  setReceivers,
  noteAbsence,
  publishCalendar,
  swapDay,
  coverage,
  triageVisitor,
  deskQueue,
  markQueuedVisitor,
];
