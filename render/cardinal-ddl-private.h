/* cardinal-ddl-private.h: what the DDL renderer shares with the migration planner, so that both spell an object alike. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

/* Appends the options of @sequence (may be NULL: nothing) that are not the
 * engine's defaults, each after a space: " START WITH 10 INCREMENT BY 2 …". */
void cardinal_ddl_append_sequence_options (GString                *out,
                                           const CardinalSequence *sequence);

G_END_DECLS
