import { useTranslation } from 'react-i18next';
import { Text, Timeline as MTimeline } from '@mantine/core';
import { formatDateTime } from '../../format';
import type { TabProps } from './CasePage';
import { eventDetail } from './eventText';

/** Whether a step was entered well after it happened (a paper file): the timeline then shows both. */
export function enteredLater(at: string, recordedAt: string | null | undefined): boolean {
  return !!recordedAt && Math.abs(new Date(recordedAt).getTime() - new Date(at).getTime()) > 60 * 60 * 1000;
}

/** The case's append-only record: who did what and when, in words. */
export function Timeline({ c }: TabProps) {
  const { t, i18n } = useTranslation();
  const events = (c.events.edges ?? []).map((e) => e!.node!);
  if (events.length === 0) return <Text c="dimmed">{t('timeline.empty')}</Text>;
  // A person the viewer may not see (another community's worker) is named by what they are.
  const who = (e: (typeof events)[number]) => e.actor?.displayName ?? (e.actorID ? t('timeline.hiddenActor') : t('timeline.system'));
  return (
    <MTimeline bulletSize={14} lineWidth={2} aria-label={t('caseTab.timeline')}>
      {events.map((e) => {
        const detail = eventDetail(t, e.kind, e.note, c.children ?? []);
        return (
          <MTimeline.Item key={e.id} title={t(`event.${e.kind}`)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(i18n.language, e.at)} · {who(e)}
              {enteredLater(e.at, e.recordedAt) && ` · ${t('history.enteredOn', { at: formatDateTime(i18n.language, e.recordedAt) })}`}
            </Text>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
              <Text size="sm">{t(`caseStatus.${e.fromStatus}`)} → {t(`caseStatus.${e.toStatus}`)}</Text>
            )}
            {detail && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{detail}</Text>}
          </MTimeline.Item>
        );
      })}
    </MTimeline>
  );
}
