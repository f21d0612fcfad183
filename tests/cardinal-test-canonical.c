/* cardinal-test-canonical.c: the canonical form of a model (what engineer → infer keeps of it) and the first difference between two models, for round-trip tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-canonical.h"

#include "cardinal-identifier.h"
#include "cardinal-infer-private.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"

#include <string.h>

/* Column lists: NULL is an empty one */

static guint
strv_len (const char * const *strv)
{
  return strv != NULL ? g_strv_length ((GStrv) strv) : 0;
}

static gboolean
strv_same_list (const char * const *a,
                const char * const *b)
{
  if (strv_len (a) == 0 || strv_len (b) == 0)
    return strv_len (a) == strv_len (b);
  return g_strv_equal (a, b);
}

/* "(a, b)" */
static char *
strv_describe (const char * const *columns)
{
  g_autofree char *joined = columns != NULL ? g_strjoinv (", ", (GStrv) columns) : NULL;

  return g_strdup_printf ("(%s)", joined != NULL ? joined : "");
}

static GStrv
concat_columns (const char * const *a,
                const char * const *b)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (a != NULL)
    g_strv_builder_addv (builder, (const char **) a);
  if (b != NULL)
    g_strv_builder_addv (builder, (const char **) b);
  return g_strv_builder_end (builder);
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

/* The referenced key of an entity, in key order (identifying relationships
 * aside): its primary-key-order, else its key attributes. */
static GStrv
canonical_entity_key (const CardinalEntity *entity)
{
  g_autoptr(GPtrArray) attributes = NULL;
  GStrv key;

  if (entity->primary_key_order != NULL)
    return g_strdupv (entity->primary_key_order);
  attributes = cardinal_entity_primary_key (entity);
  key = g_new0 (char *, attributes->len + 1);
  for (guint i = 0; i < attributes->len; i++)
    key[i] = g_strdup (((const CardinalAttribute *) g_ptr_array_index (attributes, i))->name);
  return key;
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
  g_auto(GStrv) primary = entity != NULL ? canonical_entity_key (entity) : NULL;
  g_auto(GStrv) names = NULL;
  const char * const *used_key;

  if (*key != NULL && primary != NULL && strv_same_list ((const char * const *) *key, (const char * const *) primary))
    g_clear_pointer (key, g_strfreev);
  used_key = (const char * const *) (*key != NULL ? *key : primary);

  if (*columns != NULL)
    {
      char *derived = cardinal_infer_role_from_columns ((const char * const *) *columns, used_key);

      g_free (*role);
      *role = derived;
      if (derived != NULL)
        g_clear_pointer (columns, g_strfreev);
    }
  canonical_role (role, referenced);

  names = *columns != NULL ? g_strdupv (*columns) : role_columns (*role != NULL ? *role : referenced, used_key);
  if (*fk_name != NULL && *fk_name[0] != '\0' &&
      cardinal_infer_name_is_engineer_default (*fk_name, holder_table, (const char * const *) names, "fkey"))
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
           cardinal_infer_check_name_is_default (cardinal_entity_table_name (entity), columns, check)))
        g_clear_pointer (&check->name, g_free);
    }

  for (guint i = entity->uniques->len; i > 0; i--)
    {
      CardinalUnique *unique = g_ptr_array_index (entity->uniques, i - 1);
      CardinalAttribute *attribute = strv_len ((const char * const *) unique->columns) == 1
                                     ? cardinal_entity_find_attribute (entity, unique->columns[0]) : NULL;

      if (attribute != NULL && g_str_equal (attribute->name, unique->columns[0]) && !attribute->primary_key &&
          !attribute->unique && unique->name == NULL && cardinal_infer_unique_is_plain (unique))
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
       cardinal_infer_name_is_postgresql_default (entity->primary_key_name, table, NULL, "pkey")))
    g_clear_pointer (&entity->primary_key_name, g_free);
  if (entity->primary_key_order != NULL && default_key != NULL &&
      strv_same_list ((const char * const *) entity->primary_key_order, default_key))
    g_clear_pointer (&entity->primary_key_order, g_strfreev);
  for (guint i = 0; i < entity->uniques->len; i++)
    {
      CardinalUnique *unique = g_ptr_array_index (entity->uniques, i);

      if (unique->name != NULL &&
          cardinal_infer_name_is_postgresql_default (unique->name, table, (const char * const *) unique->columns, "key"))
        g_clear_pointer (&unique->name, g_free);
    }
  for (guint i = 0; i < entity->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (entity->indexes, i);

      if (index->name != NULL && !index->unique && cardinal_index_is_plain (index) &&
          cardinal_infer_name_is_engineer_default (index->name, table, (const char * const *) index->columns, "idx"))
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
          g_auto(GStrv) primary1 = entity1 != NULL ? canonical_entity_key (entity1) : NULL;
          g_auto(GStrv) primary2 = entity2 != NULL ? canonical_entity_key (entity2) : NULL;
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
      primary = canonical_entity_key (referenced);
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
      primary = canonical_entity_key (referenced);
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
