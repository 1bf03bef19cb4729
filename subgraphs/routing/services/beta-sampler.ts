/**
 * Random draws for the router's Thompson sampling: a Beta variate from two Gamma variates, with the uniform source
 * injected so tests (and the routing benchmark) can seed it.
 *
 * - Gamma(a, 1) for a ≥ 1: Marsaglia & Tsang, "A Simple Method for Generating Gamma Variables", ACM Transactions on
 *   Mathematical Software 26(3):363–372, 2000 (the squeeze-and-reject method on d·(1 + c·x)³ with x standard normal).
 *   For a < 1 the same paper's boost: Gamma(a) = Gamma(a + 1) · U^(1/a). Draws are kept as logarithms, so shapes
 *   far below 1 (U^(1/a) underflows to 0 for a ≈ 0.01) still give a finite Beta.
 * - Beta(α, β) = X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β) (e.g. Devroye, "Non-Uniform Random Variate Generation",
 *   1986, ch. IX.4); a parameter of 0 is the point mass at 0 or 1.
 * - Standard normal: Marsaglia's polar method (Marsaglia & Bray, SIAM Review 6(3), 1964).
 * - Seeded uniforms: mulberry32 (Tommy Ettinger, public domain), a 32-bit generator good enough for simulations and
 *   tests; not for anything secret.
 */

/** A source of uniform numbers in [0, 1), like `Math.random`. */
export type UniformRandom = () => number;

/** A seeded {@link UniformRandom} (mulberry32): the same seed gives the same sequence. */
export function createSeededRandom(seed: number): UniformRandom {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Marsaglia's polar method). */
export function sampleStandardNormal(random: UniformRandom): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * The natural logarithm of a Gamma(shape, 1) draw (Marsaglia & Tsang 2000).
 * @throws RangeError unless `shape` is finite and > 0.
 */
export function sampleLogGamma(shape: number, random: UniformRandom): number {
  if (!(Number.isFinite(shape) && shape > 0)) throw new RangeError(`Gamma shape must be > 0 (got ${shape})`);
  if (shape < 1) {
    // Boost: Gamma(a) = Gamma(a + 1) · U^(1/a), in logs. 1 − U lies in (0, 1], so its log is finite.
    return sampleLogGamma(shape + 1, random) + Math.log(1 - random()) / shape;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleStandardNormal(random);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - random();
    // The cheap squeeze first, then the exact test (both from the paper).
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return Math.log(d * v);
  }
}

/**
 * A Beta(alpha, beta) draw in [0, 1]: X / (X + Y) of two Gamma draws, computed from their logarithms. `alpha = 0`
 * (with `beta` > 0) is the point mass at 0 and `beta = 0` the one at 1.
 * @throws RangeError for a negative or non-finite parameter, or both 0.
 */
export function sampleBeta(alpha: number, beta: number, random: UniformRandom): number {
  if (!(Number.isFinite(alpha) && Number.isFinite(beta) && alpha >= 0 && beta >= 0) || alpha + beta === 0) {
    throw new RangeError(`Beta parameters must be ≥ 0 and not both 0 (got ${alpha}, ${beta})`);
  }
  if (alpha === 0) return 0;
  if (beta === 0) return 1;
  const logX = sampleLogGamma(alpha, random);
  const logY = sampleLogGamma(beta, random);
  // X / (X + Y) = 1 / (1 + e^(log Y − log X)), which stays finite when both draws underflow.
  return 1 / (1 + Math.exp(logY - logX));
}
