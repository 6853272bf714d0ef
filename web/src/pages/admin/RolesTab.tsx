import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useForm } from '@mantine/form';
import { Badge, Button, Card, Checkbox, Group, MultiSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { graphql } from '../../gql';
import type { MembershipRole } from '../../gql/graphql';
import { notify } from '../../notify';
import { stepErrorMessage } from '../../api/errors';
import { showServerError } from '../../api/forms';
import { useSession } from '../../session';
import { ErrorAlert } from '../../components/common';
import { FormAlert } from '../../components/FormAlert';
import { policyActionLabel, policyObjectLabel } from '../../recordLabels';
import { composable, narrowedCount, permissionKey, type RoleView } from './roleTuning';

const CommunityRolesQuery = graphql(`
  query CommunityRoles($communityID: ID!) {
    communityRoles(communityID: $communityID) {
      key role customRoleID retired label { uk en }
      permissions { object action default allowed narrowed }
    }
  }
`);
const NarrowRoleMutation = graphql(`
  mutation NarrowRole($input: RolePermissionInput!) { narrowRole(input: $input) { key } }
`);
const RestoreRoleMutation = graphql(`
  mutation RestoreRole($input: RolePermissionInput!) { restoreRole(input: $input) { key } }
`);
const DefineRoleMutation = graphql(`
  mutation DefineRole($input: DefineRoleInput!) { defineRole(input: $input) { key } }
`);
const RetireRoleMutation = graphql(`
  mutation RetireRole($id: ID!) { retireRole(id: $id) { key retired } }
`);

type Role = RoleView & { label?: { uk: string; en: string } | null };

/** The community's own roles still in force, as choices of a role select (value: the role's ID). */
export function useCustomRoleChoices(communityID: string): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const [{ data }] = useQuery({ query: CommunityRolesQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  return (data?.communityRoles ?? []).filter((r) => r.customRoleID && !r.retired && r.label)
    .map((r) => ({ value: r.customRoleID!, label: i18n.language === 'en' ? r.label!.en : r.label!.uk }));
}

/** The community's roles: narrow or restore each built-in role's permissions, define and retire the community's own. */
export default function RolesTab({ communityID }: { communityID: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { can } = useSession();
  const [{ data, error }, reload] = useQuery({ query: CommunityRolesQuery, variables: { communityID }, requestPolicy: 'cache-and-network' });
  const [{ fetching: narrowing }, narrow] = useMutation(NarrowRoleMutation);
  const [{ fetching: restoring }, restore] = useMutation(RestoreRoleMutation);
  const [, retire] = useMutation(RetireRoleMutation);
  const roles: Role[] = data?.communityRoles ?? [];
  const name = (r: Role) => (r.label ? (lng === 'en' ? r.label.en : r.label.uk) : t(`roles.${r.role}`));
  const permissionLabel = (p: { object: string; action: string }) => `${policyObjectLabel(lng, p.object)} — ${policyActionLabel(lng, p.action)}`;

  async function toggle(r: Role, p: { object: string; action: string; allowed: boolean }) {
    const input = { communityID, role: r.role as MembershipRole, permission: permissionKey(p) };
    const res = p.allowed ? await narrow({ input }) : await restore({ input });
    if (res.error) return notify({ color: 'red', message: stepErrorMessage(t, res.error) });
    notify({ color: 'teal', message: t(p.allowed ? 'roleTuning.narrowed' : 'roleTuning.restored', { role: name(r), permission: permissionLabel(p) }) });
    reload({ requestPolicy: 'network-only' });
  }
  async function retireRole(r: Role) {
    const res = await retire({ id: r.customRoleID! });
    if (res.error) return notify({ color: 'red', message: stepErrorMessage(t, res.error) });
    notify({ color: 'teal', message: t('roleTuning.retiredDone', { role: name(r) }) });
    reload({ requestPolicy: 'network-only' });
  }

  return (
    <Stack>
      <Text size="sm" c="dimmed">{t('roleTuning.hint')}</Text>
      <ErrorAlert error={error} />
      {roles.map((r) => (
        <Card withBorder key={r.key} component="section" aria-labelledby={`role-${r.key}`} data-testid={`role-${r.key}`}>
          <Group justify="space-between" mb="xs">
            <Title order={2} size="h5" id={`role-${r.key}`}>{name(r)}</Title>
            <Group gap="xs">
              {r.customRoleID && <Badge variant="light">{t('roleTuning.custom')}</Badge>}
              {r.retired && <Badge color="gray">{t('roleTuning.retired')}</Badge>}
              {narrowedCount(r) > 0 && <Badge color="red" variant="light">{t('roleTuning.narrowedCount', { count: narrowedCount(r) })}</Badge>}
              {r.customRoleID && !r.retired && <Button size="compact-xs" variant="subtle" color="red" onClick={() => retireRole(r)}>{t('roleTuning.retire')}</Button>}
            </Group>
          </Group>
          <Table>
            <Table.Tbody>
              {r.permissions.map((p) => (
                <Table.Tr key={permissionKey(p)}>
                  <Table.Td>{permissionLabel(p)}</Table.Td>
                  <Table.Td w={160}>
                    {r.customRoleID ? <Text size="sm">{r.retired ? t('roleTuning.retired') : t('roleTuning.allowed')}</Text> : (
                      <Checkbox checked={p.allowed} disabled={narrowing || restoring} label={p.allowed ? t('roleTuning.allowed') : t('roleTuning.takenAway')}
                        aria-label={t('roleTuning.toggle', { role: name(r), permission: permissionLabel(p) })}
                        onChange={() => toggle(r, p)} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
      <DefineRole communityID={communityID} options={composable(roles, can)} label={permissionLabel} onDone={() => reload({ requestPolicy: 'network-only' })} />
    </Stack>
  );
}

function DefineRole({ communityID, options, label, onDone }: {
  communityID: string; options: string[]; label: (p: { object: string; action: string }) => string; onDone: () => void;
}) {
  const { t } = useTranslation();
  const [{ fetching }, define] = useMutation(DefineRoleMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm({
    initialValues: { nameUk: '', nameEn: '', permissions: [] as string[] },
    validate: {
      nameUk: (v) => (v.trim() ? null : t('form.required')),
      nameEn: (v) => (v.trim() ? null : t('form.required')),
      permissions: (v) => (v.length ? null : t('form.required')),
    },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await define({ input: { communityID, ...v } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('roleTuning.defined', { role: v.nameUk }) });
    form.reset();
    onDone();
  }
  const data = options.map((k) => { const [object, action] = k.split(':'); return { value: k, label: label({ object, action }) }; });
  return (
    <Card withBorder>
      <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="define-role-h">
        <Stack gap="sm">
          <Title order={2} size="h4" id="define-role-h">{t('roleTuning.define')}</Title>
          <Text size="sm" c="dimmed">{t('roleTuning.defineHint')}</Text>
          <FormAlert message={alert} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('roleTuning.nameUk')} required {...form.getInputProps('nameUk')} />
            <TextInput label={t('roleTuning.nameEn')} required {...form.getInputProps('nameEn')} />
          </SimpleGrid>
          <MultiSelect label={t('roleTuning.permissions')} required searchable data={data} {...form.getInputProps('permissions')} />
          <Button type="submit" loading={fetching} w="fit-content">{t('roleTuning.defineSubmit')}</Button>
        </Stack>
      </form>
    </Card>
  );
}
