/**
 * The PostgreSQL schema of irp's shared store, as numbered migrations: `irp db migrate` applies those a database
 * does not have yet, each in the same transaction as its row in `irp_schema`. A migration is never edited once
 * released; a change is a new one at the end.
 *
 * The database itself enforces what the file store's code enforces: records are append-only (UPDATE, DELETE and
 * TRUNCATE are refused by triggers, whoever asks), and each incident's chain is linked (a row must have the next
 * seq, and its line's prevHash must be the last row's hash). A role with only SELECT and INSERT can use it.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE irp_events (
    incident text NOT NULL,
    seq integer NOT NULL CHECK (seq >= 1),
    line text NOT NULL,
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    stored_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident, seq)
  );
  CREATE TABLE irp_seals (
    incident text NOT NULL,
    n integer NOT NULL CHECK (n >= 1),
    seal jsonb NOT NULL,
    PRIMARY KEY (incident, n)
  );
  CREATE FUNCTION irp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'irp records are append-only: % on % is refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
  END $$;
  CREATE TRIGGER irp_events_append_only BEFORE UPDATE OR DELETE ON irp_events FOR EACH ROW EXECUTE FUNCTION irp_refuse_change();
  CREATE TRIGGER irp_events_no_truncate BEFORE TRUNCATE ON irp_events FOR EACH STATEMENT EXECUTE FUNCTION irp_refuse_change();
  CREATE TRIGGER irp_seals_append_only BEFORE UPDATE OR DELETE ON irp_seals FOR EACH ROW EXECUTE FUNCTION irp_refuse_change();
  CREATE TRIGGER irp_seals_no_truncate BEFORE TRUNCATE ON irp_seals FOR EACH STATEMENT EXECUTE FUNCTION irp_refuse_change();
  CREATE FUNCTION irp_check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE last_seq integer; last_hash text;
  BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM irp_events WHERE incident = NEW.incident ORDER BY seq DESC LIMIT 1;
    IF NEW.seq <> coalesce(last_seq, 0) + 1 THEN
      RAISE EXCEPTION 'irp: event % of % does not follow event %', NEW.seq, NEW.incident, coalesce(last_seq, 0) USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF last_hash IS NOT NULL AND (NEW.line::jsonb ->> 'prevHash') IS DISTINCT FROM last_hash THEN
      RAISE EXCEPTION 'irp: event % of % does not link to the hash of event %', NEW.seq, NEW.incident, last_seq USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (NEW.line::jsonb ->> 'hash') IS DISTINCT FROM NEW.hash OR (NEW.line::jsonb ->> 'seq')::integer IS DISTINCT FROM NEW.seq THEN
      RAISE EXCEPTION 'irp: the row of event % of % does not match its line', NEW.seq, NEW.incident USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER irp_events_chain BEFORE INSERT ON irp_events FOR EACH ROW EXECUTE FUNCTION irp_check_chain();
  -- One append in one round trip: the incident's lock, the expected-end check, the rows, the announcement. Returns
  -- -1 when written, else the seq the record really ends at (0: no record), and writes nothing.
  CREATE FUNCTION irp_append(p_incident text, p_after_seq integer, p_after_hash text, p_lines text[], p_hashes text[]) RETURNS integer
  LANGUAGE plpgsql AS $$
  DECLARE last_seq integer; last_hash text;
  BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_incident, 0));
    SELECT seq, hash INTO last_seq, last_hash FROM irp_events WHERE incident = p_incident ORDER BY seq DESC LIMIT 1;
    IF coalesce(last_seq, 0) <> p_after_seq OR last_hash IS DISTINCT FROM p_after_hash THEN
      RETURN coalesce(last_seq, 0);
    END IF;
    INSERT INTO irp_events (incident, seq, line, hash)
      SELECT p_incident, p_after_seq + i, p_lines[i], p_hashes[i] FROM generate_subscripts(p_lines, 1) AS i ORDER BY i;
    PERFORM pg_notify('irp_events', p_incident);
    RETURN -1;
  END $$;
  `,
];

/** The schema this irp reads and writes. */
export const SCHEMA_VERSION = migrations.length;
