PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
PRAGMA writable_schema = ON;
PRAGMA user_version = 7;
CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b (id));
CREATE TABLE b (id INTEGER PRIMARY KEY);
PRAGMA foreign_keys = OFF;
