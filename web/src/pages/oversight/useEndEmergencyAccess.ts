import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { notify } from '../../notify';
import { stepErrorMessage } from '../../api/errors';
import { EndEmergencyAccessMutation } from './emergency';

/**
 * Ends an emergency access early: says so (or why not) in a notification
 * and, when it ended, calls `onEnded` (to reload the list).
 */
export function useEndEmergencyAccess(onEnded: () => void) {
  const { t } = useTranslation();
  const [{ fetching }, end] = useMutation(EndEmergencyAccessMutation);
  async function stop(id: string) {
    const r = await end({ id });
    if (r.error) return notify({ color: 'red', message: stepErrorMessage(t, r.error) });
    notify({ color: 'teal', message: t('emergency.ended') });
    onEnded();
  }
  return { ending: fetching, stop };
}
