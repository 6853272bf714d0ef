import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fieldLabel, fieldList, policyActionLabel, policyObjectLabel, policyObjectLabels, recordPath, recordTypeLabel, snakeType } from './recordLabels';

// Tests run in web/; the Go sources are the repository's.
const repo = (p: string) => readFileSync(resolve(process.cwd(), '..', p), 'utf8');

describe('policy object labels', () => {
  it('name every object of authz/objects.go in both languages', () => {
    const block = repo('authz/objects.go').match(/var Objects = \[\]string\{([^}]*)\}/)![1];
    const objects = [...block.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);
    expect(objects.length).toBeGreaterThan(30);
    for (const o of objects) {
      expect(policyObjectLabels[o], o).toBeDefined();
      expect(policyObjectLabel('uk', o)).not.toBe(o);
      expect(policyObjectLabel('en', o)).not.toBe(o);
    }
    expect(policyObjectLabel('uk', 'case_file')).toBe('Випадок');
    expect(policyObjectLabel('en', 'case_file')).toBe('Case');
  });

  it('name the four actions', () => {
    expect(['read', 'create', 'update', 'delete'].map((a) => policyActionLabel('uk', a))).toEqual(['Перегляд', 'Створення', 'Зміна', 'Видалення']);
    expect(policyActionLabel('en', 'read')).toBe('View');
  });
});

describe('record type labels', () => {
  it('convert ent type names as authz.Object does', () => {
    expect(snakeType('CaseFile')).toBe('case_file');
    expect(snakeType('APIClient')).toBe('api_client');
    expect(snakeType('EmergencyAccess')).toBe('emergency_access');
  });

  it('name every ent type the log may record, and the exports', () => {
    const types = [...repo('ent/mutation.go').matchAll(/^\tType[A-Za-z]+ += "([A-Za-z]+)"/gm)].map((m) => m[1]);
    expect(types).toContain('CaseFile');
    for (const t of [...types, 'ServiceMap', 'MinimalPackage', 'UnmetNeeds', 'IndicatorReport', 'IndicatorTrend']) {
      expect(recordTypeLabel('uk', t), t).not.toBe(t);
      expect(recordTypeLabel('en', t), t).not.toMatch(/[a-z][A-Z]/);
    }
    expect(recordTypeLabel('uk', 'Family')).toBe("Сім'я");
    expect(recordTypeLabel('en', 'Person')).toBe('Person');
    expect(recordTypeLabel('en', 'Unheard')).toBe('Unheard');
  });

  it('link the records that have a page', () => {
    expect(recordPath('CaseFile', 'CF1')).toBe('/cases/CF1');
    expect(recordPath('Family', 'FA1')).toBe('/families/FA1');
    expect(recordPath('Person', 'PE1')).toBe('/persons/PE1');
    expect(recordPath('Decision', 'DE1')).toBeNull();
    expect(recordPath('CaseFile', null)).toBeNull();
  });

  it('translate common field names and leave the rest as they are', () => {
    expect(fieldLabel('uk', 'last_name')).toBe('прізвище');
    expect(fieldLabel('en', 'status')).toBe('status');
    expect(fieldLabel('en', 'weird_field')).toBe('weird_field');
  });

  it('list changed fields once each, without the routine timestamps', () => {
    expect(fieldList('uk', ['community', 'community_id', 'created_at', 'updated_at', 'status', 'weird'])).toBe('громада, статус, weird');
    expect(fieldList('en', null)).toBe('');
  });
});
