/* cardinal-validate.c: checks a logical model and reports diagnostics with stable CARD### codes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

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
 * CARD037 warning  A group lists an entity the model does not have.
 *                  Fix: remove the name from the group or correct it.
 * CARD038 warning  An entity listed in more than one group (the diagram
 *                  draws it in the first). Fix: keep it in one group.
 *
 * The table-level checks (CARD003 for tables, CARD004 and CARD005 for
 * generated columns, CARD012, CARD013, CARD016, CARD028 for default-named
 * FK columns, CARD031, CARD035, CARD036) read the engineered schema, so the
 * naming rules live in the engineer only; most of them are in
 * cardinal-validate-schema.c. SQL text is judged by
 * cardinal-sql-check.c, that is by libpg_query and SQLite themselves.
 */

#include "cardinal-validate-private.h"
#include "cardinal-enum.h"
#include "cardinal-model-enums.h"
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-sql-check.h"
#include "cardinal-types.h"

#include <stdarg.h>
#include <string.h>

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
  [CHECK_GROUP_MEMBER] = { "CARD037", CARDINAL_SEVERITY_WARNING },
  [CHECK_GROUP_OVERLAP] = { "CARD038", CARDINAL_SEVERITY_WARNING },
};

G_STATIC_ASSERT (G_N_ELEMENTS (checks) == N_CHECKS);


void
cardinal_validate_name_set_reset (NameSet *set)
{
  set->n = 0;
  if (set->table != NULL)
    g_hash_table_remove_all (set->table);
}

void
cardinal_validate_name_set_clear (NameSet *set)
{
  set->n = 0;
  g_clear_pointer (&set->table, g_hash_table_unref);
}

/* The value added with an earlier name equal to @name up to case; otherwise
 * adds @name with @value (not NULL) and returns NULL. */
gpointer
cardinal_validate_name_set_add (NameSet    *set,
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


void
cardinal_validate_report (Validator    *self,
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
const char *
cardinal_validate_show (Validator  *self,
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
    text = g_strdup_printf ("%s \"%s\"", what, cardinal_validate_show (self, name));
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
  const char *first = cardinal_validate_name_set_add (names, name, (gpointer) name);

  if (first == NULL)
    return;

  if (strcmp (first, name) == 0)
    cardinal_validate_report (self, CHECK_DUPLICATE_NAME, target, "%s%s \"%s\" is declared twice",
            scope_prefix (self, scope), what, cardinal_validate_show (self, name));
  else
    cardinal_validate_report (self, CHECK_DUPLICATE_NAME, target,
            "%s%s \"%s\" has the same name as %s \"%s\" up to case; SQLite takes them for one name",
            scope_prefix (self, scope), what, cardinal_validate_show (self, name), what, cardinal_validate_show (self, first));
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
      cardinal_validate_report (self, CHECK_EMPTY_NAME, target, "%s%s #%u has an empty name",
              scope_prefix (self, scope), what, position + 1);
      return FALSE;
    }

  problem = cardinal_identifier_problem (name);
  if (problem != NULL)
    {
      cardinal_validate_report (self, CHECK_INVALID_NAME, target, "%s%s \"%s\" has an invalid name: it %s",
              scope_prefix (self, scope), what, cardinal_validate_show (self, name), problem);
      return TRUE;
    }

  if (!sql_identifier)
    return TRUE;

  length = strlen (name);
  if (length > CARDINAL_IDENTIFIER_MAX_BYTES)
    cardinal_validate_report (self, CHECK_LONG_NAME, target,
            "%s%s \"%s\" is %" G_GSIZE_FORMAT " bytes long; PostgreSQL cuts identifiers at %d bytes",
            scope_prefix (self, scope), what, cardinal_validate_show (self, name), length, CARDINAL_IDENTIFIER_MAX_BYTES);

  if (cardinal_identifier_is_reserved (name))
    cardinal_validate_report (self, CHECK_RESERVED_WORD, target,
            "%s%s \"%s\" is named with an SQL reserved word; generated SQL quotes it, "
            "hand-written SQL must too",
            scope_prefix (self, scope), what, cardinal_validate_show (self, name));

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
 * built only when there is something to cardinal_validate_report (most text is fine). */
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
                                                           cardinal_validate_show (self, what->name));

          cardinal_validate_report (self, CHECK_BAD_SQL, target, "%s%s is not valid %s: %s",
                  scope_prefix (self, scope), label_text, dialect_label (dialect), cardinal_validate_show (self, error->message));
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
    cardinal_validate_report (self, CHECK_BAD_TYPE, target, "%s%s \"%s\": %s",
            scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name), cardinal_validate_show (self, type_problem));
  else if (type.base == CARDINAL_TYPE_RAW && !g_hash_table_contains (self->user_types, type_text))
    {
      /* Written verbatim, so it must be exactly one type name. */
      What type_what = { NULL, "type", what, attribute->name };

      check_fragment (self, target, scope, &type_what, FRAGMENT_TYPE, type_text, NULL);
      if (!cardinal_type_is_portable_raw (type_text))
        cardinal_validate_report (self, CHECK_RAW_TYPE, target,
                "%s%s \"%s\" has the type \"%s\", which is not in the catalogue: it is written verbatim "
                "and may not work in both SQLite and PostgreSQL",
                scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name), cardinal_validate_show (self, type_text));
    }

  if (link && attribute->primary_key)
    cardinal_validate_report (self, CHECK_LINK_ATTRIBUTE_KEY, target,
            "%s%s \"%s\" is marked primary-key, but a link table's key is made of its foreign keys "
            "(or its own id); remove primary-key",
            scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name));
  /* SQLite lets NULL into a key column not declared NOT NULL, and an imported
   * SQLite model keeps that as it was. */
  else if (attribute->primary_key && attribute->nullable &&
           !(self->model->has_dialect && self->model->dialect == CARDINAL_DIALECT_SQLITE))
    cardinal_validate_report (self, CHECK_NULLABLE_KEY, target,
            "%s%s \"%s\" is in the primary key but nullable; set \"nullable\": false",
            scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name));

  /* A PostgreSQL identity may be any integer column; the SQLite DDL then
   * writes a plain column (only a single INTEGER key can autoincrement). */
  if (attribute->autoincrement && self->model->has_dialect && self->model->dialect == CARDINAL_DIALECT_POSTGRESQL)
    {
      if (!type_is_integer (type_text))
        cardinal_validate_report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but its type is \"%s\"; use integer, bigint or smallint",
                scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name), cardinal_validate_show (self, type_text));
    }
  else if (attribute->autoincrement)
    {
      if (link)
        cardinal_validate_report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement, but only an entity's single primary-key column can be",
                scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name));
      else if (!attribute->primary_key)
        cardinal_validate_report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but not in the primary key",
                scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name));
      else if (n_key != 1)
        cardinal_validate_report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but the primary key has %u columns; "
                "SQLite needs a single INTEGER PRIMARY KEY",
                scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name), n_key);
      else if (!type_is_integer (type_text))
        cardinal_validate_report (self, CHECK_AUTOINCREMENT, target,
                "%s%s \"%s\" is autoincrement but its type is \"%s\"; use integer, bigint or smallint",
                scope_prefix (self, scope), what, cardinal_validate_show (self, attribute->name), cardinal_validate_show (self, type_text));
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
    cardinal_validate_report (self, CHECK_NO_PRIMARY_KEY, &target, "%s has no primary key: codegen gives it insert and list only",
            label (self, "entity", entity->name, position));

  cardinal_validate_name_set_reset (&self->member_names);
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
      cardinal_validate_report (self, CHECK_EMPTY_NAME, target, "%s%s is empty; leave it out to get the default",
              scope_prefix (self, scope), key);
      return;
    }

  problem = cardinal_identifier_problem (name);
  if (problem != NULL)
    cardinal_validate_report (self, CHECK_INVALID_NAME, target, "%s%s \"%s\" is not a valid name: it %s",
            scope_prefix (self, scope), key, cardinal_validate_show (self, name), problem);
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
      cardinal_validate_report (self, CHECK_SHARED_PK_SELF, target,
              "%sshared-pk between entity \"%s\" and itself would make each row its own partner; "
              "use unique-fk for a one-to-one inside one entity",
              scope_prefix (self, scope), cardinal_validate_show (self, entity1->name));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    {
      guint n = count_primary_key (ends[i]);

      if (n == 1)
        continue;
      single = FALSE;
      if (n == 0)
        cardinal_validate_report (self, CHECK_SHARED_PK_KEY, target,
                "%sshared-pk needs a single-column primary key on \"%s\" (it has none)",
                scope_prefix (self, scope), cardinal_validate_show (self, ends[i]->name));
      else
        cardinal_validate_report (self, CHECK_SHARED_PK_KEY, target,
                "%sshared-pk needs a single-column primary key on \"%s\" (it has %u)",
                scope_prefix (self, scope), cardinal_validate_show (self, ends[i]->name), n);
    }

  if (!single)
    return;

  key1 = first_primary_key (entity1);
  key2 = first_primary_key (entity2);

  if (key2->autoincrement)
    cardinal_validate_report (self, CHECK_SHARED_PK_AUTOINCREMENT, target,
            "%sshared-pk takes the value of \"%s\".\"%s\" from \"%s\", so it cannot be autoincrement",
            scope_prefix (self, scope), cardinal_validate_show (self, entity2->name), cardinal_validate_show (self, key2->name),
            cardinal_validate_show (self, entity1->name));

  {
    CardinalType type1, type2;

    /* A malformed type is already CARD018; comparing it would only add noise. */
    if (cardinal_type_parse (key1->type ? key1->type : "", &type1, NULL) &&
        cardinal_type_parse (key2->type ? key2->type : "", &type2, NULL) &&
        !cardinal_type_fk_compatible (key2->type, key1->type))
      cardinal_validate_report (self, CHECK_SHARED_PK_TYPE, target,
              "%sshared-pk makes \"%s\".\"%s\" (%s) reference \"%s\".\"%s\" (%s); the types do not match",
              scope_prefix (self, scope),
              cardinal_validate_show (self, entity2->name), cardinal_validate_show (self, key2->name), cardinal_validate_show (self, key2->type),
              cardinal_validate_show (self, entity1->name), cardinal_validate_show (self, key1->name), cardinal_validate_show (self, key1->type));
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
      cardinal_validate_report (self, CHECK_MERGED_DEPENDENT, target, "%smerged folds entity \"%s\" into itself",
              scope_prefix (self, scope), cardinal_validate_show (self, relationship->entity1));
      return;
    }

  use = g_hash_table_lookup (self->uses, relationship->entity2);
  if (use == NULL)
    return;
  other = use->first != relationship ? use->first : use->second;
  if (other == NULL)
    return;

  if (other->strategy == CARDINAL_STRATEGY_MERGED && g_str_equal (other->entity2, relationship->entity2))
    cardinal_validate_report (self, CHECK_MERGED_DEPENDENT, target,
            "%sentity \"%s\" is merged twice (also by relationship \"%s\"); "
            "it can be folded into one table only",
            scope_prefix (self, scope), cardinal_validate_show (self, relationship->entity2), cardinal_validate_show (self, other->name));
  else
    cardinal_validate_report (self, CHECK_MERGED_DEPENDENT, target,
            "%smerged folds entity \"%s\" into \"%s\", but \"%s\" also takes part in relationship \"%s\", "
            "which needs it to have a table of its own; use unique-fk or shared-pk",
            scope_prefix (self, scope), cardinal_validate_show (self, relationship->entity2),
            cardinal_validate_show (self, relationship->entity1), cardinal_validate_show (self, relationship->entity2), cardinal_validate_show (self, other->name));
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
      cardinal_validate_report (self, CHECK_SET_NULL_MANDATORY, target,
              "%son-delete set-null cannot work: the foreign key is the primary key of \"%s\"; "
              "use cascade or restrict",
              scope_prefix (self, scope), cardinal_validate_show (self, relationship->entity2));
      return;

    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      cardinal_validate_report (self, CHECK_SET_NULL_MANDATORY, target,
              "%son-delete set-null cannot work: the link table's foreign-key columns are NOT NULL; "
              "use cascade or restrict",
              scope_prefix (self, scope));
      return;

    case CARDINAL_STRATEGY_MERGED:
    default:
      return;
    }

  if (holder != NULL)
    cardinal_validate_report (self, CHECK_SET_NULL_MANDATORY, target,
            "%son-delete set-null on a NOT NULL foreign key (every \"%s\" must have one \"%s\"); "
            "use cascade or restrict, or turn off %s",
            scope_prefix (self, scope), cardinal_validate_show (self, holder), cardinal_validate_show (self, referenced), flag);
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
  cardinal_validate_report (self, CHECK_PARTICIPATION, target,
          "%s%s (every \"%s\" must have %s \"%s\") is not enforced by the DDL; the diagram still shows it",
          scope_prefix (self, scope), flag, cardinal_validate_show (self, holder), how_many, cardinal_validate_show (self, other));
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
        cardinal_validate_report (self, CHECK_MISSING_ENTITY, &target, "%sentity%u is not set",
                scope_prefix (self, &scope), end);
      else
        cardinal_validate_report (self, CHECK_MISSING_ENTITY, &target, "%sentity%u \"%s\" is not an entity of the model",
                scope_prefix (self, &scope), end, cardinal_validate_show (self, name));
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
      cardinal_validate_report (self, CHECK_STRATEGY_KIND, &target,
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
    cardinal_validate_report (self, CHECK_LINK_ATTRIBUTES, &target,
            "%sstrategy %s has no link table, so its %u link attribute%s cannot be stored; "
            "use link-table or link-table-pk, or move them to an entity",
            scope_prefix (self, &scope), cardinal_strategy_to_string (relationship->strategy),
            relationship->link_attributes->len, relationship->link_attributes->len == 1 ? "" : "s");

  cardinal_validate_name_set_reset (&self->member_names);
  for (guint i = 0; i < relationship->link_attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, i);
      Target attribute_target = { CARDINAL_OBJECT_LINK_ATTRIBUTE, NULL, relationship->name, attribute->name };

      check_attribute (self, &attribute_target, &scope, attribute, i, 0, TRUE);
      check_attribute_sql (self, &attribute_target, &scope, attribute, NULL, relationship);
    }
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
      else if (cardinal_validate_is_link_table (table) && !g_hash_table_contains (self->link_tables, table->relationship))
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
    cardinal_validate_report (self, CHECK_IDENTITY, target, "%s%s \"%s\" has identity %s but is not autoincrement",
            scope_prefix (self, scope), noun, cardinal_validate_show (self, attribute->name),
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
      cardinal_validate_report (self, CHECK_UNKNOWN_COLUMN, target, "%s%s names the column \"%s\", which table \"%s\" does not have",
              scope_prefix (self, scope), what, cardinal_validate_show (self, columns[i]), cardinal_validate_show (self, table->name));
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
      const CardinalRelationship *relationship = cardinal_validate_relationship_of (self, foreign_key->relationship);

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
          cardinal_validate_report (self, CHECK_PRIMARY_KEY_ORDER, target,
                  "%sprimary-key-order names \"%s\" %s; list each primary-key column once",
                  scope_prefix (self, scope), cardinal_validate_show (self, name),
                  repeated ? "twice" : "which is not a primary-key column");
          return;
        }
    }
  if (n != key->len)
    cardinal_validate_report (self, CHECK_PRIMARY_KEY_ORDER, target,
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
                              ? g_strdup_printf ("CHECK \"%s\"", cardinal_validate_show (self, check->name))
                              : g_strdup_printf ("CHECK #%u", i + 1);

      What label_what = { what, NULL, NULL, NULL };

      check_fragment (self, target, scope, &label_what, FRAGMENT_ROW, check->expression, table);
    }

  for (guint i = 0; options->indexes != NULL && i < options->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (options->indexes, i);
      g_autofree char *what = index->name
                              ? g_strdup_printf ("index \"%s\"", cardinal_validate_show (self, index->name))
                              : g_strdup_printf ("index #%u", i + 1);
      g_autofree char *where = g_strdup_printf ("the WHERE of %s", what);
      What where_what = { where, NULL, NULL, NULL };

      if (index->method != NULL && !is_plain_name (index->method, FALSE))
        cardinal_validate_report (self, CHECK_BAD_SQL, target, "%sthe method of %s is not one name: \"%s\"",
                scope_prefix (self, scope), what, cardinal_validate_show (self, index->method));
      for (guint k = 0; index->keys != NULL && k < index->keys->len; k++)
        {
          CardinalIndexKey *key = g_ptr_array_index (index->keys, k);
          g_autofree char *expression = g_strdup_printf ("expression key #%u of %s", k + 1, what);
          What expression_what = { expression, NULL, NULL, NULL };

          if (key->opclass != NULL && !is_plain_name (key->opclass, TRUE))
            cardinal_validate_report (self, CHECK_BAD_SQL, target, "%sthe operator class of key #%u of %s is not one name: \"%s\"",
                    scope_prefix (self, scope), k + 1, what, cardinal_validate_show (self, key->opclass));

          if (key->expression != NULL)
            check_fragment (self, target, scope, &expression_what, FRAGMENT_ROW, key->expression, table);
          if (key->column != NULL && table != NULL && !has_column (table, key->column))
            cardinal_validate_report (self, CHECK_UNKNOWN_COLUMN, target,
                    "%s%s names the column \"%s\", which table \"%s\" does not have",
                    scope_prefix (self, scope), what, cardinal_validate_show (self, key->column), cardinal_validate_show (self, table->name));
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
                              ? g_strdup_printf ("unique \"%s\"", cardinal_validate_show (self, unique->name))
                              : g_strdup_printf ("unique #%u", i + 1);

      check_columns_exist (self, target, scope, table, what, (const char * const *) unique->columns);
      check_columns_exist (self, target, scope, table, what, (const char * const *) unique->include);
    }

  /* Sequences and partitioning exist in PostgreSQL only. */
  if (options->partition_by != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!cardinal_sql_check_partition_by (sql_check (self), options->partition_by, &error))
        cardinal_validate_report (self, CHECK_BAD_SQL, target, "%spartition-by is not valid PostgreSQL: %s",
                scope_prefix (self, scope), cardinal_validate_show (self, error->message));
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
        cardinal_validate_report (self, CHECK_FK_COLUMNS, target, "%sentity%u-columns is set, but the relationship has no "
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
            cardinal_validate_report (self, CHECK_REFERENCED_KEY, target,
                    "%sentity%u-key names \"%s\", which entity \"%s\" does not have",
                    scope_prefix (self, scope), side, cardinal_validate_show (self, explicit_key[i]), cardinal_validate_show (self, referenced_name));
            missing = TRUE;
          }
      if (!missing && explicit_key[0] == NULL)
        cardinal_validate_report (self, CHECK_REFERENCED_KEY, target, "%sentity%u-key is empty; leave it out to reference the primary key",
                scope_prefix (self, scope), side);
      else if (!missing && !entity_has_unique (referenced, key) &&
               (referenced_table == NULL || !cardinal_table_has_unique (referenced_table, key)))
        cardinal_validate_report (self, CHECK_REFERENCED_KEY, target,
                "%sentity%u-key names columns of \"%s\" that no UNIQUE or primary key covers; add a UNIQUE over them",
                scope_prefix (self, scope), side, cardinal_validate_show (self, referenced_name));
    }
  else if (referenced_table != NULL && referenced_table->primary_key != NULL && referenced_table->primary_key[0] != NULL)
    key = (const char * const *) referenced_table->primary_key;
  else
    {
      own_key = primary_key_names (referenced);
      key = (const char * const *) own_key;
      /* shared-pk without a key is CARD009 already. */
      if (key[0] == NULL && relationship->strategy != CARDINAL_STRATEGY_SHARED_PK)
        cardinal_validate_report (self, CHECK_NO_REFERENCED_KEY, target,
                "%sentity \"%s\" has no primary key, so the foreign key to it needs entity%u-key "
                "naming columns a UNIQUE covers",
                scope_prefix (self, scope), cardinal_validate_show (self, referenced_name), side);
    }
  n_key = g_strv_length ((GStrv) key);

  if (columns == NULL)
    return;

  {
    guint n = g_strv_length (columns);

    if (n_key > 0 && n != n_key)
      cardinal_validate_report (self, CHECK_FK_COLUMNS, target,
              "%sentity%u-columns has %u name%s but the referenced key has %u column%s",
              scope_prefix (self, scope), side, n, n == 1 ? "" : "s", n_key, n_key == 1 ? "" : "s");
    for (guint i = 0; i < n; i++)
      {
        gboolean repeated = FALSE;

        for (guint j = 0; j < i && !repeated; j++)
          repeated = cardinal_identifier_fold_equal (columns[j], columns[i]);
        if (columns[i][0] == '\0' || cardinal_identifier_problem (columns[i]) != NULL)
          cardinal_validate_report (self, CHECK_FK_COLUMNS, target, "%sentity%u-columns has an empty or invalid name",
                  scope_prefix (self, scope), side);
        else if (repeated)
          cardinal_validate_report (self, CHECK_FK_COLUMNS, target, "%sentity%u-columns names \"%s\" twice",
                  scope_prefix (self, scope), side, cardinal_validate_show (self, columns[i]));
        else if (link && side == 2 && other_columns != NULL &&
                 g_strv_contains ((const char * const *) other_columns, columns[i]))
          cardinal_validate_report (self, CHECK_FK_COLUMNS, target,
                  "%sentity1-columns and entity2-columns both name \"%s\"; the link table needs two columns",
                  scope_prefix (self, scope), cardinal_validate_show (self, columns[i]));
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
        cardinal_validate_report (self, CHECK_CLAIMED_TYPE, target,
                "%s%s \"%s\" is the foreign-key column to \"%s\".\"%s\" but has the type \"%s\", "
                "which cannot reference \"%s\"",
                scope_prefix (self, scope), link ? "link attribute" : "attribute", cardinal_validate_show (self, claimed->name),
                cardinal_validate_show (self, referenced_name), cardinal_validate_show (self, key[i]), cardinal_validate_show (self, claimed->type),
                cardinal_validate_show (self, ref_type));
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
      const char *name = cardinal_validate_show (self, type->name);

      if (type->kind != CARDINAL_USER_TYPE_DOMAIN)
        continue;
      {
        g_autofree char *base = g_strdup_printf ("the base type of domain \"%s\"", name);
        g_autofree char *fallback = g_strdup_printf ("the default of domain \"%s\"", name);
        What base_what = { base, NULL, NULL, NULL };
        What fallback_what = { fallback, NULL, NULL, NULL };

        if (type->base == NULL)
          cardinal_validate_report (self, CHECK_BAD_SQL, &target, "domain \"%s\" has no base type", name);
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
        cardinal_validate_report (self, CHECK_BAD_SQL, &target, "the type of sequence \"%s\" is not valid PostgreSQL: %s",
                cardinal_validate_show (self, sequence->name), cardinal_validate_show (self, error->message));
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
      const char *name = object->name ? cardinal_validate_show (self, object->name) : "";
      g_autoptr(GError) error = NULL;

      if (!cardinal_sql_check_statement (sql_check (self), dialect, object->kind, object->sql, &error))
        cardinal_validate_report (self, CHECK_BAD_SQL_OBJECT, &target, "SQL object \"%s\" (%s) is not valid %s: %s",
                name, cardinal_validate_show (self, object->kind), dialect_label (dialect), cardinal_validate_show (self, error->message));

      for (guint j = 0; object->depends_on != NULL && object->depends_on[j] != NULL; j++)
        if (!g_hash_table_contains (known, object->depends_on[j]))
          cardinal_validate_report (self, CHECK_DEPENDENCY, &target,
                  "SQL object \"%s\" depends on \"%s\", which is no table, type, sequence or SQL object of the model",
                  name, cardinal_validate_show (self, object->depends_on[j]));
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

      if (cardinal_validate_is_link_table (table))
        {
          target.kind = CARDINAL_OBJECT_RELATIONSHIP;
          target.relationship = table->relationship;
        }

      if (checks_dialect (self, CARDINAL_DIALECT_SQLITE) && g_ascii_strncasecmp (table->name, "sqlite_", 7) == 0)
        cardinal_validate_report (self, CHECK_SQLITE_NAME, &target,
                "table \"%s\" starts with sqlite_, which SQLite keeps for its own tables; rename it",
                cardinal_validate_show (self, table->name));

      if (checks_dialect (self, CARDINAL_DIALECT_POSTGRESQL))
        limit = 1600;
      else if (checks_dialect (self, CARDINAL_DIALECT_SQLITE))
        {
          limit = 2000;
          limiting = CARDINAL_DIALECT_SQLITE;
        }
      if (limit > 0 && table->columns->len > limit)
        cardinal_validate_report (self, CHECK_TOO_MANY_COLUMNS, &target,
                "table \"%s\" has %u columns; %s allows at most %u", cardinal_validate_show (self, table->name),
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

/* Format 3: a group names entities of the model, each in one group only. */
static void
check_groups (Validator *self)
{
  const CardinalModel *model = self->model;
  g_autoptr(GHashTable) first_group = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < model->groups->len; i++)
    {
      const CardinalGroup *group = g_ptr_array_index (model->groups, i);

      for (guint m = 0; group->entities[m] != NULL; m++)
        {
          const char *member = group->entities[m];
          const CardinalGroup *earlier;

          if (!g_hash_table_contains (self->entities, member))
            {
              Target target = { CARDINAL_OBJECT_MODEL, NULL, NULL, NULL };

              cardinal_validate_report (self, CHECK_GROUP_MEMBER, &target,
                      "group \"%s\" lists \"%s\", which is not an entity of the model",
                      cardinal_validate_show (self, group->name), cardinal_validate_show (self, member));
              continue;
            }
          earlier = g_hash_table_lookup (first_group, member);
          if (earlier != NULL && earlier != group)
            {
              Target target = { CARDINAL_OBJECT_ENTITY, member, NULL, NULL };

              cardinal_validate_report (self, CHECK_GROUP_OVERLAP, &target,
                      "entity \"%s\" is in group \"%s\" and in group \"%s\"",
                      cardinal_validate_show (self, member), cardinal_validate_show (self, earlier->name), cardinal_validate_show (self, group->name));
            }
          else
            g_hash_table_insert (first_group, (gpointer) member, (gpointer) group);
        }
    }
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

      cardinal_validate_report (&self, CHECK_INVALID_NAME, &target, "the model's name \"%s\" is not valid: it %s",
              cardinal_validate_show (&self, model->name), cardinal_identifier_problem (model->name));
    }

  for (guint i = 0; i < model->entities->len; i++)
    check_entity (&self, g_ptr_array_index (model->entities, i), i);

  for (guint i = 0; i < model->relationships->len; i++)
    check_relationship (&self, g_ptr_array_index (model->relationships, i), i);

  cardinal_validate_check_schema (&self, schema);
  check_format2 (&self);
  check_groups (&self);

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
  cardinal_validate_name_set_clear (&self.entity_names);
  cardinal_validate_name_set_clear (&self.relationship_names);
  cardinal_validate_name_set_clear (&self.member_names);
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
