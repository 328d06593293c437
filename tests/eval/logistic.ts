/**
 * A logistic regression over named evidence (src/attribution/confidence.ts, `evidenceOf`): the learned
 * confidence that `npm run calibrate` (calibrate.ts) fits on the dev labels and measures against the
 * hand-set one.
 */
import type { Evidence } from '../../src/attribution/confidence.ts';

export interface Calibration {
  /** A weight by evidence name; evidence without a weight counts nothing. */
  weights: Record<string, number>;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The probability the model gives an attribution with this evidence. */
export function predictLogistic(model: Pick<Calibration, 'weights'>, evidence: Evidence): number {
  let sum = 0;
  for (const name in evidence) sum += (model.weights[name] ?? 0) * (evidence[name] as number);
  return sigmoid(sum);
}

/**
 * Fits a logistic regression (full-batch gradient descent from zero weights, deterministic) minimising the
 * mean log loss plus `penalty` / (2n) times the squared weights (the bias unpenalised).
 */
export function fitLogistic(evidence: readonly Evidence[], right: readonly boolean[], penalty: number, iterations = 4000, rate = 0.5): Pick<Calibration, 'weights'> {
  const names = [...new Set(evidence.flatMap((e) => Object.keys(e)))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const rows = evidence.map((e) => Object.entries(e).map(([name, value]) => [index.get(name) as number, value] as const));
  const weights = new Float64Array(names.length);
  const gradient = new Float64Array(names.length);
  const n = rows.length;
  const bias = index.get('bias');
  for (let step = 0; step < iterations; step++) {
    gradient.fill(0);
    rows.forEach((row, r) => {
      let sum = 0;
      for (const [i, value] of row) sum += (weights[i] as number) * value;
      const error = sigmoid(sum) - (right[r] ? 1 : 0);
      for (const [i, value] of row) gradient[i] = (gradient[i] as number) + error * value;
    });
    for (let i = 0; i < names.length; i++) {
      const shrink = i === bias ? 0 : penalty * (weights[i] as number);
      weights[i] = (weights[i] as number) - (rate * ((gradient[i] as number) + shrink)) / n;
    }
  }
  return { weights: Object.fromEntries(names.map((name, i) => [name, Math.round((weights[i] as number) * 1e4) / 1e4])) };
}
