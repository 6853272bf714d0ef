import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Button, Modal, Select, Stack, Textarea } from '@mantine/core';
import { graphql } from '../../gql';
import { useSession } from '../../session';
import { useOrganizations } from '../../api/hooks';
import { errorRule, stepErrorMessage } from '../../api/errors';
import { FormAlert } from '../../components/FormAlert';
import { RuleFix } from '../../components/RuleFix';
import { notify } from '../../notify';
import type { TabProps } from './CasePage';

const TransferToOrganizationMutation = graphql(`
  mutation TransferCaseToOrganization($input: TransitionCaseInput!) {
    transitionCase(input: $input) { id status allowedTransitions }
  }
`);

/** States from which the procedure lets a case go to someone else. */
const transferable = new Set(['REPORTED', 'ASSESSING_SAFETY', 'ASSESSING_NEEDS', 'OPEN']);

/**
 * «Передати організації громади»: the one way a case becomes TRANSFERRED
 * within the community, naming the organisation that takes it over and is
 * handed the file (with the family's consent, or the stated legal basis).
 */
export function TransferToOrganization({ c, can, reload }: TabProps) {
  const { t } = useTranslation();
  const { organizations } = useSession();
  const orgs = useOrganizations(c.communityID);
  const [opened, setOpened] = useState(false);
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [alert, setAlert] = useState<string | null>(null);
  const [rule, setRule] = useState<string | undefined>();
  const [{ fetching }, transfer] = useMutation(TransferToOrganizationMutation);
  if (!can('case_file', 'update') || !transferable.has(c.status)) return null;
  const mine = new Set(organizations.map((o) => o.id));
  async function submit() {
    if (!to) return setAlert(t('form.required'));
    const r = await transfer({ input: { id: c.id, to: 'TRANSFERRED', transferToOrganizationID: to, note: note.trim() || null,
      overrideReason: override.trim() || null } });
    setRule(r.error && errorRule(r.error));
    if (r.error) return setAlert(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: t('case.moved', { status: t('caseStatus.TRANSFERRED') }) });
    setOpened(false);
    reload();
  }
  return (
    <>
      <Button size="xs" variant="default" className="no-print" onClick={() => { setOpened(true); setAlert(null); }}>{t('transferOrg.open')}</Button>
      <Modal closeButtonProps={{ 'aria-label': t('form.close') }} opened={opened} onClose={() => setOpened(false)} title={t('transferOrg.title')}>
        <Stack>
          <FormAlert message={alert} fix={<RuleFix rule={rule} caseID={c.id} onGo={() => setOpened(false)} />} />
          <Select label={t('transferOrg.to')} required searchable value={to} onChange={setTo} comboboxProps={{ withinPortal: false }}
            data={orgs.list.filter((o) => !mine.has(o.id)).map((o) => ({ value: o.id, label: `${o.name} (${t(`orgKind.${o.kind}`)})` }))} />
          <Textarea label={t('case.moveNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
          {can('referral_override', 'create') && (
            <Textarea label={t('sharing.overrideBasis')} description={t('transferOrg.overrideHint')} value={override}
              onChange={(e) => setOverride(e.currentTarget.value)} autosize minRows={2} />
          )}
          <Button onClick={submit} loading={fetching} w="fit-content">{t('transferOrg.send')}</Button>
        </Stack>
      </Modal>
    </>
  );
}
