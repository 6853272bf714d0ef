import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import uk from '../i18n/uk.json';
import en from '../i18n/en.json';

// Every kind of notification the server sends has a label in both languages.
describe('notification kinds', () => {
  it('are all labelled in Ukrainian and English', () => {
    const schema = readFileSync(resolve(__dirname, '../../../graph/ent.graphql'), 'utf8');
    const block = /enum NotificationKind[^{]*\{([^}]*)\}/.exec(schema)?.[1] ?? '';
    // The values, without their descriptions ("""…""" or "…").
    const values = block.replace(/"""[\s\S]*?"""/g, ' ').replace(/"[^"\n]*"/g, ' ');
    const kinds = values.split(/\s+/).filter((k) => /^[A-Z_]+$/.test(k));
    expect(kinds).toContain('EMERGENCY_ACCESS');
    for (const dict of [uk, en]) {
      const labels = (dict as { notification: Record<string, string> }).notification;
      for (const k of kinds) expect(labels[k], k).toBeTruthy();
    }
  });
});
