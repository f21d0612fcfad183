/* cardinal-migration.h: a migration plan, the ordered steps that change a live database from one model to another. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-types.h"

G_BEGIN_DECLS

/* The planner (render/cardinal-migration-plan.c) fills a plan from two models
 * whose entities, attributes and relationships are matched by their stable
 * ids; the runner (model/db/cardinal-migrate.c) executes it on a database in one
 * transaction. The plan is plain data so that both the CLI and the window can
 * show it before anything runs. */

typedef enum
{
  CARDINAL_MIGRATION_STEP_SCHEMA,    /* DDL: create, alter, rename, drop */
  CARDINAL_MIGRATION_STEP_DATA,      /* moves or fills rows (INSERT … SELECT, UPDATE) */
  CARDINAL_MIGRATION_STEP_CHECK,     /* a query that must return 0 rows for the plan to go on */
  CARDINAL_MIGRATION_STEP_PRAGMA,    /* SQLite: runs outside the transaction (foreign_keys) */
} CardinalMigrationStepKind;

typedef struct
{
  CardinalMigrationStepKind  kind;
  char                      *table;        /* the table it concerns (grouping in the UI), or NULL */
  char                      *summary;      /* one line for people: "Rename column email to mail" */
  char                      *sql;          /* one or more statements, identifiers quoted */
  gboolean                   loses_data;   /* dropping a table or column, narrowing a type… */
  char                      *count_sql;    /* for loses_data and CHECK steps: SELECT count(*) of the rows it touches, or NULL */
  char                      *refusal;      /* for CHECK steps: what to tell the user when count_sql is not 0 */
} CardinalMigrationStep;

typedef struct
{
  CardinalDialect  dialect;
  GPtrArray       *steps;     /* of CardinalMigrationStep, in execution order */
  GPtrArray       *notes;     /* of char *: what the plan could not carry, possible renames… */
} CardinalMigration;

CardinalMigration     *cardinal_migration_new        (CardinalDialect dialect);
void                   cardinal_migration_free       (CardinalMigration *migration);
CardinalMigrationStep *cardinal_migration_add_step   (CardinalMigration         *migration,
                                                      CardinalMigrationStepKind  kind,
                                                      const char                *table,
                                                      const char                *summary,
                                                      const char                *sql);
void                   cardinal_migration_step_free  (CardinalMigrationStep *step);
/* Whether any step loses data. */
gboolean               cardinal_migration_loses_data (const CardinalMigration *migration);
/* How many steps lose data. */
guint                  cardinal_migration_n_losing   (const CardinalMigration *migration);

/* The steps of one table, as the plan is shown (grouped by table). */
typedef struct
{
  const char *table;   /* the steps' table ("" for the database-wide ones); owned by the plan */
  GArray     *steps;   /* of guint: indices into the plan's steps, in order */
} CardinalMigrationGroup;

/* The plan's steps grouped by table, the tables in the order they first come
 * up; free with g_ptr_array_unref (). In time linear in the steps. */
GPtrArray             *cardinal_migration_group_by_table (const CardinalMigration *migration);
/* The whole plan as one SQL script with a comment line per step (what `diff` prints). */
char                  *cardinal_migration_to_sql     (const CardinalMigration *migration);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalMigration, cardinal_migration_free)

G_END_DECLS
