import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Kind, parse, type EnumTypeDefinitionNode } from 'graphql';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import i18n from '../i18n';
import uk from '../i18n/uk.json';
import en from '../i18n/en.json';
import { stepErrorMessage } from './errors';
import { ruleStepPath, ruleSteps } from './ruleSteps';

/** The rule codes the server can send in extensions.rule, read from its SDL (the RuleCode enumeration). */
function serverRuleCodes(): string[] {
  const dir = resolve(__dirname, '../../../graph');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.graphql'))) {
    const doc = parse(readFileSync(resolve(dir, f), 'utf8'));
    const e = doc.definitions.find((d): d is EnumTypeDefinitionNode => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'RuleCode');
    if (e) return (e.values ?? []).map((v) => v.name.value);
  }
  throw new Error('no RuleCode enumeration in graph/*.graphql');
}

function broke(rule: string) {
  return new CombinedError({ graphQLErrors: [new GraphQLError('x', { extensions: { code: 'CONFLICT', rule } })] });
}

describe('rule codes', () => {
  const codes = serverRuleCodes();

  it('the SDL lists the rules', () => {
    expect(codes.length).toBeGreaterThan(20);
    expect(codes).toContain('OPEN_WORK');
  });

  it('every rule the server defines has a Ukrainian and an English text', () => {
    const missing = (dict: { rules: Record<string, string> }) => codes.filter((c) => !dict.rules[c]?.trim());
    expect(missing(uk)).toEqual([]);
    expect(missing(en)).toEqual([]);
  });

  it('every rule is told in its own words, not the generic conflict', async () => {
    for (const lang of ['uk', 'en']) {
      await i18n.changeLanguage(lang);
      for (const c of codes) expect(stepErrorMessage(i18n.t, broke(c)), c).not.toBe(i18n.t('errors.CONFLICT'));
    }
  });

  it('every rule says which step fixes it (or that the form itself does), with a label in both languages', () => {
    expect(Object.keys(ruleSteps).sort()).toEqual([...codes].sort());
    for (const c of codes) {
      const step = ruleStepPath(c, 'C1');
      if (!step) continue;
      for (const dict of [uk, en]) {
        const label = step.label.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], dict);
        expect(typeof label === 'string' && label.trim() !== '', `${c}: ${step.label}`).toBe(true);
      }
    }
  });

  it('closing with open work says what is missing and links to the services', async () => {
    await i18n.changeLanguage('uk');
    expect(stepErrorMessage(i18n.t, broke('OPEN_WORK'))).toMatch(/завершіть усі послуги/);
    expect(ruleStepPath('OPEN_WORK', 'C1')).toEqual({ to: '/cases/C1/services', label: 'ruleFix.tab.services' });
    expect(ruleStepPath('CONSENT_REQUIRED', 'C1')?.to).toBe('/cases/C1/referrals#consent-h');
    expect(ruleStepPath('LEGAL_BASIS_REQUIRED', 'C1')).toBeNull();
  });
});
