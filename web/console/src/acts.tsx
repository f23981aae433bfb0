// The acts the console offers on a case, as data: which fields each asks for, where it goes,
// and whether it is a legal step (confirmed first: it goes on the record and to the petitioner).
// The procedure's steps are checked with the API's own schema before they are sent.
import {
  OUTCOME_LABELS,
  OUTCOMES,
  PROCEDURE_LABELS,
  REFERRAL_PROCEDURES,
} from '../../../shared/domain/procedure-terms.ts';
import { opinionDraftSchema, transitionSchema } from '../../../shared/domain/steps.ts';
import { parseInput } from '../../../shared/validation.ts';
import { api } from './api.ts';
import { useDesk } from './context.ts';
import { inLanguage, type TextKey, t } from './text.ts';
import { ActionForm, Choice, formValues, TextInput } from './ui.tsx';

type FieldKind =
  | 'text'
  | 'long'
  | 'date'
  | 'number'
  | 'check'
  | 'department'
  | 'departments'
  | 'official'
  | 'officials'
  | 'outcome'
  | 'procedure'
  | 'task'
  | 'files'
  | 'request';

interface FieldSpec {
  name: string;
  kind: FieldKind;
  label: TextKey;
  optional?: boolean;
}

interface ActSpec {
  method: 'POST' | 'PUT' | 'DELETE';
  /** After /cases/{id}. */
  path: string | ((values: Record<string, unknown>) => string);
  fields: FieldSpec[];
  /** A step of the procedure (POST /transitions with `action`). */
  step?: boolean;
  /** An opinion drafted for a leader's sign-off (POST /opinion-drafts with `action`, revising the latest). */
  draft?: boolean;
  legal?: boolean;
}

const f = (name: string, kind: FieldKind, label = name as TextKey, optional = false): FieldSpec => ({
  name,
  kind,
  label,
  optional,
});
const opinion = [
  f('outcome', 'outcome'),
  f('request', 'long'),
  f('facts', 'long'),
  f('reasons', 'long'),
  f('legalBasis', 'long'),
  f('opinion', 'long'),
  f('enclosures', 'files', 'enclosures', true),
];
const draft = (...fields: FieldSpec[]): ActSpec => ({
  method: 'POST',
  path: '/opinion-drafts',
  fields,
  draft: true,
});
const step = (...fields: FieldSpec[]): ActSpec => ({
  method: 'POST',
  path: '/transitions',
  fields,
  step: true,
  legal: true,
});

export const ACTS: Record<string, ActSpec> = {
  claim: { method: 'POST', path: '/owner/claim', fields: [] },
  instruct: { method: 'POST', path: '/instructions', fields: [f('text', 'long')] },
  accept: step(f('plan', 'long')),
  refer: step(f('procedure', 'procedure'), f('where', 'text'), f('reason', 'long')),
  not_accept: step(f('reason', 'long'), f('routine', 'check', 'routineLetter', true)),
  assign: step(
    f('leadDepartment', 'department'),
    f('assistingDepartments', 'departments', 'departments', true),
  ),
  return_misrouted: step(f('reason', 'long')),
  extend: step(f('days', 'number'), f('reason', 'long')),
  issue_opinion: draft(...opinion),
  record_receipt: step(f('receivedOn', 'date', 'date')),
  request_review: step(f('requestedOn', 'date', 'date'), f('grounds', 'long')),
  issue_review_opinion: draft(...opinion, f('decidedBy', 'text')),
  request_re_review: step(f('requestedOn', 'date', 'date'), f('grounds', 'long')),
  record_hearing: step(f('from', 'date'), f('to', 'date')),
  issue_re_review_opinion: draft(...opinion, f('decidedBy', 'text')),
  mark_major: { method: 'PUT', path: '/gravity', fields: [f('reason', 'long')], legal: true },
  acknowledge: { method: 'POST', path: '/acknowledgement', fields: [] },
  request_extension: {
    method: 'POST',
    path: '/extension-request',
    fields: [f('days', 'number'), f('reason', 'long')],
  },
  decide_extension: {
    method: 'POST',
    path: '/extension-request/decision',
    fields: [f('approve', 'check'), f('note', 'long')],
    legal: true,
  },
  assign_owner: {
    method: 'PUT',
    path: '/owner',
    fields: [f('officialId', 'official', 'official'), f('reason', 'long', 'reason', true)],
  },
  recuse: { method: 'POST', path: '/recusals', fields: [f('reason', 'long')] },
  joint_review: {
    method: 'POST',
    path: '/joint-reviews',
    fields: [
      f('meetingType', 'text'),
      f('date', 'date'),
      f('departments', 'departments'),
      f('officials', 'officials'),
    ],
  },
  mark_backlog: { method: 'PUT', path: '/backlog', fields: [f('year', 'number')] },
  follow_up: {
    method: 'POST',
    path: '/follow-ups',
    fields: [f('reached', 'check'), f('satisfied', 'check'), f('notes', 'long')],
  },
  complete_task: {
    method: 'POST',
    path: (values) => `/tasks/${encodeURIComponent(String(values.taskId))}/done`,
    fields: [f('taskId', 'task', 'task'), f('report', 'long')],
  },
  correct: {
    method: 'POST',
    path: '/corrections',
    fields: [f('reason', 'long'), f('subject', 'text', 'subject', true)],
  },
  decide_data_request: {
    method: 'POST',
    path: (values) => `/data-requests/${encodeURIComponent(String(values.requestId))}/decision`,
    fields: [f('requestId', 'request', 'dataRequest'), f('granted', 'check'), f('reason', 'long')],
    legal: true,
  },
  hold: { method: 'POST', path: '/hold', fields: [f('reason', 'long')] },
  lift_hold: { method: 'POST', path: '/hold/lifting', fields: [f('reason', 'long')] },
};

/** The form's values as the API takes them: numbers as numbers, empty optional fields left out. */
function bodyOf(
  spec: ActSpec,
  form: HTMLFormElement,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const values = formValues(form);
  const body: Record<string, unknown> = { ...extra };
  for (const field of spec.fields) {
    const value = values[field.name];
    if (field.kind === 'number') body[field.name] = value === undefined ? undefined : Number(value);
    else if (Array.isArray(value) && field.optional && !value.length) continue;
    else body[field.name] = value;
  }
  return body;
}

export interface OnCase {
  caseId: string;
  version: number;
  openTasks: Array<{ taskId: string; text: string }>;
  /** The case's checked files, which an opinion may enclose. */
  files: Array<{ attachmentId: string; name: string }>;
  /** The petitioner's requests about their data still waiting for a decision. */
  openRequests: Array<{ requestId: string; label: string }>;
  /** The latest version of the opinion in draft: a new draft revises it. */
  draftVersion?: number | undefined;
}

export function ActForm({ act, onCase, done }: { act: string; onCase: OnCase; done: () => void }) {
  const desk = useDesk();
  const spec = ACTS[act];
  if (!spec) return null;
  const departmentCodes = desk.region.departments.map((d) => d.code) as [string, ...string[]];
  const officials: Array<[string, string]> = desk.region.officials.map((o) => [
    o.id,
    desk.officialName(o.id),
  ]);
  return (
    <ActionForm
      label={t(`act.${act}` as TextKey)}
      submit={t(`act.${act}` as TextKey)}
      {...(spec.legal && { confirm: t('confirmLegal') })}
      onSubmit={async (form) => {
        const extra = {
          ...(spec.step && { action: act, expectedVersion: onCase.version }),
          ...(spec.draft && { action: act, ...(onCase.draftVersion && { revises: onCase.draftVersion }) }),
          ...(act === 'recuse' && { who: desk.me.officialId ?? desk.me.sub }),
        };
        const body = bodyOf(spec, form, extra);
        if (spec.step) parseInput(transitionSchema(departmentCodes), body);
        if (spec.draft) parseInput(opinionDraftSchema(), body);
        const { taskId: _, requestId: __, ...sent } = body;
        const path = typeof spec.path === 'function' ? spec.path(body) : spec.path;
        await api(
          spec.method,
          `/cases/${encodeURIComponent(onCase.caseId)}${path}`,
          spec.fields.length || spec.step || spec.draft ? sent : undefined,
        );
        done();
      }}
    >
      {(problems) =>
        spec.fields.map((field) => {
          const label = t(field.label);
          const common = { name: field.name, label, problems };
          switch (field.kind) {
            case 'long':
              return <TextInput key={field.name} {...common} multiline required={!field.optional} />;
            case 'date':
              return <TextInput key={field.name} {...common} type="date" required />;
            case 'number':
              return <TextInput key={field.name} {...common} type="number" required />;
            case 'check':
              return (
                <p key={field.name} class="check">
                  <input type="checkbox" id={`${act}-${field.name}`} name={field.name} />
                  <label for={`${act}-${field.name}`}>{label}</label>
                </p>
              );
            case 'department':
              return <Choice key={field.name} {...common} options={desk.options('departments')} blank="" />;
            case 'departments':
              return <Choice key={field.name} {...common} options={desk.options('departments')} multiple />;
            case 'official':
              return <Choice key={field.name} {...common} options={officials} blank="" />;
            case 'officials':
              return <Choice key={field.name} {...common} options={officials} multiple />;
            case 'outcome':
              return (
                <Choice
                  key={field.name}
                  {...common}
                  options={OUTCOMES.map((o) => [o, inLanguage(OUTCOME_LABELS[o])])}
                  blank=""
                />
              );
            case 'procedure':
              return (
                <Choice
                  key={field.name}
                  {...common}
                  options={REFERRAL_PROCEDURES.map((p) => [
                    p,
                    inLanguage(PROCEDURE_LABELS[p] ?? { zh: p, en: p }),
                  ])}
                  blank=""
                />
              );
            case 'files':
              return onCase.files.length ? (
                <Choice
                  key={field.name}
                  {...common}
                  options={onCase.files.map((file) => [file.attachmentId, file.name])}
                  multiple
                />
              ) : null;
            case 'request':
              return (
                <Choice
                  key={field.name}
                  {...common}
                  options={onCase.openRequests.map((r) => [r.requestId, r.label])}
                />
              );
            case 'task':
              return (
                <Choice
                  key={field.name}
                  {...common}
                  options={onCase.openTasks.map((k) => [k.taskId, k.text])}
                />
              );
            default:
              return <TextInput key={field.name} {...common} required={!field.optional} />;
          }
        })
      }
    </ActionForm>
  );
}
