import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { isValidIdNumber, normalisePhone, petitionSchemas } from '../../shared/domain/petition.ts';
import { ValidationError } from '../../shared/errors.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { parseInput } from '../../shared/validation.ts';
import { staffCase, VALID_ID_NUMBER, webPetition } from '../fixtures/petitions.ts';

const schemas = petitionSchemas(loadRegionConfig(SAMPLE_REGION_FILE));

function problemsOf(schema: typeof schemas.webPetition | typeof schemas.staffCase, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('resident ID numbers', () => {
  it('accepts a number whose check character is right, with a lower-case x too', () => {
    expect(isValidIdNumber(VALID_ID_NUMBER)).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
  });

  it('refuses a wrong check character, a wrong length and letters', () => {
    expect(isValidIdNumber('110105198001010017')).toBe(false);
    expect(isValidIdNumber('11010519800101001')).toBe(false);
    expect(isValidIdNumber('11010519800101A016')).toBe(false);
  });
});

describe('phones', () => {
  it('drops separators and the +86 or 0086 country prefix', () => {
    expect(normalisePhone('+86 138-0013-8000')).toBe('13800138000');
    expect(normalisePhone('0086 13800138000')).toBe('13800138000');
    expect(normalisePhone('(0571) 8888 1234')).toBe('057188881234');
  });
});

describe('the web form schema', () => {
  it('accepts a complete petition and trims its text', () => {
    const parsed = parseInput(schemas.webPetition, webPetition({ subject: '  征地補償  ' }));
    expect(parsed.subject).toBe('征地補償');
  });

  it('refuses unknown township and category codes from another region', () => {
    const fields = problemsOf(schemas.webPetition, webPetition({ township: 'pudong', category: 'tax' })).map(
      (p) => p.field,
    );
    expect(fields).toEqual(['township', 'category']);
  });

  it('refuses a representative list over five and a bad ID number of a representative', () => {
    const rep = { name: '代表', phone: '13800138000' };
    const tooMany = problemsOf(schemas.webPetition, webPetition({ representatives: Array(6).fill(rep) }));
    const badId = problemsOf(
      schemas.webPetition,
      webPetition({ representatives: [{ ...rep, idNumber: '123' }] }),
    );
    expect(tooMany.map((p) => p.field)).toEqual(['representatives']);
    expect(badId.map((p) => p.field)).toEqual(['representatives.0.idNumber']);
  });

  it('requires consent to be exactly true', () => {
    expect(problemsOf(schemas.webPetition, { ...webPetition(), consent: 'yes' }).map((p) => p.field)).toEqual(
      ['consent'],
    );
  });

  it('caps every free text: the description at 5,000 characters', () => {
    const problems = problemsOf(schemas.webPetition, webPetition({ description: '字'.repeat(5001) }));
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'description',
        code: 'too_big',
        message: expect.objectContaining({ zh: '最多 5000 個字。' }),
      }),
    ]);
  });

  it('refuses the clerk-only fields on the public form', () => {
    const problems = problemsOf(schemas.webPetition, { ...webPetition(), channel: 'letter' });
    expect(problems).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
  });
});

describe('the staff registration schema', () => {
  it('needs an offset on receivedAt', () => {
    const fields = problemsOf(schemas.staffCase, staffCase({ receivedAt: '2026-11-20 09:30' })).map(
      (p) => p.field,
    );
    expect(fields).toEqual(['receivedAt']);
  });

  it('refuses an unknown channel', () => {
    expect(problemsOf(schemas.staffCase, { ...staffCase(), channel: 'fax' }).map((p) => p.field)).toEqual([
      'channel',
    ]);
  });
});
