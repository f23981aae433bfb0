// The retention rules: classes by how a file ended, the schedule from the day it closed, the
// next step, and what a disposal finds and replaces.
import { describe, expect, it } from 'vitest';
import type { CaseFile, PersonalRecord } from '../../shared/domain/case.ts';
import {
  ERASED_MARK,
  nextRetentionStep,
  personalValuesOf,
  quotesAny,
  retentionClassOf,
  retentionOf,
  scrub,
  yearsAfter,
} from '../../shared/domain/retention.ts';

const schedule = { activeYears: 2, archiveYears: { handled: 30, notHandled: 10, routine: 1 } };
const closed = (extra: Partial<CaseFile>): CaseFile =>
  ({ caseId: 'c1', status: 'closed', milestones: [], ...extra }) as CaseFile;

describe('retention rules', () => {
  it('classes a file by how it ended', () => {
    expect(retentionClassOf(closed({}))).toBe('handled');
    expect(retentionClassOf(closed({ status: 'final' }))).toBe('handled');
    expect(retentionClassOf(closed({ status: 'referred' }))).toBe('notHandled');
    expect(retentionClassOf(closed({ status: 'not_accepted', notAccepted: { reason: 'x', on: 'd' } }))).toBe(
      'notHandled',
    );
    expect(
      retentionClassOf(
        closed({ status: 'not_accepted', notAccepted: { reason: 'x', on: 'd', routine: true } }),
      ),
    ).toBe('routine');
    expect(retentionClassOf(closed({ status: 'received', duplicateOf: 'c0' }))).toBe('duplicate');
  });

  it('counts years from the day it closed; 29 February falls on the 28th', () => {
    expect(yearsAfter('2028-02-29', 1)).toBe('2029-02-28');
    expect(yearsAfter('2028-02-29', 4)).toBe('2032-02-29');
    expect(yearsAfter('2026-12-31', 30)).toBe('2056-12-31');
  });

  it('sets the schedule when the file closes, keeps its day, and has none while open', () => {
    expect(retentionOf(closed({ status: 'assigned' }), schedule, '2026-12-06')).toBeUndefined();
    const first = retentionOf(closed({}), schedule, '2026-12-06');
    expect(first).toEqual({
      class: 'handled',
      closedOn: '2026-12-06',
      restrictOn: '2028-12-06',
      disposeOn: '2056-12-06',
    });
    expect(retentionOf(closed({ retention: first }), schedule, '2027-05-01')?.closedOn).toBe('2026-12-06');
    // A duplicate goes with its main file: no day of its own.
    expect(retentionOf(closed({ duplicateOf: 'c0' }), schedule, '2026-12-06')?.disposeOn).toBeUndefined();
  });

  it('restricts first, then disposes; a routine letter is disposed of before it would be restricted; a hold stops both', () => {
    const handled = closed({ retention: retentionOf(closed({}), schedule, '2026-12-06') });
    expect(nextRetentionStep(handled)).toEqual({ action: 'restrict', on: '2028-12-06' });
    expect(nextRetentionStep({ ...handled, restricted: { on: '2028-12-06' } })).toEqual({
      action: 'dispose',
      on: '2056-12-06',
    });
    const routine = closed({ status: 'not_accepted', notAccepted: { reason: 'x', on: 'd', routine: true } });
    expect(
      nextRetentionStep({ ...routine, retention: retentionOf(routine, schedule, '2026-12-06') }),
    ).toEqual({
      action: 'dispose',
      on: '2027-12-06',
    });
    expect(nextRetentionStep({ ...handled, legalHold: { reason: 'r', by: 'a', at: 't' } })).toBeUndefined();
    expect(
      nextRetentionStep({ ...handled, disposed: { list: 'l', on: 'd', approvedBy: 'b' } }),
    ).toBeUndefined();
  });

  it('finds every personal value as given and as quoted, and replaces it at any depth', () => {
    const personal: PersonalRecord = {
      caseId: 'c1',
      petitioner: {
        name: '歐陽明遠',
        phone: '139 0000 1234',
        idNumber: '11010519800101001x',
        address: '河西路99號',
      },
      representatives: [{ name: '司馬青禾', address: '河東路11號' }],
      formerContacts: [{ phone: '13900009999' }],
    };
    const values = personalValuesOf(personal);
    expect(values).toEqual(
      expect.arrayContaining([
        '歐陽明遠',
        '139 0000 1234',
        '13900001234',
        '11010519800101001X',
        '河西路99號',
        '司馬青禾',
        '13900009999',
      ]),
    );
    const data = { note: '歐陽明遠（13900001234）住河西路99號', nested: [{ who: '司馬青禾 "代表"' }], n: 99 };
    const scrubbed = scrub(data, values);
    expect(scrubbed).toEqual({
      note: `${ERASED_MARK}（${ERASED_MARK}）住${ERASED_MARK}`,
      nested: [{ who: `${ERASED_MARK} "代表"` }],
      n: 99,
    });
    expect(quotesAny(data, values)).toBe(true);
    expect(quotesAny(scrubbed, values)).toBe(false);
  });
});
