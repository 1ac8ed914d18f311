/**
 * The PostgreSQL schema of irp's shared store, as numbered migrations: `irp db migrate` applies those a database
 * does not have yet, each in the same transaction as its row in `irp_schema`. A migration is never edited once
 * released; a change is a new one at the end.
 *
 * The database itself enforces what the file store's code enforces: records are append-only (UPDATE, DELETE and
 * TRUNCATE are refused by triggers, whoever asks), and each incident's chain is linked (a row must have the next
 * seq, and its line's prevHash must be the last row's hash). From schema 2 it also stamps each row with the login
 * that stored it, and row-level security shows each login only what its person may see (see docs/site-operator.md).
 */
/**
 * The kinds of entry schema 2's database accepts. A kind added to irp needs a new migration that accepts it (a
 * test holds this list to the record's).
 */
export const SCHEMA_2_KINDS = [
  'incident.opened',
  'decision',
  'checklist.ticked',
  'note',
  'timer.fired',
  'step.assigned',
  'command.handed-over',
  'role.assigned',
  'exercise.inject',
  'exercise.clock',
  'fact.corrected',
  'awareness.recorded',
  'notification.reported',
  'organisation.registered',
  'organisation.duty',
  'notice.received',
  'notice.acknowledged',
  'acknowledgement.received',
] as const;
const KINDS = SCHEMA_2_KINDS.map((kind) => `'${kind}'`).join(', ');

/** The kinds schema 3 accepts: schema 2's and `notification.sent`, a notice as it was sent. */
export const SCHEMA_3_KINDS = [...SCHEMA_2_KINDS, 'notification.sent'] as const;

/**
 * The chain check, for the kinds `kinds` lists (quoted, comma-separated): schema 2 made it, and a migration that
 * accepts a new kind makes it again with the longer list.
 */
function checkChainFunction(kinds: string): string {
  return `  CREATE OR REPLACE FUNCTION irp_check_chain() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE last_seq integer; last_hash text; line jsonb; key constant text := ',"hash":"'; back integer; at integer;
  BEGIN
    SELECT seq, hash INTO last_seq, last_hash FROM irp_events WHERE incident = NEW.incident ORDER BY seq DESC LIMIT 1;
    IF NEW.seq <> coalesce(last_seq, 0) + 1 THEN
      RAISE EXCEPTION 'irp: event % of % does not follow event %', NEW.seq, NEW.incident, coalesce(last_seq, 0) USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    BEGIN
      line := NEW.line::jsonb;
    EXCEPTION WHEN others THEN
      RAISE EXCEPTION 'irp: event % of % is not JSON', NEW.seq, NEW.incident USING ERRCODE = 'check_violation';
    END;
    IF jsonb_typeof(line) <> 'object'
       OR (line ->> 'incident') IS DISTINCT FROM NEW.incident
       OR (line ->> 'kind') IS NULL OR (line ->> 'kind') NOT IN (${kinds})
       OR jsonb_typeof(line -> 'data') IS DISTINCT FROM 'object'
       OR jsonb_typeof(line -> 'actor') IS DISTINCT FROM 'object' OR coalesce(line -> 'actor' ->> 'name', '') = '' OR coalesce(line -> 'actor' ->> 'role', '') = ''
       OR (line ->> 'occurredAt') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T' OR (line ->> 'recordedAt') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T'
       OR coalesce(line ->> 'prevHash', '') !~ '^[0-9a-f]{64}$' THEN
      RAISE EXCEPTION 'irp: event % of % is not an irp event of %', NEW.seq, NEW.incident, NEW.incident USING ERRCODE = 'check_violation';
    END IF;
    IF last_hash IS NOT NULL AND (line ->> 'prevHash') IS DISTINCT FROM last_hash THEN
      RAISE EXCEPTION 'irp: event % of % does not link to the hash of event %', NEW.seq, NEW.incident, last_seq USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF (line ->> 'hash') IS DISTINCT FROM NEW.hash OR (line ->> 'seq')::integer IS DISTINCT FROM NEW.seq THEN
      RAISE EXCEPTION 'irp: the row of event % of % does not match its line', NEW.seq, NEW.incident USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    back := position(reverse(key) IN reverse(NEW.line));
    at := length(NEW.line) - back - length(key) + 2;
    IF back = 0 OR substr(NEW.line, at + length(key), 64) <> NEW.hash OR substr(NEW.line, at + length(key) + 64, 1) <> '"'
       OR encode(sha256(convert_to(substr(NEW.line, 1, at - 1) || substr(NEW.line, at + length(key) + 65), 'UTF8')), 'hex') <> NEW.hash THEN
      RAISE EXCEPTION 'irp: event % of % does not hash to its hash', NEW.seq, NEW.incident USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END $$;
`;
}

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
  // 2: who wrote each row, as the database saw it; organisations, people and what each may read and append.
  `
  ALTER TABLE irp_events ADD COLUMN recorded_by text, ADD COLUMN received_at timestamptz;
  -- The append of schema 1, taking its rows with unnest: subscripting a large array row by row read the whole
  -- array for every row (a 100,000-row append took minutes).
  CREATE OR REPLACE FUNCTION irp_append(p_incident text, p_after_seq integer, p_after_hash text, p_lines text[], p_hashes text[]) RETURNS integer
  LANGUAGE plpgsql AS $$
  DECLARE last_seq integer; last_hash text;
  BEGIN
    -- A writer waits at most 5 s for another's turn, and one whose client has gone is stopped while it waits: an
    -- append given up on is never committed later.
    PERFORM set_config('lock_timeout', '5s', true);
    BEGIN
      PERFORM set_config('client_connection_check_interval', '1000', true);
    EXCEPTION WHEN undefined_object THEN
      NULL; -- before PostgreSQL 14 there is no such check: the lock's 5 s bound still holds
    END;
    PERFORM pg_advisory_xact_lock(hashtextextended(p_incident, 0));
    SELECT seq, hash INTO last_seq, last_hash FROM irp_events WHERE incident = p_incident ORDER BY seq DESC LIMIT 1;
    IF coalesce(last_seq, 0) <> p_after_seq OR last_hash IS DISTINCT FROM p_after_hash THEN
      RETURN coalesce(last_seq, 0);
    END IF;
    INSERT INTO irp_events (incident, seq, line, hash)
      SELECT p_incident, p_after_seq + rows.n, rows.line, rows.hash FROM unnest(p_lines, p_hashes) WITH ORDINALITY AS rows (line, hash, n) ORDER BY rows.n;
    PERFORM pg_notify('irp_events', p_incident);
    RETURN -1;
  END $$;
  -- The chain check of schema 1, reading each line's JSON once, and more: the database refuses what irp would.
  -- A row must be an irp event of the expected shape, of its incident, whose line's own bytes hash to its hash
  -- (the line without its hash member, hashed: what irp's readers check first), linked to the row before.
${checkChainFunction(KINDS)}  -- A seal must be one irp wrote: its shape, of its incident (the signature is checked by irp verify, with the key).
  CREATE FUNCTION irp_check_seal() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF jsonb_typeof(NEW.seal) <> 'object'
       OR (NEW.seal ->> 'incident') IS DISTINCT FROM NEW.incident
       OR jsonb_typeof(NEW.seal -> 'count') IS DISTINCT FROM 'number'
       OR coalesce(NEW.seal ->> 'head', '') !~ '^[0-9a-f]{64}$'
       OR coalesce(NEW.seal ->> 'sealedAt', '') !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T'
       OR coalesce(NEW.seal ->> 'publicKey', '') = '' OR coalesce(NEW.seal ->> 'signature', '') = ''
       OR (SELECT count(*) FROM jsonb_object_keys(NEW.seal)) <> 6 THEN
      RAISE EXCEPTION 'irp: that is not a seal irp wrote for %', NEW.incident USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER irp_seals_check BEFORE INSERT ON irp_seals FOR EACH ROW EXECUTE FUNCTION irp_check_seal();
  -- The schema's version is the migrating role's to write, never a daily role's (one that may would stop every irp).
  CREATE FUNCTION irp_check_schema_row() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'irp_schema'::regclass), 'MEMBER') THEN
      RAISE EXCEPTION 'irp: only the role that migrates the schema may record its version' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER irp_schema_by_migrator BEFORE INSERT OR UPDATE OR DELETE ON irp_schema FOR EACH ROW EXECUTE FUNCTION irp_check_schema_row();
  -- Stamped by the server on every row, whatever the client sent: the login, and when the row was received.
  CREATE FUNCTION irp_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW.recorded_by := session_user;
    NEW.received_at := clock_timestamp();
    NEW.stored_at := now();
    RETURN NEW;
  END $$;
  CREATE TRIGGER irp_events_stamp BEFORE INSERT ON irp_events FOR EACH ROW EXECUTE FUNCTION irp_stamp();

  CREATE TABLE irp_organisations (
    id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    added_by text NOT NULL DEFAULT session_user,
    added_at timestamptz NOT NULL DEFAULT now()
  );
  -- A login's person: a member of an organisation (its incidents and those shared with it, read and append), the
  -- site's own team (every incident, read and append), or a reader (every incident, read only: the board, auditors).
  CREATE TABLE irp_people (
    login text PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    organisation text REFERENCES irp_organisations (id),
    access text NOT NULL CHECK (access IN ('member', 'site', 'reader')),
    added_by text NOT NULL DEFAULT session_user,
    added_at timestamptz NOT NULL DEFAULT now(),
    CHECK (access <> 'member' OR organisation IS NOT NULL)
  );
  -- One row per incident (listing is served from it): the organisation whose person opened it.
  CREATE TABLE irp_incidents (
    incident text PRIMARY KEY,
    organisation text REFERENCES irp_organisations (id),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL
  );
  INSERT INTO irp_incidents (incident, organisation, created_by, created_at)
    SELECT incident, NULL, '(before schema 2)', stored_at FROM irp_events WHERE seq = 1;
  CREATE TABLE irp_shares (
    incident text NOT NULL REFERENCES irp_incidents (incident),
    organisation text NOT NULL REFERENCES irp_organisations (id),
    shared_by text NOT NULL DEFAULT session_user,
    shared_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident, organisation)
  );
  CREATE INDEX irp_shares_by_organisation ON irp_shares (organisation);
  CREATE INDEX irp_incidents_by_organisation ON irp_incidents (organisation);

  CREATE FUNCTION irp_sees_all() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT coalesce((SELECT access IN ('site', 'reader') FROM irp_people WHERE login = session_user), false)
  $$;
  CREATE FUNCTION irp_may_append() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT coalesce((SELECT access IN ('site', 'member') FROM irp_people WHERE login = session_user), false)
  $$;
  -- The incidents a member's organisation opened or was given: computed once per query (policies call it through
  -- a sub-select), never once per row.
  CREATE FUNCTION irp_visible() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT coalesce(array_agg(incident), '{}') FROM (
      SELECT i.incident FROM irp_incidents i JOIN irp_people p ON p.organisation = i.organisation WHERE p.login = session_user
      UNION
      SELECT s.incident FROM irp_shares s JOIN irp_people p ON p.organisation = s.organisation WHERE p.login = session_user
    ) AS visible
  $$;
  -- The first row of an incident opens it for the organisation of whoever wrote it.
  CREATE FUNCTION irp_register_incident() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
  BEGIN
    INSERT INTO irp_incidents (incident, organisation, created_by, created_at)
      VALUES (NEW.incident, (SELECT organisation FROM irp_people WHERE login = session_user), session_user, clock_timestamp());
    RETURN NEW;
  END $$;
  CREATE TRIGGER irp_events_register AFTER INSERT ON irp_events FOR EACH ROW WHEN (NEW.seq = 1) EXECUTE FUNCTION irp_register_incident();
  -- Shares an incident with another organisation: by a member of the organisation that opened it, or the site's team.
  CREATE FUNCTION irp_share(p_incident text, p_organisation text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
  DECLARE me irp_people; owner text;
  BEGIN
    SELECT * INTO me FROM irp_people WHERE login = session_user;
    SELECT organisation INTO owner FROM irp_incidents WHERE incident = p_incident;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'irp: there is no incident %', p_incident USING ERRCODE = 'no_data_found';
    END IF;
    IF me.login IS NULL OR NOT (me.access = 'site' OR (me.access = 'member' AND me.organisation IS NOT DISTINCT FROM owner)) THEN
      RAISE EXCEPTION 'irp: % may not share %: only a member of the organisation that opened it, or the site team, may', session_user, p_incident USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO irp_shares (incident, organisation) VALUES (p_incident, p_organisation) ON CONFLICT DO NOTHING;
  END $$;
  DO $$
  DECLARE f text;
  BEGIN
    -- Functions that run with the owner's rights look only in this schema.
    FOREACH f IN ARRAY ARRAY['irp_sees_all()', 'irp_may_append()', 'irp_visible()', 'irp_register_incident()', 'irp_share(text, text)'] LOOP
      EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
  END $$;

  ALTER TABLE irp_events ENABLE ROW LEVEL SECURITY;
  CREATE POLICY irp_events_read ON irp_events FOR SELECT USING ((SELECT irp_sees_all()) OR incident = ANY ((SELECT irp_visible())::text[]));
  CREATE POLICY irp_events_append ON irp_events FOR INSERT
    WITH CHECK ((SELECT irp_may_append()) AND (seq = 1 OR (SELECT irp_sees_all()) OR incident = ANY ((SELECT irp_visible())::text[])));
  ALTER TABLE irp_seals ENABLE ROW LEVEL SECURITY;
  CREATE POLICY irp_seals_read ON irp_seals FOR SELECT USING ((SELECT irp_sees_all()) OR incident = ANY ((SELECT irp_visible())::text[]));
  CREATE POLICY irp_seals_append ON irp_seals FOR INSERT WITH CHECK ((SELECT irp_may_append()) AND ((SELECT irp_sees_all()) OR incident = ANY ((SELECT irp_visible())::text[])));
  ALTER TABLE irp_incidents ENABLE ROW LEVEL SECURITY;
  CREATE POLICY irp_incidents_read ON irp_incidents FOR SELECT USING ((SELECT irp_sees_all()) OR incident = ANY ((SELECT irp_visible())::text[]));
  ALTER TABLE irp_shares ENABLE ROW LEVEL SECURITY;
  CREATE POLICY irp_shares_read ON irp_shares FOR SELECT USING ((SELECT irp_sees_all()) OR incident = ANY ((SELECT irp_visible())::text[]));

  -- The group roles a site grants its logins (irp db person add does it): shared by every irp schema of a cluster.
  DO $$
  BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'irp_member') THEN CREATE ROLE irp_member NOLOGIN; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'irp_reader') THEN CREATE ROLE irp_reader NOLOGIN; END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO irp_member, irp_reader', current_schema());
  END $$;
  GRANT SELECT, INSERT ON irp_events, irp_seals TO irp_member;
  GRANT SELECT ON irp_schema, irp_incidents, irp_shares, irp_people, irp_organisations TO irp_member;
  GRANT SELECT ON irp_events, irp_seals, irp_schema, irp_incidents, irp_shares, irp_people, irp_organisations TO irp_reader;
  `,
  // Schema 3: a notice as it was sent to a regulator or another body (`notification.sent`) is an entry of the record.
  `
${checkChainFunction(SCHEMA_3_KINDS.map((kind) => `'${kind}'`).join(', '))}  `,
  // Schema 4: each schema announces its appends on a channel of its own. Several irp schemas may share a database
  // (the group roles above are the cluster's), and NOTIFY's channels are the database's: on one channel, a board
  // following one schema read again on every append to any other.
  `
  DO $$
  BEGIN
    EXECUTE format('CREATE FUNCTION irp_channel() RETURNS text LANGUAGE sql IMMUTABLE AS %L', format('SELECT %L::text', 'irp_events_' || left(md5(current_schema()), 16)));
  END $$;
  -- The append of schema 2, announcing on the schema's own channel.
  CREATE OR REPLACE FUNCTION irp_append(p_incident text, p_after_seq integer, p_after_hash text, p_lines text[], p_hashes text[]) RETURNS integer
  LANGUAGE plpgsql AS $$
  DECLARE last_seq integer; last_hash text;
  BEGIN
    -- A writer waits at most 5 s for another's turn, and one whose client has gone is stopped while it waits: an
    -- append given up on is never committed later.
    PERFORM set_config('lock_timeout', '5s', true);
    BEGIN
      PERFORM set_config('client_connection_check_interval', '1000', true);
    EXCEPTION WHEN undefined_object THEN
      NULL; -- before PostgreSQL 14 there is no such check: the lock's 5 s bound still holds
    END;
    PERFORM pg_advisory_xact_lock(hashtextextended(p_incident, 0));
    SELECT seq, hash INTO last_seq, last_hash FROM irp_events WHERE incident = p_incident ORDER BY seq DESC LIMIT 1;
    IF coalesce(last_seq, 0) <> p_after_seq OR last_hash IS DISTINCT FROM p_after_hash THEN
      RETURN coalesce(last_seq, 0);
    END IF;
    INSERT INTO irp_events (incident, seq, line, hash)
      SELECT p_incident, p_after_seq + rows.n, rows.line, rows.hash FROM unnest(p_lines, p_hashes) WITH ORDINALITY AS rows (line, hash, n) ORDER BY rows.n;
    PERFORM pg_notify(irp_channel(), p_incident);
    RETURN -1;
  END $$;
  `,
];

/** The schema this irp reads and writes. */
export const SCHEMA_VERSION = migrations.length;
