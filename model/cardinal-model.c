/* cardinal-model.c: the logical model's objects, their names as strings, and the question pair. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-model.h"
#include "cardinal-enum.h"
#include "cardinal-identifier.h"
#include "cardinal-model-enums.h"

#include <stdatomic.h>
#include <string.h>

G_DEFINE_QUARK (cardinal-model-error-quark, cardinal_model_error)

/* Views cache per object version; a counter, unlike an address, is never reused. */
static guint64
next_serial (void)
{
  static _Atomic guint64 serial;

  return atomic_fetch_add (&serial, 1) + 1;
}

const char *
cardinal_kind_to_string (CardinalKind kind)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_KIND, kind);
}

gboolean
cardinal_kind_from_string (const char   *str,
                           CardinalKind *kind)
{
  int value;

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_KIND, str, FALSE, &value))
    return FALSE;
  *kind = (CardinalKind) value;
  return TRUE;
}

const char *
cardinal_strategy_to_string (CardinalStrategy strategy)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_STRATEGY, strategy);
}

gboolean
cardinal_strategy_from_string (const char       *str,
                               CardinalStrategy *strategy)
{
  int value;

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_STRATEGY, str, FALSE, &value))
    return FALSE;
  *strategy = (CardinalStrategy) value;
  return TRUE;
}

const char *
cardinal_on_delete_to_string (CardinalOnDelete on_delete)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_ON_DELETE, on_delete);
}

gboolean
cardinal_on_delete_from_string (const char       *str,
                                CardinalOnDelete *on_delete)
{
  int value;

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_ON_DELETE, str, FALSE, &value))
    return FALSE;
  *on_delete = (CardinalOnDelete) value;
  return TRUE;
}

const char *
cardinal_identity_to_string (CardinalIdentity identity)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_IDENTITY, identity);
}

gboolean
cardinal_identity_from_string (const char       *str,
                               CardinalIdentity *identity)
{
  int value;

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_IDENTITY, str, FALSE, &value))
    return FALSE;
  *identity = (CardinalIdentity) value;
  return TRUE;
}

CardinalKind
cardinal_question_pair_to_kind (gboolean q1,
                                gboolean q2)
{
  if (q1 && q2)
    return CARDINAL_KIND_MANY_TO_MANY;
  if (q1)
    return CARDINAL_KIND_MANY_TO_ONE;
  if (q2)
    return CARDINAL_KIND_ONE_TO_MANY;
  return CARDINAL_KIND_ONE_TO_ONE;
}

void
cardinal_question_pair_from_kind (CardinalKind  kind,
                                  gboolean     *q1,
                                  gboolean     *q2)
{
  g_return_if_fail (q1 != NULL && q2 != NULL);

  *q1 = kind == CARDINAL_KIND_MANY_TO_ONE || kind == CARDINAL_KIND_MANY_TO_MANY;
  *q2 = kind == CARDINAL_KIND_ONE_TO_MANY || kind == CARDINAL_KIND_MANY_TO_MANY;
}

/* Recommended strategy first; this one table drives fits, defaults and the UI's choices. */
static const CardinalStrategy one_to_one_strategies[] = {
  CARDINAL_STRATEGY_UNIQUE_FK, CARDINAL_STRATEGY_SHARED_PK, CARDINAL_STRATEGY_MERGED,
};
static const CardinalStrategy one_to_many_strategies[] = {
  CARDINAL_STRATEGY_FK, CARDINAL_STRATEGY_LINK_TABLE,
};
static const CardinalStrategy many_to_many_strategies[] = {
  CARDINAL_STRATEGY_LINK_TABLE, CARDINAL_STRATEGY_LINK_TABLE_PK,
};

static const CardinalStrategy *
strategies_for_kind (CardinalKind  kind,
                     guint        *n_strategies)
{
  switch (kind)
    {
    case CARDINAL_KIND_ONE_TO_ONE:
      *n_strategies = G_N_ELEMENTS (one_to_one_strategies);
      return one_to_one_strategies;
    case CARDINAL_KIND_ONE_TO_MANY:
    case CARDINAL_KIND_MANY_TO_ONE:
      *n_strategies = G_N_ELEMENTS (one_to_many_strategies);
      return one_to_many_strategies;
    case CARDINAL_KIND_MANY_TO_MANY:
    default:
      *n_strategies = G_N_ELEMENTS (many_to_many_strategies);
      return many_to_many_strategies;
    }
}

guint
cardinal_kind_strategies (CardinalKind     kind,
                          CardinalStrategy out[CARDINAL_N_STRATEGIES])
{
  guint n;
  const CardinalStrategy *strategies = strategies_for_kind (kind, &n);

  for (guint i = 0; i < n; i++)
    out[i] = strategies[i];
  return n;
}

gboolean
cardinal_strategy_fits_kind (CardinalStrategy strategy,
                             CardinalKind     kind)
{
  guint n;
  const CardinalStrategy *strategies = strategies_for_kind (kind, &n);

  for (guint i = 0; i < n; i++)
    if (strategies[i] == strategy)
      return TRUE;
  return FALSE;
}

CardinalStrategy
cardinal_kind_default_strategy (CardinalKind kind)
{
  guint n;

  return strategies_for_kind (kind, &n)[0];
}

gboolean
cardinal_strategy_has_link_table (CardinalStrategy strategy)
{
  return strategy == CARDINAL_STRATEGY_LINK_TABLE ||
         strategy == CARDINAL_STRATEGY_LINK_TABLE_PK;
}

CardinalAttribute *
cardinal_attribute_new (const char *name,
                        const char *type)
{
  CardinalAttribute *attribute = g_new0 (CardinalAttribute, 1);

  attribute->name = g_strdup (name ? name : "");
  attribute->type = g_strdup (type ? type : "");
  attribute->nullable = TRUE;
  attribute->comment = g_strdup ("");
  return attribute;
}

CardinalAttribute *
cardinal_attribute_copy (const CardinalAttribute *attribute)
{
  CardinalAttribute *copy;

  g_return_val_if_fail (attribute != NULL, NULL);

  copy = g_memdup2 (attribute, sizeof *attribute);
  copy->name = g_strdup (attribute->name);
  copy->type = g_strdup (attribute->type);
  copy->default_value = g_strdup (attribute->default_value);
  copy->comment = g_strdup (attribute->comment);
  copy->sequence = attribute->sequence != NULL ? cardinal_sequence_copy (attribute->sequence) : NULL;
  copy->sql_type = g_strdup (attribute->sql_type);
  copy->collation = g_strdup (attribute->collation);
  copy->generated = g_strdup (attribute->generated);
  copy->id = g_strdup (attribute->id);
  return copy;
}

void
cardinal_attribute_free (CardinalAttribute *attribute)
{
  if (attribute == NULL)
    return;

  g_free (attribute->name);
  g_free (attribute->type);
  g_free (attribute->default_value);
  g_free (attribute->comment);
  cardinal_sequence_free (attribute->sequence);
  g_free (attribute->sql_type);
  g_free (attribute->collation);
  g_free (attribute->generated);
  g_free (attribute->id);
  g_free (attribute);
}

static GPtrArray *
attribute_array_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_attribute_free);
}

static GPtrArray *
attribute_array_copy (GPtrArray *attributes)
{
  GPtrArray *copy = g_ptr_array_new_full (attributes->len, (GDestroyNotify) cardinal_attribute_free);

  for (guint i = 0; i < attributes->len; i++)
    g_ptr_array_add (copy, cardinal_attribute_copy (g_ptr_array_index (attributes, i)));
  return copy;
}

CardinalEntity *
cardinal_entity_new (const char *name)
{
  CardinalEntity *entity = g_new0 (CardinalEntity, 1);

  entity->name = g_strdup (name ? name : "");
  entity->comment = g_strdup ("");
  entity->attributes = attribute_array_new ();
  entity->checks = cardinal_check_array_new ();
  entity->uniques = cardinal_unique_array_new ();
  entity->indexes = cardinal_index_array_new ();
  entity->serial = next_serial ();
  return entity;
}

CardinalEntity *
cardinal_entity_copy (const CardinalEntity *entity)
{
  CardinalEntity *copy;

  g_return_val_if_fail (entity != NULL, NULL);

  copy = g_new0 (CardinalEntity, 1);
  copy->name = g_strdup (entity->name);
  copy->comment = g_strdup (entity->comment);
  copy->x = entity->x;
  copy->y = entity->y;
  copy->color = g_strdup (entity->color);
  copy->attributes = attribute_array_copy (entity->attributes);
  copy->checks = cardinal_check_array_copy (entity->checks);
  copy->serial = next_serial ();
  copy->table = g_strdup (entity->table);
  copy->schema = g_strdup (entity->schema);
  copy->uniques = cardinal_unique_array_copy (entity->uniques);
  copy->indexes = cardinal_index_array_copy (entity->indexes);
  copy->primary_key_name = g_strdup (entity->primary_key_name);
  copy->primary_key_order = entity->primary_key_order != NULL ? g_strdupv (entity->primary_key_order) : NULL;
  copy->without_rowid = entity->without_rowid;
  copy->strict = entity->strict;
  copy->unlogged = entity->unlogged;
  copy->partition_by = g_strdup (entity->partition_by);
  copy->id = g_strdup (entity->id);
  return copy;
}

void
cardinal_entity_free (CardinalEntity *entity)
{
  if (entity == NULL)
    return;

  g_free (entity->name);
  g_free (entity->comment);
  g_free (entity->color);
  g_ptr_array_unref (entity->attributes);
  g_ptr_array_unref (entity->checks);
  g_free (entity->table);
  g_free (entity->schema);
  g_ptr_array_unref (entity->uniques);
  g_ptr_array_unref (entity->indexes);
  g_free (entity->primary_key_name);
  g_strfreev (entity->primary_key_order);
  g_free (entity->partition_by);
  g_free (entity->id);
  g_free (entity);
}

CardinalAttribute *
cardinal_entity_find_attribute (const CardinalEntity *entity,
                                const char           *name)
{
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return cardinal_find_named (entity->attributes, G_STRUCT_OFFSET (CardinalAttribute, name), name);
}

GStrv
cardinal_entity_key_names (const CardinalEntity *entity)
{
  GStrvBuilder *builder;
  GStrv key;

  g_return_val_if_fail (entity != NULL, NULL);

  if (entity->primary_key_order != NULL)
    return g_strdupv (entity->primary_key_order);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < entity->attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        g_strv_builder_add (builder, attribute->name);
    }
  key = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return key;
}

GPtrArray *
cardinal_entity_primary_key (const CardinalEntity *entity)
{
  GPtrArray *key;

  g_return_val_if_fail (entity != NULL, NULL);

  key = g_ptr_array_new ();
  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        g_ptr_array_add (key, attribute);
    }
  return key;
}

CardinalAttribute *
cardinal_entity_add_attribute (CardinalEntity    *entity,
                               CardinalAttribute *attribute)
{
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);

  g_ptr_array_add (entity->attributes, attribute);
  return attribute;
}

CardinalRelationship *
cardinal_relationship_new (const char       *name,
                           const char       *entity1,
                           const char       *entity2,
                           CardinalKind      kind,
                           CardinalStrategy  strategy)
{
  CardinalRelationship *relationship = g_new0 (CardinalRelationship, 1);

  relationship->name = g_strdup (name ? name : "");
  relationship->entity1 = g_strdup (entity1 ? entity1 : "");
  relationship->entity2 = g_strdup (entity2 ? entity2 : "");
  relationship->kind = kind;
  relationship->strategy = strategy;
  relationship->on_delete = CARDINAL_ON_DELETE_NO_ACTION;
  relationship->on_update = CARDINAL_ON_DELETE_NO_ACTION;
  relationship->entity1_on_delete = CARDINAL_ACTION_INHERIT;
  relationship->entity2_on_delete = CARDINAL_ACTION_INHERIT;
  relationship->entity1_on_update = CARDINAL_ACTION_INHERIT;
  relationship->entity2_on_update = CARDINAL_ACTION_INHERIT;
  relationship->index = TRUE;
  relationship->link_attributes = attribute_array_new ();
  relationship->serial = next_serial ();
  return relationship;
}

CardinalRelationship *
cardinal_relationship_copy (const CardinalRelationship *relationship)
{
  CardinalRelationship *copy;

  g_return_val_if_fail (relationship != NULL, NULL);

  copy = g_memdup2 (relationship, sizeof *relationship);
  copy->name = g_strdup (relationship->name);
  copy->entity1 = g_strdup (relationship->entity1);
  copy->entity2 = g_strdup (relationship->entity2);
  copy->entity1_role = g_strdup (relationship->entity1_role);
  copy->entity2_role = g_strdup (relationship->entity2_role);
  copy->link_table = g_strdup (relationship->link_table);
  copy->link_attributes = attribute_array_copy (relationship->link_attributes);
  copy->serial = next_serial ();
  copy->entity1_columns = relationship->entity1_columns != NULL ? g_strdupv (relationship->entity1_columns) : NULL;
  copy->entity2_columns = relationship->entity2_columns != NULL ? g_strdupv (relationship->entity2_columns) : NULL;
  copy->entity1_key = relationship->entity1_key != NULL ? g_strdupv (relationship->entity1_key) : NULL;
  copy->entity2_key = relationship->entity2_key != NULL ? g_strdupv (relationship->entity2_key) : NULL;
  copy->entity1_fk_name = g_strdup (relationship->entity1_fk_name);
  copy->entity2_fk_name = g_strdup (relationship->entity2_fk_name);
  copy->link = relationship->link != NULL ? cardinal_entity_copy (relationship->link) : NULL;
  copy->id = g_strdup (relationship->id);
  return copy;
}

void
cardinal_relationship_free (CardinalRelationship *relationship)
{
  if (relationship == NULL)
    return;

  g_free (relationship->name);
  g_free (relationship->entity1);
  g_free (relationship->entity2);
  g_free (relationship->entity1_role);
  g_free (relationship->entity2_role);
  g_free (relationship->link_table);
  g_ptr_array_unref (relationship->link_attributes);
  g_strfreev (relationship->entity1_columns);
  g_strfreev (relationship->entity2_columns);
  g_strfreev (relationship->entity1_key);
  g_strfreev (relationship->entity2_key);
  g_free (relationship->entity1_fk_name);
  g_free (relationship->entity2_fk_name);
  cardinal_entity_free (relationship->link);
  g_free (relationship->id);
  g_free (relationship);
}

const char *
cardinal_relationship_entity1_role (const CardinalRelationship *relationship)
{
  g_return_val_if_fail (relationship != NULL, NULL);

  if (relationship->entity1_role != NULL && relationship->entity1_role[0] != '\0')
    return relationship->entity1_role;
  return relationship->entity1;
}

const char *
cardinal_relationship_entity2_role (const CardinalRelationship *relationship)
{
  g_return_val_if_fail (relationship != NULL, NULL);

  if (relationship->entity2_role != NULL && relationship->entity2_role[0] != '\0')
    return relationship->entity2_role;
  return relationship->entity2;
}

char *
cardinal_relationship_link_table_name (const CardinalRelationship *relationship)
{
  g_return_val_if_fail (relationship != NULL, NULL);

  if (relationship->link_table != NULL && relationship->link_table[0] != '\0')
    return g_strdup (relationship->link_table);
  return g_strconcat (relationship->entity1, "_", relationship->entity2, NULL);
}

CardinalOnDelete
cardinal_relationship_on_delete_for (const CardinalRelationship *relationship,
                                     guint                       side)
{
  int action;

  g_return_val_if_fail (relationship != NULL, CARDINAL_ON_DELETE_NO_ACTION);

  action = side == 1 ? relationship->entity1_on_delete : relationship->entity2_on_delete;
  return action == CARDINAL_ACTION_INHERIT ? relationship->on_delete : (CardinalOnDelete) action;
}

CardinalOnUpdate
cardinal_relationship_on_update_for (const CardinalRelationship *relationship,
                                     guint                       side)
{
  int action;

  g_return_val_if_fail (relationship != NULL, CARDINAL_ON_DELETE_NO_ACTION);

  action = side == 1 ? relationship->entity1_on_update : relationship->entity2_on_update;
  return action == CARDINAL_ACTION_INHERIT ? relationship->on_update : (CardinalOnUpdate) action;
}

const char *
cardinal_entity_table_name (const CardinalEntity *entity)
{
  g_return_val_if_fail (entity != NULL, NULL);

  if (entity->table != NULL && entity->table[0] != '\0')
    return entity->table;
  return entity->name;
}

CardinalModel *
cardinal_model_new (const char *name)
{
  CardinalModel *model = g_new0 (CardinalModel, 1);

  model->name = g_strdup (name ? name : "");
  model->entities = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_entity_free);
  model->relationships = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_relationship_free);
  model->schemas = g_ptr_array_new_with_free_func (g_free);
  model->extensions = cardinal_extension_array_new ();
  model->types = cardinal_user_type_array_new ();
  model->sequences = cardinal_sequence_array_new ();
  model->objects = cardinal_sql_object_array_new ();
  model->notes = cardinal_note_array_new ();
  model->groups = cardinal_group_array_new ();
  return model;
}

CardinalModel *
cardinal_model_copy (const CardinalModel *model)
{
  CardinalModel *copy;

  g_return_val_if_fail (model != NULL, NULL);

  copy = cardinal_model_new (model->name);
  for (guint i = 0; i < model->entities->len; i++)
    g_ptr_array_add (copy->entities, cardinal_entity_copy (g_ptr_array_index (model->entities, i)));
  for (guint i = 0; i < model->relationships->len; i++)
    g_ptr_array_add (copy->relationships,
                     cardinal_relationship_copy (g_ptr_array_index (model->relationships, i)));
  copy->has_dialect = model->has_dialect;
  copy->dialect = model->dialect;
  g_ptr_array_unref (copy->schemas);
  copy->schemas = cardinal_string_array_copy (model->schemas);
  g_ptr_array_unref (copy->extensions);
  copy->extensions = cardinal_extension_array_copy (model->extensions);
  g_ptr_array_unref (copy->types);
  copy->types = cardinal_user_type_array_copy (model->types);
  g_ptr_array_unref (copy->sequences);
  copy->sequences = cardinal_sequence_array_copy (model->sequences);
  g_ptr_array_unref (copy->objects);
  copy->objects = cardinal_sql_object_array_copy (model->objects);
  g_ptr_array_unref (copy->notes);
  copy->notes = cardinal_note_array_copy (model->notes);
  g_ptr_array_unref (copy->groups);
  copy->groups = cardinal_group_array_copy (model->groups);
  return copy;
}

void
cardinal_model_free (CardinalModel *model)
{
  if (model == NULL)
    return;

  g_free (model->name);
  g_ptr_array_unref (model->entities);
  g_ptr_array_unref (model->relationships);
  g_ptr_array_unref (model->schemas);
  g_ptr_array_unref (model->extensions);
  g_ptr_array_unref (model->types);
  g_ptr_array_unref (model->sequences);
  g_ptr_array_unref (model->objects);
  g_ptr_array_unref (model->notes);
  g_ptr_array_unref (model->groups);
  g_free (model);
}

CardinalEntity *
cardinal_model_find_entity (const CardinalModel *model,
                            const char          *name)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return cardinal_find_named (model->entities, G_STRUCT_OFFSET (CardinalEntity, name), name);
}

CardinalRelationship *
cardinal_model_find_relationship (const CardinalModel *model,
                                  const char          *name)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return cardinal_find_named (model->relationships, G_STRUCT_OFFSET (CardinalRelationship, name), name);
}

CardinalEntity *
cardinal_model_add_entity (CardinalModel  *model,
                           CardinalEntity *entity)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  g_ptr_array_add (model->entities, entity);
  return entity;
}

CardinalRelationship *
cardinal_model_add_relationship (CardinalModel        *model,
                                 CardinalRelationship *relationship)
{
  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (relationship != NULL, NULL);

  g_ptr_array_add (model->relationships, relationship);
  return relationship;
}

/* One place for the rule, so that a dialog never allows what the history refuses. */
static gboolean
names_clash (const char *candidate,
             const char *name)
{
  return candidate != NULL && cardinal_identifier_fold_equal (candidate, name);
}

static gboolean
table_name_taken (const CardinalModel *model,
                  const char          *name,
                  gconstpointer        except)
{
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (entity != except &&
          (names_clash (entity->name, name) || names_clash (cardinal_entity_table_name (entity), name)))
        return TRUE;
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      g_autofree char *link = NULL;

      if (relationship == except)
        continue;
      /* An explicit link table is kept whatever the strategy; the default
       * one is a table only with a strategy that makes one. */
      if (cardinal_strategy_has_link_table (relationship->strategy))
        link = cardinal_relationship_link_table_name (relationship);
      else if (relationship->link_table != NULL && relationship->link_table[0] != '\0')
        link = g_strdup (relationship->link_table);
      if (names_clash (link, name))
        return TRUE;
    }
  return FALSE;
}

gboolean
cardinal_model_name_taken (const CardinalModel *model,
                           CardinalNameKind     kind,
                           const char          *name,
                           gconstpointer        except)
{
  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  switch (kind)
    {
    case CARDINAL_NAME_ENTITY:
      for (guint i = 0; i < model->entities->len; i++)
        {
          const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

          if (entity != except && names_clash (entity->name, name))
            return TRUE;
        }
      return FALSE;
    case CARDINAL_NAME_RELATIONSHIP:
      for (guint i = 0; i < model->relationships->len; i++)
        {
          const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

          if (relationship != except && names_clash (relationship->name, name))
            return TRUE;
        }
      return FALSE;
    case CARDINAL_NAME_TABLE:
      return table_name_taken (model, name, except);
    default:
      g_return_val_if_reached (FALSE);
    }
}

const char *
cardinal_attributes_name_taken (GPtrArray               *attributes,
                                const char              *name,
                                const CardinalAttribute *except)
{
  g_return_val_if_fail (attributes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      if (attribute != except && names_clash (attribute->name, name))
        return attribute->name;
    }
  return NULL;
}

char *
cardinal_model_unique_relationship_name (const CardinalModel *model,
                                         const char          *base)
{
  char *candidate;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  candidate = g_strdup (base);
  for (guint n = 2; cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, candidate, NULL); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", base, n);
    }
  return candidate;
}

/* Stable ids ------------------------------------------------------------- */

/* RFC 4648's base32 alphabet in lower case: no 0/1/8/9 to mistake for letters. */
static const char id_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

static char *
id_from_bytes (const guint8 *bytes)
{
  char *id = g_new (char, CARDINAL_ID_LENGTH + 1);
  guint64 bits = 0;

  /* 40 bits, five per character. */
  for (guint i = 0; i < 5; i++)
    bits = (bits << 8) | bytes[i];
  for (guint i = 0; i < CARDINAL_ID_LENGTH; i++)
    id[i] = id_alphabet[(bits >> (5 * (CARDINAL_ID_LENGTH - 1 - i))) & 31];
  id[CARDINAL_ID_LENGTH] = '\0';
  return id;
}

static guint64
fnv1a (guint64     hash,
       const char *text,
       gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      hash ^= (guchar) text[i];
      hash *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return hash;
}

/* 64-bit FNV-1a over "kind NUL owner NUL name" with a final mix, not a
 * cryptographic hash: a document derives an id for every object on each
 * load and save, and all it needs is that different names rarely meet. */
char *
cardinal_id_derive (char        kind,
                    const char *owner,
                    const char *name)
{
  static const char nul = '\0';
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  guint8 bytes[5];

  hash = fnv1a (hash, &kind, 1);
  hash = fnv1a (hash, &nul, 1);
  if (owner != NULL)
    hash = fnv1a (hash, owner, strlen (owner));
  /* NUL cannot be part of a name, so "a/b" + "c" and "a" + "b/c" differ. */
  hash = fnv1a (hash, &nul, 1);
  if (name != NULL)
    hash = fnv1a (hash, name, strlen (name));
  /* splitmix64's finalizer spreads every input bit over the 40 used. */
  hash ^= hash >> 30;
  hash *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  hash ^= hash >> 27;
  hash *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  hash ^= hash >> 31;
  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = (guint8) (hash >> (8 * i));
  return id_from_bytes (bytes);
}

char *
cardinal_id_random (void)
{
  guint8 bytes[5];

  for (guint i = 0; i < G_N_ELEMENTS (bytes); i++)
    bytes[i] = (guint8) g_random_int_range (0, 256);
  return id_from_bytes (bytes);
}

gboolean
cardinal_id_is_valid (const char *id)
{
  gsize length = id != NULL ? strlen (id) : 0;

  if (length == 0 || length > CARDINAL_ID_MAX_LENGTH)
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
claim_id (GHashTable  *taken,
          char       **id,
          char         kind,
          const char  *owner,
          const char  *name)
{
  if (*id != NULL)
    return;
  *id = cardinal_id_derive (kind, owner, name);
  while (g_hash_table_contains (taken, *id))
    {
      g_free (*id);
      *id = cardinal_id_random ();
    }
  g_hash_table_add (taken, *id);
}

static void
collect_attribute_ids (GHashTable *taken,
                       GPtrArray  *attributes)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      if (attribute->id != NULL)
        g_hash_table_add (taken, attribute->id);
    }
}

static void
assign_attribute_ids (GHashTable *taken,
                      GPtrArray  *attributes,
                      const char *owner)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      claim_id (taken, &attribute->id, 'a', owner, attribute->name);
    }
}

void
cardinal_model_assign_ids (CardinalModel *model)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_if_fail (model != NULL);

  /* Ids already set first, so that a derived one never takes an explicit one's. */
  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (entity->id != NULL)
        g_hash_table_add (taken, entity->id);
      collect_attribute_ids (taken, entity->attributes);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (relationship->id != NULL)
        g_hash_table_add (taken, relationship->id);
      collect_attribute_ids (taken, relationship->link_attributes);
    }

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      claim_id (taken, &entity->id, 'e', NULL, entity->name);
      assign_attribute_ids (taken, entity->attributes, entity->name);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      claim_id (taken, &relationship->id, 'r', NULL, relationship->name);
      assign_attribute_ids (taken, relationship->link_attributes, relationship->name);
    }
}

CardinalEntity *
cardinal_model_find_entity_by_id (const CardinalModel *model,
                                  const char          *id)
{
  g_return_val_if_fail (model != NULL, NULL);

  for (guint i = 0; id != NULL && i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (g_strcmp0 (entity->id, id) == 0)
        return entity;
    }
  return NULL;
}

CardinalRelationship *
cardinal_model_find_relationship_by_id (const CardinalModel *model,
                                        const char          *id)
{
  g_return_val_if_fail (model != NULL, NULL);

  for (guint i = 0; id != NULL && i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (g_strcmp0 (relationship->id, id) == 0)
        return relationship;
    }
  return NULL;
}

/* Format 3: groups ---------------------------------------------------------- */

CardinalGroup *
cardinal_model_find_group (const CardinalModel *model,
                           const char          *name)
{
  g_return_val_if_fail (model != NULL, NULL);

  return cardinal_find_named (model->groups, G_STRUCT_OFFSET (CardinalGroup, name), name);
}

CardinalGroup *
cardinal_model_group_of (const CardinalModel *model,
                         const char          *entity)
{
  g_return_val_if_fail (model != NULL, NULL);

  for (guint i = 0; entity != NULL && i < model->groups->len; i++)
    {
      CardinalGroup *group = g_ptr_array_index (model->groups, i);

      if (cardinal_group_has_member (group, entity))
        return group;
    }
  return NULL;
}
