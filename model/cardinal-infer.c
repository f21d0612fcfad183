/* cardinal-infer.c: recovers entities and relationships (with their strategies) from tables, the engineer read backwards. */
#include "cardinal-infer.h"
#include "cardinal-identifier.h"
#include "cardinal-validate.h"

#include <string.h>

/*
 * Inference diagnostics, all warnings: the model is still usable, but
 * engineering it again would not give back these exact tables.
 *
 * INFER001  A foreign key that does not reference the whole primary key of
 *           a table in the schema; its columns stay plain attributes.
 * INFER002  A foreign key whose columns are part of the primary key, or
 *           shared with another foreign key; its columns stay plain attributes.
 * INFER003  Foreign-key column names that are not <role>_<referenced key
 *           column>; the engineer would rename them.
 * INFER004  A UNIQUE constraint or index over several columns that no
 *           relationship explains; the logical model has no place for it.
 * INFER005  A table shaped almost like a link table (the reason is given);
 *           it stays an entity with plain fk relationships.
 * INFER006  A link table whose two foreign keys delete differently; the
 *           first one's on-delete is kept.
 * INFER007  A CHECK constraint on a link table; a relationship has no place
 *           for it.
 * INFER008  A link table's own key that is not "id" integer autoincrement,
 *           which is what the engineer would create.
 * INFER009  A foreign-key column whose default or comment the relationship
 *           cannot keep.
 */

typedef struct
{
  const CardinalTable *table;
  gboolean             is_link;
  GHashTable          *fk_columns;     /* names taken by relationships (not attributes) */
  gboolean            *unique_used;    /* per table->uniques */
  gboolean            *index_used;     /* per table->indexes */
  guint                n_referencing;  /* foreign keys (anywhere) that point at it */
} TableInfo;

typedef struct
{
  const CardinalSchema *schema;
  CardinalModel        *model;
  GPtrArray            *diagnostics;    /* may be NULL */
  GHashTable           *infos;          /* table name → TableInfo */
  GHashTable           *used_names;     /* relationship names, folded */
  GPtrArray            *fk_relationships;
  GPtrArray            *link_relationships;
} Infer;

static void
table_info_free (TableInfo *info)
{
  g_hash_table_unref (info->fk_columns);
  g_free (info->unique_used);
  g_free (info->index_used);
  g_free (info);
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

/* Table facts */

static TableInfo *
info_of (Infer      *self,
         const char *table_name)
{
  return table_name != NULL ? g_hash_table_lookup (self->infos, table_name) : NULL;
}

/* Marks the UNIQUE constraints and unique indexes over exactly @columns (any
 * order) as explained; TRUE when there was one. The primary key does not count. */
static gboolean
take_unique (TableInfo          *info,
             const char * const *columns)
{
  const CardinalTable *table = info->table;
  gboolean found = FALSE;

  for (guint i = 0; i < table->uniques->len; i++)
    if (strv_same_set ((const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns, columns))
      found = info->unique_used[i] = TRUE;

  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (index->unique && strv_same_set ((const char * const *) index->columns, columns))
        found = info->index_used[i] = TRUE;
    }
  return found;
}

static gboolean
has_unique (const TableInfo    *info,
            const char * const *columns)
{
  const CardinalTable *table = info->table;

  for (guint i = 0; i < table->uniques->len; i++)
    if (strv_same_set ((const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns, columns))
      return TRUE;
  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (index->unique && strv_same_set ((const char * const *) index->columns, columns))
        return TRUE;
    }
  return FALSE;
}

/* The plain indexes the engineer adds for lookups through a foreign key. */
static void
take_plain_index (TableInfo          *info,
                  const char * const *columns)
{
  const CardinalTable *table = info->table;

  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (!index->unique && strv_same_list ((const char * const *) index->columns, columns))
        info->index_used[i] = TRUE;
    }
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

/* The role for a foreign key's columns; when the names do not follow the
 * rule, the best guess, with INFER003. NULL for the default role (the
 * referenced entity's name). */
static char *
infer_role (Infer               *self,
            const CardinalTable *holder,
            const char * const  *columns,
            const CardinalTable *referenced,
            const char          *relationship)
{
  char *role = role_from_columns (columns, (const char * const *) referenced->primary_key);

  if (role == NULL)
    {
      g_autofree char *described = strv_describe (columns);
      const char *first = columns[0];
      const char *key = referenced->primary_key[0];
      gsize first_len = strlen (first);
      gsize key_len = strlen (key);

      if (first_len > key_len + 1 && first[first_len - key_len - 1] == '_' &&
          g_str_equal (first + first_len - key_len, key))
        role = g_strndup (first, first_len - key_len - 1);
      else
        role = g_strdup (first);

      warn (self, "INFER003", holder->name, relationship,
            "table \"%s\": foreign-key columns %s are not named <role>_<key column> of \"%s\"; "
            "read as role \"%s\", and engineering the model again names them that way",
            holder->name, described, referenced->name, role);
    }

  if (g_str_equal (role, referenced->name))
    g_clear_pointer (&role, g_free);
  return role;
}

static void
check_fk_column_extras (Infer               *self,
                        const CardinalTable *holder,
                        const char * const  *columns,
                        const char          *relationship)
{
  for (guint i = 0; columns[i] != NULL; i++)
    {
      CardinalColumn *column = cardinal_table_find_column (holder, columns[i]);

      if (column != NULL && (column->default_value != NULL ||
                             (column->comment != NULL && column->comment[0] != '\0')))
        warn (self, "INFER009", holder->name, relationship,
              "table \"%s\": the default or comment of foreign-key column \"%s\" is not kept",
              holder->name, columns[i]);
    }
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

/* Attributes */

static CardinalAttribute *
attribute_from_column (const TableInfo      *info,
                       const CardinalColumn *column)
{
  const CardinalTable *table = info->table;
  CardinalAttribute *attribute = cardinal_attribute_new (column->name, column->type);
  const char *single[] = { column->name, NULL };

  attribute->primary_key = strv_contains ((const char * const *) table->primary_key, column->name);
  attribute->autoincrement = column->autoincrement && attribute->primary_key;
  attribute->nullable = column->nullable && !attribute->primary_key;
  attribute->default_value = g_strdup (column->default_value);
  g_free (attribute->comment);
  attribute->comment = g_strdup (column->comment != NULL ? column->comment : "");

  /* A sole key column is unique already; the engineer adds nothing for it. */
  if (!(attribute->primary_key && strv_len ((const char * const *) table->primary_key) == 1))
    attribute->unique = take_unique ((TableInfo *) info, single);
  else
    take_unique ((TableInfo *) info, single);

  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (!index->unique && !info->index_used[i] &&
          strv_same_list ((const char * const *) index->columns, single))
        {
          info->index_used[i] = TRUE;
          attribute->index = !attribute->unique && !attribute->primary_key;
        }
    }

  if (attribute->primary_key)
    attribute->unique = FALSE;
  return attribute;
}

/* UNIQUEs and indexes that nothing explained: the model cannot hold them. */
static void
report_leftover_keys (Infer           *self,
                      const TableInfo *info)
{
  const CardinalTable *table = info->table;

  for (guint i = 0; i < table->uniques->len; i++)
    if (!info->unique_used[i])
      {
        const char * const *columns = (const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns;
        g_autofree char *described = strv_describe (columns);

        /* The primary key repeated as UNIQUE says nothing new. */
        if (strv_same_set (columns, (const char * const *) table->primary_key))
          continue;
        warn (self, "INFER004", table->name, NULL,
              "table \"%s\": UNIQUE %s is not kept; an entity holds only single-column UNIQUEs",
              table->name, described);
      }

  for (guint i = 0; i < table->indexes->len; i++)
    if (!info->index_used[i])
      {
        CardinalIndex *index = g_ptr_array_index (table->indexes, i);
        g_autofree char *described = strv_describe ((const char * const *) index->columns);

        if (strv_same_set ((const char * const *) index->columns,
                           (const char * const *) table->primary_key))
          continue;
        warn (self, "INFER004", table->name, NULL,
              "table \"%s\": %s \"%s\" on %s is not kept; an entity holds only single-column indexes",
              table->name, index->unique ? "unique index" : "index",
              index->name != NULL ? index->name : "", described);
      }
}

/* Link tables */

typedef struct
{
  const CardinalForeignKey *fk;
  const CardinalTable      *referenced;
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
  TableInfo *target = info_of (self, fk->ref_table);

  reference->fk = fk;
  reference->referenced = target != NULL ? target->table : NULL;
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

static GStrv
concat_columns (const char * const *a,
                const char * const *b)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  g_strv_builder_addv (builder, (const char **) a);
  g_strv_builder_addv (builder, (const char **) b);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/* Decides whether @info's table is a link table: exactly two foreign keys to
 * entity tables' keys, referenced by nothing, and either a primary key made
 * of both (link-table) or its own one-column key plus a UNIQUE over both
 * (link-table-pk). Builds the relationship when it is. */
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
  gboolean own_key = FALSE;
  CardinalKind kind = CARDINAL_KIND_MANY_TO_MANY;
  g_autoptr(CardinalRelationship) relationship = NULL;
  g_autofree char *default_name = NULL;
  g_autofree char *role1 = NULL;
  g_autofree char *role2 = NULL;
  gboolean result = FALSE;

  if (table->foreign_keys->len != 2 || info->n_referencing > 0)
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
    gboolean unique1 = has_unique (info, (const char * const *) first->columns);
    gboolean unique2 = has_unique (info, (const char * const *) second->columns);

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

  /* The table is a link table. */
  result = TRUE;
  info->is_link = TRUE;

  relationship = cardinal_relationship_new (NULL, first->referenced->name, second->referenced->name, kind,
                                            own_key ? CARDINAL_STRATEGY_LINK_TABLE_PK : CARDINAL_STRATEGY_LINK_TABLE);
  g_free (relationship->name);
  relationship->name = claim_relationship_name (self, table->name);
  default_name = g_strconcat (first->referenced->name, "_", second->referenced->name, NULL);
  if (!g_str_equal (default_name, table->name))
    relationship->link_table = g_strdup (table->name);
  relationship->entity1_role = infer_role (self, table, (const char * const *) first->columns,
                                           first->referenced, relationship->name);
  relationship->entity2_role = infer_role (self, table, (const char * const *) second->columns,
                                           second->referenced, relationship->name);
  relationship->on_delete = first->fk->on_delete;
  if (first->fk->on_delete != second->fk->on_delete)
    warn (self, "INFER006", NULL, relationship->name,
          "link table \"%s\": its foreign keys delete differently (%s, %s); a relationship has one on-delete, %s is kept",
          table->name, cardinal_on_delete_to_string (first->fk->on_delete),
          cardinal_on_delete_to_string (second->fk->on_delete),
          cardinal_on_delete_to_string (first->fk->on_delete));

  for (guint i = 0; i < 2; i++)
    {
      const char * const *columns = (const char * const *) refs[i].columns;

      for (guint k = 0; columns[k] != NULL; k++)
        g_hash_table_add (info->fk_columns, g_strdup (columns[k]));
      take_unique (info, columns);
      take_plain_index (info, (const char * const *) refs[i].fk->columns);
      take_plain_index (info, columns);
      check_fk_column_extras (self, table, columns, relationship->name);
    }
  take_unique (info, (const char * const *) both);

  if (own_key)
    {
      CardinalColumn *id = cardinal_table_find_column (table, "id");

      g_hash_table_add (info->fk_columns, g_strdup ("id"));
      if (id == NULL || g_strcmp0 (id->type, "integer") != 0 || !id->autoincrement)
        warn (self, "INFER008", NULL, relationship->name,
              "link table \"%s\": its key \"id\" is %s%s; engineering the model again makes it integer autoincrement",
              table->name, id != NULL && id->type != NULL ? id->type : "untyped",
              id != NULL && id->autoincrement ? "" : " without autoincrement");
    }

  /* Everything else is an attribute of the association. */
  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (g_hash_table_contains (info->fk_columns, column->name))
        continue;
      g_ptr_array_add (relationship->link_attributes, attribute_from_column (info, column));
    }

  for (guint i = 0; i < table->checks->len; i++)
    warn (self, "INFER007", NULL, relationship->name,
          "link table \"%s\": CHECK (%s) is not kept; a relationship has no CHECKs",
          table->name, ((const CardinalCheck *) g_ptr_array_index (table->checks, i))->expression);

  report_leftover_keys (self, info);
  g_ptr_array_add (self->link_relationships, g_steal_pointer (&relationship));

out:
  if (!result && why != NULL)
    warn (self, "INFER005", table->name, NULL,
          "table \"%s\" is not read as a link table: %s; it stays an entity", table->name, why);
  reference_clear (&refs[0]);
  reference_clear (&refs[1]);
  return result;
}

/* Entities and their foreign keys */

static void
infer_foreign_key (Infer                    *self,
                   TableInfo                *info,
                   const CardinalForeignKey *fk,
                   GHashTable               *taken)
{
  const CardinalTable *holder = info->table;
  const char * const *pk = (const char * const *) holder->primary_key;
  g_auto(GStrv) columns = NULL;
  g_autoptr(CardinalRelationship) relationship = NULL;
  g_autofree char *described = strv_describe ((const char * const *) fk->columns);
  g_autofree char *base = NULL;
  TableInfo *target = info_of (self, fk->ref_table);
  CardinalStrategy strategy;
  CardinalKind kind;

  if (target == NULL || target->is_link)
    {
      warn (self, "INFER001", holder->name, NULL,
            "table \"%s\": foreign key %s references \"%s\", which is %s; the columns stay plain attributes",
            holder->name, described, fk->ref_table != NULL ? fk->ref_table : "",
            target == NULL ? "not in the schema" : "a link table");
      return;
    }

  columns = columns_in_key_order (fk, target->table);
  if (columns == NULL && strv_len ((const char * const *) target->table->primary_key) == 0)
    {
      warn (self, "INFER001", holder->name, NULL,
            "table \"%s\": foreign key %s references \"%s\", which has no primary key; "
            "the columns stay plain attributes",
            holder->name, described, target->table->name);
      return;
    }
  if (columns == NULL)
    {
      g_autofree char *key = strv_describe ((const char * const *) target->table->primary_key);

      warn (self, "INFER001", holder->name, NULL,
            "table \"%s\": foreign key %s does not reference the primary key %s of \"%s\"; "
            "the columns stay plain attributes",
            holder->name, described, key, target->table->name);
      return;
    }

  for (guint i = 0; columns[i] != NULL; i++)
    if (g_hash_table_contains (taken, columns[i]))
      {
        warn (self, "INFER002", holder->name, NULL,
              "table \"%s\": foreign key %s shares column \"%s\" with another foreign key; "
              "the columns stay plain attributes",
              holder->name, described, columns[i]);
        return;
      }

  if (strv_same_set (pk, (const char * const *) columns))
    {
      if (target == info)
        {
          warn (self, "INFER002", holder->name, NULL,
                "table \"%s\": its primary key references itself; the columns stay plain attributes",
                holder->name);
          return;
        }
      strategy = CARDINAL_STRATEGY_SHARED_PK;
      kind = CARDINAL_KIND_ONE_TO_ONE;
    }
  else
    {
      for (guint i = 0; columns[i] != NULL; i++)
        if (strv_contains (pk, columns[i]))
          {
            warn (self, "INFER002", holder->name, NULL,
                  "table \"%s\": foreign key %s is part of the primary key, which no relationship "
                  "builds; the columns stay plain attributes",
                  holder->name, described);
            return;
          }

      if (take_unique (info, (const char * const *) columns))
        {
          strategy = CARDINAL_STRATEGY_UNIQUE_FK;
          kind = CARDINAL_KIND_ONE_TO_ONE;
        }
      else
        {
          strategy = CARDINAL_STRATEGY_FK;
          kind = CARDINAL_KIND_ONE_TO_MANY;
        }
      take_plain_index (info, (const char * const *) fk->columns);
      take_plain_index (info, (const char * const *) columns);
    }

  relationship = cardinal_relationship_new (NULL, target->table->name, holder->name, kind, strategy);
  relationship->on_delete = fk->on_delete;

  if (strategy == CARDINAL_STRATEGY_SHARED_PK)
    relationship->entity2_needs_entity1 = TRUE;
  else
    {
      relationship->entity2_needs_entity1 = all_not_null (holder, (const char * const *) columns);
      for (guint i = 0; columns[i] != NULL; i++)
        {
          g_hash_table_add (info->fk_columns, g_strdup (columns[i]));
          g_hash_table_add (taken, g_strdup (columns[i]));
        }
    }

  if (relationship->entity1_role == NULL && strategy != CARDINAL_STRATEGY_SHARED_PK)
    relationship->entity1_role = infer_role (self, holder, (const char * const *) columns,
                                             target->table, NULL);

  if (relationship->entity1_role != NULL)
    base = g_strconcat (relationship->entity1_role, "_", holder->name, NULL);
  else
    base = g_strconcat (target->table->name, "_", holder->name, NULL);
  g_free (relationship->name);
  relationship->name = claim_relationship_name (self, base);

  if (strategy != CARDINAL_STRATEGY_SHARED_PK)
    check_fk_column_extras (self, holder, (const char * const *) columns, relationship->name);

  g_ptr_array_add (self->fk_relationships, g_steal_pointer (&relationship));
}

static void
infer_entity (Infer     *self,
              TableInfo *info)
{
  const CardinalTable *table = info->table;
  g_autoptr(CardinalEntity) entity = cardinal_entity_new (table->name);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_free (entity->comment);
  entity->comment = g_strdup (table->comment != NULL ? table->comment : "");
  for (guint i = 0; i < table->checks->len; i++)
    g_ptr_array_add (entity->checks, cardinal_check_copy (g_ptr_array_index (table->checks, i)));

  for (guint i = 0; i < table->foreign_keys->len; i++)
    infer_foreign_key (self, info, g_ptr_array_index (table->foreign_keys, i), taken);

  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (!g_hash_table_contains (info->fk_columns, column->name))
        cardinal_entity_add_attribute (entity, attribute_from_column (info, column));
    }

  report_leftover_keys (self, info);
  cardinal_model_add_entity (self->model, g_steal_pointer (&entity));
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
  self.infos = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) table_info_free);
  self.used_names = g_hash_table_new_full (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal,
                                           g_free, NULL);
  self.fk_relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_relationship_free);
  self.link_relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_relationship_free);

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);
      TableInfo *info;

      if (table->name == NULL || g_hash_table_contains (self.infos, table->name))
        continue;
      info = g_new0 (TableInfo, 1);
      info->table = table;
      info->fk_columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      info->unique_used = g_new0 (gboolean, table->uniques->len + 1);
      info->index_used = g_new0 (gboolean, table->indexes->len + 1);
      g_hash_table_insert (self.infos, table->name, info);
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          TableInfo *target = info_of (&self, fk->ref_table);

          if (target != NULL)
            target->n_referencing++;
        }
    }

  /* Link tables first: they take their names before generated ones, and
   * whether a table is one decides what the others' foreign keys mean. */
  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);
      TableInfo *info = info_of (&self, table->name);

      if (info != NULL && info->table == table)
        try_link_table (&self, info);
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);
      TableInfo *info = info_of (&self, table->name);

      if (info != NULL && info->table == table && !info->is_link)
        infer_entity (&self, info);
    }

  for (guint i = 0; i < self.fk_relationships->len; i++)
    cardinal_model_add_relationship (self.model, g_steal_pointer (&self.fk_relationships->pdata[i]));
  for (guint i = 0; i < self.link_relationships->len; i++)
    cardinal_model_add_relationship (self.model, g_steal_pointer (&self.link_relationships->pdata[i]));

  g_ptr_array_unref (self.fk_relationships);
  g_ptr_array_unref (self.link_relationships);
  g_hash_table_unref (self.infos);
  g_hash_table_unref (self.used_names);
  if (diagnostics != NULL)
    *diagnostics = self.diagnostics;
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
      return entity_has_key (relationship->kind == CARDINAL_KIND_MANY_TO_ONE ? entity2 : entity1);
    case CARDINAL_STRATEGY_UNIQUE_FK:
      return entity_has_key (entity1);
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

  return canonical;
}

/* The first difference between two models, in words */

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
  return attribute_list_difference (expected->link_attributes, actual->link_attributes, owner);
}

char *
cardinal_infer_difference (const CardinalModel *expected,
                           const CardinalModel *actual)
{
  g_autofree gboolean *matched = NULL;

  g_return_val_if_fail (expected != NULL, NULL);
  g_return_val_if_fail (actual != NULL, NULL);

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
