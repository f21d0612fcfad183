/* cardinal-test-support.c: helpers shared by the test executables (examples, models from JSON). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-support.h"

#include <string.h>

/* CARDINAL_EXAMPLES_DIR is set by meson; running a test by hand from the
 * source tree falls back to data/examples there. */
static const char *
examples_dir (void)
{
  static char *dir;

  if (dir == NULL)
    {
      const char *env = g_getenv ("CARDINAL_EXAMPLES_DIR");
      const char *source = g_getenv ("CARDINAL_SOURCE_DIR");

      if (env != NULL && env[0] != '\0')
        dir = g_strdup (env);
      else if (source != NULL && source[0] != '\0')
        dir = g_build_filename (source, "data", "examples", NULL);
      else
        dir = g_build_filename ("data", "examples", NULL);
    }
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
cardinal_test_example_names (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *entry;

  /* A missing directory is an empty list; the caller decides whether that fails. */
  dir = g_dir_open (examples_dir (), 0, NULL);
  if (dir != NULL)
    {
      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          if (g_str_has_suffix (entry, ".cardinal") && strlen (entry) > strlen (".cardinal"))
            g_ptr_array_add (names, g_strndup (entry, strlen (entry) - strlen (".cardinal")));
        }
    }

  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char *
cardinal_test_example_path (const char *name)
{
  g_autofree char *basename = NULL;
  g_autofree char *example = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  basename = g_strconcat (name, ".cardinal", NULL);
  example = g_build_filename (examples_dir (), basename, NULL);
  /* Models that only tests need (hostile names) live in tests/data, not among the examples. */
  if (!g_file_test (example, G_FILE_TEST_EXISTS) && g_getenv ("G_TEST_SRCDIR") != NULL)
    {
      g_autofree char *test_data = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "data", basename, NULL);

      if (g_file_test (test_data, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&test_data);
    }
  return g_steal_pointer (&example);
}

CardinalModel *
cardinal_test_load_example (const char *name)
{
  g_autofree char *path = cardinal_test_example_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CardinalModel *model;

  model = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

CardinalModel *
cardinal_test_model_from_json (const char *json)
{
  g_autoptr(GError) error = NULL;
  CardinalModel *model;

  g_return_val_if_fail (json != NULL, NULL);

  model = cardinal_document_load_data (json, -1, "test.cardinal", &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}
