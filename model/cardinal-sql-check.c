/* cardinal-sql-check.c: deciding with libpg_query and SQLite whether document text is exactly one fragment of a kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A document is untrusted: a default, a CHECK or an SQL object goes into DDL
 * verbatim, so text such as  'x');\nDROP TABLE "t";  must never pass. Each
 * check asks the dialect's real parser and then reads what it built:
 *
 * - PostgreSQL: libpg_query parses a statement that embeds the text and is
 *   followed by a sentinel ("SELECT <text>, 0"); the parse tree must be one
 *   plain SELECT whose second target is our sentinel at the very offset we
 *   put it. Text that closes the statement, adds targets or ends inside a
 *   comment moves or swallows the sentinel and fails.
 * - SQLite: sqlite3_prepare_v2 on a private in-memory connection, under an
 *   authorizer that allows only what the fragment's kind needs, must consume
 *   the whole text. SQLite lets a comment run to the end of the input, so text
 *   that ends inside a comment is refused before SQLite sees it.
 */

#include "cardinal-sql-check.h"
#include "cardinal-identifier.h"
#include "cardinal-sql-lexer.h"

#include <json-glib/json-glib.h>
#include <pg_query.h>
#include <sqlite3.h>
#include <string.h>

G_DEFINE_QUARK (cardinal-sql-check-error-quark, cardinal_sql_check_error)

/* What the authorizer lets through while one fragment is prepared. */
typedef enum
{
  MODE_OFF,
  MODE_EXPRESSION,
  MODE_TYPE,
  MODE_VIEW,
  MODE_TRIGGER,
} Mode;

struct _CardinalSqlCheck
{
  sqlite3    *db;
  Mode        mode;
  guint       n_selects;    /* SQLITE_SELECT callbacks: one per SELECT core */
  guint       n_creates;    /* CREATE VIEW / CREATE TRIGGER callbacks */
  int         denied;       /* the first action refused, or 0 */
  GHashTable *tables;       /* name asked → name in the scratch database */
  GHashTable *functions;    /* unknown function names given a stand-in */
  /* Verdicts by kind (expression, type, expression on a table) and dialect:
   * text (for the last kind "table\x1ftext") → the refusal, NULL: accepted. */
  GHashTable *verdicts[3][2];
  guint       n_stand_ins;
};

static void
refuse (GError    **error,
        const char *what,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static void
refuse (GError    **error,
        const char *what,
        const char *format,
        ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, CARDINAL_SQL_CHECK_ERROR, CARDINAL_SQL_CHECK_ERROR_REFUSED, "not %s: %s", what, reason);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static char *
statement_what (const char *kind)
{
  if (kind == NULL || g_str_equal (kind, "statement"))
    return g_strdup ("one statement");
  return g_strdup_printf ("one %s statement", kind);
}

/* ---- SQLite's lexical rules ---- */

/* Whether @text ends inside a comment, reading quotes as SQLite does
 * (SQLite accepts that; DDL around it would break). */
static gboolean
sqlite_ends_in_comment (const char *text)
{
  const char *p = text;
  CardinalSqlToken token;

  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_SQLITE, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_SQLITE, &token))
    if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
      {
        gboolean open;

        cardinal_sql_lexer_skip_blank (token.start, CARDINAL_SQL_LEX_SQLITE, &open);
        if (open)
          return TRUE;
      }
  return FALSE;
}

/* ---- The scratch SQLite connection ---- */

static gboolean
is_schema_table (const char *name)
{
  return name != NULL && (g_ascii_strcasecmp (name, "sqlite_master") == 0 ||
                          g_ascii_strcasecmp (name, "sqlite_schema") == 0);
}

static int
authorize (void       *data,
           int         action,
           const char *arg1,
           const char *arg2,
           const char *database,
           const char *trigger)
{
  CardinalSqlCheck *self = data;
  gboolean allowed = FALSE;

  (void) arg2;
  (void) database;
  (void) trigger;

  switch (action)
    {
    case SQLITE_SELECT:
      self->n_selects++;
      allowed = TRUE;
      break;
    case SQLITE_READ:
    case SQLITE_FUNCTION:
      allowed = TRUE;
      break;
    case SQLITE_CREATE_TABLE:
      allowed = self->mode == MODE_TYPE;
      break;
    case SQLITE_CREATE_VIEW:
      self->n_creates++;
      allowed = self->mode == MODE_VIEW;
      break;
    case SQLITE_CREATE_TRIGGER:
      self->n_creates++;
      allowed = self->mode == MODE_TRIGGER;
      break;
    case SQLITE_INSERT:
    case SQLITE_UPDATE:
      /* Creating anything writes its row of the schema table, nothing else. */
      allowed = self->mode != MODE_EXPRESSION && is_schema_table (arg1);
      break;
    default:
      break;
    }

  if (!allowed && self->denied == 0)
    self->denied = action;
  return allowed ? SQLITE_OK : SQLITE_DENY;
}

CardinalSqlCheck *
cardinal_sql_check_new (void)
{
  CardinalSqlCheck *self = g_new0 (CardinalSqlCheck, 1);

  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_PRIVATECACHE,
                       NULL) != SQLITE_OK)
    g_clear_pointer (&self->db, sqlite3_close);
  self->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->functions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 2; j++)
      self->verdicts[i][j] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
cardinal_sql_check_free (CardinalSqlCheck *check)
{
  if (check == NULL)
    return;
  if (check->db != NULL)
    sqlite3_close (check->db);
  g_hash_table_unref (check->tables);
  g_hash_table_unref (check->functions);
  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 2; j++)
      g_hash_table_unref (check->verdicts[i][j]);
  g_free (check);
}

static gboolean
create_table (CardinalSqlCheck   *self,
              const char         *name,
              const char * const *columns)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TABLE ");
  g_autoptr(GHashTable) seen = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
  gboolean first = TRUE;

  cardinal_identifier_append_quoted (sql, name);
  g_string_append (sql, " (");
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      if (!g_hash_table_add (seen, (gpointer) columns[i]))
        continue;
      if (!first)
        g_string_append (sql, ", ");
      cardinal_identifier_append_quoted (sql, columns[i]);
      first = FALSE;
    }
  /* A table needs a column; this one cannot be named by a fragment that means well. */
  if (first)
    g_string_append (sql, "\"cardinal scratch column\"");
  g_string_append (sql, ")");
  return sqlite3_exec (self->db, sql->str, NULL, NULL, NULL) == SQLITE_OK;
}

const char *
cardinal_sql_check_add_table (CardinalSqlCheck   *check,
                              const char         *name,
                              const char * const *columns)
{
  char *stand_in;

  g_return_val_if_fail (check != NULL && name != NULL, NULL);

  if (check->db == NULL)
    return NULL;
  if (g_hash_table_contains (check->tables, name))
    return g_hash_table_lookup (check->tables, name);

  if (create_table (check, name, columns))
    {
      g_hash_table_insert (check->tables, g_strdup (name), g_strdup (name));
      return g_hash_table_lookup (check->tables, name);
    }

  stand_in = g_strdup_printf ("cardinal scratch %u", ++check->n_stand_ins);
  if (!create_table (check, stand_in, columns))
    {
      g_free (stand_in);
      return NULL;
    }
  g_hash_table_insert (check->tables, g_strdup (name), stand_in);
  return stand_in;
}

static void
stand_in_function (sqlite3_context *context,
                   int              argc,
                   sqlite3_value  **argv)
{
  (void) argc;
  (void) argv;
  sqlite3_result_null (context);
}

/* SQLite knows few functions and an extension or the application may add
 * more; an unknown function is not a syntax problem, so it gets a stand-in
 * and the text is prepared again. Returns whether one was added. */
static gboolean
add_stand_in_function (CardinalSqlCheck *self,
                       const char       *message)
{
  static const char prefix[] = "no such function: ";
  const char *name;

  if (!g_str_has_prefix (message, prefix))
    return FALSE;
  name = message + strlen (prefix);
  if (name[0] == '\0' || g_hash_table_size (self->functions) >= 256 ||
      g_hash_table_contains (self->functions, name))
    return FALSE;
  if (sqlite3_create_function_v2 (self->db, name, -1, SQLITE_UTF8, NULL, stand_in_function, NULL, NULL, NULL)
      != SQLITE_OK)
    return FALSE;
  g_hash_table_add (self->functions, g_strdup (name));
  return TRUE;
}

static const char *
action_name (int action)
{
  switch (action)
    {
    case SQLITE_INSERT: return "an INSERT";
    case SQLITE_UPDATE: return "an UPDATE";
    case SQLITE_DELETE: return "a DELETE";
    case SQLITE_DROP_TABLE: case SQLITE_DROP_VIEW: case SQLITE_DROP_INDEX: case SQLITE_DROP_TRIGGER:
      return "a DROP";
    case SQLITE_CREATE_TABLE: return "a CREATE TABLE";
    case SQLITE_CREATE_INDEX: return "a CREATE INDEX";
    case SQLITE_CREATE_VIEW: return "a CREATE VIEW";
    case SQLITE_CREATE_TRIGGER: return "a CREATE TRIGGER";
    case SQLITE_PRAGMA: return "a PRAGMA";
    case SQLITE_ATTACH: return "an ATTACH";
    case SQLITE_TRANSACTION: return "a transaction statement";
    default: return "a statement of another kind";
    }
}

/* Prepares @sql (never run) under @mode. On success *@columns is the
 * statement's result column count. @what names the kind for messages. */
static gboolean
sqlite_prepare (CardinalSqlCheck *self,
                Mode              mode,
                const char       *sql,
                const char       *what,
                int              *columns,
                GError          **error)
{
  for (;;)
    {
      sqlite3_stmt *statement = NULL;
      const char *tail = NULL;
      const char *rest;
      gboolean open;
      int rc;

      self->mode = mode;
      self->n_selects = 0;
      self->n_creates = 0;
      self->denied = 0;
      sqlite3_set_authorizer (self->db, authorize, self);
      rc = sqlite3_prepare_v2 (self->db, sql, -1, &statement, &tail);
      sqlite3_set_authorizer (self->db, NULL, NULL);
      self->mode = MODE_OFF;

      if (rc != SQLITE_OK)
        {
          g_autofree char *message = g_strdup (sqlite3_errmsg (self->db));

          if (self->denied != 0)
            {
              refuse (error, what, "SQLite reads it as %s", action_name (self->denied));
              return FALSE;
            }
          if (add_stand_in_function (self, message))
            continue;
          refuse (error, what, "SQLite: %s", message);
          return FALSE;
        }

      if (statement == NULL)
        {
          refuse (error, what, "the text is empty");
          return FALSE;
        }

      *columns = sqlite3_column_count (statement);
      sqlite3_finalize (statement);
      rest = cardinal_sql_lexer_skip_blank (tail, CARDINAL_SQL_LEX_SQLITE, &open);
      if (*rest != '\0')
        {
          refuse (error, what, "SQLite reads one statement and then finds more text");
          return FALSE;
        }
      return TRUE;
    }
}

static gboolean
sqlite_no_open_comment (const char  *text,
                        const char  *what,
                        GError     **error)
{
  if (sqlite_ends_in_comment (text))
    {
      refuse (error, what, "it ends inside a comment, which would swallow the SQL written after it");
      return FALSE;
    }
  return TRUE;
}

static gboolean
sqlite_expression (CardinalSqlCheck  *self,
                   const char        *text,
                   const char        *table,
                   GError           **error)
{
  const char *what = "one expression";
  g_autoptr(GString) sql = g_string_new ("SELECT (\n");
  int columns = 0;

  if (!sqlite_no_open_comment (text, what, error))
    return FALSE;

  /* On lines of their own, so a line comment in the text ends before our ")". */
  g_string_append (sql, text);
  g_string_append (sql, "\n)");
  if (table != NULL)
    {
      g_string_append (sql, " FROM ");
      cardinal_identifier_append_quoted (sql, table);
    }

  if (!sqlite_prepare (self, MODE_EXPRESSION, sql->str, what, &columns, error))
    return FALSE;
  if (columns != 1 || self->n_selects != 1)
    {
      refuse (error, what, "SQLite reads it as %s", columns != 1 ? "several values" : "more than one query");
      return FALSE;
    }
  return TRUE;
}

/* A type name as SQLite's grammar has it: identifiers, then (n) or (n, m). */
static gboolean
sqlite_type_shape (const char *text)
{
  const char *p = text;
  guint names = 0;

  for (;;)
    {
      while (*p == ' ' || *p == '\t')
        p++;
      if (!(g_ascii_isalpha (*p) || *p == '_'))
        break;
      while (g_ascii_isalnum (*p) || *p == '_')
        p++;
      names++;
    }
  if (names == 0)
    return FALSE;
  if (*p == '(')
    {
      for (guint n = 0; n < 2; n++)
        {
          p++;
          while (*p == ' ')
            p++;
          if (*p == '+' || *p == '-')
            p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
          if (*p == '.')
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
          while (*p == ' ')
            p++;
          if (*p != ',')
            break;
        }
      if (*p != ')')
        return FALSE;
      p++;
      while (*p == ' ')
        p++;
    }
  return *p == '\0';
}

static gboolean
sqlite_type (CardinalSqlCheck  *self,
             const char        *text,
             GError           **error)
{
  const char *what = "one type name";
  g_autofree char *sql = NULL;
  int columns;

  if (!sqlite_type_shape (text))
    {
      refuse (error, what, "a SQLite type is one or more words, optionally followed by (n) or (n, m)");
      return FALSE;
    }
  sql = g_strdup_printf ("CREATE TABLE \"cardinal type probe\" (c %s)", text);
  return sqlite_prepare (self, MODE_TYPE, sql, what, &columns, error);
}

static gboolean
sqlite_statement (CardinalSqlCheck  *self,
                  const char        *kind,
                  const char        *text,
                  GError           **error)
{
  g_autofree char *what = statement_what (kind);
  Mode mode;
  int columns;

  if (g_strcmp0 (kind, "view") == 0)
    mode = MODE_VIEW;
  else if (g_strcmp0 (kind, "trigger") == 0)
    mode = MODE_TRIGGER;
  else
    {
      refuse (error, what, "SQLite has no SQL objects of kind \"%s\" (only views and triggers)", kind);
      return FALSE;
    }

  if (!sqlite_no_open_comment (text, what, error) ||
      !sqlite_prepare (self, mode, text, what, &columns, error))
    return FALSE;
  if (self->n_creates != 1)
    {
      refuse (error, what, "SQLite does not read it as a CREATE %s", mode == MODE_VIEW ? "VIEW" : "TRIGGER");
      return FALSE;
    }
  return TRUE;
}

/* ---- libpg_query ---- */

/* The parse tree of @sql as JSON, or NULL with the parser's message. */
static JsonNode *
pg_parse (const char  *sql,
          const char  *what,
          GError     **error)
{
  PgQueryParseResult result = pg_query_parse (sql);
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root = NULL;

  if (result.error != NULL)
    {
      refuse (error, what, "PostgreSQL: %s", result.error->message);
      pg_query_free_parse_result (result);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (json_parser_load_from_data (parser, result.parse_tree, -1, NULL))
    root = json_node_copy (json_parser_get_root (parser));
  pg_query_free_parse_result (result);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_clear_pointer (&root, json_node_unref);
      refuse (error, what, "libpg_query's parse tree could not be read");
    }
  return root;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
array_object (JsonArray *array,
              guint      i)
{
  JsonNode *node = array != NULL && i < json_array_get_length (array) ? json_array_get_element (array, i) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A node is { "TypeName": { … } }: its one member's name and body. */
static const char *
node_type (JsonObject  *node,
           JsonObject **body)
{
  g_autoptr(GList) members = NULL;
  const char *name;

  *body = NULL;
  if (node == NULL || json_object_get_size (node) != 1)
    return NULL;
  members = json_object_get_members (node);
  name = members->data;
  *body = member_object (node, name);
  return name;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

/* The one SELECT of "SELECT <text>, 0" and its first target's value, when the
 * text kept to the place it was given: exactly one statement, a plain SELECT
 * (no FROM, WHERE, set operation, …) of two targets, the second being our
 * sentinel at @sentinel. */
static JsonObject *
pg_single_value (JsonNode    *root,
                 gsize        sentinel,
                 const char  *what,
                 GError     **error)
{
  static const char * const allowed[] = { "targetList", "limitOption", "op", NULL };
  JsonArray *statements = member_array (json_node_get_object (root), "stmts");
  JsonObject *select = NULL;
  JsonObject *first, *second;
  JsonArray *targets;
  g_autoptr(GList) members = NULL;
  const char *type;

  if (statements == NULL || json_array_get_length (statements) != 1)
    {
      refuse (error, what, "PostgreSQL reads more than one statement");
      return NULL;
    }
  type = node_type (member_object (array_object (statements, 0), "stmt"), &select);
  if (g_strcmp0 (type, "SelectStmt") != 0 || select == NULL)
    {
      refuse (error, what, "PostgreSQL reads it as %s", type ? type : "a statement of another kind");
      return NULL;
    }
  members = json_object_get_members (select);
  for (GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      {
        refuse (error, what, "PostgreSQL reads a query, not a value (it has %s)", (const char *) l->data);
        return NULL;
      }
  if (g_strcmp0 (member_string (select, "op"), "SETOP_NONE") != 0)
    {
      refuse (error, what, "PostgreSQL reads a set operation");
      return NULL;
    }

  targets = member_array (select, "targetList");
  first = member_object (array_object (targets, 0), "ResTarget");
  second = member_object (array_object (targets, 1), "ResTarget");
  if (targets == NULL || json_array_get_length (targets) != 2 || first == NULL || second == NULL ||
      member_int (second, "location") != (gint64) sentinel)
    {
      refuse (error, what, "PostgreSQL reads several values, or the text ends inside a comment");
      return NULL;
    }
  if (json_object_has_member (first, "name") || json_object_has_member (first, "indirection"))
    {
      refuse (error, what, "PostgreSQL reads a value with an alias");
      return NULL;
    }
  return member_object (first, "val");
}

static gboolean
pg_expression (const char  *text,
               GError     **error)
{
  const char *what = "one expression";
  g_autofree char *sql = g_strdup_printf ("SELECT %s, 0", text);
  g_autoptr(JsonNode) root = pg_parse (sql, what, error);

  if (root == NULL)
    return FALSE;
  return pg_single_value (root, strlen (sql) - 1, what, error) != NULL;
}

static gboolean
pg_type (const char  *text,
         GError     **error)
{
  const char *what = "one type name";
  static const char prefix[] = "SELECT CAST(NULL AS ";
  g_autofree char *sql = g_strdup_printf ("%s%s), 0", prefix, text);
  g_autoptr(JsonNode) root = pg_parse (sql, what, error);
  JsonObject *value, *cast = NULL, *argument = NULL, *constant;
  const char *type;

  if (root == NULL)
    return FALSE;
  value = pg_single_value (root, strlen (sql) - 1, what, error);
  if (value == NULL)
    return FALSE;
  type = node_type (value, &cast);
  if (g_strcmp0 (type, "TypeCast") == 0)
    node_type (member_object (cast, "arg"), &argument);
  constant = argument;
  /* Our own NULL, where we put it: the text did not rewrite the cast. */
  if (cast == NULL || constant == NULL || !json_object_has_member (constant, "isnull") ||
      member_int (constant, "location") != (gint64) strlen ("SELECT CAST(") ||
      member_object (cast, "typeName") == NULL)
    {
      refuse (error, what, "PostgreSQL does not read it as a type");
      return FALSE;
    }
  return TRUE;
}

/* Statements a "statement" object may not be: they change or read data,
 * roles, databases or the server rather than declare schema. */
static gboolean
pg_statement_allowed (const char *type)
{
  static const char * const prefixes[] = { "Create", "Alter", "Define", "Comment", "Grant", "Index", "View",
                                           "Rule", "CompositeType", "Rename", "SecLabel", NULL };
  static const char * const denied[] = {
    "AlterSystemStmt", "CreatedbStmt", "AlterDatabaseStmt", "AlterDatabaseSetStmt",
    "AlterDatabaseRefreshCollStmt", "CreateRoleStmt", "AlterRoleStmt", "AlterRoleSetStmt", "GrantRoleStmt",
    "CreateTableSpaceStmt", "AlterTableSpaceOptionsStmt", "AlterTableMoveAllStmt", "CreateSubscriptionStmt",
    "AlterSubscriptionStmt", "CreateTableAsStmt", "CreateUserMappingStmt", "AlterUserMappingStmt", NULL
  };

  if (type == NULL || g_strv_contains (denied, type))
    return FALSE;
  for (guint i = 0; prefixes[i] != NULL; i++)
    if (g_str_has_prefix (type, prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
pg_kind_matches (const char *kind,
                 const char *type,
                 JsonObject *body)
{
  const char *object_kind = member_string (body, "kind");

  if (g_str_equal (kind, "view"))
    return g_strcmp0 (type, "ViewStmt") == 0;
  if (g_str_equal (kind, "materialized-view"))
    return g_strcmp0 (type, "CreateTableAsStmt") == 0 &&
           g_strcmp0 (member_string (body, "objtype"), "OBJECT_MATVIEW") == 0;
  if (g_str_equal (kind, "function") || g_str_equal (kind, "procedure"))
    return g_strcmp0 (type, "CreateFunctionStmt") == 0;
  if (g_str_equal (kind, "aggregate"))
    return g_strcmp0 (type, "DefineStmt") == 0 && g_strcmp0 (object_kind, "OBJECT_AGGREGATE") == 0;
  if (g_str_equal (kind, "trigger"))
    return g_strcmp0 (type, "CreateTrigStmt") == 0;
  if (g_str_equal (kind, "rule"))
    return g_strcmp0 (type, "RuleStmt") == 0;
  if (g_str_equal (kind, "partition"))
    return g_strcmp0 (type, "CreateStmt") == 0 && member_object (body, "partbound") != NULL;
  if (g_str_equal (kind, "type"))
    return g_strcmp0 (type, "CompositeTypeStmt") == 0 || g_strcmp0 (type, "CreateEnumStmt") == 0 ||
           g_strcmp0 (type, "CreateRangeStmt") == 0 ||
           (g_strcmp0 (type, "DefineStmt") == 0 && g_strcmp0 (object_kind, "OBJECT_TYPE") == 0);
  if (g_str_equal (kind, "comment"))
    return g_strcmp0 (type, "CommentStmt") == 0;
  if (g_str_equal (kind, "policy"))
    return g_strcmp0 (type, "CreatePolicyStmt") == 0;
  if (g_str_equal (kind, "statement"))
    {
      JsonArray *commands = member_array (body, "cmds");

      if (!pg_statement_allowed (type))
        return FALSE;
      /* ALTER TABLE … DROP … removes what the model describes. */
      for (guint i = 0; commands != NULL && i < json_array_get_length (commands); i++)
        {
          const char *subtype = member_string (member_object (array_object (commands, i), "AlterTableCmd"),
                                               "subtype");

          if (subtype != NULL && g_str_has_prefix (subtype, "AT_Drop"))
            return FALSE;
        }
      return TRUE;
    }
  return FALSE;
}

static gboolean
pg_statement (const char  *kind,
              const char  *text,
              GError     **error)
{
  g_autofree char *what = statement_what (kind);
  /* Our sentinel statement must start right after the text's end: the text
   * neither swallows it in a comment nor brings statements of its own. */
  g_autofree char *sql = g_strdup_printf ("%s; SELECT 0", text);
  g_autoptr(JsonNode) root = pg_parse (sql, what, error);
  JsonArray *statements;
  JsonObject *body = NULL;
  const char *type;

  if (root == NULL)
    return FALSE;
  statements = member_array (json_node_get_object (root), "stmts");
  if (statements == NULL || json_array_get_length (statements) != 2 ||
      member_int (array_object (statements, 1), "stmt_location") != (gint64) strlen (text) + 1)
    {
      refuse (error, what, "PostgreSQL reads more than one statement, or the text ends inside a comment");
      return FALSE;
    }
  type = node_type (member_object (array_object (statements, 0), "stmt"), &body);
  if (!pg_kind_matches (kind, type, body))
    {
      refuse (error, what, "PostgreSQL reads it as %s", type ? type : "a statement of another kind");
      return FALSE;
    }
  return TRUE;
}

/* ---- Public ---- */

/* A model repeats its defaults and types ("0", "CURRENT_TIMESTAMP") many
 * times; each distinct fragment is parsed once per checker, and looking a
 * verdict up allocates nothing unless the fragment names a table's columns. */
typedef enum
{
  VERDICT_EXPRESSION,
  VERDICT_TYPE,
  VERDICT_ROW,
} Verdict;

static GHashTable *
verdicts (CardinalSqlCheck *self,
          Verdict           verdict,
          CardinalDialect   dialect)
{
  return self->verdicts[verdict][dialect == CARDINAL_DIALECT_SQLITE ? 0 : 1];
}

static gboolean
recall (GHashTable  *table,
        const char  *key,
        gboolean    *accepted,
        GError     **error)
{
  gpointer message;

  if (!g_hash_table_lookup_extended (table, key, NULL, &message))
    return FALSE;
  *accepted = message == NULL;
  if (message != NULL)
    g_set_error_literal (error, CARDINAL_SQL_CHECK_ERROR, CARDINAL_SQL_CHECK_ERROR_REFUSED, message);
  return TRUE;
}

static void
remember (GHashTable   *table,
          const char   *key,
          gboolean      accepted,
          const GError *error)
{
  g_hash_table_insert (table, g_strdup (key), accepted || error == NULL ? NULL : g_strdup (error->message));
}

static gboolean
not_empty (const char  *text,
           const char  *what,
           GError     **error)
{
  if (text == NULL || is_blank (text))
    {
      refuse (error, what, "the text is empty");
      return FALSE;
    }
  return TRUE;
}

static gboolean
have_sqlite (CardinalSqlCheck  *check,
             const char        *what,
             GError           **error)
{
  if (check->db == NULL)
    {
      refuse (error, what, "SQLite's scratch database could not be opened");
      return FALSE;
    }
  return TRUE;
}

gboolean
cardinal_sql_check_expression (CardinalSqlCheck  *check,
                               CardinalDialect    dialect,
                               const char        *text,
                               const char        *table,
                               GError           **error)
{
  const char *what = "one expression";
  g_autoptr(GError) local = NULL;
  g_autofree char *row_key = NULL;
  const char *key = text;
  GHashTable *known;
  gboolean accepted;

  g_return_val_if_fail (check != NULL, FALSE);

  if (!not_empty (text, what, error))
    return FALSE;
  /* PostgreSQL's parser does not look at tables. */
  if (dialect == CARDINAL_DIALECT_SQLITE && table != NULL)
    {
      row_key = g_strconcat (table, "\x1f", text, NULL);
      key = row_key;
      known = verdicts (check, VERDICT_ROW, dialect);
    }
  else
    known = verdicts (check, VERDICT_EXPRESSION, dialect);
  if (recall (known, key, &accepted, error))
    return accepted;
  if (dialect == CARDINAL_DIALECT_POSTGRESQL)
    accepted = pg_expression (text, &local);
  else
    accepted = have_sqlite (check, what, &local) && sqlite_expression (check, text, table, &local);
  remember (known, key, accepted, local);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return accepted;
}

gboolean
cardinal_sql_check_type (CardinalSqlCheck  *check,
                         CardinalDialect    dialect,
                         const char        *text,
                         GError           **error)
{
  const char *what = "one type name";
  g_autoptr(GError) local = NULL;
  GHashTable *known;
  gboolean accepted;

  g_return_val_if_fail (check != NULL, FALSE);

  if (!not_empty (text, what, error))
    return FALSE;
  known = verdicts (check, VERDICT_TYPE, dialect);
  if (recall (known, text, &accepted, error))
    return accepted;
  if (dialect == CARDINAL_DIALECT_POSTGRESQL)
    accepted = pg_type (text, &local);
  else
    accepted = have_sqlite (check, what, &local) && sqlite_type (check, text, &local);
  remember (known, text, accepted, local);
  if (local != NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return accepted;
}

gboolean
cardinal_sql_check_partition_by (CardinalSqlCheck  *check,
                                 const char        *text,
                                 GError           **error)
{
  const char *what = "one partition key";
  static const char prefix[] = "CREATE TABLE t () PARTITION BY ";
  g_autofree char *sql = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *statements;
  JsonObject *body = NULL;
  const char *type;

  g_return_val_if_fail (check != NULL, FALSE);

  if (!not_empty (text, what, error))
    return FALSE;
  /* As for statements: our sentinel must follow the text right where we put it. */
  sql = g_strdup_printf ("%s%s; SELECT 0", prefix, text);
  root = pg_parse (sql, what, error);
  if (root == NULL)
    return FALSE;
  statements = member_array (json_node_get_object (root), "stmts");
  if (statements == NULL || json_array_get_length (statements) != 2 ||
      member_int (array_object (statements, 1), "stmt_location") != (gint64) (strlen (prefix) + strlen (text) + 1))
    {
      refuse (error, what, "PostgreSQL reads more than one statement, or the text ends inside a comment");
      return FALSE;
    }
  type = node_type (member_object (array_object (statements, 0), "stmt"), &body);
  if (g_strcmp0 (type, "CreateStmt") != 0 || member_object (body, "partspec") == NULL ||
      member_array (body, "tableElts") != NULL || member_array (body, "inhRelations") != NULL ||
      member_object (body, "partbound") != NULL || member_array (body, "options") != NULL ||
      json_object_has_member (body, "tablespacename") || json_object_has_member (body, "accessMethod"))
    {
      refuse (error, what, "PostgreSQL does not read it as PARTITION BY's strategy and key alone");
      return FALSE;
    }
  return TRUE;
}

static const char * const kinds[] = { "view", "materialized-view", "function", "procedure", "aggregate", "trigger",
                                      "rule", "partition", "type", "comment", "policy", "statement", NULL };

gboolean
cardinal_sql_check_statement (CardinalSqlCheck  *check,
                              CardinalDialect    dialect,
                              const char        *kind,
                              const char        *text,
                              GError           **error)
{
  g_autofree char *what = statement_what (kind);

  g_return_val_if_fail (check != NULL, FALSE);

  if (!not_empty (text, what, error))
    return FALSE;
  if (kind == NULL || !g_strv_contains (kinds, kind))
    {
      refuse (error, what, "\"%s\" is not a kind of SQL object", kind ? kind : "");
      return FALSE;
    }
  if (dialect == CARDINAL_DIALECT_POSTGRESQL)
    return pg_statement (kind, text, error);
  return have_sqlite (check, what, error) && sqlite_statement (check, kind, text, error);
}
