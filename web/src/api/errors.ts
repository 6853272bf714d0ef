import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';

const known = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL'];

/** The stable API code of an error (extensions.code), or NETWORK. */
export function errorCode(error: CombinedError): string {
  if (error.networkError && error.graphQLErrors.length === 0) return 'NETWORK';
  const code = error.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' && known.includes(code) ? code : 'INTERNAL';
}

export function errorReason(error: CombinedError): string | undefined {
  const reason = error.graphQLErrors[0]?.extensions?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** A message a person can act on, in their language; never the raw server text. */
export function errorMessage(t: TFunction, error: CombinedError): string {
  const reason = errorReason(error);
  if (reason === 'TOTP_INVALID' || reason === 'TOTP_ENROLLMENT_REQUIRED') return t(`errors.${reason}`);
  const code = errorCode(error);
  if (code === 'RATE_LIMITED') {
    const seconds = Number(error.graphQLErrors[0]?.extensions?.retryAfterSeconds ?? 60);
    return t('errors.RATE_LIMITED', { seconds });
  }
  return t(`errors.${code}`);
}
