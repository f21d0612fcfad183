/* cardinal-infer.h: physical tables → logical model, the engineer's strategy table read backwards (DESIGN.md §1, §4.5). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"
#include "cardinal-physical.h"

G_BEGIN_DECLS

/* Never fails. Recognises per foreign key unique-fk, shared-pk, fk
 * (identifying when its columns are part of a larger primary key),
 * link-table, link-table-pk and association objects, roles from FK column
 * names (explicit entityN-columns where no role explains them), entityN-key
 * for references to a UNIQUE, participation from NOT NULL and the FKs'
 * actions and options. Format 2 keeps what a real schema has (DESIGN.md
 * §3): FK columns the engineer would not append by itself are claimed
 * attributes in place (all of a table's, or none), UNIQUEs and indexes
 * beyond the attributes' flags are the entity's, a link table's options are
 * the relationship's link, names are kept unless they are the ones the
 * engine or the engineer would give (then NULL), and the schema-wide objects
 * are copied. Whatever fits no pattern stays plain columns or a table with
 * plain fk relationships, with a warning diagnostic (CardinalDiagnostic,
 * code "INFER…") in @diagnostics saying why. Entities get no positions
 * (x = y = 0); arranging is the caller's business. @diagnostics may be NULL.
 *
 * table->entity and ->relationship are ignored, so a schema reflected from a
 * database and one straight from the engineer infer alike.
 *
 * Which side is entity1: the referenced table of an fk, unique-fk or
 * shared-pk (an fk is always inferred one-to-many: a many-to-one fk builds
 * the same tables); for a link table, the table whose key columns come first
 * in the link table's primary key (or, with its own key, in the UNIQUE).
 * Relationships of one holder table are ordered as their FK columns stand.
 *
 * Entity names are the tables' names, "schema.table" (with "table" set)
 * when two schemas have a table of that name. Relationship names: a
 * database keeps none, so a link-table relationship is named after its link
 * table and the others "<entity1>_<entity2>", or "<role>_<entity2>" with a
 * role, made unique with "_2", "_3"…. link-table is left NULL when the
 * table's name is the default <entity1>_<entity2>. */
CardinalModel *cardinal_infer (const CardinalSchema  *schema,
                               const char            *model_name,
                               GPtrArray            **diagnostics);

G_END_DECLS
