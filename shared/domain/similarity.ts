// Similar matters filed by others or through other channels, for staff to confirm or dismiss
// by hand (never merged automatically). BM25 over characters, bigrams and trigrams of the
// normalised text (both scripts fold to one), with the terms that name a matter here (places,
// bodies, amounts, years) weighted up; rare shared terms count more than common ones. Chinese
// needs no segmenter for this: n-grams cover words of any split, and the set stays small.
import type { CaseFile } from './case.ts';
import { normaliseText } from './text.ts';

type Matter = Pick<CaseFile, 'caseId' | 'subject' | 'description'>;

/** How far a term that names a matter counts over an ordinary one. */
const ENTITY_WEIGHT = 3;
const K1 = 1.2;
const B = 0.75;
/**
 * How many suggestions a case gets. Scores rank the candidates of one case; across cases they
 * are not comparable (a paraphrase may score 0.01, an unrelated petition of the same village
 * 0.2 against another case), so a fixed cut-off would drop true matches: the best few are shown.
 */
const SUGGESTIONS = 10;

const HAN = '\\p{Script=Han}';
const NUMBER = '(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十百千万]+)';
/**
 * Places, bodies, amounts and years, on the normalised (Simplified, unpunctuated) text. A
 * place or body is the one or two characters before its kind (柳树村, 二小学, 五金厂).
 */
const ENTITY_PATTERNS = [
  new RegExp(`${HAN}{2}(?:村|镇|乡|组|社区|小区|河|街|路|桥)`, 'gu'),
  new RegExp(`${HAN}{1,2}(?:局|所|厂|公司|小学|中学|学校|卫生院|合作社|村委会|物业|工地)`, 'gu'),
  new RegExp(`${NUMBER}(?:元|万元|万|块|亩|平米|个月|年)`, 'gu'),
  /\d{4}年/gu,
];

export function matterText(caseFile: Pick<CaseFile, 'subject' | 'description'>): string {
  return normaliseText(`${caseFile.subject}${caseFile.description}`);
}

function entitiesOf(normalised: string): Set<string> {
  const found = new Set<string>();
  for (const pattern of ENTITY_PATTERNS) for (const [match] of normalised.matchAll(pattern)) found.add(match);
  return found;
}

interface Document {
  text: string;
  /** Term → weighted count: 1- to 3-grams once per occurrence, entities ENTITY_WEIGHT times. */
  terms: Map<string, number>;
  length: number;
  entities: Set<string>;
}

function documentOf(matter: Pick<CaseFile, 'subject' | 'description'>): Document {
  const text = matterText(matter);
  const chars = [...text];
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  // Single characters too: many Chinese words are one (砂, 堤, 款), and they carry the topic.
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= chars.length; i++) add(chars.slice(i, i + n).join(''), 1);
  }
  const entities = entitiesOf(text);
  for (const entity of entities) add(`@${entity}`, ENTITY_WEIGHT);
  let length = 0;
  for (const count of terms.values()) length += count;
  return { text, terms, length, entities };
}

/** The longest runs of the candidate's text that the target also contains (two characters or more). */
function sharedPhrases(target: string, candidate: string): string[] {
  const phrases: string[] = [];
  const chars = [...candidate];
  let i = 0;
  while (i < chars.length - 1) {
    let end = i + 2;
    if (!target.includes(chars.slice(i, end).join(''))) {
      i++;
      continue;
    }
    while (end < chars.length && target.includes(chars.slice(i, end + 1).join(''))) end++;
    phrases.push(chars.slice(i, end).join(''));
    i = end;
  }
  return [...new Set(phrases)].sort((a, b) => b.length - a.length);
}

export interface SimilarMatter<C> {
  caseFile: C;
  /** BM25 against the candidates, relative to the target's own score (1 = the same text). */
  score: number;
  /** Why: the places, bodies, amounts and years both name, and the longest phrases they share. */
  why: { entities: string[]; phrases: string[] };
}

/**
 * The candidates most likely about the same matter, best first, each with why. Term rarity
 * (IDF) is taken from the candidates themselves: what every petition of a place says counts
 * for little there.
 */
export function rankSimilar<C extends Matter>(
  target: Matter,
  candidates: C[],
  limit = SUGGESTIONS,
): Array<SimilarMatter<C>> {
  const others = candidates.filter((c) => c.caseId !== target.caseId);
  const query = documentOf(target);
  const docs = others.map((caseFile) => ({ caseFile, doc: documentOf(caseFile) }));
  const corpus = [query, ...docs.map((d) => d.doc)];
  const averageLength = corpus.reduce((sum, d) => sum + d.length, 0) / corpus.length;
  const frequency = new Map<string, number>();
  for (const doc of corpus)
    for (const term of doc.terms.keys()) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const idf = (term: string) => {
    const df = frequency.get(term) ?? 0;
    return Math.log(1 + (corpus.length - df + 0.5) / (df + 0.5));
  };
  const bm25 = (doc: Document) => {
    let score = 0;
    for (const [term, queryCount] of query.terms) {
      const count = doc.terms.get(term);
      if (!count) continue;
      const saturation = (count * (K1 + 1)) / (count + K1 * (1 - B + (B * doc.length) / averageLength));
      score += idf(term) * saturation * Math.min(queryCount, ENTITY_WEIGHT);
    }
    return score;
  };
  const own = bm25(query) || 1;
  return docs
    .map(({ caseFile, doc }) => ({
      caseFile,
      score: Math.round((bm25(doc) / own) * 1000) / 1000,
      why: {
        entities: [...doc.entities].filter((e) => query.entities.has(e)),
        phrases: sharedPhrases(query.text, doc.text).slice(0, 5),
      },
    }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/** A candidate from elsewhere in the county ranks above a near one only with this many times its score. */
export const NEAR_FIRST = 2;

/**
 * The same township's and category's candidates first, then the county's: a far candidate needs
 * NEAR_FIRST times the score of a near one to pass it (an identical text filed elsewhere still does).
 */
export function nearFirst<C extends Matter>(
  ranked: Array<SimilarMatter<C>>,
  isNear: (caseFile: C) => boolean,
  limit = SUGGESTIONS,
): Array<SimilarMatter<C>> {
  const weight = (r: SimilarMatter<C>) => (isNear(r.caseFile) ? r.score * NEAR_FIRST : r.score);
  return [...ranked].sort((a, b) => weight(b) - weight(a)).slice(0, limit);
}

/**
 * A new file may repeat the same person's earlier file of the same township and category, in
 * other words (統一建檔), when that file is among the first LIKELY_REPEAT_RANK suggestions
 * and scores at least LIKELY_REPEAT_SCORE. Rank, not score alone: a score is relative to the
 * candidates (a matter many people wrote about scores lower; so does a small area), a rank
 * is not. On the project's evaluation set this takes every same-matter pair and 3.7% of the
 * pairs about different matters (a score of 0.08 alone: 98.4% and 4.8%); the same person and
 * place make the rest of the case, and staff confirm: nothing is merged.
 */
export const LIKELY_REPEAT_RANK = 3;
export const LIKELY_REPEAT_SCORE = 0.05;

type Place = Pick<CaseFile, 'caseId' | 'township' | 'category'>;

/** The best-ranked of the person's own files of the same place and category that reads alike. */
export function likelyRepeatOf<C extends Place>(
  target: Place,
  ranked: Array<SimilarMatter<C>>,
  ownFiles: ReadonlySet<string>,
): SimilarMatter<C> | undefined {
  return ranked
    .slice(0, LIKELY_REPEAT_RANK)
    .find(
      ({ caseFile: c, score }) =>
        ownFiles.has(c.caseId) &&
        c.township === target.township &&
        c.category === target.category &&
        score >= LIKELY_REPEAT_SCORE,
    );
}
