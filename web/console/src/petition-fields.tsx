// The matter as staff take it down, the same at registration and at the reception desk: the
// fields are named by their path in the API's body (`petition.subject`), so the API's field
// messages land beside them.
import { useDesk } from './context.ts';
import { t } from './text.ts';
import { Choice, type Problems, TextInput } from './ui.tsx';

/** Dotted form names (`petition.petitioner.name`) as the nested body the API takes. */
export function nested(values: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    const keys = name.split('.');
    const last = keys.pop() as string;
    let at = body;
    for (const key of keys) {
      const next = (at[key] as Record<string, unknown> | undefined) ?? {};
      at[key] = next;
      at = next;
    }
    at[last] = value;
  }
  return body;
}

export function MatterFields({ prefix = '', problems }: { prefix?: string; problems: Problems }) {
  const desk = useDesk();
  return (
    <>
      <div class="row">
        <Choice
          name={`${prefix}township`}
          label={t('township')}
          options={desk.options('townships')}
          blank=""
          problems={problems}
        />
        <Choice
          name={`${prefix}category`}
          label={t('category')}
          options={desk.options('categories')}
          blank=""
          problems={problems}
        />
      </div>
      <TextInput name={`${prefix}subject`} label={t('subject')} problems={problems} required />
      <TextInput
        name={`${prefix}description`}
        label={t('description')}
        multiline
        problems={problems}
        required
      />
    </>
  );
}

/** The petitioner's consent to the processing of their personal data (PIPL). */
export function Consent({ name, problems }: { name: string; problems: Problems }) {
  const id = `${name.replace(/\W/g, '-')}-box`;
  return (
    <p class="check">
      <input type="checkbox" id={id} name={name} />
      <label for={id}>{t('consent')}</label>
      {problems[name] && <span class="problem">{problems[name]}</span>}
    </p>
  );
}
