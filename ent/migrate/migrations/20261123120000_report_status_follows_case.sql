-- Hand-written: a report's status follows the state of its case
-- (casework.ReportStatusOf); bring the reports written before into line.
UPDATE reports r SET status = CASE c.status
    WHEN 'REPORTED' THEN 'REGISTERED'
    WHEN 'CLOSED' THEN 'CLOSED'
    WHEN 'REFUSED' THEN 'CLOSED'
    WHEN 'TRANSFERRED' THEN 'CLOSED'
    ELSE 'IN_ASSESSMENT'
  END
  FROM case_files c
  WHERE r.report_case = c.id;
