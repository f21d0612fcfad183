/* cardinal-engineer.h: logical model → physical tables, following DESIGN.md §1 (strategies) and §4 (the engineer's rules). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"
#include "cardinal-physical.h"

G_BEGIN_DECLS

/* Never fails: a relationship that cannot be engineered (a missing entity, a
 * strategy that does not fit) is skipped, and the validator says why. The
 * result is deterministic: same model, same tables in the same order. */
CardinalSchema *cardinal_engineer (const CardinalModel *model);

/* The FK column names a relationship places in the table that holds its key,
 * in the order of the referenced key (entityN-key, else the primary key, FK
 * columns of identifying relationships included); for link tables, the
 * columns for @referenced. The relationship's entityN-columns when they have
 * as many names as that key has columns (the engineer falls back to the
 * default then too), else <@role>_<key column>. In a relationship of an
 * entity with itself, @role tells the sides apart (entity2's role: side 2).
 * NULL when the entity is missing. Used by the inspector preview and the
 * validator as well. */
GStrv           cardinal_engineer_fk_column_names (const CardinalModel        *model,
                                                   const CardinalRelationship *relationship,
                                                   const char                 *referenced,
                                                   const char                 *role);

G_END_DECLS
