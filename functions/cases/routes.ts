// The cases function's routes: staff work on one case file at a time.
import { issueKey, listApiKeys, revokeKey } from './api-keys.ts';
import { driveProgress, listInDrive } from './backlog.ts';
import { correctCaseFile } from './corrections.ts';
import { decideRequest } from './data-requests.ts';
import { runDeadlineCheck } from './deadline-check.ts';
import { linkAsDuplicate, reviewSimilarMatter, undoDuplicateLink } from './duplicates.ts';
import {
  acknowledgeAssignment,
  decideExtension,
  followUpCall,
  personalDataReads,
  requestExtension,
} from './handling-desk.ts';
import { completeTask, convene, recordMinutes } from './joint-review.ts';
import { listOfficials, whoAmI } from './me.ts';
import { claimOwnership, declareInterest, giveInstruction, nameOwner } from './ownership.ts';
import {
  checkRepeat,
  findSimilarCases,
  findSimilarToDraft,
  listCaseNotices,
  readCase,
  readCaseTimeline,
} from './read-case.ts';
import { registerCase } from './register-case.ts';
import {
  decideList,
  drawUpList,
  holdCase,
  liftCaseHold,
  listDisposalLists,
  previewRetention,
  readDisposalList,
  restrictedLookUp,
} from './retention.ts';
import { markCaseMajor, signOffOpinion, submitOpinionDraft } from './sign-off.ts';
import { takeProcedureStep } from './take-step.ts';
import { countWork, listWork } from './work-queues.ts';
import { listPrintQueue, recordNoticeDelivery } from './written-notices.ts';

export const casesRoutes = [
  registerCase,
  whoAmI,
  listOfficials,
  listWork,
  countWork,
  readCase,
  readCaseTimeline,
  findSimilarCases,
  findSimilarToDraft,
  checkRepeat,
  reviewSimilarMatter,
  listCaseNotices,
  listPrintQueue,
  recordNoticeDelivery,
  linkAsDuplicate,
  undoDuplicateLink,
  takeProcedureStep,
  submitOpinionDraft,
  signOffOpinion,
  markCaseMajor,
  claimOwnership,
  nameOwner,
  giveInstruction,
  declareInterest,
  convene,
  recordMinutes,
  completeTask,
  listInDrive,
  driveProgress,
  runDeadlineCheck,
  acknowledgeAssignment,
  requestExtension,
  decideExtension,
  followUpCall,
  personalDataReads,
  correctCaseFile,
  holdCase,
  liftCaseHold,
  restrictedLookUp,
  listDisposalLists,
  drawUpList,
  readDisposalList,
  decideList,
  previewRetention,
  decideRequest,
  listApiKeys,
  issueKey,
  revokeKey,
];
