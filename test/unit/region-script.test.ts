// The region's language: system texts (written in Traditional) in the region's script; the
// petitioner's own words untouched.
import { describe, expect, it } from 'vitest';
import { SAMPLE_REGION_FILE } from '../../infra/local/stack.ts';
import { inRegionScript, regionScript } from '../../shared/domain/region-script.ts';
import { loadRegionConfig } from '../../shared/region.ts';

describe('regionScript', () => {
  it('writes Simplified by phrase, not by character (復核 is 复核, not 复覈), and leaves zh-Hant as written', () => {
    expect(regionScript('zh-Hans')('經省人民政府信訪局復核，發放到戶，村裡。')).toBe(
      '经省人民政府信访局复核，发放到户，村里。',
    );
    expect(regionScript('en')('辦理期限')).toBe('办理期限');
    expect(regionScript('zh-Hant')('辦理期限')).toBe('辦理期限');
  });

  it('the sample county reads Simplified, and its data is written so', () => {
    const region = loadRegionConfig(SAMPLE_REGION_FILE);
    expect(region.region.language).toBe('zh-Hans');
    expect(region.region.name.zh).toBe('珠泉县');
  });
});

describe('inRegionScript', () => {
  const answer = {
    case: { subject: '補償款未發放', status: 'assigned' },
    statusLabel: { zh: '已交辦責任單位辦理', en: 'Assigned' },
    nextDeadline: { article: '信訪工作條例 (2022) 第34條', label: { zh: '出具處理意見', en: 'issuing' } },
    list: [{ name: { zh: '縣教育局', en: 'Education Bureau' } }],
  };

  it('converts the Chinese of every {zh, en} pair and every article, and nothing else', () => {
    const converted = inRegionScript(answer, regionScript('zh-Hans'));
    expect(converted).toEqual({
      case: { subject: '補償款未發放', status: 'assigned' },
      statusLabel: { zh: '已交办责任单位办理', en: 'Assigned' },
      nextDeadline: { article: '信访工作条例 (2022) 第34条', label: { zh: '出具处理意见', en: 'issuing' } },
      list: [{ name: { zh: '县教育局', en: 'Education Bureau' } }],
    });
    // A copy: the answer itself is left as it was.
    expect(answer.statusLabel.zh).toBe('已交辦責任單位辦理');
  });
});
