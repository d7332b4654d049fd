import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/lib/ids';

describe('uuidv7', () => {
  it('encodes the time in the first 48 bits and sets version 7 and the variant', () => {
    const id = uuidv7(Date.UTC(2026, 10, 25, 12, 0, 0));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const millis = Number.parseInt(id.replace('-', '').slice(0, 12), 16);
    expect(millis).toBe(Date.UTC(2026, 10, 25, 12, 0, 0));
  });

  it('sorts by creation time and does not repeat', () => {
    const earlier = uuidv7(1_000);
    const later = uuidv7(2_000);
    expect(earlier < later).toBe(true);
    const ids = new Set(Array.from({ length: 1000 }, () => uuidv7(5_000)));
    expect(ids.size).toBe(1000);
  });
});
