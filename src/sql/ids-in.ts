/**
 * Which of many names occur in a text as substrings (`text.includes(name)` for each), at a cost that does
 * not grow with the number of names: a name made of `[a-z0-9_]` can only occur inside a run of those
 * characters, so each distinct run of the text is searched for the names of each length.
 */

/** Names prepared for {@link idsIn}. */
export interface IdIndex {
  /** Names made of `[a-z0-9_]` only, by length. */
  readonly words: ReadonlyMap<number, ReadonlySet<string>>;
  /** Any other names (searched with `includes`). */
  readonly others: readonly string[];
}

/** Prepares names (lower case) for {@link idsIn}. */
export function indexIds(names: readonly string[]): IdIndex {
  const words = new Map<number, Set<string>>();
  const others: string[] = [];
  for (const name of names) {
    if (!/^[a-z0-9_]+$/.test(name)) others.push(name);
    else if (words.has(name.length)) words.get(name.length)!.add(name);
    else words.set(name.length, new Set([name]));
  }
  return { words, others };
}

/** The names that occur in a (lower-case) text, sorted: the same as filtering them with `text.includes`. */
export function idsIn(text: string, index: IdIndex): string[] {
  const found = new Set<string>();
  for (const run of new Set(text.match(/[a-z0-9_]+/g) ?? [])) {
    for (const [length, names] of index.words) {
      for (let i = 0; i + length <= run.length; i++) {
        const part = run.slice(i, i + length);
        if (names.has(part)) found.add(part);
      }
    }
  }
  for (const name of index.others) if (text.includes(name)) found.add(name);
  return [...found].sort();
}
