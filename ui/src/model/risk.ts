// The colour of a payment score: the same three bands as the customer page's gauge.
export type ScoreTone = "good" | "watch" | "bad";

/** 70 and above pays well; under 40 is the score that makes a customer « à risque ». */
export function scoreTone(score: number): ScoreTone {
  if (score >= 70) return "good";
  if (score >= 40) return "watch";
  return "bad";
}
