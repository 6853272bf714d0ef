import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { graphql } from '../gql';
import { errorMessage } from '../api/errors';
import { notify } from '../notify';

export interface Invitation {
  id: string;
  role: string;
  /** With the role CUSTOM: the community's own role, by name. */
  customRole?: { label: { uk: string; en: string } | null } | null;
  community: { id: string; name: string };
  organization?: { id: string; name: string } | null;
}

const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($id: ID!) { acceptInvitation(id: $id) { id role community { id name } } }
`);
const DeclineInvitationMutation = graphql(`
  mutation DeclineInvitation($id: ID!) { declineInvitation(id: $id) { id status } }
`);

/**
 * The invitations to work in a community the signed-in person has not
 * answered (asked with the viewer, in the same request): a person joins a
 * community only by accepting one. onAnswered reloads the viewer, whose
 * roles and invitations have changed.
 */
export function Invitations({ list, onAnswered }: { list: Invitation[]; onAnswered: () => void }) {
  const { t, i18n } = useTranslation();
  const [{ fetching: accepting }, accept] = useMutation(AcceptInvitationMutation);
  const [{ fetching: declining }, decline] = useMutation(DeclineInvitationMutation);
  if (list.length === 0) return null;
  async function answer(id: string, yes: boolean) {
    const r = yes ? await accept({ id }) : await decline({ id });
    if (r.error) return notify({ color: 'red', message: errorMessage(t, r.error) });
    notify({ color: 'teal', message: t(yes ? 'invitations.accepted' : 'invitations.declined') });
    onAnswered();
  }
  return (
    <Stack gap="xs" mb="md" aria-label={t('invitations.title')} role="region">
      {list.map((inv) => (
        <Alert key={inv.id} color="blue" variant="light" title={t('invitations.title')}>
          <Group justify="space-between" align="center">
            <Text size="sm">
              {t('invitations.body', { community: inv.community.name, role: inv.customRole?.label ? (i18n.language === 'en' ? inv.customRole.label.en : inv.customRole.label.uk) : t(`roles.${inv.role}`) })}
              {inv.organization ? ` (${inv.organization.name})` : ''}
            </Text>
            <Group gap="xs">
              <Button size="xs" loading={accepting} onClick={() => answer(inv.id, true)}>{t('invitations.accept')}</Button>
              <Button size="xs" variant="subtle" color="gray" loading={declining} onClick={() => answer(inv.id, false)}>{t('invitations.decline')}</Button>
            </Group>
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
