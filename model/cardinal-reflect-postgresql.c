/* cardinal-reflect-postgresql.c: a live PostgreSQL database's schema, read from pg_catalog with four bulk queries through libpq. */
#include "cardinal-reflect-private.h"

#include <string.h>

#include <libpq-fe.h>

/* The tables to read, shared by every query: $1 is the chosen schemas as a
 * text[] (NULL: every schema that is not PostgreSQL's own). Tables that
 * belong to an extension and partitions (their parent stands for them) are
 * left out. */
#define CHOSEN_TABLES \
  "WITH chosen AS (" \
  " SELECT c.oid, n.nspname, c.relname, n.oid AS nspoid FROM pg_catalog.pg_class c" \
  " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" \
  " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition" \
  " AND (($1::text[] IS NULL AND n.nspname <> 'information_schema'" \
  "       AND n.nspname NOT LIKE 'pg\\_%')" \
  "      OR n.nspname = ANY ($1::text[]))" \
  " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e" \
  "   WHERE e.classid = 'pg_catalog.pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')) "

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
  " has_schema_privilege(t.nspoid, 'USAGE') AND has_table_privilege(t.oid, 'SELECT')"
  " FROM chosen t";

/* A serial column is one with a default whose sequence it owns (dependency
 * type 'a'); identity columns have attidentity instead. format_type() is
 * asked once per distinct type rather than once per column, and a default
 * is printed without its relation (a default cannot name a column; only a
 * generated column's expression can): both were most of the query's time. */
static const char columns_query[] =
  CHOSEN_TABLES
  ", cols AS (SELECT a.attrelid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.atthasdef,"
  "   a.attidentity, a.attgenerated FROM pg_catalog.pg_attribute a JOIN chosen t ON t.oid = a.attrelid"
  "   WHERE a.attnum > 0 AND NOT a.attisdropped),"
  " spelled AS (SELECT atttypid, atttypmod, pg_catalog.format_type(atttypid, atttypmod) AS name"
  "   FROM (SELECT DISTINCT atttypid, atttypmod FROM cols) types) "
  "SELECT a.attrelid, a.attname, s.name, a.attnotnull,"
  " CASE WHEN a.atthasdef THEN (SELECT pg_catalog.pg_get_expr(ad.adbin,"
  "   CASE WHEN a.attgenerated = '' THEN 0 ELSE ad.adrelid END) FROM pg_catalog.pg_attrdef ad"
  "   WHERE ad.adrelid = a.attrelid AND ad.adnum = a.attnum) END,"
  " a.attidentity, a.attgenerated,"
  " coalesce((SELECT d.description FROM pg_catalog.pg_description d WHERE d.objoid = a.attrelid"
  "   AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum), ''),"
  " a.atthasdef AND EXISTS (SELECT 1 FROM pg_catalog.pg_depend dep"
  "   JOIN pg_catalog.pg_class seq ON seq.oid = dep.objid AND seq.relkind = 'S'"
  "   WHERE dep.refclassid = 'pg_catalog.pg_class'::regclass AND dep.refobjid = a.attrelid"
  "   AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_catalog.pg_class'::regclass AND dep.deptype = 'a'),"
  " a.attnum"
  " FROM cols a JOIN spelled s ON s.atttypid = a.atttypid AND s.atttypmod = a.atttypmod"
  " ORDER BY a.attrelid, a.attnum";

/* Key columns come as attribute numbers, named from the columns already
 * read: a per-row subquery for names costs more than the rest of the
 * query. Only a foreign key to a table outside the chosen ones gets the
 * referenced names from the server. */
static const char constraints_query[] =
  CHOSEN_TABLES
  "SELECT con.conrelid, con.contype, con.conname, con.conkey::text,"
  " con.confrelid, rn.nspname, rc.relname, con.confkey::text, con.confdeltype,"
  " CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid) END,"
  " CASE WHEN con.contype = 'f' AND con.confrelid NOT IN (SELECT oid FROM chosen) THEN"
  "  array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, o)"
  "   JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] END"
  " FROM pg_catalog.pg_constraint con JOIN chosen t ON t.oid = con.conrelid"
  " LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid"
  " LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace"
  " WHERE con.contype IN ('p', 'u', 'f', 'c')"
  " ORDER BY con.conrelid, con.oid";

/* Indexes that back a constraint are the constraint's business. indkey
 * holds the key columns first, then any INCLUDE columns. */
static const char indexes_query[] =
  CHOSEN_TABLES
  "SELECT i.indrelid, ic.relname, i.indisunique, i.indexprs IS NOT NULL, i.indpred IS NOT NULL,"
  " i.indkey::text, i.indnkeyatts"
  " FROM pg_catalog.pg_index i JOIN chosen t ON t.oid = i.indrelid"
  " JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid"
  " WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint c"
  "   WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x'))"
  " ORDER BY i.indrelid, ic.relname";

typedef struct
{
  PGconn       *conn;
  GPtrArray    *notes;
  const char   *schemas_param;  /* text[] literal or NULL */
  GHashTable   *tables;         /* oid text → CardinalTable (borrowed) */
  GHashTable   *attnames;       /* table oid text → GPtrArray: attnum → column name (borrowed) */
  GCancellable *cancellable;
} Reader;

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
  PGresult *result;

  if (!cardinal_reflect_check_cancelled (reader->cancellable, error))
    return NULL;

  result = PQexecParams (reader->conn, sql, 1, NULL, params, NULL, NULL, 0);
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

/* "{a,\"b c\"}" (PostgreSQL's text form of an array) → its elements. */
static GStrv
parse_array (const char *text)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;

  if (*p != '{')
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

/* "{1,3}" or "1 3" (attribute numbers, as int2[] or int2vector print) →
 * the names of those columns of table @oid; at most @limit of them. */
static GStrv
column_names (Reader     *reader,
              const char *oid,
              const char *numbers,
              guint       limit)
{
  GPtrArray *names = g_hash_table_lookup (reader->attnames, oid);
  GPtrArray *out = g_ptr_array_new ();
  const char *p = numbers;

  while (*p != '\0' && out->len < limit)
    {
      char *end = NULL;
      guint64 attnum;

      if (!g_ascii_isdigit (*p))
        {
          p++;
          continue;
        }
      attnum = g_ascii_strtoull (p, &end, 10);
      p = end;
      if (names != NULL && attnum < names->len && names->pdata[attnum] != NULL)
        g_ptr_array_add (out, g_strdup (names->pdata[attnum]));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}

static CardinalOnDelete
on_delete_from_code (Reader     *reader,
                     const char *table,
                     char        code)
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
      cardinal_reflect_note (reader->notes, "table \"%s\": ON DELETE SET DEFAULT read as NO ACTION", table);
      return CARDINAL_ON_DELETE_NO_ACTION;
    case 'a':
    default:
      return CARDINAL_ON_DELETE_NO_ACTION;
    }
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
      g_ptr_array_add (schema->tables, table);
      g_hash_table_add (names, table->name);
      g_hash_table_insert (reader->tables, g_strdup (PQgetvalue (result, i, 0)), table);
      /* Qualified too, so that a foreign key can find its table by schema and name. */
      g_hash_table_insert (reader->tables, g_strdup_printf ("%s\x1f%s", nspname, relname), table);
    }

  PQclear (result);
  return TRUE;
}

static gboolean
read_columns (Reader  *reader,
              GError **error)
{
  PGresult *result = run_query (reader, columns_query, "the columns", error);
  int n;

  if (result == NULL)
    return FALSE;
  n = PQntuples (result);
  for (int i = 0; i < n; i++)
    {
      CardinalTable *table = g_hash_table_lookup (reader->tables, PQgetvalue (result, i, 0));
      const char *db_type = PQgetvalue (result, i, 2);
      g_autofree char *type = NULL;
      CardinalColumn *column;
      gboolean identity = PQgetvalue (result, i, 5)[0] != '\0';
      gboolean generated = PQgetvalue (result, i, 6)[0] != '\0';
      gboolean serial = PQgetvalue (result, i, 8)[0] == 't';

      if (table == NULL)
        continue;
      type = cardinal_reflect_map_type (db_type);
      column = cardinal_column_new (PQgetvalue (result, i, 1), type);
      column->nullable = PQgetvalue (result, i, 3)[0] != 't';
      column->autoincrement = identity || serial;
      if (!PQgetisnull (result, i, 4) && !serial)
        {
          if (generated)
            cardinal_reflect_note (reader->notes, "table \"%s\": column \"%s\" is generated (%s); read as a plain column",
                                   table->name, column->name, PQgetvalue (result, i, 4));
          else
            column->default_value = cardinal_reflect_plain_default (PQgetvalue (result, i, 4), db_type);
        }
      g_free (column->comment);
      column->comment = g_strdup (PQgetvalue (result, i, 7));
      g_ptr_array_add (table->columns, column);

      {
        GPtrArray *names = g_hash_table_lookup (reader->attnames, PQgetvalue (result, i, 0));
        guint attnum = (guint) g_ascii_strtoull (PQgetvalue (result, i, 9), NULL, 10);

        if (names == NULL)
          {
            names = g_ptr_array_new ();
            g_hash_table_insert (reader->attnames, g_strdup (PQgetvalue (result, i, 0)), names);
          }
        if (names->len <= attnum)
          g_ptr_array_set_size (names, attnum + 1);
        names->pdata[attnum] = column->name;
      }
    }
  PQclear (result);
  return TRUE;
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
      CardinalTable *table = g_hash_table_lookup (reader->tables, PQgetvalue (result, i, 0));
      char type = PQgetvalue (result, i, 1)[0];
      g_auto(GStrv) columns = column_names (reader, PQgetvalue (result, i, 0), PQgetvalue (result, i, 3), G_MAXUINT);

      if (table == NULL)
        continue;
      switch (type)
        {
        case 'p':
          g_strfreev (table->primary_key);
          table->primary_key = g_steal_pointer (&columns);
          break;
        case 'u':
          g_ptr_array_add (table->uniques, cardinal_unique_new ((const char * const *) columns));
          break;
        case 'c':
          {
            g_autofree char *stripped = cardinal_reflect_strip_parentheses (PQgetvalue (result, i, 9));

            g_ptr_array_add (table->checks, cardinal_check_new (NULL, stripped));
          }
          break;
        case 'f':
          {
            g_autofree char *key = g_strdup_printf ("%s\x1f%s", PQgetvalue (result, i, 5),
                                                    PQgetvalue (result, i, 6));
            const CardinalTable *referenced = g_hash_table_lookup (reader->tables, key);
            CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);

            fk->name = g_strdup (PQgetvalue (result, i, 2));
            fk->columns = g_steal_pointer (&columns);
            fk->ref_columns = PQgetisnull (result, i, 10)
                              ? column_names (reader, PQgetvalue (result, i, 4), PQgetvalue (result, i, 7), G_MAXUINT)
                              : parse_array (PQgetvalue (result, i, 10));
            fk->on_delete = on_delete_from_code (reader, table->name, PQgetvalue (result, i, 8)[0]);
            if (referenced != NULL)
              fk->ref_table = g_strdup (referenced->name);
            else
              {
                fk->ref_table = g_strdup_printf ("%s.%s", PQgetvalue (result, i, 5), PQgetvalue (result, i, 6));
                cardinal_reflect_note (reader->notes, "table \"%s\": foreign key \"%s\" references \"%s\", "
                                       "which is outside the chosen schemas", table->name, fk->name, fk->ref_table);
              }
            g_ptr_array_add (table->foreign_keys, fk);
          }
          break;
        default:
          break;
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
      CardinalTable *table = g_hash_table_lookup (reader->tables, PQgetvalue (result, i, 0));
      const char *name = PQgetvalue (result, i, 1);
      CardinalIndex *index;

      if (table == NULL)
        continue;
      if (PQgetvalue (result, i, 3)[0] == 't')
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": index \"%s\" on an expression skipped", table->name, name);
          continue;
        }
      if (PQgetvalue (result, i, 4)[0] == 't')
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": partial index \"%s\" skipped (its WHERE has no place in the model)",
                                 table->name, name);
          continue;
        }
      index = g_new0 (CardinalIndex, 1);
      index->name = g_strdup (name);
      index->unique = PQgetvalue (result, i, 2)[0] == 't';
      index->columns = column_names (reader, PQgetvalue (result, i, 0), PQgetvalue (result, i, 5),
                                     (guint) g_ascii_strtoull (PQgetvalue (result, i, 6), NULL, 10));
      g_ptr_array_add (table->indexes, index);
    }
  PQclear (result);
  return TRUE;
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

static void
cancel_query (GCancellable *cancellable,
              PGcancel     *cancel)
{
  char message[256];

  /* Thread-safe by libpq's design: it opens its own connection. */
  PQcancel (cancel, message, sizeof message);
}

static gboolean
is_auth_failure (PGconn     *conn,
                 const char *message)
{
  return PQconnectionNeedsPassword (conn) || strstr (message, "authentication failed") != NULL
         || strstr (message, "no password supplied") != NULL
         || (strstr (message, "role \"") != NULL && strstr (message, "does not exist") != NULL);
}

CardinalSchema *
cardinal_reflect_postgresql_internal (const char          *conninfo,
                                      const char * const  *schemas,
                                      const char          *password,
                                      GPtrArray           *notes,
                                      GCancellable        *cancellable,
                                      GError             **error)
{
  const char *keywords[] = { "dbname", "password", "fallback_application_name", NULL };
  const char *values[] = { conninfo, password, "cardinal", NULL };
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) attnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autofree char *schemas_param = NULL;
  Reader reader = { NULL, notes, NULL, tables, attnames, cancellable };
  PGcancel *cancel = NULL;
  gulong handler = 0;
  PGresult *result;
  gboolean ok;

  if (!cardinal_reflect_check_cancelled (cancellable, error))
    return NULL;

  /* The password goes to libpq only; with NULL libpq uses PGPASSWORD or ~/.pgpass. */
  if (password == NULL)
    {
      keywords[1] = "fallback_application_name";
      values[1] = "cardinal";
      keywords[2] = NULL;
      values[2] = NULL;
    }
  reader.conn = PQconnectdbParams (keywords, values, 1);
  if (reader.conn == NULL || PQstatus (reader.conn) != CONNECTION_OK)
    {
      g_autofree char *message = libpq_message (reader.conn != NULL ? PQerrorMessage (reader.conn) : "out of memory");

      g_set_error (error, CARDINAL_REFLECT_ERROR,
                   reader.conn != NULL && is_auth_failure (reader.conn, message)
                   ? CARDINAL_REFLECT_ERROR_AUTH : CARDINAL_REFLECT_ERROR_CONNECT,
                   "cannot connect to PostgreSQL: %s", message);
      PQfinish (reader.conn);
      return NULL;
    }

  if (cancellable != NULL)
    {
      cancel = PQgetCancel (reader.conn);
      if (cancel != NULL)
        handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_query), cancel, NULL);
    }

  if (schemas != NULL && schemas[0] != NULL)
    schemas_param = schemas_literal (schemas);
  reader.schemas_param = schemas_param;

  schema = cardinal_schema_new (PQdb (reader.conn));

  /* One snapshot for all four queries, so that they agree with each other. */
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
  ok = ok && read_columns (&reader, error);
  ok = ok && read_constraints (&reader, error);
  ok = ok && read_indexes (&reader, error);

  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);
  if (cancel != NULL)
    PQfreeCancel (cancel);
  /* Read only: ending the session ends the transaction. */
  PQfinish (reader.conn);

  if (!ok)
    return NULL;
  cardinal_reflect_finish_schema (schema);
  return g_steal_pointer (&schema);
}
