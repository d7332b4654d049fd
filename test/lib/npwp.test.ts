import { describe, expect, it } from 'vitest';
import { formatNpwp } from '../../src/lib/npwp';

describe('formatNpwp', () => {
  it('prints the 15-digit NPWP with its dots and dash, and the 16-digit one as it is', () => {
    expect(formatNpwp('012345678901000')).toBe('01.234.567.8-901.000');
    expect(formatNpwp('3171012345678901')).toBe('3171012345678901');
  });
});
