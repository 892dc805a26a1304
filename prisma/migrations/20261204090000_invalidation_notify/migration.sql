-- Every write to what the request path keeps in process memory (the person, their collectivité,
-- the boards and widgets, the connectors, personal credentials, sessions) tells every BFF instance
-- at once: NOTIFY is transactional, so the message leaves at COMMIT and never before the new row is
-- visible. PostgreSQL folds identical messages of one transaction into one (a board's 12 widgets
-- rewritten = one message). The payload names what changed, never a value: a session is named by
-- the SHA-256 of its id, not by the id itself.
CREATE FUNCTION pleiade_invalidation_key(tbl text, r jsonb) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN CASE tbl
    WHEN 'app_user' THEN 'user:' || (r->>'id')
    WHEN 'collectivite' THEN 'collectivite:' || (r->>'id')
    WHEN 'board' THEN 'boards:' || (r->>'collectivite_id')
    -- A widget's board may already be gone (deleted with it): the board's own message covers it.
    WHEN 'widget_instance' THEN 'boards:' || (SELECT b.collectivite_id::text FROM board b WHERE b.id = (r->>'board_id')::uuid)
    WHEN 'connector_instance' THEN 'connectors:' || (r->>'collectivite_id')
    WHEN 'user_connector_credential' THEN 'credential:' || (r->>'user_id') || ':' || (r->>'connector_id')
    WHEN 'session' THEN 'session:' || encode(sha256(convert_to(r->>'sid', 'UTF8')), 'hex')
  END;
END $$;

CREATE FUNCTION pleiade_invalidate() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  key text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    key := pleiade_invalidation_key(TG_TABLE_NAME, to_jsonb(OLD));
    IF key IS NOT NULL THEN PERFORM pg_notify('pleiade_invalidate', key); END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    key := pleiade_invalidation_key(TG_TABLE_NAME, to_jsonb(NEW));
    IF key IS NOT NULL THEN PERFORM pg_notify('pleiade_invalidate', key); END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER app_user_invalidate AFTER INSERT OR UPDATE OR DELETE ON app_user
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
CREATE TRIGGER collectivite_invalidate AFTER INSERT OR UPDATE OR DELETE ON collectivite
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
CREATE TRIGGER board_invalidate AFTER INSERT OR UPDATE OR DELETE ON board
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
CREATE TRIGGER widget_instance_invalidate AFTER INSERT OR UPDATE OR DELETE ON widget_instance
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
CREATE TRIGGER connector_instance_invalidate AFTER INSERT OR UPDATE OR DELETE ON connector_instance
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
CREATE TRIGGER user_connector_credential_invalidate AFTER INSERT OR UPDATE OR DELETE ON user_connector_credential
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
-- Sessions in PostgreSQL (no REDIS_URL): a sign-out or a rewrite reaches every instance's copy.
CREATE TRIGGER session_invalidate AFTER UPDATE OR DELETE ON session
  FOR EACH ROW EXECUTE FUNCTION pleiade_invalidate();
