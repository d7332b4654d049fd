import { describe, expect, it } from 'vitest';
import { businessDate, saleNumber } from '../../src/lib/business-date';

describe('businessDate', () => {
  it.each([
    // 2026-11-25 16:30 UTC is 23:30 WIB, 00:30 WITA (next day), 01:30 WIT (next day).
    ['2026-11-25T16:30:00Z', 'Asia/Jakarta', 0, '2026-11-25'],
    ['2026-11-25T16:30:00Z', 'Asia/Makassar', 0, '2026-11-26'],
    ['2026-11-25T16:30:00Z', 'Asia/Jayapura', 0, '2026-11-26'],
    // With a 04:00 cut-off, 00:30 and 01:30 still belong to the day the shift started.
    ['2026-11-25T16:30:00Z', 'Asia/Makassar', 4, '2026-11-25'],
    ['2026-11-25T16:30:00Z', 'Asia/Jayapura', 4, '2026-11-25'],
    // 04:00 WIB exactly is the new day; 03:59 is not.
    ['2026-11-25T21:00:00Z', 'Asia/Jakarta', 4, '2026-11-26'],
    ['2026-11-25T20:59:00Z', 'Asia/Jakarta', 4, '2026-11-25'],
    // Across a month and a year end.
    ['2026-12-31T17:30:00Z', 'Asia/Jakarta', 0, '2027-01-01'],
    ['2026-12-31T17:30:00Z', 'Asia/Jakarta', 2, '2026-12-31'],
  ] as const)('%s in %s with cut-off %i → %s', (at, zone, cutoff, expected) => {
    expect(businessDate(new Date(at), zone, cutoff)).toBe(expected);
  });
});

describe('saleNumber', () => {
  it('joins the store code, the date without dashes and a four-digit sequence', () => {
    expect(saleNumber('JKT01', '2026-11-25', 7)).toBe('JKT01-20261125-0007');
    expect(saleNumber('DPS01', '2026-01-02', 12_345)).toBe('DPS01-20260102-12345');
  });
});
