/* cardinal-codegen-libpq.c: the libpq backend of the C code generator (statements, parameters, reading rows). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-codegen-private.h"

/* values[@index - 1] as text (numbers printed into numbers[]), NULL for SQL NULL. */
static void
emit_value (GString     *c,
            guint        index,
            const Value *v,
            guint       *n_numbers)
{
  g_autofree char *null_test = v->null_expr != NULL ? g_strdup (v->null_expr) : NULL;
  guint i = index - 1;

  switch (v->ctype)
    {
    case CTYPE_INT:
      g_string_append_printf (c, "  snprintf (numbers[%u], sizeof numbers[%u], \"%%lld\", (long long) (%s));\n",
                              *n_numbers, *n_numbers, v->expr);
      g_string_append_printf (c, "  values[%u] = %s%s%snumbers[%u];\n", i,
                              null_test ? "(" : "", null_test ? null_test : "", null_test ? ") ? NULL : " : "",
                              *n_numbers);
      (*n_numbers)++;
      break;
    case CTYPE_DOUBLE:
      g_string_append_printf (c, "  snprintf (numbers[%u], sizeof numbers[%u], \"%%.17g\", %s);\n",
                              *n_numbers, *n_numbers, v->expr);
      g_string_append_printf (c, "  values[%u] = %s%s%snumbers[%u];\n", i,
                              null_test ? "(" : "", null_test ? null_test : "", null_test ? ") ? NULL : " : "",
                              *n_numbers);
      (*n_numbers)++;
      break;
    case CTYPE_BOOL:
      g_string_append_printf (c, "  values[%u] = %s%s%s(%s ? \"true\" : \"false\");\n", i,
                              null_test ? "(" : "", null_test ? null_test : "", null_test ? ") ? NULL : " : "",
                              v->expr);
      break;
    case CTYPE_BYTES:
      g_string_append_printf (c, "  values[%u] = %s%s%s(%s != NULL ? (const char *) %s : \"\");\n", i,
                              null_test ? "(" : "", null_test ? null_test : "", null_test ? ") ? NULL : " : "",
                              v->expr, v->expr);
      g_string_append_printf (c, "  if (%s == NULL)\n    values[%u] = NULL;\n", v->expr, i);
      g_string_append_printf (c, "  lengths[%u] = (int) %s;\n  formats[%u] = 1;\n", i, v->len_expr, i);
      break;
    case CTYPE_TEXT:
    default:
      g_string_append_printf (c, "  values[%u] = %s%s%s%s;\n", i,
                              null_test ? "(" : "", null_test ? null_test : "", null_test ? ") ? NULL : " : "",
                              v->expr);
      break;
    }
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
  guint n_numbers = 0;
  guint i;

  for (i = 0; i < n_values; i++)
    if (values[i].ctype == CTYPE_INT || values[i].ctype == CTYPE_DOUBLE)
      n_numbers++;
  if (n_values > 0)
    g_string_append_printf (c, "  const char *values[%u];\n  int lengths[%u] = { 0 };\n"
                               "  int formats[%u] = { 0 };\n", n_values, n_values, n_values);
  if (n_numbers > 0)
    g_string_append_printf (c, "  char numbers[%u][32];\n", n_numbers);
  if (join)
    cardinal_codegen_emit_sql_parts (gen, sql);
  g_string_append (c, "  PGresult *res;\n\n");
  if (kind == RESULT_ONE)
    g_string_append (c, "  *out = NULL;\n");
  else if (kind == RESULT_ALL)
    g_string_append (c, "  out->items = NULL;\n  out->len = 0;\n");
  n_numbers = 0;
  for (i = 0; i < n_values; i++)
    emit_value (c, i + 1, &values[i], &n_numbers);
  if (join)
    cardinal_codegen_emit_sql_join (gen, sql);
  g_string_append (c, "  res = PQexecParams (db, ");
  if (join)
    g_string_append (c, "sql_text");
  else
    cardinal_codegen_append_c_string (c, sql);
  if (n_values > 0)
    g_string_append_printf (c, ", %u, NULL, values, lengths, formats, 0);\n", n_values);
  else
    g_string_append (c, ", 0, NULL, NULL, NULL, NULL, 0);\n");
  if (join)
    g_string_append (c, "  free (sql_text);\n");
  switch (kind)
    {
    case RESULT_EXEC:
    case RESULT_EXEC_CHANGED:
      gen->used_exec = TRUE;
      g_string_append_printf (c, "  return %s (res, %s);\n", gen->fn_exec,
                              kind == RESULT_EXEC_CHANGED ? "true" : "false");
      break;
    case RESULT_ONE:
      g_string_append_printf (c, "  return %s (res, out, NULL);\n", t->fn_fetch);
      break;
    case RESULT_ALL:
      g_string_append_printf (c, "  return %s (res, NULL, out);\n", t->fn_fetch);
      break;
    case RESULT_KEYS:
    default:
      g_string_append_printf (c, "  return %s (res, row);\n", t->fn_keys);
      break;
    }
}

static void
emit_model_helpers (Gen     *gen,
                    GString *c)
{
  if (gen->used_status)
    g_string_append_printf (c, "\nstatic %s\n%s (const PGresult *res)\n{\n"
                               "  const char *state;\n\n"
                               "  if (res == NULL)\n    return %s;\n"
                               "  if (PQresultStatus (res) == PGRES_COMMAND_OK || PQresultStatus (res) == PGRES_TUPLES_OK)\n"
                               "    return %s;\n"
                               "  /* Class 23 is integrity constraint violation. */\n"
                               "  state = PQresultErrorField (res, PG_DIAG_SQLSTATE);\n"
                               "  if (state != NULL && state[0] == '2' && state[1] == '3')\n    return %s;\n"
                               "  return %s;\n}\n",
                            gen->type_status, gen->fn_status, gen->st_error, gen->st_ok,
                            gen->st_constraint, gen->st_error);
  if (gen->used_exec)
    g_string_append_printf (c, "\nstatic %s\n%s (PGresult *res, bool must_change)\n{\n"
                               "  %s status = %s (res);\n\n"
                               "  if (status == %s && must_change && strcmp (PQcmdTuples (res), \"0\") == 0)\n"
                               "    status = %s;\n"
                               "  PQclear (res);\n  return status;\n}\n",
                            gen->type_status, gen->fn_exec, gen->type_status, gen->fn_status,
                            gen->st_ok, gen->st_not_found);
}

static void
emit_read_head (Gen         *gen,
                const Table *t)
{
  g_string_append_printf (gen->c, "\nstatic %s\n%s (const PGresult *res, int r, %s *row)\n{\n",
                          gen->type_status, t->fn_read, t->type);
}

static char *
null_test (const char *index)
{
  return g_strdup_printf ("PQgetisnull (res, r, %s)", index);
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
      g_string_append_printf (c, "  row->%s = %s ? 0 : (int64_t) strtoll (PQgetvalue (res, r, %s), NULL, 10);\n",
                              f->member, is_null, index);
      break;
    case CTYPE_BOOL:
      g_string_append_printf (c, "  row->%s = !%s && PQgetvalue (res, r, %s)[0] == 't';\n",
                              f->member, is_null, index);
      break;
    case CTYPE_DOUBLE:
      g_string_append_printf (c, "  row->%s = %s ? 0.0 : strtod (PQgetvalue (res, r, %s), NULL);\n",
                              f->member, is_null, index);
      break;
    case CTYPE_BYTES:
      g_string_append_printf (c, "      size_t len = 0;\n"
                                 "      unsigned char *raw = PQunescapeBytea ((const unsigned char *) PQgetvalue (res, r, %s), &len);\n\n"
                                 "      if (raw == NULL)\n        return %s;\n"
                                 "      row->%s = %s (raw, len);\n      row->%s = len;\n      PQfreemem (raw);\n",
                              index, gen->st_error, f->member, gen->fn_dup, f->len_member);
      break;
    case CTYPE_TEXT:
    default:
      g_string_append_printf (c, "      row->%s = %s (PQgetvalue (res, r, %s), (size_t) PQgetlength (res, r, %s));\n",
                              f->member, gen->fn_dup, index, index);
      break;
    }
}

static void
emit_fetch (Gen         *gen,
            const Table *t)
{
  g_string_append_printf (gen->c, "\nstatic %s\n%s (PGresult *res, %s **one, %s *all)\n{\n"
                                  "  %s status = %s (res);\n  int n, r;\n\n"
                                  "  if (status != %s)\n    {\n      PQclear (res);\n      return status;\n    }\n"
                                  "  n = PQntuples (res);\n"
                                  "  if (one != NULL)\n    {\n"
                                  "      if (n == 0)\n        status = %s;\n"
                                  "      else if ((*one = calloc (1, sizeof **one)) == NULL)\n        status = %s;\n"
                                  "      else if ((status = %s (res, 0, *one)) != %s)\n"
                                  "        {\n          %s (*one);\n          *one = NULL;\n        }\n"
                                  "      PQclear (res);\n      return status;\n    }\n"
                                  "  if (n > 0 && (all->items = calloc ((size_t) n, sizeof *all->items)) == NULL)\n"
                                  "    status = %s;\n"
                                  "  for (r = 0; status == %s && r < n; r++)\n    {\n"
                                  "      all->len++;\n"
                                  "      status = %s (res, r, &all->items[r]);\n    }\n"
                                  "  if (status != %s)\n    %s (all);\n"
                                  "  PQclear (res);\n  return status;\n}\n",
                          gen->type_status, t->fn_fetch, t->type, t->list_type,
                          gen->type_status, gen->fn_status, gen->st_ok,
                          gen->st_not_found, gen->st_error, t->fn_read, gen->st_ok, t->fn_free,
                          gen->st_error, gen->st_ok, t->fn_read, gen->st_ok, t->fn_list_clear);
}

static void
emit_keys (Gen         *gen,
           const Table *t)
{
  GString *c = gen->c;
  guint i, k;

  g_string_append_printf (c, "\nstatic %s\n%s (PGresult *res, %s *row)\n{\n"
                             "  %s status = %s (res);\n  const int r = 0;\n\n"
                             "  if (status == %s && PQntuples (res) != 1)\n    status = %s;\n"
                             "  if (status == %s)\n    {\n",
                          gen->type_status, t->fn_keys, t->type, gen->type_status, gen->fn_status,
                          gen->st_ok, gen->st_error, gen->st_ok);
  for (i = 0, k = 0; i < t->fields->len; i++)
    {
      const Field *f = g_ptr_array_index (t->fields, i);

      if (!f->generated)
        continue;
      if (f->ctype == CTYPE_INT)
        g_string_append_printf (c, "      row->%s = (int64_t) strtoll (PQgetvalue (res, r, %u), NULL, 10);\n",
                                f->member, k);
      if (f->null_member != NULL)
        g_string_append_printf (c, "      row->%s = false;\n", f->null_member);
      k++;
    }
  g_string_append (c, "    }\n  PQclear (res);\n  return status;\n}\n");
}

const CardinalCodegenBackendOps cardinal_codegen_libpq_ops = {
  .title = "PostgreSQL (libpq)",
  .include = "libpq-fe.h",
  .connection_type = "PGconn",
  .connection_phrase = "a `PGconn`",
  .errmsg_function = "PQerrorMessage",
  .pkg_config = "libpq",
  .readme_note = NULL,
  .param_marker = '$',
  .schema_qualified = TRUE,
  .cast_defaulted = TRUE,
  .null_negative_limit = TRUE,
  .emit_model_helpers = emit_model_helpers,
  .emit_read_head = emit_read_head,
  .null_test = null_test,
  .emit_read_value = emit_read_value,
  .emit_fetch = emit_fetch,
  .emit_keys = emit_keys,
  .emit_body = emit_body,
};
