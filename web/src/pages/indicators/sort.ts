/** One figure of a row as the server shows it. */
export interface CellLike {
  key: string;
  part?: string | null;
  value?: number | null;
  display: string;
  suppressed: boolean;
}

export interface RowLike {
  id: string;
  name: string;
  cells: CellLike[];
}

export type SortKey = 'name' | string;
export interface Sort { key: SortKey; desc: boolean }

/** The whole (not broken-down) figure of an indicator in a row. */
export function cellOf(row: RowLike, key: string): CellLike | undefined {
  return row.cells.find((c) => c.key === key && !c.part);
}

/**
 * Where a figure sorts: known values by size; suppressed ones ("<5", a value
 * the viewer may not know) after them, then figures with no value ("—"),
 * whichever the direction, so the ranking never guesses a hidden count.
 */
function tier(c: CellLike | undefined): number {
  if (!c || (c.value == null && !c.suppressed)) return 2;
  return c.suppressed ? 1 : 0;
}

/** Rows sorted by the name or by an indicator's value. */
export function sortRows<R extends RowLike>(rows: R[], sort: Sort, locale: string): R[] {
  const collator = new Intl.Collator(locale);
  const byName = (a: R, b: R) => collator.compare(a.name, b.name);
  const out = [...rows];
  if (sort.key === 'name') {
    out.sort((a, b) => (sort.desc ? -byName(a, b) : byName(a, b)));
    return out;
  }
  out.sort((a, b) => {
    const ca = cellOf(a, sort.key), cb = cellOf(b, sort.key);
    const ta = tier(ca), tb = tier(cb);
    if (ta !== tb) return ta - tb;
    if (ta === 0) {
      const d = (ca!.value ?? 0) - (cb!.value ?? 0);
      if (d !== 0) return sort.desc ? -d : d;
    }
    return byName(a, b);
  });
  return out;
}

/**
 * The rank of each row by an indicator, largest first (1 = highest), equal
 * values sharing a rank; rows whose figure is suppressed or empty get none.
 */
export function ranks(rows: RowLike[], key: string): Map<string, number> {
  const known = rows
    .map((r) => ({ id: r.id, c: cellOf(r, key) }))
    .filter((x) => x.c && !x.c.suppressed && x.c.value != null)
    .sort((a, b) => b.c!.value! - a.c!.value!);
  const out = new Map<string, number>();
  known.forEach((x, i) => {
    const prev = known[i - 1];
    out.set(x.id, prev && prev.c!.value === x.c!.value ? out.get(prev.id)! : i + 1);
  });
  return out;
}
