/* cardinal-physical.h: the physical model (tables, columns, keys) that the engineer produces and DDL renders. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

typedef struct _CardinalColumn     CardinalColumn;
typedef struct _CardinalForeignKey CardinalForeignKey;
typedef struct _CardinalTable      CardinalTable;
typedef struct _CardinalSchema     CardinalSchema;

struct _CardinalColumn
{
  char     *name;
  char     *type;           /* logical type text, spelled per dialect by render/ */
  gboolean  nullable;
  gboolean  autoincrement;
  char     *default_value;  /* NULL for none */
  char     *comment;        /* never NULL */
  char     *relationship;   /* the relationship that produced this column, or NULL */
  char     *attribute;      /* the attribute it came from (for FK columns: the referenced pk attribute) */
  /* Format 2, as on CardinalAttribute */
  CardinalIdentity  identity;
  CardinalSequence *sequence;
  char             *sql_type;
  char             *collation;
  char             *generated;
  gboolean          generated_stored;
};

struct _CardinalForeignKey
{
  char             *name;         /* constraint name, fits 63 bytes */
  GStrv             columns;
  char             *ref_table;
  GStrv             ref_columns;
  CardinalOnDelete  on_delete;
  char             *relationship; /* the relationship that produced it */
  CardinalOnUpdate  on_update;
  gboolean          deferrable;
  gboolean          initially_deferred;
  gboolean          match_full;
  char             *ref_schema;   /* PostgreSQL schema of ref_table, NULL: the default */
};

/* Indexes are CardinalIndex (cardinal-objects.h); in a physical model every
 * index has a name that fits 63 bytes, unique across the schema. */

struct _CardinalTable
{
  char      *name;
  char      *comment;       /* never NULL */
  GPtrArray *columns;       /* of CardinalColumn */
  GStrv      primary_key;   /* column names in key order; empty when the table has none */
  GPtrArray *uniques;       /* of CardinalUnique: UNIQUE constraints */
  GPtrArray *foreign_keys;  /* of CardinalForeignKey */
  GPtrArray *indexes;       /* of CardinalIndex (non-unique and unique) */
  GPtrArray *checks;        /* of CardinalCheck */
  char      *entity;        /* the entity it stores, or NULL for a link table */
  char      *relationship;  /* for a link table: its relationship */
  /* Format 2 */
  char      *schema;             /* PostgreSQL schema, NULL: the default */
  char      *primary_key_name;   /* NULL: the engine's default */
  gboolean   without_rowid;
  gboolean   strict;
  gboolean   unlogged;
  char      *partition_by;
};

struct _CardinalSchema
{
  char      *name;
  GPtrArray *tables;        /* of CardinalTable: entity tables in document order, then link tables */
  /* Format 2: model-wide objects, as on CardinalModel */
  gboolean   has_dialect;
  int        dialect;       /* CardinalDialect the SQL text was written in */
  GPtrArray *schemas;       /* of char * */
  GPtrArray *extensions;    /* of CardinalExtension */
  GPtrArray *types;         /* of CardinalUserType */
  GPtrArray *sequences;     /* of CardinalSequence */
  GPtrArray *objects;       /* of CardinalSqlObject */
};

CardinalColumn     *cardinal_column_new              (const char *name,
                                                      const char *type);
void                cardinal_column_free             (CardinalColumn *column);
void                cardinal_foreign_key_free        (CardinalForeignKey *foreign_key);
CardinalTable      *cardinal_table_new               (const char *name);
void                cardinal_table_free              (CardinalTable *table);
CardinalColumn     *cardinal_table_find_column       (const CardinalTable *table,
                                                      const char          *name);
/* Whether a UNIQUE constraint, unique index or the primary key covers exactly @columns (any order). */
gboolean            cardinal_table_has_unique        (const CardinalTable *table,
                                                      const char * const  *columns);
CardinalSchema     *cardinal_schema_new              (const char *name);
void                cardinal_schema_free             (CardinalSchema *schema);
CardinalTable      *cardinal_schema_find_table       (const CardinalSchema *schema,
                                                      const char           *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalColumn, cardinal_column_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalTable, cardinal_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalSchema, cardinal_schema_free)

G_END_DECLS
