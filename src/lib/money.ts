/**
 * The one money module. Amounts are whole rupiah held in a `number` that must be a safe integer
 * (|x| ≤ 2^53 − 1); anything else (fractions, NaN, Infinity, unsafe magnitudes) throws a
 * RangeError, because a wrong amount must never be computed silently. Callers that take amounts
 * from a request validate them first and answer 4xx; a RangeError from here is a programming error.
 *
 * Every product or quotient is computed exactly with BigInt and rounded once, half-up (a half goes
 * away from zero, the commercial rule), to whole rupiah.
 */

const basisPointsPerWhole = 10_000n;

/** True when the value is a whole-rupiah amount this module can compute with. */
export function isRupiah(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws unless the value is a safe integer; `name` goes into the message for debugging. */
export function assertRupiah(value: unknown, name = 'amount'): asserts value is number {
  if (!isRupiah(value)) {
    throw new RangeError(`${name} must be a safe integer number of rupiah, got ${String(value)}`);
  }
}

function assertNonNegative(value: unknown, name: string): asserts value is number {
  assertRupiah(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

function toSafeNumber(value: bigint, name: string): number {
  const result = Number(value);
  if (!Number.isSafeInteger(result) || BigInt(result) !== value) {
    throw new RangeError(`${name} is too large to compute safely (${value})`);
  }
  return result;
}

/** numerator / denominator rounded half-up (halves away from zero); the denominator is positive. */
function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('denominator must be positive');
  if (numerator >= 0n) return (2n * numerator + denominator) / (2n * denominator);
  return -((-2n * numerator + denominator) / (2n * denominator));
}

/** The exact sum of the amounts; throws if any amount or the sum is not a safe integer. */
export function sumRupiah(amounts: readonly number[]): number {
  let total = 0n;
  for (const [index, amount] of amounts.entries()) {
    assertRupiah(amount, `amounts[${index}]`);
    total += BigInt(amount);
  }
  return toSafeNumber(total, 'sum');
}

/** amount × factor (e.g. unit price × quantity), exactly; throws when it leaves the safe range. */
export function multiplyRupiah(amount: number, factor: number): number {
  assertRupiah(amount, 'amount');
  assertRupiah(factor, 'factor');
  return toSafeNumber(BigInt(amount) * BigInt(factor), 'product');
}

/**
 * amount × basisPoints / 10 000, rounded half-up to whole rupiah: a rate in basis points
 * (1100 = 11%) applied to an amount. applyBasisPoints(105_000, 1000) = 10 500;
 * applyBasisPoints(5, 1000) = 1 (0.5 rounds up).
 */
export function applyBasisPoints(amount: number, basisPoints: number): number {
  assertRupiah(amount, 'amount');
  assertNonNegative(basisPoints, 'basisPoints');
  return toSafeNumber(
    divideRoundHalfUp(BigInt(amount) * BigInt(basisPoints), basisPointsPerWhole),
    'applyBasisPoints',
  );
}

/**
 * The part of an amount that already includes a rate of `basisPoints` on top of a base:
 * amount − round(amount × 10 000 / (10 000 + basisPoints)), the base rounded half-up once.
 * It is the tax inside a tax-inclusive price: includedBasisPoints(111_000, 1100) = 11 000.
 */
export function includedBasisPoints(amount: number, basisPoints: number): number {
  assertRupiah(amount, 'amount');
  assertNonNegative(basisPoints, 'basisPoints');
  const base = divideRoundHalfUp(
    BigInt(amount) * basisPointsPerWhole,
    basisPointsPerWhole + BigInt(basisPoints),
  );
  return toSafeNumber(BigInt(amount) - base, 'includedBasisPoints');
}

/**
 * The amount rounded half-up to the nearest multiple of `step` (0 = no rounding):
 * roundToStep(115_450, 100) = 115 500, roundToStep(115_449, 100) = 115 400.
 */
export function roundToStep(amount: number, step: number): number {
  assertRupiah(amount, 'amount');
  assertNonNegative(step, 'step');
  if (step === 0) return amount;
  const stepBig = BigInt(step);
  return toSafeNumber(divideRoundHalfUp(BigInt(amount), stepBig) * stepBig, 'roundToStep');
}

/**
 * Splits a non-negative amount across non-negative weights in proportion, in whole rupiah, so that
 * the parts add up to the amount exactly (largest-remainder method): every part first gets the
 * floor of its exact share, then the rupiah left over go one each to the parts with the largest
 * remainders, ties to the earlier part. A zero weight always gets 0. With all weights zero only an
 * amount of 0 can be split.
 */
export function allocateProportionally(amount: number, weights: readonly number[]): number[] {
  assertNonNegative(amount, 'amount');
  const bigWeights = weights.map((weight, index) => {
    assertNonNegative(weight, `weights[${index}]`);
    return BigInt(weight);
  });
  const totalWeight = bigWeights.reduce((sum, weight) => sum + weight, 0n);
  if (totalWeight === 0n) {
    if (amount !== 0) throw new RangeError('cannot allocate a non-zero amount over zero weights');
    return weights.map(() => 0);
  }
  const bigAmount = BigInt(amount);
  const shares = bigWeights.map((weight) => bigAmount * weight);
  const parts = shares.map((share) => share / totalWeight);
  const remainders = shares.map((share) => share % totalWeight);
  let leftover = bigAmount - parts.reduce((sum, part) => sum + part, 0n);
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) =>
      a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
    );
  for (const { index } of order) {
    if (leftover === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    leftover -= 1n;
  }
  return parts.map((part) => Number(part));
}

const rupiahFormat = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  // Explicit: older ICU data prints IDR with ",00".
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});

/**
 * 'Rp 15.000' ('.' groups thousands; negative amounts read '-Rp 15.000'). Intl separates the
 * symbol with a no-break space (U+00A0, or U+202F in some ICU versions); it is normalised to a
 * plain ASCII space so the text is identical everywhere (plain-text receipts, JSON, tests). An
 * HTML template that must not break the line there can swap it back.
 */
export function formatRupiah(amount: number): string {
  assertRupiah(amount, 'amount');
  return rupiahFormat.format(amount).replace(/[\u00a0\u202f]/g, ' ');
}
