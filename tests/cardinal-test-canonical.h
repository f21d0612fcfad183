/* cardinal-test-canonical.h: what of a model survives engineer → infer, and how two models differ, for round-trip tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"

G_BEGIN_DECLS

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
