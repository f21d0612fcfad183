/* cardinal-codegen-private.h: what the C code generator's common part and its two backends (sqlite3, libpq) share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-codegen.h"
#include "cardinal-physical.h"

G_BEGIN_DECLS

typedef struct _CardinalCodegenBackendOps CardinalCodegenBackendOps;

/* What a column becomes in C. Everything that is not a number or a boolean
 * travels as text, which keeps numeric, dates and uuids exact in both backends. */
typedef enum
{
  CTYPE_INT,
  CTYPE_BOOL,
  CTYPE_DOUBLE,
  CTYPE_TEXT,
  CTYPE_BYTES,
} CType;

typedef struct
{
  const CardinalColumn *column;
  CType                 ctype;
  const char           *member;      /* owned by the table's member names */
  const char           *null_member; /* bool companion for NULL, or NULL when the pointer says it */
  const char           *len_member;  /* bytes only */
  gboolean              generated;   /* autoincrement: left to the database, filled back */
} Field;

typedef struct
{
  const CardinalTable  *table;
  const char           *c_name;
  const char           *type;
  const char           *list_type;
  const char           *fn_insert;
  const char           *fn_get;
  const char           *fn_update;   /* NULL when every column is in the primary key */
  const char           *fn_delete;
  const char           *fn_list;
  const char           *fn_free;
  const char           *fn_list_clear;
  const char           *fn_clear;    /* static helpers from here */
  const char           *fn_read;
  const char           *fn_fetch;
  const char           *fn_keys;
  CardinalCodegenNames *members;
  GPtrArray            *fields;      /* of Field, owned */
  GHashTable           *by_column;   /* column name → Field */
  GPtrArray            *pk;          /* of Field, borrowed */
  gboolean              has_generated;
} Table;

/* A value bound to a parameter: a C expression, and how to tell it is NULL. */
typedef struct
{
  CType       ctype;
  char       *expr;
  char       *null_expr;  /* NULL: never NULL (a pointer is checked for NULL itself) */
  char       *len_expr;
} Value;

typedef enum
{
  RESULT_EXEC,          /* no rows back */
  RESULT_EXEC_CHANGED,  /* no rows back; NOT_FOUND when nothing changed */
  RESULT_ONE,           /* first row into *out */
  RESULT_ALL,           /* every row into *out (a list) */
  RESULT_KEYS,          /* generated columns back into *row */
} ResultKind;

typedef struct
{
  const CardinalCodegenBackendOps *ops;
  const CardinalModel        *model;
  CardinalSchema             *schema;
  CardinalCodegenNames       *names;
  CardinalCodegenNames       *prefixes;   /* the tables' function prefixes, which are never identifiers alone */
  GPtrArray                  *tables;     /* of Table, owned */
  char                       *c_name;     /* the model's */
  char                       *upper;      /* macro prefix */
  const char                 *type_db;
  const char                 *type_status;
  const char                 *fn_errmsg;
  const char                 *fn_dup;
  const char                 *fn_prepare;
  const char                 *fn_status;
  const char                 *fn_exec;
  const char                 *fn_join;
  const char                 *st_ok;
  const char                 *st_not_found;
  const char                 *st_constraint;
  const char                 *st_error;
  const char                 *guard;
  GHashTable                 *by_name;      /* table name → Table */
  GHashTable                 *link_by_rel;  /* relationship → its link Table */
  GHashTable                 *child_by_rel; /* relationship → the entity Table holding its FK */
  GHashTable                 *fk_by_rel;    /* relationship → that FK (the table's first for it) */
  /* Static helpers of the model that some function calls: only those are
   * written, since an unused static function is a warning. */
  gboolean                    used_dup;
  gboolean                    used_prepare;
  gboolean                    used_status;
  gboolean                    used_exec;
  gboolean                    used_join;
  GString                    *h;
  GString                    *c;          /* the source after the model's helpers */
  GString                    *readme;
} Gen;

/* What differs between the client libraries: their names, and the code that
 * binds parameters, runs statements and reads rows. The common part
 * (cardinal-codegen.c) decides what functions exist and their SQL. */
struct _CardinalCodegenBackendOps
{
  const char *title;             /* "SQLite (sqlite3)", in comments and the README */
  const char *include;           /* the client library's header */
  const char *connection_type;   /* the library's connection type, aliased as the model's */
  const char *connection_phrase; /* "a `sqlite3`", for the README */
  const char *errmsg_function;   /* the library's last-error function */
  const char *pkg_config;        /* pkg-config name, for the README's build lines */
  const char *readme_note;       /* a paragraph the README adds, or NULL */
  char        param_marker;      /* '?' or '$' before the parameter's number */
  gboolean    schema_qualified;  /* tables named with their schema */
  gboolean    cast_defaulted;    /* COALESCE (CAST ($n AS type), default): PostgreSQL can't type a bare $n there */
  gboolean    null_negative_limit; /* LIMIT NULL for "all" (SQLite reads a negative LIMIT as none) */

  /* The model's static helpers that generated functions called (gen->used_*). */
  void (*emit_model_helpers) (Gen *gen, GString *c);
  /* The head of @t's row reader, up to and including "{\n". */
  void (*emit_read_head)     (Gen *gen, const Table *t);
  /* The C test that result column @index is NULL. */
  char *(*null_test)         (const char *index);
  /* The lines that read result column @index into row->member; for text
   * and bytes only the copy, inside the common "not NULL" block. */
  void (*emit_read_value)    (Gen *gen, const Field *f, const char *index, const char *is_null);
  /* @t's fetch helper (one row or all) and, when it has generated columns, its keys helper. */
  void (*emit_fetch)         (Gen *gen, const Table *t);
  void (*emit_keys)          (Gen *gen, const Table *t);
  /* The body of a function that runs @sql with @values and hands the result
   * to the helper for @kind; @t is the table whose rows come back. */
  void (*emit_body)          (Gen *gen, const char *sql, const Value *values, guint n_values,
                              ResultKind kind, const Table *t);
};

extern const CardinalCodegenBackendOps cardinal_codegen_sqlite_ops;
extern const CardinalCodegenBackendOps cardinal_codegen_libpq_ops;

gboolean cardinal_codegen_ctype_is_pointer     (CType        ctype);
/* Text that goes into a C comment must not close it, and stays on one line. */
void     cardinal_codegen_append_comment_text  (GString     *out,
                                                const char  *text);
/* Short SQL as adjacent C string literals (one argument of a call). */
void     cardinal_codegen_append_c_string      (GString     *out,
                                                const char  *text);
/* Whether @sql is too long for one literal, and then the declarations of its
 * pieces and the code that joins them into sql_text. */
gboolean cardinal_codegen_sql_needs_join       (const char  *sql);
void     cardinal_codegen_emit_sql_parts       (Gen         *gen,
                                                const char  *sql);
void     cardinal_codegen_emit_sql_join        (Gen         *gen,
                                                const char  *sql);
/* The README.md of the generated files (cardinal-codegen-readme.c). */
void     cardinal_codegen_emit_readme          (Gen         *gen);

G_END_DECLS
