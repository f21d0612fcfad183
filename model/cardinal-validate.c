/* cardinal-validate.c: checks a logical model and reports diagnostics with stable CARD### codes. */

/*
 * Diagnostic codes. A code keeps its number and meaning for good: scripts and
 * the canvas key on it. A new check takes the next free number.
 *
 * CARD001 error    A name is empty: entity, attribute, relationship, link
 *                  attribute, or a role or link table given explicitly.
 *                  Fix: name it; for a role or link table, leave the key out.
 * CARD002 error    A name is not a usable identifier (invalid UTF-8, a control
 *                  character, a leading or trailing space). Fix: rename it.
 * CARD003 error    Two names equal up to case: entities, attributes of one
 *                  entity, link attributes of one relationship, relationships,
 *                  or tables (a link table named like an entity or like another
 *                  link table). Fix: rename one; for a link table set link-table.
 * CARD004 error    An identifier longer than 63 bytes, which PostgreSQL cuts:
 *                  entity, attribute, link attribute, link table, generated
 *                  foreign-key column. Fix: shorten it; for a foreign-key column
 *                  set a shorter entity1-role / entity2-role.
 * CARD005 warning  An SQL reserved word as a table or column name. Generated SQL
 *                  quotes it; hand-written SQL must too. Fix: rename it if that
 *                  is a nuisance.
 * CARD006 warning  An entity without a primary key (an entity folded away by a
 *                  merged relationship is exempt). Legal (DESIGN.md §3): codegen
 *                  gives it insert and list only. Fix: mark a primary-key
 *                  attribute if rows must be found again.
 * CARD007 error    A relationship names an entity that does not exist.
 *                  Fix: correct entity1 / entity2.
 * CARD008 error    The strategy does not fit the kind. Fix: pick one the kind
 *                  allows (the message lists them).
 * CARD009 error    shared-pk where entity1's or entity2's primary key is not
 *                  exactly one column. Fix: one-column keys, or unique-fk.
 * CARD010 error    shared-pk with autoincrement on entity2's key, whose value
 *                  comes from entity1. Fix: turn autoincrement off there.
 * CARD011 error    merged where entity2 takes part in other relationships, is
 *                  merged twice, or is merged into itself. Fix: unique-fk or
 *                  shared-pk, or move the other relationships to entity1.
 * CARD012 error    merged where a folded attribute has the name of a column of
 *                  entity1's table. Fix: rename the attribute.
 * CARD013 error    A relationship produces a column whose name the table
 *                  already has (another relationship's foreign key, an
 *                  attribute, the other end of a self link table). Fix: set
 *                  entity1-role / entity2-role, or rename the link attribute.
 * CARD014 error    on-delete set-null on a NOT NULL foreign key (mandatory
 *                  participation, shared-pk, link tables). Fix: cascade or
 *                  restrict, or make the participation optional.
 * CARD015 warning  Participation that the strategy's tables cannot enforce;
 *                  the diagram shows it, the DDL does not. Fix: none needed if
 *                  the application enforces it; otherwise drop the flag.
 * CARD016 warning  A cycle of mandatory (NOT NULL) foreign keys through two or
 *                  more tables: no row can be inserted first without deferring
 *                  constraints. A table referencing itself is exempt: its first
 *                  row can reference its own key. Fix: make one participation
 *                  in the cycle optional.
 * CARD017 error    shared-pk where entity2's key type cannot reference entity1's
 *                  key type. Fix: give both keys the same type.
 * CARD018 error    An attribute type that is empty or malformed ("varchar(x)",
 *                  "numeric(2,5)"). Fix: a catalogue type such as varchar(255).
 * CARD019 warning  An attribute type outside the catalogue (and not one of the
 *                  model's enums or domains, nor char(n) / character(n)),
 *                  written verbatim; it may not work in both dialects.
 *                  Fix: a catalogue type.
 * CARD020 error    Link attributes on a relationship whose strategy has no link
 *                  table. Fix: link-table / link-table-pk, or move them to an
 *                  entity.
 * CARD021 error    autoincrement on a column that is not the entity's only
 *                  primary-key column, or whose type is not integer, bigint or
 *                  smallint (SQLite needs a single INTEGER PRIMARY KEY).
 *                  Fix: turn it off, or make the column the only integer key.
 * CARD022 error    A primary-key attribute that is nullable.
 *                  Fix: "nullable": false.
 * CARD023 error    A link attribute marked primary-key; a link table's key is
 *                  made of its foreign keys (or its own id). Fix: unmark it.
 * CARD024 error    shared-pk between an entity and itself: each row would be
 *                  its own partner, and the engineer produces nothing.
 *                  Fix: unique-fk for a one-to-one inside one entity.
 *
 * CARD025 error    SQL text that the dialect's real parser does not take as
 *                  exactly one fragment of its kind: a default, generated
 *                  expression, sql-type, raw type, CHECK, index expression or
 *                  predicate, domain base, default or CHECK, sequence type.
 *                  A portable model (no dialect) is checked in both dialects.
 *                  Text like  'x'); DROP TABLE t; --  is refused here, before
 *                  it can reach DDL. Fix: write one fragment of that kind.
 * CARD026 error    An SQL object whose text is not exactly one statement of
 *                  its kind in its dialect (a DROP declared as a view).
 *                  Fix: one statement of the declared kind, no semicolon.
 * CARD027 error    entityN-columns with another number of names than the
 *                  referenced key has, a name twice, a name the other end's
 *                  FK also uses, or set for a side that has no foreign key.
 *                  Fix: one name per referenced column.
 * CARD028 error    A claimed attribute (named like an FK column of a
 *                  relationship its table holds) whose type cannot reference
 *                  the referenced column. Fix: give it the key's type.
 * CARD029 error    entityN-key names a column the referenced entity does not
 *                  have, or columns no UNIQUE or primary key covers.
 *                  Fix: name existing columns and add a UNIQUE over them.
 * CARD030 error    primary-key-order that is not an ordering of the key's
 *                  columns. Fix: list each key column once.
 * CARD031 error    A unique constraint or index naming a column the table
 *                  does not have. Fix: correct the column name.
 * CARD032 error    An SQL object's depends-on names no table, type, sequence
 *                  or SQL object of the model. Fix: correct or drop the name.
 * CARD033 error    identity always or serial on an attribute that is not
 *                  autoincrement. Fix: set autoincrement or drop identity.
 * CARD034 error    A relationship references an entity that has no primary
 *                  key and no entityN-key names the referenced columns.
 *                  Fix: a primary key, or entityN-key over a UNIQUE.
 * CARD035 error    A table named sqlite_…, a prefix SQLite reserves for its
 *                  own tables (checked when SQLite is a target). Fix: rename.
 * CARD036 error    A table with more columns than the engine allows
 *                  (PostgreSQL 1600, SQLite 2000). Fix: split the entity.
 *
 * The table-level checks (CARD003 for tables, CARD004 and CARD005 for
 * generated columns, CARD012, CARD013, CARD016, CARD028 for default-named
 * FK columns, CARD031, CARD035, CARD036) read the engineered schema, so the
 * naming rules live in the engineer only. SQL text is judged by
 * cardinal-sql-check.c, that is by libpg_query and SQLite themselves.
 */

#include "cardinal-validate.h"
#include "cardinal-enum.h"
#include "cardinal-model-enums.h"
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-sql-check.h"
#include "cardinal-types.h"

#include <stdarg.h>
#include <string.h>

typedef enum
{
  CHECK_EMPTY_NAME,
  CHECK_INVALID_NAME,
  CHECK_DUPLICATE_NAME,
  CHECK_LONG_NAME,
  CHECK_RESERVED_WORD,
  CHECK_NO_PRIMARY_KEY,
  CHECK_MISSING_ENTITY,
  CHECK_STRATEGY_KIND,
  CHECK_SHARED_PK_KEY,
  CHECK_SHARED_PK_AUTOINCREMENT,
  CHECK_MERGED_DEPENDENT,
  CHECK_MERGED_CLASH,
  CHECK_COLUMN_CLASH,
  CHECK_SET_NULL_MANDATORY,
  CHECK_PARTICIPATION,
  CHECK_MANDATORY_CYCLE,
  CHECK_SHARED_PK_TYPE,
  CHECK_BAD_TYPE,
  CHECK_RAW_TYPE,
  CHECK_LINK_ATTRIBUTES,
  CHECK_AUTOINCREMENT,
  CHECK_NULLABLE_KEY,
  CHECK_LINK_ATTRIBUTE_KEY,
  CHECK_SHARED_PK_SELF,
  CHECK_BAD_SQL,
  CHECK_BAD_SQL_OBJECT,
  CHECK_FK_COLUMNS,
  CHECK_CLAIMED_TYPE,
  CHECK_REFERENCED_KEY,
  CHECK_PRIMARY_KEY_ORDER,
  CHECK_UNKNOWN_COLUMN,
  CHECK_DEPENDENCY,
  CHECK_IDENTITY,
  CHECK_NO_REFERENCED_KEY,
  CHECK_SQLITE_NAME,
  CHECK_TOO_MANY_COLUMNS,
  N_CHECKS
} Check;

/* One place decides each code's severity, so a code can never be both. */
static const struct
{
  const char       *code;
  CardinalSeverity  severity;
} checks[] = {
  [CHECK_EMPTY_NAME] = { "CARD001", CARDINAL_SEVERITY_ERROR },
  [CHECK_INVALID_NAME] = { "CARD002", CARDINAL_SEVERITY_ERROR },
  [CHECK_DUPLICATE_NAME] = { "CARD003", CARDINAL_SEVERITY_ERROR },
  [CHECK_LONG_NAME] = { "CARD004", CARDINAL_SEVERITY_ERROR },
  [CHECK_RESERVED_WORD] = { "CARD005", CARDINAL_SEVERITY_WARNING },
  [CHECK_NO_PRIMARY_KEY] = { "CARD006", CARDINAL_SEVERITY_WARNING },
  [CHECK_MISSING_ENTITY] = { "CARD007", CARDINAL_SEVERITY_ERROR },
  [CHECK_STRATEGY_KIND] = { "CARD008", CARDINAL_SEVERITY_ERROR },
  [CHECK_SHARED_PK_KEY] = { "CARD009", CARDINAL_SEVERITY_ERROR },
  [CHECK_SHARED_PK_AUTOINCREMENT] = { "CARD010", CARDINAL_SEVERITY_ERROR },
  [CHECK_MERGED_DEPENDENT] = { "CARD011", CARDINAL_SEVERITY_ERROR },
  [CHECK_MERGED_CLASH] = { "CARD012", CARDINAL_SEVERITY_ERROR },
  [CHECK_COLUMN_CLASH] = { "CARD013", CARDINAL_SEVERITY_ERROR },
  [CHECK_SET_NULL_MANDATORY] = { "CARD014", CARDINAL_SEVERITY_ERROR },
  [CHECK_PARTICIPATION] = { "CARD015", CARDINAL_SEVERITY_WARNING },
  [CHECK_MANDATORY_CYCLE] = { "CARD016", CARDINAL_SEVERITY_WARNING },
  [CHECK_SHARED_PK_TYPE] = { "CARD017", CARDINAL_SEVERITY_ERROR },
  [CHECK_BAD_TYPE] = { "CARD018", CARDINAL_SEVERITY_ERROR },
  [CHECK_RAW_TYPE] = { "CARD019", CARDINAL_SEVERITY_WARNING },
  [CHECK_LINK_ATTRIBUTES] = { "CARD020", CARDINAL_SEVERITY_ERROR },
  [CHECK_AUTOINCREMENT] = { "CARD021", CARDINAL_SEVERITY_ERROR },
  [CHECK_NULLABLE_KEY] = { "CARD022", CARDINAL_SEVERITY_ERROR },
  [CHECK_LINK_ATTRIBUTE_KEY] = { "CARD023", CARDINAL_SEVERITY_ERROR },
  [CHECK_SHARED_PK_SELF] = { "CARD024", CARDINAL_SEVERITY_ERROR },
  [CHECK_BAD_SQL] = { "CARD025", CARDINAL_SEVERITY_ERROR },
  [CHECK_BAD_SQL_OBJECT] = { "CARD026", CARDINAL_SEVERITY_ERROR },
  [CHECK_FK_COLUMNS] = { "CARD027", CARDINAL_SEVERITY_ERROR },
  [CHECK_CLAIMED_TYPE] = { "CARD028", CARDINAL_SEVERITY_ERROR },
  [CHECK_REFERENCED_KEY] = { "CARD029", CARDINAL_SEVERITY_ERROR },
  [CHECK_PRIMARY_KEY_ORDER] = { "CARD030", CARDINAL_SEVERITY_ERROR },
  [CHECK_UNKNOWN_COLUMN] = { "CARD031", CARDINAL_SEVERITY_ERROR },
  [CHECK_DEPENDENCY] = { "CARD032", CARDINAL_SEVERITY_ERROR },
  [CHECK_IDENTITY] = { "CARD033", CARDINAL_SEVERITY_ERROR },
  [CHECK_NO_REFERENCED_KEY] = { "CARD034", CARDINAL_SEVERITY_ERROR },
  [CHECK_SQLITE_NAME] = { "CARD035", CARDINAL_SEVERITY_ERROR },
  [CHECK_TOO_MANY_COLUMNS] = { "CARD036", CARDINAL_SEVERITY_ERROR },
};

G_STATIC_ASSERT (G_N_ELEMENTS (checks) == N_CHECKS);

#define SMALL_SET 16

/* Names seen so far, compared up to case: a scan of a fixed array while
 * there are few (an entity's attributes, a table's columns: no allocation),
 * a hash table beyond that (the model's entities and relationships). */
typedef struct
{
  guint        n;
  guint        hashes[SMALL_SET];
  const char  *names[SMALL_SET];
  gpointer     values[SMALL_SET];
  GHashTable  *table;
} NameSet;

static void
name_set_reset (NameSet *set)
{
  set->n = 0;
  if (set->table != NULL)
    g_hash_table_remove_all (set->table);
}

static void
name_set_clear (NameSet *set)
{
  set->n = 0;
  g_clear_pointer (&set->table, g_hash_table_unref);
}

/* The value added with an earlier name equal to @name up to case; otherwise
 * adds @name with @value (not NULL) and returns NULL. */
static gpointer
name_set_add (NameSet    *set,
              const char *name,
              gpointer    value)
{
  gpointer earlier;

  if (set->n < SMALL_SET)
    {
      guint hash = cardinal_identifier_fold_hash (name);

      for (guint i = 0; i < set->n; i++)
        if (set->hashes[i] == hash && cardinal_identifier_fold_equal (set->names[i], name))
          return set->values[i];

      set->hashes[set->n] = hash;
      set->names[set->n] = name;
      set->values[set->n] = value;
      set->n++;
      return NULL;
    }

  if (set->n == SMALL_SET)
    {
      if (set->table == NULL)
        set->table = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
      for (guint i = 0; i < SMALL_SET; i++)
        g_hash_table_insert (set->table, (gpointer) set->names[i], set->values[i]);
    }

  earlier = g_hash_table_lookup (set->table, name);
  if (earlier != NULL)
    return earlier;
  g_hash_table_insert (set->table, (gpointer) name, value);
  set->n++;
  return NULL;
}

/* Which object a diagnostic selects on the canvas. */
typedef struct
{
  CardinalObjectKind  kind;
  const char         *entity;
  const char         *relationship;
  const char         *attribute;
} Target;

/* The first two relationships an entity takes part in: enough to tell
 * whether a merged entity has any relationship besides the merge. */
typedef struct
{
  const CardinalRelationship *first;
  const CardinalRelationship *second;
} EntityUse;

typedef struct
{
  const CardinalModel *model;
  GPtrArray           *diagnostics;
  GPtrArray           *scratch;        /* escaped names that messages were built from */
  GHashTable          *entities;       /* name → CardinalEntity; first of a name wins, as in the engineer */
  GHashTable          *relationships;  /* name → CardinalRelationship, first wins */
  GHashTable          *uses;           /* entity name → EntityUse */
  GHashTable          *merged_away;    /* names of entities folded into another entity's table */
  NameSet              entity_names;
  NameSet              relationship_names;
  NameSet              member_names;   /* of one entity or relationship at a time */
  GHashTable          *user_types;     /* folded names ("mood", "public.mood") of the model's enums and domains */
  /* Format 2 checks */
  const CardinalSchema *schema;
  CardinalSqlCheck     *sql;           /* made when the first fragment is checked */
  CardinalDialect       dialects[2];   /* the dialects the model's SQL text is checked in */
  guint                 n_dialects;
  GHashTable           *entity_tables; /* entity name → its CardinalTable, made when needed */
  GHashTable           *link_tables;   /* relationship name → its link CardinalTable, likewise */
  GHashTable           *scratch_tables; /* CardinalTable → its name in the SQLite scratch database */
  GHashTable           *tables_by_name; /* table name → first CardinalTable of the name, made when needed */
} Validator;

static void report (Validator    *self,
                    Check         check,
                    const Target *target,
                    const char   *format,
                    ...) G_GNUC_PRINTF (4, 5);

static void
report (Validator    *self,
        Check         check,
        const Target *target,
        const char   *format,
        ...)
{
  CardinalDiagnostic *diagnostic = g_new0 (CardinalDiagnostic, 1);
  va_list args;

  va_start (args, format);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);

  diagnostic->code = checks[check].code;
  diagnostic->severity = checks[check].severity;
  diagnostic->object_kind = target->kind;
  diagnostic->entity = g_strdup (target->entity);
  diagnostic->relationship = g_strdup (target->relationship);
  diagnostic->attribute = g_strdup (target->attribute);
  g_ptr_array_add (self->diagnostics, diagnostic);
}

static gboolean
needs_escape (const char *name)
{
  if (!g_utf8_validate (name, -1, NULL))
    return TRUE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\' || g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return TRUE;
    }
  return FALSE;
}

/* A name as it can be shown inside "…" in a message: a name with a newline
 * or invalid UTF-8 must not break the one-line, UTF-8 diagnostic it is in.
 * The result lives until the end of the validation. */
static const char *
show (Validator  *self,
      const char *name)
{
  GString *out;
  const char *p;

  if (name == NULL)
    return "";
  if (!needs_escape (name))
    return name;

  out = g_string_new (NULL);
  for (p = name; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_unichar (out, c);
        }
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }

  {
    char *text = g_string_free (out, FALSE);

    g_ptr_array_add (self->scratch, text);
    return text;
  }
}

/* "entity \"user\"", or "entity #3" when the name is empty; lives until the end of the validation. */
static const char *
label (Validator  *self,
       const char *what,
       const char *name,
       guint       position)
{
  char *text;

  if (name == NULL || name[0] == '\0')
    text = g_strdup_printf ("%s #%u", what, position + 1);
  else
    text = g_strdup_printf ("%s \"%s\"", what, show (self, name));
  g_ptr_array_add (self->scratch, text);
  return text;
}

/* The "entity \"user\": " in front of a message, built only when a message needs it. */
typedef struct
{
  const char *what;      /* "entity", "relationship", or NULL for no prefix */
  const char *name;
  guint       position;
  char       *text;
} Scope;

static const char *
scope_prefix (Validator *self,
              Scope     *scope)
{
  if (scope->text == NULL)
    {
      if (scope->what == NULL)
        scope->text = g_strdup ("");
      else
        scope->text = g_strdup_printf ("%s: ", label (self, scope->what, scope->name, scope->position));
      g_ptr_array_add (self->scratch, scope->text);
    }
  return scope->text;
}

/* Format 2 checks of one attribute, run in the same pass as the others. */
static void check_attribute_sql (Validator                  *self,
                                 const Target               *target,
                                 Scope                      *scope,
                                 const CardinalAttribute    *attribute,
                                 const CardinalEntity       *entity,
                                 const CardinalRelationship *relationship);

/* CARD003: @names maps names to the first name seen, comparing them folded. */
static void
check_duplicate (Validator    *self,
                 NameSet      *names,
                 const Target *target,
                 Scope        *scope,
                 const char   *what,
                 const char   *name)
{
  const char *first = name_set_add (names, name, (gpointer) name);

  if (first == NULL)
    return;

  if (strcmp (first, name) == 0)
    report (self, CHECK_DUPLICATE_NAME, target, "%s%s \"%s\" is declared twice",
            scope_prefix (self, scope), what, show (self, name));
  else
    report (self, CHECK_DUPLICATE_NAME, target,
            "%s%s \"%s\" has the same name as %s \"%s\" up to case; SQLite takes them for one name",
            scope_prefix (self, scope), what, show (self, name), what, show (self, first));
}

/* CARD001, CARD002 and, for names that become SQL identifiers, CARD004 and
 * CARD005. Returns whether the name can take part in clash checks. */
static gboolean
check_name (Validator    *self,
            const Target *target,
            Scope        *scope,
            const char   *what,
            const char   *name,
            guint         position,
            gboolean      sql_identifier)
{
  const char *problem;
  gsize length;

  if (name == NULL || name[0] == '\0')
    {
      report (self, CHECK_EMPTY_NAME, target, "%s%s #%u has an empty name",
              scope_prefix (self, scope), what, position + 1);
      return FALSE;
    }

  problem = cardinal_identifier_problem (name);
  if (problem != NULL)
    {
      report (self, CHECK_INVALID_NAME, target, "%s%s \"%s\" has an invalid name: it %s",
              scope_prefix (self, scope), what, show (self, name), problem);
      return TRUE;
    }

  if (!sql_identifier)
    return TRUE;

  length = strlen (name);
  if (length > CARDINAL_IDENTIFIER_MAX_BYTES)
    report (self, CHECK_LONG_NAME, target,
            "%s%s \"%s\" is %" G_GSIZE_FORMAT " bytes long; PostgreSQL cuts identifiers at %d bytes",
            scope_prefix (self, scope), what, show (self, name), length, CARDINAL_IDENTIFIER_MAX_BYTES);

  if (cardinal_identifier_is_reserved (name))
    report (self, CHECK_RESERVED_WORD, target,
            "%s%s \"%s\" is named with an SQL reserved word; generated SQL quotes it, "
            "hand-written SQL must too",
            scope_prefix (self, scope), what, show (self, name));

  return TRUE;
}

/* ---- SQL text, checked with the real parsers ---- */

static const char *
dialect_label (CardinalDialect dialect)
{
  return dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL";
}

static gboolean
checks_dialect (Validator       *self,
                CardinalDialect  dialect)
{
  for (guint i = 0; i < self->n_dialects; i++)
    if (self->dialects[i] == dialect)
      return TRUE;
  return FALSE;
}

static CardinalSqlCheck *
sql_check (Validator *self)
{
  if (self->sql == NULL)
    self->sql = cardinal_sql_check_new ();
  return self->sql;
}

/* The name @table has in the SQLite scratch database, made on first use so
 * that a model without SQLite expressions naming columns creates no tables. */
static const char *
scratch_table (Validator           *self,
               const CardinalTable *table)
{
  g_autoptr(GPtrArray) columns = NULL;
  const char *name;

  if (table == NULL)
    return NULL;
  name = g_hash_table_lookup (self->scratch_tables, table);
  if (name != NULL)
    return name;

  columns = g_ptr_array_new ();
  for (guint i = 0; i < table->columns->len; i++)
    g_ptr_array_add (columns, ((CardinalColumn *) g_ptr_array_index (table->columns, i))->name);
  g_ptr_array_add (columns, NULL);
  name = cardinal_sql_check_add_table (sql_check (self), table->name, (const char * const *) columns->pdata);
  if (name != NULL)
    g_hash_table_insert (self->scratch_tables, (gpointer) table, (gpointer) name);
  return name;
}

/* A domain's CHECKs name the value as VALUE. */
static const char *
scratch_domain_table (Validator *self)
{
  static const char * const columns[] = { "VALUE", NULL };

  return cardinal_sql_check_add_table (sql_check (self), "cardinal domain value", columns);
}

typedef enum
{
  FRAGMENT_EXPRESSION,   /* names no column: defaults */
  FRAGMENT_ROW,          /* may name the columns of the table given */
  FRAGMENT_DOMAIN,       /* may name VALUE */
  FRAGMENT_TYPE,
} Fragment;

/* Which text a CARD025 is about: @text, or "the @kind of @noun \"@name\"",
 * built only when there is something to report (most text is fine). */
typedef struct
{
  const char *text;
  const char *kind;
  const char *noun;
  const char *name;
} What;

/* CARD025: @text must be one fragment of @fragment in every dialect checked. */
static void
check_fragment (Validator           *self,
                const Target        *target,
                Scope               *scope,
                const What          *what,
                Fragment             fragment,
                const char          *text,
                const CardinalTable *table)
{
  if (text == NULL)
    return;

  for (guint i = 0; i < self->n_dialects; i++)
    {
      CardinalDialect dialect = self->dialects[i];
      g_autoptr(GError) error = NULL;
      const char *scratch = NULL;
      gboolean ok;

      if (dialect == CARDINAL_DIALECT_SQLITE && fragment == FRAGMENT_ROW)
        scratch = scratch_table (self, table);
      else if (dialect == CARDINAL_DIALECT_SQLITE && fragment == FRAGMENT_DOMAIN)
        scratch = scratch_domain_table (self);

      if (fragment == FRAGMENT_TYPE)
        ok = cardinal_sql_check_type (sql_check (self), dialect, text, &error);
      else
        ok = cardinal_sql_check_expression (sql_check (self), dialect, text, scratch, &error);

      if (!ok)
        {
          g_autofree char *label_text = what->text != NULL
                                        ? g_strdup (what->text)
                                        : g_strdup_printf ("the %s of %s \"%s\"", what->kind, what->noun,
                                                           show (self, what->name));

          report (self, CHECK_BAD_SQL, target, "%s%s is not valid %s: %s",
                  scope_prefix (self, scope), label_text, dialect_label (dialect), show (self, error->message));
          return;
        }
    }
}

static gboolean
type_is_integer (const char *text)
{
  CardinalType type;

  return cardinal_type_parse (text, &type, NULL) &&
         (type.base == CARDINAL_TYPE_INTEGER || type.base == CARDINAL_TYPE_BIGINT ||
          type.base == CARDINAL_TYPE_SMALLINT);
}

/* An entity's attribute (@n_key: how many primary-key attributes it has) or,
 * when @link is TRUE, a relationship's link attribute. self->member_names
 * holds the names seen so far in the same entity or relationship. */
static void
check_attribute (Validator               *self,
                 const Target            *target,
                 Scope                   *scope,
                 const CardinalAttribute *attribute,
                 guint                    position,
                 guint                    n_key,
                 gboolean                 link)
{
  const char *what = link ? "link attribute" : "attribute";
  const char *type_text = attribute->type ? attribute->type : "";
  g_autofree char *type_problem = NULL;
  CardinalType type;

  if (check_name (self, target, scope, what, attribute->name, position, TRUE))
    check_duplicate (self, &self->member_names, target, scope, what, attribute->name);

  if (!cardinal_type_parse (type_text, &type, &type_problem))
    report (self, CHECK_BAD_TYPE, target, "%s%s \"%s\": %s",
            scope_prefix (self, scope), what, show (self, attribute->name), show (self, type_problem));
  else if (type.base == CARDINAL_TYPE_RAW && !g_hash_table_contains (self->user_types, type_text))
    {
      /* Written verbatim, so it must be exactly one type name. */
      What type_what = { NULL, "type", what, attribute->name };

      check_fragment (self, target, scope, &type_what, FRAGMENT_TYPE, type_text, NULL);
      if (!cardinal_type_is_portable_raw (type_text))
        report (self, CHECK_RAW_TYPE, target,
                "%s%s \"%s\" has the type \"%s\", which is not in the catalogue: it is written verbatim "
                "and may not work in both SQLite and PostgreSQL",
                scope_prefix (self, scope), what, show (self, attribute->name), show (self, type_text));
    }

  if (link && attribute->primary_key)
    report (self, CHECK_LINK_ATTRIBUTE_KEY, target,
            "%s%s \"%s\" is marked primary-key, but a link table's key is made of its foreign keys "
            "(or its own id); remove primary-key",
            scope_prefix (self, scope), what, show (self, attribute->name));
  /* SQLite lets NULL into a key column not declared NOT NULL, and an imported
   * SQLite model keeps that as it was. */
  else if (attribute->primary_key && attribute->nullable &&
           !(self->model->has_dialect && self->model->dialect == CARDINAL_DIALECT_SQLITE))
    report (self, CHECK_NULLABLE_KEY, target,
            "%s%s \"%s\" is in the primary key but nullable; set \"nullable\": false",
            scope_prefix (self, scope), what, show (self, attribute->name));

  /* A PostgreSQL identity may be any integer column; the SQLite DDL then
   * writes a plain column (only a single INTEGER key can autoincrement). */
  if (attribute->autoincrement && self->model->has_dialect && self->model->dialect == CARDINAL_DIALECT_POSTGRESQL)
    {
      if (!type_is_integer (type_text))
        report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but its type is \"%s\"; use integer, bigint or smallint",
                scope_prefix (self, scope), what, show (self, attribute->name), show (self, type_text));
    }
  else if (attribute->autoincrement)
    {
      if (link)
        report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement, but only an entity's single primary-key column can be",
                scope_prefix (self, scope), what, show (self, attribute->name));
      else if (!attribute->primary_key)
        report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but not in the primary key",
                scope_prefix (self, scope), what, show (self, attribute->name));
      else if (n_key != 1)
        report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but the primary key has %u columns; "
                "SQLite needs a single INTEGER PRIMARY KEY",
                scope_prefix (self, scope), what, show (self, attribute->name), n_key);
      else if (!type_is_integer (type_text))
        report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but its type is \"%s\"; use integer, bigint or smallint",
                scope_prefix (self, scope), what, show (self, attribute->name), show (self, type_text));
    }
}

static guint
count_primary_key (const CardinalEntity *entity)
{
  guint n = 0;

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        n++;
    }
  return n;
}

static const CardinalAttribute *
first_primary_key (const CardinalEntity *entity)
{
  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        return attribute;
    }
  return NULL;
}

static void
check_entity (Validator            *self,
              const CardinalEntity *entity,
              guint                 position)
{
  Target target = { CARDINAL_OBJECT_ENTITY, entity->name, NULL, NULL };
  Scope none = { NULL, NULL, 0, NULL };
  Scope scope = { "entity", entity->name, position, NULL };
  guint n_key = count_primary_key (entity);

  if (check_name (self, &target, &none, "entity", entity->name, position, TRUE))
    check_duplicate (self, &self->entity_names, &target, &none, "entity", entity->name);

  if (n_key == 0 && !g_hash_table_contains (self->merged_away, entity->name))
    report (self, CHECK_NO_PRIMARY_KEY, &target, "%s has no primary key: codegen gives it insert and list only",
            label (self, "entity", entity->name, position));

  name_set_reset (&self->member_names);
  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);
      Target attribute_target = { CARDINAL_OBJECT_ATTRIBUTE, entity->name, NULL, attribute->name };

      check_attribute (self, &attribute_target, &scope, attribute, i, n_key, FALSE);
      check_attribute_sql (self, &attribute_target, &scope, attribute, entity, NULL);
    }
}

/* An explicit role or link-table name: empty or invalid is a mistake, since
 * leaving the key out is how the default is asked for. */
static void
check_explicit_name (Validator    *self,
                     const Target *target,
                     Scope        *scope,
                     const char   *key,
                     const char   *name)
{
  const char *problem;

  if (name == NULL)
    return;

  if (name[0] == '\0')
    {
      report (self, CHECK_EMPTY_NAME, target, "%s%s is empty; leave it out to get the default",
              scope_prefix (self, scope), key);
      return;
    }

  problem = cardinal_identifier_problem (name);
  if (problem != NULL)
    report (self, CHECK_INVALID_NAME, target, "%s%s \"%s\" is not a valid name: it %s",
            scope_prefix (self, scope), key, show (self, name), problem);
}

static void
check_shared_pk (Validator            *self,
                 const Target         *target,
                 Scope                *scope,
                 const CardinalEntity *entity1,
                 const CardinalEntity *entity2)
{
  const CardinalEntity *ends[] = { entity1, entity2 };
  const CardinalAttribute *key1, *key2;
  gboolean single = TRUE;

  if (entity1 == entity2)
    {
      report (self, CHECK_SHARED_PK_SELF, target,
              "%sshared-pk between entity \"%s\" and itself would make each row its own partner; "
              "use unique-fk for a one-to-one inside one entity",
              scope_prefix (self, scope), show (self, entity1->name));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      guint n = count_primary_key (ends[i]);

      if (n == 1)
        continue;
      single = FALSE;
      if (n == 0)
        report (self, CHECK_SHARED_PK_KEY, target,
                "%sshared-pk needs a single-column primary key on \"%s\" (it has none)",
                scope_prefix (self, scope), show (self, ends[i]->name));
      else
        report (self, CHECK_SHARED_PK_KEY, target,
                "%sshared-pk needs a single-column primary key on \"%s\" (it has %u)",
                scope_prefix (self, scope), show (self, ends[i]->name), n);
    }

  if (!single)
    return;

  key1 = first_primary_key (entity1);
  key2 = first_primary_key (entity2);

  if (key2->autoincrement)
    report (self, CHECK_SHARED_PK_AUTOINCREMENT, target,
            "%sshared-pk takes the value of \"%s\".\"%s\" from \"%s\", so it cannot be autoincrement",
            scope_prefix (self, scope), show (self, entity2->name), show (self, key2->name),
            show (self, entity1->name));

  {
    CardinalType type1, type2;

    /* A malformed type is already CARD018; comparing it would only add noise. */
    if (cardinal_type_parse (key1->type ? key1->type : "", &type1, NULL) &&
        cardinal_type_parse (key2->type ? key2->type : "", &type2, NULL) &&
        !cardinal_type_fk_compatible (key2->type, key1->type))
      report (self, CHECK_SHARED_PK_TYPE, target,
              "%sshared-pk makes \"%s\".\"%s\" (%s) reference \"%s\".\"%s\" (%s); the types do not match",
              scope_prefix (self, scope),
              show (self, entity2->name), show (self, key2->name), show (self, key2->type),
              show (self, entity1->name), show (self, key1->name), show (self, key1->type));
  }
}

static void
check_merged (Validator                  *self,
              const Target               *target,
              Scope                      *scope,
              const CardinalRelationship *relationship)
{
  const EntityUse *use;
  const CardinalRelationship *other;

  if (g_str_equal (relationship->entity1, relationship->entity2))
    {
      report (self, CHECK_MERGED_DEPENDENT, target, "%smerged folds entity \"%s\" into itself",
              scope_prefix (self, scope), show (self, relationship->entity1));
      return;
    }

  use = g_hash_table_lookup (self->uses, relationship->entity2);
  if (use == NULL)
    return;
  other = use->first != relationship ? use->first : use->second;
  if (other == NULL)
    return;

  if (other->strategy == CARDINAL_STRATEGY_MERGED && g_str_equal (other->entity2, relationship->entity2))
    report (self, CHECK_MERGED_DEPENDENT, target,
            "%sentity \"%s\" is merged twice (also by relationship \"%s\"); "
            "it can be folded into one table only",
            scope_prefix (self, scope), show (self, relationship->entity2), show (self, other->name));
  else
    report (self, CHECK_MERGED_DEPENDENT, target,
            "%smerged folds entity \"%s\" into \"%s\", but \"%s\" also takes part in relationship \"%s\", "
            "which needs it to have a table of its own; use unique-fk or shared-pk",
            scope_prefix (self, scope), show (self, relationship->entity2),
            show (self, relationship->entity1), show (self, relationship->entity2), show (self, other->name));
}

/* CARD014: a set-null that the database would refuse, because the FK column is NOT NULL. */
static void
check_set_null (Validator                  *self,
                const Target               *target,
                Scope                      *scope,
                const CardinalRelationship *relationship)
{
  const char *holder = NULL;
  const char *referenced = NULL;
  const char *flag = NULL;

  if (relationship->on_delete != CARDINAL_ON_DELETE_SET_NULL)
    return;

  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
        {
          if (relationship->entity1_needs_entity2)
            {
              holder = relationship->entity1;
              referenced = relationship->entity2;
              flag = "entity1-needs-entity2";
            }
          break;
        }
      G_GNUC_FALLTHROUGH;
    case CARDINAL_STRATEGY_UNIQUE_FK:
      if (relationship->entity2_needs_entity1)
        {
          holder = relationship->entity2;
          referenced = relationship->entity1;
          flag = "entity2-needs-entity1";
        }
      break;

    case CARDINAL_STRATEGY_SHARED_PK:
      report (self, CHECK_SET_NULL_MANDATORY, target,
              "%son-delete set-null cannot work: the foreign key is the primary key of \"%s\"; "
              "use cascade or restrict",
              scope_prefix (self, scope), show (self, relationship->entity2));
      return;

    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      report (self, CHECK_SET_NULL_MANDATORY, target,
              "%son-delete set-null cannot work: the link table's foreign-key columns are NOT NULL; "
              "use cascade or restrict",
              scope_prefix (self, scope));
      return;

    case CARDINAL_STRATEGY_MERGED:
    default:
      return;
    }

  if (holder != NULL)
    report (self, CHECK_SET_NULL_MANDATORY, target,
            "%son-delete set-null on a NOT NULL foreign key (every \"%s\" must have one \"%s\"); "
            "use cascade or restrict, or turn off %s",
            scope_prefix (self, scope), show (self, holder), show (self, referenced), flag);
}

static void
report_participation (Validator    *self,
                      const Target *target,
                      Scope        *scope,
                      const char   *flag,
                      const char   *holder,
                      const char   *other,
                      const char   *how_many)
{
  report (self, CHECK_PARTICIPATION, target,
          "%s%s (every \"%s\" must have %s \"%s\") is not enforced by the DDL; the diagram still shows it",
          scope_prefix (self, scope), flag, show (self, holder), how_many, show (self, other));
}

/* CARD015: participation that the strategy's tables cannot express. */
static void
check_participation (Validator                  *self,
                     const Target               *target,
                     Scope                      *scope,
                     const CardinalRelationship *relationship)
{
  const char *e1 = relationship->entity1;
  const char *e2 = relationship->entity2;

  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
        {
          if (relationship->entity2_needs_entity1)
            report_participation (self, target, scope, "entity2-needs-entity1", e2, e1, "at least one");
        }
      else if (relationship->entity1_needs_entity2)
        report_participation (self, target, scope, "entity1-needs-entity2", e1, e2, "at least one");
      break;

    case CARDINAL_STRATEGY_UNIQUE_FK:
    case CARDINAL_STRATEGY_SHARED_PK:
      if (relationship->entity1_needs_entity2)
        report_participation (self, target, scope, "entity1-needs-entity2", e1, e2, "one");
      break;

    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      if (relationship->entity2_needs_entity1)
        report_participation (self, target, scope, "entity2-needs-entity1", e2, e1, "one");
      if (relationship->entity1_needs_entity2)
        report_participation (self, target, scope, "entity1-needs-entity2", e1, e2, "one");
      break;

    case CARDINAL_STRATEGY_MERGED:
    default:
      /* Folding makes "every B has an A" true by construction, and NOT NULL
       * folded columns enforce the other direction. */
      break;
    }
}

static void
check_relationship (Validator                  *self,
                    const CardinalRelationship *relationship,
                    guint                       position)
{
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, relationship->name, NULL };
  Scope none = { NULL, NULL, 0, NULL };
  Scope scope = { "relationship", relationship->name, position, NULL };
  const CardinalEntity *entity1 = NULL;
  const CardinalEntity *entity2 = NULL;
  gboolean fits;

  if (check_name (self, &target, &none, "relationship", relationship->name, position, FALSE))
    check_duplicate (self, &self->relationship_names, &target, &none, "relationship", relationship->name);

  check_explicit_name (self, &target, &scope, "entity1-role", relationship->entity1_role);
  check_explicit_name (self, &target, &scope, "entity2-role", relationship->entity2_role);
  check_explicit_name (self, &target, &scope, "link-table", relationship->link_table);

  for (guint end = 1; end <= 2; end++)
    {
      const char *name = end == 1 ? relationship->entity1 : relationship->entity2;
      const CardinalEntity *entity = name ? g_hash_table_lookup (self->entities, name) : NULL;

      if (end == 1)
        entity1 = entity;
      else
        entity2 = entity;
      if (entity != NULL)
        continue;

      if (name == NULL || name[0] == '\0')
        report (self, CHECK_MISSING_ENTITY, &target, "%sentity%u is not set",
                scope_prefix (self, &scope), end);
      else
        report (self, CHECK_MISSING_ENTITY, &target, "%sentity%u \"%s\" is not an entity of the model",
                scope_prefix (self, &scope), end, show (self, name));
    }

  fits = cardinal_strategy_fits_kind (relationship->strategy, relationship->kind);
  if (!fits)
    {
      CardinalStrategy fitting[CARDINAL_N_STRATEGIES];
      guint n = cardinal_kind_strategies (relationship->kind, fitting);
      g_autoptr(GString) choices = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append (choices, i + 1 == n ? " or " : ", ");
          g_string_append (choices, cardinal_strategy_to_string (fitting[i]));
        }
      report (self, CHECK_STRATEGY_KIND, &target,
              "%sstrategy %s does not fit a %s relationship; use %s",
              scope_prefix (self, &scope), cardinal_strategy_to_string (relationship->strategy),
              cardinal_kind_to_string (relationship->kind), choices->str);
    }
  else
    {
      if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK && entity1 != NULL && entity2 != NULL)
        check_shared_pk (self, &target, &scope, entity1, entity2);
      if (relationship->strategy == CARDINAL_STRATEGY_MERGED && entity1 != NULL && entity2 != NULL)
        check_merged (self, &target, &scope, relationship);
      check_set_null (self, &target, &scope, relationship);
      check_participation (self, &target, &scope, relationship);
    }

  if (relationship->link_attributes->len > 0 && !cardinal_strategy_has_link_table (relationship->strategy))
    report (self, CHECK_LINK_ATTRIBUTES, &target,
            "%sstrategy %s has no link table, so its %u link attribute%s cannot be stored; "
            "use link-table or link-table-pk, or move them to an entity",
            scope_prefix (self, &scope), cardinal_strategy_to_string (relationship->strategy),
            relationship->link_attributes->len, relationship->link_attributes->len == 1 ? "" : "s");

  name_set_reset (&self->member_names);
  for (guint i = 0; i < relationship->link_attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, i);
      Target attribute_target = { CARDINAL_OBJECT_LINK_ATTRIBUTE, NULL, relationship->name, attribute->name };

      check_attribute (self, &attribute_target, &scope, attribute, i, 0, TRUE);
      check_attribute_sql (self, &attribute_target, &scope, attribute, NULL, relationship);
    }
}

/* ---- Checks on the engineered schema ---- */

typedef struct
{
  guint                     source;
  guint                     target;
  const CardinalForeignKey *foreign_key;
} Edge;

static gboolean
is_link_table (const CardinalTable *table)
{
  return table->entity == NULL && table->relationship != NULL;
}

/* Only asked when two columns clash, so a scan of the keys is fine. */
static gboolean
is_foreign_key_column (const CardinalTable *table,
                       const char          *name)
{
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);

      if (g_strv_contains ((const char * const *) foreign_key->columns, name))
        return TRUE;
    }
  return FALSE;
}

static const CardinalRelationship *
relationship_of (Validator  *self,
                 const char *name)
{
  return name ? g_hash_table_lookup (self->relationships, name) : NULL;
}

/* Which role names the FK column @column that @relationship placed in @table. */
static const char *
role_key_for_column (const CardinalRelationship *relationship,
                     const CardinalTable        *table,
                     const char                 *column)
{
  if (is_link_table (table))
    {
      guint n = 0;

      for (guint i = 0; i < table->foreign_keys->len; i++)
        {
          CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);

          if (g_strcmp0 (foreign_key->relationship, relationship->name) != 0)
            continue;
          if (g_strv_contains ((const char * const *) foreign_key->columns, column))
            return n == 0 ? "entity1-role" : "entity2-role";
          n++;
        }
      return "entity1-role or entity2-role";
    }

  if (relationship->strategy == CARDINAL_STRATEGY_FK && relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
    return "entity2-role";
  return "entity1-role";
}

/* CARD012 and CARD013: two columns of @table whose names are equal up to case;
 * @first came earlier in the table. */
static void
check_column_clash (Validator            *self,
                    const CardinalTable  *table,
                    const CardinalColumn *first,
                    const CardinalColumn *second)
{
  const CardinalRelationship *relationship1 = relationship_of (self, first->relationship);
  const CardinalRelationship *relationship2 = relationship_of (self, second->relationship);
  const CardinalRelationship *merged = NULL;
  const CardinalColumn *folded = NULL;
  const CardinalColumn *existing = NULL;

  if (relationship2 != NULL && relationship2->strategy == CARDINAL_STRATEGY_MERGED)
    {
      merged = relationship2;
      folded = second;
      existing = first;
    }
  else if (relationship1 != NULL && relationship1->strategy == CARDINAL_STRATEGY_MERGED)
    {
      merged = relationship1;
      folded = first;
      existing = second;
    }

  if (merged != NULL)
    {
      Target target = { CARDINAL_OBJECT_ATTRIBUTE, merged->entity2, merged->name, folded->attribute };
      const char *origin = "";
      g_autofree char *from = NULL;

      /* Two attributes of the merged entity itself: already CARD003 on that entity. */
      if (relationship1 == relationship2)
        return;

      if (existing->relationship != NULL)
        {
          from = g_strdup_printf (" (from relationship \"%s\")", show (self, existing->relationship));
          origin = from;
        }
      report (self, CHECK_MERGED_CLASH, &target,
              "relationship \"%s\": merged folds attribute \"%s\" of \"%s\" into table \"%s\", "
              "which already has a column \"%s\"%s; rename the attribute",
              show (self, merged->name), show (self, folded->name), show (self, merged->entity2),
              show (self, table->name), show (self, existing->name), origin);
      return;
    }

  if (is_link_table (table))
    {
      const CardinalRelationship *relationship = relationship_of (self, table->relationship);
      gboolean first_fk = is_foreign_key_column (table, first->name);
      gboolean second_fk = is_foreign_key_column (table, second->name);
      gboolean first_link = !first_fk && first->attribute != NULL;
      gboolean second_link = !second_fk && second->attribute != NULL;
      Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, table->relationship, NULL };

      if (relationship == NULL || (first_link && second_link))
        return;

      if (first_fk && second_fk)
        report (self, CHECK_COLUMN_CLASH, &target,
                "relationship \"%s\": both ends of link table \"%s\" get the column \"%s\"; "
                "set entity1-role or entity2-role to tell them apart",
                show (self, relationship->name), show (self, table->name), show (self, second->name));
      else if (first_fk || second_fk)
        {
          const CardinalColumn *fk = first_fk ? first : second;

          report (self, CHECK_COLUMN_CLASH, &target,
                  "relationship \"%s\": link attribute \"%s\" clashes with the foreign-key column \"%s\" "
                  "of link table \"%s\"; rename the link attribute or set %s",
                  show (self, relationship->name), show (self, (first_fk ? second : first)->name),
                  show (self, fk->name), show (self, table->name),
                  role_key_for_column (relationship, table, fk->name));
        }
      else
        report (self, CHECK_COLUMN_CLASH, &target,
                "relationship \"%s\": link attribute \"%s\" clashes with the key \"%s\" "
                "of link table \"%s\"; "
                "rename the link attribute",
                show (self, relationship->name), show (self, (first_link ? first : second)->name),
                show (self, (first_link ? second : first)->name), show (self, table->name));
      return;
    }

  {
    /* In an entity table attributes come first, so the later column is the relationship's. */
    const CardinalColumn *produced = relationship2 != NULL ? second : first;
    const CardinalColumn *other = produced == second ? first : second;
    const CardinalRelationship *relationship = relationship2 != NULL ? relationship2 : relationship1;
    Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };
    g_autofree char *what = NULL;

    if (relationship == NULL)
      return;  /* two attributes: CARD003 on the entity */

    target.relationship = relationship->name;
    if (other->relationship == NULL)
      what = g_strdup_printf ("attribute \"%s\"", show (self, other->name));
    else if (g_str_equal (other->relationship, relationship->name))
      what = g_strdup_printf ("its other column \"%s\"", show (self, other->name));
    else
      what = g_strdup_printf ("the column \"%s\" of relationship \"%s\"",
                              show (self, other->name), show (self, other->relationship));

    report (self, CHECK_COLUMN_CLASH, &target,
            "relationship \"%s\": its foreign-key column \"%s\" clashes with %s in table \"%s\"; "
            "set %s to give the column another name",
            show (self, relationship->name), show (self, produced->name), what,
            show (self, table->name), role_key_for_column (relationship, table, produced->name));
  }
}

/* Most tables have a handful of columns, where a scan beats filling a hash
 * table; @columns indexes the big ones (NULL otherwise). */
static const CardinalColumn *
find_column (const CardinalTable *table,
             GHashTable          *columns,
             const char          *name)
{
  if (columns != NULL)
    return g_hash_table_lookup (columns, name);

  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (strcmp (column->name, name) == 0)
        return column;
    }
  return NULL;
}

/* CARD028 for an attribute's column that is also column @position of
 * @foreign_key: the attribute was claimed, so its type must fit. */
static void
check_claimed_column (Validator                *self,
                      const CardinalForeignKey *foreign_key,
                      guint                     position,
                      const CardinalColumn     *column)
{
  const CardinalRelationship *relationship = relationship_of (self, foreign_key->relationship);
  const CardinalTable *referenced;
  const CardinalColumn *key;
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };
  CardinalType parsed;

  /* shared-pk's FK is the key itself (CARD017); explicit entityN-columns are
   * checked from the logical model, so once is enough. */
  if (relationship == NULL || relationship->strategy == CARDINAL_STRATEGY_SHARED_PK ||
      relationship->entity1_columns != NULL || relationship->entity2_columns != NULL ||
      foreign_key->ref_columns == NULL || position >= g_strv_length (foreign_key->ref_columns))
    return;

  if (self->tables_by_name == NULL)
    {
      self->tables_by_name = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = self->schema->tables->len; i > 0; i--)
        {
          CardinalTable *table = g_ptr_array_index (self->schema->tables, i - 1);

          g_hash_table_insert (self->tables_by_name, table->name, table);
        }
    }
  referenced = g_hash_table_lookup (self->tables_by_name, foreign_key->ref_table);
  key = referenced ? cardinal_table_find_column (referenced, foreign_key->ref_columns[position]) : NULL;
  if (key == NULL || key->type == NULL || column->type == NULL ||
      !cardinal_type_parse (column->type, &parsed, NULL) || !cardinal_type_parse (key->type, &parsed, NULL) ||
      cardinal_type_fk_compatible (column->type, key->type))
    return;

  target.relationship = relationship->name;
  report (self, CHECK_CLAIMED_TYPE, &target,
          "relationship \"%s\": attribute \"%s\" is the foreign-key column to \"%s\".\"%s\" but has the type "
          "\"%s\", which cannot reference \"%s\"",
          show (self, relationship->name), show (self, column->name), show (self, referenced->name),
          show (self, key->name), show (self, column->type), show (self, key->type));
}

/* CARD004 and CARD005 for the FK columns a relationship generated in @table. */
static void
check_fk_column_names (Validator           *self,
                       const CardinalTable *table,
                       GHashTable          *columns)
{
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);

      for (guint j = 0; foreign_key->columns[j] != NULL; j++)
        {
          const CardinalColumn *column = find_column (table, columns, foreign_key->columns[j]);
          const CardinalRelationship *relationship;
          Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };
          gsize length;

          /* Columns without a relationship are attributes: shared-pk's key
           * (checked as such) or claimed attributes (DESIGN.md §3). */
          if (column != NULL && column->relationship == NULL)
            check_claimed_column (self, foreign_key, j, column);
          if (column == NULL || column->relationship == NULL)
            continue;
          relationship = relationship_of (self, column->relationship);
          if (relationship == NULL)
            continue;

          target.relationship = relationship->name;
          length = strlen (column->name);
          if (length > CARDINAL_IDENTIFIER_MAX_BYTES)
            report (self, CHECK_LONG_NAME, &target,
                    "relationship \"%s\": foreign-key column \"%s\" of table \"%s\" is %" G_GSIZE_FORMAT
                    " bytes long; PostgreSQL cuts identifiers at %d bytes; set a shorter %s",
                    show (self, relationship->name), show (self, column->name), show (self, table->name),
                    length, CARDINAL_IDENTIFIER_MAX_BYTES,
                    role_key_for_column (relationship, table, column->name));
          if (cardinal_identifier_is_reserved (column->name))
            report (self, CHECK_RESERVED_WORD, &target,
                    "relationship \"%s\": foreign-key column \"%s\" of table \"%s\" is an SQL reserved word; "
                    "generated SQL quotes it, hand-written SQL must too",
                    show (self, relationship->name), show (self, column->name), show (self, table->name));
        }
    }
}

static void
check_table_name (Validator           *self,
                  const CardinalTable *table,
                  GHashTable          *table_names)
{
  const CardinalTable *first = g_hash_table_lookup (table_names, table->name);
  const CardinalTable *link = NULL;
  const CardinalTable *other = NULL;
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };

  if (is_link_table (table))
    {
      gsize length = strlen (table->name);

      target.relationship = table->relationship;
      if (length > CARDINAL_IDENTIFIER_MAX_BYTES)
        report (self, CHECK_LONG_NAME, &target,
                "relationship \"%s\": link table \"%s\" is %" G_GSIZE_FORMAT " bytes long; "
                "PostgreSQL cuts identifiers at %d bytes; set a shorter link-table",
                show (self, table->relationship), show (self, table->name), length,
                CARDINAL_IDENTIFIER_MAX_BYTES);
      if (cardinal_identifier_is_reserved (table->name))
        report (self, CHECK_RESERVED_WORD, &target,
                "relationship \"%s\": link table \"%s\" is an SQL reserved word; "
                "generated SQL quotes it, hand-written SQL must too",
                show (self, table->relationship), show (self, table->name));
    }

  if (first == NULL)
    {
      g_hash_table_insert (table_names, table->name, (gpointer) table);
      return;
    }

  if (is_link_table (table))
    {
      link = table;
      other = first;
    }
  else if (is_link_table (first))
    {
      link = first;
      other = table;
    }
  else
    return;  /* two entities: CARD003 on the entity */

  target.relationship = link->relationship;
  if (is_link_table (other))
    report (self, CHECK_DUPLICATE_NAME, &target,
            "relationship \"%s\": link table \"%s\" has the same name as the link table "
            "of relationship \"%s\"; "
            "set link-table to another name",
            show (self, link->relationship), show (self, link->name), show (self, other->relationship));
  else
    report (self, CHECK_DUPLICATE_NAME, &target,
            "relationship \"%s\": link table \"%s\" has the same name as the table of entity \"%s\"; "
            "set link-table to another name",
            show (self, link->relationship), show (self, link->name), show (self, other->entity));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static int
compare_component (gconstpointer a,
                   gconstpointer b)
{
  GArray *x = *(GArray * const *) a;
  GArray *y = *(GArray * const *) b;

  return compare_uint (&g_array_index (x, guint, 0), &g_array_index (y, guint, 0));
}

static void
report_cycle (Validator            *self,
              const CardinalSchema *schema,
              GArray               *members,
              const Edge           *edges,
              const guint          *start,
              const guint          *component_of,
              guint                 component)
{
  enum { MAX_LISTED = 8 };
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GString) relationships = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  const CardinalTable *head = g_ptr_array_index (schema->tables, g_array_index (members, guint, 0));
  const char *first_relationship = NULL;
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };

  for (guint i = 0; i < members->len; i++)
    {
      guint node = g_array_index (members, guint, i);
      const CardinalTable *table = g_ptr_array_index (schema->tables, node);

      if (i < MAX_LISTED)
        {
          if (i > 0)
            g_string_append (tables, i + 1 == members->len ? " and " : ", ");
          g_string_append_printf (tables, "\"%s\"", show (self, table->name));
        }
      else if (i == MAX_LISTED)
        g_string_append_printf (tables, " and %u more", members->len - MAX_LISTED);

      for (guint e = start[node]; e < start[node + 1]; e++)
        {
          const char *name = edges[e].foreign_key->relationship;

          if (component_of[edges[e].target] != component || name == NULL)
            continue;
          if (first_relationship == NULL)
            first_relationship = name;
          /* A cycle has few edges; a linear scan keeps them in table order. */
          if (!g_ptr_array_find_with_equal_func (seen, name, g_str_equal, NULL))
            g_ptr_array_add (seen, (gpointer) name);
        }
    }

  for (guint i = 0; i < seen->len && i <= MAX_LISTED; i++)
    {
      if (i == MAX_LISTED)
        {
          g_string_append_printf (relationships, " and %u more", seen->len - MAX_LISTED);
          break;
        }
      if (i > 0)
        g_string_append (relationships, i + 1 == seen->len ? " and " : ", ");
      g_string_append_printf (relationships, "\"%s\"", show (self, g_ptr_array_index (seen, i)));
    }

  target.entity = head->entity;
  target.relationship = first_relationship;

  report (self, CHECK_MANDATORY_CYCLE, &target,
          "tables %s form a cycle of mandatory foreign keys (relationship%s %s): no row can be inserted "
          "first without deferring constraints; make one participation optional",
          tables->str, seen->len == 1 ? "" : "s", relationships->str);
}

/* CARD016: strongly connected components of the "must reference" graph
 * (Tarjan, iterative so a long chain cannot overflow the stack). */
static void
check_mandatory_cycles (Validator            *self,
                        const CardinalSchema *schema,
                        GArray               *edge_array)
{
  const guint unvisited = G_MAXUINT;
  guint n = schema->tables->len;
  const Edge *edges = (const Edge *) edge_array->data;
  g_autofree guint *start = g_new0 (guint, n + 1);
  g_autofree guint *order = g_new (guint, n);
  g_autofree guint *low = g_new (guint, n);
  g_autofree guint *component_of = g_new (guint, n);
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *call_node = g_new (guint, n);
  g_autofree guint *call_edge = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint counter = 0;
  guint n_components = 0;
  guint sp = 0;

  if (edge_array->len == 0)
    return;

  /* Edges arrive sorted by source, so the adjacency lists are slices of one array. */
  for (guint e = 0; e < edge_array->len; e++)
    start[edges[e].source + 1]++;
  for (guint i = 0; i < n; i++)
    start[i + 1] += start[i];

  for (guint i = 0; i < n; i++)
    {
      order[i] = unvisited;
      component_of[i] = unvisited;
    }

  for (guint root = 0; root < n; root++)
    {
      guint csp = 0;

      if (order[root] != unvisited)
        continue;

      order[root] = low[root] = counter++;
      stack[sp++] = root;
      on_stack[root] = TRUE;
      call_node[csp] = root;
      call_edge[csp] = start[root];
      csp++;

      while (csp > 0)
        {
          guint v = call_node[csp - 1];
          guint e = call_edge[csp - 1];

          if (e < start[v + 1])
            {
              guint w = edges[e].target;

              call_edge[csp - 1]++;
              if (order[w] == unvisited)
                {
                  order[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  call_node[csp] = w;
                  call_edge[csp] = start[w];
                  csp++;
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], order[w]);
              continue;
            }

          csp--;
          if (csp > 0)
            {
              guint parent = call_node[csp - 1];

              low[parent] = MIN (low[parent], low[v]);
            }

          if (low[v] == order[v])
            {
              GArray *members = g_array_new (FALSE, FALSE, sizeof (guint));
              gboolean cyclic;
              guint w;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  component_of[w] = n_components;
                  g_array_append_val (members, w);
                }
              while (w != v);

              /* A table that references itself is no cycle: both engines take
               * a first row whose FK is its own key (or NULL). */
              cyclic = members->len > 1;

              if (cyclic)
                {
                  g_array_sort (members, compare_uint);
                  g_ptr_array_add (components, members);
                }
              else
                g_array_unref (members);
              n_components++;
            }
        }
    }

  /* Report in table order, whatever order Tarjan finished them in. */
  g_ptr_array_sort (components, compare_component);
  for (guint i = 0; i < components->len; i++)
    {
      GArray *members = g_ptr_array_index (components, i);

      report_cycle (self, schema, members, edges, start, component_of,
                    component_of[g_array_index (members, guint, 0)]);
    }
}

/* CARD012 and CARD013 for each column whose name an earlier column of @table already has. */
static void
check_column_names (Validator           *self,
                    const CardinalTable *table,
                    NameSet             *column_names)
{
  name_set_reset (column_names);
  for (guint j = 0; j < table->columns->len; j++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, j);
      CardinalColumn *first = name_set_add (column_names, column->name, column);

      if (first != NULL)
        check_column_clash (self, table, first, column);
    }
}

static void
check_schema (Validator            *self,
              const CardinalSchema *schema)
{
  g_autoptr(GHashTable) table_names = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
  g_autoptr(GHashTable) table_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  NameSet column_names = { 0 };
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);

      check_table_name (self, table, table_names);
      if (!g_hash_table_contains (table_index, table->name))
        g_hash_table_insert (table_index, table->name, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);
      GHashTable *index = NULL;

      if (table->columns->len > SMALL_SET)
        {
          index = columns;
          g_hash_table_remove_all (columns);
          /* Backwards, so that the first of two equal names wins. */
          for (guint j = table->columns->len; j > 0; j--)
            {
              CardinalColumn *column = g_ptr_array_index (table->columns, j - 1);

              g_hash_table_insert (columns, column->name, column);
            }
        }

      check_column_names (self, table, &column_names);
      check_fk_column_names (self, table, index);

      /* A foreign key is mandatory when none of its columns can be NULL:
       * with MATCH SIMPLE a NULL in any column skips the check. */
      for (guint j = 0; j < table->foreign_keys->len; j++)
        {
          CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, j);
          gpointer target_index;
          gboolean mandatory = foreign_key->columns[0] != NULL;
          Edge edge;

          for (guint k = 0; mandatory && foreign_key->columns[k] != NULL; k++)
            {
              const CardinalColumn *column = find_column (table, index, foreign_key->columns[k]);

              mandatory = column != NULL && !column->nullable;
            }

          if (!mandatory ||
              !g_hash_table_lookup_extended (table_index, foreign_key->ref_table, NULL, &target_index))
            continue;

          edge.source = i;
          edge.target = GPOINTER_TO_UINT (target_index);
          edge.foreign_key = foreign_key;
          g_array_append_val (edges, edge);
        }
    }

  name_set_clear (&column_names);
  check_mandatory_cycles (self, schema, edges);
}

/* ---- Format 2: keys and table-level options ---- */

/* Entity and link tables by name, made on first use: most models never need them. */
static void
index_tables (Validator *self)
{
  if (self->entity_tables != NULL)
    return;

  self->entity_tables = g_hash_table_new (g_str_hash, g_str_equal);
  self->link_tables = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (self->schema->tables, i);

      if (table->entity != NULL && !g_hash_table_contains (self->entity_tables, table->entity))
        g_hash_table_insert (self->entity_tables, table->entity, table);
      else if (is_link_table (table) && !g_hash_table_contains (self->link_tables, table->relationship))
        g_hash_table_insert (self->link_tables, table->relationship, table);
    }
}

static const CardinalTable *
link_table_of (Validator                  *self,
               const CardinalRelationship *relationship)
{
  index_tables (self);
  return relationship->name ? g_hash_table_lookup (self->link_tables, relationship->name) : NULL;
}

/* The table an entity's rows are in: its own, or for a merged entity its host's. */
static const CardinalTable *
table_of_entity (Validator  *self,
                 const char *name)
{
  const CardinalTable *table;

  index_tables (self);
  table = name ? g_hash_table_lookup (self->entity_tables, name) : NULL;

  if (table != NULL || name == NULL || !g_hash_table_contains (self->merged_away, name))
    return table;
  for (guint i = 0; i < self->model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (self->model->relationships, i);

      if (relationship->strategy == CARDINAL_STRATEGY_MERGED && g_strcmp0 (relationship->entity2, name) == 0)
        return g_hash_table_lookup (self->entity_tables, relationship->entity1);
    }
  return NULL;
}

/* Defaults, generated expressions, sql-type and raw types of one attribute,
 * and identity without autoincrement (CARD033). */
static void
check_attribute_sql (Validator                  *self,
                     const Target               *target,
                     Scope                      *scope,
                     const CardinalAttribute    *attribute,
                     const CardinalEntity       *entity,
                     const CardinalRelationship *relationship)
{
  gboolean link = entity == NULL;
  const char *noun = link ? "link attribute" : "attribute";

  if (attribute->identity != CARDINAL_IDENTITY_BY_DEFAULT && !attribute->autoincrement)
    report (self, CHECK_IDENTITY, target, "%s%s \"%s\" has identity %s but is not autoincrement",
            scope_prefix (self, scope), noun, show (self, attribute->name),
            cardinal_identity_to_string (attribute->identity));

  if (attribute->default_value != NULL)
    {
      What what = { NULL, "default", noun, attribute->name };

      check_fragment (self, target, scope, &what, FRAGMENT_EXPRESSION, attribute->default_value, NULL);
    }
  if (attribute->generated != NULL)
    {
      What what = { NULL, "generated expression", noun, attribute->name };
      const CardinalTable *table = link ? link_table_of (self, relationship) : table_of_entity (self, entity->name);

      check_fragment (self, target, scope, &what, FRAGMENT_ROW, attribute->generated, table);
    }
  if (attribute->sql_type != NULL)
    {
      What what = { NULL, "sql-type", noun, attribute->name };

      check_fragment (self, target, scope, &what, FRAGMENT_TYPE, attribute->sql_type, NULL);
    }
}

static gboolean
has_column (const CardinalTable *table,
            const char          *name)
{
  return table != NULL && name != NULL && cardinal_table_find_column (table, name) != NULL;
}

/* CARD031 for each name of @columns (entries "" are expression keys). */
static void
check_columns_exist (Validator           *self,
                     const Target        *target,
                     Scope               *scope,
                     const CardinalTable *table,
                     const char          *what,
                     const char * const  *columns)
{
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    if (columns[i][0] != '\0' && !has_column (table, columns[i]))
      report (self, CHECK_UNKNOWN_COLUMN, target, "%s%s names the column \"%s\", which table \"%s\" does not have",
              scope_prefix (self, scope), what, show (self, columns[i]), show (self, table->name));
}

/* Index methods and operator classes are SQL names written as they are:
 * letters, digits and _, and for an operator class one schema before a dot. */
static gboolean
is_plain_name (const char *text,
               gboolean    qualified)
{
  gboolean start = TRUE;

  for (const char *p = text; ; p++)
    {
      if (*p == '\0' || (*p == '.' && qualified))
        {
          if (start)
            return FALSE;
          if (*p == '\0')
            return TRUE;
          qualified = FALSE;
          start = TRUE;
          continue;
        }
      if (!(g_ascii_isalpha (*p) || *p == '_' || (!start && g_ascii_isdigit (*p))))
        return FALSE;
      start = FALSE;
    }
}

/* The key columns @table has before any primary-key-order: the primary-key
 * attributes and the FK columns of identifying relationships. */
static GPtrArray *
key_columns (Validator            *self,
             const CardinalEntity *entity,
             const CardinalTable  *table)
{
  GPtrArray *key = g_ptr_array_new ();

  if (entity == NULL)
    {
      for (guint i = 0; table->primary_key != NULL && table->primary_key[i] != NULL; i++)
        g_ptr_array_add (key, table->primary_key[i]);
      return key;
    }

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        g_ptr_array_add (key, attribute->name);
    }
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);
      const CardinalRelationship *relationship = relationship_of (self, foreign_key->relationship);

      if (relationship == NULL || !relationship->identifying)
        continue;
      for (guint j = 0; foreign_key->columns[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (key, foreign_key->columns[j], g_str_equal, NULL))
          g_ptr_array_add (key, foreign_key->columns[j]);
    }
  return key;
}

/* CARD030: primary-key-order lists each key column once and nothing else. */
static void
check_primary_key_order (Validator            *self,
                         const Target         *target,
                         Scope                *scope,
                         const CardinalEntity *entity,
                         const CardinalEntity *options,
                         const CardinalTable  *table)
{
  g_autoptr(GPtrArray) key = NULL;
  guint n;

  if (options->primary_key_order == NULL || table == NULL)
    return;

  key = key_columns (self, entity, table);
  n = g_strv_length (options->primary_key_order);
  for (guint i = 0; i < n; i++)
    {
      const char *name = options->primary_key_order[i];
      gboolean repeated = FALSE;

      for (guint j = 0; j < i && !repeated; j++)
        repeated = g_strcmp0 (options->primary_key_order[j], name) == 0;
      if (repeated || !g_ptr_array_find_with_equal_func (key, name, g_str_equal, NULL))
        {
          report (self, CHECK_PRIMARY_KEY_ORDER, target,
                  "%sprimary-key-order names \"%s\" %s; list each primary-key column once",
                  scope_prefix (self, scope), show (self, name),
                  repeated ? "twice" : "which is not a primary-key column");
          return;
        }
    }
  if (n != key->len)
    report (self, CHECK_PRIMARY_KEY_ORDER, target,
            "%sprimary-key-order lists %u column%s but the primary key has %u; list each primary-key column once",
            scope_prefix (self, scope), n, n == 1 ? "" : "s", key->len);
}

/* Checks, uniques, indexes and key order of an entity's table or of a link
 * table (@options: the entity, or the relationship's "link"). */
static void
check_table_options (Validator            *self,
                     const Target         *target,
                     Scope                *scope,
                     const CardinalEntity *entity,
                     const CardinalEntity *options,
                     const CardinalTable  *table)
{
  for (guint i = 0; options->checks != NULL && i < options->checks->len; i++)
    {
      CardinalCheck *check = g_ptr_array_index (options->checks, i);
      g_autofree char *what = check->name
                              ? g_strdup_printf ("CHECK \"%s\"", show (self, check->name))
                              : g_strdup_printf ("CHECK #%u", i + 1);

      What label_what = { what, NULL, NULL, NULL };

      check_fragment (self, target, scope, &label_what, FRAGMENT_ROW, check->expression, table);
    }

  for (guint i = 0; options->indexes != NULL && i < options->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (options->indexes, i);
      g_autofree char *what = index->name
                              ? g_strdup_printf ("index \"%s\"", show (self, index->name))
                              : g_strdup_printf ("index #%u", i + 1);
      g_autofree char *where = g_strdup_printf ("the WHERE of %s", what);
      What where_what = { where, NULL, NULL, NULL };

      if (index->method != NULL && !is_plain_name (index->method, FALSE))
        report (self, CHECK_BAD_SQL, target, "%sthe method of %s is not one name: \"%s\"",
                scope_prefix (self, scope), what, show (self, index->method));
      for (guint k = 0; index->keys != NULL && k < index->keys->len; k++)
        {
          CardinalIndexKey *key = g_ptr_array_index (index->keys, k);
          g_autofree char *expression = g_strdup_printf ("expression key #%u of %s", k + 1, what);
          What expression_what = { expression, NULL, NULL, NULL };

          if (key->opclass != NULL && !is_plain_name (key->opclass, TRUE))
            report (self, CHECK_BAD_SQL, target, "%sthe operator class of key #%u of %s is not one name: \"%s\"",
                    scope_prefix (self, scope), k + 1, what, show (self, key->opclass));

          if (key->expression != NULL)
            check_fragment (self, target, scope, &expression_what, FRAGMENT_ROW, key->expression, table);
          if (key->column != NULL && table != NULL && !has_column (table, key->column))
            report (self, CHECK_UNKNOWN_COLUMN, target,
                    "%s%s names the column \"%s\", which table \"%s\" does not have",
                    scope_prefix (self, scope), what, show (self, key->column), show (self, table->name));
        }
      check_fragment (self, target, scope, &where_what, FRAGMENT_ROW, index->where, table);
      if (table != NULL)
        {
          check_columns_exist (self, target, scope, table, what, (const char * const *) index->columns);
          check_columns_exist (self, target, scope, table, what, (const char * const *) index->include);
        }
    }

  for (guint i = 0; table != NULL && options->uniques != NULL && i < options->uniques->len; i++)
    {
      CardinalUnique *unique = g_ptr_array_index (options->uniques, i);
      g_autofree char *what = unique->name
                              ? g_strdup_printf ("unique \"%s\"", show (self, unique->name))
                              : g_strdup_printf ("unique #%u", i + 1);

      check_columns_exist (self, target, scope, table, what, (const char * const *) unique->columns);
      check_columns_exist (self, target, scope, table, what, (const char * const *) unique->include);
    }

  /* Sequences and partitioning exist in PostgreSQL only. */
  if (options->partition_by != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!cardinal_sql_check_partition_by (sql_check (self), options->partition_by, &error))
        report (self, CHECK_BAD_SQL, target, "%spartition-by is not valid PostgreSQL: %s",
                scope_prefix (self, scope), show (self, error->message));
    }

  check_primary_key_order (self, target, scope, entity, options, table);
}

static void
check_entity_format2 (Validator            *self,
                      const CardinalEntity *entity,
                      guint                 position)
{
  Target target = { CARDINAL_OBJECT_ENTITY, entity->name, NULL, NULL };
  Scope scope = { "entity", entity->name, position, NULL };

  /* Most entities have nothing that names their table's columns. */
  if (entity->checks->len > 0 || (entity->uniques != NULL && entity->uniques->len > 0) ||
      (entity->indexes != NULL && entity->indexes->len > 0) || entity->primary_key_order != NULL ||
      entity->partition_by != NULL)
    check_table_options (self, &target, &scope, entity, entity, table_of_entity (self, entity->name));
}

/* Where relationship @relationship keeps the foreign key that references
 * entity @side (1 or 2): FALSE when it has none. */
static gboolean
has_foreign_key_to (const CardinalRelationship *relationship,
                    guint                       side)
{
  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      return TRUE;
    case CARDINAL_STRATEGY_FK:
      return (relationship->kind == CARDINAL_KIND_MANY_TO_ONE) == (side == 2);
    case CARDINAL_STRATEGY_UNIQUE_FK:
    case CARDINAL_STRATEGY_SHARED_PK:
      return side == 1;
    case CARDINAL_STRATEGY_MERGED:
    default:
      return FALSE;
    }
}

/* Whether the columns @names of @entity are unique by the logical model alone. */
static gboolean
entity_has_unique (const CardinalEntity *entity,
                   const char * const   *names)
{
  guint n = g_strv_length ((GStrv) names);
  g_autoptr(GPtrArray) key = g_ptr_array_new ();

  if (n == 1)
    {
      CardinalAttribute *attribute = cardinal_entity_find_attribute (entity, names[0]);

      if (attribute != NULL && (attribute->unique || (attribute->primary_key && count_primary_key (entity) == 1)))
        return TRUE;
    }
  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        g_ptr_array_add (key, attribute->name);
    }
  g_ptr_array_add (key, NULL);
  {
    g_autoptr(CardinalTable) probe = cardinal_table_new ("");

    g_strfreev (probe->primary_key);
    probe->primary_key = g_strdupv ((GStrv) key->pdata);
    for (guint i = 0; entity->uniques != NULL && i < entity->uniques->len; i++)
      g_ptr_array_add (probe->uniques, cardinal_unique_copy (g_ptr_array_index (entity->uniques, i)));
    for (guint i = 0; entity->indexes != NULL && i < entity->indexes->len; i++)
      g_ptr_array_add (probe->indexes, cardinal_index_copy (g_ptr_array_index (entity->indexes, i)));
    return cardinal_table_has_unique (probe, names);
  }
}

/* The type of column @name of @entity's table, or NULL. */
static const char *
column_type (const CardinalEntity *entity,
             const CardinalTable  *table,
             const char           *name)
{
  const CardinalColumn *column = table ? cardinal_table_find_column (table, name) : NULL;
  const CardinalAttribute *attribute;

  if (column != NULL)
    return column->type;
  attribute = cardinal_entity_find_attribute (entity, name);
  return attribute ? attribute->type : NULL;
}

/* The key columns of @entity by its attributes alone (newly allocated, NULL-terminated). */
static GStrv
primary_key_names (const CardinalEntity *entity)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        g_ptr_array_add (names, g_strdup (attribute->name));
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* The foreign key towards entity @side of @relationship: its referenced key
 * (CARD029, CARD034), its column names (CARD027) and, when they are given,
 * the attributes they claim (CARD028; default names are checked on the
 * engineered schema). */
static void
check_relationship_side (Validator                  *self,
                         const Target               *target,
                         Scope                      *scope,
                         const CardinalRelationship *relationship,
                         guint                       side)
{
  const char *referenced_name = side == 1 ? relationship->entity1 : relationship->entity2;
  const char *holder_name = side == 1 ? relationship->entity2 : relationship->entity1;
  GStrv columns = side == 1 ? relationship->entity1_columns : relationship->entity2_columns;
  GStrv other_columns = side == 1 ? relationship->entity2_columns : relationship->entity1_columns;
  GStrv explicit_key = side == 1 ? relationship->entity1_key : relationship->entity2_key;
  const CardinalEntity *referenced;
  const CardinalTable *referenced_table;
  gboolean link = cardinal_strategy_has_link_table (relationship->strategy);
  g_auto(GStrv) own_key = NULL;
  const char * const *key = NULL;
  guint n_key;

  if (!has_foreign_key_to (relationship, side))
    {
      if (columns != NULL)
        report (self, CHECK_FK_COLUMNS, target, "%sentity%u-columns is set, but the relationship has no "
                "foreign key to entity%u; leave it out", scope_prefix (self, scope), side, side);
      return;
    }
  referenced = g_hash_table_lookup (self->entities, referenced_name);
  if (referenced == NULL)
    return;  /* CARD007 */

  /* The common case, a primary key referenced under default names: nothing to look up. */
  if (columns == NULL && explicit_key == NULL && count_primary_key (referenced) > 0)
    return;

  referenced_table = table_of_entity (self, referenced_name);

  if (explicit_key != NULL)
    {
      gboolean missing = FALSE;

      key = (const char * const *) explicit_key;
      for (guint i = 0; explicit_key[i] != NULL; i++)
        if (column_type (referenced, referenced_table, explicit_key[i]) == NULL)
          {
            report (self, CHECK_REFERENCED_KEY, target,
                    "%sentity%u-key names \"%s\", which entity \"%s\" does not have",
                    scope_prefix (self, scope), side, show (self, explicit_key[i]), show (self, referenced_name));
            missing = TRUE;
          }
      if (!missing && explicit_key[0] == NULL)
        report (self, CHECK_REFERENCED_KEY, target, "%sentity%u-key is empty; leave it out to reference the primary key",
                scope_prefix (self, scope), side);
      else if (!missing && !entity_has_unique (referenced, key) &&
               (referenced_table == NULL || !cardinal_table_has_unique (referenced_table, key)))
        report (self, CHECK_REFERENCED_KEY, target,
                "%sentity%u-key names columns of \"%s\" that no UNIQUE or primary key covers; add a UNIQUE over them",
                scope_prefix (self, scope), side, show (self, referenced_name));
    }
  else if (referenced_table != NULL && referenced_table->primary_key != NULL && referenced_table->primary_key[0] != NULL)
    key = (const char * const *) referenced_table->primary_key;
  else
    {
      own_key = primary_key_names (referenced);
      key = (const char * const *) own_key;
      /* shared-pk without a key is CARD009 already. */
      if (key[0] == NULL && relationship->strategy != CARDINAL_STRATEGY_SHARED_PK)
        report (self, CHECK_NO_REFERENCED_KEY, target,
                "%sentity \"%s\" has no primary key, so the foreign key to it needs entity%u-key "
                "naming columns a UNIQUE covers",
                scope_prefix (self, scope), show (self, referenced_name), side);
    }
  n_key = g_strv_length ((GStrv) key);

  if (columns == NULL)
    return;

  {
    guint n = g_strv_length (columns);

    if (n_key > 0 && n != n_key)
      report (self, CHECK_FK_COLUMNS, target,
              "%sentity%u-columns has %u name%s but the referenced key has %u column%s",
              scope_prefix (self, scope), side, n, n == 1 ? "" : "s", n_key, n_key == 1 ? "" : "s");
    for (guint i = 0; i < n; i++)
      {
        gboolean repeated = FALSE;

        for (guint j = 0; j < i && !repeated; j++)
          repeated = cardinal_identifier_fold_equal (columns[j], columns[i]);
        if (columns[i][0] == '\0' || cardinal_identifier_problem (columns[i]) != NULL)
          report (self, CHECK_FK_COLUMNS, target, "%sentity%u-columns has an empty or invalid name",
                  scope_prefix (self, scope), side);
        else if (repeated)
          report (self, CHECK_FK_COLUMNS, target, "%sentity%u-columns names \"%s\" twice",
                  scope_prefix (self, scope), side, show (self, columns[i]));
        else if (link && side == 2 && other_columns != NULL &&
                 g_strv_contains ((const char * const *) other_columns, columns[i]))
          report (self, CHECK_FK_COLUMNS, target,
                  "%sentity1-columns and entity2-columns both name \"%s\"; the link table needs two columns",
                  scope_prefix (self, scope), show (self, columns[i]));
      }
  }

  /* Claimed attributes (DESIGN.md §3): an attribute of the holder named like
   * an FK column is that column, so its type must fit the referenced one. */
  for (guint i = 0; columns[i] != NULL && i < n_key; i++)
    {
      const CardinalAttribute *claimed = NULL;
      const CardinalEntity *holder = NULL;
      GPtrArray *attributes;
      const char *ref_type;
      CardinalType parsed;

      /* shared-pk's FK is the holder's own key: CARD017 compares it. */
      if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
        break;
      if (!link)
        holder = holder_name ? g_hash_table_lookup (self->entities, holder_name) : NULL;
      attributes = link ? relationship->link_attributes : holder ? holder->attributes : NULL;
      /* Exact names only: the column is quoted, so case tells names apart. */
      for (guint j = 0; attributes != NULL && j < attributes->len && claimed == NULL; j++)
        {
          CardinalAttribute *attribute = g_ptr_array_index (attributes, j);

          if (g_strcmp0 (attribute->name, columns[i]) == 0)
            claimed = attribute;
        }
      if (claimed == NULL)
        continue;

      ref_type = column_type (referenced, referenced_table, key[i]);
      if (ref_type == NULL || claimed->type == NULL || !cardinal_type_parse (claimed->type, &parsed, NULL) ||
          !cardinal_type_parse (ref_type, &parsed, NULL))
        continue;
      if (!cardinal_type_fk_compatible (claimed->type, ref_type))
        report (self, CHECK_CLAIMED_TYPE, target,
                "%s%s \"%s\" is the foreign-key column to \"%s\".\"%s\" but has the type \"%s\", "
                "which cannot reference \"%s\"",
                scope_prefix (self, scope), link ? "link attribute" : "attribute", show (self, claimed->name),
                show (self, referenced_name), show (self, key[i]), show (self, claimed->type),
                show (self, ref_type));
    }
}

static void
check_relationship_format2 (Validator                  *self,
                            const CardinalRelationship *relationship,
                            guint                       position)
{
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, relationship->name, NULL };
  Scope scope = { "relationship", relationship->name, position, NULL };

  if (relationship->entity1 == NULL || relationship->entity2 == NULL)
    return;

  check_relationship_side (self, &target, &scope, relationship, 1);
  check_relationship_side (self, &target, &scope, relationship, 2);
  if (relationship->link != NULL)
    check_table_options (self, &target, &scope, NULL, relationship->link, link_table_of (self, relationship));
}

static void
add_folded (GHashTable *set,
            const char *schema,
            const char *name)
{
  if (name == NULL)
    return;
  g_hash_table_add (set, g_strdup (name));
  if (schema != NULL)
    g_hash_table_add (set, g_strdup_printf ("%s.%s", schema, name));
}

/* Enums, domains, sequences and SQL objects. */
static void
check_model_objects (Validator *self)
{
  const CardinalModel *model = self->model;
  Target target = { CARDINAL_OBJECT_MODEL, NULL, NULL, NULL };
  Scope none = { NULL, NULL, 0, NULL };
  g_autoptr(GHashTable) known = NULL;

  for (guint i = 0; model->types != NULL && i < model->types->len; i++)
    {
      CardinalUserType *type = g_ptr_array_index (model->types, i);
      const char *name = show (self, type->name);

      if (type->kind != CARDINAL_USER_TYPE_DOMAIN)
        continue;
      {
        g_autofree char *base = g_strdup_printf ("the base type of domain \"%s\"", name);
        g_autofree char *fallback = g_strdup_printf ("the default of domain \"%s\"", name);
        What base_what = { base, NULL, NULL, NULL };
        What fallback_what = { fallback, NULL, NULL, NULL };

        if (type->base == NULL)
          report (self, CHECK_BAD_SQL, &target, "domain \"%s\" has no base type", name);
        check_fragment (self, &target, &none, &base_what, FRAGMENT_TYPE, type->base, NULL);
        check_fragment (self, &target, &none, &fallback_what, FRAGMENT_EXPRESSION, type->default_value, NULL);
      }
      for (guint j = 0; type->checks != NULL && j < type->checks->len; j++)
        {
          CardinalCheck *check = g_ptr_array_index (type->checks, j);
          g_autofree char *what = g_strdup_printf ("CHECK #%u of domain \"%s\"", j + 1, name);
          What check_what = { what, NULL, NULL, NULL };

          check_fragment (self, &target, &none, &check_what, FRAGMENT_DOMAIN, check->expression, NULL);
        }
    }

  /* Sequences exist in PostgreSQL only, so their type is PostgreSQL's. */
  for (guint i = 0; model->sequences != NULL && i < model->sequences->len; i++)
    {
      CardinalSequence *sequence = g_ptr_array_index (model->sequences, i);
      g_autoptr(GError) error = NULL;

      if (sequence->type != NULL &&
          !cardinal_sql_check_type (sql_check (self), CARDINAL_DIALECT_POSTGRESQL, sequence->type, &error))
        report (self, CHECK_BAD_SQL, &target, "the type of sequence \"%s\" is not valid PostgreSQL: %s",
                show (self, sequence->name), show (self, error->message));
    }

  if (model->objects == NULL || model->objects->len == 0)
    return;

  known = g_hash_table_new_full (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal, g_free, NULL);
  for (guint i = 0; i < self->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (self->schema->tables, i);

      add_folded (known, table->schema, table->name);
    }
  for (guint i = 0; i < model->entities->len; i++)
    add_folded (known, NULL, ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name);
  for (guint i = 0; model->types != NULL && i < model->types->len; i++)
    {
      CardinalUserType *type = g_ptr_array_index (model->types, i);

      add_folded (known, type->schema, type->name);
    }
  for (guint i = 0; model->sequences != NULL && i < model->sequences->len; i++)
    {
      CardinalSequence *sequence = g_ptr_array_index (model->sequences, i);

      add_folded (known, sequence->schema, sequence->name);
    }
  for (guint i = 0; i < model->objects->len; i++)
    add_folded (known, NULL, ((CardinalSqlObject *) g_ptr_array_index (model->objects, i))->name);

  /* SQLite views and triggers are prepared against the model's tables. */
  for (guint i = 0; i < model->objects->len; i++)
    {
      CardinalSqlObject *object = g_ptr_array_index (model->objects, i);

      if (object->dialect == CARDINAL_DIALECT_SQLITE)
        {
          for (guint j = 0; j < self->schema->tables->len; j++)
            scratch_table (self, g_ptr_array_index (self->schema->tables, j));
          break;
        }
    }

  for (guint i = 0; i < model->objects->len; i++)
    {
      CardinalSqlObject *object = g_ptr_array_index (model->objects, i);
      CardinalDialect dialect = object->dialect == CARDINAL_DIALECT_SQLITE ? CARDINAL_DIALECT_SQLITE
                                                                             : CARDINAL_DIALECT_POSTGRESQL;
      const char *name = object->name ? show (self, object->name) : "";
      g_autoptr(GError) error = NULL;

      if (!cardinal_sql_check_statement (sql_check (self), dialect, object->kind, object->sql, &error))
        report (self, CHECK_BAD_SQL_OBJECT, &target, "SQL object \"%s\" (%s) is not valid %s: %s",
                name, show (self, object->kind), dialect_label (dialect), show (self, error->message));

      for (guint j = 0; object->depends_on != NULL && object->depends_on[j] != NULL; j++)
        if (!g_hash_table_contains (known, object->depends_on[j]))
          report (self, CHECK_DEPENDENCY, &target,
                  "SQL object \"%s\" depends on \"%s\", which is no table, type, sequence or SQL object of the model",
                  name, show (self, object->depends_on[j]));
    }
}

/* CARD035 and CARD036 on the engineered tables. */
static void
check_table_limits (Validator *self)
{
  for (guint i = 0; i < self->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (self->schema->tables, i);
      Target target = { CARDINAL_OBJECT_ENTITY, table->entity, NULL, NULL };
      guint limit = 0;
      CardinalDialect limiting = CARDINAL_DIALECT_POSTGRESQL;

      if (is_link_table (table))
        {
          target.kind = CARDINAL_OBJECT_RELATIONSHIP;
          target.relationship = table->relationship;
        }

      if (checks_dialect (self, CARDINAL_DIALECT_SQLITE) && g_ascii_strncasecmp (table->name, "sqlite_", 7) == 0)
        report (self, CHECK_SQLITE_NAME, &target,
                "table \"%s\" starts with sqlite_, which SQLite keeps for its own tables; rename it",
                show (self, table->name));

      if (checks_dialect (self, CARDINAL_DIALECT_POSTGRESQL))
        limit = 1600;
      else if (checks_dialect (self, CARDINAL_DIALECT_SQLITE))
        {
          limit = 2000;
          limiting = CARDINAL_DIALECT_SQLITE;
        }
      if (limit > 0 && table->columns->len > limit)
        report (self, CHECK_TOO_MANY_COLUMNS, &target,
                "table \"%s\" has %u columns; %s allows at most %u", show (self, table->name),
                table->columns->len, dialect_label (limiting), limit);
    }
}

static void
check_format2 (Validator *self)
{
  const CardinalModel *model = self->model;

  for (guint i = 0; i < model->entities->len; i++)
    check_entity_format2 (self, g_ptr_array_index (model->entities, i), i);
  for (guint i = 0; i < model->relationships->len; i++)
    check_relationship_format2 (self, g_ptr_array_index (model->relationships, i), i);
  check_model_objects (self);
  check_table_limits (self);
}

/* Lookups the checks need, built once so that no check is quadratic. */
static void
index_model (Validator *self)
{
  const CardinalModel *model = self->model;

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (!g_hash_table_contains (self->entities, entity->name))
        g_hash_table_insert (self->entities, entity->name, entity);
    }

  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      const char *ends[] = { relationship->entity1, relationship->entity2 };

      if (!g_hash_table_contains (self->relationships, relationship->name))
        g_hash_table_insert (self->relationships, relationship->name, relationship);

      for (guint end = 0; end < G_N_ELEMENTS (ends); end++)
        {
          EntityUse *use;

          if (ends[end] == NULL || (end == 1 && g_strcmp0 (ends[0], ends[1]) == 0))
            continue;

          use = g_hash_table_lookup (self->uses, ends[end]);
          if (use == NULL)
            {
              use = g_new0 (EntityUse, 1);
              g_hash_table_insert (self->uses, (gpointer) ends[end], use);
            }
          if (use->first == NULL)
            use->first = relationship;
          else if (use->second == NULL)
            use->second = relationship;
        }

      /* Same rule as the engineer: only a fitting merge between two entities folds one away. */
      if (relationship->strategy == CARDINAL_STRATEGY_MERGED &&
          relationship->kind == CARDINAL_KIND_ONE_TO_ONE &&
          relationship->entity2 != NULL &&
          g_strcmp0 (relationship->entity1, relationship->entity2) != 0)
        g_hash_table_add (self->merged_away, relationship->entity2);
    }

  for (guint i = 0; model->types != NULL && i < model->types->len; i++)
    {
      CardinalUserType *type = g_ptr_array_index (model->types, i);

      if (type->name == NULL)
        continue;
      g_hash_table_add (self->user_types, g_strdup (type->name));
      if (type->schema != NULL)
        g_hash_table_add (self->user_types, g_strdup_printf ("%s.%s", type->schema, type->name));
    }
}

GPtrArray *
cardinal_validate (const CardinalModel *model)
{
  g_autoptr(CardinalSchema) schema = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  schema = cardinal_engineer (model);
  return cardinal_validate_with_schema (model, schema);
}

GPtrArray *
cardinal_validate_with_schema (const CardinalModel  *model,
                               const CardinalSchema *schema)
{
  Validator self = { 0 };

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (schema != NULL, NULL);

  self.model = model;
  self.diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_diagnostic_free);
  self.scratch = g_ptr_array_new_with_free_func (g_free);
  self.entities = g_hash_table_new (g_str_hash, g_str_equal);
  self.relationships = g_hash_table_new (g_str_hash, g_str_equal);
  self.uses = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self.merged_away = g_hash_table_new (g_str_hash, g_str_equal);
  self.user_types = g_hash_table_new_full (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal, g_free, NULL);
  self.schema = schema;
  self.scratch_tables = g_hash_table_new (NULL, NULL);

  index_model (&self);

  /* A portable model's SQL text must suit both dialects. */
  if (model->has_dialect)
    self.dialects[self.n_dialects++] = model->dialect == CARDINAL_DIALECT_SQLITE ? CARDINAL_DIALECT_SQLITE
                                                                                  : CARDINAL_DIALECT_POSTGRESQL;
  else
    {
      self.dialects[self.n_dialects++] = CARDINAL_DIALECT_SQLITE;
      self.dialects[self.n_dialects++] = CARDINAL_DIALECT_POSTGRESQL;
    }

  /* The model's name only reaches the DDL's header comment, so only broken text matters. */
  if (model->name != NULL && model->name[0] != '\0' && cardinal_identifier_problem (model->name) != NULL)
    {
      Target target = { CARDINAL_OBJECT_MODEL, NULL, NULL, NULL };

      report (&self, CHECK_INVALID_NAME, &target, "the model's name \"%s\" is not valid: it %s",
              show (&self, model->name), cardinal_identifier_problem (model->name));
    }

  for (guint i = 0; i < model->entities->len; i++)
    check_entity (&self, g_ptr_array_index (model->entities, i), i);

  for (guint i = 0; i < model->relationships->len; i++)
    check_relationship (&self, g_ptr_array_index (model->relationships, i), i);

  check_schema (&self, schema);
  check_format2 (&self);

  g_clear_pointer (&self.sql, cardinal_sql_check_free);
  g_hash_table_unref (self.user_types);
  g_clear_pointer (&self.entity_tables, g_hash_table_unref);
  g_clear_pointer (&self.link_tables, g_hash_table_unref);
  g_hash_table_unref (self.scratch_tables);
  g_clear_pointer (&self.tables_by_name, g_hash_table_unref);
  g_ptr_array_unref (self.scratch);
  g_hash_table_unref (self.entities);
  g_hash_table_unref (self.relationships);
  g_hash_table_unref (self.uses);
  g_hash_table_unref (self.merged_away);
  name_set_clear (&self.entity_names);
  name_set_clear (&self.relationship_names);
  name_set_clear (&self.member_names);
  return self.diagnostics;
}

const char * const *
cardinal_validate_codes (void)
{
  static const char *codes[N_CHECKS + 1];
  static gsize ready = 0;

  if (g_once_init_enter (&ready))
    {
      for (guint i = 0; i < N_CHECKS; i++)
        codes[i] = checks[i].code;
      codes[N_CHECKS] = NULL;
      g_once_init_leave (&ready, 1);
    }
  return codes;
}

gboolean
cardinal_diagnostics_have_errors (GPtrArray *diagnostics)
{
  g_return_val_if_fail (diagnostics != NULL, FALSE);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity == CARDINAL_SEVERITY_ERROR)
        return TRUE;
    }
  return FALSE;
}

void
cardinal_diagnostic_free (CardinalDiagnostic *diagnostic)
{
  if (diagnostic == NULL)
    return;

  g_free (diagnostic->message);
  g_free (diagnostic->entity);
  g_free (diagnostic->relationship);
  g_free (diagnostic->attribute);
  g_free (diagnostic);
}

const char *
cardinal_severity_to_string (CardinalSeverity severity)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_SEVERITY, severity);
}

char *
cardinal_diagnostic_format (const CardinalDiagnostic *diagnostic,
                            const char               *file)
{
  g_return_val_if_fail (diagnostic != NULL, NULL);

  return g_strdup_printf ("%s%s%s[%s]: %s",
                          file ? file : "", file ? ": " : "",
                          cardinal_severity_to_string (diagnostic->severity),
                          diagnostic->code, diagnostic->message);
}
