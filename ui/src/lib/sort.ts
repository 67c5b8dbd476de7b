/** Sorting for the UI's tables: by one column, text in the language's order, numbers by value. */
export interface SortState<K extends string> {
  key: K;
  descending: boolean;
}

export function sortRows<K extends string, R extends Record<K, string | number | boolean | null | undefined>>(rows: R[], sort: SortState<K>): R[] {
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
    return order * direction;
  });
}
