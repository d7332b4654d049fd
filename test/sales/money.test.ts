import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateProportionally,
  applyBasisPoints,
  assertRupiah,
  formatRupiah,
  includedBasisPoints,
  isRupiah,
  multiplyRupiah,
  roundToStep,
  sumRupiah,
} from '../../src/lib/money';

const max = Number.MAX_SAFE_INTEGER;

describe('assertRupiah', () => {
  it.each([0, 1, -1, 15_000, max, -max])('accepts the safe integer %s', (value) => {
    expect(isRupiah(value)).toBe(true);
    expect(() => assertRupiah(value)).not.toThrow();
  });

  it.each([
    0.5,
    1.000_1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    max + 1,
    2 ** 60,
    '100',
    null,
    undefined,
    100n,
  ])('rejects %s', (value) => {
    expect(isRupiah(value)).toBe(false);
    expect(() => assertRupiah(value, 'price')).toThrow(RangeError);
  });

  it('guards every operation', () => {
    expect(() => applyBasisPoints(10.5, 1000)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, 10.5)).toThrow(RangeError);
    expect(() => applyBasisPoints(100, -1)).toThrow(RangeError);
    expect(() => roundToStep(100, -100)).toThrow(RangeError);
    expect(() => roundToStep(Number.NaN, 100)).toThrow(RangeError);
    expect(() => formatRupiah(1.5)).toThrow(RangeError);
    expect(() => allocateProportionally(-1, [1])).toThrow(RangeError);
    expect(() => allocateProportionally(1, [1, -1])).toThrow(RangeError);
  });
});

describe('applyBasisPoints', () => {
  it.each([
    // [amount, bp, expected, why]
    [105_000, 1000, 10_500, 'PBJT 10% of 105.000'],
    [100_000, 500, 5_000, 'service 5% of 100.000'],
    [100_000, 1100, 11_000, 'PPN 11%'],
    [5, 1000, 1, '0.5 rounds up'],
    [15, 1000, 2, '1.5 rounds up'],
    [14, 1000, 1, '1.4 rounds down'],
    [4_545, 1100, 500, '499.95 rounds up'],
    [4_540, 1100, 499, '499.4 rounds down'],
    [50, 100, 1, '0.5 (1% of 50) rounds up'],
    [49, 100, 0, '0.49 rounds down'],
    [1, 5000, 1, 'half of 1 rupiah rounds up'],
    [-5, 1000, -1, 'negative halves round away from zero'],
    [-14, 1000, -1, '-1.4 → -1'],
    [0, 1100, 0, 'nothing of nothing'],
    [12_345, 0, 0, 'rate 0'],
    [12_345, 10_000, 12_345, 'rate 100%'],
  ])('%s × %s bp = %s (%s)', (amount, bp, expected) => {
    expect(applyBasisPoints(amount, bp)).toBe(expected);
  });

  it('is exact near 2^53 where float arithmetic is not', () => {
    // 9 007 199 254 740 991 × 1 / 10 000 = 900 719 925 474.0991 → 900 719 925 474
    expect(applyBasisPoints(max, 1)).toBe(900_719_925_474);
    // × 5000 / 10000 = 4 503 599 627 370 495.5 → …496 (half-up); float gives …496 by luck only
    expect(applyBasisPoints(max, 5000)).toBe(4_503_599_627_370_496);
    // 2^53 − 1 at 100%
    expect(applyBasisPoints(max, 10_000)).toBe(max);
    // 9 007 199 254 740 981 × 1100 / 10 000 = 990 791 918 021 507.91 → …508; the float product
    // (9.9e18) is beyond 2^53 and cannot hold the last digits.
    expect(applyBasisPoints(max - 10, 1100)).toBe(990_791_918_021_508);
  });

  it('throws when the result leaves the safe range', () => {
    expect(() => applyBasisPoints(max, 20_000)).toThrow(RangeError);
  });

  it('matches exact rational rounding for random inputs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bp) => {
          const result = applyBasisPoints(amount, bp);
          // |result − amount·bp/10000| ≤ ½, and exactly ½ only when rounding away from zero.
          const twiceError = 2n * (BigInt(result) * 10_000n - BigInt(amount) * BigInt(bp));
          expect(twiceError <= 10_000n && twiceError >= -10_000n).toBe(true);
          if (twiceError === 10_000n) expect(amount > 0).toBe(true);
          if (twiceError === -10_000n) expect(amount < 0).toBe(true);
        },
      ),
    );
  });
});

describe('includedBasisPoints', () => {
  it.each([
    // [amount, bp, tax inside, why]
    [111_000, 1100, 11_000, '111.000 incl. 11% = 100.000 + 11.000'],
    [110_000, 1000, 10_000, '110.000 incl. 10%'],
    [115_500, 1000, 10_500, '115.500 incl. 10% = 105.000 + 10.500'],
    [11, 1000, 1, '11 / 1.1 = 10'],
    [10, 1000, 1, '10 / 1.1 = 9.09 → 9, tax 1'],
    [16, 1000, 1, '16 / 1.1 = 14.545 → 15, tax 1'],
    [0, 1100, 0, 'nothing'],
    [5_000, 0, 0, 'rate 0'],
  ])('%s incl. %s bp holds %s (%s)', (amount, bp, expected) => {
    expect(includedBasisPoints(amount, bp)).toBe(expected);
  });

  it('rounds the base half-up: 21 incl. 10% → base 19.09 → 19', () => {
    expect(includedBasisPoints(21, 1000)).toBe(2);
    // 5.5 exactly: 605 / 1.1 = 550 → tax 55; 11.55 … 1155 incl. 10% = 1050 + 105
    expect(includedBasisPoints(1155, 1000)).toBe(105);
    // base 0.5 exactly rounds up: amount 1 at 10 000 bp (100%) → 1/2 → base 1, tax 0
    expect(includedBasisPoints(1, 10_000)).toBe(0);
    expect(includedBasisPoints(3, 10_000)).toBe(1);
  });
});

describe('roundToStep', () => {
  it.each([
    [115_500, 0, 115_500],
    [115_449, 100, 115_400],
    [115_450, 100, 115_500],
    [115_451, 100, 115_500],
    [115_249, 500, 115_000],
    [115_250, 500, 115_500],
    [115_499, 1000, 115_000],
    [115_500, 1000, 116_000],
    [49, 100, 0],
    [50, 100, 100],
    [0, 1000, 0],
    [-50, 100, -100],
    [-49, 100, 0],
  ])('%s to step %s → %s', (amount, step, expected) => {
    expect(roundToStep(amount, step)).toBe(expected);
  });

  it('works near 2^53', () => {
    expect(roundToStep(max - 1000, 1000)).toBe(9_007_199_254_740_000);
    expect(() => roundToStep(max, 1000)).toThrow(RangeError);
  });
});

describe('sumRupiah and multiplyRupiah', () => {
  it('are exact and refuse to overflow', () => {
    expect(sumRupiah([])).toBe(0);
    expect(sumRupiah([1, 2, 3])).toBe(6);
    expect(sumRupiah([max, -1, 1])).toBe(max);
    expect(() => sumRupiah([max, 1])).toThrow(RangeError);
    expect(() => sumRupiah([1, 0.5])).toThrow(RangeError);
    expect(multiplyRupiah(15_000, 3)).toBe(45_000);
    expect(multiplyRupiah(2 ** 26, 2 ** 26)).toBe(2 ** 52);
    expect(() => multiplyRupiah(2 ** 27, 2 ** 27)).toThrow(RangeError);
  });
});

describe('allocateProportionally', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [100, [1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]],
    [10, [50_000, 30_000, 20_000], [5, 3, 2]],
    [1, [1, 1], [1, 0]],
    [1, [1, 2], [0, 1]],
    [7, [0, 3, 0, 4], [0, 3, 0, 4]],
    [5, [0, 0, 1], [0, 0, 5]],
    [0, [0, 0], [0, 0]],
    [0, [3, 4], [0, 0]],
    [10_000, [33_333, 66_667], [3_333, 6_667]],
    [2, [1, 1, 1], [1, 1, 0]],
  ])('%s over %j → %j', (amount, weights, expected) => {
    expect(allocateProportionally(amount, weights)).toEqual(expected);
  });

  it('refuses a non-zero amount over zero weights', () => {
    expect(() => allocateProportionally(1, [0, 0])).toThrow(RangeError);
    expect(() => allocateProportionally(1, [])).toThrow(RangeError);
  });

  it('handles weights and amounts near 2^53', () => {
    // Exact shares: k + 0.25…, k + 0.25…, 0.4999… with k = (max − 1) / 2; one rupiah is left
    // over and goes to the largest remainder, the third part.
    const k = (max - 1) / 2;
    expect(allocateProportionally(max, [max, max, 1])).toEqual([k, k, 1]);
  });

  it('always adds up, never gives to a zero weight and stays within 1 of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 12 }),
        (amount, weights) => {
          fc.pre(weights.some((weight) => weight > 0));
          const parts = allocateProportionally(amount, weights);
          const totalWeight = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          parts.forEach((part, index) => {
            const weight = weights[index] ?? 0;
            if (weight === 0) expect(part).toBe(0);
            const exact = BigInt(amount) * BigInt(weight);
            const scaled = BigInt(part) * BigInt(totalWeight);
            expect(
              scaled >= exact - BigInt(totalWeight) && scaled <= exact + BigInt(totalWeight),
            ).toBe(true);
          });
        },
      ),
    );
  });
});

describe('formatRupiah', () => {
  it.each([
    [15_000, 'Rp 15.000'],
    [0, 'Rp 0'],
    [500, 'Rp 500'],
    [115_500, 'Rp 115.500'],
    [1_000_000, 'Rp 1.000.000'],
    [1_234_567_890, 'Rp 1.234.567.890'],
    [max, 'Rp 9.007.199.254.740.991'],
  ])('%s → %s', (amount, expected) => {
    expect(formatRupiah(amount)).toBe(expected);
  });

  it('uses a plain ASCII space, never a no-break space, and no decimals', () => {
    const text = formatRupiah(15_000);
    expect(text).not.toMatch(/[\u00a0\u202f]/);
    expect(text).not.toContain(',');
  });

  it('formats negative amounts (a rounding line) with a leading minus', () => {
    expect(formatRupiah(-50)).toBe('-Rp 50');
  });
});
