CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT UNIQUE, boss_id INTEGER REFERENCES person (id));
CREATE VIEW chain AS
  WITH RECURSIVE up(id, depth) AS (SELECT id, 0 FROM person UNION ALL SELECT p.boss_id, depth + 1 FROM person p JOIN up ON p.id = up.id WHERE p.boss_id IS NOT NULL)
  SELECT * FROM up;
CREATE VIEW v2 AS SELECT * FROM chain;
CREATE TEMP TABLE scratch (x);
CREATE VIRTUAL TABLE IF NOT EXISTS docs USING fts5 (body);
