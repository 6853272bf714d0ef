-- Hand-written: the classifier is reference data; requests read it, operators change it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON service_types FROM turbota_app;
