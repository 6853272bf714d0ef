import { useTranslation } from 'react-i18next';
import { Text, Timeline as MTimeline } from '@mantine/core';
import { useSession } from '../../session';
import { formatDateTime } from '../../format';
import type { TabProps } from './CasePage';

/** Whether a step was entered well after it happened (a paper file): the timeline then shows both. */
export function enteredLater(at: string, recordedAt: string | null | undefined): boolean {
  return !!recordedAt && Math.abs(new Date(recordedAt).getTime() - new Date(at).getTime()) > 60 * 60 * 1000;
}

/** The case's append-only record: who did what and when. */
export function Timeline({ c }: TabProps) {
  const { t, i18n } = useTranslation();
  const { viewer } = useSession();
  const events = (c.events.edges ?? []).map((e) => e!.node!);
  if (events.length === 0) return <Text c="dimmed">{t('timeline.empty')}</Text>;
  return (
    <MTimeline bulletSize={14} lineWidth={2} aria-label={t('caseTab.timeline')}>
      {events.map((e) => (
        <MTimeline.Item key={e.id} title={t(`event.${e.kind}`)}>
          <Text size="xs" c="dimmed">
            {formatDateTime(i18n.language, e.at)}
            {e.actorID && ` · ${e.actorID === viewer.user?.id ? t('timeline.you') : t('timeline.colleague')}`}
            {enteredLater(e.at, e.recordedAt) && ` · ${t('history.enteredOn', { at: formatDateTime(i18n.language, e.recordedAt) })}`}
          </Text>
          {e.fromStatus && e.toStatus && (
            <Text size="sm">{t(`caseStatus.${e.fromStatus}`)} → {t(`caseStatus.${e.toStatus}`)}</Text>
          )}
          {e.note && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{/^[A-Z_]+$/.test(e.note) ? t(`eventNote.${e.note}`, { defaultValue: e.note }) : e.note}</Text>}
        </MTimeline.Item>
      ))}
    </MTimeline>
  );
}
