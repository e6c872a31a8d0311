/** Items grouped under a label (e.g. by region), groups in alphabetical order, items kept in order. */
export function groupBy<T>(items: Iterable<T>, label: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = label(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b, 'en-GB'));
}

/** The regions (police forces) of some suites, once each, in alphabetical order. */
export function regionsOf(suites: Iterable<{ region: string }>): string[] {
  return [...new Set([...suites].map((s) => s.region))].sort((a, b) => a.localeCompare(b, 'en-GB'));
}
