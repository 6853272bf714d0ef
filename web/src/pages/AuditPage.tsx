import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import type { AuditEventAction, AuditEventWhereInput } from '../gql/graphql';
import { useSession } from '../session';
import { formatDateTime, shortID } from '../format';
import { ErrorAlert, Loading } from '../components/common';
import { TableHead } from '../components/TableHead';

const AuditQuery = graphql(`
  query Audit($where: AuditEventWhereInput!, $after: Cursor) {
    auditEvents(first: 100, after: $after, where: $where, orderBy: { field: OCCURRED_AT, direction: DESC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id occurredAt actorUserID actorAPIClientID action entityType entityID fields } }
    }
  }
`);

const actions: AuditEventAction[] = ['READ', 'CREATE', 'UPDATE', 'DELETE', 'LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'TOTP_ENROLLED', 'TOKEN_ISSUED', 'TOKEN_REVOKED', 'EXPORT'];

/** The access and change log of the community: who read or changed which record. */
export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { community } = useSession();
  const [action, setAction] = useState('');
  const [after, setAfter] = useState<string | null>(null);
  const where: AuditEventWhereInput = { communityID: community?.id };
  if (action) where.action = action as AuditEventAction;
  const [{ data, fetching, error }] = useQuery({ query: AuditQuery, variables: { where, after }, pause: !community });
  const rows = (data?.auditEvents.edges ?? []).map((e) => e!.node!);
  return (
    <Stack>
      <Title order={1} size="h2">{t('audit.title')}</Title>
      <Group align="flex-end">
        <NativeSelect label={t('audit.action')} value={action} onChange={(e) => { setAction(e.currentTarget.value); setAfter(null); }}
          data={[{ value: '', label: t('audit.all') }, ...actions.map((a) => ({ value: a, label: t(`auditAction.${a}`) }))]} />
        {data && <Text size="sm" c="dimmed">{t('audit.count', { count: data.auditEvents.totalCount })}</Text>}
      </Group>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <TableHead columns={[t('audit.when'), t('audit.action'), t('audit.record'), t('audit.actor'), t('audit.fields')]} />
            <Table.Tbody>
              {rows.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(i18n.language, e.occurredAt)}</Table.Td>
                  <Table.Td>{t(`auditAction.${e.action}`)}</Table.Td>
                  <Table.Td><Text size="sm">{e.entityType}{e.entityID ? ` …${shortID(e.entityID)}` : ''}</Text></Table.Td>
                  <Table.Td><Text size="sm">{e.actorUserID ? `${t('audit.user')} …${shortID(e.actorUserID)}` : e.actorAPIClientID ? `${t('audit.apiClient')} …${shortID(e.actorAPIClientID)}` : '—'}</Text></Table.Td>
                  <Table.Td><Text size="xs">{e.fields?.join(', ')}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data?.auditEvents.pageInfo.hasNextPage && <Button variant="default" w="fit-content" onClick={() => setAfter(data.auditEvents.pageInfo.endCursor ?? null)}>{t('cases.more')}</Button>}
    </Stack>
  );
}
