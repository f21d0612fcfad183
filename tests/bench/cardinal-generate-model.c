/* cardinal-generate-model.c: builds large seeded models and their DBML twin for the benchmarks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-generate-model.h"

#include <string.h>

#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-types.h"

/* What an entity is for in the generated model; it decides its key and who may point at it. */
typedef enum
{
  CARDINAL_GENERATE_ROLE_PLAIN,
  CARDINAL_GENERATE_ROLE_HUB,
  CARDINAL_GENERATE_ROLE_SHARED_PK,   /* dependent side of a shared-pk: key without autoincrement */
  CARDINAL_GENERATE_ROLE_MERGED,      /* folded into its parent: in no other relationship */
} CardinalGenerateRole;

typedef struct
{
  const char *name;
  const char *type;
  const char *default_value;
  gboolean    may_be_unique;
} CardinalGenerateColumn;

static const char * const cardinal_generate_words[] = {
  "customer", "product", "invoice", "account", "shipment", "supplier", "ticket",
  "project", "task", "payment", "review", "region", "store", "device", "sensor",
  "reading", "course", "lesson", "writer", "article", "remark", "vehicle", "driver",
  "route", "warehouse", "contract", "policy", "claim", "patient", "visit",
};

/* Every catalogue type appears, so type spelling is part of what is measured. */
static const CardinalGenerateColumn cardinal_generate_columns[] = {
  { "label", "varchar(120)", NULL, FALSE },
  { "title", "text", NULL, FALSE },
  { "note", "text", NULL, FALSE },
  { "amount", "numeric(12,2)", NULL, FALSE },
  { "quantity", "integer", "0", FALSE },
  { "total", "bigint", "0", FALSE },
  { "priority", "smallint", "0", FALSE },
  { "active", "boolean", NULL, FALSE },
  { "ratio", "real", NULL, FALSE },
  { "score", "double", NULL, FALSE },
  { "born_on", "date", NULL, FALSE },
  { "opens_at", "time", NULL, FALSE },
  { "seen_at", "timestamp", "CURRENT_TIMESTAMP", FALSE },
  { "created_at", "timestamptz", "CURRENT_TIMESTAMP", FALSE },
  { "token", "uuid", NULL, TRUE },
  { "payload", "json", NULL, FALSE },
  { "content_bytes", "bytes", NULL, FALSE },
  { "email", "varchar(255)", NULL, TRUE },
  { "code", "varchar(32)", NULL, TRUE },
  { "weight", "numeric(8,3)", NULL, FALSE },
};

static const char * const cardinal_generate_roles[] = {
  "owner", "author", "creator", "source", "target", "sponsor",
};

#define CARDINAL_GENERATE_GRID_X 260.0
#define CARDINAL_GENERATE_GRID_Y 220.0

static CardinalEntity *
cardinal_generate_entity (GRand                *rand,
                          const char           *name,
                          CardinalGenerateRole  role,
                          guint                 index)
{
  g_autoptr(CardinalEntity) entity = cardinal_entity_new (name);
  CardinalAttribute *id;
  guint order[G_N_ELEMENTS (cardinal_generate_columns)];
  guint n_extra, i;

  id = cardinal_entity_add_attribute (entity, cardinal_attribute_new ("id", "integer"));
  id->primary_key = TRUE;
  id->nullable = FALSE;
  id->autoincrement = role != CARDINAL_GENERATE_ROLE_SHARED_PK;

  if (g_rand_int_range (rand, 0, 10) == 0)
    {
      g_free (entity->comment);
      entity->comment = g_strdup_printf ("Generated entity number %u", index);
    }

  /* A partial shuffle picks distinct attribute names. */
  for (i = 0; i < G_N_ELEMENTS (order); i++)
    order[i] = i;
  n_extra = (guint) g_rand_int_range (rand, 2, 8);
  for (i = 0; i < n_extra; i++)
    {
      guint pick = (guint) g_rand_int_range (rand, (gint32) i, (gint32) G_N_ELEMENTS (order));
      guint swap = order[i];
      const CardinalGenerateColumn *column;
      CardinalAttribute *attribute;
      g_autofree char *attribute_name = NULL;

      order[i] = order[pick];
      order[pick] = swap;
      column = &cardinal_generate_columns[order[i]];

      /* Folded attributes land in the parent's table, next to other folded ones. */
      if (role == CARDINAL_GENERATE_ROLE_MERGED)
        attribute_name = g_strdup_printf ("%s_%u", column->name, index);
      else
        attribute_name = g_strdup (column->name);

      attribute = cardinal_entity_add_attribute (entity,
                                                 cardinal_attribute_new (attribute_name, column->type));
      if (column->may_be_unique && g_rand_boolean (rand))
        attribute->unique = TRUE;
      else if (g_rand_int_range (rand, 0, 10) == 0
               && strcmp (column->type, "json") != 0 && strcmp (column->type, "bytes") != 0)
        attribute->index = TRUE;
      if (g_rand_int_range (rand, 0, 10) < 3)
        attribute->nullable = FALSE;
      if (column->default_value != NULL)
        attribute->default_value = g_strdup (column->default_value);
      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          g_free (attribute->comment);
          attribute->comment = g_strdup_printf ("The %s", column->name);
        }
    }

  return g_steal_pointer (&entity);
}

static CardinalRelationship *
cardinal_generate_relate (CardinalModel    *model,
                          const char       *entity1,
                          const char       *entity2,
                          CardinalKind      kind,
                          CardinalStrategy  strategy)
{
  g_autofree char *name = g_strdup_printf ("%s_%s", entity1, entity2);

  return cardinal_model_add_relationship (model,
                                          cardinal_relationship_new (name, entity1, entity2,
                                                                     kind, strategy));
}

static const char *
cardinal_generate_pick_role (GRand *rand)
{
  if (g_rand_int_range (rand, 0, 100) >= 15)
    return NULL;
  return cardinal_generate_roles[g_rand_int_range (rand, 0, G_N_ELEMENTS (cardinal_generate_roles))];
}

/* A mandatory FK must not be SET NULL; otherwise any action is fair game. */
static CardinalOnDelete
cardinal_generate_on_delete (GRand    *rand,
                             gboolean  mandatory)
{
  static const CardinalOnDelete mandatory_actions[] = {
    CARDINAL_ON_DELETE_NO_ACTION, CARDINAL_ON_DELETE_RESTRICT, CARDINAL_ON_DELETE_CASCADE,
  };
  static const CardinalOnDelete optional_actions[] = {
    CARDINAL_ON_DELETE_NO_ACTION, CARDINAL_ON_DELETE_SET_NULL, CARDINAL_ON_DELETE_CASCADE,
  };

  if (mandatory)
    return mandatory_actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (mandatory_actions))];
  return optional_actions[g_rand_int_range (rand, 0, G_N_ELEMENTS (optional_actions))];
}

static void
cardinal_generate_link_attributes (GRand                *rand,
                                   CardinalRelationship *relationship)
{
  CardinalAttribute *attribute;

  attribute = cardinal_attribute_new ("linked_at", "timestamptz");
  attribute->nullable = FALSE;
  attribute->default_value = g_strdup ("CURRENT_TIMESTAMP");
  g_ptr_array_add (relationship->link_attributes, attribute);

  if (g_rand_boolean (rand))
    g_ptr_array_add (relationship->link_attributes, cardinal_attribute_new ("grade", "varchar(2)"));
  if (g_rand_boolean (rand))
    g_ptr_array_add (relationship->link_attributes, cardinal_attribute_new ("weight", "numeric(8,3)"));
}

/* Relates entity @child to an earlier @parent; @dice (0–91) picks the strategy
 * when the child's shape does not already decide it. */
static void
cardinal_generate_main_relationship (CardinalModel        *model,
                                     GRand                *rand,
                                     const char           *parent,
                                     const char           *child,
                                     CardinalGenerateRole  child_role,
                                     guint                 dice)
{
  CardinalRelationship *r;

  if (child_role == CARDINAL_GENERATE_ROLE_SHARED_PK)
    {
      r = cardinal_generate_relate (model, parent, child,
                                    CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_SHARED_PK);
      r->on_delete = CARDINAL_ON_DELETE_CASCADE;
    }
  else if (child_role == CARDINAL_GENERATE_ROLE_MERGED)
    {
      cardinal_generate_relate (model, parent, child,
                                CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_MERGED);
    }
  else if (dice < 30)
    {
      /* one-to-many: the FK is on entity2 (the child). */
      r = cardinal_generate_relate (model, parent, child,
                                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
      r->entity1_role = g_strdup (cardinal_generate_pick_role (rand));
      r->entity2_needs_entity1 = g_rand_int_range (rand, 0, 10) < 3;
      r->on_delete = cardinal_generate_on_delete (rand, r->entity2_needs_entity1);
    }
  else if (dice < 50)
    {
      /* many-to-one: the FK is on entity1, so the child comes first. */
      r = cardinal_generate_relate (model, child, parent,
                                    CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK);
      r->entity2_role = g_strdup (cardinal_generate_pick_role (rand));
      r->entity1_needs_entity2 = g_rand_int_range (rand, 0, 10) < 3;
      r->on_delete = cardinal_generate_on_delete (rand, r->entity1_needs_entity2);
    }
  else if (dice < 60)
    {
      r = cardinal_generate_relate (model, parent, child,
                                    CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_UNIQUE_FK);
      r->entity1_role = g_strdup (cardinal_generate_pick_role (rand));
      r->entity2_needs_entity1 = g_rand_boolean (rand);
      r->on_delete = cardinal_generate_on_delete (rand, r->entity2_needs_entity1);
    }
  else if (dice < 70)
    {
      r = cardinal_generate_relate (model, parent, child,
                                    CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
      r->on_delete = CARDINAL_ON_DELETE_CASCADE;
    }
  else if (dice < 80)
    {
      r = cardinal_generate_relate (model, parent, child,
                                    CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE_PK);
      r->on_delete = CARDINAL_ON_DELETE_CASCADE;
      cardinal_generate_link_attributes (rand, r);
    }
  else
    {
      r = cardinal_generate_relate (model, parent, child,
                                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
      /* Link-table keys are NOT NULL, so SET NULL is never possible there. */
      r->on_delete = cardinal_generate_on_delete (rand, TRUE);
    }
}

static void
cardinal_generate_self_relationship (CardinalModel *model,
                                     const char    *entity,
                                     gboolean       many_to_many)
{
  CardinalRelationship *r;
  g_autofree char *name = NULL;

  if (many_to_many)
    {
      name = g_strdup_printf ("%s_followers", entity);
      r = cardinal_model_add_relationship (model,
                                           cardinal_relationship_new (name, entity, entity,
                                                                      CARDINAL_KIND_MANY_TO_MANY,
                                                                      CARDINAL_STRATEGY_LINK_TABLE));
      r->entity1_role = g_strdup ("follower");
      r->entity2_role = g_strdup ("followed");
      r->link_table = g_strdup_printf ("%s_follow", entity);
      r->on_delete = CARDINAL_ON_DELETE_CASCADE;
    }
  else
    {
      name = g_strdup_printf ("%s_reports", entity);
      r = cardinal_model_add_relationship (model,
                                           cardinal_relationship_new (name, entity, entity,
                                                                      CARDINAL_KIND_ONE_TO_MANY,
                                                                      CARDINAL_STRATEGY_FK));
      r->entity1_role = g_strdup ("manager");
      r->entity2_role = g_strdup ("report");
      r->on_delete = CARDINAL_ON_DELETE_SET_NULL;
    }
}

CardinalModel *
cardinal_generate_model (guint    n_entities,
                         guint32  seed,
                         gboolean hub)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GArray) parents = NULL;    /* indexes of entities a relationship may point at */
  g_autoptr(GArray) roles = NULL;
  guint columns, first, i, n_self = 0;

  g_return_val_if_fail (n_entities >= 1, NULL);

  model = cardinal_model_new ("generated");
  rand = g_rand_new_with_seed (seed);
  parents = g_array_new (FALSE, FALSE, sizeof (guint));
  roles = g_array_sized_new (FALSE, FALSE, sizeof (CardinalGenerateRole), n_entities);
  columns = 1;
  while (columns * columns < n_entities)
    columns++;

  first = 0;
  if (hub)
    {
      CardinalEntity *entity = cardinal_generate_entity (rand, "hub", CARDINAL_GENERATE_ROLE_HUB, 0);
      CardinalGenerateRole role = CARDINAL_GENERATE_ROLE_HUB;

      cardinal_model_add_entity (model, entity);
      g_array_append_val (roles, role);
      first = 1;
    }

  for (i = first; i < n_entities; i++)
    {
      const char *word = cardinal_generate_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (cardinal_generate_words))];
      g_autofree char *name = g_strdup_printf ("%s_%u", word, i);
      CardinalGenerateRole role = CARDINAL_GENERATE_ROLE_PLAIN;
      guint dice = (guint) g_rand_int_range (rand, 0, 100);
      gboolean has_parent = parents->len > 0;
      CardinalEntity *entity;

      /* The dice decide the strategy of this entity's own relationship, and
       * two strategies need the entity shaped for them. */
      if (has_parent && dice >= 92 && dice < 96)
        role = CARDINAL_GENERATE_ROLE_SHARED_PK;
      else if (has_parent && dice >= 96)
        role = CARDINAL_GENERATE_ROLE_MERGED;

      entity = cardinal_model_add_entity (model, cardinal_generate_entity (rand, name, role, i));
      g_array_append_val (roles, role);

      if (has_parent)
        {
          guint parent = g_array_index (parents, guint,
                                        g_rand_int_range (rand, 0, (gint32) parents->len));
          const CardinalEntity *parent_entity = g_ptr_array_index (model->entities, parent);

          cardinal_generate_main_relationship (model, rand, parent_entity->name, entity->name,
                                               role, dice);
        }

      if (role != CARDINAL_GENERATE_ROLE_MERGED)
        {
          if (g_rand_int_range (rand, 0, 100) < 3)
            cardinal_generate_self_relationship (model, entity->name, (n_self++ % 2) == 1);
          g_array_append_val (parents, i);
        }
    }

  if (hub)
    for (i = 1; i < n_entities; i++)
      {
        const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
        CardinalRelationship *r;

        if (g_array_index (roles, CardinalGenerateRole, i) == CARDINAL_GENERATE_ROLE_MERGED)
          continue;
        r = cardinal_generate_relate (model, entity->name, "hub",
                                      CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK);
        r->on_delete = CARDINAL_ON_DELETE_CASCADE;
      }

  for (i = 0; i < n_entities; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      entity->x = 40.0 + (i % columns) * CARDINAL_GENERATE_GRID_X;
      entity->y = 40.0 + (i / columns) * CARDINAL_GENERATE_GRID_Y;
    }

  return g_steal_pointer (&model);
}

/* DBML ------------------------------------------------------------------- */

static void
cardinal_generate_dbml_string (GString    *out,
                               const char *text)
{
  const char *p;

  g_string_append_c (out, '\'');
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static void
cardinal_generate_dbml_columns (GString            *out,
                                const char * const *columns)
{
  guint i;

  g_string_append_c (out, '(');
  for (i = 0; columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      cardinal_identifier_append_quoted (out, columns[i]);
    }
  g_string_append_c (out, ')');
}

static void
cardinal_generate_dbml_table (GString             *out,
                              const CardinalTable *table)
{
  guint n_pk = table->primary_key != NULL ? g_strv_length (table->primary_key) : 0;
  guint i;

  g_string_append (out, "Table ");
  cardinal_identifier_append_quoted (out, table->name);
  g_string_append (out, " {\n");

  for (i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *type = cardinal_type_to_sql (column->type, CARDINAL_DIALECT_POSTGRESQL);
      g_autoptr(GPtrArray) settings = g_ptr_array_new_with_free_func (g_free);
      gboolean pk = n_pk == 1 && g_strcmp0 (table->primary_key[0], column->name) == 0;
      guint k;

      g_string_append (out, "  ");
      cardinal_identifier_append_quoted (out, column->name);
      g_string_append_c (out, ' ');
      /* DBML reads a type with spaces only when quoted. */
      if (strchr (type, ' ') != NULL)
        cardinal_identifier_append_quoted (out, type);
      else
        g_string_append (out, type);

      if (pk)
        g_ptr_array_add (settings, g_strdup ("pk"));
      if (column->autoincrement)
        g_ptr_array_add (settings, g_strdup ("increment"));
      if (!column->nullable && !pk)
        g_ptr_array_add (settings, g_strdup ("not null"));
      if (column->default_value != NULL)
        g_ptr_array_add (settings, g_strdup_printf ("default: `%s`", column->default_value));
      if (column->comment != NULL && column->comment[0] != '\0')
        {
          GString *note = g_string_new ("note: ");

          cardinal_generate_dbml_string (note, column->comment);
          g_ptr_array_add (settings, g_string_free (note, FALSE));
        }

      if (settings->len > 0)
        {
          g_string_append (out, " [");
          for (k = 0; k < settings->len; k++)
            {
              if (k > 0)
                g_string_append (out, ", ");
              g_string_append (out, g_ptr_array_index (settings, k));
            }
          g_string_append_c (out, ']');
        }
      g_string_append_c (out, '\n');
    }

  if (table->comment != NULL && table->comment[0] != '\0')
    {
      g_string_append (out, "  Note: ");
      cardinal_generate_dbml_string (out, table->comment);
      g_string_append_c (out, '\n');
    }

  if (n_pk > 1 || table->uniques->len > 0 || table->indexes->len > 0)
    {
      g_string_append (out, "  indexes {\n");
      if (n_pk > 1)
        {
          g_string_append (out, "    ");
          cardinal_generate_dbml_columns (out, (const char * const *) table->primary_key);
          g_string_append (out, " [pk]\n");
        }
      for (i = 0; i < table->uniques->len; i++)
        {
          g_string_append (out, "    ");
          cardinal_generate_dbml_columns (out, (const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns);
          g_string_append (out, " [unique]\n");
        }
      for (i = 0; i < table->indexes->len; i++)
        {
          const CardinalIndex *index = g_ptr_array_index (table->indexes, i);

          g_string_append (out, "    ");
          cardinal_generate_dbml_columns (out, (const char * const *) index->columns);
          g_string_append (out, " [name: ");
          cardinal_generate_dbml_string (out, index->name);
          if (index->unique)
            g_string_append (out, ", unique");
          g_string_append (out, "]\n");
        }
      g_string_append (out, "  }\n");
    }
  g_string_append (out, "}\n\n");
}

static const char *
cardinal_generate_dbml_on_delete (CardinalOnDelete on_delete)
{
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_RESTRICT:
      return "restrict";
    case CARDINAL_ON_DELETE_CASCADE:
      return "cascade";
    case CARDINAL_ON_DELETE_SET_NULL:
      return "set null";
    case CARDINAL_ON_DELETE_NO_ACTION:
    default:
      return "no action";
    }
}

static void
cardinal_generate_dbml_endpoint (GString            *out,
                                 const char         *table,
                                 const char * const *columns)
{
  cardinal_identifier_append_quoted (out, table);
  g_string_append_c (out, '.');
  if (columns[0] != NULL && columns[1] == NULL)
    cardinal_identifier_append_quoted (out, columns[0]);
  else
    cardinal_generate_dbml_columns (out, columns);
}

char *
cardinal_generate_dbml (const CardinalModel *model)
{
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  guint i, k;

  g_return_val_if_fail (model != NULL, NULL);

  schema = cardinal_engineer (model);
  g_string_append_printf (out, "// %s: the same tables cardinal-cli ddl writes\n\n", model->name);

  for (i = 0; i < schema->tables->len; i++)
    cardinal_generate_dbml_table (out, g_ptr_array_index (schema->tables, i));

  for (i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      for (k = 0; k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);

          g_string_append (out, "Ref ");
          cardinal_identifier_append_quoted (out, fk->name);
          g_string_append (out, ": ");
          cardinal_generate_dbml_endpoint (out, table->name, (const char * const *) fk->columns);
          g_string_append (out, " > ");
          cardinal_generate_dbml_endpoint (out, fk->ref_table, (const char * const *) fk->ref_columns);
          g_string_append_printf (out, " [delete: %s]\n",
                                  cardinal_generate_dbml_on_delete (fk->on_delete));
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
