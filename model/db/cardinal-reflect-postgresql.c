/* cardinal-reflect-postgresql.c: a live PostgreSQL database's schema, read from pg_catalog with a fixed number of bulk queries through libpq. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-identifier.h"
#include "cardinal-pg.h"
#include "cardinal-reflect-private.h"

#include <string.h>

#include <libpq-fe.h>

/* The catalogues' own OIDs are fixed at bootstrap; objects are keyed
 * "catalogue:oid" as pg_depend names them. */
#define KEY_CLASS "1259"
#define KEY_PROC "1255"
#define KEY_TYPE "1247"
#define KEY_CONSTRAINT "2606"
#define KEY_REWRITE "2618"
#define KEY_TRIGGER "2620"

/* $1 is the chosen schemas as a text[] (NULL: every schema that is not
 * PostgreSQL's own). */
#define NSP_CHOSEN(n) \
  "(($1::text[] IS NULL AND " n ".nspname <> 'information_schema'" \
  "   AND " n ".nspname NOT LIKE 'pg\\_%') OR " n ".nspname = ANY ($1::text[]))"

/* What an extension created is the extension's, never the schema's own.
 * The members are found from the extensions through pg_depend's index on
 * the referenced object, one lookup per extension, not per candidate. */
#define NOT_EXTENSION_MEMBER(catalogue, oid) \
  oid " NOT IN (SELECT e.objid FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_depend e" \
  " ON e.refclassid = 'pg_catalog.pg_extension'::regclass AND e.refobjid = x.oid" \
  " WHERE e.deptype = 'e' AND e.classid = 'pg_catalog." catalogue "'::regclass)"

/* A relation's name in the model: bare in public, "schema.name" elsewhere;
 * and its name for SQL text, always qualified and quoted. */
#define OBJECT_NAME(n, name) "CASE WHEN " n ".nspname = 'public' THEN " name " ELSE " n ".nspname || '.' || " name " END"
#define SQL_NAME(n, name) "format('%I.%I', " n ".nspname, " name ")"

/* The pg_depend rows an object has on others, as "catalogue:oid" keys. */
#define DEPENDENCIES(catalogue, oid) \
  "array(SELECT DISTINCT d.refclassid::text || ':' || d.refobjid::text FROM pg_catalog.pg_depend d" \
  " WHERE d.classid = 'pg_catalog." catalogue "'::regclass AND d.objid = " oid \
  " AND d.deptype IN ('n', 'a'))::text"

/* The tables to read, shared by the table queries. Partitions are not
 * tables (each is an SQL object after its parent), so what they inherit
 * is never read twice. */
#define CHOSEN_TABLES \
  "WITH chosen AS (" \
  " SELECT c.oid, n.nspname, c.relname, n.oid AS nspoid, c.relkind, c.relpersistence" \
  " FROM pg_catalog.pg_class c" \
  " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" \
  " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND " NSP_CHOSEN ("n") \
  " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid") ") "

/* Comments, defaults and serial sequences are looked up per row through
 * their catalogues' indexes: right after thousands of tables are created the
 * catalogue statistics are stale, and a join planned on them can turn
 * quadratic (a nested loop over pg_description took a second on 6,500
 * tables). */
static const char tables_query[] =
  CHOSEN_TABLES
  "SELECT t.oid, t.nspname, t.relname,"
  " coalesce((SELECT d.description FROM pg_catalog.pg_description d WHERE d.objoid = t.oid"
  "   AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0), ''),"
  " has_schema_privilege(t.nspoid, 'USAGE') AND has_table_privilege(t.oid, 'SELECT'),"
  " t.relpersistence, CASE WHEN t.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(t.oid) END"
  " FROM chosen t";

/* format_type() is asked once per distinct type rather than once per column, and a default is printed
 * without its relation (a default cannot name a column; only a generated
 * column's expression can): both were most of the query's time. The
 * distinct types are materialized so that pg_type is read once per type,
 * not once per column; the rows come unsorted (sorting 27,000 of them
 * spilled to disk) and the reader puts each table's columns in attnum
 * order itself. */
static const char columns_query[] =
  CHOSEN_TABLES
  ", cols AS (SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.atthasdef,"
  "   a.attidentity, a.attgenerated, a.attcollation"
  "   FROM pg_catalog.pg_attribute a JOIN chosen t ON t.oid = a.attrelid"
  "   WHERE a.attnum > 0 AND NOT a.attisdropped),"
  " spelled AS MATERIALIZED (SELECT x.atttypid, x.atttypmod, pg_catalog.format_type(x.atttypid, x.atttypmod) AS name,"
  "   ty.typcollation FROM (SELECT DISTINCT atttypid, atttypmod FROM cols) x"
  "   JOIN pg_catalog.pg_type ty ON ty.oid = x.atttypid) "
  "SELECT a.attrelid, a.attname, s.name, a.attnotnull,"
  " CASE WHEN a.atthasdef THEN (SELECT pg_catalog.pg_get_expr(ad.adbin,"
  "   CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) FROM pg_catalog.pg_attrdef ad"
  "   WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) END,"
  " a.attidentity, a.attgenerated,"
  " coalesce((SELECT d.description FROM pg_catalog.pg_description d WHERE d.objoid = a.attrelid"
  "   AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum), ''),"
  " NULL,"
  " a.attnum,"
  " CASE WHEN a.attcollation <> s.typcollation THEN a.attcollation END"
  " FROM cols a JOIN spelled s ON s.atttypid = a.atttypid AND s.atttypmod = a.atttypmod";

/* Key columns come as attribute numbers, named from the columns already
 * read: a per-row subquery for names costs more than the rest of the
 * query. Only a foreign key to a table outside the chosen ones gets the
 * referenced names from the server. A UNIQUE's INCLUDE columns and NULLS
 * NOT DISTINCT are its index's, read with the indexes. */
static const char constraints_query[] =
  CHOSEN_TABLES
  "SELECT con.conrelid, con.contype, con.conname, con.conkey::text,"
  " con.confrelid, rn.nspname, rc.relname, con.confkey::text, con.confdeltype,"
  " CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END,"
  " CASE WHEN con.contype = 'f' AND con.confrelid NOT IN (SELECT oid FROM chosen) THEN"
  "  array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)"
  "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] END,"
  " con.confupdtype, con.confmatchtype, con.condeferrable, con.condeferred, con.convalidated, con.connoinherit,"
  " con.conindid, NULL, NULL,"
  " CASE WHEN con.contype = 'x' OR NOT con.convalidated THEN pg_catalog.pg_get_constraintdef(con.oid) END,"
  " CASE WHEN con.contype = 'x' OR NOT con.convalidated THEN " SQL_NAME ("t", "t.relname") " END"
  " FROM pg_catalog.pg_constraint con JOIN chosen t ON t.oid = con.conrelid"
  " LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid"
  " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
  " WHERE con.contype IN ('p', 'u', 'f', 'c', 'x')"
  " ORDER BY con.conrelid, con.oid";

/* Indexes that back a constraint are the constraint's business: only
 * those with INCLUDE columns or NULLS NOT DISTINCT are read, for their
 * constraint, and told apart by the constraints' conindid. indkey
 * holds the key columns first, then any INCLUDE columns; an expression key
 * is 0 there and printed by pg_get_indexdef (only for such indexes: it is
 * the dearest call). Operator classes and collations come as OIDs and are
 * named from the lookup query. */
static const char indexes_query[] =
  CHOSEN_TABLES
  "SELECT i.indrelid, ic.relname, i.indisunique, i.indkey::text, i.indnkeyatts,"
  " am.amname, i.indoption::text, i.indclass::text, i.indcollation::text,"
  " CASE WHEN i.indpred IS NOT NULL THEN pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) END,"
  " CASE WHEN i.indexprs IS NOT NULL THEN array(SELECT CASE WHEN k.a = 0"
  "   THEN pg_catalog.pg_get_indexdef(i.indexrelid, k.o::int, true) ELSE '' END"
  "   FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(a, o) ORDER BY k.o)::text END,"
  " i.indnullsnotdistinct, i.indexrelid,"
  " i.indnatts > i.indnkeyatts OR i.indnullsnotdistinct"
  " FROM pg_catalog.pg_index i JOIN chosen t ON t.oid = i.indrelid"
  " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
  " JOIN pg_catalog.pg_am am ON am.oid = ic.relam"
  " WHERE i.indnatts > i.indnkeyatts OR i.indnullsnotdistinct OR i.indexrelid NOT IN (SELECT c.conindid"
  "   FROM pg_catalog.pg_constraint c WHERE c.contype IN ('p', 'u', 'x'))"
  " ORDER BY i.indrelid, ic.relname";

/* Operator classes that are not their type's default, and collations. */
static const char lookups_query[] =
  "SELECT 'o', oid, opcname FROM pg_catalog.pg_opclass WHERE NOT opcdefault"
  " UNION ALL SELECT 'c', oid, collname FROM pg_catalog.pg_collation";

/* Enums and domains; a domain over another comes after it in OID order. */
static const char types_query[] =
  "SELECT t.oid, n.nspname, t.typname, t.typtype,"
  " CASE WHEN t.typtype = 'e' THEN array(SELECT l.enumlabel FROM pg_catalog.pg_enum l"
  "   WHERE l.enumtypid = t.oid ORDER BY l.enumsortorder)::text END,"
  " CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END,"
  " t.typnotnull, t.typdefault,"
  " CASE WHEN t.typtype = 'd' AND t.typcollation <> bt.typcollation THEN"
  "   (SELECT co.collname FROM pg_catalog.pg_collation co WHERE co.oid = t.typcollation) END,"
  " coalesce((SELECT d.description FROM pg_catalog.pg_description d WHERE d.objoid = t.oid"
  "   AND d.classoid = 'pg_catalog.pg_type'::regclass AND d.objsubid = 0), ''),"
  " array(SELECT k.conname FROM pg_catalog.pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c'"
  "   ORDER BY k.oid)::text,"
  " array(SELECT pg_catalog.pg_get_constraintdef(k.oid) FROM pg_catalog.pg_constraint k"
  "   WHERE k.contypid = t.oid AND k.contype = 'c' ORDER BY k.oid)::text"
  " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
  " LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype"
  " WHERE t.typtype IN ('e', 'd') AND " NSP_CHOSEN ("n") " AND " NOT_EXTENSION_MEMBER ("pg_type", "t.oid")
  " ORDER BY t.typtype DESC, t.oid";

/* plpgsql is in every database. */
static const char extensions_query[] =
  "SELECT x.extname, n.nspname FROM pg_catalog.pg_extension x"
  " JOIN pg_catalog.pg_namespace n ON n.oid = x.extnamespace"
  " WHERE x.extname <> 'plpgsql' ORDER BY x.extname";

/* Everything kept as SQL objects, one row each: kind, name, SQL (or the
 * part the reader completes), its own key, the keys it depends on, whether
 * it goes before the tables, its schema, an extra field (a view's options,
 * whether a materialized view has data) and its quoted qualified name.
 * pg_class, pg_depend (for extension members) and pg_description are
 * each scanned once, into the CTEs the branches share: a scan per branch was most
 * of the query's time on thousands of tables. */
#define NOT_IN_EXTENSION(catalogue, oid) \
  "NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_catalog." catalogue "'::regclass AND ext.objid = " oid ")"

#define SHARED_SCANS \
  "WITH ext AS MATERIALIZED (SELECT e.classid, e.objid FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_depend e" \
  "   ON e.refclassid = 'pg_catalog.pg_extension'::regclass AND e.refobjid = x.oid WHERE e.deptype = 'e')," \
  " rel AS MATERIALIZED (SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relispartition, c.relispopulated," \
  "   c.reloptions, c.relpartbound, c.reltype, c.relrowsecurity, c.relforcerowsecurity, c.reltablespace, c.relacl," \
  "   c.relowner, n.nspname" \
  "   FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" \
  "   WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c', 'f') AND " NSP_CHOSEN ("n") \
  "   AND " NOT_IN_EXTENSION ("pg_class", "c.oid") ")"

static const char objects_query[] =
  SHARED_SCANS ","
  " descr AS MATERIALIZED (SELECT d.objoid, d.classoid, d.objsubid, d.description FROM pg_catalog.pg_description d"
  "   WHERE d.classoid <> 'pg_catalog.pg_class'::regclass) "
  /* views and materialized views: what their _RETURN rule depends on */
  "SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized-view' END,"
  " " OBJECT_NAME ("c", "c.relname") ", pg_catalog.pg_get_viewdef(c.oid), '" KEY_CLASS ":' || c.oid,"
  " array(SELECT DISTINCT d.refclassid::text || ':' || d.refobjid::text FROM pg_catalog.pg_rewrite r"
  "   JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.objid = r.oid"
  "   WHERE r.ev_class = c.oid AND r.rulename = '_RETURN' AND d.deptype = 'n')::text,"
  " false, c.nspname, CASE WHEN c.relkind = 'm' THEN c.relispopulated::text ELSE c.reloptions::text END,"
  " " SQL_NAME ("c", "c.relname")
  " FROM rel c WHERE c.relkind IN ('v', 'm')"
  /* indexes of materialized views */
  " UNION ALL SELECT 'statement', " OBJECT_NAME ("c", "ic.relname") ","
  " pg_catalog.pg_get_indexdef(i.indexrelid), '" KEY_CLASS ":' || i.indexrelid,"
  " ARRAY['" KEY_CLASS ":' || i.indrelid]::text, false, c.nspname, NULL, NULL"
  " FROM rel c JOIN pg_catalog.pg_index i ON i.indrelid = c.oid"
  " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid WHERE c.relkind = 'm'"
  /* partitions, after their parent */
  " UNION ALL SELECT 'partition', " OBJECT_NAME ("c", "c.relname") ","
  " 'CREATE ' || CASE WHEN c.relpersistence = 'u' THEN 'UNLOGGED ' ELSE '' END || 'TABLE ' || " SQL_NAME ("c", "c.relname")
  "   || ' PARTITION OF ' || " SQL_NAME ("pn", "p.relname") " || ' ' || pg_catalog.pg_get_expr(c.relpartbound, c.oid)"
  "   || CASE WHEN c.relkind = 'p' THEN ' PARTITION BY ' || pg_catalog.pg_get_partkeydef(c.oid) ELSE '' END,"
  " '" KEY_CLASS ":' || c.oid, ARRAY['" KEY_CLASS ":' || p.oid]::text, false, c.nspname, NULL, NULL"
  " FROM rel c JOIN pg_catalog.pg_inherits h ON h.inhrelid = c.oid"
  " JOIN pg_catalog.pg_class p ON p.oid = h.inhparent JOIN pg_catalog.pg_namespace pn ON pn.oid = p.relnamespace"
  " WHERE c.relkind IN ('r', 'p') AND c.relispartition"
  /* a partition's own indexes (not its parent's, not a constraint's) */
  " UNION ALL SELECT 'statement', " OBJECT_NAME ("c", "ic.relname") ","
  " pg_catalog.pg_get_indexdef(i.indexrelid), '" KEY_CLASS ":' || i.indexrelid,"
  " ARRAY['" KEY_CLASS ":' || i.indrelid]::text, false, c.nspname, NULL, NULL"
  " FROM rel c JOIN pg_catalog.pg_index i ON i.indrelid = c.oid"
  " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
  " WHERE c.relkind IN ('r', 'p') AND c.relispartition"
  " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits h WHERE h.inhrelid = i.indexrelid)"
  " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.conindid = i.indexrelid"
  "   AND k.contype IN ('p', 'u', 'x'))"
  /* a partition's own constraints */
  " UNION ALL SELECT 'statement', k.conname || ' on ' || " OBJECT_NAME ("c", "c.relname") ","
  " 'ALTER TABLE ' || " SQL_NAME ("c", "c.relname") " || ' ADD CONSTRAINT ' || quote_ident(k.conname) || ' '"
  "   || pg_catalog.pg_get_constraintdef(k.oid),"
  " '" KEY_CONSTRAINT ":' || k.oid,"
  " array_remove(ARRAY['" KEY_CLASS ":' || c.oid, CASE WHEN k.confrelid <> 0 THEN '" KEY_CLASS ":' || k.confrelid END], NULL)::text,"
  " false, c.nspname, NULL, NULL"
  " FROM rel c JOIN pg_catalog.pg_constraint k ON k.conrelid = c.oid"
  " WHERE c.relispartition AND c.relkind IN ('r', 'p') AND k.conislocal AND k.conparentid = 0"
  " AND k.contype IN ('c', 'f', 'p', 'u', 'x')"
  /* functions and procedures: before the tables unless they need one (a
   * row type, a SQL body checked at creation) and no default or CHECK
   * calls them */
  " UNION ALL SELECT CASE p.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, p.oid::regprocedure::text,"
  " pg_catalog.pg_get_functiondef(p.oid), '" KEY_PROC ":' || p.oid, " DEPENDENCIES ("pg_proc", "p.oid") ","
  " NOT EXISTS (SELECT 1 FROM pg_catalog.pg_type ty JOIN pg_catalog.pg_class rc ON rc.oid = ty.typrelid"
  "   WHERE rc.relkind <> 'c' AND ty.oid = ANY (p.proargtypes::oid[] || coalesce(p.proallargtypes, '{}'::oid[]) || p.prorettype))"
  " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_proc'::regclass"
  "   AND d.objid = p.oid AND d.refclassid = 'pg_catalog.pg_class'::regclass)"
  " AND (l.lanname <> 'sql' OR EXISTS (SELECT 1 FROM pg_catalog.pg_depend u"
  "   WHERE u.refclassid = 'pg_catalog.pg_proc'::regclass AND u.refobjid = p.oid"
  "   AND u.classid IN ('pg_catalog.pg_attrdef'::regclass, 'pg_catalog.pg_constraint'::regclass))),"
  " n.nspname, NULL, NULL"
  " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
  " JOIN pg_catalog.pg_language l ON l.oid = p.prolang"
  " WHERE p.prokind IN ('f', 'p', 'w') AND " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_proc", "p.oid")
  /* triggers (a partition's clones come with its parent's) */
  " UNION ALL SELECT 'trigger', tg.tgname || ' on ' || " OBJECT_NAME ("c", "c.relname") ","
  " pg_catalog.pg_get_triggerdef(tg.oid), '" KEY_TRIGGER ":' || tg.oid, " DEPENDENCIES ("pg_trigger", "tg.oid") ","
  " false, c.nspname, NULL, NULL"
  " FROM pg_catalog.pg_trigger tg JOIN rel c ON c.oid = tg.tgrelid"
  " WHERE NOT tg.tgisinternal AND tg.tgparentid = 0"
  /* rules other than a view's own */
  " UNION ALL SELECT 'rule', r.rulename || ' on ' || " OBJECT_NAME ("c", "c.relname") ","
  " pg_catalog.pg_get_ruledef(r.oid), '" KEY_REWRITE ":' || r.oid, " DEPENDENCIES ("pg_rewrite", "r.oid") ","
  " false, c.nspname, NULL, NULL"
  " FROM pg_catalog.pg_rewrite r JOIN rel c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN'"
  /* composite types */
  " UNION ALL SELECT 'type', " OBJECT_NAME ("c", "c.relname") ","
  " 'CREATE TYPE ' || " SQL_NAME ("c", "c.relname") " || ' AS (' || coalesce((SELECT string_agg("
  "   format('%I %s', a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)"
  "   FROM pg_catalog.pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')',"
  " '" KEY_TYPE ":' || c.reltype, " DEPENDENCIES ("pg_class", "c.oid") ", true, c.nspname, NULL, NULL"
  " FROM rel c WHERE c.relkind = 'c'"
  /* comments on relations other than tables (tables keep theirs), and on
   * their columns */
  " UNION ALL SELECT 'comment', 'comment on ' || " OBJECT_NAME ("c", "c.relname")
  "   || CASE WHEN d.objsubid > 0 THEN '.' || a.attname ELSE '' END,"
  " CASE WHEN d.objsubid > 0"
  "   THEN format('COMMENT ON COLUMN %s.%I IS %L', " SQL_NAME ("c", "c.relname") ", a.attname, d.description)"
  "   ELSE format('COMMENT ON %s %s IS %L', CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'"
  "     WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END, " SQL_NAME ("c", "c.relname") ", d.description) END,"
  " '', ARRAY['" KEY_CLASS ":' || c.oid]::text, false, c.nspname, NULL, NULL"
  " FROM pg_catalog.pg_description d JOIN rel c ON c.oid = d.objoid"
  " LEFT JOIN pg_catalog.pg_attribute a ON d.objsubid > 0 AND a.attrelid = c.oid AND a.attnum = d.objsubid"
  " WHERE d.classoid = 'pg_catalog.pg_class'::regclass"
  " AND ((d.objsubid = 0 AND (c.relkind IN ('v', 'm', 'S') OR c.relispartition))"
  "   OR (d.objsubid > 0 AND (c.relkind IN ('v', 'm', 'c') OR c.relispartition)))"
  /* … on indexes */
  " UNION ALL SELECT 'comment', 'comment on ' || " OBJECT_NAME ("c", "ic.relname") ","
  " format('COMMENT ON INDEX %s IS %L', " SQL_NAME ("c", "ic.relname") ", d.description),"
  " '', ARRAY['" KEY_CLASS ":' || ic.oid]::text, false, c.nspname, NULL, NULL"
  " FROM pg_catalog.pg_description d JOIN pg_catalog.pg_index i ON i.indexrelid = d.objoid"
  " JOIN rel c ON c.oid = i.indrelid JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
  " WHERE d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0"
  /* … on functions and procedures */
  " UNION ALL SELECT 'comment', 'comment on ' || p.oid::regprocedure::text,"
  " format('COMMENT ON %s %s IS %L', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,"
  "   p.oid::regprocedure::text, d.description),"
  " '', ARRAY['" KEY_PROC ":' || p.oid]::text, false, n.nspname, NULL, NULL"
  " FROM descr d JOIN pg_catalog.pg_proc p ON p.oid = d.objoid"
  " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
  " WHERE d.classoid = 'pg_catalog.pg_proc'::regclass AND p.prokind IN ('f', 'p', 'w')"
  " AND " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_proc", "p.oid")
  /* … on triggers */
  " UNION ALL SELECT 'comment', 'comment on ' || tg.tgname || ' on ' || " OBJECT_NAME ("c", "c.relname") ","
  " format('COMMENT ON TRIGGER %I ON %s IS %L', tg.tgname, " SQL_NAME ("c", "c.relname") ", d.description),"
  " '', ARRAY['" KEY_TRIGGER ":' || tg.oid]::text, false, c.nspname, NULL, NULL"
  " FROM descr d JOIN pg_catalog.pg_trigger tg ON tg.oid = d.objoid JOIN rel c ON c.oid = tg.tgrelid"
  " WHERE d.classoid = 'pg_catalog.pg_trigger'::regclass AND NOT tg.tgisinternal AND tg.tgparentid = 0"
  /* … on rules */
  " UNION ALL SELECT 'comment', 'comment on ' || r.rulename || ' on ' || " OBJECT_NAME ("c", "c.relname") ","
  " format('COMMENT ON RULE %I ON %s IS %L', r.rulename, " SQL_NAME ("c", "c.relname") ", d.description),"
  " '', ARRAY['" KEY_REWRITE ":' || r.oid]::text, false, c.nspname, NULL, NULL"
  " FROM descr d JOIN pg_catalog.pg_rewrite r ON r.oid = d.objoid JOIN rel c ON c.oid = r.ev_class"
  " WHERE d.classoid = 'pg_catalog.pg_rewrite'::regclass AND r.rulename <> '_RETURN'"
  /* … on constraints of tables (partitions too) */
  " UNION ALL SELECT 'comment', 'comment on ' || k.conname || ' on ' || " OBJECT_NAME ("c", "c.relname") ","
  " format('COMMENT ON CONSTRAINT %I ON %s IS %L', k.conname, " SQL_NAME ("c", "c.relname") ", d.description),"
  " '', ARRAY['" KEY_CLASS ":' || c.oid, '" KEY_CONSTRAINT ":' || k.oid]::text, false, c.nspname, NULL, NULL"
  " FROM descr d JOIN pg_catalog.pg_constraint k ON k.oid = d.objoid JOIN rel c ON c.oid = k.conrelid"
  " WHERE d.classoid = 'pg_catalog.pg_constraint'::regclass"
  /* … on constraints of domains */
  " UNION ALL SELECT 'comment', 'comment on ' || k.conname || ' on ' || " OBJECT_NAME ("n", "t.typname") ","
  " format('COMMENT ON CONSTRAINT %I ON DOMAIN %s IS %L', k.conname, " SQL_NAME ("n", "t.typname") ", d.description),"
  " '', ARRAY['" KEY_TYPE ":' || t.oid]::text, false, n.nspname, NULL, NULL"
  " FROM descr d JOIN pg_catalog.pg_constraint k ON k.oid = d.objoid"
  " JOIN pg_catalog.pg_type t ON t.oid = k.contypid JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
  " WHERE d.classoid = 'pg_catalog.pg_constraint'::regclass AND " NSP_CHOSEN ("n")
  " AND " NOT_IN_EXTENSION ("pg_type", "t.oid")
  /* … on composite types (enums and domains keep theirs) */
  " UNION ALL SELECT 'comment', 'comment on ' || " OBJECT_NAME ("c", "c.relname") ","
  " format('COMMENT ON TYPE %s IS %L', " SQL_NAME ("c", "c.relname") ", d.description),"
  " '', ARRAY['" KEY_TYPE ":' || c.reltype]::text, false, c.nspname, NULL, NULL"
  " FROM descr d JOIN rel c ON c.reltype = d.objoid AND c.relkind = 'c'"
  " WHERE d.classoid = 'pg_catalog.pg_type'::regclass"
  /* … on the chosen schemas */
  " UNION ALL SELECT 'comment', 'comment on schema ' || n.nspname,"
  " format('COMMENT ON SCHEMA %I IS %L', n.nspname, d.description), '', NULL, false, n.nspname, NULL, NULL"
  " FROM descr d JOIN pg_catalog.pg_namespace n ON n.oid = d.objoid"
  " WHERE d.classoid = 'pg_catalog.pg_namespace'::regclass AND n.nspname <> 'public' AND " NSP_CHOSEN ("n")
  " AND " NOT_IN_EXTENSION ("pg_namespace", "n.oid")
  /* sequences with the column that owns them, if any: the owner is looked
   * up per sequence through pg_depend's index on the dependent object. A
   * materialized list of owners joined here was estimated at one row on
   * fresh catalogue statistics, and the nested loop over it compared every
   * sequence with every owner (15 million rows, 1.6 s on 3,900 serials). */
  " UNION ALL SELECT 'sequence', c.relname, ARRAY[s.seqtypid::text, s.seqstart::text, s.seqincrement::text,"
  "   s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle::text]::text,"
  " '" KEY_CLASS ":' || c.oid, NULL, false, c.nspname,"
  " o.refobjid || ':' || o.refobjsubid || ':' || o.deptype::text, NULL"
  " FROM rel c JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid"
  " LEFT JOIN LATERAL (SELECT o.refobjid, o.refobjsubid, o.deptype FROM pg_catalog.pg_depend o"
  "   WHERE o.classid = 'pg_catalog.pg_class'::regclass AND o.objid = c.oid"
  "   AND o.refclassid = 'pg_catalog.pg_class'::regclass AND o.refobjsubid > 0 AND o.deptype IN ('a', 'i')) o ON true"
  " WHERE c.relkind = 'S'"
  /* what the model does not keep, one sentence a row */
  " UNION ALL SELECT 'note', '', format('aggregate %s is not kept', p.oid::regprocedure), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace"
  " WHERE p.prokind = 'a' AND " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_proc", "p.oid")
  " UNION ALL SELECT 'note', '', format('table \"%s\": policy \"%s\" is not kept', c.relname, pol.polname), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_policy pol JOIN rel c ON c.oid = pol.polrelid"
  " UNION ALL SELECT 'note', '', v.note, '', NULL, false, NULL, NULL, NULL FROM rel c, LATERAL (VALUES"
  "   (CASE WHEN c.relrowsecurity OR c.relforcerowsecurity"
  "     THEN format('table \"%s\": row level security is not kept', c.relname) END),"
  "   (CASE WHEN c.relkind = 'f' THEN format('foreign table \"%s\" is not kept', c.relname) END),"
  "   (CASE WHEN c.relkind IN ('r', 'p') AND c.reloptions IS NOT NULL"
  "     THEN format('table \"%s\": storage parameters %s are not kept', c.relname, c.reloptions) END),"
  "   (CASE WHEN c.relkind IN ('r', 'p', 'm') AND c.reltablespace <> 0"
  "     THEN format('table \"%s\": its tablespace is not kept', c.relname) END)) v(note)"
  " WHERE (c.relrowsecurity OR c.relforcerowsecurity OR c.relkind = 'f' OR c.reloptions IS NOT NULL"
  "   OR c.reltablespace <> 0) AND v.note IS NOT NULL"
  " UNION ALL SELECT 'note', '', format('table \"%s\" inherits from \"%s\": the inheritance is not kept', c.relname, p.relname), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_inherits h JOIN rel c ON c.oid = h.inhrelid JOIN pg_catalog.pg_class p ON p.oid = h.inhparent"
  " WHERE NOT c.relispartition AND c.relkind IN ('r', 'p', 'f')"
  " UNION ALL SELECT 'note', '', format('%s type \"%s\" is not kept', CASE t.typtype WHEN 'r' THEN 'range' ELSE 'base' END, t.typname), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
  " WHERE (t.typtype = 'r' OR (t.typtype = 'b' AND t.typcategory <> 'A'))"
  " AND " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_type", "t.oid")
  " UNION ALL SELECT 'note', '', format('collation \"%s\" is not kept', co.collname), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_collation co JOIN pg_catalog.pg_namespace n ON n.oid = co.collnamespace"
  " WHERE " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_collation", "co.oid")
  " UNION ALL SELECT 'note', '', format('operator %s is not kept', o.oid::regoperator), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_namespace n ON n.oid = o.oprnamespace"
  " WHERE " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_operator", "o.oid")
  " UNION ALL SELECT 'note', '', format('text search configuration \"%s\" is not kept', ts.cfgname), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_ts_config ts JOIN pg_catalog.pg_namespace n ON n.oid = ts.cfgnamespace"
  " WHERE " NSP_CHOSEN ("n") " AND " NOT_IN_EXTENSION ("pg_ts_config", "ts.oid")
  " UNION ALL SELECT 'note', '', format('statistics object \"%s\" is not kept', st.stxname), '', NULL, false, NULL, NULL, NULL"
  " FROM pg_catalog.pg_statistic_ext st JOIN pg_catalog.pg_namespace n ON n.oid = st.stxnamespace"
  " WHERE " NSP_CHOSEN ("n")
  " UNION ALL SELECT 'note', '', format('event trigger \"%s\" is not kept', evtname), '', NULL, false, NULL, NULL, NULL FROM pg_catalog.pg_event_trigger"
  " UNION ALL SELECT 'note', '', format('publication \"%s\" is not kept', pubname), '', NULL, false, NULL, NULL, NULL FROM pg_catalog.pg_publication"
  " UNION ALL SELECT 'note', '', 'owners and grants (privileges) are not kept', '', NULL, false, NULL, NULL, NULL WHERE EXISTS ("
  "   SELECT 1 FROM rel c WHERE c.relkind <> 'c' AND (c.relacl IS NOT NULL OR c.relowner <> ("
  "     SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = current_user)))";

/* A chosen table with its names in the database. */
typedef struct
{
  CardinalTable *table;
  char          *nspname;
  char          *relname;
  char          *key;      /* "1259:oid" */
} TableInfo;

/* A sequence as read, before it is known whether a column stands for it. */
typedef struct
{
  char     *nspname;
  char     *relname;
  const char *type;     /* "bigint", "integer" or "smallint" */
  char     *key;
  gint64    start, increment, min, max, cache;
  gboolean  cycle;
  char     *owner;      /* owning table's oid text, or NULL */
  guint64   owner_attnum;
  char      deptype;    /* 'a' owned (serial, OWNED BY), 'i' identity, 0 none */
  gboolean  consumed;   /* a column's identity or serial stands for it */
} SequenceInfo;

typedef struct
{
  char      *name;
  char      *key;
  GStrv      dependencies;  /* keys */
  CardinalSqlObject *object;
} PendingObject;

typedef struct
{
  PGconn       *conn;
  GPtrArray    *notes;
  const char   *schemas_param;  /* text[] literal or NULL */
  gboolean      nulls_not_distinct;  /* the server has pg_index.indnullsnotdistinct (15) */
  GHashTable   *tables;         /* oid text and "schema\x1ftable" → TableInfo */
  GPtrArray    *table_infos;    /* owns the TableInfo */
  GHashTable   *attnames;       /* table oid text → GPtrArray: attnum → CardinalColumn (borrowed) */
  GHashTable   *sequences;      /* key → SequenceInfo */
  GHashTable   *backing;        /* index oid text → CardinalIndex that may back a constraint (borrowed) */
  GPtrArray    *sequence_order; /* of SequenceInfo (borrowed): those no identity owns */
  GHashTable   *opclasses;      /* oid text → name of an operator class that is not a default */
  GHashTable   *collations;     /* oid text → name */
  GHashTable   *names;          /* "catalogue:oid" → name in the model, for depends_on */
  GHashTable   *used_schemas;   /* schemas other than public that hold something read */
  GPtrArray    *pending;        /* of PendingObject */
  GCancellable *cancellable;
} Reader;

static void
table_info_free (TableInfo *info)
{
  g_free (info->nspname);
  g_free (info->relname);
  g_free (info->key);
  g_free (info);
}

static void
sequence_info_free (SequenceInfo *info)
{
  g_free (info->nspname);
  g_free (info->relname);
  g_free (info->key);
  g_free (info->owner);
  g_free (info);
}

static void
pending_object_free (PendingObject *pending)
{
  g_free (pending->name);
  g_free (pending->key);
  g_strfreev (pending->dependencies);
  cardinal_sql_object_free (pending->object);
  g_free (pending);
}

/* libpq's messages end with a newline and may span lines. */
static char *
libpq_message (const char *message)
{
  g_autofree char *copy = g_strdup (message != NULL ? message : "");

  return g_strdup (g_strstrip (copy));
}

static PGresult *
run_query (Reader      *reader,
           const char  *sql,
           const char  *what,
           GError     **error)
{
  const char *params[1] = { reader->schemas_param };
  g_autofree char *text = NULL;
  PGresult *result;

  if (!cardinal_reflect_check_cancelled (reader->cancellable, error))
    return NULL;

  /* NULLS NOT DISTINCT exists from PostgreSQL 15 on; before, nothing has it. */
  if (!reader->nulls_not_distinct && strstr (sql, "indnullsnotdistinct") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (sql, "ix.indnullsnotdistinct", -1);
      g_autofree char *joined = g_strjoinv ("false", parts);
      g_auto(GStrv) again = g_strsplit (joined, "i.indnullsnotdistinct", -1);

      text = g_strjoinv ("false", again);
      sql = text;
    }

  result = PQexecParams (reader->conn, sql, strstr (sql, "$1") != NULL ? 1 : 0, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      const char *state = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      g_autofree char *message = libpq_message (PQerrorMessage (reader->conn));

      /* A cancelled query fails too; the cancellation is what to report. */
      if (reader->cancellable != NULL && g_cancellable_is_cancelled (reader->cancellable))
        g_set_error_literal (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CANCELLED,
                             "The import was cancelled");
      else if (g_strcmp0 (state, "42501") == 0)
        g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_PERMISSION,
                     "PostgreSQL refused to read %s: %s", what, message);
      else
        g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CONNECT,
                     "PostgreSQL could not read %s: %s", what, message);
      PQclear (result);
      return NULL;
    }
  return result;
}

/* A column that may be SQL NULL, as NULL. */
static const char *
value_or_null (PGresult *result,
               int       row,
               int       column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

static gboolean
value_is_true (PGresult *result,
               int       row,
               int       column)
{
  return PQgetvalue (result, row, column)[0] == 't';
}

/* "{a,\"b c\"}" (PostgreSQL's text form of an array) → its elements. */
static GStrv
parse_array (const char *text)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  if (p == NULL || *p != '{')
    {
      g_ptr_array_add (items, NULL);
      return (GStrv) g_ptr_array_free (g_steal_pointer (&items), FALSE);
    }
  p++;
  while (*p != '\0' && *p != '}')
    {
      GString *item = g_string_new (NULL);

      if (*p == '"')
        {
          p++;
          while (*p != '\0' && *p != '"')
            {
              if (*p == '\\' && p[1] != '\0')
                p++;
              g_string_append_c (item, *p++);
            }
          if (*p == '"')
            p++;
        }
      else
        while (*p != '\0' && *p != ',' && *p != '}')
          g_string_append_c (item, *p++);
      g_ptr_array_add (items, g_string_free (item, FALSE));
      if (*p == ',')
        p++;
    }
  g_ptr_array_add (items, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&items), FALSE);
}

/* "{1,3}", "1 3" or "100 0" (int2[], int2vector, oidvector) → the numbers. */
static GArray *
parse_numbers (const char *text)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      char *end = NULL;
      guint64 value;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      value = g_ascii_strtoull (p, &end, 10);
      p = end;
      g_array_append_val (numbers, value);
    }
  return numbers;
}

static CardinalColumn *
column_at (Reader     *reader,
           const char *oid,
           guint64     attnum)
{
  GPtrArray *columns = g_hash_table_lookup (reader->attnames, oid);

  if (columns == NULL || attnum >= columns->len)
    return NULL;
  return columns->pdata[attnum];
}

/* The names of columns @from (inclusive) to @to (exclusive) of the
 * attribute numbers in @numbers, of table @oid. */
static GStrv
column_names_range (Reader     *reader,
                    const char *oid,
                    const char *numbers,
                    guint       from,
                    guint       to)
{
  g_autoptr(GArray) attnums = parse_numbers (numbers);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = from; i < attnums->len && i < to; i++)
    {
      const CardinalColumn *column = column_at (reader, oid, g_array_index (attnums, guint64, i));

      if (column != NULL)
        g_ptr_array_add (out, g_strdup (column->name));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

static GStrv
column_names (Reader     *reader,
              const char *oid,
              const char *numbers)
{
  return column_names_range (reader, oid, numbers, 0, G_MAXUINT);
}

static CardinalOnDelete
action_from_code (char code)
{
  switch (code)
    {
    case 'c':
      return CARDINAL_ON_DELETE_CASCADE;
    case 'r':
      return CARDINAL_ON_DELETE_RESTRICT;
    case 'n':
      return CARDINAL_ON_DELETE_SET_NULL;
    case 'd':
      return CARDINAL_ON_DELETE_SET_DEFAULT;
    case 'a':
    default:
      return CARDINAL_ON_DELETE_NO_ACTION;
    }
}

static void
use_schema (Reader     *reader,
            const char *nspname)
{
  if (nspname != NULL && strcmp (nspname, "public") != 0 && !g_hash_table_contains (reader->used_schemas, nspname))
    g_hash_table_add (reader->used_schemas, g_strdup (nspname));
}

/* NULL for public, the schema's name otherwise. */
static char *
schema_or_null (const char *nspname)
{
  return g_strcmp0 (nspname, "public") != 0 ? g_strdup (nspname) : NULL;
}

/* SQL text without its closing semicolon and trailing white space. */
static char *
without_semicolon (const char *sql)
{
  char *copy = g_strdup (sql != NULL ? sql : "");
  gsize length = strlen (copy);

  while (length > 0 && (g_ascii_isspace (copy[length - 1]) || copy[length - 1] == ';'))
    copy[--length] = '\0';
  return copy;
}

static gboolean
read_lookups (Reader  *reader,
              GError **error)
{
  PGresult *result = run_query (reader, lookups_query, "the operator classes and collations", error);

  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    g_hash_table_insert (PQgetvalue (result, i, 0)[0] == 'o' ? reader->opclasses : reader->collations,
                         g_strdup (PQgetvalue (result, i, 1)), g_strdup (PQgetvalue (result, i, 2)));
  PQclear (result);
  return TRUE;
}

static gboolean
read_tables (Reader          *reader,
             CardinalSchema  *schema,
             GHashTable      *names,
             GError         **error)
{
  PGresult *result = run_query (reader, tables_query, "the list of tables", error);
  g_autoptr(GHashTable) bare_count = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) refused = NULL;
  guint n_refused = 0;
  int n;

  if (result == NULL)
    return FALSE;
  n = PQntuples (result);

  for (int i = 0; i < n; i++)
    {
      const char *name = PQgetvalue (result, i, 2);

      g_hash_table_insert (bare_count, (gpointer) name,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (bare_count, name)) + 1));
      if (PQgetvalue (result, i, 4)[0] != 't')
        {
          if (refused == NULL)
            refused = g_string_new (NULL);
          if (n_refused < 5)
            g_string_append_printf (refused, "%s\"%s\".\"%s\"", n_refused > 0 ? ", " : "",
                                    PQgetvalue (result, i, 1), name);
          n_refused++;
        }
    }

  if (refused != NULL)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_PERMISSION,
                   "permission denied: role \"%s\" may not read %s %s%s",
                   PQuser (reader->conn), n_refused == 1 ? "table" : "tables", refused->str,
                   n_refused > 5 ? " and more" : "");
      PQclear (result);
      return FALSE;
    }

  for (int i = 0; i < n; i++)
    {
      const char *nspname = PQgetvalue (result, i, 1);
      const char *relname = PQgetvalue (result, i, 2);
      g_autofree char *name = NULL;
      CardinalTable *table;
      TableInfo *info;

      /* A bare name is kept unless another chosen schema has it too. */
      if (GPOINTER_TO_UINT (g_hash_table_lookup (bare_count, relname)) > 1)
        {
          name = g_strdup_printf ("%s.%s", nspname, relname);
          cardinal_reflect_note (reader->notes, "table \"%s\" of schema \"%s\" is called \"%s\": "
                                 "another schema has a table \"%s\" too", relname, nspname, name, relname);
        }
      else
        name = g_strdup (relname);

      /* "a.b" could also be a real table's bare name. */
      if (g_hash_table_contains (names, name))
        {
          g_autofree char *base = g_steal_pointer (&name);

          for (guint k = 2; name == NULL || g_hash_table_contains (names, name); k++)
            {
              g_free (name);
              name = g_strdup_printf ("%s_%u", base, k);
            }
          cardinal_reflect_note (reader->notes, "table \"%s\" of schema \"%s\" is called \"%s\" to keep names apart",
                                 relname, nspname, name);
        }

      table = cardinal_table_new (name);
      g_free (table->comment);
      table->comment = g_strdup (PQgetvalue (result, i, 3));
      table->schema = schema_or_null (nspname);
      table->unlogged = PQgetvalue (result, i, 5)[0] == 'u';
      table->partition_by = g_strdup (value_or_null (result, i, 6));
      use_schema (reader, nspname);
      g_ptr_array_add (schema->tables, table);
      g_hash_table_add (names, table->name);

      info = g_new0 (TableInfo, 1);
      info->table = table;
      info->nspname = g_strdup (nspname);
      info->relname = g_strdup (relname);
      info->key = g_strdup_printf (KEY_CLASS ":%s", PQgetvalue (result, i, 0));
      g_ptr_array_add (reader->table_infos, info);
      g_hash_table_insert (reader->tables, g_strdup (PQgetvalue (result, i, 0)), info);
      /* Qualified too, so that a foreign key can find its table by schema and name. */
      g_hash_table_insert (reader->tables, g_strdup_printf ("%s\x1f%s", nspname, relname), info);
      g_hash_table_insert (reader->names, g_strdup (info->key), g_strdup (table->name));
    }

  PQclear (result);
  return TRUE;
}

/* A sequence's type from its OID: int2, int4, int8 are fixed. */
static const char *
sequence_type (const char *oid)
{
  if (strcmp (oid, "21") == 0)
    return "smallint";
  if (strcmp (oid, "23") == 0)
    return "integer";
  return "bigint";
}

/* seqtypid, start, increment, min, max, cache, cycle (from @fields) into @info. */
static void
read_sequence_options (SequenceInfo *info,
                       GStrv         fields)
{
  info->type = sequence_type (fields[0]);
  info->start = g_ascii_strtoll (fields[1], NULL, 10);
  info->increment = g_ascii_strtoll (fields[2], NULL, 10);
  info->min = g_ascii_strtoll (fields[3], NULL, 10);
  info->max = g_ascii_strtoll (fields[4], NULL, 10);
  info->cache = g_ascii_strtoll (fields[5], NULL, 10);
  info->cycle = fields[6][0] == 't';
}

/* The options of @info that are not what PostgreSQL would choose for a
 * sequence of @type given the others; FALSE when there are none. */
static gboolean
sequence_options (const SequenceInfo *info,
                  const char         *type,
                  CardinalSequence   *out)
{
  gint64 default_min, default_max;

  cardinal_reflect_sequence_bounds (type, info->increment, &default_min, &default_max);
  out->has_increment = info->increment != 1;
  out->increment = info->increment;
  out->has_min = info->min != default_min;
  out->min = info->min;
  out->has_max = info->max != default_max;
  out->max = info->max;
  /* START defaults to the minimum ascending, the maximum descending. */
  out->has_start = info->start != (info->increment > 0 ? info->min : info->max);
  out->start = info->start;
  out->has_cache = info->cache != 1;
  out->cache = info->cache;
  out->cycle = info->cycle;
  return out->has_increment || out->has_min || out->has_max || out->has_start || out->has_cache || out->cycle;
}

/* An identity's or serial's sequence as the column's options: NULL when
 * everything is the default, the name included (<table>_<column>_seq), and
 * the type (the column's). */
static CardinalSequence *
column_sequence (const SequenceInfo *info,
                 const TableInfo    *table,
                 const char         *column,
                 const char         *type)
{
  g_autoptr(CardinalSequence) sequence = cardinal_sequence_new (NULL);
  const char *columns[] = { column, NULL };
  /* PostgreSQL shortens a long <table>_<column>_seq the way it shortens constraint names. */
  g_autofree char *default_name = cardinal_identifier_postgresql_name (table->relname, columns, "seq");
  gboolean any = sequence_options (info, info->type, sequence);

  if (g_strcmp0 (info->type, type) != 0)
    {
      sequence->type = g_strdup (info->type);
      any = TRUE;
    }

  if (strcmp (info->relname, default_name) != 0)
    {
      sequence->name = g_strdup (info->relname);
      any = TRUE;
    }
  if (strcmp (info->nspname, table->nspname) != 0)
    {
      sequence->schema = g_strdup (info->nspname);
      any = TRUE;
    }
  return any ? g_steal_pointer (&sequence) : NULL;
}

/* The type text and catalogue type of each distinct format_type() text. */
typedef struct
{
  char *type;
  char *sql_type;  /* NULL when the catalogue spells it the same */
} SpelledType;

static void
spelled_type_free (SpelledType *spelled)
{
  g_free (spelled->type);
  g_free (spelled->sql_type);
  g_free (spelled);
}

/* The catalogue's PostgreSQL spelling as format_type () prints that type
 * ("varchar(20)" → "character varying(20)"), so that only a real difference
 * in type makes an sql_type. Newly allocated. */
static char *
format_type_spelling (const char *written)
{
  if (g_str_has_prefix (written, "varchar("))
    return g_strconcat ("character varying", written + strlen ("varchar"), NULL);
  if (g_str_equal (written, "timestamp"))
    return g_strdup ("timestamp without time zone");
  if (g_str_equal (written, "timestamptz"))
    return g_strdup ("timestamp with time zone");
  if (g_str_equal (written, "time"))
    return g_strdup ("time without time zone");
  return g_strdup (written);
}

static const SpelledType *
spell_type (GHashTable *cache,
            const char *db_type)
{
  SpelledType *spelled = g_hash_table_lookup (cache, db_type);

  if (spelled == NULL)
    {
      g_autofree char *written = NULL;

      spelled = g_new0 (SpelledType, 1);
      spelled->type = cardinal_reflect_map_type (db_type);
      {
        g_autofree char *catalogue = cardinal_type_to_sql (spelled->type, CARDINAL_DIALECT_POSTGRESQL);

        written = format_type_spelling (catalogue);
      }
      if (strcmp (written, db_type) != 0)
        spelled->sql_type = g_strdup (db_type);
      g_hash_table_insert (cache, g_strdup (db_type), spelled);
    }
  return spelled;
}

static gboolean
is_integer_type (const char *type)
{
  return g_strcmp0 (type, "integer") == 0 || g_strcmp0 (type, "bigint") == 0 || g_strcmp0 (type, "smallint") == 0;
}

/* Reads one name of a qualified name at *@p ("a", "\"A b\"") and moves past it. */
static char *
next_name_part (const char **p)
{
  GString *part = g_string_new (NULL);
  const char *s = *p;

  if (*s == '"')
    {
      for (s++; *s != '\0'; s++)
        {
          if (*s == '"' && s[1] == '"')
            g_string_append_c (part, *s++);
          else if (*s == '"')
            {
              s++;
              break;
            }
          else
            g_string_append_c (part, *s);
        }
    }
  else
    while (*s != '\0' && *s != '.')
      g_string_append_c (part, *s++);
  *p = s;
  return g_string_free (part, FALSE);
}

/* Whether @expression is nextval('…'::regclass) of sequence @info, as
 * pg_get_expr prints a serial's default: the name qualified or not, as the
 * search path sees it. */
static gboolean
is_nextval_of (const char         *expression,
               const SequenceInfo *info)
{
  g_autoptr(GString) literal = g_string_new (NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *p;
  const char *end;

  if (expression == NULL || !g_str_has_prefix (expression, "nextval('") || !g_str_has_suffix (expression, "'::regclass)"))
    return FALSE;
  end = expression + strlen (expression) - strlen ("'::regclass)");
  for (p = expression + strlen ("nextval('"); p < end; p++)
    {
      if (*p == '\'' && p[1] == '\'')
        p++;
      else if (*p == '\'')
        return FALSE;
      g_string_append_c (literal, *p);
    }
  p = literal->str;
  first = next_name_part (&p);
  if (*p == '.')
    {
      p++;
      second = next_name_part (&p);
    }
  if (*p != '\0')
    return FALSE;
  if (second == NULL)
    return strcmp (first, info->relname) == 0;
  return strcmp (first, info->nspname) == 0 && strcmp (second, info->relname) == 0;
}

static gboolean
read_columns (Reader  *reader,
              GError **error)
{
  PGresult *result = run_query (reader, columns_query, "the columns", error);
  g_autoptr(GHashTable) spelled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) spelled_type_free);
  int n;

  if (result == NULL)
    return FALSE;
  n = PQntuples (result);
  for (int i = 0; i < n; i++)
    {
      TableInfo *info = g_hash_table_lookup (reader->tables, PQgetvalue (result, i, 0));
      const char *db_type = PQgetvalue (result, i, 2);
      const char *expression = value_or_null (result, i, 4);
      char identity = PQgetvalue (result, i, 5)[0];
      gboolean generated = PQgetvalue (result, i, 6)[0] != '\0';
      const SpelledType *type;
      CardinalColumn *column;

      if (info == NULL)
        continue;
      type = spell_type (spelled, db_type);
      column = cardinal_column_new (PQgetvalue (result, i, 1), type->type);
      column->sql_type = g_strdup (type->sql_type);
      column->nullable = PQgetvalue (result, i, 3)[0] != 't';
      if (!PQgetisnull (result, i, 10))
        column->collation = g_strdup (g_hash_table_lookup (reader->collations, PQgetvalue (result, i, 10)));

      if (identity == 'a' || identity == 'd')
        {
          /* Its sequence's options come with the sequences. */
          column->autoincrement = TRUE;
          column->identity = identity == 'a' ? CARDINAL_IDENTITY_ALWAYS : CARDINAL_IDENTITY_BY_DEFAULT;
        }
      else if (generated)
        {
          column->generated = cardinal_reflect_strip_parentheses (expression != NULL ? expression : "");
          column->generated_stored = TRUE;
        }
      else
        /* 'x'::text on a text column is 'x': PostgreSQL adds that cast itself
         * when it stores the default, so the catalogue is the same either way,
         * and a model read from a .sql file or designed in Cardinal says 'x'. */
        column->default_value = cardinal_reflect_plain_default (expression, db_type);

      g_free (column->comment);
      column->comment = g_strdup (PQgetvalue (result, i, 7));

      {
        GPtrArray *columns = g_hash_table_lookup (reader->attnames, PQgetvalue (result, i, 0));
        guint attnum = (guint) g_ascii_strtoull (PQgetvalue (result, i, 9), NULL, 10);

        if (columns == NULL)
          {
            columns = g_ptr_array_new ();
            g_hash_table_insert (reader->attnames, g_strdup (PQgetvalue (result, i, 0)), columns);
          }
        if (columns->len <= attnum)
          g_ptr_array_set_size (columns, attnum + 1);
        columns->pdata[attnum] = column;
      }
    }
  PQclear (result);

  /* Each table's columns in attnum order, from the attnum index above. */
  for (guint t = 0; t < reader->table_infos->len; t++)
    {
      TableInfo *info = g_ptr_array_index (reader->table_infos, t);
      GPtrArray *columns = g_hash_table_lookup (reader->attnames, info->key + strlen (KEY_CLASS ":"));

      for (guint attnum = 0; columns != NULL && attnum < columns->len; attnum++)
        if (columns->pdata[attnum] != NULL)
          g_ptr_array_add (info->table->columns, columns->pdata[attnum]);
    }
  return TRUE;
}

static int
compare_sequences (gconstpointer a,
                   gconstpointer b)
{
  const SequenceInfo *sa = *(const SequenceInfo * const *) a;
  const SequenceInfo *sb = *(const SequenceInfo * const *) b;
  int order = strcmp (sa->nspname, sb->nspname);

  return order != 0 ? order : strcmp (sa->relname, sb->relname);
}

/* Sequences no identity or serial column stands for. */
static void
add_standalone_sequences (Reader         *reader,
                          CardinalSchema *schema)
{
  g_ptr_array_sort (reader->sequence_order, compare_sequences);
  for (guint i = 0; i < reader->sequence_order->len; i++)
    {
      SequenceInfo *info = g_ptr_array_index (reader->sequence_order, i);
      CardinalSequence *sequence;

      if (info->consumed || info->deptype == 'i')
        continue;
      sequence = cardinal_sequence_new (info->relname);
      sequence->schema = schema_or_null (info->nspname);
      if (strcmp (info->type, "bigint") != 0)
        sequence->type = g_strdup (info->type);
      sequence_options (info, info->type, sequence);
      if (info->deptype == 'a')
        {
          TableInfo *owner = g_hash_table_lookup (reader->tables, info->owner);

          const CardinalColumn *column = owner != NULL ? column_at (reader, info->owner, info->owner_attnum) : NULL;

          if (column != NULL)
            sequence->owned_by = g_strdup_printf ("%s.%s", owner->table->name, column->name);
          else
            cardinal_reflect_note (reader->notes, "sequence \"%s\": OWNED BY a column of a table that is not read "
                                   "is not kept", info->relname);
        }
      use_schema (reader, info->nspname);
      g_ptr_array_add (schema->sequences, sequence);
      g_hash_table_insert (reader->names, g_strdup (info->key),
                           sequence->schema != NULL ? g_strdup_printf ("%s.%s", sequence->schema, sequence->name)
                                                    : g_strdup (sequence->name));
    }
}

/* An object to place among the others once every object is read. */
static void
add_pending (Reader     *reader,
             const char *kind,
             const char *name,
             const char *sql,
             const char *key,
             GStrv       dependencies,
             gboolean    before_tables)
{
  PendingObject *pending = g_new0 (PendingObject, 1);

  pending->object = cardinal_sql_object_new (name, kind, CARDINAL_DIALECT_POSTGRESQL, sql);
  pending->object->before_tables = before_tables;
  pending->name = g_strdup (name);
  pending->key = g_strdup (key != NULL && key[0] != '\0' ? key : NULL);
  pending->dependencies = dependencies;
  g_ptr_array_add (reader->pending, pending);
}

static gboolean
read_constraints (Reader  *reader,
                  GError **error)
{
  PGresult *result = run_query (reader, constraints_query, "the constraints", error);
  int n;

  if (result == NULL)
    return FALSE;
  n = PQntuples (result);
  for (int i = 0; i < n; i++)
    {
      const char *oid = PQgetvalue (result, i, 0);
      TableInfo *info = g_hash_table_lookup (reader->tables, oid);
      CardinalTable *table;
      char type = PQgetvalue (result, i, 1)[0];
      const char *name = PQgetvalue (result, i, 2);
      /* A NOT VALID CHECK or FK never checked the rows already there; only
       * its own statement says so, and the statement is kept (after the tables). */
      gboolean keep_statement = type == 'x';
      gboolean deferrable = value_is_true (result, i, 13);
      gboolean deferred = value_is_true (result, i, 14);
      gboolean validated = value_is_true (result, i, 15);
      CardinalIndex *backing = g_hash_table_lookup (reader->backing, PQgetvalue (result, i, 17));
      g_autoptr(CardinalIndex) index = NULL;
      g_auto(GStrv) columns = column_names (reader, oid, PQgetvalue (result, i, 3));

      if (info == NULL)
        continue;
      table = info->table;
      /* The constraint's index is the constraint's, not one of the table's indexes. */
      if (backing != NULL && (type == 'p' || type == 'u' || type == 'x'))
        {
          g_hash_table_remove (reader->backing, PQgetvalue (result, i, 17));
          for (guint k = 0; k < table->indexes->len; k++)
            if (g_ptr_array_index (table->indexes, k) == backing)
              {
                index = g_ptr_array_steal_index (table->indexes, k);
                break;
              }
        }
      switch (type)
        {
        case 'p':
          g_strfreev (table->primary_key);
          table->primary_key = g_steal_pointer (&columns);
          g_free (table->primary_key_name);
          table->primary_key_name = g_strdup (name);
          if (deferrable)
            cardinal_reflect_note (reader->notes, "table \"%s\": primary key \"%s\" is DEFERRABLE, which is not kept",
                                   table->name, name);
          if (index != NULL && index->include != NULL)
            cardinal_reflect_note (reader->notes, "table \"%s\": the INCLUDE columns of primary key \"%s\" are not kept",
                                   table->name, name);
          break;
        case 'u':
          {
            CardinalUnique *unique = cardinal_unique_new ((const char * const *) columns);

            unique->name = g_strdup (name);
            unique->deferrable = deferrable;
            unique->initially_deferred = deferred;
            if (index != NULL)
              {
                unique->nulls_not_distinct = index->nulls_not_distinct;
                unique->include = g_steal_pointer (&index->include);
              }
            g_ptr_array_add (table->uniques, unique);
          }
          break;
        case 'c':
          if (!validated)
            {
              keep_statement = TRUE;
              break;
            }
          {
            g_autofree char *stripped = cardinal_reflect_strip_parentheses (PQgetvalue (result, i, 9));

            g_ptr_array_add (table->checks, cardinal_check_new (name, stripped));
            if (value_is_true (result, i, 16))
              cardinal_reflect_note (reader->notes, "table \"%s\": CHECK \"%s\" is NO INHERIT, which is not kept",
                                     table->name, name);
          }
          break;
        case 'f':
          if (!validated)
            {
              keep_statement = TRUE;
              break;
            }
          {
            g_autofree char *key = g_strdup_printf ("%s\x1f%s", PQgetvalue (result, i, 5), PQgetvalue (result, i, 6));
            const TableInfo *referenced = g_hash_table_lookup (reader->tables, key);
            CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);
            char match = PQgetvalue (result, i, 12)[0];

            fk->name = g_strdup (name);
            fk->columns = g_steal_pointer (&columns);
            fk->ref_columns = PQgetisnull (result, i, 10)
                              ? column_names (reader, PQgetvalue (result, i, 4), PQgetvalue (result, i, 7))
                              : parse_array (PQgetvalue (result, i, 10));
            fk->on_delete = action_from_code (PQgetvalue (result, i, 8)[0]);
            fk->on_update = action_from_code (PQgetvalue (result, i, 11)[0]);
            fk->match_full = match == 'f';
            fk->deferrable = deferrable;
            fk->initially_deferred = deferred;
            fk->ref_schema = schema_or_null (PQgetvalue (result, i, 5));
            if (match == 'p')
              cardinal_reflect_note (reader->notes, "table \"%s\": foreign key \"%s\" is MATCH PARTIAL; read as MATCH SIMPLE",
                                     table->name, name);

            if (referenced != NULL)
              fk->ref_table = g_strdup (referenced->table->name);
            else
              {
                /* ref_schema says where it is. */
                fk->ref_table = g_strdup (PQgetvalue (result, i, 6));
                cardinal_reflect_note (reader->notes, "table \"%s\": foreign key \"%s\" references \"%s.%s\", "
                                       "which is outside the chosen schemas", table->name, fk->name,
                                       PQgetvalue (result, i, 5), fk->ref_table);
              }
            g_ptr_array_add (table->foreign_keys, fk);
          }
          break;
        default:
          break;
        }

      if (keep_statement)
        {
          g_autofree char *object_name = g_strdup_printf ("%s on %s", name, table->name);
          g_autoptr(GString) sql = g_string_new ("ALTER TABLE ");
          char *dependencies[] = { info->key, NULL };

          g_string_append_printf (sql, "%s ADD CONSTRAINT ", PQgetvalue (result, i, 21));
          cardinal_identifier_append_quoted (sql, name);
          g_string_append_printf (sql, " %s", PQgetvalue (result, i, 20));
          add_pending (reader, "statement", object_name, sql->str, NULL, g_strdupv (dependencies), FALSE);
        }
    }
  PQclear (result);
  return TRUE;
}

static gboolean
read_indexes (Reader  *reader,
              GError **error)
{
  PGresult *result = run_query (reader, indexes_query, "the indexes", error);
  int n;

  if (result == NULL)
    return FALSE;
  n = PQntuples (result);
  for (int i = 0; i < n; i++)
    {
      const char *oid = PQgetvalue (result, i, 0);
      TableInfo *info = g_hash_table_lookup (reader->tables, oid);
      guint n_keys = (guint) g_ascii_strtoull (PQgetvalue (result, i, 4), NULL, 10);
      const char *method = PQgetvalue (result, i, 5);
      g_autoptr(GArray) attnums = NULL;
      g_autoptr(GArray) options = NULL;
      g_autoptr(GArray) classes = NULL;
      g_autoptr(GArray) collations = NULL;
      g_auto(GStrv) expressions = NULL;
      g_autoptr(GPtrArray) columns = NULL;
      g_autoptr(GPtrArray) keys = NULL;
      gboolean plain = TRUE;
      CardinalIndex *index;

      if (info == NULL)
        continue;
      attnums = parse_numbers (PQgetvalue (result, i, 3));
      options = parse_numbers (PQgetvalue (result, i, 6));
      classes = parse_numbers (PQgetvalue (result, i, 7));
      collations = parse_numbers (PQgetvalue (result, i, 8));
      expressions = parse_array (value_or_null (result, i, 10));
      columns = g_ptr_array_new_with_free_func (g_free);
      keys = cardinal_index_key_array_new ();

      for (guint k = 0; k < n_keys && k < attnums->len; k++)
        {
          guint64 attnum = g_array_index (attnums, guint64, k);
          const CardinalColumn *column = attnum != 0 ? column_at (reader, oid, attnum) : NULL;
          CardinalIndexKey *key = g_new0 (CardinalIndexKey, 1);
          guint64 option = k < options->len ? g_array_index (options, guint64, k) : 0;

          if (column != NULL)
            key->column = g_strdup (column->name);
          else
            key->expression = g_strdup (expressions != NULL && k < g_strv_length (expressions) ? expressions[k] : "");
          g_ptr_array_add (columns, g_strdup (column != NULL ? column->name : ""));

          if (k < classes->len)
            {
              g_autofree char *class_oid = g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (classes, guint64, k));

              key->opclass = g_strdup (g_hash_table_lookup (reader->opclasses, class_oid));
            }
          if (k < collations->len && g_array_index (collations, guint64, k) != 0)
            {
              g_autofree char *collation_oid = g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (collations, guint64, k));
              const char *collation = g_hash_table_lookup (reader->collations, collation_oid);
              const char *natural = column != NULL && column->collation != NULL ? column->collation : "default";

              if (collation != NULL && strcmp (collation, natural) != 0)
                key->collation = g_strdup (collation);
            }
          /* indoption: bit 0 DESC, bit 1 NULLS FIRST; each order has its own default. */
          key->descending = (option & 1) != 0;
          if (key->descending && (option & 2) == 0)
            key->nulls = CARDINAL_NULLS_LAST;
          else if (!key->descending && (option & 2) != 0)
            key->nulls = CARDINAL_NULLS_FIRST;
          if (key->column == NULL || key->collation != NULL || key->opclass != NULL || key->descending
              || key->nulls != CARDINAL_NULLS_DEFAULT)
            plain = FALSE;
          g_ptr_array_add (keys, key);
        }
      g_ptr_array_add (columns, NULL);

      index = cardinal_index_new (PQgetvalue (result, i, 1), (const char * const *) columns->pdata, value_is_true (result, i, 2));
      if (!plain)
        index->keys = g_steal_pointer (&keys);
      if (strcmp (method, "btree") != 0)
        index->method = g_strdup (method);
      index->where = g_strdup (value_or_null (result, i, 9));
      index->nulls_not_distinct = value_is_true (result, i, 11);
      {
        g_auto(GStrv) include = column_names_range (reader, oid, PQgetvalue (result, i, 3), n_keys, G_MAXUINT);

        if (include[0] != NULL)
          index->include = g_steal_pointer (&include);
      }
      g_ptr_array_add (info->table->indexes, index);
      if (value_is_true (result, i, 13))
        g_hash_table_insert (reader->backing, g_strdup (PQgetvalue (result, i, 12)), index);
    }
  PQclear (result);
  return TRUE;
}

/* "CHECK ((VALUE > 0)) NOT VALID" → "VALUE > 0", as a table's CHECK reads. */
static char *
check_expression (const char *definition)
{
  g_autofree char *body = NULL;
  g_autofree char *inner = NULL;
  gsize length;

  if (g_str_has_prefix (definition, "CHECK "))
    definition += strlen ("CHECK ");
  body = g_strdup (definition);
  length = strlen (body);
  if (g_str_has_suffix (body, " NOT VALID"))
    body[length -= strlen (" NOT VALID")] = '\0';
  if (g_str_has_suffix (body, " NO INHERIT"))
    body[length -= strlen (" NO INHERIT")] = '\0';
  inner = cardinal_reflect_strip_parentheses (body);
  return cardinal_reflect_strip_parentheses (inner);
}

static gboolean
read_types (Reader          *reader,
            CardinalSchema  *schema,
            GError         **error)
{
  PGresult *result = run_query (reader, types_query, "the types", error);

  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      gboolean is_enum = PQgetvalue (result, i, 3)[0] == 'e';
      CardinalUserType *type = cardinal_user_type_new (PQgetvalue (result, i, 2),
                                                       is_enum ? CARDINAL_USER_TYPE_ENUM : CARDINAL_USER_TYPE_DOMAIN);
      g_autofree char *key = g_strdup_printf (KEY_TYPE ":%s", PQgetvalue (result, i, 0));

      type->schema = schema_or_null (PQgetvalue (result, i, 1));
      if (is_enum)
        {
          g_strfreev (type->values);
          type->values = parse_array (PQgetvalue (result, i, 4));
        }
      else
        {
          g_auto(GStrv) names = parse_array (PQgetvalue (result, i, 10));
          g_auto(GStrv) definitions = parse_array (PQgetvalue (result, i, 11));

          type->base = g_strdup (PQgetvalue (result, i, 5));
          type->nullable = !value_is_true (result, i, 6);
          type->default_value = g_strdup (value_or_null (result, i, 7));
          type->collation = g_strdup (value_or_null (result, i, 8));
          for (guint k = 0; names[k] != NULL && definitions[k] != NULL; k++)
            {
              g_autofree char *expression = check_expression (definitions[k]);

              g_ptr_array_add (type->checks, cardinal_check_new (names[k], expression));
              if (strstr (definitions[k], " NOT VALID") != NULL)
                cardinal_reflect_note (reader->notes, "domain \"%s\": CHECK \"%s\" is NOT VALID; read as a valid CHECK",
                                       type->name, names[k]);
            }
        }
      g_free (type->comment);
      type->comment = g_strdup (PQgetvalue (result, i, 9));
      use_schema (reader, PQgetvalue (result, i, 1));
      g_hash_table_insert (reader->names, g_steal_pointer (&key),
                           type->schema != NULL ? g_strdup_printf ("%s.%s", type->schema, type->name)
                                                : g_strdup (type->name));
      g_ptr_array_add (schema->types, type);
    }
  PQclear (result);
  return TRUE;
}

static gboolean
read_extensions (Reader          *reader,
                 CardinalSchema  *schema,
                 GError         **error)
{
  PGresult *result = run_query (reader, extensions_query, "the extensions", error);

  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      CardinalExtension *extension = g_new0 (CardinalExtension, 1);

      extension->name = g_strdup (PQgetvalue (result, i, 0));
      extension->schema = schema_or_null (PQgetvalue (result, i, 1));
      use_schema (reader, PQgetvalue (result, i, 1));
      g_ptr_array_add (schema->extensions, extension);
    }
  PQclear (result);
  return TRUE;
}

/* "CREATE VIEW name WITH (options) AS … WITH CHECK OPTION" from a view's
 * definition and reloptions, where check_option is the CHECK OPTION. */
static char *
view_sql (const char *sql_name,
          const char *definition,
          const char *reloptions)
{
  g_auto(GStrv) options = parse_array (reloptions);
  g_autoptr(GString) sql = g_string_new ("CREATE VIEW ");
  g_autoptr(GString) with = g_string_new (NULL);
  g_autofree char *body = without_semicolon (definition);
  const char *check = NULL;

  g_string_append (sql, sql_name);
  for (guint i = 0; options[i] != NULL; i++)
    {
      if (g_str_has_prefix (options[i], "check_option="))
        check = options[i] + strlen ("check_option=");
      else
        g_string_append_printf (with, "%s%s", with->len > 0 ? ", " : "", options[i]);
    }
  if (with->len > 0)
    g_string_append_printf (sql, " WITH (%s)", with->str);
  g_string_append_printf (sql, " AS%s%s", g_ascii_isspace (body[0]) ? "" : " ", body);
  if (check != NULL)
    g_string_append_printf (sql, " WITH %s CHECK OPTION", g_ascii_strcasecmp (check, "local") == 0 ? "LOCAL" : "CASCADED");
  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* A sequence, with the column that owns it ("table oid:attnum:deptype"). */
static void
read_sequence_row (Reader   *reader,
                   PGresult *result,
                   int       row)
{
  const char *key = PQgetvalue (result, row, 3);
  const char *owner = value_or_null (result, row, 7);
  g_auto(GStrv) fields = parse_array (PQgetvalue (result, row, 2));
  SequenceInfo *info;

  if (g_strv_length (fields) != 7)
    return;
  info = g_new0 (SequenceInfo, 1);
  read_sequence_options (info, fields);
  info->nspname = g_strdup (PQgetvalue (result, row, 6));
  info->relname = g_strdup (PQgetvalue (result, row, 1));
  info->key = g_strdup (key);
  if (owner != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (owner, ":", 3);

      if (g_strv_length (parts) == 3)
        {
          info->owner = g_strdup (parts[0]);
          info->owner_attnum = g_ascii_strtoull (parts[1], NULL, 10);
          info->deptype = parts[2][0];
        }
    }
  g_hash_table_insert (reader->sequences, g_strdup (key), info);
  g_ptr_array_add (reader->sequence_order, info);
}

/* Identity columns get their sequence's options; a column that owns a
 * sequence (dependency 'a') and has nextval() of it as its default is a
 * serial, its sequence no longer a standalone one. */
static void
resolve_owned_sequences (Reader *reader)
{
  for (guint i = 0; i < reader->sequence_order->len; i++)
    {
      SequenceInfo *info = g_ptr_array_index (reader->sequence_order, i);
      TableInfo *table = info->owner != NULL ? g_hash_table_lookup (reader->tables, info->owner) : NULL;
      CardinalColumn *column = table != NULL ? column_at (reader, info->owner, info->owner_attnum) : NULL;

      if (column == NULL)
        continue;
      if (info->deptype == 'i' && column->autoincrement)
        {
          info->consumed = TRUE;
          g_clear_pointer (&column->sequence, cardinal_sequence_free);
          column->sequence = column_sequence (info, table, column->name, column->type);
        }
      else if (info->deptype == 'a' && !column->autoincrement && column->generated == NULL
               && is_integer_type (column->type) && is_nextval_of (column->default_value, info))
        {
          info->consumed = TRUE;
          column->autoincrement = TRUE;
          column->identity = CARDINAL_IDENTITY_SERIAL;
          g_clear_pointer (&column->default_value, g_free);
          column->sequence = column_sequence (info, table, column->name, column->type);
        }
    }
}

static gboolean
read_objects (Reader  *reader,
              GError **error)
{
  PGresult *result = run_query (reader, objects_query, "the views, functions and other objects", error);

  if (result == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (result); i++)
    {
      const char *kind = PQgetvalue (result, i, 0);
      const char *name = PQgetvalue (result, i, 1);
      const char *body = PQgetvalue (result, i, 2);
      g_autofree char *sql = NULL;

      if (strcmp (kind, "note") == 0)
        {
          cardinal_reflect_note (reader->notes, "%s", body);
          continue;
        }
      if (strcmp (kind, "sequence") == 0)
        {
          read_sequence_row (reader, result, i);
          continue;
        }
      if (strcmp (kind, "view") == 0)
        sql = view_sql (PQgetvalue (result, i, 8), body, value_or_null (result, i, 7));
      else if (strcmp (kind, "materialized-view") == 0)
        {
          g_autofree char *definition = without_semicolon (body);

          sql = g_strdup_printf ("CREATE MATERIALIZED VIEW %s AS%s%s WITH %sDATA", PQgetvalue (result, i, 8),
                                 g_ascii_isspace (definition[0]) ? "" : " ", definition,
                                 value_is_true (result, i, 7) ? "" : "NO ");
        }
      else
        sql = without_semicolon (body);
      use_schema (reader, PQgetvalue (result, i, 6));
      add_pending (reader, kind, name, sql, PQgetvalue (result, i, 3), parse_array (value_or_null (result, i, 4)),
                   value_is_true (result, i, 5));
    }
  PQclear (result);
  return TRUE;
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const PendingObject *pa = *(const PendingObject * const *) a;
  const PendingObject *pb = *(const PendingObject * const *) b;

  return strcmp (pa->name, pb->name);
}

/* For the tree of objects ready to go: by name, equal names apart. */
static int
compare_ready (gconstpointer a,
               gconstpointer b)
{
  const PendingObject *pa = a;
  const PendingObject *pb = b;
  int order = strcmp (pa->name, pb->name);

  if (order != 0)
    return order;
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

/* Objects in an order that loads: each after what it depends on (pg_depend),
 * ties by name; depends_on set to the names of those tables, types,
 * sequences and objects. */
static void
place_objects (Reader         *reader,
               CardinalSchema *schema)
{
  GPtrArray *pending = reader->pending;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *waiting = g_new0 (guint, pending->len + 1);
  g_autoptr(GPtrArray) dependents = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GTree) ready = g_tree_new ((GCompareFunc) compare_ready);
  g_autofree gboolean *placed = g_new0 (gboolean, pending->len + 1);
  guint n_placed = 0;

  g_ptr_array_sort (pending, compare_pending);
  for (guint i = 0; i < pending->len; i++)
    {
      PendingObject *object = g_ptr_array_index (pending, i);

      if (object->key != NULL)
        {
          g_hash_table_insert (by_key, object->key, GUINT_TO_POINTER (i + 1));
          g_hash_table_insert (reader->names, g_strdup (object->key), g_strdup (object->name));
        }
      g_ptr_array_add (dependents, g_array_new (FALSE, FALSE, sizeof (guint)));
    }

  for (guint i = 0; i < pending->len; i++)
    {
      PendingObject *object = g_ptr_array_index (pending, i);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      for (guint k = 0; object->dependencies != NULL && object->dependencies[k] != NULL; k++)
        {
          const char *dependency = object->dependencies[k];
          guint other = GPOINTER_TO_UINT (g_hash_table_lookup (by_key, dependency));
          const char *name = g_hash_table_lookup (reader->names, dependency);

          if (g_strcmp0 (dependency, object->key) == 0 || name == NULL)
            continue;
          if (!g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL))
            g_ptr_array_add (names, (gpointer) name);
          if (other != 0)
            {
              guint self = i;

              g_array_append_val (g_ptr_array_index (dependents, other - 1), self);
              waiting[i]++;
            }
        }
      if (names->len > 0)
        {
          g_ptr_array_add (names, NULL);
          object->object->depends_on = g_strdupv ((GStrv) names->pdata);
        }
    }

  /* Kahn's order, the smallest name first among those that may go. */
  for (guint i = 0; i < pending->len; i++)
    if (waiting[i] == 0)
      g_tree_insert (ready, g_ptr_array_index (pending, i), GUINT_TO_POINTER (i + 1));
  while (n_placed < pending->len)
    {
      GTreeNode *first = g_tree_node_first (ready);
      guint index;

      if (first == NULL)
        {
          /* A cycle pg_depend knows of: the rest by name. */
          for (guint i = 0; i < pending->len; i++)
            if (!placed[i])
              {
                PendingObject *object = g_ptr_array_index (pending, i);

                cardinal_reflect_note (reader->notes, "%s \"%s\" is part of a dependency cycle; kept in name order",
                                       object->object->kind, object->name);
                g_ptr_array_add (schema->objects, g_steal_pointer (&object->object));
                placed[i] = TRUE;
                n_placed++;
              }
          break;
        }
      index = GPOINTER_TO_UINT (g_tree_node_value (first)) - 1;
      g_tree_remove (ready, g_tree_node_key (first));
      placed[index] = TRUE;
      n_placed++;
      g_ptr_array_add (schema->objects, g_steal_pointer (&((PendingObject *) g_ptr_array_index (pending, index))->object));
      {
        GArray *after = g_ptr_array_index (dependents, index);

        for (guint k = 0; k < after->len; k++)
          {
            guint other = g_array_index (after, guint, k);

            if (--waiting[other] == 0 && !placed[other])
              g_tree_insert (ready, g_ptr_array_index (pending, other), GUINT_TO_POINTER (other + 1));
          }
      }
    }
}

/* The text[] literal for $1: every name double-quoted, so any name is safe. */
static char *
schemas_literal (const char * const *schemas)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; schemas[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '"');
      for (const char *p = schemas[i]; *p != '\0'; p++)
        {
          if (*p == '"' || *p == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

CardinalSchema *
cardinal_reflect_postgresql_internal (const char          *conninfo,
                                      const char * const  *schemas,
                                      const char          *password,
                                      GPtrArray           *notes,
                                      GCancellable        *cancellable,
                                      GError             **error)
{
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) table_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) table_info_free);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) attnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) sequences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) sequence_info_free);
  g_autoptr(GPtrArray) sequence_order = g_ptr_array_new ();
  g_autoptr(GHashTable) backing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) opclasses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) collations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) object_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) used_schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_object_free);
  g_autofree char *schemas_param = NULL;
  Reader reader = { 0 };
  CardinalPgCanceller *canceller;
  PGresult *result;
  gboolean ok;

  if (!cardinal_reflect_check_cancelled (cancellable, error))
    return NULL;

  reader.notes = notes;
  reader.tables = tables;
  reader.table_infos = table_infos;
  reader.attnames = attnames;
  reader.sequences = sequences;
  reader.sequence_order = sequence_order;
  reader.backing = backing;
  reader.opclasses = opclasses;
  reader.collations = collations;
  reader.names = object_names;
  reader.used_schemas = used_schemas;
  reader.pending = pending;
  reader.cancellable = cancellable;

  /* The password goes to libpq only; with NULL libpq uses PGPASSWORD or ~/.pgpass. */
  reader.conn = cardinal_pg_connect (conninfo, password, &local_error);
  if (reader.conn == NULL)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR,
                   g_error_matches (local_error, CARDINAL_PG_ERROR, CARDINAL_PG_ERROR_AUTH)
                   ? CARDINAL_REFLECT_ERROR_AUTH : CARDINAL_REFLECT_ERROR_CONNECT,
                   "cannot connect to PostgreSQL: %s", local_error->message);
      return NULL;
    }
  reader.nulls_not_distinct = PQserverVersion (reader.conn) >= 150000;

  canceller = cardinal_pg_cancel_on (reader.conn, cancellable);

  if (schemas != NULL && schemas[0] != NULL)
    schemas_param = schemas_literal (schemas);
  reader.schemas_param = schemas_param;

  schema = cardinal_schema_new (PQdb (reader.conn));
  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;

  /* One snapshot for all the queries, so that they agree with each other. */
  result = PQexec (reader.conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok)
    {
      g_autofree char *message = libpq_message (PQerrorMessage (reader.conn));

      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CONNECT,
                   "PostgreSQL refused a read-only transaction: %s", message);
    }
  PQclear (result);

  ok = ok && read_tables (&reader, schema, names, error);
  if (ok && schema->tables->len == 0)
    {
      if (schemas_param != NULL)
        {
          g_autofree char *list = g_strjoinv (", ", (char **) schemas);

          g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY,
                       "database \"%s\" has no tables in schema %s", PQdb (reader.conn), list);
        }
      else
        g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY,
                     "database \"%s\" has no tables", PQdb (reader.conn));
      ok = FALSE;
    }
  ok = ok && read_lookups (&reader, error);
  ok = ok && read_columns (&reader, error);
  ok = ok && read_indexes (&reader, error);
  ok = ok && read_constraints (&reader, error);
  ok = ok && read_types (&reader, schema, error);
  ok = ok && read_extensions (&reader, schema, error);
  ok = ok && read_objects (&reader, error);

  cardinal_pg_canceller_free (canceller);
  /* Read only: ending the session ends the transaction. */
  PQfinish (reader.conn);

  if (!ok)
    return NULL;

  resolve_owned_sequences (&reader);
  add_standalone_sequences (&reader, schema);
  place_objects (&reader, schema);
  {
    GHashTableIter iter;
    gpointer name;

    g_hash_table_iter_init (&iter, used_schemas);
    while (g_hash_table_iter_next (&iter, &name, NULL))
      g_ptr_array_add (schema->schemas, g_strdup (name));
    g_ptr_array_sort (schema->schemas, compare_strings);
  }
  cardinal_reflect_finish_schema (schema);
  return g_steal_pointer (&schema);
}
