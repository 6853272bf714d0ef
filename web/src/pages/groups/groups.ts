/** Helpers of the working-group pages, kept apart so unit tests reach them. */

export type MemberLike = { id: string; name?: string | null; role: string; leftOn?: string | null; organizationName?: string | null };

/** The name of the current member in a place (chair, secretary), if any. */
export function roleHolder(members: MemberLike[], role: string): string | null {
  return members.find((m) => m.role === role && !m.leftOn)?.name ?? null;
}

/** A member as a list shows them: «Name (Organisation)». */
export function memberLabel(m: MemberLike): string {
  const name = m.name || '—';
  return m.organizationName ? `${name} (${m.organizationName})` : name;
}

/** The day in the viewer's time zone, as YYYY-MM-DD. */
export function localDay(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Non-empty lines of a text area. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Members in the order a group lists them: chair, deputy, secretary, then members by name. */
const order: Record<string, number> = { CHAIR: 0, DEPUTY_CHAIR: 1, SECRETARY: 2, MEMBER: 3 };
export function sortMembers<T extends MemberLike>(members: T[]): T[] {
  return [...members].sort((a, b) => (order[a.role] ?? 9) - (order[b.role] ?? 9) || (a.name ?? '').localeCompare(b.name ?? '', 'uk'));
}
