-- Hand-written: OAuth2 access tokens are sign-in state, like sessions: only
-- the server's own sign-in code (as the owner) reads or writes them, and the
-- application role sees none. Their clients stay in api_clients, whose
-- community policies already apply.
REVOKE ALL ON oauth_tokens FROM turbota_app;
