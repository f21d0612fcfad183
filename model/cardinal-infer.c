/* cardinal-infer.c: recovers entities and relationships (with their strategies) from tables, the engineer read backwards. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-infer.h"
#include "cardinal-identifier.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"

#include <string.h>

/*
 * Inference diagnostics, all warnings: the model is still usable, but
 * engineering it again would not give back these exact tables.
 *
 * INFER001  A foreign key that references neither the primary key nor a
 *           UNIQUE of a table in the schema; its columns stay plain attributes.
 * INFER002  A foreign key that shares a column with another foreign key, or
 *           a primary key that references itself; its columns stay plain
 *           attributes.
 * INFER005  A table shaped almost like a link table (the reason is given);
 *           it stays an entity with plain fk relationships.
 *
 * Format 2 keeps what used to be INFER003 (FK column names), INFER004
 * (UNIQUEs and indexes), INFER006 (per-side actions), INFER007 (link CHECKs),
 * INFER008 (a link table's own key; now such a table stays an entity) and
 * INFER009 (FK column defaults and comments: claimed attributes).
 */

typedef struct
{
  const CardinalTable *table;
  char                *entity_name;    /* the entity's name: the table's, or "schema.table" on a clash */
  gboolean             is_link;
  gboolean            *fk_column;      /* per table->columns: an FK column no attribute claims (not an attribute) */
  gboolean            *unique_used;    /* per table->uniques */
  gboolean            *index_used;     /* per table->indexes */
  guint                n_referencing;  /* foreign keys (anywhere) that point at it */
} TableInfo;

typedef struct
{
  const CardinalSchema *schema;
  CardinalModel        *model;
  GPtrArray            *diagnostics;    /* may be NULL */
  GPtrArray            *order;          /* of TableInfo, schema order, owned */
  GHashTable           *infos;          /* entity name → TableInfo */
  GHashTable           *by_table_name;  /* table name → GPtrArray of its TableInfos, schema order */
  GHashTable           *names;          /* every object name in the schema, folded; NULL until schema_names () */
  GHashTable           *used_names;     /* relationship names, folded */
  GPtrArray            *fk_relationships;
  GPtrArray            *link_relationships;
  gboolean              postgresql;     /* the engine names things as PostgreSQL does */
  gboolean              sqlite_keys;    /* the engine may be SQLite (see column_is_plain_reference) */
  gboolean              legacy_keys;    /* an SQLite schema: key columns nullable as declared */
} Infer;

static void
table_info_free (TableInfo *info)
{
  g_free (info->entity_name);
  g_free (info->fk_column);
  g_free (info->unique_used);
  g_free (info->index_used);
  g_free (info);
}

/* Marks every column named @name as an FK column: a flag per column, not
 * a set of names per table, which cost more than the rest of a small table. */
static void
add_fk_column (TableInfo  *info,
               const char *name)
{
  for (guint i = 0; i < info->table->columns->len; i++)
    if (g_str_equal (((const CardinalColumn *) g_ptr_array_index (info->table->columns, i))->name, name))
      info->fk_column[i] = TRUE;
}

static void warn (Infer             *self,
                  const char        *code,
                  const char        *entity,
                  const char        *relationship,
                  const char        *format,
                  ...) G_GNUC_PRINTF (5, 6);

static void
warn (Infer      *self,
      const char *code,
      const char *entity,
      const char *relationship,
      const char *format,
      ...)
{
  CardinalDiagnostic *diagnostic;
  va_list args;

  if (self->diagnostics == NULL)
    return;

  diagnostic = g_new0 (CardinalDiagnostic, 1);
  va_start (args, format);
  diagnostic->message = g_strdup_vprintf (format, args);
  va_end (args);
  diagnostic->code = code;
  diagnostic->severity = CARDINAL_SEVERITY_WARNING;
  diagnostic->object_kind = relationship != NULL ? CARDINAL_OBJECT_RELATIONSHIP : CARDINAL_OBJECT_ENTITY;
  diagnostic->entity = g_strdup (entity);
  diagnostic->relationship = g_strdup (relationship);
  g_ptr_array_add (self->diagnostics, diagnostic);
}

/* Column lists */

static guint
strv_len (const char * const *strv)
{
  return strv != NULL ? g_strv_length ((GStrv) strv) : 0;
}

static gboolean
strv_contains (const char * const *strv,
               const char         *name)
{
  return strv != NULL && g_strv_contains (strv, name);
}

/* Same names in any order, none twice. */
static gboolean
strv_same_set (const char * const *a,
               const char * const *b)
{
  guint n = strv_len (a);

  if (n == 0 || n != strv_len (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!strv_contains (b, a[i]))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (a[i], a[j]))
          return FALSE;
    }
  return TRUE;
}

static gboolean
strv_same_list (const char * const *a,
                const char * const *b)
{
  guint n = strv_len (a);

  if (n != strv_len (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_str_equal (a[i], b[i]))
      return FALSE;
  return TRUE;
}

static char *
strv_describe (const char * const *columns)
{
  GString *out = g_string_new ("(");

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, columns[i]);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

static GStrv
concat_columns (const char * const *a,
                const char * const *b)
{
  guint n_a = strv_len (a);
  guint n_b = strv_len (b);
  GStrv result = g_new (char *, n_a + n_b + 1);

  for (guint i = 0; i < n_a; i++)
    result[i] = g_strdup (a[i]);
  for (guint i = 0; i < n_b; i++)
    result[n_a + i] = g_strdup (b[i]);
  result[n_a + n_b] = NULL;
  return result;
}

static GHashTable *schema_names (Infer *self);

/* Default names: a name the engine or the engineer would give by itself is
 * dropped, so that engineering the model again gives it back. When the first
 * choice is taken by another object, both number their names; a numbered
 * name counts as the default only when every earlier choice is taken. */

static char *
joined_name (const char         *table,
             const char * const *columns,
             const char         *suffix)
{
  gsize length = strlen (table) + 1 + strlen (suffix);
  char *name;
  char *end;

  /* Measured first and written once: this runs for every FK and index. */
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    length += 1 + strlen (columns[i]);
  name = g_malloc (length + 1);
  end = g_stpcpy (name, table);
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      *end++ = '_';
      end = g_stpcpy (end, columns[i]);
    }
  *end++ = '_';
  g_stpcpy (end, suffix);
  return name;
}

/* The engineer's <table>_<columns>_<suffix>, fitted, then "_2", "_3"… */
static gboolean
engineer_name_is_default (Infer              *self,
                          const char         *name,
                          const char         *table,
                          const char * const *columns,
                          const char         *suffix)
{
  g_autofree char *wanted = joined_name (table, columns, suffix);

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *numbered = n > 1 ? g_strdup_printf ("%s_%u", wanted, n) : NULL;
      const char *full = numbered != NULL ? numbered : wanted;
      g_autofree char *fitted = NULL;
      const char *candidate = full;

      /* A name that fits is its own fitted form: no copy for the usual case. */
      if (strlen (full) > CARDINAL_IDENTIFIER_MAX_BYTES)
        candidate = fitted = cardinal_identifier_fit (full);
      if (g_str_equal (candidate, name))
        return TRUE;
      if (self == NULL || !g_hash_table_contains (schema_names (self), candidate))
        return FALSE;
    }
  return FALSE;
}

/* PostgreSQL's <table>_<columns>_<label>, then <label>1, <label>2… */
static gboolean
postgresql_name_is_default (Infer              *self,
                            const char         *name,
                            const char         *table,
                            const char * const *columns,
                            const char         *label)
{
  for (guint n = 0; n < 1000; n++)
    {
      g_autofree char *numbered = n > 0 ? g_strdup_printf ("%s%u", label, n) : NULL;
      g_autofree char *candidate = cardinal_identifier_postgresql_name (table, columns,
                                                                        numbered != NULL ? numbered : label);

      if (g_str_equal (candidate, name))
        return TRUE;
      if (self == NULL || !g_hash_table_contains (schema_names (self), candidate))
        return FALSE;
    }
  return FALSE;
}

/* NULL for no name or the default, else a copy of @name. */
static char *
kept_engineer_name (Infer              *self,
                    const char         *name,
                    const char         *table,
                    const char * const *columns,
                    const char         *suffix)
{
  if (name == NULL || engineer_name_is_default (self, name, table, columns, suffix))
    return NULL;
  /* "" stays: a foreign key without a name (SQLite), which the engineer must not name. */
  return g_strdup (name);
}

static char *
kept_postgresql_name (Infer              *self,
                      const char         *name,
                      const char         *table,
                      const char * const *columns,
                      const char         *label)
{
  if (name == NULL || name[0] == '\0')
    return NULL;
  if (self->postgresql && postgresql_name_is_default (self, name, table, columns, label))
    return NULL;
  return g_strdup (name);
}

/* The columns of @table that @expression names, as PostgreSQL counts them
 * to name a CHECK: identifiers outside string literals that are column
 * names (unquoted ones compared folded to lower case). */
static guint
count_named_columns (GPtrArray   *names,
                     const char  *expression,
                     const char **only)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *p = expression;

  *only = NULL;
  while (p != NULL && *p != '\0')
    {
      g_autofree char *word = NULL;

      if (*p == '\'')
        {
          /* A doubled quote stays inside the literal. */
          for (p++; *p != '\0'; p++)
            {
              if (*p == '\'' && p[1] == '\'')
                p++;
              else if (*p == '\'')
                break;
            }
          if (*p != '\0')
            p++;
          continue;
        }
      if (*p == '"')
        {
          GString *quoted = g_string_new (NULL);

          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
              g_string_append_c (quoted, *p);
            }
          if (*p != '\0')
            p++;
          word = g_string_free (quoted, FALSE);
        }
      else if (g_ascii_isalpha (*p) || *p == '_' || (guchar) *p >= 0x80)
        {
          const char *start = p;

          while (g_ascii_isalnum (*p) || *p == '_' || *p == '$' || (guchar) *p >= 0x80)
            p++;
          word = g_ascii_strdown (start, p - start);
        }
      else
        {
          p++;
          continue;
        }

      for (guint i = 0; i < names->len; i++)
        {
          const char *name = g_ptr_array_index (names, i);

          if (g_str_equal (name, word))
            {
              g_hash_table_add (seen, (gpointer) name);
              *only = name;
            }
        }
    }
  return g_hash_table_size (seen);
}

/* The name PostgreSQL gives a CHECK on @table whose columns are @names:
 * <table>_<column>_check when it names one column, else <table>_check. */
static gboolean
check_name_is_default (Infer       *self,
                       const char  *table,
                       GPtrArray   *columns,
                       const CardinalCheck *check)
{
  const char *column = NULL;
  const char *single[] = { NULL, NULL };

  if (count_named_columns (columns, check->expression, &column) == 1)
    single[0] = column;
  return postgresql_name_is_default (self, check->name, table, single, "check");
}

/* Appends copies of @table's CHECKs to @checks, default names dropped. */
static void
infer_checks (Infer               *self,
              const CardinalTable *table,
              GPtrArray           *checks)
{
  g_autoptr(GPtrArray) columns = NULL;

  /* Most tables have no CHECK: the column list only for those that do. */
  if (table->checks->len == 0)
    return;
  columns = g_ptr_array_sized_new (table->columns->len);
  for (guint i = 0; i < table->columns->len; i++)
    g_ptr_array_add (columns, ((CardinalColumn *) g_ptr_array_index (table->columns, i))->name);

  for (guint i = 0; i < table->checks->len; i++)
    {
      const CardinalCheck *check = g_ptr_array_index (table->checks, i);
      CardinalCheck *copy = cardinal_check_copy (check);

      if (copy->name != NULL &&
          (copy->name[0] == '\0' ||
           (self->postgresql && check_name_is_default (self, table->name, columns, check))))
        g_clear_pointer (&copy->name, g_free);
      g_ptr_array_add (checks, copy);
    }
}

/* Table facts */

static TableInfo *
info_of (Infer      *self,
         const char *entity_name)
{
  return entity_name != NULL ? g_hash_table_lookup (self->infos, entity_name) : NULL;
}

/* The table a foreign key references: by schema and name, by name alone
 * when that is unambiguous, or by entity name ("schema.table"). */
static TableInfo *
resolve_table (Infer                    *self,
               const CardinalForeignKey *fk)
{
  TableInfo *found = NULL;
  guint n_named = 0;
  GPtrArray *named;

  if (fk->ref_table == NULL)
    return NULL;
  /* Only the tables of that name, found by hash: a scan of every table for
   * every foreign key was quadratic in the size of the schema. */
  named = g_hash_table_lookup (self->by_table_name, fk->ref_table);
  for (guint i = 0; named != NULL && i < named->len; i++)
    {
      TableInfo *info = g_ptr_array_index (named, i);

      n_named++;
      if (g_strcmp0 (info->table->schema, fk->ref_schema) == 0)
        return info;
      found = info;
    }
  if (n_named == 1 && fk->ref_schema == NULL)
    return found;
  if (n_named == 1 && found->table->schema == NULL)
    return found;
  return info_of (self, fk->ref_table);
}

static gboolean
unique_is_plain (const CardinalUnique *unique)
{
  return unique->include == NULL && !unique->nulls_not_distinct && !unique->deferrable &&
         !unique->initially_deferred;
}

/* Whether a UNIQUE constraint or non-partial unique index covers exactly
 * @columns (any order); the primary key does not count. */
static gboolean
has_unique (const CardinalTable *table,
            const char * const  *columns)
{
  for (guint i = 0; i < table->uniques->len; i++)
    if (strv_same_set ((const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns, columns))
      return TRUE;
  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (index->unique && index->where == NULL && strv_same_set ((const char * const *) index->columns, columns))
        return TRUE;
    }
  return FALSE;
}

/* Marks the first unused UNIQUE constraint over exactly @columns, in that
 * order, that the engine would have made by itself (unnamed or with the
 * default name, no options) as explained. */
static gboolean
take_default_unique (Infer              *self,
                     TableInfo          *info,
                     const char * const *columns)
{
  const CardinalTable *table = info->table;

  for (guint i = 0; i < table->uniques->len; i++)
    {
      const CardinalUnique *unique = g_ptr_array_index (table->uniques, i);
      g_autofree char *kept = NULL;

      if (info->unique_used[i] || !unique_is_plain (unique) ||
          !strv_same_list ((const char * const *) unique->columns, columns))
        continue;
      kept = kept_postgresql_name (self, unique->name, table->name, columns, "key");
      if (kept != NULL)
        continue;
      info->unique_used[i] = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* Marks the first unused plain index over exactly @columns, in that order,
 * with the engineer's name for it, as explained. */
static gboolean
take_default_index (Infer              *self,
                    TableInfo          *info,
                    const char * const *columns)
{
  const CardinalTable *table = info->table;

  for (guint i = 0; i < table->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (info->index_used[i] || index->unique || !cardinal_index_is_plain (index) ||
          !strv_same_list ((const char * const *) index->columns, columns) ||
          index->name == NULL ||
          !engineer_name_is_default (self, index->name, table->name, columns, "idx"))
        continue;
      info->index_used[i] = TRUE;
      return TRUE;
    }
  return FALSE;
}

static gboolean
all_not_null (const CardinalTable *table,
              const char * const  *columns)
{
  for (guint i = 0; columns[i] != NULL; i++)
    {
      CardinalColumn *column = cardinal_table_find_column (table, columns[i]);

      if (column == NULL || column->nullable)
        return FALSE;
    }
  return TRUE;
}

/* The foreign key's columns in the order of the referenced primary key, or
 * NULL when it does not reference exactly that key. */
static GStrv
columns_in_key_order (const CardinalForeignKey *fk,
                      const CardinalTable      *referenced)
{
  guint n = strv_len ((const char * const *) referenced->primary_key);
  GStrv columns;

  if (n == 0 || strv_len ((const char * const *) fk->columns) != n)
    return NULL;
  /* No column list in the REFERENCES clause means the primary key itself. */
  if (strv_len ((const char * const *) fk->ref_columns) == 0)
    return g_strdupv (fk->columns);
  if (!strv_same_set ((const char * const *) fk->ref_columns,
                      (const char * const *) referenced->primary_key))
    return NULL;

  columns = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      if (g_str_equal (fk->ref_columns[j], referenced->primary_key[i]))
        columns[i] = g_strdup (fk->columns[j]);
  return columns;
}

/* The role such that every column is <role>_<key column>, or NULL. */
static char *
role_from_columns (const char * const *columns,
                   const char * const *key)
{
  g_autofree char *role = NULL;

  if (strv_len (columns) == 0 || strv_len (columns) != strv_len (key))
    return NULL;
  for (guint i = 0; columns[i] != NULL; i++)
    {
      gsize column_len = strlen (columns[i]);
      gsize key_len = strlen (key[i]);
      g_autofree char *prefix = NULL;

      if (column_len < key_len + 2 || columns[i][column_len - key_len - 1] != '_' ||
          strcmp (columns[i] + column_len - key_len, key[i]) != 0)
        return NULL;

      prefix = g_strndup (columns[i], column_len - key_len - 1);
      if (role == NULL)
        role = g_steal_pointer (&prefix);
      else if (!g_str_equal (role, prefix))
        return NULL;
    }

  return g_steal_pointer (&role);
}

/* The role and, where no role explains the names, the explicit columns of a
 * foreign key that references @referenced_entity's @key. */
static void
infer_role_or_columns (const char * const *columns,
                       const char * const *key,
                       const char         *referenced_entity,
                       char              **role,
                       GStrv              *explicit_columns)
{
  *role = role_from_columns (columns, key);
  *explicit_columns = NULL;
  if (*role == NULL)
    *explicit_columns = g_strdupv ((GStrv) columns);
  else if (g_str_equal (*role, referenced_entity))
    g_clear_pointer (role, g_free);
}

static char *
claim_relationship_name (Infer      *self,
                         const char *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; g_hash_table_contains (self->used_names, name); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
  g_hash_table_add (self->used_names, g_strdup (name));
  return name;
}

/* An FK column is plain when the engineer would make it exactly so by
 * itself: the referenced column's type and nothing else. SQLite makes any
 * integer AUTOINCREMENT key "integer", while the FK columns keep the type
 * the model gave the key (bigint): those count as plain too, as they did
 * before format 2 (@sqlite_keys: the schema may come from SQLite). */
static gboolean
column_is_plain_reference (const CardinalColumn *column,
                           const CardinalColumn *referenced,
                           gboolean              sqlite_keys)
{
  gboolean same_type;

  if (column == NULL || referenced == NULL)
    return FALSE;
  same_type = g_strcmp0 (column->type, referenced->type) == 0 ||
              (sqlite_keys && referenced->autoincrement && cardinal_type_is_integer (column->type) &&
               cardinal_type_is_integer (referenced->type));
  return same_type &&
         column->sql_type == NULL && column->collation == NULL && column->default_value == NULL &&
         (column->comment == NULL || column->comment[0] == '\0') && column->generated == NULL &&
         !column->autoincrement && column->sequence == NULL;
}

static gint
column_position (const CardinalTable *table,
                 const char          *name)
{
  for (guint i = 0; i < table->columns->len; i++)
    if (g_str_equal (((const CardinalColumn *) g_ptr_array_index (table->columns, i))->name, name))
      return (gint) i;
  return -1;
}

/* Attributes */

/* No options at all: what NULL says too. */
static gboolean
sequence_is_default (const CardinalSequence *sequence)
{
  return sequence == NULL ||
         (sequence->name == NULL && sequence->schema == NULL && sequence->type == NULL && !sequence->has_start &&
          !sequence->has_increment && !sequence->has_min && !sequence->has_max && !sequence->has_cache &&
          !sequence->cycle && sequence->owned_by == NULL);
}


/* @legacy_keys: an SQLite schema, whose key columns keep NOT NULL as declared. */
static CardinalAttribute *
attribute_from_column (const CardinalTable  *table,
                       const CardinalColumn *column,
                       gboolean              legacy_keys)
{
  CardinalAttribute *attribute = cardinal_attribute_new (column->name, column->type);

  attribute->primary_key = strv_contains ((const char * const *) table->primary_key, column->name);
  /* A PostgreSQL identity need not be a key. */
  attribute->autoincrement = column->autoincrement;
  attribute->nullable = column->nullable && (!attribute->primary_key || legacy_keys);
  attribute->default_value = g_strdup (column->default_value);
  /* The new attribute's comment is already "": replaced only by a real one. */
  if (column->comment != NULL && column->comment[0] != '\0')
    {
      g_free (attribute->comment);
      attribute->comment = g_strdup (column->comment);
    }
  attribute->identity = column->identity;
  attribute->sequence = !sequence_is_default (column->sequence) ? cardinal_sequence_copy (column->sequence) : NULL;
  attribute->sql_type = g_strdup (column->sql_type);
  attribute->collation = g_strdup (column->collation);
  attribute->generated = g_strdup (column->generated);
  attribute->generated_stored = column->generated_stored;
  return attribute;
}

/* An attribute's "unique" and "index" flags, from the UNIQUE or index the
 * engineer would make for them; a key attribute gets neither (the engineer
 * adds nothing for it). */
static void
attribute_flags (Infer             *self,
                 TableInfo         *info,
                 CardinalAttribute *attribute)
{
  const char *single[] = { attribute->name, NULL };

  if (attribute->primary_key)
    return;
  attribute->unique = take_default_unique (self, info, single);
  if (!attribute->unique)
    attribute->index = take_default_index (self, info, single);
}

/* UNIQUEs and indexes that nothing explained, kept as they are (names the
 * engine or the engineer would give dropped). */
static void
keep_leftover_keys (Infer           *self,
                    const TableInfo *info,
                    GPtrArray       *uniques,
                    GPtrArray       *indexes)
{
  const CardinalTable *table = info->table;

  for (guint i = 0; i < table->uniques->len; i++)
    if (!info->unique_used[i])
      {
        const CardinalUnique *unique = g_ptr_array_index (table->uniques, i);
        CardinalUnique *copy;

        /* The primary key repeated as an unnamed UNIQUE (how SQLite reports it) says nothing new. */
        if (unique->name == NULL && strv_same_set ((const char * const *) unique->columns,
                                                   (const char * const *) table->primary_key))
          continue;
        copy = cardinal_unique_copy (unique);
        g_free (copy->name);
        /* PostgreSQL names a UNIQUE with INCLUDE after its included columns too,
         * unlike the default this is compared with: such a name is kept. */
        copy->name = unique->include != NULL && unique->include[0] != NULL
          ? g_strdup (unique->name)
          : kept_postgresql_name (self, unique->name, table->name,
                                  (const char * const *) unique->columns, "key");
        g_ptr_array_add (uniques, copy);
      }

  for (guint i = 0; i < table->indexes->len; i++)
    if (!info->index_used[i])
      {
        const CardinalIndex *index = g_ptr_array_index (table->indexes, i);
        CardinalIndex *copy;

        if (index->name != NULL && g_str_has_prefix (index->name, "sqlite_autoindex_"))
          continue;
        copy = cardinal_index_copy (index);
        if (!index->unique && cardinal_index_is_plain (index) && index->name != NULL &&
            engineer_name_is_default (self, index->name, table->name,
                                      (const char * const *) index->columns, "idx"))
          g_clear_pointer (&copy->name, g_free);
        g_ptr_array_add (indexes, copy);
      }
}

/* The primary key's name unless it is the engine's default. */
static char *
kept_primary_key_name (Infer               *self,
                       const CardinalTable *table)
{
  return kept_postgresql_name (self, table->primary_key_name, table->name, NULL, "pkey");
}

static gboolean
actions_equal (const CardinalForeignKey *a,
               const CardinalForeignKey *b)
{
  return a->deferrable == b->deferrable && a->initially_deferred == b->initially_deferred &&
         a->match_full == b->match_full;
}

/* Link tables */

typedef struct
{
  const CardinalForeignKey *fk;
  TableInfo                *target;
  GStrv                     columns;   /* in the referenced key's order */
} Reference;

static void
reference_clear (Reference *reference)
{
  g_clear_pointer (&reference->columns, g_strfreev);
}

/* Whether @fk points at the whole key of an entity table; fills @reference. */
static gboolean
resolve_reference (Infer                    *self,
                   const CardinalForeignKey *fk,
                   Reference                *reference)
{
  TableInfo *target = resolve_table (self, fk);

  reference->fk = fk;
  reference->target = target;
  reference->columns = NULL;
  if (target == NULL || target->is_link)
    return FALSE;
  reference->columns = columns_in_key_order (fk, target->table);
  return reference->columns != NULL;
}

/* The position in @list of the first of @columns, or G_MAXUINT. */
static guint
first_position (const char * const *list,
                const char * const *columns)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (strv_contains (columns, list[i]))
      return i;
  return G_MAXUINT;
}

/* Whether the link table starts with @leading (its own key, then both
 * foreign keys' columns, as the engineer lays them out), each FK column
 * plain. */
static gboolean
link_columns_plain (Infer               *self,
                    const CardinalTable *table,
                    const char * const  *leading,
                    const Reference     *first,
                    const Reference     *second)
{
  guint offset = strv_len (leading) - strv_len ((const char * const *) first->columns) -
                 strv_len ((const char * const *) second->columns);

  if (table->columns->len < strv_len (leading))
    return FALSE;
  for (guint i = 0; leading[i] != NULL; i++)
    if (!g_str_equal (((const CardinalColumn *) g_ptr_array_index (table->columns, i))->name, leading[i]))
      return FALSE;
  for (guint side = 0; side < 2; side++)
    {
      const Reference *reference = side == 0 ? first : second;
      const char * const *key = (const char * const *) reference->target->table->primary_key;

      for (guint i = 0; reference->columns[i] != NULL; i++)
        {
          const CardinalColumn *column = g_ptr_array_index (table->columns, offset++);

          if (!column_is_plain_reference (column, cardinal_table_find_column (reference->target->table, key[i]),
                                          self->sqlite_keys) ||
              column->nullable)
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
own_key_is_plain (const CardinalTable *table)
{
  const CardinalColumn *id = table->columns->len > 0 ? g_ptr_array_index (table->columns, 0) : NULL;

  return id != NULL && g_str_equal (id->name, "id") && g_strcmp0 (id->type, "integer") == 0 &&
         id->autoincrement && id->identity == CARDINAL_IDENTITY_BY_DEFAULT && sequence_is_default (id->sequence) &&
         id->sql_type == NULL && id->collation == NULL && id->default_value == NULL &&
         (id->comment == NULL || id->comment[0] == '\0') && id->generated == NULL;
}

/* The link's table-level options, or NULL when all are the defaults. */
static CardinalEntity *
link_extras (Infer          *self,
             TableInfo      *info,
             const char * const *default_key)
{
  const CardinalTable *table = info->table;
  g_autoptr(CardinalEntity) link = cardinal_entity_new (table->name);

  if (table->comment != NULL && table->comment[0] != '\0')
    {
      g_free (link->comment);
      link->comment = g_strdup (table->comment);
    }
  infer_checks (self, table, link->checks);
  keep_leftover_keys (self, info, link->uniques, link->indexes);
  link->schema = g_strdup (table->schema);
  link->primary_key_name = kept_primary_key_name (self, table);
  if (!strv_same_list ((const char * const *) table->primary_key, default_key))
    link->primary_key_order = g_strdupv (table->primary_key);
  link->without_rowid = table->without_rowid;
  link->strict = table->strict;
  link->unlogged = table->unlogged;

  if (link->comment[0] == '\0' && link->checks->len == 0 && link->uniques->len == 0 &&
      link->indexes->len == 0 && link->schema == NULL && link->primary_key_name == NULL &&
      link->primary_key_order == NULL && !link->without_rowid && !link->strict && !link->unlogged)
    return NULL;
  return g_steal_pointer (&link);
}

/* Decides whether @info's table is a link table: exactly two foreign keys to
 * entity tables' keys, referenced by nothing, and either a primary key made
 * of both (link-table) or its own one-column key plus a UNIQUE over both
 * (link-table-pk), with nothing a link relationship cannot say. Builds the
 * relationship when it is. */
static gboolean
try_link_table (Infer     *self,
                TableInfo *info)
{
  const CardinalTable *table = info->table;
  const char * const *pk = (const char * const *) table->primary_key;
  Reference refs[2] = { { 0 }, { 0 } };
  Reference *first, *second;
  g_autofree char *why = NULL;
  g_auto(GStrv) both = NULL;
  g_auto(GStrv) leading = NULL;
  gboolean own_key = FALSE;
  gboolean plain;
  CardinalKind kind = CARDINAL_KIND_MANY_TO_MANY;
  g_autoptr(CardinalRelationship) relationship = NULL;
  g_autofree char *default_name = NULL;
  gboolean result = FALSE;

  if (table->foreign_keys->len != 2 || info->n_referencing > 0 || table->partition_by != NULL)
    return FALSE;

  if (!resolve_reference (self, g_ptr_array_index (table->foreign_keys, 0), &refs[0]) ||
      !resolve_reference (self, g_ptr_array_index (table->foreign_keys, 1), &refs[1]))
    goto out;

  for (guint i = 0; refs[0].columns[i] != NULL; i++)
    if (strv_contains ((const char * const *) refs[1].columns, refs[0].columns[i]))
      {
        why = g_strdup ("its two foreign keys share a column");
        goto out;
      }

  /* entity1 is the side whose columns lead the key (or the UNIQUE). */
  if (strv_same_set (pk, (const char * const *) refs[0].fk->columns) ||
      strv_same_set (pk, (const char * const *) refs[1].fk->columns))
    goto out;  /* a shared primary key, not a link */

  both = concat_columns ((const char * const *) refs[0].columns, (const char * const *) refs[1].columns);
  if (strv_same_set (pk, (const char * const *) both))
    {
      guint p0 = first_position (pk, (const char * const *) refs[0].columns);
      guint p1 = first_position (pk, (const char * const *) refs[1].columns);

      first = p0 <= p1 ? &refs[0] : &refs[1];
      second = p0 <= p1 ? &refs[1] : &refs[0];
    }
  else if (strv_len (pk) == 1 && !strv_contains ((const char * const *) both, pk[0]))
    {
      const char * const *unique = NULL;

      for (guint i = 0; i < table->uniques->len && unique == NULL; i++)
        if (strv_same_set ((const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns, (const char * const *) both))
          unique = (const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns;
      for (guint i = 0; i < table->indexes->len && unique == NULL; i++)
        {
          CardinalIndex *index = g_ptr_array_index (table->indexes, i);

          if (index->unique && strv_same_set ((const char * const *) index->columns, (const char * const *) both))
            unique = (const char * const *) index->columns;
        }

      if (unique == NULL)
        goto out;  /* an entity of its own with two references */
      if (!g_str_equal (pk[0], "id"))
        {
          why = g_strdup_printf ("its own key is \"%s\", and a link table's own key is \"id\"", pk[0]);
          goto out;
        }
      if (!own_key_is_plain (table))
        {
          why = g_strdup ("its own key \"id\" is not the first column, integer autoincrement and nothing else, "
                          "which is what a link table's own key is");
          goto out;
        }

      own_key = TRUE;
      {
        guint p0 = first_position (unique, (const char * const *) refs[0].columns);
        guint p1 = first_position (unique, (const char * const *) refs[1].columns);

        first = p0 <= p1 ? &refs[0] : &refs[1];
        second = p0 <= p1 ? &refs[1] : &refs[0];
      }
    }
  else
    goto out;

  /* A UNIQUE on one side makes it one-to-many (B2); on both it would be one-to-one, which no link table stores. */
  {
    gboolean unique1 = has_unique (table, (const char * const *) first->columns);
    gboolean unique2 = has_unique (table, (const char * const *) second->columns);

    if (unique1 && unique2)
      {
        why = g_strdup ("both foreign keys are UNIQUE, a one-to-one that no link table stores");
        goto out;
      }
    if ((unique1 || unique2) && own_key)
      {
        why = g_strdup ("it has its own key and a UNIQUE foreign key, a one-to-many that link-table-pk does not store");
        goto out;
      }
    if (unique1)
      kind = CARDINAL_KIND_MANY_TO_ONE;
    else if (unique2)
      kind = CARDINAL_KIND_ONE_TO_MANY;
  }

  /* The engineer makes a link table's FK columns NOT NULL. */
  if (!all_not_null (table, (const char * const *) first->columns) ||
      !all_not_null (table, (const char * const *) second->columns))
    {
      why = g_strdup ("a foreign-key column is nullable, and a link table's are NOT NULL");
      goto out;
    }

  if (!actions_equal (first->fk, second->fk))
    {
      why = g_strdup ("its foreign keys differ in DEFERRABLE, INITIALLY DEFERRED or MATCH FULL");
      goto out;
    }

  /* The table is a link table. */
  result = TRUE;
  info->is_link = TRUE;

  relationship = cardinal_relationship_new (NULL, first->target->entity_name, second->target->entity_name, kind,
                                            own_key ? CARDINAL_STRATEGY_LINK_TABLE_PK : CARDINAL_STRATEGY_LINK_TABLE);
  g_free (relationship->name);
  relationship->name = claim_relationship_name (self, table->name);
  default_name = g_strconcat (relationship->entity1, "_", relationship->entity2, NULL);
  if (!g_str_equal (default_name, table->name))
    relationship->link_table = g_strdup (table->name);
  infer_role_or_columns ((const char * const *) first->columns, (const char * const *) first->target->table->primary_key,
                         first->target->entity_name, &relationship->entity1_role, &relationship->entity1_columns);
  infer_role_or_columns ((const char * const *) second->columns, (const char * const *) second->target->table->primary_key,
                         second->target->entity_name, &relationship->entity2_role, &relationship->entity2_columns);

  relationship->on_delete = first->fk->on_delete;
  if (second->fk->on_delete != first->fk->on_delete)
    relationship->entity2_on_delete = second->fk->on_delete;
  relationship->on_update = first->fk->on_update;
  if (second->fk->on_update != first->fk->on_update)
    relationship->entity2_on_update = second->fk->on_update;
  relationship->deferrable = first->fk->deferrable;
  relationship->initially_deferred = first->fk->initially_deferred;
  relationship->match_full = first->fk->match_full;
  relationship->entity1_fk_name = kept_engineer_name (self, first->fk->name, table->name,
                                                      (const char * const *) first->columns, "fkey");
  relationship->entity2_fk_name = kept_engineer_name (self, second->fk->name, table->name,
                                                      (const char * const *) second->columns, "fkey");

  {
    const char *id_key[] = { "id", NULL };
    const char *no_key[] = { NULL };

    g_strfreev (both);
    both = concat_columns ((const char * const *) first->columns, (const char * const *) second->columns);
    leading = concat_columns (own_key ? id_key : no_key, (const char * const *) both);
  }
  plain = link_columns_plain (self, table, (const char * const *) leading, first, second);
  if (!plain)
    {
      /* Every FK column becomes a link attribute that keeps its place. */
      if (own_key)
        add_fk_column (info, "id");
    }
  else
    for (guint i = 0; leading[i] != NULL; i++)
      add_fk_column (info, leading[i]);

  /* The UNIQUEs and the index the engineer adds. */
  if (own_key)
    take_default_unique (self, info, (const char * const *) both);
  if (kind == CARDINAL_KIND_ONE_TO_MANY)
    take_default_unique (self, info, (const char * const *) second->columns);
  else if (kind == CARDINAL_KIND_MANY_TO_ONE)
    take_default_unique (self, info, (const char * const *) first->columns);
  if (kind != CARDINAL_KIND_ONE_TO_MANY)
    relationship->index = take_default_index (self, info, (const char * const *) second->columns);

  /* Everything else is an attribute of the association. */
  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);
      CardinalAttribute *attribute;

      if (info->fk_column[i])
        continue;
      attribute = attribute_from_column (table, column, self->legacy_keys);
      /* A link table's key is its foreign keys (or its own id), never an attribute. */
      attribute->primary_key = FALSE;
      attribute->autoincrement = FALSE;
      attribute->nullable = column->nullable;
      attribute_flags (self, info, attribute);
      g_ptr_array_add (relationship->link_attributes, attribute);
    }

  relationship->link = link_extras (self, info, own_key ? (const char * const *) (const char *[]) { "id", NULL }
                                                        : (const char * const *) both);
  g_ptr_array_add (self->link_relationships, g_steal_pointer (&relationship));

out:
  if (!result && why != NULL)
    warn (self, "INFER005", info->entity_name, NULL,
          "table \"%s\" is not read as a link table: %s; it stays an entity", table->name, why);
  reference_clear (&refs[0]);
  reference_clear (&refs[1]);
  return result;
}

/* Entities and their foreign keys */

typedef struct
{
  CardinalRelationship *relationship;
  GStrv                 columns;     /* FK columns in the engineer's order (the referenced key's) */
  GStrv                 key;         /* the referenced columns in that order */
  TableInfo            *target;
  gint                  position;    /* of the first FK column in the holder */
  gboolean              appends;     /* its columns are not the holder's own key (not shared-pk) */
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->relationship != NULL)
    cardinal_relationship_free (pending->relationship);
  g_strfreev (pending->columns);
  g_strfreev (pending->key);
  g_free (pending);
}

static gint
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = *(const Pending * const *) a;
  const Pending *y = *(const Pending * const *) b;

  return (x->position > y->position) - (x->position < y->position);
}

/* Reads one foreign key of @info's table; NULL (with a warning) when it
 * stays plain columns. */
static Pending *
infer_foreign_key (Infer                    *self,
                   TableInfo                *info,
                   const CardinalForeignKey *fk,
                   GHashTable               *taken)
{
  const CardinalTable *holder = info->table;
  const char * const *pk = (const char * const *) holder->primary_key;
  g_autofree char *described = NULL;   /* the columns, for a warning only */
  TableInfo *target = resolve_table (self, fk);
  g_auto(GStrv) columns = NULL;
  g_auto(GStrv) key = NULL;
  gboolean by_unique = FALSE;
  CardinalStrategy strategy;
  CardinalKind kind = CARDINAL_KIND_ONE_TO_MANY;
  gboolean identifying = FALSE;
  Pending *pending;
  CardinalRelationship *relationship;

  if (target == NULL || target->is_link)
    {
      described = strv_describe ((const char * const *) fk->columns);
      warn (self, "INFER001", info->entity_name, NULL,
            "table \"%s\": foreign key %s references \"%s\", which is %s; the columns stay plain attributes",
            holder->name, described, fk->ref_table != NULL ? fk->ref_table : "",
            target == NULL ? "not in the schema" : "a link table");
      return NULL;
    }

  columns = columns_in_key_order (fk, target->table);
  if (columns != NULL)
    key = g_strdupv (target->table->primary_key);
  else if (strv_len ((const char * const *) fk->ref_columns) > 0 &&
           strv_len ((const char * const *) fk->ref_columns) == strv_len ((const char * const *) fk->columns) &&
           has_unique (target->table, (const char * const *) fk->ref_columns))
    {
      /* A reference to a UNIQUE: entityN-key, in the order written. */
      columns = g_strdupv (fk->columns);
      key = g_strdupv (fk->ref_columns);
      by_unique = TRUE;
    }
  else
    {
      g_autofree char *primary = strv_describe ((const char * const *) target->table->primary_key);

      described = strv_describe ((const char * const *) fk->columns);
      warn (self, "INFER001", info->entity_name, NULL,
            "table \"%s\": foreign key %s references neither the primary key %s nor a UNIQUE of \"%s\"; "
            "the columns stay plain attributes",
            holder->name, described, primary, target->table->name);
      return NULL;
    }

  for (guint i = 0; columns[i] != NULL; i++)
    if (g_hash_table_contains (taken, columns[i]))
      {
        described = strv_describe ((const char * const *) fk->columns);
        warn (self, "INFER002", info->entity_name, NULL,
              "table \"%s\": foreign key %s shares column \"%s\" with another foreign key; "
              "the columns stay plain attributes",
              holder->name, described, columns[i]);
        return NULL;
      }

  if (!by_unique && strv_same_set (pk, (const char * const *) columns))
    {
      if (target == info)
        {
          warn (self, "INFER002", info->entity_name, NULL,
                "table \"%s\": its primary key references itself; the columns stay plain attributes",
                holder->name);
          return NULL;
        }
      strategy = CARDINAL_STRATEGY_SHARED_PK;
      kind = CARDINAL_KIND_ONE_TO_ONE;
    }
  else
    {
      gboolean all_in_key = TRUE;

      for (guint i = 0; columns[i] != NULL; i++)
        if (!strv_contains (pk, columns[i]))
          all_in_key = FALSE;
      identifying = all_in_key && strv_len (pk) > strv_len ((const char * const *) columns);

      if (!identifying && has_unique (holder, (const char * const *) columns))
        {
          strategy = CARDINAL_STRATEGY_UNIQUE_FK;
          kind = CARDINAL_KIND_ONE_TO_ONE;
        }
      else
        strategy = CARDINAL_STRATEGY_FK;
    }

  /* A key may be shared with several principals; other columns belong to one foreign key. */
  if (strategy != CARDINAL_STRATEGY_SHARED_PK)
    for (guint i = 0; columns[i] != NULL; i++)
      g_hash_table_add (taken, g_strdup (columns[i]));

  relationship = cardinal_relationship_new (NULL, target->entity_name, info->entity_name, kind, strategy);
  relationship->on_delete = fk->on_delete;
  relationship->on_update = fk->on_update;
  relationship->deferrable = fk->deferrable;
  relationship->initially_deferred = fk->initially_deferred;
  relationship->match_full = fk->match_full;
  relationship->identifying = identifying;
  if (by_unique)
    relationship->entity1_key = g_strdupv (key);
  relationship->entity1_fk_name = kept_engineer_name (self, fk->name, holder->name,
                                                      (const char * const *) columns, "fkey");
  if (strategy == CARDINAL_STRATEGY_SHARED_PK)
    relationship->entity2_needs_entity1 = TRUE;
  else
    {
      relationship->entity2_needs_entity1 = all_not_null (holder, (const char * const *) columns);
      infer_role_or_columns ((const char * const *) columns, (const char * const *) key, target->entity_name,
                             &relationship->entity1_role, &relationship->entity1_columns);
    }

  pending = g_new0 (Pending, 1);
  pending->relationship = relationship;
  pending->columns = g_steal_pointer (&columns);
  pending->key = g_steal_pointer (&key);
  pending->target = target;
  pending->appends = strategy != CARDINAL_STRATEGY_SHARED_PK;
  pending->position = G_MAXINT;
  for (guint i = 0; pending->columns[i] != NULL; i++)
    pending->position = MIN (pending->position, column_position (holder, pending->columns[i]));
  return pending;
}

/* Whether the engineer, appending the FK columns of @pendings after the
 * attributes, would make exactly the tail of the table. */
static gboolean
foreign_columns_plain (Infer               *self,
                       const CardinalTable *table,
                       GPtrArray           *pendings)
{
  guint n = 0;
  guint offset;

  for (guint i = 0; i < pendings->len; i++)
    {
      const Pending *pending = g_ptr_array_index (pendings, i);

      if (pending->appends)
        n += strv_len ((const char * const *) pending->columns);
    }
  if (n > table->columns->len)
    return FALSE;

  offset = table->columns->len - n;
  for (guint i = 0; i < pendings->len; i++)
    {
      const Pending *pending = g_ptr_array_index (pendings, i);
      gboolean nullable = FALSE;

      if (!pending->appends)
        continue;
      for (guint k = 0; pending->columns[k] != NULL; k++)
        {
          const CardinalColumn *column = g_ptr_array_index (table->columns, offset++);
          const CardinalColumn *referenced = cardinal_table_find_column (pending->target->table, pending->key[k]);

          if (!g_str_equal (column->name, pending->columns[k]) || !column_is_plain_reference (column, referenced, self->sqlite_keys))
            return FALSE;
          /* One relationship's columns are all NOT NULL or all nullable. */
          if (k == 0)
            nullable = column->nullable;
          else if (column->nullable != nullable)
            return FALSE;
          /* Only an identifying relationship puts its columns in the key. */
          if (!pending->relationship->identifying &&
              strv_contains ((const char * const *) table->primary_key, column->name))
            return FALSE;
        }
    }
  return TRUE;
}

static void
infer_entity (Infer     *self,
              TableInfo *info)
{
  const CardinalTable *table = info->table;
  g_autoptr(CardinalEntity) entity = cardinal_entity_new (info->entity_name);
  g_autoptr(GHashTable) taken = NULL;   /* FK columns already read, made when there are FKs */
  g_autoptr(GPtrArray) pendings = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  g_autoptr(GPtrArray) default_key = g_ptr_array_new ();
  gboolean plain;

  /* The new entity's comment is already "": replaced only by a real one. */
  if (table->comment != NULL && table->comment[0] != '\0')
    {
      g_free (entity->comment);
      entity->comment = g_strdup (table->comment);
    }
  {
    /* The readers call a table whose bare name another schema also has
     * "schema.table"; the table itself is still "table" in its schema. */
    const char *real_name = table->name;
    gsize n = table->schema != NULL ? strlen (table->schema) : 0;

    if (n > 0 && strncmp (table->name, table->schema, n) == 0 && table->name[n] == '.' && table->name[n + 1] != '\0')
      real_name = table->name + n + 1;
    if (!g_str_equal (info->entity_name, real_name))
      entity->table = g_strdup (real_name);
  }
  entity->schema = g_strdup (table->schema);
  entity->without_rowid = table->without_rowid;
  entity->strict = table->strict;
  entity->unlogged = table->unlogged;
  entity->partition_by = g_strdup (table->partition_by);
  infer_checks (self, table, entity->checks);

  if (table->foreign_keys->len > 0)
    taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      Pending *pending = infer_foreign_key (self, info, g_ptr_array_index (table->foreign_keys, i), taken);

      if (pending != NULL)
        g_ptr_array_add (pendings, pending);
    }

  /* The engineer appends FK columns in relationship order: order the
   * relationships as their columns stand. */
  g_ptr_array_sort (pendings, compare_pending);
  plain = foreign_columns_plain (self, table, pendings);

  for (guint i = 0; i < pendings->len; i++)
    {
      Pending *pending = g_ptr_array_index (pendings, i);
      CardinalRelationship *relationship = pending->relationship;

      if (pending->appends && plain)
        for (guint k = 0; pending->columns[k] != NULL; k++)
          {
            add_fk_column (info, pending->columns[k]);
            if (relationship->identifying)
              g_ptr_array_add (default_key, pending->columns[k]);
          }

      if (relationship->strategy == CARDINAL_STRATEGY_UNIQUE_FK)
        take_default_unique (self, info, (const char * const *) pending->columns);
      else if (relationship->strategy == CARDINAL_STRATEGY_FK)
        relationship->index = take_default_index (self, info, (const char * const *) pending->columns);
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);
      CardinalAttribute *attribute;

      if (info->fk_column[i])
        continue;
      attribute = attribute_from_column (table, column, self->legacy_keys);
      attribute_flags (self, info, attribute);
      if (attribute->primary_key)
        g_ptr_array_add (default_key, attribute->name);
      cardinal_entity_add_attribute (entity, attribute);
    }

  g_ptr_array_add (default_key, NULL);
  if (!strv_same_list ((const char * const *) table->primary_key, (const char * const *) default_key->pdata))
    entity->primary_key_order = g_strdupv (table->primary_key);
  entity->primary_key_name = kept_primary_key_name (self, table);
  keep_leftover_keys (self, info, entity->uniques, entity->indexes);

  for (guint i = 0; i < pendings->len; i++)
    {
      Pending *pending = g_ptr_array_index (pendings, i);
      CardinalRelationship *relationship = g_steal_pointer (&pending->relationship);
      g_autofree char *base = NULL;

      if (relationship->entity1_role != NULL)
        base = g_strconcat (relationship->entity1_role, "_", info->entity_name, NULL);
      else
        base = g_strconcat (relationship->entity1, "_", info->entity_name, NULL);
      g_free (relationship->name);
      relationship->name = claim_relationship_name (self, base);
      g_ptr_array_add (self->fk_relationships, relationship);
    }

  cardinal_model_add_entity (self->model, g_steal_pointer (&entity));
}

static void
add_name (Infer      *self,
          const char *name)
{
  /* Borrowed: the schema outlives the inference. */
  if (name != NULL && name[0] != '\0')
    g_hash_table_add (self->names, (gpointer) name);
}

/* Entity names: the table's, or "schema.table" when another schema has a
 * table of that name too; never two alike. */
static void
name_entities (Infer *self)
{
  for (guint i = 0; i < self->order->len; i++)
    {
      TableInfo *info = g_ptr_array_index (self->order, i);
      const CardinalTable *table = info->table;
      g_autofree char *qualified = NULL;
      const char *base = table->name;
      GPtrArray *named = g_hash_table_lookup (self->by_table_name, table->name);

      if (named->len > 1 && table->schema != NULL)
        base = qualified = g_strdup_printf ("%s.%s", table->schema, table->name);
      info->entity_name = g_strdup (base);
      for (guint n = 2; g_hash_table_contains (self->infos, info->entity_name); n++)
        {
          g_free (info->entity_name);
          info->entity_name = g_strdup_printf ("%s_%u", base, n);
        }
      g_hash_table_insert (self->infos, info->entity_name, info);
    }
}

static void collect_names (Infer *self);

/* Every object name in the schema, gathered the first time a numbered
 * default name needs them: most names are the first choice, which needs none. */
static GHashTable *
schema_names (Infer *self)
{
  if (self->names == NULL)
    {
      self->names = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
      collect_names (self);
    }
  return self->names;
}

static void
collect_names (Infer *self)
{
  for (guint i = 0; i < self->schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (self->schema->tables, i);

      add_name (self, table->name);
      add_name (self, table->primary_key_name);
      for (guint k = 0; k < table->uniques->len; k++)
        add_name (self, ((const CardinalUnique *) g_ptr_array_index (table->uniques, k))->name);
      for (guint k = 0; k < table->indexes->len; k++)
        add_name (self, ((const CardinalIndex *) g_ptr_array_index (table->indexes, k))->name);
      for (guint k = 0; k < table->foreign_keys->len; k++)
        add_name (self, ((const CardinalForeignKey *) g_ptr_array_index (table->foreign_keys, k))->name);
      for (guint k = 0; k < table->checks->len; k++)
        add_name (self, ((const CardinalCheck *) g_ptr_array_index (table->checks, k))->name);
    }
}

static void
copy_model_objects (CardinalModel        *model,
                    const CardinalSchema *schema)
{
  model->has_dialect = schema->has_dialect;
  model->dialect = schema->dialect;
  if (schema->schemas != NULL)
    {
      g_ptr_array_unref (model->schemas);
      model->schemas = cardinal_string_array_copy (schema->schemas);
    }
  if (schema->extensions != NULL)
    {
      g_ptr_array_unref (model->extensions);
      model->extensions = cardinal_extension_array_copy (schema->extensions);
    }
  if (schema->types != NULL)
    {
      g_ptr_array_unref (model->types);
      model->types = cardinal_user_type_array_copy (schema->types);
    }
  if (schema->sequences != NULL)
    {
      g_ptr_array_unref (model->sequences);
      model->sequences = cardinal_sequence_array_copy (schema->sequences);
    }
  if (schema->objects != NULL)
    {
      g_ptr_array_unref (model->objects);
      model->objects = cardinal_sql_object_array_copy (schema->objects);
    }
}

CardinalModel *
cardinal_infer (const CardinalSchema  *schema,
                const char            *model_name,
                GPtrArray            **diagnostics)
{
  Infer self = { 0 };

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (diagnostics == NULL || *diagnostics == NULL, NULL);

  self.schema = schema;
  self.model = cardinal_model_new (model_name != NULL ? model_name : schema->name);
  if (diagnostics != NULL)
    self.diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_diagnostic_free);
  self.order = g_ptr_array_new_with_free_func ((GDestroyNotify) table_info_free);
  self.infos = g_hash_table_new (g_str_hash, g_str_equal);
  self.by_table_name = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  self.used_names = g_hash_table_new_full (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal,
                                           g_free, NULL);
  self.fk_relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_relationship_free);
  self.link_relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_relationship_free);
  self.postgresql = !schema->has_dialect || schema->dialect == CARDINAL_DIALECT_POSTGRESQL;
  self.sqlite_keys = !schema->has_dialect || schema->dialect == CARDINAL_DIALECT_SQLITE;
  self.legacy_keys = schema->has_dialect && schema->dialect == CARDINAL_DIALECT_SQLITE;

  copy_model_objects (self.model, schema);

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);
      TableInfo *info;
      GPtrArray *named;
      gboolean duplicate = FALSE;

      if (table->name == NULL)
        continue;
      /* The same table twice (same schema and name) is read once. */
      named = g_hash_table_lookup (self.by_table_name, table->name);
      if (named == NULL)
        {
          named = g_ptr_array_new ();
          g_hash_table_insert (self.by_table_name, table->name, named);
        }
      for (guint k = 0; k < named->len && !duplicate; k++)
        {
          const CardinalTable *other = ((TableInfo *) g_ptr_array_index (named, k))->table;

          duplicate = g_strcmp0 (other->schema, table->schema) == 0;
        }
      if (duplicate)
        continue;
      info = g_new0 (TableInfo, 1);
      info->table = table;
      info->fk_column = g_new0 (gboolean, table->columns->len + 1);
      info->unique_used = g_new0 (gboolean, table->uniques->len + 1);
      info->index_used = g_new0 (gboolean, table->indexes->len + 1);
      g_ptr_array_add (self.order, info);
      g_ptr_array_add (named, info);
    }
  name_entities (&self);

  for (guint i = 0; i < self.order->len; i++)
    {
      const CardinalTable *table = ((TableInfo *) g_ptr_array_index (self.order, i))->table;

      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          TableInfo *target = resolve_table (&self, g_ptr_array_index (table->foreign_keys, k));

          if (target != NULL)
            target->n_referencing++;
        }
    }

  /* Link tables first: they take their names before generated ones, and
   * whether a table is one decides what the others' foreign keys mean. */
  for (guint i = 0; i < self.order->len; i++)
    try_link_table (&self, g_ptr_array_index (self.order, i));

  for (guint i = 0; i < self.order->len; i++)
    {
      TableInfo *info = g_ptr_array_index (self.order, i);

      if (!info->is_link)
        infer_entity (&self, info);
    }

  for (guint i = 0; i < self.fk_relationships->len; i++)
    cardinal_model_add_relationship (self.model, g_steal_pointer (&self.fk_relationships->pdata[i]));
  for (guint i = 0; i < self.link_relationships->len; i++)
    cardinal_model_add_relationship (self.model, g_steal_pointer (&self.link_relationships->pdata[i]));

  g_ptr_array_unref (self.fk_relationships);
  g_ptr_array_unref (self.link_relationships);
  g_hash_table_unref (self.infos);
  g_hash_table_unref (self.by_table_name);
  g_ptr_array_unref (self.order);
  g_clear_pointer (&self.names, g_hash_table_unref);
  g_hash_table_unref (self.used_names);
  if (diagnostics != NULL)
    *diagnostics = self.diagnostics;
  /* Derived from the names, so a document saved from it needs none written. */
  cardinal_model_assign_ids (self.model);
  return self.model;
}

/* The canonical form: what engineer → infer keeps of a model */

static gboolean
entity_has_key (const CardinalEntity *entity)
{
  for (guint i = 0; i < entity->attributes->len; i++)
    if (((CardinalAttribute *) g_ptr_array_index (entity->attributes, i))->primary_key)
      return TRUE;
  return FALSE;
}

static guint
entity_key_length (const CardinalEntity *entity)
{
  guint n = 0;

  for (guint i = 0; i < entity->attributes->len; i++)
    if (((CardinalAttribute *) g_ptr_array_index (entity->attributes, i))->primary_key)
      n++;
  return n;
}

/* The engineer's column rules, seen from the attribute. */
static void
canonical_attribute (CardinalAttribute *attribute,
                     gboolean           in_link_table)
{
  if (attribute->primary_key)
    {
      attribute->nullable = FALSE;
      attribute->unique = FALSE;
      attribute->index = FALSE;
    }
  else
    attribute->autoincrement = FALSE;
  if (attribute->unique)
    attribute->index = FALSE;
  if (in_link_table)
    {
      /* A link table's key is its foreign keys (or its own id), never an attribute. */
      attribute->primary_key = FALSE;
      attribute->autoincrement = FALSE;
    }
  if (attribute->comment == NULL)
    attribute->comment = g_strdup ("");
}

static void
set_string (char       **slot,
            const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*slot);
  *slot = copy;
}

/* A role that names the entity itself is the default, written NULL. */
static void
canonical_role (char       **role,
                const char  *entity)
{
  if (*role != NULL && ((*role)[0] == '\0' || g_str_equal (*role, entity)))
    g_clear_pointer (role, g_free);
}

/* Folds merged entities into their hosts as cardinal_engineer does: the
 * first fitting merged relationship that names an entity as entity2 folds it. */
static void
canonical_fold_merged (CardinalModel *model)
{
  g_autoptr(GHashTable) host_of = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_relationship_free);

  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (relationship->strategy != CARDINAL_STRATEGY_MERGED ||
          relationship->kind != CARDINAL_KIND_ONE_TO_ONE ||
          g_str_equal (relationship->entity1, relationship->entity2) ||
          cardinal_model_find_entity (model, relationship->entity1) == NULL ||
          cardinal_model_find_entity (model, relationship->entity2) == NULL ||
          g_hash_table_contains (host_of, relationship->entity2) ||
          g_hash_table_contains (host_of, relationship->entity1))
        continue;
      g_hash_table_insert (host_of, g_strdup (relationship->entity2), g_strdup (relationship->entity1));
    }

  if (g_hash_table_size (host_of) == 0)
    return;

  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      const char *host1 = g_hash_table_lookup (host_of, relationship->entity1);
      const char *host2 = g_hash_table_lookup (host_of, relationship->entity2);

      if (relationship->strategy == CARDINAL_STRATEGY_MERGED)
        {
          CardinalEntity *host = cardinal_model_find_entity (model, relationship->entity1);
          CardinalEntity *dependent = cardinal_model_find_entity (model, relationship->entity2);

          if (host1 == NULL && g_strcmp0 (host2, relationship->entity1) == 0 && host != NULL && dependent != NULL)
            {
              for (guint k = 0; k < dependent->attributes->len; k++)
                {
                  CardinalAttribute *attribute = g_ptr_array_index (dependent->attributes, k);
                  CardinalAttribute *folded;

                  if (attribute->primary_key)
                    continue;
                  folded = cardinal_attribute_copy (attribute);
                  if (!relationship->entity1_needs_entity2)
                    folded->nullable = TRUE;
                  cardinal_entity_add_attribute (host, folded);
                }
              for (guint k = 0; k < dependent->checks->len; k++)
                g_ptr_array_add (host->checks, cardinal_check_copy (g_ptr_array_index (dependent->checks, k)));
            }
          continue;
        }

      /* The folded entity lives in its host's table, under its old name as the role. */
      if (host1 != NULL || host2 != NULL)
        {
          g_autofree char *link = cardinal_relationship_link_table_name (relationship);

          if (cardinal_strategy_has_link_table (relationship->strategy))
            set_string (&relationship->link_table, link);
          if (host1 != NULL)
            {
              if (relationship->entity1_role == NULL || relationship->entity1_role[0] == '\0')
                set_string (&relationship->entity1_role, relationship->entity1);
              set_string (&relationship->entity1, host1);
            }
          if (host2 != NULL)
            {
              if (relationship->entity2_role == NULL || relationship->entity2_role[0] == '\0')
                set_string (&relationship->entity2_role, relationship->entity2);
              set_string (&relationship->entity2, host2);
            }
        }
      g_ptr_array_add (kept, cardinal_relationship_copy (relationship));
    }

  g_ptr_array_set_size (model->relationships, 0);
  for (guint i = 0; i < kept->len; i++)
    g_ptr_array_add (model->relationships, g_steal_pointer (&kept->pdata[i]));

  for (guint i = model->entities->len; i > 0; i--)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i - 1);

      if (g_hash_table_contains (host_of, entity->name))
        g_ptr_array_remove_index (model->entities, i - 1);
    }
}

/* Whether the engineer builds anything for @relationship. */
static gboolean
canonical_keeps (const CardinalModel        *model,
                 const CardinalRelationship *relationship)
{
  CardinalEntity *entity1 = cardinal_model_find_entity (model, relationship->entity1);
  CardinalEntity *entity2 = cardinal_model_find_entity (model, relationship->entity2);

  if (entity1 == NULL || entity2 == NULL ||
      !cardinal_strategy_fits_kind (relationship->strategy, relationship->kind))
    return FALSE;

  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
        return entity_has_key (entity2) || strv_len ((const char * const *) relationship->entity2_key) > 0;
      return entity_has_key (entity1) || strv_len ((const char * const *) relationship->entity1_key) > 0;
    case CARDINAL_STRATEGY_UNIQUE_FK:
      return entity_has_key (entity1) || strv_len ((const char * const *) relationship->entity1_key) > 0;
    case CARDINAL_STRATEGY_SHARED_PK:
      return entity1 != entity2 && entity_key_length (entity2) > 0 &&
             entity_key_length (entity2) == entity_key_length (entity1);
    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      return entity_has_key (entity1) && entity_has_key (entity2);
    case CARDINAL_STRATEGY_MERGED:
    default:
      return FALSE;
    }
}

static void
swap_strings (char **a,
              char **b)
{
  char *tmp = *a;

  *a = *b;
  *b = tmp;
}

static void
swap_strvs (GStrv *a,
            GStrv *b)
{
  GStrv tmp = *a;

  *a = *b;
  *b = tmp;
}

static void
swap_ints (int *a,
           int *b)
{
  int tmp = *a;

  *a = *b;
  *b = tmp;
}

static GStrv
role_columns (const char         *role,
              const char * const *key)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv columns;

  for (guint i = 0; key != NULL && key[i] != NULL; i++)
    {
      g_autofree char *name = g_strconcat (role, "_", key[i], NULL);

      g_strv_builder_add (builder, name);
    }
  columns = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return columns;
}

/* One side's FK as infer reads it back: the key NULL when it is the primary
 * key, a role where one explains the column names and explicit columns
 * only where none does, the FK name NULL when it is the engineer's. */
static void
canonical_side (const CardinalModel *model,
                const char          *referenced,
                const char          *holder_table,
                char               **role,
                GStrv               *columns,
                GStrv               *key,
                char               **fk_name)
{
  CardinalEntity *entity = cardinal_model_find_entity (model, referenced);
  g_auto(GStrv) primary = entity != NULL ? cardinal_entity_key_names (entity) : NULL;
  g_auto(GStrv) names = NULL;
  const char * const *used_key;

  if (*key != NULL && primary != NULL && strv_same_list ((const char * const *) *key, (const char * const *) primary))
    g_clear_pointer (key, g_strfreev);
  used_key = (const char * const *) (*key != NULL ? *key : primary);

  if (*columns != NULL)
    {
      char *derived = role_from_columns ((const char * const *) *columns, used_key);

      g_free (*role);
      *role = derived;
      if (derived != NULL)
        g_clear_pointer (columns, g_strfreev);
    }
  canonical_role (role, referenced);

  names = *columns != NULL ? g_strdupv (*columns) : role_columns (*role != NULL ? *role : referenced, used_key);
  if (*fk_name != NULL && *fk_name[0] != '\0' &&
      engineer_name_is_default (NULL, *fk_name, holder_table, (const char * const *) names, "fkey"))
    g_clear_pointer (fk_name, g_free);
}

/* Single-column UNIQUEs and indexes the engineer would make from an
 * attribute's flag are read back as that flag; default CHECK names are
 * read back as none. */
static void
canonical_entity_flags (CardinalEntity *entity)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();

  for (guint i = 0; i < entity->attributes->len; i++)
    g_ptr_array_add (columns, ((CardinalAttribute *) g_ptr_array_index (entity->attributes, i))->name);
  for (guint i = 0; i < entity->checks->len; i++)
    {
      CardinalCheck *check = g_ptr_array_index (entity->checks, i);

      if (check->name != NULL &&
          (check->name[0] == '\0' ||
           check_name_is_default (NULL, cardinal_entity_table_name (entity), columns, check)))
        g_clear_pointer (&check->name, g_free);
    }

  for (guint i = entity->uniques->len; i > 0; i--)
    {
      CardinalUnique *unique = g_ptr_array_index (entity->uniques, i - 1);
      CardinalAttribute *attribute = strv_len ((const char * const *) unique->columns) == 1
                                     ? cardinal_entity_find_attribute (entity, unique->columns[0]) : NULL;

      if (attribute != NULL && g_str_equal (attribute->name, unique->columns[0]) && !attribute->primary_key &&
          !attribute->unique && unique->name == NULL && unique_is_plain (unique))
        {
          attribute->unique = TRUE;
          attribute->index = FALSE;
          g_ptr_array_remove_index (entity->uniques, i - 1);
        }
    }
  for (guint i = entity->indexes->len; i > 0; i--)
    {
      CardinalIndex *index = g_ptr_array_index (entity->indexes, i - 1);
      CardinalAttribute *attribute = strv_len ((const char * const *) index->columns) == 1
                                     ? cardinal_entity_find_attribute (entity, index->columns[0]) : NULL;

      if (attribute != NULL && g_str_equal (attribute->name, index->columns[0]) && !attribute->primary_key &&
          !attribute->unique && !attribute->index && index->name == NULL && !index->unique &&
          cardinal_index_is_plain (index))
        {
          attribute->index = TRUE;
          g_ptr_array_remove_index (entity->indexes, i - 1);
        }
    }
}

static void
canonical_table_options (CardinalEntity     *entity,
                         const char         *table,
                         const char * const *default_key)
{
  if (entity->primary_key_name != NULL &&
      (entity->primary_key_name[0] == '\0' ||
       postgresql_name_is_default (NULL, entity->primary_key_name, table, NULL, "pkey")))
    g_clear_pointer (&entity->primary_key_name, g_free);
  if (entity->primary_key_order != NULL && default_key != NULL &&
      strv_same_list ((const char * const *) entity->primary_key_order, default_key))
    g_clear_pointer (&entity->primary_key_order, g_strfreev);
  for (guint i = 0; i < entity->uniques->len; i++)
    {
      CardinalUnique *unique = g_ptr_array_index (entity->uniques, i);

      if (unique->name != NULL &&
          postgresql_name_is_default (NULL, unique->name, table, (const char * const *) unique->columns, "key"))
        g_clear_pointer (&unique->name, g_free);
    }
  for (guint i = 0; i < entity->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (entity->indexes, i);

      if (index->name != NULL && !index->unique && cardinal_index_is_plain (index) &&
          engineer_name_is_default (NULL, index->name, table, (const char * const *) index->columns, "idx"))
        g_clear_pointer (&index->name, g_free);
    }
}

/* The format 2 fields of a relationship as infer reads them back. */
static void
canonical_relationship (const CardinalModel  *model,
                        CardinalRelationship *relationship)
{
  gboolean link = cardinal_strategy_has_link_table (relationship->strategy);
  CardinalOnDelete delete1 = cardinal_relationship_on_delete_for (relationship, 1);
  CardinalOnDelete delete2 = cardinal_relationship_on_delete_for (relationship, 2);
  CardinalOnUpdate update1 = cardinal_relationship_on_update_for (relationship, 1);
  CardinalOnUpdate update2 = cardinal_relationship_on_update_for (relationship, 2);
  CardinalEntity *entity2 = cardinal_model_find_entity (model, relationship->entity2);

  /* One action for the relationship, and the second side's only where it differs. */
  relationship->on_delete = delete1;
  relationship->on_update = update1;
  relationship->entity1_on_delete = relationship->entity1_on_update = CARDINAL_ACTION_INHERIT;
  relationship->entity2_on_delete = relationship->entity2_on_update = CARDINAL_ACTION_INHERIT;
  if (link && delete2 != delete1)
    relationship->entity2_on_delete = delete2;
  if (link && update2 != update1)
    relationship->entity2_on_update = update2;

  if (link)
    {
      g_autofree char *table = cardinal_relationship_link_table_name (relationship);
      g_auto(GStrv) key1 = NULL;
      g_auto(GStrv) key2 = NULL;
      g_auto(GStrv) both = NULL;

      relationship->identifying = FALSE;
      if (relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
        relationship->index = TRUE;
      canonical_side (model, relationship->entity1, table, &relationship->entity1_role,
                      &relationship->entity1_columns, &relationship->entity1_key, &relationship->entity1_fk_name);
      canonical_side (model, relationship->entity2, table, &relationship->entity2_role,
                      &relationship->entity2_columns, &relationship->entity2_key, &relationship->entity2_fk_name);

      if (relationship->link != NULL)
        {
          CardinalEntity *options = relationship->link;
          CardinalEntity *entity1 = cardinal_model_find_entity (model, relationship->entity1);
          g_auto(GStrv) primary1 = entity1 != NULL ? cardinal_entity_key_names (entity1) : NULL;
          g_auto(GStrv) primary2 = entity2 != NULL ? cardinal_entity_key_names (entity2) : NULL;
          const char *id_key[] = { "id", NULL };

          key1 = relationship->entity1_columns != NULL ? g_strdupv (relationship->entity1_columns)
                 : role_columns (cardinal_relationship_entity1_role (relationship),
                                 (const char * const *) (relationship->entity1_key != NULL ? relationship->entity1_key : primary1));
          key2 = relationship->entity2_columns != NULL ? g_strdupv (relationship->entity2_columns)
                 : role_columns (cardinal_relationship_entity2_role (relationship),
                                 (const char * const *) (relationship->entity2_key != NULL ? relationship->entity2_key : primary2));
          both = concat_columns ((const char * const *) key1, (const char * const *) key2);
          canonical_table_options (options, table,
                                   relationship->strategy == CARDINAL_STRATEGY_LINK_TABLE_PK
                                   ? id_key : (const char * const *) both);
          if ((options->comment == NULL || options->comment[0] == '\0') && options->checks->len == 0 &&
              options->uniques->len == 0 && options->indexes->len == 0 && options->schema == NULL &&
              options->primary_key_name == NULL && options->primary_key_order == NULL &&
              !options->without_rowid && !options->strict && !options->unlogged)
            g_clear_pointer (&relationship->link, cardinal_entity_free);
        }
      return;
    }

  g_clear_pointer (&relationship->link, cardinal_entity_free);
  g_clear_pointer (&relationship->entity2_columns, g_strfreev);
  g_clear_pointer (&relationship->entity2_key, g_strfreev);
  g_clear_pointer (&relationship->entity2_fk_name, g_free);
  if (relationship->strategy != CARDINAL_STRATEGY_FK)
    {
      relationship->identifying = FALSE;
      relationship->index = TRUE;
    }
  if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
    {
      g_clear_pointer (&relationship->entity1_columns, g_strfreev);
      g_clear_pointer (&relationship->entity1_key, g_strfreev);
    }
  canonical_side (model, relationship->entity1, entity2 != NULL ? cardinal_entity_table_name (entity2) : relationship->entity2,
                  &relationship->entity1_role, &relationship->entity1_columns, &relationship->entity1_key,
                  &relationship->entity1_fk_name);
  if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
    g_clear_pointer (&relationship->entity1_columns, g_strfreev);
}

/* One FK column of a holder's table as the engineer makes it. */
typedef struct
{
  char                 *name;
  CardinalRelationship *relationship;
  CardinalAttribute    *claimed;      /* the attribute that is this column, or NULL (appended) */
  const char           *type;         /* the referenced column's type, NULL when unknown */
  gboolean              not_null;
  gint                  position;     /* in the table */
} CanonicalColumn;

static void
canonical_column_free (CanonicalColumn *column)
{
  g_free (column->name);
  g_free (column);
}

static gboolean
attribute_is_plain_reference (const CardinalAttribute *attribute,
                              const char              *type)
{
  return type != NULL && g_strcmp0 (attribute->type, type) == 0 && attribute->sql_type == NULL &&
         attribute->collation == NULL && attribute->default_value == NULL &&
         (attribute->comment == NULL || attribute->comment[0] == '\0') && attribute->generated == NULL &&
         !attribute->autoincrement && attribute->sequence == NULL;
}

static gint
compare_relationship_positions (gconstpointer a,
                                gconstpointer b,
                                gpointer      user_data)
{
  GHashTable *positions = user_data;
  gint x = GPOINTER_TO_INT (g_hash_table_lookup (positions, *(gconstpointer *) a));
  gint y = GPOINTER_TO_INT (g_hash_table_lookup (positions, *(gconstpointer *) b));

  return (x > y) - (x < y);
}

/* Claimed attributes as infer reads them back: when every FK column of the
 * holder's table stands at its end, plain, in the order infer puts the
 * relationships, none is an attribute; otherwise all are, in place. Also
 * the participation that NOT NULL says and the key order. */
static void
canonical_claims (CardinalModel  *model,
                  CardinalEntity *entity)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) canonical_column_free);
  g_autoptr(GPtrArray) holders = g_ptr_array_new ();
  g_autoptr(GHashTable) positions = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GPtrArray) physical_key = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) default_key = g_ptr_array_new_with_free_func (g_free);
  guint n_attributes = entity->attributes->len;
  gint appended = (gint) n_attributes;
  gboolean plain = TRUE;
  guint tail;

  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      CardinalEntity *referenced;
      g_auto(GStrv) primary = NULL;
      g_auto(GStrv) names = NULL;
      const char * const *key;
      gint first = G_MAXINT;

      if ((relationship->strategy != CARDINAL_STRATEGY_FK && relationship->strategy != CARDINAL_STRATEGY_UNIQUE_FK) ||
          !g_str_equal (relationship->entity2, entity->name))
        continue;
      referenced = cardinal_model_find_entity (model, relationship->entity1);
      if (referenced == NULL)
        continue;
      primary = cardinal_entity_key_names (referenced);
      key = (const char * const *) (relationship->entity1_key != NULL ? relationship->entity1_key : primary);
      names = relationship->entity1_columns != NULL ? g_strdupv (relationship->entity1_columns)
              : role_columns (cardinal_relationship_entity1_role (relationship), key);
      if (strv_len ((const char * const *) names) == 0)
        continue;

      g_ptr_array_add (holders, relationship);
      for (guint k = 0; names[k] != NULL; k++)
        {
          CanonicalColumn *column = g_new0 (CanonicalColumn, 1);
          CardinalAttribute *target = k < strv_len (key) ? cardinal_entity_find_attribute (referenced, key[k]) : NULL;

          column->name = g_strdup (names[k]);
          column->relationship = relationship;
          column->type = target != NULL ? target->type : NULL;
          for (guint a = 0; a < n_attributes && column->claimed == NULL; a++)
            if (g_str_equal (((CardinalAttribute *) g_ptr_array_index (entity->attributes, a))->name, names[k]))
              {
                column->claimed = g_ptr_array_index (entity->attributes, a);
                column->position = (gint) a;
              }
          if (column->claimed == NULL)
            column->position = appended++;
          column->not_null = relationship->entity2_needs_entity1 || relationship->identifying ||
                             (column->claimed != NULL && (!column->claimed->nullable || column->claimed->primary_key));
          first = MIN (first, column->position);
          g_ptr_array_add (columns, column);
        }
      g_hash_table_insert (positions, relationship, GINT_TO_POINTER (first));
    }

  /* The key as the engineer builds it. */
  if (entity->primary_key_order != NULL)
    for (guint i = 0; entity->primary_key_order[i] != NULL; i++)
      g_ptr_array_add (physical_key, g_strdup (entity->primary_key_order[i]));
  else
    {
      for (guint i = 0; i < columns->len; i++)
        {
          CanonicalColumn *column = g_ptr_array_index (columns, i);

          if (column->relationship->identifying && (column->claimed == NULL || !column->claimed->primary_key))
            g_ptr_array_add (physical_key, g_strdup (column->name));
        }
      for (guint i = 0; i < n_attributes; i++)
        {
          CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

          if (attribute->primary_key)
            g_ptr_array_add (physical_key, g_strdup (attribute->name));
        }
    }

  /* Would infer find the FK columns at the end, plain, relationship after relationship? */
  g_ptr_array_sort_with_data (holders, compare_relationship_positions, positions);
  tail = n_attributes + (guint) (appended - (gint) n_attributes) - columns->len;
  for (guint h = 0; h < holders->len && plain; h++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (holders, h);
      gboolean first = TRUE;
      gboolean not_null = FALSE;

      for (guint i = 0; i < columns->len && plain; i++)
        {
          CanonicalColumn *column = g_ptr_array_index (columns, i);
          gboolean in_key = FALSE;

          if (column->relationship != relationship)
            continue;
          for (guint k = 0; k < physical_key->len; k++)
            in_key = in_key || g_str_equal (g_ptr_array_index (physical_key, k), column->name);
          if (column->position != (gint) tail++ ||
              (column->claimed != NULL && !attribute_is_plain_reference (column->claimed, column->type)) ||
              (!first && column->not_null != not_null) || (in_key && !relationship->identifying))
            plain = FALSE;
          not_null = column->not_null;
          first = FALSE;
        }
    }

  if (plain)
    {
      /* No FK column is an attribute. */
      for (guint i = 0; i < columns->len; i++)
        {
          CanonicalColumn *column = g_ptr_array_index (columns, i);

          if (column->claimed != NULL)
            g_ptr_array_remove (entity->attributes, column->claimed);
          column->claimed = NULL;
        }
      for (guint h = 0; h < holders->len; h++)
        {
          CardinalRelationship *relationship = g_ptr_array_index (holders, h);

          for (guint i = 0; i < columns->len; i++)
            {
              CanonicalColumn *column = g_ptr_array_index (columns, i);

              if (column->relationship == relationship && relationship->identifying)
                g_ptr_array_add (default_key, g_strdup (column->name));
            }
        }
    }
  else
    {
      /* Every FK column is an attribute; the appended ones join at the end. */
      for (guint i = 0; i < columns->len; i++)
        {
          CanonicalColumn *column = g_ptr_array_index (columns, i);
          gboolean in_key = FALSE;

          for (guint k = 0; k < physical_key->len; k++)
            in_key = in_key || g_str_equal (g_ptr_array_index (physical_key, k), column->name);
          if (column->claimed == NULL)
            {
              column->claimed = cardinal_attribute_new (column->name, column->type != NULL ? column->type : "integer");
              g_ptr_array_add (entity->attributes, column->claimed);
            }
          column->claimed->primary_key = in_key;
          column->claimed->nullable = !column->not_null && !in_key;
        }
    }

  for (guint h = 0; h < holders->len; h++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (holders, h);
      gboolean all = TRUE;

      for (guint i = 0; i < columns->len; i++)
        {
          CanonicalColumn *column = g_ptr_array_index (columns, i);

          if (column->relationship == relationship && !column->not_null)
            all = FALSE;
        }
      relationship->entity2_needs_entity1 = all;
    }

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        g_ptr_array_add (default_key, g_strdup (attribute->name));
    }
  g_clear_pointer (&entity->primary_key_order, g_strfreev);
  g_ptr_array_add (physical_key, NULL);
  g_ptr_array_add (default_key, NULL);
  if (!strv_same_list ((const char * const *) physical_key->pdata, (const char * const *) default_key->pdata))
    entity->primary_key_order = g_strdupv ((GStrv) physical_key->pdata);
}

/* A link table's FK columns as infer reads them back: none is a link
 * attribute when the table starts with its own key and both FKs' columns
 * in order, plain; otherwise all are, in their places. */
static void
canonical_link_claims (CardinalModel        *model,
                       CardinalRelationship *relationship)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GPtrArray) layout = g_ptr_array_new ();   /* column names in table order, borrowed */
  GPtrArray *attributes = relationship->link_attributes;
  gboolean own_key = relationship->strategy == CARDINAL_STRATEGY_LINK_TABLE_PK;
  gboolean plain = TRUE;
  guint n_claimed = 0;

  for (guint side = 1; side <= 2; side++)
    {
      CardinalEntity *referenced = cardinal_model_find_entity (model, side == 1 ? relationship->entity1
                                                                                 : relationship->entity2);
      GStrv explicit_columns = side == 1 ? relationship->entity1_columns : relationship->entity2_columns;
      GStrv explicit_key = side == 1 ? relationship->entity1_key : relationship->entity2_key;
      g_auto(GStrv) primary = NULL;
      g_auto(GStrv) columns = NULL;
      const char * const *key;

      if (referenced == NULL)
        return;
      primary = cardinal_entity_key_names (referenced);
      key = (const char * const *) (explicit_key != NULL ? explicit_key : primary);
      columns = explicit_columns != NULL ? g_strdupv (explicit_columns)
                : role_columns (side == 1 ? cardinal_relationship_entity1_role (relationship)
                                          : cardinal_relationship_entity2_role (relationship), key);
      for (guint k = 0; columns[k] != NULL; k++)
        {
          CardinalAttribute *target = k < strv_len (key) ? cardinal_entity_find_attribute (referenced, key[k]) : NULL;

          g_ptr_array_add (names, g_strdup (columns[k]));
          g_ptr_array_add (types, target != NULL ? target->type : NULL);
        }
    }

  /* The table as the engineer lays it out: own key, unclaimed FK columns, link attributes. */
  if (own_key)
    g_ptr_array_add (layout, (gpointer) "id");
  for (guint i = 0; i < names->len; i++)
    {
      gboolean claimed = FALSE;

      for (guint a = 0; a < attributes->len; a++)
        claimed = claimed || g_str_equal (((CardinalAttribute *) g_ptr_array_index (attributes, a))->name,
                                          g_ptr_array_index (names, i));
      if (claimed)
        n_claimed++;
      else
        g_ptr_array_add (layout, g_ptr_array_index (names, i));
    }
  if (n_claimed == 0)
    return;
  for (guint a = 0; a < attributes->len; a++)
    g_ptr_array_add (layout, ((CardinalAttribute *) g_ptr_array_index (attributes, a))->name);

  for (guint i = 0; i < names->len && plain; i++)
    {
      guint at = i + (own_key ? 1 : 0);
      CardinalAttribute *claimed = NULL;

      if (at >= layout->len || !g_str_equal (g_ptr_array_index (layout, at), g_ptr_array_index (names, i)))
        plain = FALSE;
      for (guint a = 0; a < attributes->len && plain; a++)
        if (g_str_equal (((CardinalAttribute *) g_ptr_array_index (attributes, a))->name, g_ptr_array_index (names, i)))
          claimed = g_ptr_array_index (attributes, a);
      if (plain && claimed != NULL && !attribute_is_plain_reference (claimed, g_ptr_array_index (types, i)))
        plain = FALSE;
    }

  if (plain)
    {
      for (guint i = 0; i < names->len; i++)
        for (guint a = attributes->len; a > 0; a--)
          if (g_str_equal (((CardinalAttribute *) g_ptr_array_index (attributes, a - 1))->name,
                           g_ptr_array_index (names, i)))
            g_ptr_array_remove_index (attributes, a - 1);
      return;
    }

  /* Every FK column is a link attribute: the unclaimed ones lead, in order. */
  {
    guint insert_at = 0;

    for (guint i = 0; i < names->len; i++)
      {
        const char *name = g_ptr_array_index (names, i);
        CardinalAttribute *attribute = NULL;

        for (guint a = 0; a < attributes->len && attribute == NULL; a++)
          if (g_str_equal (((CardinalAttribute *) g_ptr_array_index (attributes, a))->name, name))
            attribute = g_ptr_array_index (attributes, a);
        if (attribute == NULL)
          {
            const char *type = g_ptr_array_index (types, i);

            attribute = cardinal_attribute_new (name, type != NULL ? type : "integer");
            g_free (attribute->comment);
            attribute->comment = g_strdup ("");
            g_ptr_array_insert (attributes, (gint) insert_at++, attribute);
          }
        attribute->nullable = FALSE;
      }
  }
}

CardinalModel *
cardinal_infer_canonical (const CardinalModel *model)
{
  CardinalModel *canonical;

  g_return_val_if_fail (model != NULL, NULL);

  canonical = cardinal_model_copy (model);

  /* The first entity of a name is the one the engineer builds. */
  for (guint i = canonical->entities->len; i > 0; i--)
    {
      CardinalEntity *entity = g_ptr_array_index (canonical->entities, i - 1);

      if (cardinal_model_find_entity (canonical, entity->name) != entity)
        g_ptr_array_remove_index (canonical->entities, i - 1);
    }

  canonical_fold_merged (canonical);

  for (guint i = canonical->relationships->len; i > 0; i--)
    if (!canonical_keeps (canonical, g_ptr_array_index (canonical->relationships, i - 1)))
      g_ptr_array_remove_index (canonical->relationships, i - 1);

  for (guint i = 0; i < canonical->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (canonical->entities, i);

      entity->x = entity->y = 0;
      g_clear_pointer (&entity->color, g_free);
      for (guint k = 0; k < entity->attributes->len; k++)
        canonical_attribute (g_ptr_array_index (entity->attributes, k), FALSE);
      if (entity->table != NULL && (entity->table[0] == '\0' || g_str_equal (entity->table, entity->name)))
        g_clear_pointer (&entity->table, g_free);
      /* The key order is settled with the claimed attributes (canonical_claims). */
      canonical_table_options (entity, cardinal_entity_table_name (entity), NULL);
    }

  for (guint i = 0; i < canonical->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (canonical->relationships, i);
      gboolean link = cardinal_strategy_has_link_table (relationship->strategy);

      /* Physically the same tables: the key on entity1, pointing at entity2. */
      if (relationship->strategy == CARDINAL_STRATEGY_FK && relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
        {
          gboolean needs = relationship->entity1_needs_entity2;

          swap_strings (&relationship->entity1, &relationship->entity2);
          swap_strings (&relationship->entity1_role, &relationship->entity2_role);
          swap_strvs (&relationship->entity1_columns, &relationship->entity2_columns);
          swap_strvs (&relationship->entity1_key, &relationship->entity2_key);
          swap_strings (&relationship->entity1_fk_name, &relationship->entity2_fk_name);
          swap_ints (&relationship->entity1_on_delete, &relationship->entity2_on_delete);
          swap_ints (&relationship->entity1_on_update, &relationship->entity2_on_update);
          relationship->kind = CARDINAL_KIND_ONE_TO_MANY;
          relationship->entity2_needs_entity1 = needs;
        }

      /* Only what NOT NULL on a foreign key column says survives. */
      relationship->entity1_needs_entity2 = FALSE;
      if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
        relationship->entity2_needs_entity1 = TRUE;
      else if (link)
        relationship->entity2_needs_entity1 = FALSE;

      if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
        {
          CardinalEntity *dependent = cardinal_model_find_entity (canonical, relationship->entity2);

          g_clear_pointer (&relationship->entity1_role, g_free);
          for (guint k = 0; k < dependent->attributes->len; k++)
            ((CardinalAttribute *) g_ptr_array_index (dependent->attributes, k))->autoincrement = FALSE;
        }
      if (!link)
        g_clear_pointer (&relationship->entity2_role, g_free);
      canonical_role (&relationship->entity1_role, relationship->entity1);
      canonical_role (&relationship->entity2_role, relationship->entity2);
      canonical_relationship (canonical, relationship);

      if (link)
        {
          g_autofree char *default_name = g_strconcat (relationship->entity1, "_", relationship->entity2, NULL);

          if (relationship->link_table != NULL &&
              (relationship->link_table[0] == '\0' || g_str_equal (relationship->link_table, default_name)))
            g_clear_pointer (&relationship->link_table, g_free);
        }
      else
        {
          g_clear_pointer (&relationship->link_table, g_free);
          g_ptr_array_set_size (relationship->link_attributes, 0);
        }

      for (guint k = 0; k < relationship->link_attributes->len; k++)
        canonical_attribute (g_ptr_array_index (relationship->link_attributes, k), TRUE);
    }

  for (guint i = 0; i < canonical->entities->len; i++)
    {
      canonical_claims (canonical, g_ptr_array_index (canonical->entities, i));
      canonical_entity_flags (g_ptr_array_index (canonical->entities, i));
    }
  for (guint i = 0; i < canonical->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (canonical->relationships, i);

      if (cardinal_strategy_has_link_table (relationship->strategy))
        canonical_link_claims (canonical, relationship);
    }

  return canonical;
}

/* The first difference between two models, in words */

/* Objects are compared through a text that names every field, which is
 * also what a difference shows. */

static void
describe_strv_into (GString            *out,
                    const char         *key,
                    const char * const *strv)
{
  if (strv_len (strv) == 0)
    return;
  g_string_append_printf (out, " %s=", key);
  for (guint i = 0; strv[i] != NULL; i++)
    g_string_append_printf (out, "%s\"%s\"", i > 0 ? "," : "(", strv[i]);
  g_string_append_c (out, ')');
}

static void
describe_string_into (GString    *out,
                      const char *key,
                      const char *value)
{
  if (value != NULL)
    g_string_append_printf (out, " %s=\"%s\"", key, value);
}

static void
describe_flag_into (GString    *out,
                    const char *key,
                    gboolean    value)
{
  if (value)
    g_string_append_printf (out, " %s", key);
}

static char *
describe_check (const CardinalCheck *check)
{
  GString *out = g_string_new ("CHECK");

  describe_string_into (out, "name", check->name);
  describe_string_into (out, "expression", check->expression);
  return g_string_free (out, FALSE);
}

static char *
describe_unique (const CardinalUnique *unique)
{
  GString *out = g_string_new ("UNIQUE");

  describe_string_into (out, "name", unique->name);
  describe_strv_into (out, "columns", (const char * const *) unique->columns);
  describe_strv_into (out, "include", (const char * const *) unique->include);
  describe_flag_into (out, "nulls-not-distinct", unique->nulls_not_distinct);
  describe_flag_into (out, "deferrable", unique->deferrable);
  describe_flag_into (out, "initially-deferred", unique->initially_deferred);
  return g_string_free (out, FALSE);
}

static char *
describe_index (const CardinalIndex *index)
{
  GString *out = g_string_new (index->unique ? "unique index" : "index");

  describe_string_into (out, "name", index->name);
  describe_strv_into (out, "columns", (const char * const *) index->columns);
  for (guint i = 0; index->keys != NULL && !cardinal_index_is_plain (index) && i < index->keys->len; i++)
    {
      const CardinalIndexKey *key = g_ptr_array_index (index->keys, i);

      g_string_append_printf (out, " key%u:", i + 1);
      describe_string_into (out, "column", key->column);
      describe_string_into (out, "expression", key->expression);
      describe_string_into (out, "collation", key->collation);
      describe_string_into (out, "opclass", key->opclass);
      describe_flag_into (out, "desc", key->descending);
      if (key->nulls != CARDINAL_NULLS_DEFAULT)
        g_string_append (out, key->nulls == CARDINAL_NULLS_FIRST ? " nulls-first" : " nulls-last");
    }
  describe_string_into (out, "method", index->method);
  describe_string_into (out, "where", index->where);
  describe_strv_into (out, "include", (const char * const *) index->include);
  describe_flag_into (out, "nulls-not-distinct", index->nulls_not_distinct);
  return g_string_free (out, FALSE);
}

static char *
describe_sequence (const CardinalSequence *sequence)
{
  GString *out = g_string_new ("sequence");

  if (sequence == NULL)
    return g_string_free (out, FALSE);
  describe_string_into (out, "name", sequence->name);
  describe_string_into (out, "schema", sequence->schema);
  describe_string_into (out, "type", sequence->type);
  if (sequence->has_start)
    g_string_append_printf (out, " start=%" G_GINT64_FORMAT, sequence->start);
  if (sequence->has_increment)
    g_string_append_printf (out, " increment=%" G_GINT64_FORMAT, sequence->increment);
  if (sequence->has_min)
    g_string_append_printf (out, " min=%" G_GINT64_FORMAT, sequence->min);
  if (sequence->has_max)
    g_string_append_printf (out, " max=%" G_GINT64_FORMAT, sequence->max);
  if (sequence->has_cache)
    g_string_append_printf (out, " cache=%" G_GINT64_FORMAT, sequence->cache);
  describe_flag_into (out, "cycle", sequence->cycle);
  describe_string_into (out, "owned-by", sequence->owned_by);
  return g_string_free (out, FALSE);
}

static char *
describe_user_type (const CardinalUserType *type)
{
  GString *out = g_string_new (type->kind == CARDINAL_USER_TYPE_ENUM ? "enum" : "domain");

  describe_string_into (out, "name", type->name);
  describe_string_into (out, "schema", type->schema);
  describe_strv_into (out, "values", (const char * const *) type->values);
  describe_string_into (out, "base", type->base);
  if (type->kind == CARDINAL_USER_TYPE_DOMAIN)
    describe_flag_into (out, "not-null", !type->nullable);
  describe_string_into (out, "default", type->default_value);
  describe_string_into (out, "collation", type->collation);
  for (guint i = 0; type->checks != NULL && i < type->checks->len; i++)
    {
      g_autofree char *check = describe_check (g_ptr_array_index (type->checks, i));

      g_string_append_printf (out, " %s", check);
    }
  if (type->comment != NULL && type->comment[0] != '\0')
    describe_string_into (out, "comment", type->comment);
  return g_string_free (out, FALSE);
}

static char *
describe_extension (const CardinalExtension *extension)
{
  GString *out = g_string_new ("extension");

  describe_string_into (out, "name", extension->name);
  describe_string_into (out, "schema", extension->schema);
  return g_string_free (out, FALSE);
}

static char *
describe_sql_object (const CardinalSqlObject *object)
{
  GString *out = g_string_new ("object");

  describe_string_into (out, "name", object->name);
  describe_string_into (out, "kind", object->kind);
  g_string_append_printf (out, " dialect=%d", object->dialect);
  describe_string_into (out, "sql", object->sql);
  describe_strv_into (out, "depends-on", (const char * const *) object->depends_on);
  describe_flag_into (out, "before-tables", object->before_tables);
  return g_string_free (out, FALSE);
}

static char *
describe_string (const char *value)
{
  return g_strdup_printf ("\"%s\"", value);
}

typedef char *(*DescribeFunc) (gconstpointer object);

/* The first difference between two lists of objects, or NULL. */
static char *
list_difference (GPtrArray    *expected,
                 GPtrArray    *actual,
                 DescribeFunc  describe,
                 const char   *owner,
                 const char   *what)
{
  guint n_expected = expected != NULL ? expected->len : 0;
  guint n_actual = actual != NULL ? actual->len : 0;

  for (guint i = 0; i < MAX (n_expected, n_actual); i++)
    {
      g_autofree char *a = i < n_expected ? describe (g_ptr_array_index (expected, i)) : NULL;
      g_autofree char *b = i < n_actual ? describe (g_ptr_array_index (actual, i)) : NULL;

      if (a == NULL)
        return g_strdup_printf ("%s: unexpected %s %s", owner, what, b);
      if (b == NULL)
        return g_strdup_printf ("%s: %s %s is missing", owner, what, a);
      if (!g_str_equal (a, b))
        return g_strdup_printf ("%s: %s %u is %s, expected %s", owner, what, i + 1, b, a);
    }
  return NULL;
}

static char *
strv_difference (const char * const *expected,
                 const char * const *actual,
                 const char         *owner,
                 const char         *key)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (strv_len (expected) == 0 && strv_len (actual) == 0)
    return NULL;
  if (expected != NULL && actual != NULL && strv_same_list (expected, actual))
    return NULL;
  a = expected != NULL ? strv_describe (expected) : g_strdup ("none");
  b = actual != NULL ? strv_describe (actual) : g_strdup ("none");
  return g_strdup_printf ("%s: %s is %s, expected %s", owner, key, b, a);
}

static char *
string_difference (const char *expected,
                   const char *actual,
                   const char *owner,
                   const char *key)
{
  if (g_strcmp0 (expected, actual) == 0)
    return NULL;
  return g_strdup_printf ("%s: %s is %s%s%s, expected %s%s%s", owner, key,
                          actual ? "\"" : "", actual ? actual : "none", actual ? "\"" : "",
                          expected ? "\"" : "", expected ? expected : "none", expected ? "\"" : "");
}

static char *
flag_difference (gboolean    expected,
                 gboolean    actual,
                 const char *owner,
                 const char *key)
{
  if (!expected == !actual)
    return NULL;
  return g_strdup_printf ("%s: %s is %s, expected %s", owner, key, actual ? "true" : "false",
                          expected ? "true" : "false");
}

#define RETURN_IF_DIFFERENT(call) \
  G_STMT_START { char *difference_ = (call); if (difference_ != NULL) return difference_; } G_STMT_END

static char *
attribute_difference (const CardinalAttribute *expected,
                      const CardinalAttribute *actual,
                      const char              *owner)
{
#define DIFFER_BOOL(field, key) \
  if (!expected->field != !actual->field) \
    return g_strdup_printf ("%s, attribute \"%s\": " key " is %s, expected %s", owner, expected->name, \
                            actual->field ? "true" : "false", expected->field ? "true" : "false")
#define DIFFER_STRING(field, key) \
  if (g_strcmp0 (expected->field, actual->field) != 0) \
    return g_strdup_printf ("%s, attribute \"%s\": " key " is %s%s%s, expected %s%s%s", owner, expected->name, \
                            actual->field ? "\"" : "", actual->field ? actual->field : "none", actual->field ? "\"" : "", \
                            expected->field ? "\"" : "", expected->field ? expected->field : "none", expected->field ? "\"" : "")

  DIFFER_STRING (type, "type");
  DIFFER_BOOL (primary_key, "primary-key");
  DIFFER_BOOL (autoincrement, "autoincrement");
  DIFFER_BOOL (nullable, "nullable");
  DIFFER_BOOL (unique, "unique");
  DIFFER_BOOL (index, "index");
  DIFFER_STRING (default_value, "default");
  DIFFER_STRING (comment, "comment");
  if (expected->autoincrement && expected->identity != actual->identity)
    return g_strdup_printf ("%s, attribute \"%s\": identity is %s, expected %s", owner, expected->name,
                            cardinal_identity_to_string (actual->identity),
                            cardinal_identity_to_string (expected->identity));
  {
    g_autofree char *a = describe_sequence (expected->sequence);
    g_autofree char *b = describe_sequence (actual->sequence);

    if (!g_str_equal (a, b))
      return g_strdup_printf ("%s, attribute \"%s\": %s, expected %s", owner, expected->name, b, a);
  }
  DIFFER_STRING (sql_type, "sql-type");
  DIFFER_STRING (collation, "collation");
  DIFFER_STRING (generated, "generated");
  DIFFER_BOOL (generated_stored, "stored");
  return NULL;

#undef DIFFER_BOOL
#undef DIFFER_STRING
}

static char *
attribute_list_difference (GPtrArray  *expected,
                           GPtrArray  *actual,
                           const char *owner)
{
  for (guint i = 0; i < MAX (expected->len, actual->len); i++)
    {
      CardinalAttribute *a = i < expected->len ? g_ptr_array_index (expected, i) : NULL;
      CardinalAttribute *b = i < actual->len ? g_ptr_array_index (actual, i) : NULL;

      if (a == NULL)
        return g_strdup_printf ("%s: unexpected attribute \"%s\" at position %u", owner, b->name, i + 1);
      if (b == NULL)
        return g_strdup_printf ("%s: attribute \"%s\" is missing (position %u)", owner, a->name, i + 1);
      if (g_strcmp0 (a->name, b->name) != 0)
        return g_strdup_printf ("%s: attribute %u is \"%s\", expected \"%s\"", owner, i + 1, b->name, a->name);
      {
        char *difference = attribute_difference (a, b, owner);

        if (difference != NULL)
          return difference;
      }
    }
  return NULL;
}

/* The table-level fields an entity and a link share. */
static char *
table_options_difference (const CardinalEntity *expected,
                          const CardinalEntity *actual,
                          const char           *owner)
{
  RETURN_IF_DIFFERENT (string_difference (expected->schema, actual->schema, owner, "schema"));
  RETURN_IF_DIFFERENT (list_difference (expected->uniques, actual->uniques, (DescribeFunc) describe_unique,
                                        owner, "UNIQUE"));
  RETURN_IF_DIFFERENT (list_difference (expected->indexes, actual->indexes, (DescribeFunc) describe_index,
                                        owner, "index"));
  RETURN_IF_DIFFERENT (string_difference (expected->primary_key_name, actual->primary_key_name, owner,
                                          "primary-key-name"));
  RETURN_IF_DIFFERENT (strv_difference ((const char * const *) expected->primary_key_order,
                                        (const char * const *) actual->primary_key_order, owner,
                                        "primary-key-order"));
  RETURN_IF_DIFFERENT (flag_difference (expected->without_rowid, actual->without_rowid, owner, "without-rowid"));
  RETURN_IF_DIFFERENT (flag_difference (expected->strict, actual->strict, owner, "strict"));
  RETURN_IF_DIFFERENT (flag_difference (expected->unlogged, actual->unlogged, owner, "unlogged"));
  RETURN_IF_DIFFERENT (string_difference (expected->partition_by, actual->partition_by, owner, "partition-by"));
  return NULL;
}

static char *
entity_difference (const CardinalEntity *expected,
                   const CardinalEntity *actual)
{
  g_autofree char *owner = g_strdup_printf ("entity \"%s\"", expected->name);

  if (g_strcmp0 (expected->comment, actual->comment) != 0)
    return g_strdup_printf ("%s: comment is \"%s\", expected \"%s\"", owner,
                            actual->comment ? actual->comment : "", expected->comment ? expected->comment : "");
  if (expected->checks->len != actual->checks->len)
    return g_strdup_printf ("%s: %u CHECKs, expected %u", owner, actual->checks->len, expected->checks->len);
  for (guint i = 0; i < expected->checks->len; i++)
    {
      const CardinalCheck *e = g_ptr_array_index (expected->checks, i);
      const CardinalCheck *a = g_ptr_array_index (actual->checks, i);

      if (g_strcmp0 (e->expression, a->expression) != 0)
        return g_strdup_printf ("%s: CHECK %u is (%s), expected (%s)", owner, i + 1,
                                a->expression, e->expression);
      if (g_strcmp0 (e->name, a->name) != 0)
        return g_strdup_printf ("%s: CHECK %u is named \"%s\", expected \"%s\"", owner, i + 1,
                                a->name ? a->name : "(default)", e->name ? e->name : "(default)");
    }
  RETURN_IF_DIFFERENT (string_difference (expected->table, actual->table, owner, "table"));
  RETURN_IF_DIFFERENT (table_options_difference (expected, actual, owner));
  return attribute_list_difference (expected->attributes, actual->attributes, owner);
}

static char *
describe_relationship (const CardinalRelationship *relationship)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "\"%s\" (%s %s %s, %s", relationship->name, relationship->entity1,
                          cardinal_kind_to_string (relationship->kind), relationship->entity2,
                          cardinal_strategy_to_string (relationship->strategy));
  if (relationship->entity1_role != NULL)
    g_string_append_printf (out, ", entity1-role %s", relationship->entity1_role);
  if (relationship->entity2_role != NULL)
    g_string_append_printf (out, ", entity2-role %s", relationship->entity2_role);
  if (cardinal_strategy_has_link_table (relationship->strategy))
    {
      g_autofree char *link = cardinal_relationship_link_table_name (relationship);

      g_string_append_printf (out, ", link table %s", link);
    }
  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/* The fields that identify a relationship in a database. */
static char *
identity_difference (const CardinalRelationship *expected,
                     const CardinalRelationship *actual)
{
  if (!g_str_equal (expected->entity1, actual->entity1))
    return g_strdup_printf ("entity1 is \"%s\", expected \"%s\"", actual->entity1, expected->entity1);
  if (!g_str_equal (expected->entity2, actual->entity2))
    return g_strdup_printf ("entity2 is \"%s\", expected \"%s\"", actual->entity2, expected->entity2);
  if (expected->kind != actual->kind)
    return g_strdup_printf ("kind is %s, expected %s", cardinal_kind_to_string (actual->kind),
                            cardinal_kind_to_string (expected->kind));
  if (expected->strategy != actual->strategy)
    return g_strdup_printf ("strategy is %s, expected %s", cardinal_strategy_to_string (actual->strategy),
                            cardinal_strategy_to_string (expected->strategy));
  if (!g_str_equal (cardinal_relationship_entity1_role (expected), cardinal_relationship_entity1_role (actual)))
    return g_strdup_printf ("entity1-role is \"%s\", expected \"%s\"", cardinal_relationship_entity1_role (actual),
                            cardinal_relationship_entity1_role (expected));
  if (!g_str_equal (cardinal_relationship_entity2_role (expected), cardinal_relationship_entity2_role (actual)))
    return g_strdup_printf ("entity2-role is \"%s\", expected \"%s\"", cardinal_relationship_entity2_role (actual),
                            cardinal_relationship_entity2_role (expected));
  if (cardinal_strategy_has_link_table (expected->strategy))
    {
      g_autofree char *a = cardinal_relationship_link_table_name (expected);
      g_autofree char *b = cardinal_relationship_link_table_name (actual);

      if (!g_str_equal (a, b))
        return g_strdup_printf ("link table is \"%s\", expected \"%s\"", b, a);
    }
  return NULL;
}

static char *
relationship_difference (const CardinalRelationship *expected,
                         const CardinalRelationship *actual)
{
  g_autofree char *owner = g_strdup_printf ("relationship \"%s\" (inferred as \"%s\")", expected->name, actual->name);

  if (expected->entity2_needs_entity1 != actual->entity2_needs_entity1)
    return g_strdup_printf ("%s: entity2-needs-entity1 is %s, expected %s", owner,
                            actual->entity2_needs_entity1 ? "true" : "false",
                            expected->entity2_needs_entity1 ? "true" : "false");
  if (expected->entity1_needs_entity2 != actual->entity1_needs_entity2)
    return g_strdup_printf ("%s: entity1-needs-entity2 is %s, expected %s", owner,
                            actual->entity1_needs_entity2 ? "true" : "false",
                            expected->entity1_needs_entity2 ? "true" : "false");
  if (expected->on_delete != actual->on_delete)
    return g_strdup_printf ("%s: on-delete is %s, expected %s", owner,
                            cardinal_on_delete_to_string (actual->on_delete),
                            cardinal_on_delete_to_string (expected->on_delete));
  if (expected->on_update != actual->on_update)
    return g_strdup_printf ("%s: on-update is %s, expected %s", owner,
                            cardinal_on_delete_to_string (actual->on_update),
                            cardinal_on_delete_to_string (expected->on_update));
  {
    const int a[] = { expected->entity1_on_delete, expected->entity2_on_delete,
                      expected->entity1_on_update, expected->entity2_on_update };
    const int b[] = { actual->entity1_on_delete, actual->entity2_on_delete,
                      actual->entity1_on_update, actual->entity2_on_update };
    const char *keys[] = { "entity1-on-delete", "entity2-on-delete", "entity1-on-update", "entity2-on-update" };

    for (guint i = 0; i < G_N_ELEMENTS (a); i++)
      if (a[i] != b[i])
        return g_strdup_printf ("%s: %s is %s, expected %s", owner, keys[i],
                                b[i] == CARDINAL_ACTION_INHERIT ? "the relationship's" : cardinal_on_delete_to_string (b[i]),
                                a[i] == CARDINAL_ACTION_INHERIT ? "the relationship's" : cardinal_on_delete_to_string (a[i]));
  }
  RETURN_IF_DIFFERENT (strv_difference ((const char * const *) expected->entity1_columns,
                                        (const char * const *) actual->entity1_columns, owner, "entity1-columns"));
  RETURN_IF_DIFFERENT (strv_difference ((const char * const *) expected->entity2_columns,
                                        (const char * const *) actual->entity2_columns, owner, "entity2-columns"));
  RETURN_IF_DIFFERENT (strv_difference ((const char * const *) expected->entity1_key,
                                        (const char * const *) actual->entity1_key, owner, "entity1-key"));
  RETURN_IF_DIFFERENT (strv_difference ((const char * const *) expected->entity2_key,
                                        (const char * const *) actual->entity2_key, owner, "entity2-key"));
  RETURN_IF_DIFFERENT (string_difference (expected->entity1_fk_name, actual->entity1_fk_name, owner, "entity1-fk-name"));
  RETURN_IF_DIFFERENT (string_difference (expected->entity2_fk_name, actual->entity2_fk_name, owner, "entity2-fk-name"));
  RETURN_IF_DIFFERENT (flag_difference (expected->deferrable, actual->deferrable, owner, "deferrable"));
  RETURN_IF_DIFFERENT (flag_difference (expected->initially_deferred, actual->initially_deferred, owner,
                                        "initially-deferred"));
  RETURN_IF_DIFFERENT (flag_difference (expected->match_full, actual->match_full, owner, "match-full"));
  RETURN_IF_DIFFERENT (flag_difference (expected->identifying, actual->identifying, owner, "identifying"));
  RETURN_IF_DIFFERENT (flag_difference (expected->index, actual->index, owner, "index"));
  if ((expected->link == NULL) != (actual->link == NULL))
    return g_strdup_printf ("%s: link options are %s, expected %s", owner, actual->link != NULL ? "set" : "none",
                            expected->link != NULL ? "set" : "none");
  if (expected->link != NULL)
    {
      g_autofree char *link_owner = g_strdup_printf ("%s, link", owner);

      if (g_strcmp0 (expected->link->comment, actual->link->comment) != 0)
        return g_strdup_printf ("%s: comment is \"%s\", expected \"%s\"", link_owner,
                                actual->link->comment ? actual->link->comment : "",
                                expected->link->comment ? expected->link->comment : "");
      RETURN_IF_DIFFERENT (list_difference (expected->link->checks, actual->link->checks,
                                            (DescribeFunc) describe_check, link_owner, "CHECK"));
      RETURN_IF_DIFFERENT (table_options_difference (expected->link, actual->link, link_owner));
    }
  return attribute_list_difference (expected->link_attributes, actual->link_attributes, owner);
}

/* The model-wide objects. */
static char *
model_objects_difference (const CardinalModel *expected,
                          const CardinalModel *actual)
{
  /* A portable model (no dialect) comes back in the dialect of the database
   * it went through; that is where it was read from, not a difference. */
  if (expected->has_dialect && (!actual->has_dialect || expected->dialect != actual->dialect))
    return g_strdup_printf ("model: dialect is %s, expected %s",
                            actual->has_dialect ? (actual->dialect == CARDINAL_DIALECT_POSTGRESQL ? "postgresql" : "sqlite") : "none",
                            expected->has_dialect ? (expected->dialect == CARDINAL_DIALECT_POSTGRESQL ? "postgresql" : "sqlite") : "none");
  RETURN_IF_DIFFERENT (list_difference (expected->schemas, actual->schemas, (DescribeFunc) describe_string,
                                        "model", "schema"));
  RETURN_IF_DIFFERENT (list_difference (expected->extensions, actual->extensions, (DescribeFunc) describe_extension,
                                        "model", "extension"));
  RETURN_IF_DIFFERENT (list_difference (expected->types, actual->types, (DescribeFunc) describe_user_type,
                                        "model", "type"));
  RETURN_IF_DIFFERENT (list_difference (expected->sequences, actual->sequences, (DescribeFunc) describe_sequence,
                                        "model", "sequence"));
  RETURN_IF_DIFFERENT (list_difference (expected->objects, actual->objects, (DescribeFunc) describe_sql_object,
                                        "model", "object"));
  return NULL;
}

char *
cardinal_infer_difference (const CardinalModel *expected,
                           const CardinalModel *actual)
{
  g_autofree gboolean *matched = NULL;

  g_return_val_if_fail (expected != NULL, NULL);
  g_return_val_if_fail (actual != NULL, NULL);

  RETURN_IF_DIFFERENT (model_objects_difference (expected, actual));

  for (guint i = 0; i < expected->entities->len; i++)
    {
      CardinalEntity *a = g_ptr_array_index (expected->entities, i);
      CardinalEntity *b = cardinal_model_find_entity (actual, a->name);
      char *difference;

      if (b == NULL)
        return g_strdup_printf ("entity \"%s\" is missing", a->name);
      difference = entity_difference (a, b);
      if (difference != NULL)
        return difference;
    }
  for (guint i = 0; i < actual->entities->len; i++)
    {
      CardinalEntity *b = g_ptr_array_index (actual->entities, i);

      if (cardinal_model_find_entity (expected, b->name) == NULL)
        return g_strdup_printf ("unexpected entity \"%s\"", b->name);
    }

  matched = g_new0 (gboolean, actual->relationships->len + 1);
  for (guint i = 0; i < expected->relationships->len; i++)
    {
      CardinalRelationship *a = g_ptr_array_index (expected->relationships, i);
      CardinalRelationship *b = NULL;
      CardinalRelationship *closest = NULL;

      for (guint k = 0; k < actual->relationships->len && b == NULL; k++)
        {
          CardinalRelationship *candidate = g_ptr_array_index (actual->relationships, k);
          g_autofree char *difference = NULL;

          if (matched[k])
            continue;
          difference = identity_difference (a, candidate);
          if (difference == NULL)
            {
              b = candidate;
              matched[k] = TRUE;
            }
          else if (closest == NULL &&
                   ((g_str_equal (a->entity1, candidate->entity1) && g_str_equal (a->entity2, candidate->entity2)) ||
                    (g_str_equal (a->entity1, candidate->entity2) && g_str_equal (a->entity2, candidate->entity1))))
            closest = candidate;
        }

      if (b == NULL)
        {
          g_autofree char *described = describe_relationship (a);

          if (closest != NULL)
            {
              g_autofree char *difference = identity_difference (a, closest);
              g_autofree char *other = describe_relationship (closest);

              return g_strdup_printf ("relationship %s is missing; the closest, %s, differs: %s",
                                      described, other, difference);
            }
          return g_strdup_printf ("relationship %s is missing", described);
        }

      {
        char *difference = relationship_difference (a, b);

        if (difference != NULL)
          return difference;
      }
    }

  for (guint k = 0; k < actual->relationships->len; k++)
    if (!matched[k])
      {
        g_autofree char *described = describe_relationship (g_ptr_array_index (actual->relationships, k));

        return g_strdup_printf ("unexpected relationship %s", described);
      }

  return NULL;
}
