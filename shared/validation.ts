// Turns zod issues into field-level problems with a message in Chinese and English.
import type * as z from 'zod/mini';
import { type Bilingual, type FieldProblem, ValidationError } from './errors.ts';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): Bilingual {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? { zh: '此欄位必填。', en: 'This field is required.' }
        : { zh: `格式不正確，應為 ${issue.expected}。`, en: `Must be a ${issue.expected}.` };
    case 'too_small':
      if (issue.origin === 'string' && issue.input === '')
        return { zh: '此欄位必填。', en: 'This field is required.' };
      if (issue.origin === 'string')
        return {
          zh: `至少需要 ${issue.minimum} 個字。`,
          en: `Must have at least ${issue.minimum} characters.`,
        };
      if (issue.origin === 'array')
        return { zh: `至少需要 ${issue.minimum} 項。`, en: `Must have at least ${issue.minimum} items.` };
      return { zh: `不得小於 ${issue.minimum}。`, en: `Must be at least ${issue.minimum}.` };
    case 'too_big':
      if (issue.origin === 'string')
        return { zh: `最多 ${issue.maximum} 個字。`, en: `Must have at most ${issue.maximum} characters.` };
      if (issue.origin === 'array')
        return { zh: `最多 ${issue.maximum} 項。`, en: `Must have at most ${issue.maximum} items.` };
      return { zh: `不得大於 ${issue.maximum}。`, en: `Must be at most ${issue.maximum}.` };
    case 'invalid_value':
      if (issue.input === '' || issue.input === undefined) {
        return issue.values.length === 1 && issue.values[0] === true
          ? { zh: '必須勾選同意。', en: 'Must be accepted.' }
          : { zh: '請選擇一項。', en: 'Choose one.' };
      }
      return issue.values.length === 1 && issue.values[0] === true
        ? { zh: '必須勾選同意。', en: 'Must be accepted (true).' }
        : {
            zh: `必須是以下之一：${issue.values.join('、')}。`,
            en: `Must be one of: ${issue.values.join(', ')}.`,
          };
    case 'unrecognized_keys':
      return {
        zh: `不接受的欄位：${issue.keys.join('、')}。`,
        en: `Unknown field(s): ${issue.keys.join(', ')}.`,
      };
    case 'invalid_format':
      return { zh: '格式不正確。', en: `Not a valid ${issue.format}.` };
    case 'custom': {
      const params = issue.params as { zh?: string; en?: string } | undefined;
      if (params?.zh && params.en) return { zh: params.zh, en: params.en };
      return { zh: '內容不正確。', en: issue.message };
    }
    default:
      return { zh: '內容不正確。', en: 'Invalid value.' };
  }
}

export function toFieldProblems(issues: readonly Issue[]): FieldProblem[] {
  return issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    code: issue.code,
    message: describe(issue),
  }));
}

/** Every failing field of an input, or none. The input is read, never echoed to the caller. */
export function checkInput(schema: z.ZodMiniType, input: unknown): FieldProblem[] {
  const result = schema.safeParse(input, { reportInput: true });
  return result.success ? [] : toFieldProblems(result.error.issues);
}

/** Parses input against a schema or throws a ValidationError listing every failing field. */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(toFieldProblems(result.error.issues));
  return result.data;
}

/** A custom rule's issue parameters: the bilingual message travels with the issue. */
export function rule(zh: string, en: string): { message: string; params: Bilingual } {
  return { message: en, params: { zh, en } };
}
