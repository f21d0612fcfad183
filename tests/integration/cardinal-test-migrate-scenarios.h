/* cardinal-test-migrate-scenarios.h: the migration scenarios (old model, edit, rows, check query) shared by test-migrate and compare-migrate-peers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-ddl.h"
#include "cardinal-model.h"

G_BEGIN_DECLS

typedef void (*CardinalTestMigrateEditFunc) (CardinalModel *model);
typedef gboolean (*CardinalTestMigrateExecFunc) (gpointer db, const char *sql, GError **error);
typedef gboolean (*CardinalTestMigrateCountFunc) (gpointer db, const char *sql, gint64 *count, GError **error);

typedef struct
{
  const char                 *name;
  const char                 *example;       /* the old model */
  CardinalTestMigrateEditFunc edit;          /* makes the new model from a copy (ids kept) */
  const char                 *rows;          /* INSERTs into the old database */
  const char                 *query;         /* read after the migration … */
  const char                 *expected;      /* … rows joined by ";", values by "|" */
  gboolean                    refused;       /* the plan must refuse and change nothing */
  const char                 *json;          /* the old model as a document, when @example is NULL */
  int                         loses;         /* 0: no step loses data; else the rows the first such step counts */
  gboolean                    values_change; /* by design (a key takes the FK's values, a default fills NULLs) */
  const char                 *pg_query;      /* PostgreSQL only, read after the migration … */
  const char                 *pg_expected;   /* … as @expected */
  const char                 *pg_setup;      /* PostgreSQL only, run after @rows (grants) */
} CardinalTestMigrateScenario;

extern const CardinalTestMigrateScenario cardinal_test_migrate_scenarios[];
extern const guint cardinal_test_migrate_n_scenarios;

CardinalModel *cardinal_test_migrate_load_old (const CardinalTestMigrateScenario *scenario);
char          *cardinal_test_migrate_ddl (CardinalModel   *model,
                                          CardinalDialect  dialect);

/* Executors for the plans' steps: SQLite takes a sqlite3 *, PostgreSQL a PGconn *. */
gboolean cardinal_test_migrate_sqlite_exec (gpointer    db,
                                            const char *sql,
                                            GError    **error);
gboolean cardinal_test_migrate_sqlite_count (gpointer    db,
                                             const char *sql,
                                             gint64     *count,
                                             GError    **error);
gboolean cardinal_test_migrate_pg_exec (gpointer    db,
                                        const char *sql,
                                        GError    **error);
gboolean cardinal_test_migrate_pg_count (gpointer    db,
                                         const char *sql,
                                         gint64     *count,
                                         GError    **error);

G_END_DECLS
