import type { CaseStatus } from '../../gql/graphql';
// The logic of the work list pages, apart from React: what one item of
// work is (a legal deadline or a task of a case), how they are ordered
// and counted, which views a viewer has, and how the case list's filter
// becomes a saved filter and back.

export type DueStatus = 'ON_TIME' | 'DUE_SOON' | 'OVERDUE';

/** One item of work of a case: a legal deadline or a task. */
export interface WorkItem<C extends { id: string } = { id: string }> {
  caseID: string;
  /** 'deadline' for the seven legal deadlines; 'task' for plan actions, reviews, visits. */
  source: 'deadline' | 'task';
  /** The deadline kind or the task kind. */
  kind: string;
  /** What is to be done (a plan action's text, a visit's kind); empty for deadlines and reviews. */
  text: string;
  due: string;
  status: DueStatus;
  /** The kind's name in both languages, as the server gives it. */
  label?: { uk: string; en: string };
  /** The case as the query gave it (for its title). */
  case: C;
}

interface DeadlineLike<C> { kind: string; due: string; status: string; label?: { uk: string; en: string }; case: C }
interface TaskLike<C> extends DeadlineLike<C> { text: string }

const rank: Record<string, number> = { OVERDUE: 0, DUE_SOON: 1, ON_TIME: 2 };

/** Deadlines and tasks as one list: overdue first, then due soon, each earliest first. */
export function workItems<C extends { id: string }>(deadlines: DeadlineLike<C>[], tasks: TaskLike<C>[]): WorkItem<C>[] {
  const items: WorkItem<C>[] = [
    ...deadlines.map((d) => ({ caseID: d.case.id, source: 'deadline' as const, kind: d.kind, text: '', due: d.due,
      status: d.status as DueStatus, label: d.label, case: d.case })),
    ...tasks.map((t) => ({ caseID: t.case.id, source: 'task' as const, kind: t.kind, text: t.kind === 'SCHEDULED_VISIT' ? '' : t.text,
      due: t.due, status: t.status as DueStatus, label: t.label, case: t.case })),
  ];
  return items.sort((a, b) => (rank[a.status] ?? 3) - (rank[b.status] ?? 3) || Date.parse(a.due) - Date.parse(b.due));
}

/** How many items are overdue and due soon. */
export function countByStatus(items: { status: DueStatus }[]): { overdue: number; dueSoon: number } {
  return { overdue: items.filter((i) => i.status === 'OVERDUE').length, dueSoon: items.filter((i) => i.status === 'DUE_SOON').length };
}

/** Whose work a view shows: the viewer's cases, an organisation's, the whole community's. */
export type Scope = 'mine' | 'organization' | 'community';

/**
 * The views a viewer has: their own always; their organisation's when they
 * work in one; the community's for a supervisor (who assigns cases) or a
 * community-wide service without an organisation.
 */
export function scopesFor(can: (o: string, a: string) => boolean, organizations: { id: string }[]): Scope[] {
  const out: Scope[] = ['mine'];
  if (organizations.length > 0) out.push('organization');
  if (can('case_assignment', 'create') || organizations.length === 0) out.push('community');
  return out;
}

/** The arguments of the deadlines and tasks queries for a view. */
export function scopeArgs(scope: Scope, communityID: string, organizationID: string | undefined, statuses: DueStatus[]) {
  return {
    communityID,
    mine: scope === 'mine',
    organizationID: scope === 'organization' ? organizationID ?? null : null,
    statuses,
  };
}

/** The case list's filter as its URL keeps it. */
export interface CaseListFilter {
  /** 'active' (every status but closed), 'all', or one case status. */
  status: string;
  manager: 'any' | 'mine' | 'none';
  family: string;
  overdueOnly: boolean;
}

/** A saved filter's fields that the case list uses. */
export interface SavedCaseFilter {
  mine: boolean;
  unassigned: boolean;
  caseStatuses?: CaseStatus[] | null;
  familyName?: string | null;
  statuses?: DueStatus[] | null;
}

export const caseStatusList: CaseStatus[] = ['REPORTED', 'ASSESSING_SAFETY', 'ASSESSING_NEEDS', 'AWAITING_DECISION', 'OPEN', 'UNDER_REVIEW', 'CLOSED', 'REFUSED', 'TRANSFERRED'];
const activeStatuses = caseStatusList.filter((s) => s !== 'CLOSED');

/** The case list's current filter as the fields of a saved filter. */
export function toSavedFilter(f: CaseListFilter): SavedCaseFilter {
  return {
    mine: f.manager === 'mine',
    unassigned: f.manager === 'none',
    caseStatuses: f.status === 'active' ? activeStatuses : f.status === 'all' ? [] : [f.status as CaseStatus],
    familyName: f.family.trim(),
    statuses: f.overdueOnly ? ['OVERDUE'] : [],
  };
}

/** A saved filter as the case list's filter, to show what it keeps. */
export function fromSavedFilter(s: SavedCaseFilter): CaseListFilter {
  const cs = s.caseStatuses ?? [];
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
  const status = cs.length === 0 ? 'all' : same(cs, activeStatuses) ? 'active' : cs.length === 1 ? cs[0] : 'all';
  return {
    status,
    manager: s.mine ? 'mine' : s.unassigned ? 'none' : 'any',
    family: s.familyName ?? '',
    overdueOnly: (s.statuses ?? []).includes('OVERDUE'),
  };
}

/** The URL parameters of a case list filter (defaults left out). */
export function filterParams(f: CaseListFilter): Record<string, string> {
  const p: Record<string, string> = {};
  if (f.status !== 'active') p.status = f.status;
  if (f.manager !== 'any') p.manager = f.manager;
  if (f.family) p.q = f.family;
  if (f.overdueOnly) p.overdue = '1';
  return p;
}
