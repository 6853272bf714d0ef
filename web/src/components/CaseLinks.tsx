import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { formatDate } from '../format';
import { StatusBadge } from './common';

/**
 * The "Cases" section of a family's or a person's page: each case named by
 * the day it opened, linking to it, with its status; or a note that there
 * are none. `headingId` names the section for screen readers.
 */
export function CaseLinks({ headingId, cases }: { headingId: string; cases: { id: string; status: string; openedAt: string }[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">{t('nav.cases')}</Title>
      {cases.length === 0 ? <Text c="dimmed">{t('family.noCases')}</Text> : (
        <Stack gap={4} component="ul" className="plain-list">
          {cases.map((c) => (
            <li key={c.id}>
              <Group gap="xs">
                <Anchor component={Link} to={`/cases/${c.id}`}>{t('family.caseOpened', { date: formatDate(i18n.language, c.openedAt) })}</Anchor>
                <StatusBadge status={c.status} />
              </Group>
            </li>
          ))}
        </Stack>
      )}
    </section>
  );
}
