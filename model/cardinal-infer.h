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

/* What of @model survives engineer → infer: the model that
 * cardinal_infer (cardinal_engineer (@model)) equals, compared as
 * cardinal_infer_difference () does. It drops relationships the engineer
 * skips, folds merged entities into their hosts, turns many-to-one fk into
 * one-to-many, keeps only participation the DDL enforces, applies the
 * engineer's column rules to attributes (a key is NOT NULL and never
 * unique/indexed on top, a unique column needs no index, autoincrement only
 * on a key, none on a shared-pk dependent's key), and writes roles and the
 * link table's name as NULL where they are the defaults. For format 2 it
 * also writes default names, keys, key orders and per-side actions as
 * NULL / inherited, explicit FK columns a role explains as that role,
 * single-column UNIQUEs and indexes as the attributes' flags, and claimed
 * attributes as infer reads them back. */
CardinalModel *cardinal_infer_canonical  (const CardinalModel *model);

/* NULL when @expected and @actual agree on everything a database keeps,
 * otherwise the first difference in words, naming the entity, attribute or
 * relationship and the field. Compared: the model-wide objects (dialect,
 * schemas, extensions, types, sequences, SQL objects); the set of entities
 * by name (not their order, positions or color), each entity's comment,
 * CHECKs, table, table options, UNIQUEs, indexes, key name and order, and
 * attributes in order with every field; the set of relationships, matched
 * by entity1, entity2, kind, strategy, roles and link table (not by name or
 * order), then participation, actions, FK columns, keys and names, FK
 * options, identifying, index, link options and link attributes in order.
 * The model's name is not compared, nor the dialect when @expected has
 * none (a portable model read back from a database has that database's). */
char          *cardinal_infer_difference (const CardinalModel *expected,
                                          const CardinalModel *actual);

G_END_DECLS
