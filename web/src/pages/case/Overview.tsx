import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import { stepErrorMessage } from '../../api/errors';
import { useSession } from '../../session';
import { age, formatDate, formatDateTime, personName } from '../../format';
import { EnumBadge, Field } from '../../components/common';
import type { TabProps } from './CasePage';
import { PersonLink } from '../../components/PersonLink';
import { TableHead } from '../../components/TableHead';
import { CorrectReportForm, CorrectionHistory } from './ReportCorrection';
import { AssignCase } from './AssignCase';
import { AttachChild, AttachFamily } from './AttachPeople';

const AssignMutation = graphql(`
  mutation AssignManager($id: ID!, $input: UpdateCaseInput!) {
    updateCase(id: $id, input: $input) { id manager { id displayName } }
  }
`);

export function Overview({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const { viewer } = useSession();
  const [{ fetching }, update] = useMutation(AssignMutation);
  const me = viewer.user?.id;
  const members = (c.family?.members.edges ?? []).map((e) => e!.node!);
  const childIDs = new Set((c.children ?? []).map((p) => p.id));
  const adults = members.filter((m) => !childIDs.has(m.id) && m.kind === 'ADULT');
  const consent = (c.family?.consents ?? []).find((x) => !x.withdrawnAt);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [attachChild, setAttachChild] = useState(false);
  // Who may change the case file attaches its family and children, at any stage of an open case.
  const canAttach = can('case_file', 'update');
  const a = c.accompaniment;
  const lang = i18n.language === 'en' ? 'en' : 'uk';

  async function assignMe() {
    const r = await update({ id: c.id, input: { managerID: me } });
    if (r.error) notify({ color: 'red', message: stepErrorMessage(t, r.error) });
    else { notify({ color: 'teal', message: t('case.assigned') }); reload(); }
  }

  return (
    <Stack gap="lg">
      {can('case_file', 'update') && me && c.manager?.id !== me && (
        <Group className="no-print">
          <Button variant="light" size="xs" onClick={assignMe} loading={fetching}>{t('case.assignMe')}</Button>
        </Group>
      )}
      {can('case_assignment', 'create') && c.communityID && (
        <AssignCase caseID={c.id} communityID={c.communityID} managerID={c.manager?.id} reload={reload} />
      )}
      {a && (
        <section aria-labelledby="accompaniment-h">
          <Title order={2} size="h4" id="accompaniment-h" mb="xs">{t('accompaniment.title')}</Title>
          <Card withBorder>
            <dl className="fields">
              <Field label={t('accompaniment.start')}>{formatDate(i18n.language, a.startsAt)}</Field>
              <Field label={t('accompaniment.end')}><b>{formatDate(i18n.language, a.endsAt)}</b></Field>
              <Field label={t('accompaniment.baseEnd')}>{formatDate(i18n.language, a.baseEndsAt)}</Field>
              <Field label={t('accompaniment.extensions')}>
                {t('accompaniment.extensionsValue', { count: a.extensions, max: a.maxExtensions })} · {t('accompaniment.left', { count: a.extensionsLeft })}
              </Field>
              <Field label={t('accompaniment.basis')}>{a.legalBasis[lang]}</Field>
            </dl>
            <Text size="xs" c="dimmed" mt="xs">{t('accompaniment.computed')}</Text>
          </Card>
        </section>
      )}
      <section aria-labelledby="children-h">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="children-h">{t('case.children')}</Title>
          {canAttach && can('person', 'create') && !attachChild && (
            <Button size="xs" variant="light" className="no-print" onClick={() => setAttachChild(true)}>{t('attach.addChild')}</Button>
          )}
        </Group>
        {attachChild && <AttachChild c={c} onDone={() => { setAttachChild(false); reload(); }} />}
        {(c.children ?? []).length === 0 ? <Text c="dimmed">{t('case.noChildren')}</Text> : (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <TableHead columns={[t('person.name'), t('person.birthDate'), t('person.sex'), t('person.disability'), t('person.parentalCare')]} />
              <Table.Tbody>
                {c.children!.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td><PersonLink p={p} /></Table.Td>
                    <Table.Td>{formatDate(i18n.language, p.birthDate, true)} {p.birthDate && <Text span size="xs" c="dimmed">({t('person.age', { count: age(p.birthDate) ?? 0 })})</Text>}</Table.Td>
                    <Table.Td>{p.sex ? t(`sex.${p.sex}`) : '—'}</Table.Td>
                    <Table.Td>{t(`disability.${p.disability}`)}</Table.Td>
                    <Table.Td>{t(`parentalCare.${p.parentalCareStatus}`)}{p.internallyDisplaced ? ` · ${t('person.idp')}` : ''}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>

      <section aria-labelledby="family-h">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="family-h">{t('case.family')}</Title>
          {c.family && <Anchor component={Link} to={`/families/${c.family.id}`} size="sm">{t('case.openFamily')}</Anchor>}
        </Group>
        {!c.family ? (
          <Stack gap="xs">
            <Text c="dimmed">{t('case.noFamily')}</Text>
            {canAttach && <AttachFamily c={c} onDone={reload} />}
          </Stack>
        ) : (
          <Card withBorder>
            <dl className="fields">
              <Field label={t('family.name')}>{c.family.name}</Field>
              <Field label={t('family.address')}>{c.family.address}</Field>
              <Field label={t('family.starostaDistrict')}>{c.family.starostaDistrict}</Field>
              <Field label={t('family.displacement')}>{t(`displacement.${c.family.displacementStatus}`)}</Field>
              <Field label={t('family.income')}>{c.family.incomeSources?.map((s) => t(`income.${s}`, { defaultValue: s })).join(', ') || null}</Field>
              <Field label={t('family.living')}>{c.family.livingConditions}</Field>
              <Field label={t('family.adults')}>{adults.map((a) => personName(a)).join(', ') || null}</Field>
              <Field label={t('consent.title')}>{consent ? t('consent.inForce', { by: consent.givenBy, date: formatDate(i18n.language, consent.givenAt) }) : t('consent.none')}</Field>
            </dl>
            {c.family.notes && <Text size="sm" mt="sm">{c.family.notes}</Text>}
          </Card>
        )}
      </section>

      <section aria-labelledby="reports-h">
        <Title order={2} size="h4" id="reports-h" mb="xs">{t('case.reports')}</Title>
        <Stack gap="xs">
          {(c.reports.edges ?? []).map((e) => e!.node!).map((r) => (
            <Card key={r.id} withBorder padding="sm">
              <Group justify="space-between">
                <Group gap="xs">
                  <EnumBadge group="urgency" value={r.urgency} color={r.urgency === 'ROUTINE' ? 'gray' : 'red'} />
                  <Text size="sm">{t(`source.${r.source}`)}</Text>
                  {r.categories?.map((k) => <EnumBadge key={k} group="category" value={k} color="orange" />)}
                </Group>
                <Text size="sm" c="dimmed">{formatDateTime(i18n.language, r.receivedAt)}</Text>
              </Group>
              <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>{r.summary}</Text>
              {r.reporterContact && <Text size="xs" c="dimmed">{t('report.contact')}: {r.reporterContact}</Text>}
              <CorrectionHistory r={r} />
              {correcting === r.id ? (
                <CorrectReportForm c={c} r={r} onDone={(saved) => { setCorrecting(null); if (saved) reload(); }} />
              ) : can('report', 'update') && (
                <Group className="no-print" mt="xs">
                  <Button variant="light" size="xs" onClick={() => setCorrecting(r.id)}>{t('correction.open')}</Button>
                </Group>
              )}
            </Card>
          ))}
        </Stack>
      </section>
    </Stack>
  );
}
