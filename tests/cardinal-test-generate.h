/* cardinal-test-generate.h: seeded random models for round-trip tests (every strategy but merged, roles, self-references, composite keys, link attributes, hostile names). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean hostile_names;  /* quotes, spaces, reserved words, non-ASCII, long names */
  gboolean checks;         /* CHECK expressions on entities */
  guint    max_entities;   /* 0: a default (7) */
} CardinalTestGenerateOptions;

/* The same @seed gives the same model. The result validates without errors
 * (cardinal_validate): relationships that would not are left out. merged is
 * never produced, since a database cannot show it. */
CardinalModel *cardinal_test_generate_model (guint32                             seed,
                                             const CardinalTestGenerateOptions  *options);

G_END_DECLS
