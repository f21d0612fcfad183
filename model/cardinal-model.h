/* cardinal-model.h: the logical model (entities, attributes, relationships) and the question pair. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CARDINAL_MODEL_ERROR (cardinal_model_error_quark ())

typedef enum
{
  CARDINAL_MODEL_ERROR_PARSE,        /* not JSON, or not the shape of a .cardinal file */
  CARDINAL_MODEL_ERROR_VERSION,      /* a format this build does not know */
  CARDINAL_MODEL_ERROR_INVALID,      /* a value that the format does not allow */
  CARDINAL_MODEL_ERROR_NOT_FOUND,    /* a named object that is not in the model */
  CARDINAL_MODEL_ERROR_EXISTS,       /* a name that is already taken */
} CardinalModelError;

GQuark cardinal_model_error_quark (void);

typedef enum
{
  CARDINAL_KIND_ONE_TO_ONE,
  CARDINAL_KIND_ONE_TO_MANY,
  CARDINAL_KIND_MANY_TO_ONE,
  CARDINAL_KIND_MANY_TO_MANY,
} CardinalKind;

typedef enum
{
  CARDINAL_STRATEGY_MERGED,
  CARDINAL_STRATEGY_SHARED_PK,
  CARDINAL_STRATEGY_UNIQUE_FK,
  CARDINAL_STRATEGY_FK,
  CARDINAL_STRATEGY_LINK_TABLE,
  CARDINAL_STRATEGY_LINK_TABLE_PK,
} CardinalStrategy;

#define CARDINAL_N_STRATEGIES (CARDINAL_STRATEGY_LINK_TABLE_PK + 1)

typedef enum
{
  CARDINAL_ON_DELETE_NO_ACTION,
  CARDINAL_ON_DELETE_RESTRICT,
  CARDINAL_ON_DELETE_CASCADE,
  CARDINAL_ON_DELETE_SET_NULL,
} CardinalOnDelete;

const char *cardinal_kind_to_string          (CardinalKind       kind);
gboolean    cardinal_kind_from_string        (const char        *str,
                                              CardinalKind      *kind);
const char *cardinal_strategy_to_string      (CardinalStrategy   strategy);
gboolean    cardinal_strategy_from_string    (const char        *str,
                                              CardinalStrategy  *strategy);
const char *cardinal_on_delete_to_string     (CardinalOnDelete   on_delete);
gboolean    cardinal_on_delete_from_string   (const char        *str,
                                              CardinalOnDelete  *on_delete);

/* The question pair (DESIGN.md §1).
 * q1: can an entity2 belong to more than one entity1?
 * q2: can an entity1 have more than one entity2? */
CardinalKind     cardinal_question_pair_to_kind     (gboolean           q1,
                                                     gboolean           q2);
void             cardinal_question_pair_from_kind   (CardinalKind       kind,
                                                     gboolean          *q1,
                                                     gboolean          *q2);
gboolean         cardinal_strategy_fits_kind        (CardinalStrategy   strategy,
                                                     CardinalKind       kind);
CardinalStrategy cardinal_kind_default_strategy     (CardinalKind       kind);
/* The strategies that fit @kind, recommended first; returns how many. */
guint            cardinal_kind_strategies           (CardinalKind       kind,
                                                     CardinalStrategy   out[CARDINAL_N_STRATEGIES]);
gboolean         cardinal_strategy_has_link_table   (CardinalStrategy   strategy);

typedef struct _CardinalAttribute    CardinalAttribute;
typedef struct _CardinalEntity       CardinalEntity;
typedef struct _CardinalRelationship CardinalRelationship;
typedef struct _CardinalModel        CardinalModel;

struct _CardinalAttribute
{
  char     *name;
  char     *type;           /* catalogue type ("varchar(255)") or a raw type kept verbatim */
  gboolean  primary_key;
  gboolean  autoincrement;
  gboolean  nullable;
  gboolean  unique;
  gboolean  index;
  char     *default_value;  /* an SQL expression, or NULL for none */
  char     *comment;        /* never NULL */
};

struct _CardinalEntity
{
  char      *name;
  char      *comment;       /* never NULL */
  double     x;
  double     y;
  char      *color;         /* NULL when not set */
  GPtrArray *attributes;    /* of CardinalAttribute, owned */
  GPtrArray *checks;        /* of char *: CHECK expressions kept from an import (key "checks") */
  guint64    serial;        /* new on every new/copy: identifies this version for caches */
};

struct _CardinalRelationship
{
  char             *name;
  char             *entity1;
  char             *entity2;
  CardinalKind      kind;
  CardinalStrategy  strategy;
  char             *entity1_role;          /* NULL: the entity's name */
  char             *entity2_role;          /* NULL: the entity's name */
  gboolean          entity2_needs_entity1; /* "Must every entity2 have an entity1?" */
  gboolean          entity1_needs_entity2;
  CardinalOnDelete  on_delete;
  char             *link_table;            /* NULL: <entity1>_<entity2> */
  GPtrArray        *link_attributes;       /* of CardinalAttribute, owned */
  guint64           serial;                /* new on every new/copy */
};

struct _CardinalModel
{
  char      *name;
  GPtrArray *entities;      /* of CardinalEntity, owned, document order */
  GPtrArray *relationships; /* of CardinalRelationship, owned, document order */
};

CardinalAttribute    *cardinal_attribute_new            (const char *name,
                                                         const char *type);
CardinalAttribute    *cardinal_attribute_copy           (const CardinalAttribute *attribute);
void                  cardinal_attribute_free           (CardinalAttribute *attribute);

CardinalEntity       *cardinal_entity_new               (const char *name);
CardinalEntity       *cardinal_entity_copy              (const CardinalEntity *entity);
void                  cardinal_entity_free              (CardinalEntity *entity);
/* Case-sensitive lookup first, so an exact match wins over a case-insensitive one. */
CardinalAttribute    *cardinal_entity_find_attribute    (const CardinalEntity *entity,
                                                         const char           *name);
/* The primary-key attributes in declaration order (borrowed pointers). */
GPtrArray            *cardinal_entity_primary_key       (const CardinalEntity *entity);
/* Appends @attribute (taking ownership) and returns it. */
CardinalAttribute    *cardinal_entity_add_attribute     (CardinalEntity    *entity,
                                                         CardinalAttribute *attribute);

CardinalRelationship *cardinal_relationship_new         (const char       *name,
                                                         const char       *entity1,
                                                         const char       *entity2,
                                                         CardinalKind      kind,
                                                         CardinalStrategy  strategy);
CardinalRelationship *cardinal_relationship_copy        (const CardinalRelationship *relationship);
void                  cardinal_relationship_free        (CardinalRelationship *relationship);
/* The role names with their defaults applied. */
const char           *cardinal_relationship_entity1_role (const CardinalRelationship *relationship);
const char           *cardinal_relationship_entity2_role (const CardinalRelationship *relationship);
/* The link table's name with its default applied (newly allocated). */
char                 *cardinal_relationship_link_table_name (const CardinalRelationship *relationship);

CardinalModel        *cardinal_model_new                (const char *name);
CardinalModel        *cardinal_model_copy               (const CardinalModel *model);
void                  cardinal_model_free               (CardinalModel *model);
CardinalEntity       *cardinal_model_find_entity        (const CardinalModel *model,
                                                         const char          *name);
CardinalRelationship *cardinal_model_find_relationship  (const CardinalModel *model,
                                                         const char          *name);
CardinalEntity       *cardinal_model_add_entity         (CardinalModel  *model,
                                                         CardinalEntity *entity);
CardinalRelationship *cardinal_model_add_relationship   (CardinalModel        *model,
                                                         CardinalRelationship *relationship);
/* A relationship name not yet used in @model, built from @base ("user_address", "user_address_2"…). */
char                 *cardinal_model_unique_relationship_name (const CardinalModel *model,
                                                               const char          *base);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalAttribute, cardinal_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalEntity, cardinal_entity_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalRelationship, cardinal_relationship_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalModel, cardinal_model_free)

G_END_DECLS
