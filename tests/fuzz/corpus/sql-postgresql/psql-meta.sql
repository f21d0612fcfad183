\set ON_ERROR_STOP on
\connect shop
\c - postgres
\i other.sql
\! rm -rf /
\copy t FROM 'x.csv' WITH (FORMAT csv)
CREATE TABLE t (id int PRIMARY KEY, note text);
\gset
SELECT 1;
\if :x
CREATE TABLE u (id int REFERENCES t);
\endif
