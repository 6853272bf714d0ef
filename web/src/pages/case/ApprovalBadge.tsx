import { useTranslation } from 'react-i18next';
import { Tooltip } from '@mantine/core';
import type { CaseData } from './caseQuery';
import { LightBadge } from '../../components/LightBadge';

const color: Record<string, string> = { PENDING: 'grape', APPROVED: 'teal', RETURNED: 'orange' };

/** Where a needs assessment or plan version stands with its supervisor. */
export function ApprovalBadge({ c, subjectID }: { c: CaseData; subjectID: string }) {
  const { t } = useTranslation();
  const a = [...(c.approvals ?? [])].filter((x) => x.subjectID === subjectID).sort((x, y) => y.requestedAt.localeCompare(x.requestedAt))[0];
  if (!a) return null;
  const badge = <LightBadge className="screen-badge" color={color[a.status]}>{t(`approvalStatus.${a.status}`)}</LightBadge>;
  return a.comment ? <Tooltip label={a.comment} withArrow><span tabIndex={0}>{badge}</span></Tooltip> : badge;
}
