import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { openCaseFile } from '../../shared/domain/case.ts';
import { petitionerIdentity, verifierHash, verifierHashOfDigits } from '../../shared/domain/matching.ts';
import { parsePepperRing } from '../../shared/domain/pepper-ring.ts';
import { publicStatus } from '../../shared/domain/public-view.ts';
import { rankSimilar } from '../../shared/domain/similarity.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { staffCase, VALID_ID_NUMBER } from '../fixtures/petitions.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const pepper = { current: 'v1', versions: { v1: 'pepper-for-unit-tests-32-characters' } };
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
    const b = petitionerIdentity(intake({ petitioner: person }), {
      current: 'v1',
      versions: { v1: 'another-pepper-value-of-32-characters' },
    });
    expect(a.identityHashes[0]).not.toBe(b.identityHashes[0]);
  });
});

describe('pepper rotation', () => {
  const person = { name: '張某', phone: '13800138000' };
  const v2 = 'the-second-pepper-of-32-characters-or-more';
  const during = { current: 'v2', versions: { ...pepper.versions, v2 } };

  it('writes under the new pepper and still finds what the old one made', () => {
    const before = petitionerIdentity(intake({ petitioner: person }), pepper);
    const now = petitionerIdentity(intake({ petitioner: person }), during);
    expect(now.matterFingerprints[0]).toMatch(/^v2\./);
    expect(now.matterFingerprints).not.toEqual(before.matterFingerprints);
    expect(now.former.matterFingerprints).toEqual(before.matterFingerprints);
    expect(now.former.identityHashes).toEqual(before.identityHashes);
    expect(before.former.matterFingerprints).toEqual([]);
  });

  it("checks a receipt's digits with the pepper that made its hash, and a retired one matches nothing", () => {
    const stored = verifierHash(person.phone, 'case-1', pepper);
    expect(verifierHashOfDigits('8000', 'case-1', during, stored)).toBe(stored);
    expect(verifierHashOfDigits('8001', 'case-1', during, stored)).not.toBe(stored);
    const retired = { current: 'v2', versions: { v2 } };
    expect(verifierHashOfDigits('8000', 'case-1', retired, stored)).not.toBe(stored);
  });

  it('reads the secret as {"current", "v1", ...} and says what is wrong without showing it', () => {
    expect(parsePepperRing(JSON.stringify({ current: 'v2', v1: pepper.versions.v1, v2 }))).toEqual(during);
    for (const [json, problem] of [
      ['{', 'not JSON'],
      [JSON.stringify({ current: 'v3', v2 }), '"current" must name a version the secret holds'],
      [JSON.stringify({ current: 'v1', v1: 'short' }), 'each pepper must be 32 characters or more'],
    ] as const) {
      const parsed = parsePepperRing(json);
      expect(parsed).toEqual({ problem: expect.stringContaining(problem) });
      expect(JSON.stringify(parsed)).not.toContain(v2);
    }
  });
});

describe('opening a case file', () => {
  it("proposes the category's lead department and sets the register deadline with its article", () => {
    const { caseFile } = openCaseFile(
      intake({ category: 'labour', receivedAt: '2026-11-20T09:30:00+08:00' }),
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
