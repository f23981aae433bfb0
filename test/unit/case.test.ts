import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { openCaseFile } from '../../shared/domain/case.ts';
import { petitionerIdentity } from '../../shared/domain/matching.ts';
import { publicStatus } from '../../shared/domain/public-view.ts';
import { rankSimilar } from '../../shared/domain/similarity.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { staffCase, VALID_ID_NUMBER } from '../fixtures/petitions.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const pepper = 'pepper-for-unit-tests';
const intake = (overrides: Parameters<typeof staffCase>[0] = {}) => staffCase(overrides);

describe('the matter rule', () => {
  const person = { name: '張某', phone: '13800138000' };

  it('gives the same fingerprint for the same person and matter typed differently', () => {
    const a = petitionerIdentity(intake({ petitioner: person, subject: '拖欠工資' }), pepper);
    const b = petitionerIdentity(
      intake({ petitioner: { ...person, phone: '+86 138-0013-8000' }, subject: '拖欠工资！' }),
      pepper,
    );
    expect(a.matterFingerprints).toEqual(b.matterFingerprints);
  });

  it('gives another fingerprint for another township, category or subject', () => {
    const base = petitionerIdentity(intake({ petitioner: person }), pepper).matterFingerprints[0];
    for (const change of [{ township: 'hedong' }, { category: 'housing' }, { subject: '另一件事' }]) {
      expect(
        petitionerIdentity(intake({ petitioner: person, ...change }), pepper).matterFingerprints[0],
      ).not.toBe(base);
    }
  });

  it('fingerprints by ID number and by phone when both are given, ID first', () => {
    const both = petitionerIdentity(intake({ petitioner: { ...person, idNumber: VALID_ID_NUMBER } }), pepper);
    const phoneOnly = petitionerIdentity(intake({ petitioner: person }), pepper);
    expect(both.matterFingerprints).toHaveLength(2);
    expect(both.matterFingerprints[1]).toBe(phoneOnly.matterFingerprints[0]);
  });

  it('depends on the pepper, so a phone number cannot be found by hashing guesses', () => {
    const a = petitionerIdentity(intake({ petitioner: person }), pepper);
    const b = petitionerIdentity(intake({ petitioner: person }), 'another-pepper-value');
    expect(a.identityHashes[0]).not.toBe(b.identityHashes[0]);
  });
});

describe('opening a case file', () => {
  it("proposes the category's lead department and sets the register deadline with its article", () => {
    const { caseFile } = openCaseFile(
      intake({ category: 'labour' }),
      { caseId: 'c', receiptCode: 'r', now: 'n' },
      region,
    );
    expect(caseFile.proposedDepartment).toBe('hrss');
    expect(caseFile.deadlines.register).toMatchObject({
      owedBy: 'office',
      stage: 'register',
      startedBy: 'received',
      startedOn: '2026-11-20',
      dueDate: '2026-12-07',
      days: 15,
      article: expect.stringContaining('第22條'),
    });
  });

  it('shows the public nothing personal', () => {
    const { caseFile } = openCaseFile(intake(), { caseId: 'c', receiptCode: 'r', now: 'n' }, region);
    const status = JSON.stringify(publicStatus(caseFile, region));
    expect(status).not.toContain('張某');
    expect(status).not.toContain(caseFile.description);
  });
});

describe('similar matters', () => {
  it('ranks by similarity, drops the case itself and anything with nothing in common', () => {
    const target = { caseId: 'a', subject: '河道採砂', description: '河道非法採砂破壞堤壩' };
    const ranked = rankSimilar(target, [
      target,
      { caseId: 'b', subject: '河道采砂', description: '河道非法采砂破坏堤坝严重' },
      { caseId: 'c', subject: '河道采砂', description: '河道非法采砂破坏堤坝' },
      { caseId: 'd', subject: '學校收費', description: '學校亂收費' },
    ]);
    expect(ranked.map((r) => r.caseFile.caseId)).toEqual(['c', 'b']);
  });
});
