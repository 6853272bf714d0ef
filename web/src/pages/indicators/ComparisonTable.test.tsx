import { describe, expect, it } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { ComparisonTable } from './ComparisonTable';
import { renderWith } from '../../render';
import i18n from '../../i18n';

const defs = [
  { key: 'reports_received', unit: 'COUNT', breakdown: '', name: { uk: 'Отримано повідомлень', en: 'Reports received' }, description: { uk: '', en: '' } },
  { key: 'safety_on_time', unit: 'SHARE', breakdown: '', name: { uk: 'Оцінювання безпеки вчасно', en: 'Safety on time' }, description: { uk: '', en: '' } },
  { key: 'reports_by_source', unit: 'COUNT', breakdown: 'source', name: { uk: 'За джерелом', en: 'By source' }, description: { uk: '', en: '' } },
];
const cell = (key: string, value: number | null, display: string, suppressed = false) => ({ key, part: null, value, display, suppressed });
const rows = [
  { id: 'a', name: 'Агрономічна сільська громада', cells: [cell('reports_received', 40, '40'), cell('safety_on_time', 0.8, '80.0%')] },
  { id: 'b', name: 'Вінницька міська громада', cells: [cell('reports_received', null, '<5', true), cell('safety_on_time', null, '<5', true)] },
  { id: 'c', name: 'Гніванська сільська громада', cells: [cell('reports_received', 114, '114'), cell('safety_on_time', 0.746, '74.6%')] },
];

const order = () => screen.getAllByRole('row').slice(1).map((r) => within(r).getByRole('rowheader').textContent);

describe('ComparisonTable', () => {
  it('lists the communities by name, with figures as the server shows them and no column for broken-down indicators', () => {
    void i18n.changeLanguage('uk');
    renderWith(<ComparisonTable rows={rows} defs={defs} caption="Громади" nameHeader="Громада" />);
    expect(order()).toEqual(['Агрономічна сільська громада', 'Вінницька міська громада', 'Гніванська сільська громада']);
    expect(screen.getAllByText('<5')).toHaveLength(2);
    expect(screen.queryByText('За джерелом')).toBeNull();
    expect(screen.getByRole('columnheader', { name: /Громада/ }).getAttribute('aria-sort')).toBe('ascending');
    // Listed by name, nothing is ranked: no column of dashes.
    expect(screen.queryByRole('columnheader', { name: 'Місце' })).toBeNull();
  });

  it('sorts by an indicator largest first, ranks it, and reverses on a second click', () => {
    renderWith(<ComparisonTable rows={rows} defs={defs} caption="Громади" nameHeader="Громада" />);
    fireEvent.click(screen.getByRole('button', { name: /Отримано повідомлень/ }));
    expect(order()).toEqual(['Гніванська сільська громада', 'Агрономічна сільська громада', 'Вінницька міська громада']);
    const header = screen.getByRole('columnheader', { name: /Отримано повідомлень/ });
    expect(header.getAttribute('aria-sort')).toBe('descending');
    const ranksShown = screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell')[0].textContent);
    expect(ranksShown).toEqual(['1', '2', '—']);

    fireEvent.click(screen.getByRole('button', { name: /Отримано повідомлень/ }));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    // The suppressed figure stays last: its count is not known to the viewer.
    expect(order()).toEqual(['Агрономічна сільська громада', 'Гніванська сільська громада', 'Вінницька міська громада']);
  });
});
