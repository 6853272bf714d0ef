import { useTranslation } from 'react-i18next';
import { Badge, Tooltip } from '@mantine/core';
import type { CaseData } from './caseQuery';

const color: Record<string, string> = { PENDING: 'grape', APPROVED: 'teal', RETURNED: 'orange' };

/** Where a needs assessment or plan version stands with its supervisor. */
export function ApprovalBadge({ c, subjectID }: { c: CaseData; subjectID: string }) {
  const { t } = useTranslation();
  const a = [...(c.approvals ?? [])].filter((x) => x.subjectID === subjectID).sort((x, y) => y.requestedAt.localeCompare(x.requestedAt))[0];
  if (!a) return null;
  const badge = <Badge color={color[a.status]} variant="light" style={{ textTransform: 'none' }}>{t(`approvalStatus.${a.status}`)}</Badge>;
  return a.comment ? <Tooltip label={a.comment} withArrow><span tabIndex={0}>{badge}</span></Tooltip> : badge;
}
