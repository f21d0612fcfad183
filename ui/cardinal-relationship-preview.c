/* cardinal-relationship-preview.c: what the engineer would make of one candidate relationship, and what the validator says about it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-relationship-preview.h"

#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-validate.h"

typedef enum
{
  STYLE_PLAIN,
  STYLE_HEADING,
  STYLE_NEW,
  STYLE_DIM,
} Style;

/* The plain text and the markup are written side by side so they always agree. */
typedef struct
{
  GString *text;
  GString *markup;
} Out;

static void
out_append (Out        *out,
            const char *str,
            Style       style)
{
  g_autofree char *escaped = g_markup_escape_text (str, -1);

  g_string_append (out->text, str);
  switch (style)
    {
    case STYLE_HEADING:
    case STYLE_NEW:
      g_string_append_printf (out->markup, "<b>%s</b>", escaped);
      break;
    case STYLE_DIM:
      g_string_append_printf (out->markup, "<span alpha=\"60%%\">%s</span>", escaped);
      break;
    case STYLE_PLAIN:
    default:
      g_string_append (out->markup, escaped);
      break;
    }
}

/* Appends @str padded with spaces to @width characters. */
static void
out_append_padded (Out        *out,
                   const char *str,
                   glong       width,
                   Style       style)
{
  glong len = g_utf8_strlen (str, -1);

  out_append (out, str, style);
  for (glong i = len; i < width; i++)
    out_append (out, " ", STYLE_PLAIN);
}

static char *
join_columns (const char * const *columns)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) columns);

  return g_strdup_printf ("(%s)", joined);
}

static gboolean
strv_is_single (const char * const *columns,
                const char         *name)
{
  return columns != NULL && columns[0] != NULL && columns[1] == NULL && g_str_equal (columns[0], name);
}

static gboolean
column_is_new (const CardinalTable *table,
               const char          *name,
               const char          *relationship)
{
  const CardinalColumn *column = cardinal_table_find_column (table, name);

  return column != NULL && g_strcmp0 (column->relationship, relationship) == 0;
}

/* A constraint is the candidate's when every column it covers is. */
static gboolean
columns_are_new (const CardinalTable *table,
                 const char * const  *columns,
                 const char          *relationship)
{
  if (g_strcmp0 (table->relationship, relationship) == 0)
    return TRUE;
  if (columns == NULL || columns[0] == NULL)
    return FALSE;
  for (guint i = 0; columns[i] != NULL; i++)
    if (!column_is_new (table, columns[i], relationship))
      return FALSE;
  return TRUE;
}

static const char *
on_delete_sql (CardinalOnDelete on_delete)
{
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_RESTRICT:
      return "ON DELETE RESTRICT";
    case CARDINAL_ON_DELETE_CASCADE:
      return "ON DELETE CASCADE";
    case CARDINAL_ON_DELETE_SET_NULL:
      return "ON DELETE SET NULL";
    case CARDINAL_ON_DELETE_SET_DEFAULT:
      return "ON DELETE SET DEFAULT";
    case CARDINAL_ON_DELETE_NO_ACTION:
    default:
      return NULL;
    }
}

static void
format_table (Out                 *out,
              const CardinalTable *table,
              const char          *relationship)
{
  gboolean is_new_table = g_strcmp0 (table->relationship, relationship) == 0;
  guint pk_len = table->primary_key ? g_strv_length (table->primary_key) : 0;
  glong name_width = 0;
  glong type_width = 0;

  out_append (out, table->name, STYLE_HEADING);
  if (is_new_table)
    out_append (out, "  (new link table)", STYLE_DIM);
  out_append (out, "\n", STYLE_PLAIN);

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);

      name_width = MAX (name_width, g_utf8_strlen (column->name, -1));
      type_width = MAX (type_width, g_utf8_strlen (column->type, -1));
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      gboolean is_new = is_new_table || g_strcmp0 (column->relationship, relationship) == 0;
      Style style = is_new ? STYLE_NEW : STYLE_PLAIN;
      g_autoptr(GString) flags = g_string_new (NULL);
      gboolean in_key = pk_len > 0 && g_strv_contains ((const char * const *) table->primary_key, column->name);

      if (in_key)
        g_string_append (flags, "  PK");
      if (!column->nullable && !in_key)
        g_string_append (flags, "  NOT NULL");
      for (guint j = 0; j < table->uniques->len; j++)
        if (strv_is_single ((const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, j))->columns,
                            column->name))
          g_string_append (flags, "  UNIQUE");
      for (guint j = 0; j < table->indexes->len; j++)
        {
          const CardinalIndex *index = g_ptr_array_index (table->indexes, j);

          if (strv_is_single ((const char * const *) index->columns, column->name))
            g_string_append (flags, index->unique ? "  UNIQUE" : "  INDEX");
        }
      for (guint j = 0; j < table->foreign_keys->len; j++)
        {
          const CardinalForeignKey *key = g_ptr_array_index (table->foreign_keys, j);
          const char *action = on_delete_sql (key->on_delete);

          if (!strv_is_single ((const char * const *) key->columns, column->name))
            continue;
          g_string_append_printf (flags, "  → %s (%s)", key->ref_table, key->ref_columns[0]);
          if (action != NULL)
            g_string_append_printf (flags, " %s", action);
        }

      out_append (out, is_new ? "+ " : "  ", style);
      out_append_padded (out, column->name, name_width + 2, style);
      out_append_padded (out, column->type, type_width, style);
      out_append (out, flags->str, style);
      out_append (out, "\n", STYLE_PLAIN);
    }

  /* What the column lines above cannot show: constraints over several columns. */
  if (pk_len > 1)
    {
      g_autofree char *columns = join_columns ((const char * const *) table->primary_key);
      g_autofree char *line = g_strdup_printf ("  PRIMARY KEY %s\n", columns);

      out_append (out, line, columns_are_new (table, (const char * const *) table->primary_key, relationship)
                             ? STYLE_NEW : STYLE_PLAIN);
    }
  for (guint j = 0; j < table->uniques->len; j++)
    {
      const char * const *unique = (const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, j))->columns;
      g_autofree char *columns = NULL;
      g_autofree char *line = NULL;

      if (g_strv_length ((char **) unique) < 2)
        continue;
      columns = join_columns (unique);
      line = g_strdup_printf ("  UNIQUE %s\n", columns);
      out_append (out, line, columns_are_new (table, unique, relationship) ? STYLE_NEW : STYLE_PLAIN);
    }
  for (guint j = 0; j < table->indexes->len; j++)
    {
      const CardinalIndex *index = g_ptr_array_index (table->indexes, j);
      g_autofree char *columns = NULL;
      g_autofree char *line = NULL;

      if (g_strv_length (index->columns) < 2)
        continue;
      columns = join_columns ((const char * const *) index->columns);
      line = g_strdup_printf ("  %s %s\n", index->unique ? "UNIQUE INDEX" : "INDEX", columns);
      out_append (out, line, columns_are_new (table, (const char * const *) index->columns, relationship)
                             ? STYLE_NEW : STYLE_PLAIN);
    }
  for (guint j = 0; j < table->foreign_keys->len; j++)
    {
      const CardinalForeignKey *key = g_ptr_array_index (table->foreign_keys, j);
      const char *action = on_delete_sql (key->on_delete);
      g_autofree char *columns = NULL;
      g_autofree char *ref_columns = NULL;
      g_autofree char *line = NULL;

      if (g_strv_length (key->columns) < 2)
        continue;
      columns = join_columns ((const char * const *) key->columns);
      ref_columns = join_columns ((const char * const *) key->ref_columns);
      line = g_strdup_printf ("  FOREIGN KEY %s → %s %s%s%s\n", columns, key->ref_table, ref_columns,
                              action ? " " : "", action ? action : "");
      out_append (out, line, g_strcmp0 (key->relationship, relationship) == 0 ? STYLE_NEW : STYLE_PLAIN);
    }
}

static gboolean
names_fold_equal (const char *a,
                  const char *b)
{
  return a != NULL && b != NULL && cardinal_identifier_fold_equal (a, b);
}

/* The entity whose table a relationship adds columns to, or NULL for a link table. */
static const char *
holder_of (const CardinalRelationship *relationship)
{
  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      return relationship->kind == CARDINAL_KIND_MANY_TO_ONE ? relationship->entity1 : relationship->entity2;
    case CARDINAL_STRATEGY_MERGED:
      return relationship->entity1;
    case CARDINAL_STRATEGY_SHARED_PK:
    case CARDINAL_STRATEGY_UNIQUE_FK:
      return relationship->entity2;
    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
    default:
      return NULL;
    }
}

static gboolean
is_end (const char                 *name,
        const CardinalRelationship *candidate)
{
  return name != NULL && (g_str_equal (name, candidate->entity1) || g_str_equal (name, candidate->entity2));
}

/* The part of @model the candidate can affect: its two entities; the
 * relationships that shape their tables (those adding columns to them, and
 * merged ones, which fold a table away) with the entities at their other
 * ends; and whatever could clash with the candidate's names. Relationships
 * that only point at the two entities from elsewhere stay out, so that a
 * "hub" referenced by thousands of tables costs no more than any entity. */
static CardinalModel *
neighbourhood (const CardinalModel        *model,
               const CardinalRelationship *candidate,
               const char                 *replaces)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autofree char *link = NULL;
  gboolean merged_other_found = FALSE;
  CardinalModel *sub = cardinal_model_new (model->name);

  if (cardinal_strategy_has_link_table (candidate->strategy))
    link = cardinal_relationship_link_table_name (candidate);

  g_hash_table_add (wanted, candidate->entity1);
  g_hash_table_add (wanted, candidate->entity2);

  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      g_autofree char *other_link = NULL;
      gboolean touches;
      gboolean keep;

      if (replaces != NULL && g_str_equal (relationship->name, replaces))
        continue;

      if (cardinal_strategy_has_link_table (relationship->strategy))
        other_link = cardinal_relationship_link_table_name (relationship);

      touches = is_end (relationship->entity1, candidate) || is_end (relationship->entity2, candidate);
      keep = (touches && (is_end (holder_of (relationship), candidate) ||
                          relationship->strategy == CARDINAL_STRATEGY_MERGED ||
                          (is_end (relationship->entity1, candidate) && is_end (relationship->entity2, candidate)))) ||
             names_fold_equal (relationship->name, candidate->name) ||
             names_fold_equal (other_link, link) ||
             names_fold_equal (other_link, candidate->entity1) ||
             names_fold_equal (other_link, candidate->entity2);
      /* A merged candidate folds entity2 away, which its other relationships forbid (CARD011). */
      if (!keep && touches && !merged_other_found && candidate->strategy == CARDINAL_STRATEGY_MERGED &&
          (g_str_equal (relationship->entity1, candidate->entity2) ||
           g_str_equal (relationship->entity2, candidate->entity2)))
        keep = merged_other_found = TRUE;
      if (!keep)
        continue;

      g_hash_table_add (kept, relationship);
      g_hash_table_add (wanted, relationship->entity1);
      g_hash_table_add (wanted, relationship->entity2);
    }

  /* Document order in both lists, so the engineer's choices match the whole model's. */
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (g_hash_table_contains (wanted, entity->name) || names_fold_equal (entity->name, link))
        cardinal_model_add_entity (sub, cardinal_entity_copy (entity));
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (g_hash_table_contains (kept, relationship))
        cardinal_model_add_relationship (sub, cardinal_relationship_copy (relationship));
    }

  return sub;
}

static gboolean
table_is_affected (const CardinalTable        *table,
                   const CardinalRelationship *candidate)
{
  if (g_strcmp0 (table->relationship, candidate->name) == 0)
    return TRUE;
  if (table->entity != NULL &&
      (g_str_equal (table->entity, candidate->entity1) || g_str_equal (table->entity, candidate->entity2)))
    return TRUE;
  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (g_strcmp0 (column->relationship, candidate->name) == 0)
        return TRUE;
    }
  return FALSE;
}

CardinalRelationshipPreview *
cardinal_relationship_preview_new (const CardinalModel        *model,
                                   const CardinalRelationship *candidate,
                                   const char                 *replaces)
{
  g_autoptr(CardinalModel) sub = NULL;
  g_autoptr(CardinalSchema) before_schema = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GHashTable) known = NULL;
  CardinalRelationshipPreview *preview;
  Out out;
  gboolean entity1_table = FALSE;
  gboolean entity2_table = FALSE;
  gboolean first = TRUE;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (candidate != NULL, NULL);

  sub = neighbourhood (model, candidate, replaces);
  before_schema = cardinal_engineer (sub);
  before = cardinal_validate_with_schema (sub, before_schema);
  cardinal_model_add_relationship (sub, cardinal_relationship_copy (candidate));
  schema = cardinal_engineer (sub);

  preview = g_new0 (CardinalRelationshipPreview, 1);
  preview->diagnostics = cardinal_validate_with_schema (sub, schema);

  /* Only what the candidate adds: problems already in the model are not its fault. */
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < before->len; i++)
    g_hash_table_add (known, cardinal_diagnostic_format (g_ptr_array_index (before, i), NULL));
  for (guint i = preview->diagnostics->len; i > 0; i--)
    {
      g_autofree char *line = cardinal_diagnostic_format (g_ptr_array_index (preview->diagnostics, i - 1), NULL);

      if (g_hash_table_contains (known, line))
        g_ptr_array_remove_index (preview->diagnostics, i - 1);
    }
  preview->has_errors = cardinal_diagnostics_have_errors (preview->diagnostics);

  out.text = g_string_new (NULL);
  out.markup = g_string_new (NULL);
  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (!table_is_affected (table, candidate))
        continue;
      if (g_strcmp0 (table->entity, candidate->entity1) == 0)
        entity1_table = TRUE;
      if (g_strcmp0 (table->entity, candidate->entity2) == 0)
        entity2_table = TRUE;
      if (!first)
        out_append (&out, "\n", STYLE_PLAIN);
      first = FALSE;
      format_table (&out, table, candidate->name);
    }

  if (entity1_table && !entity2_table && cardinal_model_find_entity (sub, candidate->entity2) != NULL)
    {
      g_autofree char *note = g_strdup_printf ("\n%s has no table of its own: its attributes are columns of %s.\n",
                                               candidate->entity2, candidate->entity1);

      out_append (&out, note, STYLE_DIM);
    }

  preview->text = g_string_free (out.text, FALSE);
  preview->markup = g_string_free (out.markup, FALSE);
  return preview;
}

void
cardinal_relationship_preview_free (CardinalRelationshipPreview *preview)
{
  if (preview == NULL)
    return;

  g_free (preview->markup);
  g_free (preview->text);
  g_clear_pointer (&preview->diagnostics, g_ptr_array_unref);
  g_free (preview);
}
