import { describe, expect, it } from 'vitest';
import { overdueOf, teamLinks, teamRows, teamTotals, type Load } from './team';

const load = (name: string, openCases: number, overdueDeadlines = 0, overdueTasks = 0, pendingApprovals = 0): Load =>
  ({ worker: { id: `u-${name}`, displayName: name }, openCases, overdueDeadlines, overdueTasks, pendingApprovals });

describe('team page', () => {
  it('puts overdue work first, then the larger caseload, then the name', () => {
    const rows = teamRows([load('Ярема', 0), load('Бойко', 5), load('Андрієнко', 5), load('Коваль', 2, 1, 2), load('Гнатюк', 9, 0, 1)]);
    expect(rows.map((r) => r.worker.displayName)).toEqual(['Коваль', 'Гнатюк', 'Андрієнко', 'Бойко', 'Ярема']);
  });

  it('counts deadlines and tasks together as overdue, and totals the team', () => {
    expect(overdueOf(load('А', 1, 2, 3))).toBe(5);
    expect(teamTotals([load('А', 3, 1, 0, 2), load('Б', 4, 0, 2, 1)])).toEqual({ openCases: 7, overdue: 3, pendingApprovals: 3 });
    expect(teamTotals([])).toEqual({ openCases: 0, overdue: 0, pendingApprovals: 0 });
  });

  it('links each figure to the list filtered to the worker', () => {
    expect(teamLinks('usr_01H/x')).toEqual({
      cases: '/cases?manager=usr_01H%2Fx',
      overdue: '/tasks?manager=usr_01H%2Fx&which=overdue',
      approvals: '/approvals?manager=usr_01H%2Fx',
      handOver: '/caseload?from=usr_01H%2Fx',
    });
  });
});
