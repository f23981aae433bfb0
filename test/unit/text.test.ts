import { describe, expect, it } from 'vitest';
import { characterBigrams, normaliseText, similarity, toSimplified } from '../../shared/domain/text.ts';

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

describe('similarity', () => {
  const grams = (text: string) => characterBigrams(normaliseText(text));

  it('is 1 for the same text written in either script', () => {
    expect(similarity(grams('河道採砂破壞堤壩'), grams('河道采砂破坏堤坝'))).toBe(1);
  });

  it('is 0 when nothing is shared, and 0 for an empty text', () => {
    expect(similarity(grams('工廠噪音'), grams('征地補償'))).toBe(0);
    expect(similarity(grams(''), grams('征地補償'))).toBe(0);
  });

  it('ranks a reworded complaint above an unrelated one', () => {
    const base = grams('柳樹鄉征地補償款未發放');
    expect(similarity(base, grams('柳树乡征地补偿款一直未发放'))).toBeGreaterThan(0.6);
    expect(similarity(base, grams('城關鎮學校收費過高'))).toBeLessThan(0.2);
  });

  it('treats a one-character text as its own gram', () => {
    expect([...characterBigrams('地')]).toEqual(['地']);
  });
});
