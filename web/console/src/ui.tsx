// The console's building blocks: labelled fields with their errors, a form that shows the
// API's field messages, a confirmation dialog for legal steps, and a bar chart with its table.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type FieldProblem, ValidationError } from '../../../shared/errors.ts';
import { ApiProblem } from './api.ts';
import { currentLanguage, t } from './text.ts';

export type Problems = Record<string, string>;

/** Field messages from a zod check or an API refusal, by field path, in the current language. */
export function problemsOf(fields: FieldProblem[]): Problems {
  return Object.fromEntries(fields.map((f) => [f.field, f.message[currentLanguage()]]));
}

let nextId = 0;
const useId = (prefix: string) => useRef(`${prefix}-${++nextId}`).current;

interface FieldProps {
  name: string;
  label: string;
  problems?: Problems;
  children: (props: {
    id: string;
    name: string;
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  }) => ComponentChildren;
}

export function Field({ name, label, problems, children }: FieldProps) {
  const id = useId(name.replace(/\W/g, '-'));
  const problem = problems?.[name];
  return (
    <p class="field">
      <label for={id}>{label}</label>
      {children({
        id,
        name,
        ...(problem && { 'aria-invalid': 'true', 'aria-describedby': `${id}-problem` }),
      })}
      {problem && (
        <span class="problem" id={`${id}-problem`}>
          {problem}
        </span>
      )}
    </p>
  );
}

type InputType = 'text' | 'tel' | 'date' | 'datetime-local' | 'month' | 'number';

export function TextInput(props: {
  name: string;
  label: string;
  problems?: Problems;
  value?: string;
  type?: InputType;
  multiline?: boolean;
  required?: boolean;
}) {
  const { multiline, value, type, required, ...field } = props;
  return (
    <Field {...field}>
      {(input) => {
        const attributes = { ...input, value, required };
        if (multiline) return <textarea {...attributes} rows={4} />;
        // Preact types each input type with the roles it allows: one branch per family.
        switch (type) {
          case 'number':
            return <input {...attributes} type="number" />;
          case 'date':
          case 'datetime-local':
          case 'month':
            return <input {...attributes} type={type} />;
          case 'tel':
            return <input {...attributes} type="tel" />;
          default:
            return <input {...attributes} type="text" />;
        }
      }}
    </Field>
  );
}

export function Choice(props: {
  name: string;
  label: string;
  options: Array<[string, string]>;
  problems?: Problems;
  value?: string;
  blank?: string;
  multiple?: boolean;
}) {
  const { options, value, blank, multiple, ...field } = props;
  return (
    <Field {...field}>
      {(input) => (
        <select {...input} multiple={multiple}>
          {blank !== undefined && <option value="">{blank}</option>}
          {options.map(([code, label]) => (
            <option key={code} value={code} selected={code === value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A form's values as strings, lists for multiple selects, and booleans for checkboxes. */
export function formValues(form: HTMLFormElement): Record<string, string | string[] | boolean> {
  const values: Record<string, string | string[] | boolean> = {};
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLInputElement && element.type === 'checkbox')
      values[element.name] = element.checked;
    else if (element instanceof HTMLSelectElement && element.multiple)
      values[element.name] = Array.from(element.selectedOptions).map((o) => o.value);
    else if (
      (element instanceof HTMLInputElement ||
        element instanceof HTMLSelectElement ||
        element instanceof HTMLTextAreaElement) &&
      element.name &&
      element.value !== ''
    )
      values[element.name] = element.value;
  }
  return values;
}

/**
 * A form that submits through `onSubmit` (which throws a ValidationError when the API's schema
 * refuses the values before they are sent), shows the API's field messages beside the fields
 * (and a summary at the top, focused), and tells when it is done.
 */
export function ActionForm(props: {
  label: string;
  submit?: string;
  confirm?: string;
  onSubmit: (form: HTMLFormElement) => Promise<unknown>;
  children: (problems: Problems) => ComponentChildren;
}) {
  const [problems, setProblems] = useState<Problems>({});
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<HTMLFormElement>();
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (Object.keys(problems).length || message) summary.current?.focus();
  }, [problems, message]);

  const run = async (form: HTMLFormElement) => {
    setBusy(true);
    try {
      await props.onSubmit(form);
      setProblems({});
      setMessage(t('done'));
    } catch (error) {
      // The API's own schema refused it here (checked before sending), or the API did.
      if (error instanceof ValidationError) {
        setProblems(problemsOf(error.problems));
        setMessage(undefined);
      } else if (error instanceof ApiProblem) {
        setProblems(problemsOf(error.problem.fields ?? []));
        setMessage(error.problem.message[currentLanguage()]);
      } else setMessage(t('error'));
    } finally {
      setBusy(false);
    }
  };
  const listed = Object.entries(problems);
  return (
    <form
      aria-label={props.label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        if (props.confirm) setAsking(form);
        else void run(form);
      }}
    >
      <div ref={summary} tabIndex={-1} role="status" class={listed.length ? 'summary' : undefined}>
        {message && <p>{message}</p>}
        {listed.length > 0 && (
          <ul>
            {listed.map(([field, text]) => (
              <li key={`${field}:${text}`}>{field ? `${field}: ${text}` : text}</li>
            ))}
          </ul>
        )}
      </div>
      {props.children(problems)}
      <p>
        <button type="submit" disabled={busy}>
          {props.submit ?? t('submit')}
        </button>
      </p>
      {asking && (
        <Confirm
          text={props.confirm ?? ''}
          onAnswer={(yes) => {
            setAsking(undefined);
            if (yes) void run(asking);
          }}
        />
      )}
    </form>
  );
}

/** A modal question (the browser's own dialog: focus stays inside, Escape cancels). */
export function Confirm({ text, onAnswer }: { text: string; onAnswer: (yes: boolean) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} aria-labelledby="confirm-text" onCancel={() => onAnswer(false)}>
      <p id="confirm-text">{text}</p>
      <p class="buttons">
        <button type="button" onClick={() => onAnswer(true)}>
          {t('yes')}
        </button>
        <button type="button" class="secondary" onClick={() => onAnswer(false)}>
          {t('cancel')}
        </button>
      </p>
    </dialog>
  );
}

/** Loads once per key; shows loading and errors in one place. */
export function useLoad<T>(
  load: () => Promise<T>,
  key: string,
): { data?: T; error?: string; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    setState({});
    load().then(
      (data) => live && setState({ data }),
      (error: unknown) =>
        live &&
        setState({
          error: error instanceof ApiProblem ? error.problem.message[currentLanguage()] : t('error'),
        }),
    );
    return () => {
      live = false;
    };
  }, [key, round]);
  return { ...state, reload: () => setRound((r) => r + 1) };
}

export function Loading({ error }: { error?: string | undefined }) {
  return error ? (
    <p role="alert" class="error">
      {error}
    </p>
  ) : (
    <p aria-busy="true">{t('loading')}</p>
  );
}

/** Horizontal bars, each with its figure; the same figures sit in a table beside it. */
export function BarChart({ title, bars }: { title: string; bars: Array<[string, number]> }) {
  const max = Math.max(1, ...bars.map(([, n]) => n));
  const rowHeight = 22;
  return (
    <figure class="chart">
      <svg
        role="img"
        aria-label={title}
        viewBox={`0 0 320 ${bars.length * rowHeight + 4}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {bars.map(([label, n], i) => (
          <g key={label}>
            <text x="0" y={i * rowHeight + 15} class="bar-label">
              {label.slice(0, 8)}
            </text>
            <rect x="110" y={i * rowHeight + 3} width={(n / max) * 170} height={rowHeight - 6} class="bar" />
            <text x={114 + (n / max) * 170} y={i * rowHeight + 15} class="bar-value">
              {n}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
