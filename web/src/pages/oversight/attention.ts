// What a regional supervisor's home opens on, apart from React: which
// communities' assessments ran late in the period, the worst first, and
// the period itself (the current year: a quarter's figures of a small
// community are mostly too few to show to a viewer without its records).

export interface AttentionCell { key: string; part?: string | null; value?: number | null; display: string; suppressed: boolean }
export interface AttentionCommunity { community: { id: string; name: string }; recordAccess: boolean; cells: AttentionCell[] }

/** One community whose safety or needs assessments were not all on time. */
export interface LateCommunity {
  id: string;
  name: string;
  /** The share of safety assessments within 24 hours, as a cell (null where none were done). */
  safety: AttentionCell | null;
  /** The share of needs assessments on time. */
  needs: AttentionCell | null;
  /** The lower of the two known shares, to order by. */
  worst: number;
}

const cellOf = (c: AttentionCommunity, key: string) => c.cells.find((x) => x.key === key && !x.part) ?? null;
const late = (x: AttentionCell | null) => !!x && !x.suppressed && x.value != null && x.value < 1;

/**
 * The communities where some safety or needs assessment of the period was
 * late, the lowest on-time share first (then by name). A share hidden by
 * suppression says nothing either way, so it never puts a community here.
 */
export function lateCommunities(rows: AttentionCommunity[], lang = 'uk'): LateCommunity[] {
  const out: LateCommunity[] = [];
  for (const r of rows) {
    const safety = cellOf(r, 'safety_on_time');
    const needs = cellOf(r, 'needs_on_time');
    if (!late(safety) && !late(needs)) continue;
    const known = [safety, needs].filter(late).map((x) => x!.value!);
    out.push({ id: r.community.id, name: r.community.name, safety, needs, worst: Math.min(...known) });
  }
  return out.sort((a, b) => a.worst - b.worst || a.name.localeCompare(b.name, lang));
}

/** The year a day falls in (in Kyiv), as the indicators' period input. */
export function yearOf(d: Date): { kind: 'YEAR'; year: number } {
  return { kind: 'YEAR', year: Number(new Intl.DateTimeFormat('en-US', { year: 'numeric', timeZone: 'Europe/Kyiv' }).format(d)) };
}
