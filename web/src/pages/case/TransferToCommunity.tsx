import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { TransferDialog } from '../../components/TransferDialog';
import type { TabProps } from './CasePage';

const RequestTransferMutation = graphql(`
  mutation RequestCaseTransfer($input: RequestCaseTransferInput!) {
    requestCaseTransfer(input: $input) { id status toCommunity { id name } }
  }
`);

/** States from which the procedure lets a case go to another community. */
const transferable = new Set(['REPORTED', 'ASSESSING_SAFETY', 'ASSESSING_NEEDS', 'OPEN']);

/** «Передати в іншу громаду» on the case page, where the viewer's role may ask and the case may go. */
export function TransferToCommunity({ c, can, reload }: TabProps) {
  const { t } = useTranslation();
  const [, request] = useMutation(RequestTransferMutation);
  if (!can('case_transfer', 'create') || !transferable.has(c.status)) return null;
  return (
    <TransferDialog title={t('transfer.title')} hint={t('transfer.hint')} fromCommunityID={c.communityID}
      canOverride={can('referral_override', 'create')} onSent={reload}
      send={(v) => request({ input: { caseID: c.id, toCommunityID: v.toCommunityID, reason: v.reason, overrideReason: v.overrideReason || null } })} />
  );
}
