import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { LoginPage } from './LoginPage';
import { fromValue, renderWith } from '../render';
import i18n from '../i18n';

function failing(code: string, extensions: Record<string, unknown> = {}) {
  return vi.fn(() => fromValue({ error: new CombinedError({ graphQLErrors: [new GraphQLError('x', { extensions: { code, ...extensions } })] }) }));
}

function fill(email: string, password: string) {
  fireEvent.change(screen.getByLabelText(/Електронна пошта/), { target: { value: email } });
  fireEvent.change(screen.getByLabelText(/Пароль/), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Увійти' }));
}

describe('LoginPage', () => {
  it('asks for both fields before calling the server', async () => {
    void i18n.changeLanguage('uk');
    const executeMutation = vi.fn();
    renderWith(<LoginPage />, { executeMutation });
    fill('not-an-email', '');
    expect(await screen.findByText('Перевірте адресу електронної пошти')).toBeTruthy();
    expect(screen.getByText('Заповніть це поле')).toBeTruthy();
    expect(executeMutation).not.toHaveBeenCalled();
  });

  it('shows a wrong password as a clear message', async () => {
    renderWith(<LoginPage />, { executeMutation: failing('UNAUTHENTICATED') });
    fill('ssd@example.org', 'secret password');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Неправильна електронна пошта або пароль.');
  });

  it('moves to the code step when a second factor is required', async () => {
    renderWith(<LoginPage />, { executeMutation: failing('UNAUTHENTICATED', { reason: 'TOTP_REQUIRED' }) });
    fill('ssd@example.org', 'secret password');
    expect(await screen.findByLabelText(/Код із застосунку/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells how long to wait when throttled', async () => {
    renderWith(<LoginPage />, { executeMutation: failing('RATE_LIMITED', { reason: 'LOGIN_THROTTLED', retryAfterSeconds: 42 }) });
    fill('ssd@example.org', 'secret password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Забагато невдалих спроб. Спробуйте знову через 42 с.'));
  });

  it('does not call a busy server failed attempts', async () => {
    renderWith(<LoginPage />, { executeMutation: failing('RATE_LIMITED', { retryAfterSeconds: 3 }) });
    fill('ssd@example.org', 'secret password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Забагато запитів, спробуйте за 3 с.'));
  });

  it('never shows the raw text of a server error', async () => {
    renderWith(<LoginPage />, { executeMutation: failing('INTERNAL') });
    fill('ssd@example.org', 'secret password');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Сталася помилка на сервері. Спробуйте пізніше.');
  });
});
