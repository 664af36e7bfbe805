/** Accuracy and macro-F1 of two-class predictions made from the sign of a score. */
export interface Figures {
  accuracy: number;
  macroF1: number;
  n: number;
}

/**
 * Scores counted as the brief's evaluation rule says: the sign decides, and a score of exactly
 * 0 is wrong for either class (it is a false negative of its class and nobody's false positive).
 */
export function figures(labels: ArrayLike<number>, scores: ArrayLike<number>): Figures {
  let correct = 0;
  const tp = [0, 0];
  const fp = [0, 0];
  const fn = [0, 0];
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    const score = scores[i]!;
    const predicted = score > 0 ? 1 : score < 0 ? 0 : -1;
    if (predicted === label) {
      correct++;
      tp[label]!++;
    } else {
      fn[label]!++;
      if (predicted !== -1) fp[predicted]!++;
    }
  }
  const f1 = (c: number): number => {
    const denominator = 2 * tp[c]! + fp[c]! + fn[c]!;
    return denominator === 0 ? 0 : (2 * tp[c]!) / denominator;
  };
  const n = labels.length;
  return { accuracy: n === 0 ? 0 : correct / n, macroF1: (f1(0) + f1(1)) / 2, n };
}
