/* cardinal-physical.h: the physical model (tables, columns, keys) that the engineer produces and DDL renders. */
#pragma once

#include <glib.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

typedef struct _CardinalColumn     CardinalColumn;
typedef struct _CardinalForeignKey CardinalForeignKey;
typedef struct _CardinalIndex      CardinalIndex;
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
};

struct _CardinalForeignKey
{
  char             *name;         /* constraint name, fits 63 bytes */
  GStrv             columns;
  char             *ref_table;
  GStrv             ref_columns;
  CardinalOnDelete  on_delete;
  char             *relationship; /* the relationship that produced it */
};

struct _CardinalIndex
{
  char     *name;                 /* fits 63 bytes, unique across the schema */
  GStrv     columns;
  gboolean  unique;
};

struct _CardinalTable
{
  char      *name;
  char      *comment;       /* never NULL */
  GPtrArray *columns;       /* of CardinalColumn */
  GStrv      primary_key;   /* column names; empty when the table has none */
  GPtrArray *uniques;       /* of GStrv: UNIQUE constraints */
  GPtrArray *foreign_keys;  /* of CardinalForeignKey */
  GPtrArray *indexes;       /* of CardinalIndex (non-unique and unique) */
  GPtrArray *checks;        /* of char *: CHECK expressions (SQL text) */
  char      *entity;        /* the entity it stores, or NULL for a link table */
  char      *relationship;  /* for a link table: its relationship */
};

struct _CardinalSchema
{
  char      *name;
  GPtrArray *tables;        /* of CardinalTable: entity tables in document order, then link tables */
};

CardinalColumn     *cardinal_column_new              (const char *name,
                                                      const char *type);
void                cardinal_column_free             (CardinalColumn *column);
void                cardinal_foreign_key_free        (CardinalForeignKey *foreign_key);
void                cardinal_index_free              (CardinalIndex *index);
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
