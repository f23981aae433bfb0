import { describe, expect, it } from 'vitest';
import { rankSimilar } from '../../shared/domain/similarity.ts';
import { normaliseText, toSimplified } from '../../shared/domain/text.ts';

describe('normaliseText', () => {
  it('maps Traditional characters to Simplified', () => {
    expect(toSimplified('國土資源與征地補償')).toBe('国土资源与征地补偿');
  });

  it('resolves Taiwan and Hong Kong variants to the same Simplified character', () => {
    expect(normaliseText('裡')).toBe(normaliseText('裏'));
    expect(normaliseText('裡')).toBe('里');
  });

  it('folds full-width letters and digits to half-width and lower case', () => {
    expect(normaliseText('ＡＢＣ１２３')).toBe('abc123');
  });

  it('drops punctuation and spaces of either width', () => {
    expect(normaliseText('拖欠工資，討薪無果！ (2026)')).toBe(normaliseText('拖欠工资讨薪无果2026'));
  });

  it('keeps different matters different', () => {
    expect(normaliseText('拖欠工資')).not.toBe(normaliseText('拖欠房租'));
  });

  it('leaves an empty or punctuation-only text empty', () => {
    expect(normaliseText('，。！ ')).toBe('');
  });
});

describe('similar matters', () => {
  const matter = (caseId: string, text: string) => ({ caseId, subject: text, description: '' });

  it('scores the same text written in either script as the text itself', () => {
    const [same] = rankSimilar(matter('a', '河道採砂破壞堤壩'), [matter('b', '河道采砂破坏堤坝')]);
    expect(same?.score).toBe(1);
  });

  it('suggests nothing that shares nothing, nor anything for an empty text', () => {
    expect(rankSimilar(matter('a', '工廠噪音'), [matter('b', '征地補償')])).toEqual([]);
    expect(rankSimilar(matter('a', '，。！'), [matter('b', '征地補償')])).toEqual([]);
  });

  it('ranks a reworded complaint above an unrelated one', () => {
    const ranked = rankSimilar(matter('a', '柳樹鄉征地補償款未發放'), [
      matter('unrelated', '城關鎮學校收費過高'),
      matter('reworded', '柳树乡征地补偿款一直未发放'),
    ]);
    expect(ranked.map((r) => r.caseFile.caseId)).toEqual(['reworded']);
  });
});
