// The intake function's routes: the public's and the registering clerk's.
import { checkProgress, rateOpinion } from './check-status.ts';
import { registerCase, submitWebPetition } from './submit-petition.ts';

export const intakeRoutes = [submitWebPetition, registerCase, checkProgress, rateOpinion];
