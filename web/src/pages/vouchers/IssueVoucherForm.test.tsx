import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { IssueVoucherForm } from './IssueVoucherForm';
import { Dates } from '../../components/dates';
import { fromValue, renderWith } from '../../render';
import i18n from '../../i18n';

const conflict = (rule: string) => vi.fn(() => fromValue({ error: new CombinedError({ graphQLErrors: [new GraphQLError('refused', { extensions: { code: 'CONFLICT', rule } })] }) }));

function form(executeMutation: ReturnType<typeof vi.fn>, onIssued = () => {}) {
  return renderWith(<Dates><IssueVoucherForm communityID="CM1" programmeID="VP1" familyID="FM1" onIssued={onIssued} /></Dates>, { executeMutation });
}

describe('IssueVoucherForm', () => {
  it('says the budget is spent when the server refuses for it', async () => {
    void i18n.changeLanguage('uk');
    form(conflict('BUDGET_SPENT'));
    fireEvent.click(screen.getByRole('button', { name: 'Видати' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Бюджет програми вичерпано');
  });

  it('says the family already holds a voucher of the programme', async () => {
    form(conflict('ALREADY_ISSUED'));
    fireEvent.click(screen.getByRole('button', { name: 'Видати' }));
    expect((await screen.findByRole('alert')).textContent).toBe("Ця сім'я вже має чинний сертифікат цієї програми.");
  });

  it('issues with the programme, the family, the day and the next number', async () => {
    const executeMutation = vi.fn(() => fromValue({ data: { issueVoucher: { id: 'VC1', number: '007' } } }));
    const onIssued = vi.fn();
    form(executeMutation, onIssued);
    fireEvent.click(screen.getByRole('button', { name: 'Видати' }));
    await waitFor(() => expect(onIssued).toHaveBeenCalled());
    const calls = executeMutation.mock.calls as unknown as [{ variables: { input: Record<string, unknown> } }][];
    const input = calls[0][0].variables.input;
    expect(input).toMatchObject({ programmeID: 'VP1', familyID: 'FM1', number: null });
    expect(String(input.issuedAt)).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/);
  });
});
