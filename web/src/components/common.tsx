import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Badge, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import type { CombinedError } from 'urql';
import { errorCode, errorMessage } from '../api/errors';

/** The page a person sees for a record they may not open, or one that does not exist. */
export function NoAccess() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} data-testid="no-access">
      <Title order={1} size="h2">{t('noAccess.title')}</Title>
      <Text>{t('noAccess.text')}</Text>
      <Text size="sm" c="dimmed">{t('noAccess.hint')}</Text>
      <Button component={Link} to="/" w="fit-content">{t('noAccess.home')}</Button>
    </Stack>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return <Center mih={200}><Loader aria-label={t('loading')} /></Center>;
}

export function ErrorAlert({ error }: { error: CombinedError | null | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return <Alert color="red" role="alert">{errorMessage(t, error)}</Alert>;
}

/** Loading, no access (null, NOT_FOUND or FORBIDDEN) or an error, else the page. */
export function PageState({ fetching, error, found, children }: {
  fetching: boolean; error?: CombinedError; found: boolean; children: () => ReactNode;
}) {
  if (found) return <>{children()}</>;
  if (fetching) return <Loading />;
  if (error && !['NOT_FOUND', 'FORBIDDEN'].includes(errorCode(error))) return <ErrorAlert error={error} />;
  return <NoAccess />;
}

/** Badges show their whole label: statuses are read, not glanced at. */
const badgeStyle = { textTransform: 'none', maxWidth: 'none', overflow: 'visible' } as const;

const statusColor: Record<string, string> = {
  REPORTED: 'red', ASSESSING_SAFETY: 'orange', ASSESSING_NEEDS: 'yellow', AWAITING_DECISION: 'grape',
  OPEN: 'teal', UNDER_REVIEW: 'cyan', CLOSED: 'gray', REFUSED: 'dark', TRANSFERRED: 'indigo',
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge color={statusColor[status] ?? 'gray'} variant="light" radius="sm" style={badgeStyle}>{t(`caseStatus.${status}`)}</Badge>;
}

const dueColor: Record<string, string> = { ON_TIME: 'teal', DUE_SOON: 'orange', OVERDUE: 'red' };

export function DueBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Badge color={dueColor[status] ?? 'gray'} variant={status === 'OVERDUE' ? 'filled' : 'light'} radius="sm" className="badge-nowrap" style={{ ...badgeStyle, flexShrink: 0 }}>{t(`due.${status}`)}</Badge>;
}

export function EnumBadge({ group, value, color = 'gray' }: { group: string; value: string; color?: string }) {
  const { t } = useTranslation();
  return <Badge color={color} variant="light" radius="sm" style={badgeStyle}>{t(`${group}.${value}`)}</Badge>;
}

/** Whether a value shows nothing: null, false, an empty or blank text, an empty list. */
export function isBlank(v: ReactNode): boolean {
  if (v == null || v === false || v === true) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.every(isBlank);
  return false;
}

/** A label: value pair in a definition list; an empty value reads "—", like everywhere else. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{isBlank(children) ? '—' : children}</dd>
    </div>
  );
}
