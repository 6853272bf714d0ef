import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@mantine/core';
import { ruleStepPath } from '../api/ruleSteps';

/** A button to the step that fixes a broken rule, under its message; nothing if no step does. */
export function RuleFix({ rule, caseID, onGo }: { rule: string | undefined; caseID: string; onGo?: () => void }) {
  const { t } = useTranslation();
  const step = ruleStepPath(rule, caseID);
  if (!step) return null;
  return (
    <Button component={Link} to={step.to} size="xs" variant="white" color="red" mt="xs" onClick={onGo}>
      {t(step.label)}
    </Button>
  );
}
