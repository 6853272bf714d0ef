-- Hand-written: voucher programmes and vouchers are community-owned; a
-- voucher is never deleted, only cancelled with a reason.
SELECT turbota_protect_tenant_table('voucher_programmes');
SELECT turbota_protect_tenant_table('vouchers');
REVOKE DELETE, TRUNCATE ON voucher_programmes, vouchers FROM turbota_app;
