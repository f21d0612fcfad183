/* cardinal-engineer.h: logical model → physical tables, following the strategy table of DESIGN.md §2. */
#pragma once

#include "cardinal-model.h"
#include "cardinal-physical.h"

G_BEGIN_DECLS

/* Never fails: a relationship that cannot be engineered (a missing entity, a
 * strategy that does not fit) is skipped, and the validator says why. The
 * result is deterministic: same model, same tables in the same order. */
CardinalSchema *cardinal_engineer (const CardinalModel *model);

/* The FK column names a relationship places in the table that holds its key,
 * in the order of the referenced primary key; for link tables, the columns for
 * @referenced. NULL when the entity is missing. Used by the inspector preview
 * and the validator as well. */
GStrv           cardinal_engineer_fk_column_names (const CardinalModel        *model,
                                                   const CardinalRelationship *relationship,
                                                   const char                 *referenced,
                                                   const char                 *role);

G_END_DECLS
