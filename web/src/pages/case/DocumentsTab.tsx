import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { useForm } from '@mantine/form';
import { Anchor, Button, Card, FileInput, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { DocumentKind } from '../../gql/graphql';
import { showServerError } from '../../api/forms';
import { formatDateTime, formatNumber } from '../../format';
import { FormAlert } from '../../components/FormAlert';
import type { CaseData } from './caseQuery';
import type { TabProps } from './CasePage';
import { TableHead } from '../../components/TableHead';

const UploadDocumentMutation = graphql(`
  mutation UploadDocument($input: UploadDocumentInput!) { uploadDocument(input: $input) { id title } }
`);

export const documentKinds: DocumentKind[] = ['SCAN', 'SIGNED_DOCUMENT', 'ACT', 'DECISION', 'CONSENT', 'PLAN_AGREEMENT', 'PROTOCOL', 'CORRESPONDENCE', 'OTHER'];
const maxBytes = 20 * 1024 * 1024;
const accepted = 'application/pdf,image/jpeg,image/png,image/webp';

/** Names the case item a document belongs to, where it is one of the case's. */
function subjectName(t: TFunction, c: CaseData, id: string | null | undefined): string {
  if (!id) return t('document.wholeCase');
  const d = c.decisions?.find((x) => x.id === id);
  if (d) return `${t(`decisionKind.${d.kind}`)} № ${d.number}`;
  const n = c.needsAssessments?.find((x) => x.id === id);
  if (n) return t('needs.actTitle', { number: n.actNumber });
  const p = c.plans?.find((x) => x.id === id);
  if (p) return t('plan.title', { version: p.version });
  return t('document.item');
}

function UploadForm({ c, onSaved }: { c: CaseData; onSaved: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, upload] = useMutation(UploadDocumentMutation);
  const [alert, setAlert] = useState<string | null>(null);
  const subjects = [
    { value: '', label: t('document.wholeCase') },
    ...(c.decisions ?? []).map((d) => ({ value: d.id, label: subjectName(t, c, d.id) })),
    ...(c.needsAssessments ?? []).map((n) => ({ value: n.id, label: subjectName(t, c, n.id) })),
    ...(c.plans ?? []).map((p) => ({ value: p.id, label: subjectName(t, c, p.id) })),
  ];
  const form = useForm({
    initialValues: { kind: 'SCAN' as string, title: '', subjectID: '', file: null as File | null },
    validate: {
      title: (v) => (v.trim() ? null : t('form.required')),
      file: (v) => (!v ? t('document.chooseFile') : v.size > maxBytes ? t('document.tooBig') : null),
    },
  });
  async function submit(v: typeof form.values) {
    setAlert(null);
    const r = await upload({ input: { caseID: c.id, kind: v.kind as DocumentKind, title: v.title.trim(), subjectID: v.subjectID || null, file: v.file! } });
    if (r.error) return setAlert(showServerError(t, form, r.error));
    notify({ color: 'teal', message: t('document.uploaded') });
    form.reset();
    onSaved();
  }
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-labelledby="upload-h">
      <Stack gap="xs">
        <Title order={3} size="h5" id="upload-h">{t('document.upload')}</Title>
        <FormAlert message={alert} />
        <Group grow align="flex-start">
          <TextInput label={t('document.title')} required {...form.getInputProps('title')} />
          <Select label={t('document.kind')} allowDeselect={false} data={documentKinds.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))} {...form.getInputProps('kind')} />
        </Group>
        <Group grow align="flex-start">
          <Select label={t('document.subject')} allowDeselect={false} data={subjects} {...form.getInputProps('subjectID')} />
          <FileInput label={t('document.file')} description={t('document.fileHint')} required accept={accepted} clearable {...form.getInputProps('file')} />
        </Group>
        <Button type="submit" loading={fetching} w="fit-content">{t('document.uploadButton')}</Button>
      </Stack>
    </form>
  );
}

export function DocumentsTab({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const docs = [...(c.documents ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Stack gap="lg">
      {docs.length === 0 ? <Text c="dimmed">{t('document.none')}</Text> : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <TableHead columns={[t('document.title'), t('document.kind'), t('document.subject'), t('document.added'), t('document.size')]} />
            <Table.Tbody>
              {docs.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td><Anchor href={d.downloadURL} download={d.fileName}>{d.title}</Anchor></Table.Td>
                  <Table.Td>{t(`documentKind.${d.kind}`)}</Table.Td>
                  <Table.Td>{subjectName(t, c, d.subjectID)}</Table.Td>
                  <Table.Td>{formatDateTime(i18n.language, d.createdAt)}</Table.Td>
                  <Table.Td>{formatNumber(i18n.language, Math.ceil(d.size / 1024))} {t('document.kb')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {can('document', 'create') && <Card withBorder className="no-print"><UploadForm c={c} onSaved={reload} /></Card>}
    </Stack>
  );
}
