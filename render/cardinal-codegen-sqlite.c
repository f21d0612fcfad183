/* cardinal-codegen-sqlite.c: the sqlite3 backend of the C code generator (statements, binding, reading rows). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-codegen-private.h"

static void
emit_bind (GString     *c,
           guint        index,
           const Value *v)
{
  g_autofree char *call = NULL;
  g_autofree char *null_test = NULL;

  switch (v->ctype)
    {
    case CTYPE_INT:
      call = g_strdup_printf ("sqlite3_bind_int64 (stmt, %u, (sqlite3_int64) %s)", index, v->expr);
      break;
    case CTYPE_BOOL:
      call = g_strdup_printf ("sqlite3_bind_int (stmt, %u, %s ? 1 : 0)", index, v->expr);
      break;
    case CTYPE_DOUBLE:
      call = g_strdup_printf ("sqlite3_bind_double (stmt, %u, %s)", index, v->expr);
      break;
    case CTYPE_BYTES:
      /* A zero-length blob needs a non-NULL pointer; NULL means SQL NULL. */
      call = g_strdup_printf ("sqlite3_bind_blob64 (stmt, %u, %s != NULL ? (const void *) %s : (const void *) \"\", "
                              "(sqlite3_uint64) %s, SQLITE_TRANSIENT)", index, v->expr, v->expr, v->len_expr);
      null_test = g_strdup_printf ("%s == NULL", v->expr);
      break;
    case CTYPE_TEXT:
    default:
      call = g_strdup_printf ("sqlite3_bind_text (stmt, %u, %s, -1, SQLITE_TRANSIENT)", index, v->expr);
      null_test = g_strdup_printf ("%s == NULL", v->expr);
      break;
    }
  if (v->null_expr != NULL)
    {
      g_free (null_test);
      null_test = cardinal_codegen_ctype_is_pointer (v->ctype)
                  ? g_strdup_printf ("%s || %s == NULL", v->null_expr, v->expr)
                  : g_strdup (v->null_expr);
    }

  g_string_append (c, "  if (rc == SQLITE_OK)\n");
  if (null_test != NULL)
    g_string_append_printf (c, "    rc = (%s) ? sqlite3_bind_null (stmt, %u)\n         : %s;\n",
                            null_test, index, call);
  else
    g_string_append_printf (c, "    rc = %s;\n", call);
}

static void
emit_body (Gen          *gen,
           const char   *sql,
           const Value  *values,
           guint         n_values,
           ResultKind    kind,
           const Table  *t)
{
  GString *c = gen->c;
  gboolean join = cardinal_codegen_sql_needs_join (sql);
  guint i;

  gen->used_prepare = TRUE;
  gen->used_status = TRUE;
  if (join)
    cardinal_codegen_emit_sql_parts (gen, sql);
  g_string_append (c, "  sqlite3_stmt *stmt = NULL;\n  int rc;\n\n");
  if (kind == RESULT_ONE)
    g_string_append (c, "  *out = NULL;\n");
  else if (kind == RESULT_ALL)
    g_string_append (c, "  out->items = NULL;\n  out->len = 0;\n");
  if (join)
    {
      cardinal_codegen_emit_sql_join (gen, sql);
      g_string_append_printf (c, "  rc = %s (db, sql_text, &stmt);\n  free (sql_text);\n", gen->fn_prepare);
    }
  else
    {
      g_string_append_printf (c, "  rc = %s (db, ", gen->fn_prepare);
      cardinal_codegen_append_c_string (c, sql);
      g_string_append (c, ", &stmt);\n");
    }
  for (i = 0; i < n_values; i++)
    emit_bind (c, i + 1, &values[i]);
  g_string_append_printf (c, "  if (rc != SQLITE_OK)\n    {\n      sqlite3_finalize (stmt);\n"
                             "      return %s (rc);\n    }\n", gen->fn_status);
  switch (kind)
    {
    case RESULT_EXEC:
    case RESULT_EXEC_CHANGED:
      gen->used_exec = TRUE;
      g_string_append_printf (c, "  return %s (db, stmt, %s);\n", gen->fn_exec,
                              kind == RESULT_EXEC_CHANGED ? "true" : "false");
      break;
    case RESULT_ONE:
      g_string_append_printf (c, "  return %s (stmt, out, NULL);\n", t->fn_fetch);
      break;
    case RESULT_ALL:
      g_string_append_printf (c, "  return %s (stmt, NULL, out);\n", t->fn_fetch);
      break;
    case RESULT_KEYS:
    default:
      g_string_append_printf (c, "  return %s (stmt, row);\n", t->fn_keys);
      break;
    }
}

static void
emit_model_helpers (Gen     *gen,
                    GString *c)
{
  /* SQLite reads a double-quoted name that matches no column as a string
   * literal, so a wrong name would quietly become a value; every
   * statement here is prepared with that fallback off. */
  if (gen->used_prepare)
    g_string_append_printf (c, "\nstatic int\n%s (sqlite3 *db, const char *sql, sqlite3_stmt **stmt)\n{\n"
                               "#ifdef SQLITE_DBCONFIG_DQS_DML\n"
                               "  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DML, 0, (int *) NULL);\n"
                               "  sqlite3_db_config (db, SQLITE_DBCONFIG_DQS_DDL, 0, (int *) NULL);\n"
                               "#endif\n"
                               "  return sqlite3_prepare_v2 (db, sql, -1, stmt, NULL);\n}\n",
                            gen->fn_prepare);
  if (gen->used_status)
    g_string_append_printf (c, "\nstatic %s\n%s (int rc)\n{\n"
                               "  if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)\n    return %s;\n"
                               "  if ((rc & 0xff) == SQLITE_CONSTRAINT)\n    return %s;\n"
                               "  return %s;\n}\n",
                            gen->type_status, gen->fn_status, gen->st_ok, gen->st_constraint, gen->st_error);
  if (gen->used_exec)
    g_string_append_printf (c, "\nstatic %s\n%s (%s *db, sqlite3_stmt *stmt, bool must_change)\n{\n"
                               "  int rc;\n\n"
                               "  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)\n    ;\n"
                               "  sqlite3_finalize (stmt);\n"
                               "  if (rc != SQLITE_DONE)\n    return %s (rc);\n"
                               "  if (must_change && sqlite3_changes (db) == 0)\n    return %s;\n"
                               "  return %s;\n}\n",
                            gen->type_status, gen->fn_exec, gen->type_db, gen->fn_status,
                            gen->st_not_found, gen->st_ok);
}

static void
emit_read_head (Gen         *gen,
                const Table *t)
{
  g_string_append_printf (gen->c, "\nstatic %s\n%s (sqlite3_stmt *stmt, %s *row)\n{\n",
                          gen->type_status, t->fn_read, t->type);
}

static char *
null_test (const char *index)
{
  return g_strdup_printf ("sqlite3_column_type (stmt, %s) == SQLITE_NULL", index);
}

static void
emit_read_value (Gen         *gen,
                 const Field *f,
                 const char  *index,
                 const char  *is_null)
{
  GString *c = gen->c;

  switch (f->ctype)
    {
    case CTYPE_INT:
      g_string_append_printf (c, "  row->%s = (int64_t) sqlite3_column_int64 (stmt, %s);\n", f->member, index);
      break;
    case CTYPE_BOOL:
      g_string_append_printf (c, "  row->%s = sqlite3_column_int (stmt, %s) != 0;\n", f->member, index);
      break;
    case CTYPE_DOUBLE:
      g_string_append_printf (c, "  row->%s = sqlite3_column_double (stmt, %s);\n", f->member, index);
      break;
    case CTYPE_BYTES:
      g_string_append_printf (c, "      const void *data = sqlite3_column_blob (stmt, %s);\n"
                                 "      size_t len = (size_t) sqlite3_column_bytes (stmt, %s);\n\n"
                                 "      row->%s = %s (data, len);\n      row->%s = len;\n",
                              index, index, f->member, gen->fn_dup, f->len_member);
      break;
    case CTYPE_TEXT:
    default:
      g_string_append_printf (c, "      const unsigned char *text = sqlite3_column_text (stmt, %s);\n\n"
                                 "      row->%s = %s (text, (size_t) sqlite3_column_bytes (stmt, %s));\n",
                              index, f->member, gen->fn_dup, index);
      break;
    }
}

static void
emit_fetch (Gen         *gen,
            const Table *t)
{
  g_string_append_printf (gen->c, "\nstatic %s\n%s (sqlite3_stmt *stmt, %s **one, %s *all)\n{\n"
                                  "  %s status = %s;\n  size_t capacity = 0;\n  int rc;\n\n"
                                  "  while (status == %s && (rc = sqlite3_step (stmt)) == SQLITE_ROW)\n    {\n"
                                  "      %s *row;\n\n"
                                  "      if (one != NULL)\n        {\n"
                                  "          if ((*one = calloc (1, sizeof **one)) == NULL)\n            status = %s;\n"
                                  "          else if ((status = %s (stmt, *one)) != %s)\n"
                                  "            {\n              %s (*one);\n              *one = NULL;\n            }\n"
                                  "          sqlite3_finalize (stmt);\n          return status;\n        }\n"
                                  "      if (all->len == capacity)\n        {\n"
                                  "          size_t grown = capacity == 0 ? 8 : capacity * 2;\n"
                                  "          %s *items = realloc (all->items, grown * sizeof *items);\n\n"
                                  "          if (items == NULL)\n            {\n              status = %s;\n              break;\n            }\n"
                                  "          all->items = items;\n          capacity = grown;\n        }\n"
                                  "      row = &all->items[all->len++];\n"
                                  "      memset (row, 0, sizeof *row);\n"
                                  "      status = %s (stmt, row);\n    }\n"
                                  "  if (status == %s && rc != SQLITE_DONE)\n    status = %s (rc);\n"
                                  "  else if (status == %s && one != NULL)\n    status = %s;\n"
                                  "  sqlite3_finalize (stmt);\n"
                                  "  if (status != %s && all != NULL)\n    %s (all);\n"
                                  "  return status;\n}\n",
                          gen->type_status, t->fn_fetch, t->type, t->list_type,
                          gen->type_status, gen->st_ok,
                          gen->st_ok, t->type, gen->st_error, t->fn_read, gen->st_ok, t->fn_free,
                          t->type, gen->st_error, t->fn_read,
                          gen->st_ok, gen->fn_status, gen->st_ok, gen->st_not_found,
                          gen->st_ok, t->fn_list_clear);
}

static void
emit_keys (Gen         *gen,
           const Table *t)
{
  GString *c = gen->c;
  guint i, k;

  g_string_append_printf (c, "\nstatic %s\n%s (sqlite3_stmt *stmt, %s *row)\n{\n"
                             "  %s status = %s;\n  int rc = sqlite3_step (stmt);\n\n"
                             "  if (rc == SQLITE_ROW)\n    {\n",
                          gen->type_status, t->fn_keys, t->type, gen->type_status, gen->st_ok);
  for (i = 0, k = 0; i < t->fields->len; i++)
    {
      const Field *f = g_ptr_array_index (t->fields, i);

      if (!f->generated)
        continue;
      if (f->ctype == CTYPE_INT)
        g_string_append_printf (c, "      row->%s = (int64_t) sqlite3_column_int64 (stmt, %u);\n",
                                f->member, k);
      if (f->null_member != NULL)
        g_string_append_printf (c, "      row->%s = false;\n", f->null_member);
      k++;
    }
  g_string_append_printf (c, "      rc = sqlite3_step (stmt);\n    }\n"
                             "  if (rc != SQLITE_DONE)\n    status = %s (rc);\n"
                             "  sqlite3_finalize (stmt);\n  return status;\n}\n",
                          gen->fn_status);
}

const CardinalCodegenBackendOps cardinal_codegen_sqlite_ops = {
  .title = "SQLite (sqlite3)",
  .include = "sqlite3.h",
  .connection_type = "sqlite3",
  .connection_phrase = "a `sqlite3`",
  .errmsg_function = "sqlite3_errmsg",
  .pkg_config = "sqlite3",
  .readme_note = "SQLite enforces foreign keys only when the connection runs "
                 "`PRAGMA foreign_keys = ON;` — do that right after opening it.\n\n",
  .param_marker = '?',
  .schema_qualified = FALSE,
  .cast_defaulted = FALSE,
  .null_negative_limit = FALSE,
  .emit_model_helpers = emit_model_helpers,
  .emit_read_head = emit_read_head,
  .null_test = null_test,
  .emit_read_value = emit_read_value,
  .emit_fetch = emit_fetch,
  .emit_keys = emit_keys,
  .emit_body = emit_body,
};
