import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { useParams } from 'react-router';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { formatDate } from '../../format';
import { Field, PageState } from '../../components/common';
import { RecordTable } from '../../components/RecordTable';
import { PositionRecordQuery } from './queries';

/** A person of the register: their position and their training record with certificates. */
export default function PositionPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [{ data, fetching, error }] = useQuery({ query: PositionRecordQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const p = data?.node?.__typename === 'StaffPosition' ? data.node : null;
  const day = (d: string | null | undefined) => formatDate(i18n.language, d, true);
  return (
    <PageState fetching={fetching && !data} error={error} found={!!p}>
      {() => p && (
        <Stack>
          <Title order={1} size="h2">{p.holderName || t('workforce.noName')}</Title>
          <Card withBorder>
            <Stack gap="xs">
              <Field label={t('workforce.position')}>{t(`workforce.kind.${p.kind}`)}{p.title ? ` (${p.title})` : ''}</Field>
              <Field label={t('workforce.organization')}>{p.organization.name}</Field>
              <Field label={t('workforce.workload')}>{p.workload.toLocaleString(i18n.language)}</Field>
              <Field label={t('workforce.started')}>{day(p.startedOn)}</Field>
              {p.endedOn && <Field label={t('workforce.ended')}>{day(p.endedOn)}</Field>}
              <Field label={t('workforce.qualifications')}>{(p.qualifications ?? []).join('; ') || '—'}</Field>
            </Stack>
          </Card>
          <Title order={2} size="h3">{t('workforce.enrolments')}</Title>
          {(p.enrolments ?? []).length === 0 ? <Text c="dimmed">{t('workforce.noTraining')}</Text> : (
            <RecordTable minWidth={700} label={t('workforce.enrolments')} data-testid="training-record"
              columns={[t('workforce.programme'), t('workforce.dates'), t('workforce.organizer'), t('workforce.hours'), '']}
              rows={p.enrolments ?? []} row={(en) => (
                <Table.Tr key={en.id}>
                  <Table.Th scope="row" fw={400}>{en.event.programme.title}</Table.Th>
                  <Table.Td>{day(en.event.startsOn)} – {day(en.event.endsOn)}</Table.Td>
                  <Table.Td>{en.event.organizerName || '—'}</Table.Td>
                  <Table.Td>{en.event.programme.modules.reduce((s, m) => s + m.hours, 0)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{en.completedOn ? t('workforce.completed', { date: day(en.completedOn) }) : t('workforce.notCompleted')}</Text>
                    <Text size="xs" c="dimmed">{t('workforce.attended', { n: (en.attendedModules ?? []).length, total: en.event.programme.modules.length })}</Text>
                  </Table.Td>
                </Table.Tr>
              )} />
          )}
          <Title order={2} size="h3">{t('workforce.certificates')}</Title>
          {(p.certificates ?? []).length === 0 ? <Text c="dimmed">{t('workforce.noCertificates')}</Text> : (
            <RecordTable minWidth={700} label={t('workforce.certificates')} data-testid="certificates"
              columns={[t('workforce.number'), t('workforce.issued'), t('workforce.issuer'), t('workforce.programme'), t('workforce.hours')]}
              rows={p.certificates ?? []} row={(c) => (
                <Table.Tr key={c.id}>
                  <Table.Th scope="row" fw={400}>{c.number}<Text size="xs" c="dimmed">{t(`workforce.certificateKind.${c.kind}`)}</Text></Table.Th>
                  <Table.Td>{day(c.issuedOn)}</Table.Td>
                  <Table.Td>{c.issuer}</Table.Td>
                  <Table.Td>{c.title || '—'}</Table.Td>
                  <Table.Td>{c.hours ?? '—'}</Table.Td>
                </Table.Tr>
              )} />
          )}
        </Stack>
      )}
    </PageState>
  );
}
