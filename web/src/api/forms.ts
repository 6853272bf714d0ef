import type { CombinedError } from 'urql';
import type { TFunction } from 'i18next';
import { errorField, errorRule, stepErrorMessage } from './errors';

interface FormLike {
  setFieldError: (path: string, error: string) => void;
  values: object;
}

/**
 * Shows a server error where it belongs: an error naming an input field of
 * the form (BAD_USER_INPUT with extensions.field) goes to that field, and
 * the form's alert says to check the marked field; anything else is
 * returned whole for the alert. `fields` maps server input names to form
 * paths where they differ.
 */
export function showServerError(t: TFunction, form: FormLike, error: CombinedError, fields: Record<string, string> = {}): string {
  const message = stepErrorMessage(t, error);
  const field = errorField(error);
  if (field) {
    const path = fields[field] ?? field;
    if (path in form.values || fields[field]) {
      form.setFieldError(path, errorRule(error) ? message : t('errors.field'));
      return t('errors.BAD_USER_INPUT');
    }
  }
  return message;
}
