/* cardinal-test-support.h: helpers shared by the test executables (examples, temp dirs). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"
#include "cardinal-document.h"

G_BEGIN_DECLS

/* Names of the example models in data/examples, without ".cardinal", sorted. */
GStrv          cardinal_test_example_names (void);
/* Path of an example file, or of a test-only model in tests/data (newly allocated). */
char          *cardinal_test_example_path  (const char *name);
/* Loads an example or fails the test. */
CardinalModel *cardinal_test_load_example  (const char *name);
/* Loads a model from JSON text or fails the test. */
CardinalModel *cardinal_test_model_from_json (const char *json);

G_END_DECLS
