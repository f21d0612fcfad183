/* cardinal-validate-private.h: what the model checks (cardinal-validate.c) and the checks on the engineered schema (cardinal-validate-schema.c) share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-validate.h"
#include "cardinal-physical.h"
#include "cardinal-sql-check.h"

G_BEGIN_DECLS

/* Every check; its code and severity are in one table in cardinal-validate.c. */
typedef enum
{
  CHECK_EMPTY_NAME,
  CHECK_INVALID_NAME,
  CHECK_DUPLICATE_NAME,
  CHECK_LONG_NAME,
  CHECK_RESERVED_WORD,
  CHECK_NO_PRIMARY_KEY,
  CHECK_MISSING_ENTITY,
  CHECK_STRATEGY_KIND,
  CHECK_SHARED_PK_KEY,
  CHECK_SHARED_PK_AUTOINCREMENT,
  CHECK_MERGED_DEPENDENT,
  CHECK_MERGED_CLASH,
  CHECK_COLUMN_CLASH,
  CHECK_SET_NULL_MANDATORY,
  CHECK_PARTICIPATION,
  CHECK_MANDATORY_CYCLE,
  CHECK_SHARED_PK_TYPE,
  CHECK_BAD_TYPE,
  CHECK_RAW_TYPE,
  CHECK_LINK_ATTRIBUTES,
  CHECK_AUTOINCREMENT,
  CHECK_NULLABLE_KEY,
  CHECK_LINK_ATTRIBUTE_KEY,
  CHECK_SHARED_PK_SELF,
  CHECK_BAD_SQL,
  CHECK_BAD_SQL_OBJECT,
  CHECK_FK_COLUMNS,
  CHECK_CLAIMED_TYPE,
  CHECK_REFERENCED_KEY,
  CHECK_PRIMARY_KEY_ORDER,
  CHECK_UNKNOWN_COLUMN,
  CHECK_DEPENDENCY,
  CHECK_IDENTITY,
  CHECK_NO_REFERENCED_KEY,
  CHECK_SQLITE_NAME,
  CHECK_TOO_MANY_COLUMNS,
  /* Format 3 */
  CHECK_GROUP_MEMBER,
  CHECK_GROUP_OVERLAP,
  N_CHECKS
} Check;

#define SMALL_SET 16

/* Names seen so far, compared up to case: a scan of a fixed array while
 * there are few (an entity's attributes, a table's columns: no allocation),
 * a hash table beyond that (the model's entities and relationships). */
typedef struct
{
  guint        n;
  guint        hashes[SMALL_SET];
  const char  *names[SMALL_SET];
  gpointer     values[SMALL_SET];
  GHashTable  *table;
} NameSet;

/* Which object a diagnostic selects on the canvas. */
typedef struct
{
  CardinalObjectKind  kind;
  const char         *entity;
  const char         *relationship;
  const char         *attribute;
} Target;

/* The first two relationships an entity takes part in: enough to tell
 * whether a merged entity has any relationship besides the merge. */
typedef struct
{
  const CardinalRelationship *first;
  const CardinalRelationship *second;
} EntityUse;

typedef struct
{
  const CardinalModel *model;
  GPtrArray           *diagnostics;
  GPtrArray           *scratch;        /* escaped names that messages were built from */
  GHashTable          *entities;       /* name → CardinalEntity; first of a name wins, as in the engineer */
  GHashTable          *relationships;  /* name → CardinalRelationship, first wins */
  GHashTable          *uses;           /* entity name → EntityUse */
  GHashTable          *merged_away;    /* names of entities folded into another entity's table */
  NameSet              entity_names;
  NameSet              relationship_names;
  NameSet              member_names;   /* of one entity or relationship at a time */
  GHashTable          *user_types;     /* folded names ("mood", "public.mood") of the model's enums and domains */
  /* Format 2 checks */
  const CardinalSchema *schema;
  CardinalSqlCheck     *sql;           /* made when the first fragment is checked */
  CardinalDialect       dialects[2];   /* the dialects the model's SQL text is checked in */
  guint                 n_dialects;
  GHashTable           *entity_tables; /* entity name → its CardinalTable, made when needed */
  GHashTable           *link_tables;   /* relationship name → its link CardinalTable, likewise */
  GHashTable           *scratch_tables; /* CardinalTable → its name in the SQLite scratch database */
  GHashTable           *tables_by_name; /* table name → first CardinalTable of the name, made when needed */
} Validator;


/* A diagnostic of @check about @target, its message from @format. */
void                        cardinal_validate_report           (Validator    *self,
                                                                Check         check,
                                                                const Target *target,
                                                                const char   *format,
                                                                ...) G_GNUC_PRINTF (4, 5);
/* @name as it may be shown inside "…" in a message; kept until the validator ends. */
const char                 *cardinal_validate_show             (Validator    *self,
                                                                const char   *name);
void                        cardinal_validate_name_set_reset   (NameSet      *set);
void                        cardinal_validate_name_set_clear   (NameSet      *set);
/* The value added with an earlier name equal to @name up to case, or NULL after adding @value. */
gpointer                    cardinal_validate_name_set_add     (NameSet      *set,
                                                                const char   *name,
                                                                gpointer      value);

/* cardinal-validate-schema.c */
gboolean                    cardinal_validate_is_link_table    (const CardinalTable *table);
const CardinalRelationship *cardinal_validate_relationship_of  (Validator    *self,
                                                                const char   *name);
/* CARD003 for tables, CARD004/CARD005 for generated columns, CARD012, CARD013,
 * CARD016, CARD028 for default-named FK columns, CARD035, CARD036. */
void                        cardinal_validate_check_schema     (Validator            *self,
                                                                const CardinalSchema *schema);

G_END_DECLS
