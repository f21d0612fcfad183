/* cardinal-objects.h: schema objects the logical and the physical model share (checks, unique constraints, indexes, types, sequences, SQL objects). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A CHECK constraint. @name is NULL when the engine names it. */
typedef struct
{
  char *name;
  char *expression;     /* SQL text, without the outer parentheses */
} CardinalCheck;

/* A UNIQUE constraint over several columns (a single column without a name
 * is the attribute's "unique" flag instead). */
typedef struct
{
  char     *name;                 /* NULL: the engine's default */
  GStrv     columns;
  GStrv     include;              /* PostgreSQL INCLUDE columns, NULL for none */
  gboolean  nulls_not_distinct;   /* PostgreSQL 15 */
  gboolean  deferrable;
  gboolean  initially_deferred;
} CardinalUnique;

typedef enum
{
  CARDINAL_NULLS_DEFAULT,
  CARDINAL_NULLS_FIRST,
  CARDINAL_NULLS_LAST,
} CardinalNullsOrder;

/* One key of an index when it is more than a plain ascending column. */
typedef struct
{
  char               *column;      /* the column, or NULL for an expression */
  char               *expression;  /* SQL text of an expression key, or NULL */
  char               *collation;   /* NULL: the column's */
  char               *opclass;     /* PostgreSQL operator class, NULL: the default */
  gboolean            descending;
  CardinalNullsOrder  nulls;
} CardinalIndexKey;

/* An index. @columns has one entry per key: the column's name, or "" for an
 * expression key (column names are never empty), so that code that only
 * cares about plain column indexes can ignore @keys. @keys is NULL when every
 * key is a plain ascending column; otherwise it has one CardinalIndexKey per
 * entry of @columns. */
typedef struct
{
  char      *name;                /* NULL in a logical model: the engineer names it */
  GStrv      columns;
  gboolean   unique;
  GPtrArray *keys;                /* of CardinalIndexKey, or NULL */
  char      *method;              /* PostgreSQL access method ("gin"), NULL: btree */
  char      *where;               /* partial index predicate (SQL text), or NULL */
  GStrv      include;             /* PostgreSQL INCLUDE columns, NULL for none */
  gboolean   nulls_not_distinct;
} CardinalIndex;

/* Options of a sequence, standalone or behind an identity or serial column.
 * A field whose has_ flag is FALSE takes the engine's default. */
typedef struct
{
  char     *name;      /* standalone: the sequence's name; identity/serial: NULL for the default name */
  char     *schema;    /* PostgreSQL schema, NULL: the default */
  char     *type;      /* "bigint" (default), "integer", "smallint"; NULL: the default */
  gboolean  has_start, has_increment, has_min, has_max, has_cache;
  gint64    start, increment, min, max, cache;
  gboolean  cycle;
  char     *owned_by;  /* standalone only: "table.column", or NULL */
} CardinalSequence;

typedef enum
{
  CARDINAL_USER_TYPE_ENUM,
  CARDINAL_USER_TYPE_DOMAIN,
} CardinalUserTypeKind;

/* A PostgreSQL enum or domain. On SQLite an enum column is TEXT with a
 * CHECK (column IN (…)) and a domain column its base type with the domain's
 * NOT NULL, default and CHECKs (VALUE read as the column). */
typedef struct
{
  char                 *name;
  char                 *schema;       /* NULL: the default */
  CardinalUserTypeKind  kind;
  GStrv                 values;       /* enum labels in order */
  char                 *base;         /* domain: the base type as SQL text */
  gboolean              nullable;     /* domain: FALSE for NOT NULL */
  char                 *default_value;/* domain: SQL text or NULL */
  char                 *collation;    /* domain: NULL for the default */
  GPtrArray            *checks;       /* domain: of CardinalCheck (VALUE stands for the value) */
  char                 *comment;      /* never NULL */
} CardinalUserType;

/* A PostgreSQL extension: CREATE EXTENSION IF NOT EXISTS. */
typedef struct
{
  char *name;
  char *schema;   /* NULL: the default */
} CardinalExtension;

/* Everything the model does not describe itself (views, materialized views,
 * functions, procedures, triggers, rules, partitions, comments on them, …)
 * kept as one SQL statement of its dialect, checked with that dialect's
 * parser before it is used. */
typedef struct
{
  char            *name;           /* what it creates ("film_list", "last_updated()") */
  char            *kind;           /* "view", "materialized-view", "function", "procedure",
                                      "aggregate", "trigger", "rule", "partition", "type",
                                      "comment", "policy", "statement" */
  int              dialect;        /* CardinalDialect */
  char            *sql;            /* exactly one statement, without the closing semicolon */
  GStrv            depends_on;     /* names of tables and objects it needs, NULL for none */
  gboolean         before_tables;  /* emitted before the tables (functions a default or CHECK calls) */
} CardinalSqlObject;

CardinalCheck      *cardinal_check_new             (const char *name,
                                                    const char *expression);
CardinalCheck      *cardinal_check_copy            (const CardinalCheck *check);
void                cardinal_check_free            (CardinalCheck *check);
CardinalUnique     *cardinal_unique_new            (const char * const *columns);
CardinalUnique     *cardinal_unique_copy           (const CardinalUnique *unique);
void                cardinal_unique_free           (CardinalUnique *unique);
CardinalIndexKey   *cardinal_index_key_copy        (const CardinalIndexKey *key);
void                cardinal_index_key_free        (CardinalIndexKey *key);
CardinalIndex      *cardinal_index_new             (const char         *name,
                                                    const char * const *columns,
                                                    gboolean            unique);
CardinalIndex      *cardinal_index_copy            (const CardinalIndex *index);
void                cardinal_index_free            (CardinalIndex *index);
/* Whether every key is a plain ascending column with no options at all. */
gboolean            cardinal_index_is_plain        (const CardinalIndex *index);
CardinalSequence   *cardinal_sequence_new          (const char *name);
CardinalSequence   *cardinal_sequence_copy         (const CardinalSequence *sequence);
void                cardinal_sequence_free         (CardinalSequence *sequence);
CardinalUserType   *cardinal_user_type_new         (const char *name,
                                                    CardinalUserTypeKind kind);
CardinalUserType   *cardinal_user_type_copy        (const CardinalUserType *type);
void                cardinal_user_type_free        (CardinalUserType *type);
CardinalExtension  *cardinal_extension_copy        (const CardinalExtension *extension);
void                cardinal_extension_free        (CardinalExtension *extension);
CardinalSqlObject  *cardinal_sql_object_new        (const char *name,
                                                    const char *kind,
                                                    int         dialect,
                                                    const char *sql);
CardinalSqlObject  *cardinal_sql_object_copy       (const CardinalSqlObject *object);
void                cardinal_sql_object_free       (CardinalSqlObject *object);

/* Arrays of the above with their free functions set; copies are deep and
 * accept NULL (an empty array). */
GPtrArray          *cardinal_check_array_new       (void);
GPtrArray          *cardinal_check_array_copy      (GPtrArray *array);
GPtrArray          *cardinal_unique_array_new      (void);
GPtrArray          *cardinal_unique_array_copy     (GPtrArray *array);
GPtrArray          *cardinal_index_array_new       (void);
GPtrArray          *cardinal_index_array_copy      (GPtrArray *array);
GPtrArray          *cardinal_index_key_array_new   (void);
GPtrArray          *cardinal_index_key_array_copy  (GPtrArray *array);
GPtrArray          *cardinal_sequence_array_new    (void);
GPtrArray          *cardinal_sequence_array_copy   (GPtrArray *array);
GPtrArray          *cardinal_user_type_array_new   (void);
GPtrArray          *cardinal_user_type_array_copy  (GPtrArray *array);
GPtrArray          *cardinal_extension_array_new   (void);
GPtrArray          *cardinal_extension_array_copy  (GPtrArray *array);
GPtrArray          *cardinal_sql_object_array_new  (void);
GPtrArray          *cardinal_sql_object_array_copy (GPtrArray *array);
/* A deep copy of a GPtrArray of strings (NULL: an empty array). */
GPtrArray          *cardinal_string_array_copy     (GPtrArray *array);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalCheck, cardinal_check_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalUnique, cardinal_unique_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalIndexKey, cardinal_index_key_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalIndex, cardinal_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalExtension, cardinal_extension_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalSequence, cardinal_sequence_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalUserType, cardinal_user_type_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalSqlObject, cardinal_sql_object_free)

/* Notes, groups and colours (DESIGN.md §3, format 3): what the diagram shows
 * beside the schema; none of it reaches the DDL or the generated code. */

/* A sticky note on the canvas: its top-left corner and size in canvas units. */
typedef struct
{
  char   *text;     /* never NULL */
  double  x;
  double  y;
  double  width;    /* CARDINAL_NOTE_DEFAULT_WIDTH unless resized */
  double  height;
} CardinalNote;

#define CARDINAL_NOTE_DEFAULT_WIDTH  200.0
#define CARDINAL_NOTE_DEFAULT_HEIGHT 100.0
/* Smaller notes could not be picked up again on the canvas. */
#define CARDINAL_NOTE_MIN_SIZE 24.0

/* A named set of entities, drawn as a tinted area behind them that moves
 * them together. An entity is in at most one group. */
typedef struct
{
  char  *name;
  char  *color;       /* a palette name, or NULL for the neutral tint */
  GStrv  entities;    /* member entity names in document order, never NULL */
} CardinalGroup;

/* One colour of the palette entities and groups take: @name is what the
 * document stores, @rgb its base colour ("#3584e4"), which views tint
 * towards their background so that it reads on light and dark styles. */
typedef struct
{
  const char *name;
  const char *label;
  const char *rgb;
} CardinalPaletteColor;

CardinalNote       *cardinal_note_new              (const char *text,
                                                    double      x,
                                                    double      y);
CardinalNote       *cardinal_note_copy             (const CardinalNote *note);
void                cardinal_note_free             (CardinalNote *note);
CardinalGroup      *cardinal_group_new             (const char         *name,
                                                    const char * const *entities);
CardinalGroup      *cardinal_group_copy            (const CardinalGroup *group);
void                cardinal_group_free            (CardinalGroup *group);
gboolean            cardinal_group_has_member      (const CardinalGroup *group,
                                                    const char          *entity);
GPtrArray          *cardinal_note_array_new        (void);
GPtrArray          *cardinal_note_array_copy       (GPtrArray *array);
GPtrArray          *cardinal_group_array_new       (void);
GPtrArray          *cardinal_group_array_copy      (GPtrArray *array);

/* The palette in menu order; @n_colors receives its length. */
const CardinalPaletteColor *cardinal_palette_colors  (guint      *n_colors);
/* The palette colour named @name, or NULL. */
const CardinalPaletteColor *cardinal_palette_lookup  (const char *name);
/* The RGB (0…1) an entity's or group's colour stands for: a palette name, or
 * (format 1 files) "#rgb"/"#rrggbb". FALSE for NULL and anything else. */
gboolean            cardinal_color_to_rgb          (const char *color,
                                                    double      rgb[3]);
/* "#rrggbb" of @color mixed with white, @amount of the colour (0…1), or NULL
 * when @color stands for no colour (see cardinal_color_to_rgb). */
char               *cardinal_color_tint            (const char *color,
                                                    double      amount);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalNote, cardinal_note_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalGroup, cardinal_group_free)

/* The first element of @array (of structs with a string at @name_offset,
 * G_STRUCT_OFFSET) whose name is exactly @name, or NULL. */
gpointer cardinal_find_named (GPtrArray  *array,
                              gsize       name_offset,
                              const char *name);

G_END_DECLS
