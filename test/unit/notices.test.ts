import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { openCaseFile } from '../../shared/domain/case.ts';
import { noticeText, quoted } from '../../shared/domain/notices.ts';
import { loadRegionConfig } from '../../shared/region.ts';
import { opinionFields, staffCase } from '../fixtures/petitions.ts';

const region = loadRegionConfig(SAMPLE_REGION_FILE);
const ids = { caseId: 'ZQ-1', receiptCode: 'R1', now: '2026-12-06T01:00:00.000Z' };
const { caseFile } = openCaseFile(staffCase({ receivedAt: '2026-12-05T17:00:00.000Z' }), ids, region);

describe("staff's and petitioners' words inside a notice", () => {
  it("give up their own closing mark to the sentence's, so none is doubled or lost", () => {
    expect(quoted('依据相关规定和核查情况。')).toBe('依据相关规定和核查情况');
    expect(quoted('Checked on site. ')).toBe('Checked on site');
    expect(quoted('鄉財政所未按時發放到戶；')).toBe('鄉財政所未按時發放到戶');
    expect(quoted('沒有標點')).toBe('沒有標點');
  });

  it('reads an opinion whose every field ends in a full stop with single full stops', () => {
    const fields = opinionFields('supported');
    const opinion = {
      outcome: fields.outcome,
      request: `${fields.request}。`,
      facts: `${fields.facts}。`,
      reasons: `${fields.reasons}。`,
      legalBasis: `${fields.legalBasis}。`,
      opinion: `${fields.opinion}。`,
      issuedOn: '2026-12-06',
    };
    const text = noticeText('opinion', { ...caseFile, opinion }, region);

    expect(text.zh).not.toMatch(/[。；][。；]/);
    expect(text.zh).toContain(
      `事實和理由：${fields.facts}；${fields.reasons}。處理意見：${fields.opinion}。`,
    );
    expect(text.en).not.toMatch(/\.\./);
  });

  it('reads a refusal whose reason ends in a full stop with one full stop', () => {
    const refused = { ...caseFile, notAccepted: { reason: '非信訪事項。', on: '2026-12-06' } };
    const text = noticeText('not_accepted', refused, region);

    expect(text.zh).toMatch(/不予受理。理由：非信訪事項。$/);
  });

  it("dates the petition by the region's day, not the UTC day (01:00 Beijing is the 6th)", () => {
    expect(noticeText('registered', caseFile, region).zh).toContain('您於2026-12-06提出');
  });
});
