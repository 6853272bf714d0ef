import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { AssessmentDomain, ConcernRating, NeedsAssessmentKind } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { providerKinds } from '../../api/hooks';
import { useSession } from '../../session';
import { formatDate, formatDateTime } from '../../format';
import { DateTimeField, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { ApprovalBadge } from './ApprovalBadge';
import { LightBadge } from '../../components/LightBadge';
import { NotRecorded, OfficialPrint, PdfLink } from './print';
import { useFieldDraft } from '../../drafts/useFieldDraft';

const RecordNeedsMutation = graphql(`
  mutation RecordNeedsAssessment($input: RecordNeedsAssessmentInput!) {
    recordNeedsAssessment(input: $input) { id }
  }
`);

export const domains = ['CHILD_DEVELOPMENT', 'PARENTING_CAPACITY', 'FAMILY_ENVIRONMENT'] as const;
export const ratings = ['NO_CONCERN', 'SOME_CONCERN', 'SERIOUS_CONCERN', 'CRITICAL'] as const;
const ratingColor: Record<string, string> = { NO_CONCERN: 'teal', SOME_CONCERN: 'yellow', SERIOUS_CONCERN: 'orange', CRITICAL: 'red' };

interface Values {
  providerID: string;
  kind: NeedsAssessmentKind;
  conductedAt: string | null;
  domains: { domain: string; rating: string; narrative: string }[];
  strengths: string;
  conclusion: string;
  actNumber: string;
  actFiledAt: string | null;
}

export function NeedsForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t } = useTranslation();
  const { organizations } = useSession();
  const providers = organizations.filter((o) => providerKinds.includes(o.kind));
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      providerID: providers[0]?.id ?? '', kind: 'INITIAL', conductedAt: nowLocal(),
      domains: domains.map((d) => ({ domain: d, rating: '', narrative: '' })),
      strengths: '', conclusion: '', actNumber: '', actFiledAt: nowLocal(),
    },
    validate: {
      providerID: (v) => (v ? null : t('form.required')),
      conductedAt: (v) => (v ? null : t('form.required')),
      domains: { rating: (v) => (v ? null : t('needs.chooseRating')), narrative: (v) => (v.trim() ? null : t('form.required')) },
      strengths: (v) => (v.trim() ? null : t('needs.strengthsRequired')),
      conclusion: (v) => (v.trim() ? null : t('form.required')),
      actNumber: (v) => (v.trim() ? null : t('form.required')),
      actFiledAt: (v) => (v ? null : t('form.required')),
    },
  });

  // An assessment is written on the visit: kept on the device, sent when the connection allows.
  const draft = useFieldDraft(form, {
    caseID: c.id, name: 'needs', document: RecordNeedsMutation,
    onSent: () => { notify({ color: 'teal', message: t('needs.saved') }); onSaved(); },
    onRefused: (error) => setAlert(showServerError(t, form, error)),
  });

  function submit(v: Values) {
    setAlert(null);
    void draft.send(v, {
      input: {
        caseID: c.id, providerID: v.providerID, kind: v.kind, conductedAt: toInstant(v.conductedAt)!,
        domains: v.domains.map((d) => ({ domain: d.domain as AssessmentDomain, rating: d.rating as ConcernRating, narrative: d.narrative.trim() })),
        strengths: v.strengths.trim(), conclusion: v.conclusion.trim(), actNumber: v.actNumber.trim(), actFiledAt: toInstant(v.actFiledAt)!,
      },
    });
  }

  if (providers.length === 0) return <Text c="dimmed">{t('needs.noProvider')}</Text>;
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="needs-form-h">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="needs-form-h">{t('needs.new')}</Title>
          {draft.status}
        </Group>
        <FormAlert message={alert ?? (draft.refusedBefore ? t('drafts.failed') : null)} />
        <Group grow align="flex-start">
          <Select label={t('needs.provider')} required data={providers.map((o) => ({ value: o.id, label: o.name }))} {...form.getInputProps('providerID')} />
          <DateTimeField label={t('needs.conductedAt')} required maxDate={new Date()} {...form.getInputProps('conductedAt')} />
        </Group>
        <div>
          <Text size="sm" fw={500} id="needs-kind-l">{t('needs.kind')}</Text>
          <SegmentedControl aria-labelledby="needs-kind-l" data={[{ value: 'INITIAL', label: t('needsKind.INITIAL') }, { value: 'COMPREHENSIVE', label: t('needsKind.COMPREHENSIVE') }]}
            {...form.getInputProps('kind')} />
        </div>
        <Text size="sm" c="dimmed">{t('needs.triangleHint')}</Text>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {form.values.domains.map((d, i) => (
            <Card key={d.domain} withBorder>
              <Stack gap="xs">
                <Text fw={600}>{t(`domain.${d.domain}`)}</Text>
                <Text size="xs" c="dimmed">{t(`domainHint.${d.domain}`)}</Text>
                <Select label={t('needs.rating')} required data={ratings.map((r) => ({ value: r, label: t(`rating.${r}`) }))}
                  {...form.getInputProps(`domains.${i}.rating`)} />
                <Textarea label={t('needs.narrative')} required autosize minRows={3} {...form.getInputProps(`domains.${i}.narrative`)} />
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
        <Textarea label={t('needs.strengths')} required autosize minRows={2} {...form.getInputProps('strengths')} />
        <Textarea label={t('needs.conclusion')} required autosize minRows={2} {...form.getInputProps('conclusion')} />
        <Group grow align="flex-start">
          <TextInput label={t('needs.actNumber')} required {...form.getInputProps('actNumber')} />
          <DateTimeField label={t('needs.actFiledAt')} required {...form.getInputProps('actFiledAt')} />
        </Group>
        <Button type="submit" loading={draft.state === 'sending'} w="fit-content">{t('needs.save')}</Button>
      </Stack>
    </form>
  );
}

export function NeedsTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const list = [...(c.needsAssessments ?? [])].sort((a, b) => b.conductedAt.localeCompare(a.conductedAt));
  const canRecord = can('needs_assessment', 'create') && ['ASSESSING_SAFETY', 'ASSESSING_NEEDS'].includes(c.status);
  return (
    <Stack gap="lg">
      {list.length === 0 && <Text c="dimmed" className="no-print">{t('needs.none')}</Text>}
      {list.length === 0 && <NotRecorded what={t('print.needsAct')} />}
      {list.map((n) => (
        <Card key={n.id} withBorder className="print-section">
          <OfficialPrint kind="needs-act" id={n.id} />
          <Stack gap="sm" className="no-print">
            <Group justify="space-between">
              <Title order={2} size="h4">{t('needs.actTitle', { number: n.actNumber })}</Title>
              <Group gap="xs">
                <LightBadge>{t(`needsKind.${n.kind}`)}</LightBadge>
                <ApprovalBadge c={c} subjectID={n.id} />
              </Group>
            </Group>
            <dl className="fields">
              <div className="field"><dt>{t('needs.provider')}</dt><dd>{n.provider.name}</dd></div>
              <div className="field"><dt>{t('needs.conductedAt')}</dt><dd>{formatDateTime(i18n.language, n.conductedAt)}</dd></div>
              <div className="field"><dt>{t('needs.actFiledAt')}</dt><dd>{formatDate(i18n.language, n.actFiledAt)}</dd></div>
              <div className="field"><dt>{t('needs.due')}</dt><dd>{formatDate(i18n.language, n.due)} · {n.onTime ? t('safety.onTimeYes') : t('safety.late')}</dd></div>
            </dl>
            <SimpleGrid cols={{ base: 1, md: 3 }} className="triangle">
              {domains.map((dk) => {
                const d = n.domains.find((x) => x.domain === dk);
                return (
                  <Card key={dk} withBorder padding="sm">
                    <Text fw={600} size="sm">{t(`domain.${dk}`)}</Text>
                    {d && <LightBadge color={ratingColor[d.rating]} my={4}>{t(`rating.${d.rating}`)}</LightBadge>}
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{d?.narrative ?? '—'}</Text>
                  </Card>
                );
              })}
            </SimpleGrid>
            <Text size="sm"><strong>{t('needs.strengths')}:</strong> {n.strengths}</Text>
            <Text size="sm"><strong>{t('needs.conclusion')}:</strong> {n.conclusion}</Text>
            <PdfLink kind="needs-act" id={n.id} />
          </Stack>
        </Card>
      ))}
      {canRecord && <Card withBorder className="no-print"><NeedsForm c={c} onSaved={reload} /></Card>}
    </Stack>
  );
}
