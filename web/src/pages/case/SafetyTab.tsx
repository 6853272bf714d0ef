import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useForm } from '@mantine/form';
import { ActionIcon, Badge, Button, Card, Checkbox, Group, MultiSelect, Radio, Select, Stack, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { CareForm, SafetyResult, UrgentMeasureKind } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { formatDateTime, personName } from '../../format';
import { DateTimeField, nowLocal, toInstant } from '../../components/dates';
import { FormAlert } from '../../components/FormAlert';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { NotRecorded, OfficialPrint, PdfLink } from './print';
import { careForms, institutional } from './PlacementsTab';
import { useFieldDraft } from '../../drafts/useFieldDraft';

const RecordSafetyMutation = graphql(`
  mutation RecordSafetyAssessment($input: RecordSafetyAssessmentInput!) {
    recordSafetyAssessment(input: $input) { id result }
  }
`);

export const safetyResults: SafetyResult[] = ['SAFE', 'DANGER_PRESENT', 'IMMEDIATE_THREAT'];
export const measureKinds: UrgentMeasureKind[] = ['REMOVAL', 'PLACEMENT', 'MEDICAL_CARE', 'POLICE_PROTECTION', 'RESTRAINING_ORDER', 'OTHER'];
const resultColor: Record<string, string> = { SAFE: 'teal', DANGER_PRESENT: 'orange', IMMEDIATE_THREAT: 'red' };

interface Measure { kind: string; legalBasis: string; placement: string; children: string[]; form: string | null; emergencyReason: string }
interface Values {
  conductedAt: string | null;
  participants: string[];
  policeInvolved: boolean;
  result: string;
  findings: Record<string, string>;
  urgentMeasures: Measure[];
}

export function SafetyForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t } = useTranslation();
  const [alert, setAlert] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      conductedAt: nowLocal(), participants: [], policeInvolved: false, result: '',
      findings: Object.fromEntries((c.children ?? []).map((p) => [p.id, ''])), urgentMeasures: [],
    },
    validate: {
      conductedAt: (v) => (v ? null : t('form.required')),
      result: (v) => (v ? null : t('safety.chooseResult')),
      urgentMeasures: {
        kind: (v) => (v ? null : t('form.required')),
        legalBasis: (v) => (v.trim() ? null : t('safety.legalBasisRequired')),
        children: (v, all, path) => {
          const kind = all.urgentMeasures[Number(path.split('.')[1])]?.kind;
          return (kind === 'REMOVAL' || kind === 'PLACEMENT') && v.length === 0 ? t('form.required') : null;
        },
        form: (v, all, path) => (all.urgentMeasures[Number(path.split('.')[1])]?.kind === 'PLACEMENT' && !v ? t('form.required') : null),
      },
    },
  });
  const threat = form.values.result === 'IMMEDIATE_THREAT';
  // An assessment is written on the visit: kept on the device, sent when the connection allows.
  const draft = useFieldDraft(form, {
    caseID: c.id, name: 'safety', document: RecordSafetyMutation,
    onSent: () => { notify({ color: 'teal', message: t('safety.saved') }); onSaved(); },
    onRefused: (error) => setAlert(showServerError(t, form, error)),
  });

  function submit(v: Values) {
    setAlert(null);
    if (v.result === 'IMMEDIATE_THREAT' && v.urgentMeasures.length === 0) {
      form.setFieldError('urgentMeasures', t('rules.URGENT_MEASURES_REQUIRED'));
      return;
    }
    void draft.send(v, {
      input: {
        caseID: c.id, conductedAt: toInstant(v.conductedAt)!, participants: v.participants, policeInvolved: v.policeInvolved,
        result: v.result as SafetyResult,
        findings: Object.entries(v.findings).filter(([, f]) => f.trim()).map(([personID, finding]) => ({ personID, finding: finding.trim() })),
        urgentMeasures: v.result === 'IMMEDIATE_THREAT'
          ? v.urgentMeasures.map((m) => {
            const childBound = m.kind === 'REMOVAL' || m.kind === 'PLACEMENT';
            const form = m.kind === 'PLACEMENT' ? (m.form as CareForm) : null;
            return {
              kind: m.kind as UrgentMeasureKind, legalBasis: m.legalBasis.trim(), placement: m.placement.trim() || null,
              children: childBound ? m.children : null, form,
              emergencyReason: form && institutional(form) ? m.emergencyReason.trim() || null : null,
            };
          }) : [],
      },
    });
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="safety-form-h">
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h4" id="safety-form-h">{t('safety.new')}</Title>
          {draft.status}
        </Group>
        <FormAlert message={alert ?? (draft.refusedBefore ? t('drafts.failed') : null)} />
        <Group grow align="flex-start">
          <DateTimeField label={t('safety.conductedAt')} required maxDate={new Date()} {...form.getInputProps('conductedAt')} />
          <TagsInput label={t('safety.participants')} description={t('safety.participantsHint')} {...form.getInputProps('participants')} />
        </Group>
        <Checkbox label={t('safety.police')} {...form.getInputProps('policeInvolved', { type: 'checkbox' })} />
        {(c.children ?? []).map((p) => (
          <Textarea key={p.id} label={t('safety.finding', { name: personName(p) })} autosize minRows={2}
            {...form.getInputProps(`findings.${p.id}`)} />
        ))}
        <Radio.Group label={t('safety.result')} required {...form.getInputProps('result')}>
          <Stack gap={6} mt={4}>
            {safetyResults.map((r) => <Radio key={r} value={r} label={t(`safetyResult.${r}`)} description={t(`safetyResultHint.${r}`)} />)}
          </Stack>
        </Radio.Group>
        {threat && (
          <Card withBorder bg="red.0">
            <Stack gap="sm">
              <Text fw={600}>{t('safety.measures')}</Text>
              <Text size="sm">{t('safety.measuresHint')}</Text>
              {form.errors.urgentMeasures && <Text c="red" size="sm" role="alert">{form.errors.urgentMeasures}</Text>}
              {form.values.urgentMeasures.map((_, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <Select label={t('safety.measureKind')} required data={measureKinds.map((k) => ({ value: k, label: t(`measure.${k}`) }))}
                    {...form.getInputProps(`urgentMeasures.${i}.kind`)} w={260} />
                  <TextInput label={t('safety.legalBasis')} required description={t('safety.legalBasisHint')} style={{ flex: 1, minWidth: 220 }}
                    {...form.getInputProps(`urgentMeasures.${i}.legalBasis`)} />
                  <TextInput label={t('safety.placement')} w={220} required={form.values.urgentMeasures[i].kind === 'PLACEMENT'}
                    {...form.getInputProps(`urgentMeasures.${i}.placement`)} />
                  {['REMOVAL', 'PLACEMENT'].includes(form.values.urgentMeasures[i].kind) && (
                    <MultiSelect label={t('safety.measureChildren')} required w={260}
                      data={(c.children ?? []).map((p) => ({ value: p.id, label: personName(p) }))} {...form.getInputProps(`urgentMeasures.${i}.children`)} />
                  )}
                  {form.values.urgentMeasures[i].kind === 'PLACEMENT' && (
                    <Select label={t('safety.measureForm')} required w={300}
                      data={careForms.map((f) => ({ value: f, label: t(`careForm.${f}`) }))} {...form.getInputProps(`urgentMeasures.${i}.form`)} />
                  )}
                  {form.values.urgentMeasures[i].kind === 'PLACEMENT' && form.values.urgentMeasures[i].form && institutional(form.values.urgentMeasures[i].form!) && (
                    <Textarea label={t('placement.emergencyReason')} description={t('placement.emergencyHint')} autosize minRows={2} style={{ flexBasis: '100%' }}
                      {...form.getInputProps(`urgentMeasures.${i}.emergencyReason`)} />
                  )}
                  <ActionIcon variant="subtle" color="red" size="lg" aria-label={t('form.remove')} onClick={() => form.removeListItem('urgentMeasures', i)}>×</ActionIcon>
                </Group>
              ))}
              <Button variant="light" color="red" w="fit-content" onClick={() => form.insertListItem('urgentMeasures', { kind: '', legalBasis: '', placement: '', children: [], form: null, emergencyReason: '' })}>
                {t('safety.addMeasure')}
              </Button>
            </Stack>
          </Card>
        )}
        <Button type="submit" loading={draft.state === 'sending'} w="fit-content">{t('safety.save')}</Button>
      </Stack>
    </form>
  );
}

type ChildLike = { id: string; lastName: string; firstName: string; patronymic?: string | null };

/**
 * The findings of an assessment child by child: every child of the case, in
 * its order, with its finding or none; then findings about anyone else.
 */
export function findingsByChild<C extends ChildLike>(children: C[], findings: { personID: string; finding: string }[]): { personID: string; child?: C; finding: string }[] {
  const byPerson = new Map(findings.map((f) => [f.personID, f.finding]));
  const out: { personID: string; child?: C; finding: string }[] = children.map((ch) => ({ personID: ch.id, child: ch, finding: byPerson.get(ch.id)?.trim() ?? '' }));
  for (const f of findings) if (!children.some((ch) => ch.id === f.personID)) out.push({ personID: f.personID, finding: f.finding.trim() });
  return out;
}

export function SafetyTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const list = [...(c.safetyAssessments ?? [])].sort((a, b) => b.conductedAt.localeCompare(a.conductedAt));
  const canRecord = can('safety_assessment', 'create') && !['CLOSED', 'REFUSED', 'TRANSFERRED'].includes(c.status);
  return (
    <Stack gap="lg">
      {list.length === 0 && <Text c="dimmed" className="no-print">{t('safety.none')}</Text>}
      {list.length === 0 && <NotRecorded what={t('safety.actTitle')} />}
      {list.map((s) => (
        <Card key={s.id} withBorder className="print-section">
          <OfficialPrint kind="safety-act" id={s.id} />
          <Stack gap="xs" className="no-print">
            <Group justify="space-between">
              <Title order={2} size="h4">{t('safety.actTitle')}</Title>
              <Badge color={resultColor[s.result]} size="lg" style={{ textTransform: 'none' }}>{t(`safetyResult.${s.result}`)}</Badge>
            </Group>
            <dl className="fields">
              <div className="field"><dt>{t('safety.conductedAt')}</dt><dd>{formatDateTime(i18n.language, s.conductedAt)}</dd></div>
              <div className="field"><dt>{t('safety.onTime')}</dt><dd>{s.onTime ? t('form.yes') : t('safety.late')}</dd></div>
              <div className="field"><dt>{t('safety.participants')}</dt><dd>{s.participants?.join(', ') || '—'}</dd></div>
              <div className="field"><dt>{t('safety.police')}</dt><dd>{s.policeInvolved ? t('form.yes') : t('form.no')}</dd></div>
            </dl>
            <div>
              <Text fw={600} size="sm">{t('safety.findingsTitle')}</Text>
              <ul className="plain-list">
                {findingsByChild(c.children ?? [], s.findings ?? []).map((f) => (
                  <li key={f.personID}>
                    <Text size="sm"><strong>{f.child ? personName(f.child) : t('safety.child')}:</strong> {f.finding || t('safety.noFinding')}</Text>
                  </li>
                ))}
              </ul>
            </div>
            {(s.urgentMeasures ?? []).length > 0 && (
              <div>
                <Text fw={600} size="sm">{t('safety.measures')}</Text>
                <ul>
                  {s.urgentMeasures!.map((m, i) => (
                    <li key={i}><Text size="sm">{t(`measure.${m.kind}`, { defaultValue: m.kind })}{m.form ? `: ${t(`careForm.${m.form}`)}` : ''}
                      {(m.children ?? []).length > 0 && ` — ${(m.children ?? []).map((id) => { const ch = (c.children ?? []).find((p) => p.id === id); return ch ? personName(ch) : t('safety.child'); }).join(', ')}`}
                      {' '}— {m.legalBasis}{m.placement ? ` (${m.placement})` : ''}{m.emergencyReason ? ` · ${t('placement.emergencyReason')}: ${m.emergencyReason}` : ''}</Text></li>
                  ))}
                </ul>
              </div>
            )}
            <PdfLink kind="safety-act" id={s.id} />
          </Stack>
        </Card>
      ))}
      {canRecord && <Card withBorder className="no-print"><SafetyForm c={c} onSaved={reload} /></Card>}
    </Stack>
  );
}
