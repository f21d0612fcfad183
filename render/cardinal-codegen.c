/* cardinal-codegen.c: writes C model code (structs, CRUD, navigation) for sqlite3 or libpq from the engineered tables. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-codegen-private.h"
#include "cardinal-enum.h"
#include "cardinal-model-enums.h"

#include <string.h>

#include "cardinal-config.h"
#include "cardinal-engineer.h"
#include "cardinal-file.h"
#include "cardinal-identifier.h"
#include "cardinal-physical.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"

G_DEFINE_QUARK (cardinal-codegen-error-quark, cardinal_codegen_error)

gboolean
cardinal_codegen_dialect_from_string (const char      *str,
                                      CardinalDialect *dialect)
{
  int value;

  g_return_val_if_fail (str != NULL, FALSE);

  if (cardinal_enum_from_nick (CARDINAL_TYPE_DIALECT, str, TRUE, &value))
    *dialect = (CardinalDialect) value;
  /* The library names and the usual short forms name a dialect too. */
  else if (g_ascii_strcasecmp (str, "sqlite3") == 0)
    *dialect = CARDINAL_DIALECT_SQLITE;
  else if (g_ascii_strcasecmp (str, "postgres") == 0 || g_ascii_strcasecmp (str, "pg") == 0
           || g_ascii_strcasecmp (str, "libpq") == 0)
    *dialect = CARDINAL_DIALECT_POSTGRESQL;
  else
    return FALSE;
  return TRUE;
}


static void
value_clear (Value *value)
{
  g_clear_pointer (&value->expr, g_free);
  g_clear_pointer (&value->null_expr, g_free);
  g_clear_pointer (&value->len_expr, g_free);
}

static void
field_free (Field *field)
{
  g_free (field);
}

static void
table_free (Table *table)
{
  g_clear_pointer (&table->by_column, g_hash_table_unref);
  g_clear_pointer (&table->fields, g_ptr_array_unref);
  g_clear_pointer (&table->pk, g_ptr_array_unref);
  g_clear_pointer (&table->members, cardinal_codegen_names_free);
  g_free (table);
}

static CType
ctype_of (const CardinalColumn *column)
{
  CardinalType type;

  if (column->type == NULL || !cardinal_type_parse (column->type, &type, NULL))
    return CTYPE_TEXT;
  switch (type.base)
    {
    case CARDINAL_TYPE_INTEGER:
    case CARDINAL_TYPE_BIGINT:
    case CARDINAL_TYPE_SMALLINT:
      return CTYPE_INT;
    case CARDINAL_TYPE_BOOLEAN:
      return CTYPE_BOOL;
    case CARDINAL_TYPE_REAL:
    case CARDINAL_TYPE_DOUBLE:
      return CTYPE_DOUBLE;
    case CARDINAL_TYPE_BYTES:
      return CTYPE_BYTES;
    case CARDINAL_TYPE_RAW:
    case CARDINAL_TYPE_TEXT:
    case CARDINAL_TYPE_VARCHAR:
    case CARDINAL_TYPE_NUMERIC:
    case CARDINAL_TYPE_DATE:
    case CARDINAL_TYPE_TIME:
    case CARDINAL_TYPE_TIMESTAMP:
    case CARDINAL_TYPE_TIMESTAMPTZ:
    case CARDINAL_TYPE_UUID:
    case CARDINAL_TYPE_JSON:
    default:
      return CTYPE_TEXT;
    }
}

gboolean
cardinal_codegen_ctype_is_pointer (CType ctype)
{
  return ctype == CTYPE_TEXT || ctype == CTYPE_BYTES;
}

static const char *
ctype_member (CType ctype)
{
  switch (ctype)
    {
    case CTYPE_INT:
      return "int64_t ";
    case CTYPE_BOOL:
      return "bool ";
    case CTYPE_DOUBLE:
      return "double ";
    case CTYPE_BYTES:
      return "unsigned char *";
    case CTYPE_TEXT:
    default:
      return "char *";
    }
}

static const char *
ctype_param (CType ctype)
{
  switch (ctype)
    {
    case CTYPE_INT:
      return "int64_t ";
    case CTYPE_BOOL:
      return "bool ";
    case CTYPE_DOUBLE:
      return "double ";
    case CTYPE_BYTES:
      return "const unsigned char *";
    case CTYPE_TEXT:
    default:
      return "const char *";
    }
}

void
cardinal_codegen_append_comment_text (GString    *out,
                                      const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r' || *p == '\t')
        g_string_append_c (out, ' ');
      else if (*p == '*' && p[1] == '/')
        g_string_append (out, "* ");
      else if (*p == '/' && p[1] == '*')
        g_string_append (out, "/ ");
      else if (*p == '\\' && (p[1] == '\0' || p[1] == '\n'))
        g_string_append (out, "\\ ");  /* a line splice would swallow the next line */
      else
        g_string_append_c (out, *p);
    }
}

/* Longest piece of one string literal in the source, in source bytes; the
 * pieces are adjacent literals (or elements of an array), so lines stay short. */
#define PIECE_BYTES 500
/* C11 (5.2.4.1) promises 4095 characters in one string literal after
 * concatenation, and -pedantic holds the generated code to that: longer SQL
 * is kept as an array of pieces that the code joins at run time. */
#define LITERAL_LIMIT 4000

/* C string literals of at most PIECE_BYTES source bytes each, separated by
 * @separator; a piece ends only between two characters of @text, so never
 * inside an escape or a UTF-8 sequence. UTF-8 bytes pass through, which C11
 * compilers take. */
static void
append_c_string_pieces (GString    *out,
                        const char *text,
                        const char *separator)
{
  const char *p;
  gsize piece_start;

  g_string_append_c (out, '"');
  piece_start = out->len;
  for (p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      /* A new piece before a character that starts a UTF-8 sequence (or is ASCII). */
      if (out->len - piece_start >= PIECE_BYTES - 8 && (c & 0xc0) != 0x80)
        {
          g_string_append_printf (out, "\"%s\"", separator);
          piece_start = out->len;
        }

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c == '?' && p[1] == '?')
        g_string_append (out, "\\?");   /* no trigraphs */
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\%03o", (guint) c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
cardinal_codegen_append_c_string (GString    *out,
                                  const char *text)
{
  append_c_string_pieces (out, text, "\n    ");
}

gboolean
cardinal_codegen_sql_needs_join (const char *sql)
{
  return strlen (sql) > LITERAL_LIMIT;
}

void
cardinal_codegen_emit_sql_parts (Gen        *gen,
                                 const char *sql)
{
  g_autoptr(GString) pieces = g_string_new (NULL);
  guint n = 1;
  const char *p;

  append_c_string_pieces (pieces, sql, ",\n    ");
  /* Count the pieces: every separator is `",` at the end of a line. */
  for (p = pieces->str; (p = strstr (p, "\",\n    \"")) != NULL; p++)
    n++;
  g_string_append_printf (gen->c, "  static const char *const sql_parts[%u] = {\n    %s\n  };\n  char *sql_text;\n",
                          n, pieces->str);
  gen->used_join = TRUE;
}

void
cardinal_codegen_emit_sql_join (Gen        *gen,
                                const char *sql)
{
  const char *p;
  guint n = 1;
  g_autoptr(GString) pieces = g_string_new (NULL);

  append_c_string_pieces (pieces, sql, ",\n    ");
  for (p = pieces->str; (p = strstr (p, "\",\n    \"")) != NULL; p++)
    n++;
  g_string_append_printf (gen->c, "  sql_text = %s (sql_parts, %u);\n  if (sql_text == NULL)\n    return %s;\n",
                          gen->fn_join, n, gen->st_error);
}

static void
append_param_ref (Gen     *gen,
                  GString *sql,
                  guint    n)
{
  g_string_append_printf (sql, "%c%u", gen->ops->param_marker, n);
}

static Field *
table_field (const Table *table,
             const char  *column)
{
  return g_hash_table_lookup (table->by_column, column);
}

static Table *
gen_table (Gen        *gen,
           const char *name)
{
  return g_hash_table_lookup (gen->by_name, name);
}

static void
value_from_field (Value       *value,
                  const Field *field,
                  const char  *row)
{
  value->ctype = field->ctype;
  value->expr = g_strdup_printf ("%s->%s", row, field->member);
  value->null_expr = field->null_member != NULL ? g_strdup_printf ("%s->%s", row, field->null_member) : NULL;
  value->len_expr = field->len_member != NULL ? g_strdup_printf ("%s->%s", row, field->len_member) : NULL;
}

static void
value_from_param (Value       *value,
                  const Field *field,
                  const char  *param)
{
  value->ctype = field->ctype;
  value->expr = g_strdup (param);
  value->null_expr = NULL;
  value->len_expr = field->ctype == CTYPE_BYTES ? g_strdup_printf ("%s_len", param) : NULL;
}

/* Names ------------------------------------------------------------------ */

static const char *
claim_printf (CardinalCodegenNames *names,
              const char           *format,
              ...) G_GNUC_PRINTF (2, 3);

static const char *
claim_printf (CardinalCodegenNames *names,
              const char           *format,
              ...)
{
  g_autofree char *base = NULL;
  va_list args;

  va_start (args, format);
  base = g_strdup_vprintf (format, args);
  va_end (args);
  /* "sqlite" + "_OK" must not become SQLite's own macro. */
  if (cardinal_codegen_is_reserved (base))
    {
      char *safe = g_strconcat (base, "_", NULL);

      g_free (base);
      base = safe;
    }
  return cardinal_codegen_names_claim (names, base);
}

/* Identifiers the generated files use from the C library and the database
 * client, so that no table can take them. */
static const char * const taken_globals[] = {
  "sqlite3", "sqlite3_stmt", "PGconn", "PGresult", "int64_t", "size_t", "bool", "true",
  "false", "NULL", "malloc", "realloc", "free", "memcpy", "memset", "snprintf", "strtoll",
  "strtod", "strlen", "main", NULL
};

/* Headers the generated files include, or that a program built with them
 * may: a model's files must not take their names. */
static const char * const header_names[] = {
  "assert", "complex", "ctype", "errno", "fenv", "float", "inttypes", "iso646", "libpq_fe", "limits",
  "locale", "math", "pg_config_ext", "postgres_ext", "setjmp", "signal", "sqlite3", "sqlite3ext",
  "stdalign", "stdarg", "stdatomic", "stdbool", "stddef", "stdint", "stdio", "stdlib", "stdnoreturn",
  "string", "tgmath", "threads", "time", "uchar", "wchar", "wctype", NULL
};

/* A table as SQL names it: schema-qualified on PostgreSQL when it has a schema
 * (the SQLite DDL has no schemas). */
static void
append_table_name (const Gen           *gen,
                   GString             *sql,
                   const CardinalTable *table)
{
  if (gen->ops->schema_qualified && table->schema != NULL)
    {
      cardinal_identifier_append_quoted (sql, table->schema);
      g_string_append_c (sql, '.');
    }
  cardinal_identifier_append_quoted (sql, table->name);
}

/* Whether an update may write the column: not a key, not computed by the database. */
static gboolean
field_is_updatable (const Table *t,
                    const Field *f)
{
  if (g_ptr_array_find (t->pk, f, NULL))
    return FALSE;
  if (f->column->generated != NULL)
    return FALSE;
  return !(f->column->autoincrement && f->column->identity == CARDINAL_IDENTITY_ALWAYS);
}

static Table *
table_new (Gen                 *gen,
           const CardinalTable *physical)
{
  Table *t = g_new0 (Table, 1);
  g_autofree char *c_name = cardinal_codegen_c_name (physical->name);
  g_autofree char *type_base = NULL;
  guint n_updatable = 0;
  guint i;

  t->table = physical;
  t->members = cardinal_codegen_names_new ();
  t->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  t->by_column = g_hash_table_new (g_str_hash, g_str_equal);
  t->pk = g_ptr_array_new ();

  /* A prefix only: table "Album" has functions Album_get… and struct Album. */
  t->c_name = cardinal_codegen_names_claim (gen->prefixes, c_name);
  type_base = cardinal_codegen_type_name (t->c_name);
  t->type = cardinal_codegen_names_claim (gen->names, type_base);
  t->list_type = claim_printf (gen->names, "%sList", t->type);

  /* Column names first, so that they keep their plain names; the companions
   * give way when a column already has their name. */
  for (i = 0; i < physical->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (physical->columns, i);
      g_autofree char *member = cardinal_codegen_c_name (column->name);
      Field *f = g_new0 (Field, 1);

      f->column = column;
      f->ctype = ctype_of (column);
      f->member = cardinal_codegen_names_claim (t->members, member);
      /* Filled by the database: an identity, serial or rowid key, or a generated column. */
      f->generated = column->autoincrement || column->generated != NULL;
      if (f->generated)
        t->has_generated = TRUE;
      g_ptr_array_add (t->fields, f);
      /* The first column of a name, as a search in order would find. */
      if (!g_hash_table_contains (t->by_column, column->name))
        g_hash_table_insert (t->by_column, column->name, f);
    }
  for (i = 0; i < t->fields->len; i++)
    {
      Field *f = g_ptr_array_index (t->fields, i);

      /* Companions claimed as they are: a member's name with a lower-case
       * suffix is no macro, even when the member's starts like one. */
      if (f->ctype == CTYPE_BYTES)
        {
          g_autofree char *base = g_strdup_printf ("%s_len", f->member);

          f->len_member = cardinal_codegen_names_claim (t->members, base);
        }
      /* A NOT NULL column with a default needs a way to ask for the default. */
      if (!cardinal_codegen_ctype_is_pointer (f->ctype) && (f->column->nullable || f->column->default_value != NULL))
        {
          g_autofree char *base = g_strdup_printf ("%s_is_null", f->member);

          f->null_member = cardinal_codegen_names_claim (t->members, base);
        }
    }
  for (i = 0; physical->primary_key != NULL && physical->primary_key[i] != NULL; i++)
    {
      Field *f = table_field (t, physical->primary_key[i]);

      if (f != NULL)
        g_ptr_array_add (t->pk, f);
    }

  t->fn_insert = claim_printf (gen->names, "%s_insert", t->c_name);
  if (t->pk->len > 0)
    {
      t->fn_get = claim_printf (gen->names, "%s_get", t->c_name);
      for (i = 0; i < t->fields->len; i++)
        if (field_is_updatable (t, g_ptr_array_index (t->fields, i)))
          n_updatable++;
      if (n_updatable > 0)
        t->fn_update = claim_printf (gen->names, "%s_update", t->c_name);
      t->fn_delete = claim_printf (gen->names, "%s_delete", t->c_name);
    }
  t->fn_list = claim_printf (gen->names, "%s_list", t->c_name);
  t->fn_free = claim_printf (gen->names, "%s_free", t->c_name);
  t->fn_list_clear = claim_printf (gen->names, "%s_list_clear", t->c_name);
  t->fn_clear = claim_printf (gen->names, "%s_clear_members", t->c_name);
  t->fn_read = claim_printf (gen->names, "%s_read_row", t->c_name);
  t->fn_fetch = claim_printf (gen->names, "%s_fetch", t->c_name);
  t->fn_keys = claim_printf (gen->names, "%s_fetch_keys", t->c_name);
  return t;
}

/* Column lists ------------------------------------------------------------ */

/* The columns of @fields, comma-separated, each after "@qualifier." if given. */
static void
append_field_names (GString     *sql,
                    GPtrArray   *fields,
                    const char  *qualifier)
{
  guint i;

  for (i = 0; i < fields->len; i++)
    {
      const Field *f = g_ptr_array_index (fields, i);

      if (i > 0)
        g_string_append (sql, ", ");
      if (qualifier != NULL)
        g_string_append_printf (sql, "%s.", qualifier);
      cardinal_identifier_append_quoted (sql, f->column->name);
    }
}

static void
append_columns (GString     *sql,
                const Table *t,
                const char  *qualifier)
{
  append_field_names (sql, t->fields, qualifier);
}

static void
append_order_by (GString     *sql,
                 const Table *t,
                 const char  *qualifier)
{
  if (t->pk->len == 0)
    return;
  g_string_append (sql, " ORDER BY ");
  append_field_names (sql, t->pk, qualifier);
}

/* Appends `"a" = ?1 AND "b" = ?2`, numbering from *n. */
static void
append_conditions (Gen                *gen,
                   GString            *sql,
                   const char * const *columns,
                   const char         *qualifier,
                   const char         *separator,
                   guint              *n)
{
  guint i;

  for (i = 0; columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (sql, separator);
      if (qualifier != NULL)
        g_string_append_printf (sql, "%s.", qualifier);
      cardinal_identifier_append_quoted (sql, columns[i]);
      g_string_append (sql, " = ");
      append_param_ref (gen, sql, (*n)++);
    }
}

/* Function bodies --------------------------------------------------------- */

/* Writes the prototype into the header (with @doc) and the definition's head into the source. */
static void
emit_signature (Gen        *gen,
                const char *doc,
                const char *signature)
{
  const char *space = strchr (signature, ' ');

  g_string_append_printf (gen->h, "/* %s */\n%s;\n", doc, signature);
  /* GNU style in the source: the return type on a line of its own. */
  g_string_append_printf (gen->c, "\n%.*s\n%s\n{\n", (int) (space - signature), signature, space + 1);
}

/* A whole function: its signature, then the body running @sql with @values
 * (cleared after) and reading the result as @kind. */
static void
emit_function (Gen         *gen,
               const char  *doc,
               const char  *sig,
               const char  *sql,
               Value       *values,
               guint        n_values,
               ResultKind   kind,
               const Table *t)
{
  emit_signature (gen, doc, sig);
  gen->ops->emit_body (gen, sql, values, n_values, kind, t);
  g_string_append (gen->c, "}\n");
  for (guint i = 0; i < n_values; i++)
    value_clear (&values[i]);
}

static char *
signature_printf (Gen        *gen,
                  const char *name,
                  const char *params)
{
  return g_strdup_printf ("%s %s (%s *db%s%s)", gen->type_status, name, gen->type_db,
                          *params != '\0' ? ", " : "", params);
}

/* Model-level pieces ------------------------------------------------------ */

static void
emit_prologue (Gen *gen)
{
  const CardinalCodegenBackendOps *ops = gen->ops;
  GString *h = gen->h;
  GString *c = gen->c;

  g_string_append_printf (h, "/* %s.h: C model code for the Cardinal model \"", gen->c_name);
  cardinal_codegen_append_comment_text (h, gen->model->name);
  g_string_append_printf (h, "\" on %s.\n * Generated by Cardinal %s; do not edit, regenerate from the model. */\n",
                          ops->title, CARDINAL_VERSION);
  g_string_append_printf (h, "#ifndef %s\n#define %s\n\n", gen->guard, gen->guard);
  g_string_append (h, "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n");
  g_string_append_printf (h, "#include <%s>\n\n", ops->include);
  g_string_append (h, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n");
  g_string_append_printf (h, "/* The connection every call takes; the caller opens and closes it. */\n"
                             "typedef %s %s;\n\n", ops->connection_type, gen->type_db);
  g_string_append_printf (h,
                          "/* What every call returns. On %s and %s, %s() has the database's own message. */\n"
                          "typedef enum\n{\n"
                          "  %s = 0,\n"
                          "  %s = 1,   /* no row with that key */\n"
                          "  %s = 2,   /* refused by a constraint: UNIQUE, NOT NULL, FOREIGN KEY, CHECK */\n"
                          "  %s = 3    /* any other database error, or out of memory */\n"
                          "} %s;\n\n",
                          gen->st_constraint, gen->st_error, gen->fn_errmsg,
                          gen->st_ok, gen->st_not_found, gen->st_constraint, gen->st_error, gen->type_status);
  g_string_append_printf (h, "/* The message of the last failed call on @db. */\n"
                             "const char *%s (%s *db);\n\n", gen->fn_errmsg, gen->type_db);

  g_string_append_printf (c, "/* %s.c: C model code for the Cardinal model \"", gen->c_name);
  cardinal_codegen_append_comment_text (c, gen->model->name);
  g_string_append_printf (c, "\" on %s.\n * Generated by Cardinal %s; do not edit, regenerate from the model. */\n",
                          ops->title, CARDINAL_VERSION);
  g_string_append_printf (c, "#include \"%s.h\"\n\n#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n",
                          gen->c_name);

  g_string_append_printf (c, "\nconst char *\n%s (%s *db)\n{\n  return %s (db);\n}\n",
                          gen->fn_errmsg, gen->type_db, ops->errmsg_function);
}

/* The model's static helpers that the functions (already generated) call,
 * into @c before them. */
static void
emit_model_helpers (Gen     *gen,
                    GString *c)
{
  if (gen->used_exec)
    gen->used_status = TRUE;

  /* SQL longer than one literal may be, from its pieces. */
  if (gen->used_join)
    g_string_append_printf (c, "\nstatic char *\n%s (const char *const *parts, size_t n)\n{\n"
                               "  size_t i, len = 0;\n  char *text, *end;\n\n"
                               "  for (i = 0; i < n; i++)\n    len += strlen (parts[i]);\n"
                               "  if ((text = malloc (len + 1)) == NULL)\n    return NULL;\n"
                               "  end = text;\n"
                               "  for (i = 0; i < n; i++)\n    {\n"
                               "      size_t part = strlen (parts[i]);\n\n"
                               "      memcpy (end, parts[i], part);\n      end += part;\n    }\n"
                               "  *end = '\\0';\n  return text;\n}\n", gen->fn_join);

  /* A copy with its length, so embedded bytes come back exactly. */
  if (gen->used_dup)
    g_string_append_printf (c, "\nstatic void *\n%s (const void *data, size_t len)\n{\n"
                               "  char *copy = malloc (len + 1);\n\n"
                               "  if (copy == NULL)\n    return NULL;\n"
                               "  if (len > 0)\n    memcpy (copy, data, len);\n"
                               "  copy[len] = '\\0';\n  return copy;\n}\n", gen->fn_dup);

  gen->ops->emit_model_helpers (gen, c);
}

static void
emit_table_struct (Gen   *gen,
                   Table *t)
{
  GString *h = gen->h;
  guint i;

  g_string_append (h, "/* Table ");
  cardinal_codegen_append_comment_text (h, t->table->name);
  if (t->table->comment[0] != '\0')
    {
      g_string_append (h, ": ");
      cardinal_codegen_append_comment_text (h, t->table->comment);
    }
  g_string_append (h, " */\n");
  g_string_append_printf (h, "typedef struct %s\n{\n", t->type);
  for (i = 0; i < t->fields->len; i++)
    {
      const Field *f = g_ptr_array_index (t->fields, i);

      g_string_append_printf (h, "  %s%s;", ctype_member (f->ctype), f->member);
      g_string_append (h, " /* ");
      cardinal_codegen_append_comment_text (h, f->column->name);
      g_string_append_printf (h, " %s", f->column->type != NULL ? f->column->type : "");
      if (!f->column->nullable)
        g_string_append (h, " NOT NULL");
      if (f->generated)
        g_string_append (h, ", generated: filled in by insert");
      if (f->column->default_value != NULL)
        g_string_append (h, ", has a default");
      if (cardinal_codegen_ctype_is_pointer (f->ctype) && f->column->nullable)
        g_string_append (h, "; NULL pointer is SQL NULL");
      g_string_append (h, " */\n");
      if (f->len_member != NULL)
        g_string_append_printf (h, "  size_t %s;\n", f->len_member);
      if (f->null_member != NULL)
        g_string_append_printf (h, "  bool %s; /* true: SQL NULL%s */\n", f->null_member,
                                f->column->default_value != NULL ? " (on insert: use the default)" : "");
    }
  g_string_append_printf (h, "} %s;\n\n", t->type);
  g_string_append_printf (h, "/* A list of rows; clear it with %s(). */\n"
                             "typedef struct %s\n{\n  %s *items;\n  size_t len;\n} %s;\n\n",
                          t->fn_list_clear, t->list_type, t->type, t->list_type);
}

/* Reads result column @index into row->member: the NULL flag, then the
 * value; text and bytes are copied only when not NULL, and a failed copy
 * is an error. */
static void
emit_read_field (Gen         *gen,
                 const Field *f,
                 const char  *index)
{
  GString *c = gen->c;
  g_autofree char *is_null = gen->ops->null_test (index);

  if (f->null_member != NULL)
    g_string_append_printf (c, "  row->%s = %s;\n", f->null_member, is_null);
  if (!cardinal_codegen_ctype_is_pointer (f->ctype))
    {
      gen->ops->emit_read_value (gen, f, index, is_null);
      return;
    }
  g_string_append_printf (c, "  if (!(%s))\n    {\n", is_null);
  gen->ops->emit_read_value (gen, f, index, is_null);
  gen->used_dup = TRUE;
  g_string_append_printf (c, "      if (row->%s == NULL)\n        return %s;\n    }\n", f->member, gen->st_error);
}

static void
emit_table_helpers (Gen   *gen,
                    Table *t)
{
  GString *c = gen->c;
  guint i;

  gen->used_status = TRUE;  /* the fetch helpers below */
  /* Clearing members */
  g_string_append_printf (c, "\nstatic void\n%s (%s *row)\n{\n", t->fn_clear, t->type);
  for (i = 0; i < t->fields->len; i++)
    {
      const Field *f = g_ptr_array_index (t->fields, i);

      if (cardinal_codegen_ctype_is_pointer (f->ctype))
        g_string_append_printf (c, "  free (row->%s);\n", f->member);
    }
  g_string_append (c, "  memset (row, 0, sizeof *row);\n}\n");

  /* Reading one row */
  gen->ops->emit_read_head (gen, t);
  for (i = 0; i < t->fields->len; i++)
    {
      g_autofree char *index = g_strdup_printf ("%u", i);

      emit_read_field (gen, g_ptr_array_index (t->fields, i), index);
    }
  g_string_append_printf (c, "  return %s;\n}\n", gen->st_ok);

  /* Fetching one row or all */
  gen->ops->emit_fetch (gen, t);

  /* Generated keys back into the caller's row */
  if (t->has_generated)
    gen->ops->emit_keys (gen, t);
}

static const char *
key_param_name (CardinalCodegenNames *locals,
                const Field          *f)
{
  return cardinal_codegen_names_claim (locals, f->member);
}

static CardinalCodegenNames *
locals_new (Gen         *gen,
            const Table *t)
{
  static const char * const locals[] = {
    "db", "row", "out", "stmt", "rc", "res", "values", "lengths", "formats", "numbers",
    "limit", "offset", "status", "sql_parts", "sql_text", NULL
  };
  CardinalCodegenNames *names = cardinal_codegen_names_new ();
  guint i;

  for (i = 0; locals[i] != NULL; i++)
    cardinal_codegen_names_reserve (names, locals[i]);
  for (i = 0; taken_globals[i] != NULL; i++)
    cardinal_codegen_names_reserve (names, taken_globals[i]);
  cardinal_codegen_names_reserve (names, gen->fn_status);
  cardinal_codegen_names_reserve (names, gen->fn_exec);
  cardinal_codegen_names_reserve (names, gen->fn_join);
  cardinal_codegen_names_reserve (names, gen->type_status);
  cardinal_codegen_names_reserve (names, gen->type_db);
  if (t != NULL)
    {
      cardinal_codegen_names_reserve (names, t->fn_fetch);
      cardinal_codegen_names_reserve (names, t->fn_keys);
      cardinal_codegen_names_reserve (names, t->type);
    }
  return names;
}

static void
emit_table_crud (Gen   *gen,
                 Table *t)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree Value *values = g_new0 (Value, t->fields->len + 2);
  guint n_values, i, n;

  g_string_append_printf (gen->h, "/* %s: CRUD */\n", t->type);

  /* insert: the database fills generated columns and defaults. */
  {
    g_autofree char *params = g_strdup_printf ("%s *row", t->type);
    g_autofree char *sig = signature_printf (gen, t->fn_insert, params);
    g_autoptr(GString) cols = g_string_new (NULL);
    g_autoptr(GString) vals = g_string_new (NULL);

    n_values = 0;
    for (i = 0; i < t->fields->len; i++)
      {
        const Field *f = g_ptr_array_index (t->fields, i);

        if (f->generated)
          continue;
        if (n_values > 0)
          {
            g_string_append (cols, ", ");
            g_string_append (vals, ", ");
          }
        cardinal_identifier_append_quoted (cols, f->column->name);
        if (f->column->default_value != NULL)
          {
            g_string_append (vals, "COALESCE(");
            if (gen->ops->cast_defaulted)
              {
                g_autofree char *spelled = cardinal_type_to_sql (f->column->type != NULL ? f->column->type : "text",
                                                                 CARDINAL_DIALECT_POSTGRESQL);

                g_string_append (vals, "CAST(");
                append_param_ref (gen, vals, n_values + 1);
                g_string_append_printf (vals, " AS %s)", spelled);
              }
            else
              append_param_ref (gen, vals, n_values + 1);
            g_string_append_printf (vals, ", %s)", f->column->default_value);
          }
        else
          append_param_ref (gen, vals, n_values + 1);
        value_from_field (&values[n_values++], f, "row");
      }
    g_string_append (sql, "INSERT INTO ");
    append_table_name (gen, sql, t->table);
    if (n_values > 0)
      g_string_append_printf (sql, " (%s) VALUES (%s)", cols->str, vals->str);
    else
      g_string_append (sql, " DEFAULT VALUES");
    if (t->has_generated)
      {
        gboolean first = TRUE;

        g_string_append (sql, " RETURNING ");
        for (i = 0; i < t->fields->len; i++)
          {
            const Field *f = g_ptr_array_index (t->fields, i);

            if (!f->generated)
              continue;
            if (!first)
              g_string_append (sql, ", ");
            cardinal_identifier_append_quoted (sql, f->column->name);
            first = FALSE;
          }
      }
    emit_function (gen, t->has_generated ? "Inserts @row; its generated columns are filled in. NULL (or *_is_null) on a column with a default asks for the default."
                                         : "Inserts @row. NULL (or *_is_null) on a column with a default asks for the default.",
                   sig, sql->str, values, n_values, t->has_generated ? RESULT_KEYS : RESULT_EXEC, t);
  }

  /* get, update, delete by primary key */
  if (t->pk->len > 0)
    {
      g_autoptr(CardinalCodegenNames) locals = locals_new (gen, t);
      g_autoptr(GString) key_params = g_string_new (NULL);
      g_autoptr(GPtrArray) key_names = g_ptr_array_new ();
      g_autoptr(GPtrArray) pk_columns = g_ptr_array_new ();

      for (i = 0; i < t->pk->len; i++)
        {
          const Field *f = g_ptr_array_index (t->pk, i);
          const char *param = key_param_name (locals, f);

          g_ptr_array_add (key_names, (gpointer) param);
          g_ptr_array_add (pk_columns, f->column->name);
          if (i > 0)
            g_string_append (key_params, ", ");
          g_string_append_printf (key_params, "%s%s", ctype_param (f->ctype), param);
          if (f->ctype == CTYPE_BYTES)
            g_string_append_printf (key_params, ", size_t %s_len", param);
        }
      g_ptr_array_add (pk_columns, NULL);

      /* get */
      {
        g_autofree char *params = g_strdup_printf ("%s, %s **out", key_params->str, t->type);
        g_autofree char *sig = signature_printf (gen, t->fn_get, params);

        g_string_truncate (sql, 0);
        g_string_append (sql, "SELECT ");
        append_columns (sql, t, NULL);
        g_string_append (sql, " FROM ");
        append_table_name (gen, sql, t->table);
        g_string_append (sql, " WHERE ");
        n = 1;
        append_conditions (gen, sql, (const char * const *) pk_columns->pdata, NULL, " AND ", &n);
        for (i = 0; i < t->pk->len; i++)
          value_from_param (&values[i], g_ptr_array_index (t->pk, i), g_ptr_array_index (key_names, i));
        emit_function (gen, "The row with this primary key into *out (free it with the *_free function), or NOT_FOUND.",
                       sig, sql->str, values, t->pk->len, RESULT_ONE, t);
      }

      /* update */
      if (t->fn_update != NULL)
        {
          g_autofree char *params = g_strdup_printf ("const %s *row", t->type);
          g_autofree char *sig = signature_printf (gen, t->fn_update, params);
          gboolean first = TRUE;

          g_string_truncate (sql, 0);
          g_string_append (sql, "UPDATE ");
          append_table_name (gen, sql, t->table);
          g_string_append (sql, " SET ");
          n_values = 0;
          for (i = 0; i < t->fields->len; i++)
            {
              const Field *f = g_ptr_array_index (t->fields, i);

              if (!field_is_updatable (t, f))
                continue;
              if (!first)
                g_string_append (sql, ", ");
              first = FALSE;
              cardinal_identifier_append_quoted (sql, f->column->name);
              g_string_append (sql, " = ");
              append_param_ref (gen, sql, n_values + 1);
              value_from_field (&values[n_values++], f, "row");
            }
          g_string_append (sql, " WHERE ");
          n = n_values + 1;
          append_conditions (gen, sql, (const char * const *) pk_columns->pdata, NULL, " AND ", &n);
          for (i = 0; i < t->pk->len; i++)
            value_from_field (&values[n_values++], g_ptr_array_index (t->pk, i), "row");
          emit_function (gen, "Writes every column of @row to the row with its primary key; NOT_FOUND when there is none.",
                         sig, sql->str, values, n_values, RESULT_EXEC_CHANGED, t);
        }

      /* delete */
      {
        g_autofree char *sig = signature_printf (gen, t->fn_delete, key_params->str);

        g_string_truncate (sql, 0);
        g_string_append (sql, "DELETE FROM ");
        append_table_name (gen, sql, t->table);
        g_string_append (sql, " WHERE ");
        n = 1;
        append_conditions (gen, sql, (const char * const *) pk_columns->pdata, NULL, " AND ", &n);
        for (i = 0; i < t->pk->len; i++)
          value_from_param (&values[i], g_ptr_array_index (t->pk, i), g_ptr_array_index (key_names, i));
        emit_function (gen, "Deletes the row with this primary key; NOT_FOUND when there is none.",
                       sig, sql->str, values, t->pk->len, RESULT_EXEC_CHANGED, t);
      }
    }

  /* list */
  {
    g_autofree char *params = g_strdup_printf ("int64_t limit, int64_t offset, %s *out", t->list_type);
    g_autofree char *sig = signature_printf (gen, t->fn_list, params);

    g_string_truncate (sql, 0);
    g_string_append (sql, "SELECT ");
    append_columns (sql, t, NULL);
    g_string_append (sql, " FROM ");
    append_table_name (gen, sql, t->table);
    append_order_by (sql, t, NULL);
    g_string_append (sql, " LIMIT ");
    append_param_ref (gen, sql, 1);
    g_string_append (sql, " OFFSET ");
    append_param_ref (gen, sql, 2);
    values[0].ctype = CTYPE_INT;
    values[0].expr = g_strdup ("limit");
    /* SQLite reads a negative LIMIT as none; PostgreSQL wants NULL. */
    values[0].null_expr = gen->ops->null_negative_limit ? g_strdup ("limit < 0") : NULL;
    values[1].ctype = CTYPE_INT;
    values[1].expr = g_strdup ("offset < 0 ? 0 : offset");
    emit_function (gen, "Up to @limit rows (all when negative) from @offset, in primary-key order, into *out.",
                   sig, sql->str, values, 2, RESULT_ALL, t);
  }

  /* free, list_clear */
  g_string_append_printf (gen->h, "/* Frees a row from a *_get or navigation call (NULL is fine). */\n"
                                  "void %s (%s *row);\n", t->fn_free, t->type);
  g_string_append_printf (gen->c, "\nvoid\n%s (%s *row)\n{\n  if (row == NULL)\n    return;\n"
                                  "  %s (row);\n  free (row);\n}\n", t->fn_free, t->type, t->fn_clear);
  g_string_append_printf (gen->h, "/* Frees the rows of @list and empties it. */\n"
                                  "void %s (%s *list);\n\n", t->fn_list_clear, t->list_type);
  g_string_append_printf (gen->c, "\nvoid\n%s (%s *list)\n{\n  size_t i;\n\n"
                                  "  for (i = 0; i < list->len; i++)\n    %s (&list->items[i]);\n"
                                  "  free (list->items);\n  list->items = NULL;\n  list->len = 0;\n}\n",
                          t->fn_list_clear, t->list_type, t->fn_clear);
}

/* Navigation -------------------------------------------------------------- */

/* The navigation function @name: @sql, whose conditions take the first
 * @n_columns of @from_row's @from_columns in order, returning one row of
 * @target or (@many) all. */
static void
emit_nav (Gen                *gen,
          const char         *name,
          const char         *doc,
          const Table        *from,
          const char * const *from_columns,
          guint               n_columns,
          GString            *sql,
          const Table        *target,
          gboolean            many)
{
  g_autofree char *params = g_strdup_printf ("const %s *row, %s %sout", from->type,
                                             many ? target->list_type : target->type, many ? "*" : "**");
  g_autofree char *sig = signature_printf (gen, name, params);
  g_autofree Value *values = g_new0 (Value, n_columns);
  guint i;

  for (i = 0; i < n_columns; i++)
    value_from_field (&values[i], table_field (from, from_columns[i]), "row");
  emit_function (gen, doc, sig, sql->str, values, n_columns, many ? RESULT_ALL : RESULT_ONE, target);
}

/* Rows of @target whose @target_columns equal @from_row's @from_columns
 * (following an FK either way). */
static void
emit_nav_direct (Gen                *gen,
                 const char         *name,
                 const char         *doc,
                 const Table        *from,
                 const char * const *from_columns,
                 const Table        *target,
                 const char * const *target_columns,
                 gboolean            many)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  guint n = 1;

  append_columns (sql, target, NULL);
  g_string_append (sql, " FROM ");
  append_table_name (gen, sql, target->table);
  g_string_append (sql, " WHERE ");
  append_conditions (gen, sql, target_columns, NULL, " AND ", &n);
  append_order_by (sql, target, NULL);
  emit_nav (gen, name, doc, from, from_columns, g_strv_length ((GStrv) from_columns), sql, target, many);
}

/* Rows of @target reached from @from_row through the link table. */
static void
emit_nav_link (Gen                      *gen,
               const char               *name,
               const char               *doc,
               const Table              *from,
               const CardinalForeignKey *from_fk,
               const Table              *link,
               const Table              *target,
               const CardinalForeignKey *target_fk,
               gboolean                  many)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  guint i, n = 1;

  append_columns (sql, target, "t");
  g_string_append (sql, " FROM ");
  append_table_name (gen, sql, target->table);
  g_string_append (sql, " AS t JOIN ");
  append_table_name (gen, sql, link->table);
  g_string_append (sql, " AS l ON ");
  for (i = 0; target_fk->columns[i] != NULL && target_fk->ref_columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (sql, " AND ");
      g_string_append (sql, "t.");
      cardinal_identifier_append_quoted (sql, target_fk->ref_columns[i]);
      g_string_append (sql, " = l.");
      cardinal_identifier_append_quoted (sql, target_fk->columns[i]);
    }
  g_string_append (sql, " WHERE ");
  append_conditions (gen, sql, (const char * const *) from_fk->columns, "l", " AND ", &n);
  append_order_by (sql, target, "t");
  /* A value for each of the link's key columns, read from what it refers to. */
  emit_nav (gen, name, doc, from, (const char * const *) from_fk->ref_columns, g_strv_length (from_fk->columns),
            sql, target, many);
}

static void
emit_link_unlink (Gen                      *gen,
                  const CardinalRelationship *r,
                  const Table              *link,
                  const Table              *t1,
                  const CardinalForeignKey *fk1,
                  const Table              *t2,
                  const CardinalForeignKey *fk2)
{
  g_autoptr(CardinalCodegenNames) locals = locals_new (gen, NULL);
  g_autofree char *role1 = cardinal_codegen_c_name (cardinal_relationship_entity1_role (r));
  g_autofree char *role2 = cardinal_codegen_c_name (cardinal_relationship_entity2_role (r));
  const char *p1 = cardinal_codegen_names_claim (locals, role1);
  const char *p2 = cardinal_codegen_names_claim (locals, role2);
  g_autofree char *params = g_strdup_printf ("const %s *%s, const %s *%s", t1->type, p1, t2->type, p2);
  const char *fn_link = claim_printf (gen->names, "%s_link", link->c_name);
  const char *fn_unlink = claim_printf (gen->names, "%s_unlink", link->c_name);
  g_autofree char *sig_link = signature_printf (gen, fn_link, params);
  g_autofree char *sig_unlink = signature_printf (gen, fn_unlink, params);
  guint n1 = g_strv_length (fk1->columns), n2 = g_strv_length (fk2->columns);
  g_autofree Value *values = g_new0 (Value, n1 + n2);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  g_autoptr(GString) refs = g_string_new (NULL);
  guint i, n = 1;

  append_table_name (gen, sql, link->table);
  g_string_append (sql, " (");
  for (i = 0; i < n1 + n2; i++)
    {
      const char *column = i < n1 ? fk1->columns[i] : fk2->columns[i - n1];

      if (i > 0)
        {
          g_string_append (sql, ", ");
          g_string_append (refs, ", ");
        }
      cardinal_identifier_append_quoted (sql, column);
      append_param_ref (gen, refs, i + 1);
      if (i < n1)
        value_from_field (&values[i], table_field (t1, fk1->ref_columns[i]), p1);
      else
        value_from_field (&values[i], table_field (t2, fk2->ref_columns[i - n1]), p2);
    }
  g_string_append_printf (sql, ") VALUES (%s)", refs->str);
  emit_signature (gen, "Links the two rows through the link table (its other columns take their defaults).", sig_link);
  gen->ops->emit_body (gen, sql->str, values, n1 + n2, RESULT_EXEC, link);
  g_string_append (gen->c, "}\n");

  g_string_assign (sql, "DELETE FROM ");
  append_table_name (gen, sql, link->table);
  g_string_append (sql, " WHERE ");
  append_conditions (gen, sql, (const char * const *) fk1->columns, NULL, " AND ", &n);
  g_string_append (sql, " AND ");
  append_conditions (gen, sql, (const char * const *) fk2->columns, NULL, " AND ", &n);
  emit_signature (gen, "Removes the link between the two rows; NOT_FOUND when they were not linked.", sig_unlink);
  gen->ops->emit_body (gen, sql->str, values, n1 + n2, RESULT_EXEC_CHANGED, link);
  g_string_append (gen->c, "}\n");
  for (i = 0; i < n1 + n2; i++)
    value_clear (&values[i]);
}

static const CardinalForeignKey *
find_fk (const CardinalTable *table,
         const char          *relationship,
         guint                nth)
{
  guint i;

  for (i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (g_strcmp0 (fk->relationship, relationship) == 0 && nth-- == 0)
        return fk;
    }
  return NULL;
}

static void
nav_names (Gen         *gen,
           const Table *from,
           const char  *role,
           gboolean     many,
           const char **out_name)
{
  g_autofree char *c_role = cardinal_codegen_c_name (role);
  g_autofree char *plural = many ? cardinal_codegen_plural (c_role) : g_strdup (c_role);

  *out_name = claim_printf (gen->names, "%s_%s", from->c_name, plural);
}

static void
emit_relationship (Gen                        *gen,
                   const CardinalRelationship *r)
{
  const char *role1 = cardinal_relationship_entity1_role (r);
  const char *role2 = cardinal_relationship_entity2_role (r);
  const char *name;
  guint i;

  if (r->strategy == CARDINAL_STRATEGY_MERGED)
    return;

  g_string_append (gen->h, "/* Relationship ");
  cardinal_codegen_append_comment_text (gen->h, r->name);
  g_string_append_printf (gen->h, " (%s, %s) */\n", cardinal_kind_to_string (r->kind),
                          cardinal_strategy_to_string (r->strategy));

  if (cardinal_strategy_has_link_table (r->strategy))
    {
      const Table *link = NULL;
      const CardinalForeignKey *fk1, *fk2;
      const Table *t1, *t2;
      gboolean many1 = r->kind != CARDINAL_KIND_MANY_TO_ONE;  /* an entity1 row has many entity2 */
      gboolean many2 = r->kind != CARDINAL_KIND_ONE_TO_MANY;

      link = g_hash_table_lookup (gen->link_by_rel, r->name);
      if (link == NULL)
        return;
      fk1 = find_fk (link->table, r->name, 0);
      fk2 = find_fk (link->table, r->name, 1);
      if (fk1 == NULL || fk2 == NULL)
        return;
      t1 = gen_table (gen, fk1->ref_table);
      t2 = gen_table (gen, fk2->ref_table);
      if (t1 == NULL || t2 == NULL)
        return;

      nav_names (gen, t1, role2, many1, &name);
      emit_nav_link (gen, name, many1 ? "The rows linked to @row, in primary-key order." : "The row linked to @row, or NOT_FOUND.",
                     t1, fk1, link, t2, fk2, many1);
      nav_names (gen, t2, role1, many2, &name);
      emit_nav_link (gen, name, many2 ? "The rows linked to @row, in primary-key order." : "The row linked to @row, or NOT_FOUND.",
                     t2, fk2, link, t1, fk1, many2);
      emit_link_unlink (gen, r, link, t1, fk1, t2, fk2);

      /* An association object: its rows reach both ends and both ends reach them. */
      if (r->link_attributes->len > 0)
        {
          const CardinalForeignKey *fks[2] = { fk1, fk2 };
          const Table *ends[2] = { t1, t2 };
          const char *roles[2] = { role1, role2 };

          for (i = 0; i < 2; i++)
            {
              nav_names (gen, link, roles[i], FALSE, &name);
              emit_nav_direct (gen, name, "The row at this end of the association, or NOT_FOUND.",
                               link, (const char * const *) fks[i]->columns,
                               ends[i], (const char * const *) fks[i]->ref_columns, FALSE);
              nav_names (gen, ends[i], link->c_name, TRUE, &name);
              emit_nav_direct (gen, name, "The association rows of @row, in primary-key order.",
                               ends[i], (const char * const *) fks[i]->ref_columns,
                               link, (const char * const *) fks[i]->columns, TRUE);
            }
        }
    }
  else
    {
      const Table *child = NULL, *parent;
      const CardinalForeignKey *fk = NULL;
      gboolean child_is_entity1 = r->kind == CARDINAL_KIND_MANY_TO_ONE;
      gboolean many = r->kind != CARDINAL_KIND_ONE_TO_ONE;

      child = g_hash_table_lookup (gen->child_by_rel, r->name);
      fk = g_hash_table_lookup (gen->fk_by_rel, r->name);
      if (fk == NULL || (parent = gen_table (gen, fk->ref_table)) == NULL)
        return;

      nav_names (gen, child, child_is_entity1 ? role2 : role1, FALSE, &name);
      emit_nav_direct (gen, name, "The row this one refers to, or NOT_FOUND (also when the reference is NULL).",
                       child, (const char * const *) fk->columns,
                       parent, (const char * const *) fk->ref_columns, FALSE);
      nav_names (gen, parent, child_is_entity1 ? role1 : role2, many, &name);
      emit_nav_direct (gen, name, many ? "The rows that refer to @row, in primary-key order."
                                       : "The row that refers to @row, or NOT_FOUND.",
                       parent, (const char * const *) fk->ref_columns,
                       child, (const char * const *) fk->columns, many);
    }
  g_string_append_c (gen->h, '\n');
}

/* README ------------------------------------------------------------------ */

/* Entry points ------------------------------------------------------------ */

GHashTable *
cardinal_codegen_generate (const CardinalModel    *model,
                           CardinalDialect         backend,
                           GError                **error)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GString) h = g_string_new (NULL);
  g_autoptr(GString) c = g_string_new (NULL);
  g_autoptr(GString) readme = g_string_new (NULL);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) link_by_rel = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) child_by_rel = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) fk_by_rel = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(CardinalCodegenNames) names = cardinal_codegen_names_new ();
  g_autoptr(CardinalCodegenNames) prefixes = cardinal_codegen_names_new ();
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *c_name = NULL;
  g_autofree char *upper = NULL;
  Gen gen = { 0 };
  guint i;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schema = cardinal_engineer (model);
  diagnostics = cardinal_validate_with_schema (model, schema);
  for (i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == CARDINAL_SEVERITY_ERROR)
        {
          g_autofree char *line = cardinal_diagnostic_format (d, NULL);

          g_set_error (error, CARDINAL_CODEGEN_ERROR, CARDINAL_CODEGEN_ERROR_INVALID,
                       "The model has errors: %s", line);
          return NULL;
        }
    }

  for (i = 0; taken_globals[i] != NULL; i++)
    cardinal_codegen_names_reserve (names, taken_globals[i]);

  {
    g_autofree char *base = cardinal_codegen_c_name (model->name != NULL && *model->name != '\0' ? model->name : "model");

    /* The model's name is also its files' name: "stdio.h" beside the source
     * would stand in for the C library's header. */
    if (g_strv_contains (header_names, base))
      {
        char *longer = g_strconcat (base, "_model", NULL);

        g_free (base);
        base = longer;
      }
    /* It names files and prefixes every identifier: a 10,000-character model
     * name must still give a file name the file system takes (255 bytes). */
    if (strlen (base) > 64)
      base[64] = '\0';
    c_name = g_strdup (cardinal_codegen_names_claim (names, base));
  }
  upper = g_ascii_strup (c_name, -1);
  /* A table does not share the model's prefix, which has the model's own functions. */
  cardinal_codegen_names_reserve (prefixes, c_name);

  gen.ops = backend == CARDINAL_DIALECT_POSTGRESQL ? &cardinal_codegen_libpq_ops : &cardinal_codegen_sqlite_ops;
  gen.model = model;
  gen.schema = schema;
  gen.names = names;
  gen.prefixes = prefixes;
  gen.tables = tables;
  gen.c_name = c_name;
  gen.upper = upper;
  gen.h = h;
  gen.c = c;
  gen.readme = readme;
  {
    g_autofree char *type_base = cardinal_codegen_type_name (c_name);

    gen.guard = claim_printf (names, "%s_H", upper);
    gen.type_db = claim_printf (names, "%sDb", type_base);
    gen.type_status = claim_printf (names, "%sStatus", type_base);
    gen.st_ok = claim_printf (names, "%s_OK", upper);
    gen.st_not_found = claim_printf (names, "%s_NOT_FOUND", upper);
    gen.st_constraint = claim_printf (names, "%s_CONSTRAINT", upper);
    gen.st_error = claim_printf (names, "%s_ERROR", upper);
    gen.fn_errmsg = claim_printf (names, "%s_errmsg", c_name);
    gen.fn_dup = claim_printf (names, "%s_dup", c_name);
    gen.fn_status = claim_printf (names, "%s_status_of", c_name);
    gen.fn_exec = claim_printf (names, "%s_exec", c_name);
    gen.fn_prepare = claim_printf (names, "%s_prepare", c_name);
    gen.fn_join = claim_printf (names, "%s_join_sql", c_name);
  }

  gen.by_name = by_name;
  gen.link_by_rel = link_by_rel;
  gen.child_by_rel = child_by_rel;
  gen.fk_by_rel = fk_by_rel;
  for (i = 0; i < schema->tables->len; i++)
    {
      Table *t = table_new (&gen, g_ptr_array_index (schema->tables, i));
      guint j;

      g_ptr_array_add (tables, t);
      if (!g_hash_table_contains (by_name, t->table->name))
        g_hash_table_insert (by_name, t->table->name, t);
      /* The first table (in table order) for each relationship, as the
       * navigation looks them up. */
      if (t->table->entity == NULL && t->table->relationship != NULL
          && !g_hash_table_contains (link_by_rel, t->table->relationship))
        g_hash_table_insert (link_by_rel, t->table->relationship, t);
      if (t->table->entity != NULL)
        for (j = 0; j < t->table->foreign_keys->len; j++)
          {
            const CardinalForeignKey *fk = g_ptr_array_index (t->table->foreign_keys, j);

            if (fk->relationship != NULL && !g_hash_table_contains (child_by_rel, fk->relationship))
              {
                g_hash_table_insert (child_by_rel, fk->relationship, t);
                g_hash_table_insert (fk_by_rel, fk->relationship, (gpointer) fk);
              }
          }
    }

  /* The includes and the public error function; the model's static helpers
   * go after them once the rest tells which are used. */
  emit_prologue (&gen);
  gen.c = body;

  /* Every struct first, so that any function can name any of them. */
  for (i = 0; i < tables->len; i++)
    emit_table_struct (&gen, g_ptr_array_index (tables, i));
  for (i = 0; i < tables->len; i++)
    {
      emit_table_helpers (&gen, g_ptr_array_index (tables, i));
    }
  for (i = 0; i < tables->len; i++)
    emit_table_crud (&gen, g_ptr_array_index (tables, i));
  for (i = 0; i < model->relationships->len; i++)
    emit_relationship (&gen, g_ptr_array_index (model->relationships, i));

  g_string_append_printf (h, "#ifdef __cplusplus\n}\n#endif\n\n#endif /* %s */\n", gen.guard);
  emit_model_helpers (&gen, c);
  g_string_append_len (c, body->str, body->len);
  gen.c = c;
  cardinal_codegen_emit_readme (&gen);

  files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (files, g_strdup_printf ("%s.h", c_name), g_string_free (g_steal_pointer (&h), FALSE));
  g_hash_table_insert (files, g_strdup_printf ("%s.c", c_name), g_string_free (g_steal_pointer (&c), FALSE));
  g_hash_table_insert (files, g_strdup ("README.md"), g_string_free (g_steal_pointer (&readme), FALSE));
  return g_steal_pointer (&files);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
cardinal_codegen_file_names (GHashTable *files)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (files != NULL, NULL);

  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (list, g_strdup (key));
  g_ptr_array_sort (list, compare_strings);
  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

gboolean
cardinal_codegen_write (const CardinalModel    *model,
                        CardinalDialect         backend,
                        GFile                  *directory,
                        GError                **error)
{
  g_autoptr(GHashTable) files = NULL;
  g_auto(GStrv) file_names = NULL;
  g_autoptr(GError) local_error = NULL;
  guint i;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (directory), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  files = cardinal_codegen_generate (model, backend, error);
  if (files == NULL)
    return FALSE;

  if (!g_file_make_directory_with_parents (directory, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_set_error (error, CARDINAL_CODEGEN_ERROR, CARDINAL_CODEGEN_ERROR_WRITE,
                   "%s", local_error->message);
      return FALSE;
    }

  file_names = cardinal_codegen_file_names (files);
  for (i = 0; file_names[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_get_child (directory, file_names[i]);
      const char *contents = g_hash_table_lookup (files, file_names[i]);

      g_clear_error (&local_error);
      if (!cardinal_file_replace (file, contents, strlen (contents), &local_error))
        {
          /* The message names the file already ("can't write …: …"). */
          g_set_error_literal (error, CARDINAL_CODEGEN_ERROR, CARDINAL_CODEGEN_ERROR_WRITE,
                               local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}
