// The intake function's routes: the public's and the SMS providers' delivery reports; no staff
// route (staff registration is the cases function's), so no token verification in its bundle.
import { checkProgress, rateOpinion } from './check-status.ts';
import { askAboutData } from './data-rights.ts';
import { alibabaSmsReports, tencentSmsReports } from './sms-reports.ts';
import { submitWebPetition } from './submit-petition.ts';

export const intakeRoutes = [
  submitWebPetition,
  checkProgress,
  rateOpinion,
  askAboutData,
  tencentSmsReports,
  alibabaSmsReports,
];
