/**
 * Text Postgres can store. A UTF-8 database refuses the NUL character ("invalid byte sequence
 * for encoding UTF8: 0x00"), and a lone UTF-16 surrogate has no UTF-8 form at all (the driver
 * would silently store U+FFFD instead). Such text is refused, never stripped: a name or a
 * reference changed behind the sender's back is worse than a clear 400, and no till or person
 * types either on purpose.
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && text.isWellFormed();
}

type Segment = string | number;

/**
 * The path of the first string (value or member name) of a parsed JSON value that Postgres
 * cannot store, or undefined. Walks with its own stack, not recursion: the value's depth is
 * bounded before it is parsed (json-body.ts), but this does not rely on it.
 */
export function firstUnstorableText(value: unknown): Segment[] | undefined {
  const pending: Array<{ value: unknown; path: Segment[] }> = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: node, path } = next;
    if (typeof node === 'string') {
      if (!isStorableText(node)) return path;
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        pending.push({ value: item, path: [...path, index] });
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, member] of Object.entries(node)) {
        if (!isStorableText(key)) return [...path, key];
        pending.push({ value: member, path: [...path, key] });
      }
    }
  }
  return undefined;
}
