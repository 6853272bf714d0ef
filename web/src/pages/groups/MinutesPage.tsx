import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link, useParams } from 'react-router';
import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { communityName, formatDate } from '../../format';
import { ErrorAlert, Loading } from '../../components/common';
import { useSession } from '../../session';
import { GroupQuery } from './queries';
import { memberLabel, roleHolder, sortMembers } from './groups';

/**
 * The minutes of one meeting as a paper protocol: the group, number, date
 * and place, who was present, the agenda, what was heard, what was decided
 * and the action items given, with lines for the chair's and secretary's
 * signatures; printed with the browser's own print (the page's chrome and
 * buttons are not printed).
 */
export default function MinutesPage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const { id = '', meetingId = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: GroupQuery, variables: { id } });
  if (fetching && !data) return <Loading />;
  const g = data?.workingGroup;
  const m = g?.meetings?.find((x) => x.id === meetingId);
  if (!g || !m) return <Stack><ErrorAlert error={error} /><Text>{t('groups.notFound')}</Text></Stack>;
  const members = sortMembers(g.members ?? []);
  const byID = new Map(members.map((x) => [x.id, x]));
  const present = (m.attendees ?? []).map((a) => byID.get(a)).filter((x) => !!x);
  const actions = (g.actions ?? []).filter((a) => a.meetingID === m.id);
  const day = (d: string) => formatDate(i18n.language, d, true);
  return (
    <Stack gap="sm" className="minutes">
      <Group className="no-print">
        <Anchor component={Link} to={`/groups/${g.id}`} size="sm">{g.title}</Anchor>
        <Button size="xs" onClick={() => window.print()}>{t('groups.printMinutes')}</Button>
      </Group>
      <div className="print-header">
        {community && <Text ta="center" fw={600}>{communityName(t, community)}</Text>}
        <Text ta="center">{g.title}</Text>
      </div>
      <Title order={1} size="h3" ta="center">{t('groups.minutesTitle', { n: m.number })}</Title>
      <Text ta="center">{day(m.heldOn)}{m.place ? `, ${m.place}` : ''}</Text>
      <section className="print-section" aria-labelledby="minutes-present">
        <Title order={2} size="h5" id="minutes-present">{t('groups.attendance')} ({present.length})</Title>
        <ol>{present.map((p) => <li key={p.id}>{memberLabel(p)}{p.position ? `, ${p.position}` : ''} — {t(`groups.role.${p.role}`)}</li>)}</ol>
      </section>
      {(m.agenda ?? []).length > 0 && (
        <section className="print-section" aria-labelledby="minutes-agenda">
          <Title order={2} size="h5" id="minutes-agenda">{t('groups.agenda')}</Title>
          <ol>{(m.agenda ?? []).map((a, i) => <li key={i}>{a}</li>)}</ol>
        </section>
      )}
      {m.minutes && (
        <section className="print-section" aria-labelledby="minutes-heard">
          <Title order={2} size="h5" id="minutes-heard">{t('groups.minutes')}</Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{m.minutes}</Text>
        </section>
      )}
      {(m.decisions ?? []).length > 0 && (
        <section className="print-section" aria-labelledby="minutes-decided">
          <Title order={2} size="h5" id="minutes-decided">{t('groups.decisions')}</Title>
          <ol>{(m.decisions ?? []).map((d, i) => <li key={i}>{d}</li>)}</ol>
        </section>
      )}
      {actions.length > 0 && (
        <section className="print-section" aria-labelledby="minutes-actions">
          <Title order={2} size="h5" id="minutes-actions">{t('groups.actions')}</Title>
          <ol>{actions.map((a) => <li key={a.id}>{a.text} — {byID.get(a.ownerID) ? memberLabel(byID.get(a.ownerID)!) : '—'}, {t('groups.due').toLowerCase()} {day(a.dueOn)}</li>)}</ol>
        </section>
      )}
      <div className="print-signatures">
        <p className="signature-line">{t('groups.chairSign')} ____________________ {roleHolder(members, 'CHAIR') ?? ''}</p>
        <p className="signature-line">{t('groups.secretarySign')} ____________________ {roleHolder(members, 'SECRETARY') ?? ''}</p>
      </div>
    </Stack>
  );
}
