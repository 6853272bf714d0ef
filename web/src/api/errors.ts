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
  if (reason === 'TOTP_INVALID' || reason === 'TOTP_ENROLLMENT_REQUIRED' || reason?.startsWith('PASSWORD_') || reason === 'CURRENT_PASSWORD_WRONG' || reason === 'RESET_LINK_INVALID') return t(`errors.${reason}`);
  const code = errorCode(error);
  if (code === 'RATE_LIMITED') return rateLimitMessage(t, error, reason);
  return t(`errors.${code}`);
}

/**
 * RATE_LIMITED in words: the sign-in throttle counts failed attempts, a
 * busy upload was not stored, anything else is too many requests. The wait
 * comes from the error, else from Retry-After; without either, no number.
 */
function rateLimitMessage(t: TFunction, error: CombinedError, reason: string | undefined): string {
  const seconds = retryAfterSeconds(error);
  const key = reason === 'LOGIN_THROTTLED' || reason === 'UPLOADS_BUSY' ? reason : 'RATE_LIMITED';
  return seconds === undefined ? t(`errors.${key}_later`) : t(`errors.${key}`, { seconds });
}

/** Seconds to wait: extensions.retryAfterSeconds, or the Retry-After header in seconds. */
export function retryAfterSeconds(error: CombinedError): number | undefined {
  const fromError = Number(error.graphQLErrors[0]?.extensions?.retryAfterSeconds);
  if (Number.isFinite(fromError) && fromError > 0) return Math.ceil(fromError);
  const header = (error.response as Response | undefined)?.headers?.get?.('Retry-After');
  const fromHeader = header && /^\d+$/.test(header.trim()) ? Number(header) : NaN;
  return fromHeader > 0 ? fromHeader : undefined;
}

/** The input field a BAD_USER_INPUT error names (extensions.field). */
export function errorField(error: CombinedError): string | undefined {
  const f = error.graphQLErrors[0]?.extensions?.field;
  return typeof f === 'string' ? f : undefined;
}

/** The business rule a step broke (extensions.rule), e.g. CONSENT_REQUIRED. */
export function errorRule(error: CombinedError): string | undefined {
  const r = error.graphQLErrors[0]?.extensions?.rule;
  return typeof r === 'string' ? r : undefined;
}

/** The states a case may move to, named by a CONFLICT about a transition. */
export function errorAllowed(error: CombinedError): string[] | undefined {
  const a = error.graphQLErrors[0]?.extensions?.allowed;
  return Array.isArray(a) ? a.map(String) : undefined;
}

/** A message for a failed step: the broken rule where known, else the code. */
export function stepErrorMessage(t: TFunction, error: CombinedError): string {
  const rule = errorRule(error);
  if (rule && t(`rules.${rule}`, { defaultValue: '' })) return t(`rules.${rule}`);
  const allowed = errorAllowed(error);
  if (allowed) return t('errors.transition', { allowed: allowed.map((s) => t(`caseStatus.${s}`)).join(', ') });
  return errorMessage(t, error);
}
