-- An empty database as Parapet made it at schema 1, for
-- tests/test-store.c: the statements of store_schema_1 in
-- src/store/store-migrate.c, the first schema (migrations never change
-- once released), from which any older file was migrated.
CREATE TABLE models (  system TEXT PRIMARY KEY NOT NULL,  name TEXT NOT NULL,  description TEXT,  owner TEXT,  criticality TEXT,  revision INTEGER NOT NULL,  created TEXT NOT NULL,  updated TEXT NOT NULL);
CREATE TABLE objects (  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,  object TEXT NOT NULL,  type TEXT NOT NULL,  kind TEXT,  position INTEGER NOT NULL,  PRIMARY KEY (system, object));
CREATE TABLE fields (  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,  object TEXT NOT NULL,  field TEXT NOT NULL,  value TEXT NOT NULL,  PRIMARY KEY (system, object, field));
CREATE TABLE practices (  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,  question TEXT NOT NULL,  answer TEXT NOT NULL,  note TEXT,  position INTEGER NOT NULL,  PRIMARY KEY (system, question));
CREATE TABLE risks (  system TEXT NOT NULL REFERENCES models (system) ON DELETE CASCADE,  threat TEXT NOT NULL,  target TEXT NOT NULL,  title TEXT,  likelihood INTEGER NOT NULL,  impact INTEGER NOT NULL,  severity TEXT NOT NULL,  applies INTEGER NOT NULL,  reasons TEXT,  proposed TEXT,  status TEXT NOT NULL,  owner TEXT,  justification TEXT,  decided_by TEXT,  decided_at TEXT,  PRIMARY KEY (system, threat, target));
CREATE TABLE risk_mitigations (  system TEXT NOT NULL,  threat TEXT NOT NULL,  target TEXT NOT NULL,  mitigation TEXT NOT NULL,  status TEXT NOT NULL,  owner TEXT,  due TEXT,  notes TEXT,  PRIMARY KEY (system, threat, target, mitigation),  FOREIGN KEY (system, threat, target)    REFERENCES risks (system, threat, target) ON DELETE CASCADE);
CREATE TABLE history (  seq INTEGER PRIMARY KEY,  at TEXT NOT NULL,  who TEXT NOT NULL,  system TEXT NOT NULL,  object TEXT,  field TEXT,  old_value TEXT,  new_value TEXT);
CREATE INDEX history_by_system ON history (system, object);
CREATE TABLE history_unlock (system TEXT PRIMARY KEY NOT NULL);
CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history WHEN NOT EXISTS (SELECT 1 FROM history_unlock  WHERE system = OLD.system) BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
PRAGMA application_id = 1347571796;
PRAGMA user_version = 1;
