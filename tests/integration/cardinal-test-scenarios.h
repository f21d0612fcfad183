/* cardinal-test-scenarios.h: the integration test cases, written once and run on each database backend. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-test-db.h"

G_BEGIN_DECLS

/* Opens an empty database for one test case. Returning NULL without setting
 * @error means the test case has been skipped (or failed) already, for
 * instance when there is no PostgreSQL server. */
typedef CardinalTestDb *(*CardinalTestDbOpenFunc) (GError **error);

/* Registers PREFIX/catalogue/<example> for every example (the DDL's tables
 * read back from the catalogue) and PREFIX/behaviour/<example> for every
 * example with a behaviour scenario (the constraints at work on rows), each
 * case on a database of its own from @open. */
void cardinal_test_scenarios_add (const char             *prefix,
                                  CardinalTestDbOpenFunc  open);

G_END_DECLS
