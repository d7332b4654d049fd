import * as fc from 'fast-check';
import { toBase64Url, utf8 } from '../../src/lib/encoding';

/**
 * What an attacker or a broken till sends instead of what the schema asks for: the values, the
 * edits that put them into an otherwise valid body, and the raw bodies no schema can describe.
 */

const nul = '\u0000';

export const hostileStrings = [
  `Kopi${nul}Susu`,
  nul,
  '\ud800',
  'a\udfffb',
  '\uffff\ufffe',
  '\ufeffKopi',
  'Kopi \u202egnirts',
  '🍜'.repeat(60),
  'e\u0301'.repeat(120),
  'x'.repeat(10_001),
  'x'.repeat(200_000),
  '',
  ' ',
  '\t\n',
  "'; drop table users; --",
  '%00',
  '%ZZ',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '{{ 7 | times: 7 }}',
  '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}',
  '{{ store.name | append: store.name | append: store.name | append: store.name }}',
  '2026-02-30',
  '2026-02-30T10:00:00Z',
  '9999-99-99T99:99:99.999Z',
  '0000-01-01T00:00:00Z',
  '275760-09-13T00:00:00.001Z',
  '-infinity',
  'NaN',
  '1e309',
  '-1',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF',
  'not-a-uuid',
];

export const hostileNumbers = [
  -1,
  0,
  -0,
  0.5,
  -0.5,
  2 ** 31,
  2 ** 53,
  2 ** 63,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

function nested(depth: number): unknown {
  let value: unknown = 'dalam';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

const hostileOthers: unknown[] = [
  true,
  false,
  null,
  [],
  {},
  [null],
  { '': '' },
  nested(60),
  Array.from({ length: 1000 }, (_, index) => index),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constantFrom(...hostileOthers),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

export const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', nul, 'companyId', 'id', 'version'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

type Segment = string | number;

/** The path of every node of a JSON value, the value itself first. */
export function nodePaths(value: unknown, path: Segment[] = []): Segment[][] {
  const paths = [path];
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      paths.push(...nodePaths(item, [...path, index]));
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      paths.push(...nodePaths(member, [...path, key]));
    }
  }
  return paths;
}

/** An own enumerable property even for `__proto__`, as JSON.parse would make it. */
function withMember(target: Record<string, unknown>, key: string, member: unknown) {
  Object.defineProperty(target, key, {
    value: member,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return target;
}

/** A copy of `value` with the node at `path` changed by `edit` (undefined deletes it). */
function editAt(value: unknown, path: Segment[], edit: (node: unknown) => unknown): unknown {
  if (path.length === 0) return edit(value);
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    const changed = editAt(copy[head as number], rest, edit);
    if (changed === undefined) copy.splice(head as number, 1);
    else copy[head as number] = changed;
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    const changed = key === head ? editAt(member, rest, edit) : member;
    if (changed !== undefined) withMember(copy, key, changed);
  }
  return copy;
}

export type Mutation =
  | { kind: 'none' }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: fc.nat(),
      value: hostileValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: hostileKey,
      value: hostileValue,
    }),
  },
);

/** Applies a mutation to a node chosen among every node of the value. */
export function mutate(value: unknown, change: Mutation): unknown {
  if (change.kind === 'none') return value;
  const paths = nodePaths(value);
  const path = paths[change.at % paths.length] ?? [];
  switch (change.kind) {
    case 'replace':
      return editAt(value, path, () => change.value);
    case 'delete':
      return path.length === 0 ? undefined : editAt(value, path, () => undefined);
    case 'extra':
      return editAt(value, path, (node) =>
        node !== null && typeof node === 'object' && !Array.isArray(node)
          ? withMember({ ...(node as Record<string, unknown>) }, change.key, change.value)
          : node,
      );
  }
}

/** Bodies that are not a value at all, or one no parser should have to walk. */
export const rawBodies = [
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`,
  `{"items":${'['.repeat(3_000)}${']'.repeat(3_000)}}`,
  'null',
  '1',
  '"x"',
  '[]',
  '{',
  '{"a":1,"a":2}',
  `{"name":"a\\u0000b"}`,
  `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}`,
  `{"name":"${'\\ud800'.repeat(10)}"}`,
];

const impossibleTimestamps = [
  '2026-02-30T00:00:00.000000Z',
  '9999-99-99T99:99:99.999999Z',
  '0000-01-01T00:00:00.000000Z',
  '2026-13-01T00:00:00.000000Z',
  '2026-01-01T24:00:00.000000Z',
];

const encoded = (value: unknown) => toBase64Url(utf8(JSON.stringify(value)));

/** Cursors that decode, in every shape the API makes, with contents no row can have. */
export const forgedCursors = fc.oneof(
  fc
    .tuple(fc.constantFrom(...impossibleTimestamps), fc.uuid())
    .map(([at, id]) => encoded({ at, id })),
  fc
    .tuple(
      fc.constantFrom('name', 'sku', 'price', 'updatedAt', 'createdAt'),
      fc.constantFrom<unknown>(
        ...impossibleTimestamps,
        `a${nul}b`,
        'x'.repeat(999),
        2 ** 62,
        -1,
        1.5,
        null,
      ),
      fc.uuid(),
    )
    .map(([sort, key, id]) => encoded({ sort, key, id })),
  fc.constantFrom(encoded({}), encoded([]), encoded('x'), '!!!', '%00', 'eyJ', 'x'.repeat(1999)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => toBase64Url(utf8(text))),
);

export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...hostileStrings.filter((text) => text.length < 5_000)),
  fc.constantFrom(...hostileNumbers).map(String),
  forgedCursors,
);

export const hostilePathSegment: fc.Arbitrary<string> = fc.constantFrom(
  'not-a-uuid',
  '%00',
  '%ZZ',
  '%2e%2e',
  'a'.repeat(3000),
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-7FFF-BFFF-FFFFFFFFFFFF',
  '%ED%A0%80',
  '1e309',
);

export const acceptLanguages = fc.constantFrom(
  'id',
  'en',
  'en-US,en;q=0.9',
  'fr',
  'id;q=0.1, en;q=0.8',
  '*;q=abc',
  'en;q=0',
);
