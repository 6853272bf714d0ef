import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { EmergencyAccessForm } from './EmergencyAccessForm';
import { fromValue, renderWith } from '../../render';
import i18n from '../../i18n';

const reason = 'Поліція повідомила про загрозу життю дитини';

describe('EmergencyAccessForm', () => {
  it('asks for a reason of at least 20 characters before calling the server', async () => {
    void i18n.changeLanguage('uk');
    const executeMutation = vi.fn();
    renderWith(<EmergencyAccessForm communityID="CM1" reference="07f6feb35fbc" onOpened={() => {}} onCancel={() => {}} />, { executeMutation });
    fireEvent.change(screen.getByLabelText(/Причина/), { target: { value: 'коротко' } });
    fireEvent.click(screen.getByRole('button', { name: 'Відкрити доступ' }));
    expect(await screen.findByText('Опишіть причину щонайменше 20 символами.')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('shows the server refusing the reason at the field', async () => {
    const executeMutation = vi.fn(() => fromValue({ error: new CombinedError({ graphQLErrors: [new GraphQLError('state the reason', { extensions: { code: 'BAD_USER_INPUT', field: 'reason' } })] }) }));
    renderWith(<EmergencyAccessForm communityID="CM1" reference="07f6feb35fbc" onOpened={() => {}} onCancel={() => {}} />, { executeMutation });
    fireEvent.change(screen.getByLabelText(/Причина/), { target: { value: reason } });
    fireEvent.click(screen.getByRole('button', { name: 'Відкрити доступ' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Перевірте введені дані.');
    expect(screen.getByText('Перевірте це поле')).toBeTruthy();
  });

  it('opens the access with the community, the reference and the reason, and hands back the case', async () => {
    const access = { id: 'EA1', caseID: 'CS1', communityID: 'CM1', reason, expiresAt: '2026-11-23T15:00:00Z', endedAt: null, active: true, createdAt: '2026-11-23T12:00:00Z' };
    const executeMutation = vi.fn(() => fromValue({ data: { openEmergencyAccess: access } }));
    const onOpened = vi.fn();
    renderWith(<EmergencyAccessForm communityID="CM1" reference="07f6feb35fbc" onOpened={onOpened} onCancel={() => {}} />, { executeMutation });
    fireEvent.change(screen.getByLabelText(/Причина/), { target: { value: `  ${reason}  ` } });
    fireEvent.click(screen.getByRole('button', { name: 'Відкрити доступ' }));
    await waitFor(() => expect(onOpened).toHaveBeenCalledWith({ id: 'EA1', caseID: 'CS1', expiresAt: access.expiresAt }));
    const calls = executeMutation.mock.calls as unknown as [{ variables: unknown }][];
    expect(calls[0][0].variables).toEqual({ input: { communityID: 'CM1', reference: '07f6feb35fbc', reason } });
  });
});
