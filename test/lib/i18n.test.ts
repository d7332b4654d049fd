import { describe, expect, it } from 'vitest';
import { interpolate, negotiateLanguage } from '../../src/lib/i18n';

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'id'],
    ['', 'id'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['id-ID,id;q=0.9,en;q=0.8', 'id'],
    ['en;q=0.5, id;q=0.6', 'id'],
    ['fr-FR, de', 'id'],
    ['fr, en;q=0.3', 'en'],
    ['en;q=0', 'id'],
    ['*', 'id'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLanguage(header)).toBe(expected);
  });
});

describe('interpolate', () => {
  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(interpolate('{a} dan {b}', { a: 1 })).toBe('1 dan {b}');
  });
});
