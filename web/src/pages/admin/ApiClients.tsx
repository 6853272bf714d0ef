import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Alert, Badge, Button, Card, Code, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { graphql } from '../../gql';
import type { ApiClientRole, MembershipRole } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { stepErrorMessage } from '../../api/errors';
import { formatDate, formatDateTime } from '../../format';
import { ErrorAlert } from '../../components/common';
import { FormAlert } from '../../components/FormAlert';

const ApiClientsQuery = graphql(`
  query ApiClients($communityID: ID!) {
    apiClients(communityID: $communityID) { id name role scopes allowedRanges expiresAt revokedAt lastUsedAt previousSecretUntil }
  }
`);
const ApiClientScopesQuery = graphql(`
  query ApiClientScopes($communityID: ID!, $role: MembershipRole!) { apiClientScopes(communityID: $communityID, role: $role) }
`);
const CreateAPIClientMutation = graphql(`
  mutation CreateAPIClient($input: CreateAPIClientInput!) { createAPIClient(input: $input) { token clientSecret apiClient { id name } } }
`);
const RevokeAPIClientMutation = graphql(`
  mutation RevokeAPIClient($id: ID!) { revokeAPIClient(id: $id) { id revokedAt } }
`);
const UpdateAPIClientMutation = graphql(`
  mutation UpdateAPIClient($id: ID!, $input: UpdateAPIClientInput!) { updateAPIClient(id: $id, input: $input) { id scopes allowedRanges } }
`);
const RotateAPIClientSecretMutation = graphql(`
  mutation RotateAPIClientSecret($id: ID!, $until: Time) { rotateAPIClientSecret(id: $id, oldSecretValidUntil: $until) { clientSecret apiClient { id previousSecretUntil } } }
`);

const apiRoles: ApiClientRole[] = ['API_CLIENT', 'PARTNER_REPORTER'];

/** One range a line, blanks dropped. */
function ranges(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

/** A secret shown once, with what the application needs to use it. */
type Shown = { id: string; name: string; secret: string; token?: string };

/** A community's OAuth2 clients: made, narrowed, rotated and revoked by its administrator. */
export function ApiClients({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const [{ data, error }, refetch] = useQuery({ query: ApiClientsQuery, variables: { communityID } });
  const [{ fetching }, create] = useMutation(CreateAPIClientMutation);
  const [, revoke] = useMutation(RevokeAPIClientMutation);
  const [, rotate] = useMutation(RotateAPIClientSecretMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const form = useForm({
    initialValues: { name: '', role: 'API_CLIENT' as string, scopes: [] as string[], ranges: '' },
    validate: { name: (v) => (v.trim() ? null : t('form.required')) },
  });
  const [{ data: scopeData }] = useQuery({ query: ApiClientScopesQuery, variables: { communityID, role: form.values.role as MembershipRole } });
  const reload = () => refetch({ requestPolicy: 'network-only' });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await create({ input: { communityID, name: v.name.trim(), role: v.role as MembershipRole, scopes: v.scopes, allowedRanges: ranges(v.ranges) } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    const c = r.data!.createAPIClient;
    setShown({ id: c.apiClient.id, name: c.apiClient.name, secret: c.clientSecret, token: c.token });
    form.reset();
    reload();
  }
  async function rotateSecret(id: string, name: string, overlapDays: number) {
    setAlert(null);
    const until = overlapDays > 0 ? new Date(Date.now() + overlapDays * 86_400_000).toISOString() : null;
    const r = await rotate({ id, until });
    if (r.error) return setAlert(stepErrorMessage(t, r.error));
    setShown({ id, name, secret: r.data!.rotateAPIClientSecret.clientSecret });
    reload();
  }
  return (
    <Stack>
      <Card withBorder>
        <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="api-h">
          <Stack gap="sm">
            <Title order={2} size="h4" id="api-h">{t('admin.newApiClient')}</Title>
            <Text size="sm" c="dimmed">{t('admin.apiHint')}</Text>
            <FormAlert message={alert} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('admin.apiName')} required {...form.getInputProps('name')} />
              <Select label={t('home.role')} allowDeselect={false} data={apiRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} {...form.getInputProps('role')} />
              <MultiSelect label={t('admin.apiScopes')} description={t('admin.apiScopesHint')} searchable
                data={scopeData?.apiClientScopes ?? []} {...form.getInputProps('scopes')} />
              <Textarea label={t('admin.apiRanges')} description={t('admin.apiRangesHint')} autosize minRows={2} {...form.getInputProps('ranges')} />
            </SimpleGrid>
            <Button type="submit" loading={fetching} w="fit-content">{t('admin.createApiClient')}</Button>
          </Stack>
        </form>
      </Card>
      {shown && (
        <Alert color="teal" title={shown.name} withCloseButton onClose={() => setShown(null)}>
          <Text size="sm">{t('admin.secretOnce')}</Text>
          <Text size="sm" mt="xs">client_id</Text>
          <Code block>{shown.id}</Code>
          <Text size="sm" mt="xs">client_secret</Text>
          <Code block>{shown.secret}</Code>
          {shown.token && <><Text size="sm" mt="xs">{t('admin.legacyToken')}</Text><Code block>{shown.token}</Code></>}
        </Alert>
      )}
      {error && <ErrorAlert error={error} />}
      <Table striped aria-label={t('admin.apiClients')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.apiName')}</Table.Th>
            <Table.Th>{t('admin.apiScopes')}</Table.Th>
            <Table.Th>{t('admin.apiRanges')}</Table.Th>
            <Table.Th>{t('admin.apiLastUsed')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(data?.apiClients ?? []).map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Text size="sm" fw={500}>{c.name}</Text>
                <Text size="xs" c="dimmed">{t(`roles.${c.role}`)} · <Code>{c.id}</Code></Text>
                {c.revokedAt ? <Badge color="gray">{t('admin.apiRevoked')}</Badge> : <Text size="xs">{t('admin.expires', { date: formatDate(i18n.language, c.expiresAt) })}</Text>}
                {c.previousSecretUntil && !c.revokedAt && <Text size="xs" c="dimmed">{t('admin.oldSecretUntil', { date: formatDateTime(i18n.language, c.previousSecretUntil) })}</Text>}
              </Table.Td>
              <Table.Td><Text size="xs">{(c.scopes ?? []).join(', ') || t('admin.apiAllScopes')}</Text></Table.Td>
              <Table.Td>{c.revokedAt ? '—' : <RangesEditor id={c.id} value={c.allowedRanges ?? []} />}</Table.Td>
              <Table.Td>{c.lastUsedAt ? formatDateTime(i18n.language, c.lastUsedAt) : t('admin.apiNeverUsed')}</Table.Td>
              <Table.Td>
                {!c.revokedAt && (
                  <Group gap="xs">
                    <Button size="compact-sm" variant="light" onClick={() => rotateSecret(c.id, c.name, 7)}>{t('admin.rotateSecret')}</Button>
                    <Button size="compact-sm" color="red" variant="light"
                      onClick={async () => { const r = await revoke({ id: c.id }); if (r.error) setAlert(stepErrorMessage(t, r.error)); else reload(); }}>
                      {t('admin.revokeApiClient')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The allowed address ranges of a client, edited in place. */
function RangesEditor({ id, value }: { id: string; value: string[] }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value.join('\n'));
  const [error, setError] = useState<string | null>(null);
  const [{ fetching }, update] = useMutation(UpdateAPIClientMutation);
  async function save() {
    setError(null);
    const r = await update({ id, input: { allowedRanges: ranges(text) } });
    if (r.error) setError(stepErrorMessage(t, r.error));
  }
  return (
    <Stack gap={4}>
      <Textarea aria-label={t('admin.apiRanges')} size="xs" autosize minRows={1} value={text} error={error}
        placeholder={t('admin.apiAnywhere')} onChange={(e) => setText(e.currentTarget.value)} />
      {text !== value.join('\n') && <Button size="compact-xs" loading={fetching} onClick={save} w="fit-content">{t('admin.saveRanges')}</Button>}
    </Stack>
  );
}
