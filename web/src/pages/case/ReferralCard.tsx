import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Card, Group, Text } from '@mantine/core';
import { formatDateTime } from '../../format';
import { LightBadge } from '../../components/LightBadge';

const referralColor: Record<string, string> = { SENT: 'blue', ACCEPTED: 'teal', DECLINED: 'red', CANCELLED: 'gray' };

export function ReferralStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  return <LightBadge color={referralColor[status]}>{t(`referralStatus.${status}`)}</LightBadge>;
}

interface Referral {
  urgent: boolean;
  status: string;
  reason: string;
  sentAt: string;
  answeredAt?: string | null;
  declineReason?: string | null;
}

/**
 * One referral as a card: `title` (who from, who to), urgency and status,
 * the reason, when it was sent (and, with `showAnswered`, answered) and why
 * it was declined; `children` (more notes, the actions) come last.
 */
export function ReferralCard({ r, title, showAnswered = false, children }: { r: Referral; title: ReactNode; showAnswered?: boolean; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" fw={600}>{title}</Text>
        <Group gap="xs">
          {r.urgent && <Badge color="red" size="sm">{t('referral.urgentShort')}</Badge>}
          <ReferralStatus status={r.status} />
        </Group>
      </Group>
      <Text size="sm">{r.reason}</Text>
      <Text size="xs" c="dimmed">
        {t('referral.sentAt', { date: formatDateTime(i18n.language, r.sentAt) })}
        {showAnswered && r.answeredAt && ` · ${t('referral.answeredAt', { date: formatDateTime(i18n.language, r.answeredAt) })}`}
      </Text>
      {r.declineReason && <Text size="sm" c="red">{t('referral.declineReason')}: {r.declineReason}</Text>}
      {children}
    </Card>
  );
}
