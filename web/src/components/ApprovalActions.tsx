import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { Button, Group, Textarea } from '@mantine/core';
import { notify } from '../notify';
import { graphql } from '../gql';
import { stepErrorMessage } from '../api/errors';

const ApproveMutation = graphql(`
  mutation Approve($id: ID!, $comment: String) { approve(id: $id, comment: $comment) { id status } }
`);
const ReturnMutation = graphql(`
  mutation ReturnForRework($id: ID!, $comment: String!) { returnForRework(id: $id, comment: $comment) { id status } }
`);

/** Approve a pending request, or return it with a comment. */
export function ApprovalActions({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [approveState, approve] = useMutation(ApproveMutation);
  const [returnState, giveBack] = useMutation(ReturnMutation);

  async function run(kind: 'approve' | 'return') {
    setError(null);
    if (kind === 'return' && !comment.trim()) return setError(t('approvals.commentRequired'));
    const r = kind === 'approve' ? await approve({ id, comment: comment.trim() || null }) : await giveBack({ id, comment: comment.trim() });
    if (r.error) return setError(stepErrorMessage(t, r.error));
    notify({ color: 'teal', message: kind === 'approve' ? t('approvals.approved') : t('approvals.returned') });
    onDone();
  }

  return (
    <Group align="flex-end" gap="xs">
      <Textarea label={t('approvals.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} error={error} autosize minRows={1} style={{ flex: 1, minWidth: 220 }} />
      <Button onClick={() => run('approve')} loading={approveState.fetching}>{t('approvals.approve')}</Button>
      <Button variant="default" onClick={() => run('return')} loading={returnState.fetching}>{t('approvals.return')}</Button>
    </Group>
  );
}
