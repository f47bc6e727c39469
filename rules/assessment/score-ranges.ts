// Score ranges per rating (Oracle Fusion "Assessment Template Score Range: How It's Calculated").
// normalized = round(100 × raw / highest raw of the question); weighted = round(weight × normalized / 100).
// For each rating, high = Σ over questions of the highest weighted score attainable with that
// rating; low = previous (lower) rating's high + 1, the lowest rating starting at 0. A rating a
// question skips gets low = high of the next lower rating used by that question and high = low of
// the next higher rating used (the seeds' correction), so ranges stay ordered.
import { allQuestions, isFreeFormOnly, type AssessmentQuestion, type AssessmentTemplate } from './schema.js';

export interface ScoreRange {
  rating: string;
  low: number;
  high: number;
  feedback: string | null;
}
export interface Bounds { low: number; high: number }

export function normalizedScores(q: AssessmentQuestion): number[] {
  const top = Math.max(...q.responses.map((r) => r.score));
  return q.responses.map((r) => (top > 0 ? Math.round((100 * r.score) / top) : 0));
}

export function weightedScore(weight: number, normalized: number): number {
  return Math.round((weight * normalized) / 100);
}

/** Per rating (lowest first), the bounds of the weighted scores a question can give, corrected for skipped ratings. */
export function questionBounds(q: AssessmentQuestion, ratingsLowFirst: readonly string[]): Bounds[] {
  if (isFreeFormOnly(q)) return ratingsLowFirst.map(() => ({ low: 0, high: 0 }));
  const normalized = normalizedScores(q);
  const used: (Bounds | undefined)[] = ratingsLowFirst.map((rating) => {
    const ws = q.responses.flatMap((r, i) => (r.rating === rating ? [weightedScore(q.weight, normalized[i]!)] : []));
    return ws.length > 0 ? { low: Math.min(...ws), high: Math.max(...ws) } : undefined;
  });
  return used.map((b, k) => {
    if (b) return b;
    const lower = used.slice(0, k).reverse().find((x) => x !== undefined);
    const higher = used.slice(k + 1).find((x) => x !== undefined);
    const low = lower?.high ?? 0;
    return { low, high: higher?.low ?? low };
  });
}

/** Computed ranges in rating order (best first), e.g. Excellent 65-100, Average 46-64, Poor 0-45. */
export function computeScoreRanges(t: Pick<AssessmentTemplate, 'groups' | 'ratings'>): ScoreRange[] {
  const lowFirst = t.ratings.map((r) => r.name).reverse();
  const perQuestion = allQuestions(t).map((q) => questionBounds(q, lowFirst));
  let previousHigh = -1;
  const ranges = lowFirst.map((rating, k) => {
    const high = perQuestion.reduce((sum, b) => sum + b[k]!.high, 0);
    const range = { rating, low: previousHigh + 1, high };
    previousHigh = high;
    return range;
  });
  const feedback = new Map(t.ratings.map((r) => [r.name, r.feedback ?? null]));
  return ranges.reverse().map((r) => ({ ...r, feedback: feedback.get(r.rating) ?? null }));
}

/** The ranges in force: the manual adjustment when given, else the computed ones. Best first. */
export function scoreRanges(t: Pick<AssessmentTemplate, 'groups' | 'ratings' | 'manualScoreRanges'>): ScoreRange[] {
  if (!t.manualScoreRanges) return computeScoreRanges(t);
  const feedback = new Map(t.ratings.map((r) => [r.name, r.feedback ?? null]));
  const byRating = new Map(t.manualScoreRanges.map((r) => [r.rating, r]));
  return t.ratings.flatMap((r) => {
    const m = byRating.get(r.name);
    return m ? [{ rating: r.name, low: m.low, high: m.high, feedback: feedback.get(r.name) ?? null }] : [];
  });
}
