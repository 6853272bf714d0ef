import { describe, expect, it } from 'vitest';
import { countByStatus, filterParams, fromSavedFilter, scopeArgs, scopesFor, toSavedFilter, workItems, type CaseListFilter } from './workItems';

describe('work items', () => {
  const deadlines = [
    { kind: 'DECISION', due: '2026-12-20T10:00:00Z', status: 'DUE_SOON', case: { id: 'CS1' } },
    { kind: 'SAFETY_ASSESSMENT', due: '2026-12-01T10:00:00Z', status: 'OVERDUE', case: { id: 'CS2' } },
  ];
  const tasks = [
    { kind: 'PLAN_ACTION', text: 'супровід до школи', due: '2026-12-05T21:59:59Z', status: 'OVERDUE', case: { id: 'CS1' } },
    { kind: 'SCHEDULED_VISIT', text: 'HOME_VISIT', due: '2026-12-08T09:00:00Z', status: 'DUE_SOON', case: { id: 'CS3' } },
  ];

  it('puts deadlines and tasks in one list, overdue first, earliest first', () => {
    const items = workItems(deadlines, tasks);
    expect(items.map((i) => `${i.source}:${i.kind}`)).toEqual([
      'deadline:SAFETY_ASSESSMENT', 'task:PLAN_ACTION', 'task:SCHEDULED_VISIT', 'deadline:DECISION',
    ]);
    expect(items[1].text).toBe('супровід до школи');
    expect(items[2].text).toBe(''); // a visit's kind is its label, not its text
  });

  it('counts overdue and due soon', () => {
    expect(countByStatus(workItems(deadlines, tasks))).toEqual({ overdue: 2, dueSoon: 2 });
  });
});

describe('views', () => {
  const can = (allowed: string[]) => (o: string, a: string) => allowed.includes(`${o}:${a}`);

  it('gives a specialist their own and their organisation’s', () => {
    expect(scopesFor(can([]), [{ id: 'OR1' }])).toEqual(['mine', 'organization']);
  });
  it('gives a supervisor the community’s', () => {
    expect(scopesFor(can(['case_assignment:create']), [])).toEqual(['mine', 'community']);
    expect(scopesFor(can(['case_assignment:create']), [{ id: 'OR1' }])).toEqual(['mine', 'organization', 'community']);
  });
  it('asks the server for the view', () => {
    expect(scopeArgs('mine', 'CM1', 'OR1', ['OVERDUE'])).toEqual({ communityID: 'CM1', mine: true, organizationID: null, statuses: ['OVERDUE'] });
    expect(scopeArgs('organization', 'CM1', 'OR1', [])).toEqual({ communityID: 'CM1', mine: false, organizationID: 'OR1', statuses: [] });
    expect(scopeArgs('community', 'CM1', 'OR1', [])).toMatchObject({ mine: false, organizationID: null });
  });
});

describe('saved filters of the case list', () => {
  const shapes: CaseListFilter[] = [
    { status: 'active', manager: 'any', family: '', overdueOnly: false },
    { status: 'all', manager: 'mine', family: 'Коваль', overdueOnly: true },
    { status: 'OPEN', manager: 'none', family: '', overdueOnly: false },
  ];
  it('keeps what the list shows and gives it back', () => {
    for (const f of shapes) expect(fromSavedFilter(toSavedFilter(f))).toEqual(f);
  });
  it('stores whose cases and the overdue choice as the server reads them', () => {
    expect(toSavedFilter(shapes[1])).toMatchObject({ mine: true, unassigned: false, caseStatuses: [], familyName: 'Коваль', statuses: ['OVERDUE'] });
    expect(toSavedFilter(shapes[2])).toMatchObject({ mine: false, unassigned: true, caseStatuses: ['OPEN'] });
    expect(toSavedFilter(shapes[0]).caseStatuses).not.toContain('CLOSED');
  });
  it('writes the URL without the defaults', () => {
    expect(filterParams(shapes[0])).toEqual({});
    expect(filterParams(shapes[1])).toEqual({ status: 'all', manager: 'mine', q: 'Коваль', overdue: '1' });
  });
});
