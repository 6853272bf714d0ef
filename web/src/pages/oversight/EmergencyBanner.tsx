import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Alert } from '@mantine/core';
import { useSession } from '../../session';
import { formatDateTime } from '../../format';
import { isOverseer } from '../indicators/scope';
import { EmergencyAccessesQuery } from './emergency';

/**
 * On a case an overseer opened by breaking the glass: until when it stays
 * open, and that every read is logged. Asks nothing of community users.
 */
export function EmergencyBanner({ caseID }: { caseID: string }) {
  const { t, i18n } = useTranslation();
  const { viewer } = useSession();
  const overseer = isOverseer(viewer.memberships);
  const [{ data }] = useQuery({ query: EmergencyAccessesQuery, variables: { where: { caseID, userID: viewer.user?.id ?? '' } }, pause: !overseer });
  const active = (data?.emergencyAccesses.edges ?? []).map((e) => e!.node!).find((a) => a.active);
  if (!active) return null;
  return (
    <Alert color="orange" title={t('emergency.bannerTitle')} className="no-print">
      {t('emergency.bannerText', { until: formatDateTime(i18n.language, active.expiresAt), reason: active.reason })}
    </Alert>
  );
}
