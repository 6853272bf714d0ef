// The team page's logic apart from React: the rows in the order a
// supervisor reads them, the totals, and where each figure leads.

export interface Load {
  worker: { id: string; displayName: string };
  openCases: number;
  overdueDeadlines: number;
  overdueTasks: number;
  pendingApprovals: number;
}

/** Overdue items (deadlines and tasks) of a worker's cases. */
export const overdueOf = (l: Load) => l.overdueDeadlines + l.overdueTasks;

/**
 * The workers with overdue work first (most first), then by the size of
 * their caseload, then by name; those with no open case and nothing pending
 * last, so that a supervisor sees who needs help and who can take more.
 */
export function teamRows<L extends Load>(loads: L[], lang = 'uk'): L[] {
  return [...loads].sort((a, b) => overdueOf(b) - overdueOf(a) || b.openCases - a.openCases
    || b.pendingApprovals - a.pendingApprovals || a.worker.displayName.localeCompare(b.worker.displayName, lang));
}

/** The team's totals, for the line under the table. */
export function teamTotals(loads: Load[]): { openCases: number; overdue: number; pendingApprovals: number } {
  return loads.reduce((s, l) => ({ openCases: s.openCases + l.openCases, overdue: s.overdue + overdueOf(l), pendingApprovals: s.pendingApprovals + l.pendingApprovals }),
    { openCases: 0, overdue: 0, pendingApprovals: 0 });
}

/** Where each figure of a worker leads: the lists filtered to that worker. */
export function teamLinks(workerID: string) {
  const id = encodeURIComponent(workerID);
  return {
    cases: `/cases?manager=${id}`,
    overdue: `/tasks?manager=${id}&which=overdue`,
    approvals: `/approvals?manager=${id}`,
    handOver: `/caseload?from=${id}`,
  };
}
