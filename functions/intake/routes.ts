// The intake function's routes: the public's, the registering clerk's, and the SMS providers'
// delivery reports.
import { checkProgress, rateOpinion } from './check-status.ts';
import { alibabaSmsReports, tencentSmsReports } from './sms-reports.ts';
import { registerCase, submitWebPetition } from './submit-petition.ts';

export const intakeRoutes = [
  submitWebPetition,
  registerCase,
  checkProgress,
  rateOpinion,
  tencentSmsReports,
  alibabaSmsReports,
];
