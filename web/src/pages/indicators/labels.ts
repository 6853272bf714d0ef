import type { TFunction } from 'i18next';

const groups: Record<string, string> = { source: 'source', category: 'category', form: 'careForm', outcome: 'closureOutcome' };

/** The name of a part of a broken-down indicator (a source, a category, a form of care, an outcome); service parts are named by the server. */
export function partLabel(t: TFunction, breakdown: string | null | undefined, part: string): string {
  const group = groups[breakdown ?? ''];
  return group ? t(`${group}.${part}`, { defaultValue: part }) : part;
}

export type Lang = 'uk' | 'en';
export const langOf = (lng: string): Lang => (lng === 'en' ? 'en' : 'uk');
