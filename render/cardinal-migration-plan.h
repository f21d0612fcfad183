/* cardinal-migration-plan.h: the planner, which compares two models through their stable ids and writes the steps that migrate a live database (DESIGN.md §7). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-migration.h"
#include "cardinal-model.h"
#include "cardinal-physical.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_MIGRATION_PLAN_ERROR (cardinal_migration_plan_error_quark ())

typedef enum
{
  CARDINAL_MIGRATION_PLAN_ERROR_INVALID,  /* a model without ids, or a dialect the planner does not know */
} CardinalMigrationPlanError;

GQuark             cardinal_migration_plan_error_quark (void);

/* The steps that turn a database made from @old_model (its DDL for @dialect)
 * into one made from @new_model, keeping every row @new_model can hold:
 * tables and columns are matched through the ids of the entities,
 * attributes and relationships they come from, and where a relationship's
 * strategy or answers change, the rows move with it (INSERT … SELECT,
 * UPDATE … from the old tables) before anything is dropped. What cannot be
 * done safely is a CHECK step that refuses with a count. Never mutates the
 * models; ids missing on either side are derived from the names, on copies. */
CardinalMigration *cardinal_migration_plan (CardinalModel    *old_model,
                                            CardinalModel    *new_model,
                                            CardinalDialect   dialect,
                                            GError          **error);
/* The same with the models' schemas (cardinal_engineer ()) when the caller
 * has them already, NULL for one to be made here; neither is changed. */
CardinalMigration *cardinal_migration_plan_with_schemas (CardinalModel    *old_model,
                                                         CardinalSchema   *old_engineered,
                                                         CardinalModel    *new_model,
                                                         CardinalSchema   *new_engineered,
                                                         CardinalDialect   dialect,
                                                         GError          **error);

G_END_DECLS
