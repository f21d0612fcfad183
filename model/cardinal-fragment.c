/* cardinal-fragment.c: the clipboard's model side: a selection out of a model as a small document, and that document pasted back with unique names. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-fragment.h"

#include <math.h>
#include <string.h>

#include "cardinal-document.h"
#include "cardinal-identifier.h"

CardinalModel *
cardinal_fragment_extract (const CardinalModel *model,
                           const char * const  *entity_names)
{
  CardinalModel *fragment;

  g_return_val_if_fail (model != NULL, NULL);

  fragment = cardinal_model_new (model->name);
  fragment->has_dialect = model->has_dialect;
  fragment->dialect = model->dialect;

  /* Document order, not selection order, so that a copy reads like its source. */
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (entity_names != NULL && g_strv_contains (entity_names, entity->name))
        cardinal_model_add_entity (fragment, cardinal_entity_copy (entity));
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (cardinal_model_find_entity (fragment, relationship->entity1) != NULL &&
          cardinal_model_find_entity (fragment, relationship->entity2) != NULL)
        cardinal_model_add_relationship (fragment, cardinal_relationship_copy (relationship));
    }

  return fragment;
}

char *
cardinal_fragment_to_data (const CardinalModel *fragment,
                           gsize               *length)
{
  return cardinal_document_to_data (fragment, length);
}

CardinalModel *
cardinal_fragment_from_data (const char  *data,
                             gssize       length,
                             GError     **error)
{
  return cardinal_document_load_fragment (data, length, "clipboard", error);
}

/* "customer_2" → length of "customer" and 2; else the whole name and 1. */
static gsize
split_number (const char *name,
              guint      *number)
{
  gsize length = strlen (name), digits = length;

  *number = 1;
  while (digits > 0 && g_ascii_isdigit (name[digits - 1]))
    digits--;
  /* "_2" up to "_99999": a leading zero or a huge run of digits is part of the name. */
  if (digits > 1 && digits < length && name[digits - 1] == '_' && name[digits] != '0' &&
      length - digits <= 5)
    {
      *number = (guint) g_ascii_strtoull (name + digits, NULL, 10);
      if (*number >= 2)
        return digits - 1;
      *number = 1;
    }
  return length;
}

static char *
unique_name (const CardinalModel *model,
             const char          *base,
             CardinalNameKind     kind)
{
  g_autofree char *stem = NULL;
  guint number;
  char *candidate;

  if (!cardinal_model_name_taken (model, kind, base, NULL))
    return g_strdup (base);

  stem = g_strndup (base, split_number (base, &number));
  candidate = NULL;
  do
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", stem, ++number);
    }
  while (cardinal_model_name_taken (model, kind, candidate, NULL));
  return candidate;
}

char *
cardinal_fragment_unique_entity_name (const CardinalModel *model,
                                      const char          *base)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  /* Entity names, table names and link tables share one space: each becomes
   * a table, and two tables cannot have one name. */
  return unique_name (model, base, CARDINAL_NAME_TABLE);
}

char *
cardinal_fragment_unique_relationship_name (const CardinalModel *model,
                                            const char          *base)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  return unique_name (model, base, CARDINAL_NAME_RELATIONSHIP);
}

static gboolean
lands_on_a_box (const CardinalModel *model,
                const CardinalModel *fragment,
                double               dx,
                double               dy)
{
  for (guint i = 0; i < fragment->entities->len; i++)
    {
      const CardinalEntity *pasted = g_ptr_array_index (fragment->entities, i);

      for (guint j = 0; j < model->entities->len; j++)
        {
          const CardinalEntity *entity = g_ptr_array_index (model->entities, j);

          if (fabs (entity->x - (pasted->x + dx)) < 1.0 && fabs (entity->y - (pasted->y + dy)) < 1.0)
            return TRUE;
        }
    }
  return FALSE;
}

CardinalModel *
cardinal_fragment_paste (const CardinalModel *model,
                         const CardinalModel *fragment,
                         double               dx,
                         double               dy,
                         double               step,
                         GStrv               *pasted_entities,
                         GStrv               *pasted_relationships)
{
  g_autoptr(CardinalModel) result = NULL;
  g_autoptr(GHashTable) renames = NULL;
  g_autoptr(GStrvBuilder) entity_names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) relationship_names = g_strv_builder_new ();
  double offset_x = dx, offset_y = dy;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (fragment != NULL, NULL);

  /* Pasting the same copy again steps further, instead of stacking the boxes. */
  for (guint tries = 0; step > 0 && tries < 1000 &&
       lands_on_a_box (model, fragment, offset_x, offset_y); tries++)
    {
      offset_x += step;
      offset_y += step;
    }

  result = cardinal_model_copy (model);
  renames = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint i = 0; i < fragment->entities->len; i++)
    {
      const CardinalEntity *source = g_ptr_array_index (fragment->entities, i);
      CardinalEntity *entity = cardinal_entity_copy (source);

      g_free (entity->name);
      entity->name = cardinal_fragment_unique_entity_name (result, source->name);
      if (entity->table != NULL)
        {
          /* Checked before the entity joins, or its own name would count against it. */
          char *table = cardinal_fragment_unique_entity_name (result, source->table);

          g_free (entity->table);
          entity->table = table;
        }
      entity->x = source->x + offset_x;
      entity->y = source->y + offset_y;
      /* The first of two same-named entities in a fragment keeps the mapping. */
      if (!g_hash_table_contains (renames, source->name))
        g_hash_table_insert (renames, source->name, g_strdup (entity->name));
      g_strv_builder_add (entity_names, entity->name);
      cardinal_model_add_entity (result, entity);
    }

  for (guint i = 0; i < fragment->relationships->len; i++)
    {
      const CardinalRelationship *source = g_ptr_array_index (fragment->relationships, i);
      const char *entity1 = g_hash_table_lookup (renames, source->entity1);
      const char *entity2 = g_hash_table_lookup (renames, source->entity2);
      CardinalRelationship *relationship;

      /* cardinal_fragment_from_data () refuses these; a hand-made fragment may not. */
      if (entity1 == NULL || entity2 == NULL)
        continue;
      relationship = cardinal_relationship_copy (source);
      g_free (relationship->entity1);
      relationship->entity1 = g_strdup (entity1);
      g_free (relationship->entity2);
      relationship->entity2 = g_strdup (entity2);
      g_free (relationship->name);
      relationship->name = cardinal_fragment_unique_relationship_name (result, source->name);
      if (source->link_table != NULL)
        {
          g_free (relationship->link_table);
          relationship->link_table = cardinal_fragment_unique_entity_name (result, source->link_table);
        }
      g_strv_builder_add (relationship_names, relationship->name);
      cardinal_model_add_relationship (result, relationship);
    }

  if (pasted_entities != NULL)
    *pasted_entities = g_strv_builder_end (entity_names);
  if (pasted_relationships != NULL)
    *pasted_relationships = g_strv_builder_end (relationship_names);
  return g_steal_pointer (&result);
}
