// Leaders' sign-off (领导签发): an opinion is a draft until the right leader signs it: the
// leader in charge (分管领导, `deputy_head`) for an ordinary matter, the head (主要领导,
// `head`) for a major one. Every version is kept; the signed one is frozen by its digest.
import { createHash } from 'node:crypto';
import { ConflictError, SignOffRefusedError } from '../errors.ts';
import type { RegionConfig } from '../region.ts';
import type { Staff } from './access.ts';
import {
  type CaseFile,
  currentDraft,
  type DraftVersion,
  type OpinionDraft,
  type Signature,
  type SignOffDecision,
} from './case.ts';
import { GRAVITY_GROUNDS, type GravityGround, type SignerRole } from './procedure-terms.ts';
import { OPINION_STEPS, type OpinionTransition, type Transition } from './steps.ts';
import { canonicalJson } from './timeline.ts';

export { GRAVITY_GROUNDS, type GravityGround };

/** A step that issues an opinion: drafted, then released by the sign-off. */
export const isOpinionStep = (t: Transition): t is OpinionTransition =>
  OPINION_STEPS.some((step) => step === t.action);

export type Gravity = { level: 'ordinary' | 'major'; grounds: GravityGround[] };

/** The role that must sign a matter of this gravity (the head may sign any). */
export const signerRoleFor = (gravity: Gravity): SignerRole =>
  gravity.level === 'major' ? 'head' : 'deputy_head';

export function gravityOf(caseFile: CaseFile, region: RegionConfig): Gravity {
  const rules = new Set<GravityGround>([...(region.signOff?.majorWhen ?? GRAVITY_GROUNDS), 'marked']);
  const holds: Record<GravityGround, boolean> = {
    joint_petition: caseFile.representativeCount > 0 || (caseFile.coSigners ?? 0) > 0,
    joint_review: (caseFile.jointReviews?.length ?? 0) > 0,
    sent_back: (caseFile.previousOpinions?.length ?? 0) > 0,
    repeat_after_opinion: caseFile.repeatAfterOpinion !== undefined,
    marked: caseFile.majorMark !== undefined,
  };
  const grounds = GRAVITY_GROUNDS.filter((ground) => rules.has(ground) && holds[ground]);
  return { level: grounds.length ? 'major' : 'ordinary', grounds };
}

export const opinionDigest = (text: OpinionTransition): string =>
  createHash('sha256').update(canonicalJson(text)).digest('hex');

/** The case with its gravity as it stands, kept on the record for the queues (recomputed on every change). */
export function withGravity(caseFile: CaseFile, region: RegionConfig): CaseFile {
  const { level } = gravityOf(caseFile, region);
  return caseFile.gravity === level ? caseFile : { ...caseFile, gravity: level };
}

const refuse = (zh: string, en: string) => new ConflictError({ zh, en });

/**
 * A new version of the case's current opinion: the first draft, or a revision of the version
 * the drafter read (a stale one is refused). The step must be one the case's state allows.
 */
export function draftVersion(
  caseFile: CaseFile,
  text: OpinionTransition,
  by: string,
  at: string,
  revises: number | undefined,
): OpinionDraft[] {
  const drafts = caseFile.opinionDrafts ?? [];
  const current = currentDraft(caseFile);
  const step = text.action;
  if (current && current.step !== step)
    throw refuse('案件已有另一份待签发的意见稿。', 'The case already has another opinion awaiting sign-off.');
  const latest = current?.versions.at(-1)?.version;
  if (latest !== revises) {
    throw refuse(
      latest === undefined ? '此案件没有可修改的意见稿。' : `意见稿已有第${latest}稿，请在最新一稿上修改。`,
      latest === undefined
        ? 'The case has no draft to revise.'
        : `The draft is at version ${latest}; revise the latest version.`,
    );
  }
  const version: DraftVersion = {
    version: (latest ?? 0) + 1,
    text,
    digest: opinionDigest(text),
    draftedBy: by,
    at,
  };
  const next: OpinionDraft = current
    ? { ...current, state: 'awaiting', versions: [...current.versions, version] }
    : { step, state: 'awaiting', versions: [version], decisions: [] };
  return current ? [...drafts.slice(0, -1), next] : [...drafts, next];
}

export interface SignOffRequest {
  decision: 'sign' | 'return';
  /** The version and digest the leader read: a draft that changed since is refused (409). */
  version: number;
  digest: string;
  comments?: string | undefined;
}

/**
 * Whether this leader may decide on the current draft, and the decision as recorded. Refused:
 * no draft awaiting; a stale view (409); the drafter themselves, a recused person, a leader the
 * region does not name for the role, a deputy on a major matter (403).
 */
export function decideDraft(
  caseFile: CaseFile,
  request: SignOffRequest,
  staff: Staff,
  region: RegionConfig,
  at: string,
): { drafts: OpinionDraft[]; decision: SignOffDecision; signed?: DraftVersion } {
  const draft = currentDraft(caseFile);
  if (draft?.state !== 'awaiting') throw refuse('没有等待签发的意见稿。', 'No opinion is awaiting sign-off.');
  const latest = draft.versions.at(-1);
  if (!latest || latest.version !== request.version || latest.digest !== request.digest) {
    throw refuse(
      `意见稿在您打开后已修改（现为第${latest?.version}稿），请重新查看后再签发。`,
      `The draft changed after you opened it (now version ${latest?.version}); read it again before deciding.`,
    );
  }
  const { role, officialId } = signer(staff, caseFile, region, request.decision);
  if (draft.versions.some((v) => v.draftedBy === staff.sub))
    throw new SignOffRefusedError({
      zh: '起草人不能簽發自己起草的意見。',
      en: 'Whoever drafted an opinion may not sign it off.',
    });
  const decision: SignOffDecision = {
    version: latest.version,
    decision: request.decision === 'sign' ? 'signed' : 'returned',
    ...(request.comments && { comments: request.comments }),
    by: staff.sub,
    officialId,
    role,
    at,
  };
  const decided: OpinionDraft = {
    ...draft,
    state: decision.decision,
    decisions: [...draft.decisions, decision],
  };
  const drafts = [...(caseFile.opinionDrafts ?? []).slice(0, -1), decided];
  return { drafts, decision, ...(decision.decision === 'signed' && { signed: latest }) };
}

/**
 * The leader and the role they act in, or 403: named in the region for it and not recused. Any
 * named leader may return a draft (the one in charge reads a major matter's first); only the
 * role the gravity needs, or the head, may sign it.
 */
function signer(
  staff: Staff,
  caseFile: CaseFile,
  region: RegionConfig,
  decision: SignOffRequest['decision'],
) {
  const needed = signerRoleFor(gravityOf(caseFile, region));
  const { officialId } = staff;
  const held = region.signOff.signers
    .filter((s) => s.officialId === officialId && staff.roles.includes(s.role))
    .map((s) => s.role);
  const role = held.includes('head')
    ? 'head'
    : held.includes(needed) || (decision === 'return' && held.length)
      ? held[0]
      : undefined;
  if (!role || !officialId)
    throw new SignOffRefusedError(
      needed === 'head'
        ? {
            zh: '重大事項的意見須由主要領導簽發。',
            en: 'The opinion on a major matter is the head’s to sign off.',
          }
        : {
            zh: '意見須由本地區指定的分管領導或主要領導簽發。',
            en: 'Opinions are signed off by a leader in charge or the head the region names.',
          },
    );
  const recused = caseFile.recusals ?? [];
  if (recused.includes(staff.sub) || recused.includes(officialId))
    throw new SignOffRefusedError({
      zh: '您已迴避本案，不能簽發其意見（《信訪工作條例》第30條）。',
      en: 'You are recused from this case and may not sign its opinion off (art. 30).',
    });
  return { role, officialId };
}

/** The signature an opinion carries: the leader as the region names them. */
export function signatureOf(
  decision: SignOffDecision,
  version: DraftVersion,
  gravity: Gravity,
  region: RegionConfig,
): Signature {
  const official = region.officials.find((o) => o.id === decision.officialId);
  return {
    version: version.version,
    digest: version.digest,
    officialId: decision.officialId,
    name: official?.name ?? decision.officialId,
    title: official?.title ?? { zh: '', en: '' },
    role: decision.role,
    gravity: gravity.level,
    at: decision.at,
  };
}

/** A supervisor marks the matter major, with a reason: a draft waiting moves to the head's queue. */
export function markedMajor(caseFile: CaseFile, reason: string, by: string, on: string): CaseFile {
  if (caseFile.majorMark) throw refuse('此事项已标记为重大。', 'The matter is already marked major.');
  return { ...caseFile, majorMark: { reason, by, on } };
}
