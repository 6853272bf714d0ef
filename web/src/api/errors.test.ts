import { describe, expect, it, vi } from 'vitest';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import i18n from '../i18n';
import { errorMessage } from './errors';
import { showServerError } from './forms';

function refused(extensions: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = new Response('{}', { status: 429, headers });
  return new CombinedError({ graphQLErrors: [new GraphQLError('x', { extensions: { code: 'RATE_LIMITED', ...extensions } })], response });
}

describe('rate limits', () => {
  it('says how long to wait, from the error or else Retry-After, and never speaks of failed attempts', async () => {
    await i18n.changeLanguage('uk');
    expect(errorMessage(i18n.t, refused({ retryAfterSeconds: 7 }))).toBe('Забагато запитів, спробуйте за 7 с.');
    expect(errorMessage(i18n.t, refused({}, { 'Retry-After': '12' }))).toBe('Забагато запитів, спробуйте за 12 с.');
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, refused({ retryAfterSeconds: 7 }))).toBe('Too many requests, try again in 7 s.');
  });

  it('without a delay asks to try a little later instead of inventing one', async () => {
    await i18n.changeLanguage('uk');
    const m = errorMessage(i18n.t, refused({}));
    expect(m).toBe('Забагато запитів, спробуйте трохи пізніше.');
    expect(errorMessage(i18n.t, refused({}, { 'Retry-After': 'Wed, 21 Oct 2026 07:28:00 GMT' }))).toBe(m);
  });

  it('keeps "too many failed attempts" for the sign-in throttle', async () => {
    await i18n.changeLanguage('uk');
    expect(errorMessage(i18n.t, refused({ reason: 'LOGIN_THROTTLED', retryAfterSeconds: 42 }))).toBe('Забагато невдалих спроб. Спробуйте знову через 42 с.');
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, refused({ reason: 'LOGIN_THROTTLED', retryAfterSeconds: 42 }))).toBe('Too many failed attempts. Try again in 42 s.');
  });

  it('explains a busy upload', async () => {
    await i18n.changeLanguage('uk');
    expect(errorMessage(i18n.t, refused({ reason: 'UPLOADS_BUSY', retryAfterSeconds: 5 }))).toBe(
      'Сервер зараз приймає забагато файлів. Документ не збережено — надішліть його ще раз за 5 с.',
    );
    // The upload form shows it as its alert.
    const form = { setFieldError: vi.fn(), values: { title: '', file: null } };
    expect(showServerError(i18n.t, form, refused({ reason: 'UPLOADS_BUSY', retryAfterSeconds: 5 }))).toContain('Документ не збережено');
    expect(form.setFieldError).not.toHaveBeenCalled();
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, refused({ reason: 'UPLOADS_BUSY', retryAfterSeconds: 5 }))).toBe(
      'The server is receiving too many files right now. The document was not saved: send it again in 5 s.',
    );
  });
});

describe('refused passwords', () => {
  it('says why the password was refused, in both languages', async () => {
    const refusedPassword = (reason: string) =>
      new CombinedError({ graphQLErrors: [new GraphQLError('x', { extensions: { code: 'BAD_USER_INPUT', field: 'password', reason } })] });
    await i18n.changeLanguage('uk');
    expect(errorMessage(i18n.t, refusedPassword('PASSWORD_GUESSABLE'))).toMatch(/легко вгадати/);
    expect(errorMessage(i18n.t, refusedPassword('PASSWORD_COMMON'))).toMatch(/відомий зловмисникам/);
    await i18n.changeLanguage('en');
    expect(errorMessage(i18n.t, refusedPassword('PASSWORD_CONTROL'))).toBe('The password must not contain control characters.');
    expect(errorMessage(i18n.t, refusedPassword('PASSWORD_TOO_SHORT'))).toBe('The password must be at least 12 characters long.');
  });
});
