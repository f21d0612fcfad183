/* cardinal-test-support.c: helpers shared by the test executables (examples, models from JSON). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-support.h"

#include <string.h>

#include <glib/gstdio.h>

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

void
cardinal_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      cardinal_test_remove_tree (child);
    }
  g_rmdir (path);
}

char *
cardinal_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

CardinalModel *
cardinal_test_load_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CardinalModel *model = cardinal_document_load_file (file, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

gboolean
cardinal_test_notes_have (GPtrArray  *notes,
                          const char *part)
{
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    if (strstr (g_ptr_array_index (notes, i), part) != NULL)
      return TRUE;
  return FALSE;
}

void
cardinal_test_sqlite_append_rows (GString      *out,
                                  sqlite3_stmt *stmt)
{
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL ? "NULL"
                                : (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
}
