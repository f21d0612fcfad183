/* cardinal-test-schema.h: physical schemas built by hand in tests (tables, columns, keys, foreign keys, indexes), as a database would hold them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-physical.h"

G_BEGIN_DECLS

/* Each adds to its container and returns what it added (owned by it). */
CardinalTable      *cardinal_test_add_table       (CardinalSchema *schema,
                                                   const char     *name);
CardinalColumn     *cardinal_test_add_column      (CardinalTable  *table,
                                                   const char     *name,
                                                   const char     *type,
                                                   gboolean        nullable);
/* Takes @columns. */
void                cardinal_test_set_primary_key (CardinalTable  *table,
                                                   GStrv           columns);
/* Takes @columns and @ref_columns. */
CardinalForeignKey *cardinal_test_add_foreign_key (CardinalTable    *table,
                                                   const char       *name,
                                                   GStrv             columns,
                                                   const char       *ref_table,
                                                   GStrv             ref_columns,
                                                   CardinalOnDelete  on_delete);
/* Takes @columns. */
CardinalIndex      *cardinal_test_add_index       (CardinalTable  *table,
                                                   const char     *name,
                                                   GStrv           columns,
                                                   gboolean        unique);

/* The index of @table named @name, or NULL. */
const CardinalIndex *cardinal_test_find_index     (const CardinalTable *table,
                                                   const char          *name);

G_END_DECLS
