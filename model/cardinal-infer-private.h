/* cardinal-infer-private.h: infer's rules for default names and roles, shared with the tests' canonical form (tests/cardinal-test-canonical.c). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-infer.h"

G_BEGIN_DECLS

/* Whether @name is the engineer's <table>_<columns>_<suffix> (fitted to the
 * identifier limit). */
gboolean cardinal_infer_name_is_engineer_default   (const char          *name,
                                                    const char          *table,
                                                    const char * const  *columns,
                                                    const char          *suffix);
/* Whether @name is PostgreSQL's own <table>_<columns>_<label>. */
gboolean cardinal_infer_name_is_postgresql_default (const char          *name,
                                                    const char          *table,
                                                    const char * const  *columns,
                                                    const char          *label);
/* Whether @check's name is the one PostgreSQL gives a CHECK on @table,
 * whose columns are @columns (of char *). */
gboolean cardinal_infer_check_name_is_default      (const char          *table,
                                                    GPtrArray           *columns,
                                                    const CardinalCheck *check);
/* The role such that every column is <role>_<key column>, or NULL. */
char    *cardinal_infer_role_from_columns          (const char * const  *columns,
                                                    const char * const  *key);
/* A UNIQUE with nothing but its columns (no INCLUDE, NULLS NOT DISTINCT or
 * deferral), which an attribute's flag can say. */
gboolean cardinal_infer_unique_is_plain            (const CardinalUnique *unique);

G_END_DECLS
