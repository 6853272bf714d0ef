import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { auditWhere } from './AuditPage';

const none = { action: '', user: null, type: null, from: null, to: null, record: '' };

describe('auditWhere', () => {
  it('asks only for the community without filters', () => {
    expect(auditWhere('CM1', none)).toEqual({ communityID: 'CM1' });
  });

  it('finds a whole record ID in changes and reads alike, a part of one in changes', () => {
    expect(auditWhere('CM1', { ...none, record: 'cs01kbh8e6kzq3wd1pf2ehp5x0s9' })).toEqual({ communityID: 'CM1', record: 'CS01KBH8E6KZQ3WD1PF2EHP5X0S9' });
    expect(auditWhere('CM1', { ...none, record: 'CS01KBH8E6' })).toEqual({ communityID: 'CM1', entityIDContainsFold: 'CS01KBH8E6' });
  });

  it('turns the filters into where-predicates: whole days, the record by any part of its ID', () => {
    const w = auditWhere('CM1', { action: 'UPDATE', user: 'US1', type: 'CaseFile', from: '2026-11-01', to: '2026-11-16', record: ' …131Y5T ' });
    expect(w).toMatchObject({ communityID: 'CM1', action: 'UPDATE', actorUserID: 'US1', entityType: 'CaseFile', entityIDContainsFold: '131Y5T' });
    expect(w.occurredAtGTE).toBe(dayjs('2026-11-01').startOf('day').toISOString());
    expect(w.occurredAtLTE).toBe(dayjs('2026-11-16').endOf('day').toISOString());
  });
});
