/* cardinal-generate-model.h: deterministic large models (every strategy, roles, an optional hub) for benchmarks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"

G_BEGIN_DECLS

/* @n_entities entities (at least 1) with 3–8 attributes each and about as many
 * relationships, mixing every strategy, some roles and self-relationships.
 * With @hub, entity "hub" is referenced by every other table (fk). The same
 * arguments always give the same model. It is meant to validate with no
 * errors; callers that care check it with cardinal_validate(). */
CardinalModel *cardinal_generate_model (guint    n_entities,
                                        guint32  seed,
                                        gboolean hub);

/* The same schema in DBML (dbdiagram.io's language), written from the tables
 * the engineer produces so that other tools get exactly the same work. */
char          *cardinal_generate_dbml  (const CardinalModel *model);

G_END_DECLS
