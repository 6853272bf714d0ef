-- Hand-written: plans and their reviews are community-owned; versions and
-- reviews are kept as written (only a version's agreement is added later).
SELECT turbota_protect_tenant_table('plans');
SELECT turbota_protect_tenant_table('plan_reviews');
REVOKE DELETE, TRUNCATE ON plans FROM turbota_app;
REVOKE UPDATE, DELETE, TRUNCATE ON plan_reviews FROM turbota_app;
