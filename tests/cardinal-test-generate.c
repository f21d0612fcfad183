/* cardinal-test-generate.c: seeded random models that validate, for the engineer → infer round trip. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-generate.h"

#include "cardinal-identifier.h"
#include "cardinal-validate.h"

static const char * const plain_entities[] = {
  "user", "post", "tag", "address", "course", "student", "team", "match", "invoice",
  "product", "category", "book", "city", "country", "member", "shipment", "note", "device",
};
static const char * const hostile_entities[] = {
  "order", "select", "café crème", "Mixed Case", "a \"quoted\" name", "semi;colon",
  "dash-name", "naïve entity", "x", "table", "group", "a_rather_long_entity_name_for_long_index",
  "with space", "ünïcödé",
};
static const char * const plain_attributes[] = {
  "name", "title", "price", "qty", "created_at", "body", "rating", "code_name", "active",
  "weight", "born_on", "starts", "payload", "picture", "ref_uuid", "score",
};
static const char * const hostile_attributes[] = {
  "from", "sp ace", "quo\"te", "naïve", "Upper", "percent%", "where", "a'apostrophe",
};
static const char * const plain_roles[] = {
  "author", "owner", "home_team", "away_team", "parent", "child", "buyer", "seller", "manager",
};
static const char * const hostile_roles[] = {
  "buyer person", "über", "the \"one\"", "Order",
};
static const char * const link_names[] = {
  "enrollment", "membership", "assignment", "booking",
};
static const char * const hostile_link_names[] = {
  "user \"in\" group", "link table", "order",
};
static const char * const comments[] = {
  "", "", "", "A plain comment", "It's quoted", "Ünïcode — dashes", "50% off; \"really\"",
};

typedef struct
{
  const char *type;
  const char *defaults[2];  /* NULL-terminated choices that survive both databases */
} TypeChoice;

static const TypeChoice types[] = {
  { "integer",      { "0", "7" } },
  { "bigint",       { "0", NULL } },
  { "smallint",     { "1", NULL } },
  { "text",         { "'none'", "'it''s'" } },
  { "varchar(40)",  { "'x'", NULL } },
  { "boolean",      { "false", "true" } },
  { "numeric(8,2)", { "0", NULL } },
  { "real",         { "1.5", NULL } },
  { "double",       { "0.25", NULL } },
  { "date",         { "CURRENT_DATE", NULL } },
  { "time",         { NULL, NULL } },
  { "timestamp",    { "CURRENT_TIMESTAMP", NULL } },
  { "timestamptz",  { "CURRENT_TIMESTAMP", NULL } },
  { "uuid",         { NULL, NULL } },
  { "json",         { "'{}'", NULL } },
  { "bytes",        { NULL, NULL } },
};

typedef struct
{
  GRand                             *rand;
  const CardinalTestGenerateOptions *options;
  CardinalModel                     *model;
} Generator;

static gboolean
chance (Generator *self,
        double     p)
{
  return g_rand_double (self->rand) < p;
}

static guint
pick (Generator *self,
      guint      n)
{
  return (guint) g_rand_int_range (self->rand, 0, (gint32) n);
}

/* A name from the pools (hostile ones mixed in when asked) that @taken does not hold, folded. */
static const char *
pick_name (Generator          *self,
           const char * const *plain,
           guint               n_plain,
           const char * const *hostile,
           guint               n_hostile,
           GHashTable         *taken)
{
  for (guint attempt = 0; attempt < 64; attempt++)
    {
      const char *name;

      if (self->options->hostile_names && chance (self, 0.4))
        name = hostile[pick (self, n_hostile)];
      else
        name = plain[pick (self, n_plain)];
      if (!g_hash_table_contains (taken, name))
        {
          g_hash_table_add (taken, (gpointer) name);
          return name;
        }
    }
  return NULL;
}

static CardinalAttribute *
random_attribute (Generator  *self,
                  const char *name)
{
  const TypeChoice *choice = &types[pick (self, G_N_ELEMENTS (types))];
  CardinalAttribute *attribute = cardinal_attribute_new (name, choice->type);

  attribute->nullable = chance (self, 0.6);
  if (chance (self, 0.2))
    attribute->unique = TRUE;
  else if (chance (self, 0.2))
    attribute->index = TRUE;
  if (choice->defaults[0] != NULL && chance (self, 0.3))
    {
      guint n = choice->defaults[1] != NULL ? 2 : 1;

      attribute->default_value = g_strdup (choice->defaults[pick (self, n)]);
    }
  g_free (attribute->comment);
  attribute->comment = g_strdup (comments[pick (self, G_N_ELEMENTS (comments))]);
  return attribute;
}

static CardinalAttribute *
key_attribute (const char *name,
               const char *type,
               gboolean    autoincrement)
{
  CardinalAttribute *attribute = cardinal_attribute_new (name, type);

  attribute->primary_key = TRUE;
  attribute->nullable = FALSE;
  attribute->autoincrement = autoincrement;
  return attribute;
}

static void
add_entity (Generator  *self,
            const char *name)
{
  CardinalEntity *entity = cardinal_entity_new (name);
  g_autoptr(GHashTable) taken = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
  guint n_attributes = pick (self, 5);

  g_free (entity->comment);
  entity->comment = g_strdup (comments[pick (self, G_N_ELEMENTS (comments))]);

  switch (pick (self, 6))
    {
    case 0:
    case 1:
    case 2:
      cardinal_entity_add_attribute (entity, key_attribute ("id", "integer", TRUE));
      g_hash_table_add (taken, (gpointer) "id");
      break;
    case 3:
      cardinal_entity_add_attribute (entity, key_attribute (self->options->hostile_names ? "key id" : "id",
                                                           chance (self, 0.5) ? "integer" : "bigint", FALSE));
      g_hash_table_add (taken, (gpointer) "id");
      g_hash_table_add (taken, (gpointer) "key id");
      break;
    case 4:
      cardinal_entity_add_attribute (entity, key_attribute ("uid", chance (self, 0.5) ? "uuid" : "varchar(12)", FALSE));
      g_hash_table_add (taken, (gpointer) "uid");
      break;
    default:
      /* A composite key: foreign keys to it have two columns. */
      cardinal_entity_add_attribute (entity, key_attribute ("region", "varchar(8)", FALSE));
      cardinal_entity_add_attribute (entity, key_attribute ("number", "integer", FALSE));
      g_hash_table_add (taken, (gpointer) "region");
      g_hash_table_add (taken, (gpointer) "number");
      break;
    }

  for (guint i = 0; i < n_attributes; i++)
    {
      const char *attribute_name = pick_name (self, plain_attributes, G_N_ELEMENTS (plain_attributes),
                                              hostile_attributes, G_N_ELEMENTS (hostile_attributes), taken);

      if (attribute_name != NULL)
        cardinal_entity_add_attribute (entity, random_attribute (self, attribute_name));
    }

  if (self->options->checks && chance (self, 0.3))
    {
      for (guint i = 0; i < entity->attributes->len; i++)
        {
          CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

          /* Written as PostgreSQL gives it back (it reprints a CHECK in
           * its own spelling): plain lower-case names are not quoted. */
          if (!attribute->primary_key && g_str_equal (attribute->type, "integer") &&
              g_regex_match_simple ("^[a-z_]+$", attribute->name, 0, 0) &&
              !cardinal_identifier_is_reserved (attribute->name))
            {
              g_ptr_array_add (entity->checks, cardinal_check_new (NULL, NULL));
              {
                CardinalCheck *check = g_ptr_array_index (entity->checks, entity->checks->len - 1);

                g_free (check->expression);
                check->expression = g_strdup_printf ("%s >= 0", attribute->name);
              }
              break;
            }
        }
    }

  cardinal_model_add_entity (self->model, entity);
}

static const char *
random_role (Generator *self)
{
  if (self->options->hostile_names && chance (self, 0.3))
    return hostile_roles[pick (self, G_N_ELEMENTS (hostile_roles))];
  return plain_roles[pick (self, G_N_ELEMENTS (plain_roles))];
}

static CardinalEntity *
random_entity (Generator *self)
{
  return g_ptr_array_index (self->model->entities, pick (self, self->model->entities->len));
}

static CardinalAttribute *
single_key (CardinalEntity *entity)
{
  g_autoptr(GPtrArray) key = cardinal_entity_primary_key (entity);

  return key->len == 1 ? g_ptr_array_index (key, 0) : NULL;
}

static void
add_relationship (Generator *self,
                  guint      number)
{
  CardinalEntity *entity1 = random_entity (self);
  CardinalEntity *entity2 = chance (self, 0.15) ? entity1 : random_entity (self);
  g_autofree char *name = g_strdup_printf ("rel %u", number);
  CardinalRelationship *relationship;
  CardinalKind kind = CARDINAL_KIND_ONE_TO_MANY;
  CardinalStrategy strategy = CARDINAL_STRATEGY_FK;
  gboolean link;

  switch (pick (self, 8))
    {
    case 0: kind = CARDINAL_KIND_ONE_TO_MANY; strategy = CARDINAL_STRATEGY_FK; break;
    case 1: kind = CARDINAL_KIND_MANY_TO_ONE; strategy = CARDINAL_STRATEGY_FK; break;
    case 2: kind = CARDINAL_KIND_ONE_TO_ONE; strategy = CARDINAL_STRATEGY_UNIQUE_FK; break;
    case 3: kind = CARDINAL_KIND_ONE_TO_ONE; strategy = CARDINAL_STRATEGY_SHARED_PK; break;
    case 4: kind = CARDINAL_KIND_ONE_TO_MANY; strategy = CARDINAL_STRATEGY_LINK_TABLE; break;
    case 5: kind = CARDINAL_KIND_MANY_TO_ONE; strategy = CARDINAL_STRATEGY_LINK_TABLE; break;
    case 6: kind = CARDINAL_KIND_MANY_TO_MANY; strategy = CARDINAL_STRATEGY_LINK_TABLE; break;
    default: kind = CARDINAL_KIND_MANY_TO_MANY; strategy = CARDINAL_STRATEGY_LINK_TABLE_PK; break;
    }

  if (strategy == CARDINAL_STRATEGY_SHARED_PK)
    {
      CardinalAttribute *key1 = single_key (entity1);
      CardinalAttribute *key2 = single_key (entity2);

      if (entity1 == entity2 || key1 == NULL || key2 == NULL)
        strategy = CARDINAL_STRATEGY_UNIQUE_FK;
      else
        {
          /* The dependent's key takes its value from the principal's. */
          key2->autoincrement = FALSE;
          g_free (key2->type);
          key2->type = g_strdup (key1->type);
        }
    }

  relationship = cardinal_relationship_new (name, entity1->name, entity2->name, kind, strategy);
  link = cardinal_strategy_has_link_table (strategy);

  if (entity1 == entity2)
    {
      relationship->entity1_role = g_strdup ("parent");
      if (link)
        relationship->entity2_role = g_strdup ("child");
    }
  else
    {
      if (chance (self, 0.4))
        relationship->entity1_role = g_strdup (random_role (self));
      if (chance (self, 0.4))
        relationship->entity2_role = g_strdup (random_role (self));
    }

  relationship->entity2_needs_entity1 = chance (self, 0.5);
  relationship->entity1_needs_entity2 = chance (self, 0.2);

  relationship->on_delete = (CardinalOnDelete) pick (self, 3);
  if (!link && strategy != CARDINAL_STRATEGY_SHARED_PK && chance (self, 0.2))
    {
      relationship->on_delete = CARDINAL_ON_DELETE_SET_NULL;
      relationship->entity2_needs_entity1 = FALSE;
      relationship->entity1_needs_entity2 = FALSE;
    }

  if (link)
    {
      if (chance (self, 0.4))
        {
          if (self->options->hostile_names && chance (self, 0.4))
            relationship->link_table = g_strdup (hostile_link_names[pick (self, G_N_ELEMENTS (hostile_link_names))]);
          else
            relationship->link_table = g_strdup (link_names[pick (self, G_N_ELEMENTS (link_names))]);
        }
      /* Participation a link table cannot enforce only draws warnings. */
      relationship->entity2_needs_entity1 = FALSE;
      relationship->entity1_needs_entity2 = FALSE;

      if (chance (self, 0.4))
        {
          g_autoptr(GHashTable) taken = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
          guint n = 1 + pick (self, 2);

          for (guint i = 0; i < n; i++)
            {
              const char *attribute_name = pick_name (self, plain_attributes, G_N_ELEMENTS (plain_attributes),
                                                      hostile_attributes, G_N_ELEMENTS (hostile_attributes), taken);

              if (attribute_name != NULL)
                g_ptr_array_add (relationship->link_attributes, random_attribute (self, attribute_name));
            }
        }
    }
  else if (strategy == CARDINAL_STRATEGY_FK)
    {
      /* Only the holding side's participation is enforced. */
      if (kind == CARDINAL_KIND_ONE_TO_MANY)
        relationship->entity1_needs_entity2 = FALSE;
      else
        relationship->entity2_needs_entity1 = FALSE;
    }
  else
    relationship->entity1_needs_entity2 = FALSE;

  if (strategy == CARDINAL_STRATEGY_SHARED_PK)
    relationship->entity2_needs_entity1 = TRUE;

  cardinal_model_add_relationship (self->model, relationship);
}

/* Drops what the validator rejects until nothing is rejected. */
static void
make_valid (Generator *self)
{
  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(GPtrArray) diagnostics = cardinal_validate (self->model);
      gboolean changed = FALSE;

      for (guint i = 0; i < diagnostics->len && !changed; i++)
        {
          CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
          CardinalRelationship *relationship;

          if (diagnostic->severity != CARDINAL_SEVERITY_ERROR)
            continue;

          relationship = diagnostic->relationship != NULL
            ? cardinal_model_find_relationship (self->model, diagnostic->relationship) : NULL;
          if (relationship != NULL)
            {
              g_ptr_array_remove (self->model->relationships, relationship);
              changed = TRUE;
            }
          else if (diagnostic->entity != NULL && diagnostic->attribute != NULL)
            {
              CardinalEntity *entity = cardinal_model_find_entity (self->model, diagnostic->entity);
              CardinalAttribute *attribute = entity != NULL
                ? cardinal_entity_find_attribute (entity, diagnostic->attribute) : NULL;

              if (attribute != NULL && !attribute->primary_key)
                {
                  g_ptr_array_remove (entity->attributes, attribute);
                  changed = TRUE;
                }
            }
          else if (self->model->relationships->len > 0)
            {
              /* A schema-level clash (two tables of one name): the newest relationship goes. */
              g_ptr_array_remove_index (self->model->relationships, self->model->relationships->len - 1);
              changed = TRUE;
            }

          if (!changed)
            g_error ("generated model keeps an error: %s %s", diagnostic->code, diagnostic->message);
        }

      if (!changed)
        return;
    }
  g_error ("generated model does not become valid");
}

CardinalModel *
cardinal_test_generate_model (guint32                             seed,
                              const CardinalTestGenerateOptions  *options)
{
  static const CardinalTestGenerateOptions defaults = { FALSE, FALSE, 0 };
  g_autofree char *model_name = g_strdup_printf ("generated-%u", seed);
  g_autoptr(GHashTable) taken = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
  Generator self = { 0 };
  guint max_entities;
  guint n_entities;
  guint n_relationships;

  self.rand = g_rand_new_with_seed (seed);
  self.options = options != NULL ? options : &defaults;
  self.model = cardinal_model_new (model_name);
  max_entities = self.options->max_entities > 0 ? self.options->max_entities : 7;
  n_entities = 1 + pick (&self, max_entities);
  n_relationships = pick (&self, n_entities + 4);

  for (guint i = 0; i < n_entities; i++)
    {
      const char *name = pick_name (&self, plain_entities, G_N_ELEMENTS (plain_entities),
                                    hostile_entities, G_N_ELEMENTS (hostile_entities), taken);

      if (name != NULL)
        add_entity (&self, name);
    }

  for (guint i = 0; i < n_relationships; i++)
    add_relationship (&self, i + 1);

  make_valid (&self);
  g_rand_free (self.rand);
  return self.model;
}
