/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.5) with a backtracking Armijo line search:
 * enough for the smooth, convex L2-regularised logistic loss, and free of dependencies.
 */

/** Writes the gradient of the objective at `x` into `gradient` and returns the objective. */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Number of past steps remembered. */
  memory: number;
  maxIterations: number;
  /** Stop when the objective improves by less than this fraction in one step. */
  tolerance: number;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Minimises `objective` from `x` (changed in place); returns the final objective value. */
export function minimise(objective: Objective, x: Float64Array, options: LbfgsOptions): number {
  const n = x.length;
  const gradient = new Float64Array(n);
  let value = objective(x, gradient);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(n);
  const nextX = new Float64Array(n);
  const nextGradient = new Float64Array(n);
  const alpha = new Array<number>(options.memory);

  for (let iteration = 0; iteration < options.maxIterations; iteration++) {
    // Two-loop recursion: direction = -H·gradient.
    direction.set(gradient);
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, direction);
      const a = alpha[k]!;
      const yk = y[k]!;
      for (let i = 0; i < n; i++) direction[i] = direction[i]! - a * yk[i]!;
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma = dot(s[last]!, y[last]!) / dot(y[last]!, y[last]!);
      for (let i = 0; i < n; i++) direction[i] = direction[i]! * gamma;
    } else {
      const norm = Math.sqrt(dot(gradient, gradient)) || 1;
      for (let i = 0; i < n; i++) direction[i] = direction[i]! / norm;
    }
    for (let k = 0; k < s.length; k++) {
      const b = rho[k]! * dot(y[k]!, direction);
      const a = alpha[k]!;
      const sk = s[k]!;
      for (let i = 0; i < n; i++) direction[i] = direction[i]! + sk[i]! * (a - b);
    }
    for (let i = 0; i < n; i++) direction[i] = -direction[i]!;

    let slope = dot(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = dot(gradient, direction);
    }

    let step = 1;
    let nextValue = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = x[i]! + step * direction[i]!;
      nextValue = objective(nextX, nextGradient);
      if (nextValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextValue < value)) break;

    const sNew = new Float64Array(n);
    const yNew = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sNew[i] = nextX[i]! - x[i]!;
      yNew[i] = nextGradient[i]! - gradient[i]!;
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      if (s.length === options.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sNew);
      y.push(yNew);
      rho.push(1 / sy);
    }
    const improvement = (value - nextValue) / Math.max(1, Math.abs(value));
    x.set(nextX);
    gradient.set(nextGradient);
    value = nextValue;
    if (improvement < options.tolerance) break;
  }
  return value;
}
