import { describe, expect, it } from 'vitest';
import { composable, narrowedCount, roleChoice, type RoleView } from './roleTuning';

const p = (object: string, action: string, narrowed = false) => ({ object, action, default: true, allowed: !narrowed, narrowed });

const roles: RoleView[] = [
  { key: 'COMMUNITY_ADMIN', role: 'COMMUNITY_ADMIN', retired: false, permissions: [p('organization', 'create'), p('user', 'read')] },
  { key: 'CHILDREN_SERVICE', role: 'CHILDREN_SERVICE', retired: false, permissions: [p('case_file', 'read', true), p('organization', 'read')] },
  { key: 'RO1', role: 'CUSTOM', customRoleID: 'RO1', retired: false, permissions: [p('calendar_year', 'update')] },
];

describe('composable', () => {
  it('offers only default permissions the admin holds, once each, not those of custom roles', () => {
    const held = new Set(['organization:create', 'organization:read', 'calendar_year:update']);
    expect(composable(roles, (o, a) => held.has(`${o}:${a}`))).toEqual(['organization:create', 'organization:read']);
  });
  it('offers nothing to someone who holds nothing', () => {
    expect(composable(roles, () => false)).toEqual([]);
  });
});

describe('narrowedCount', () => {
  it('counts the permissions the community took away', () => {
    expect(narrowedCount(roles[1])).toBe(1);
    expect(narrowedCount(roles[0])).toBe(0);
  });
});

describe('roleChoice', () => {
  it('sends a custom role as CUSTOM with its ID, a built-in one by name', () => {
    expect(roleChoice('RO1', ['RO1'])).toEqual({ role: 'CUSTOM', customRoleID: 'RO1' });
    expect(roleChoice('AUDITOR', ['RO1'])).toEqual({ role: 'AUDITOR', customRoleID: null });
  });
});
