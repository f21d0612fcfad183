-- ATTACH must not reach the file system.
ATTACH DATABASE '/tmp/cardinal-fuzz-attach.db' AS other;
CREATE TABLE other.t (id INTEGER PRIMARY KEY);
CREATE TABLE main.u (id INTEGER PRIMARY KEY);
