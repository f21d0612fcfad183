/* test-e2e-example.c: open an example in the real window, delete everything, save, undo, save again. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>

#include "cardinal-test-gui.h"
#include "cardinal-document.h"
#include "cardinal-test-support.h"

static void
test_delete_all_then_undo (void)
{
  CardinalTestGui *gui;
  g_autofree char *source = NULL;
  g_autofree char *path = NULL;
  g_autofree char *original = NULL;
  g_autofree char *emptied = NULL;
  g_autofree char *restored = NULL;
  g_autoptr(CardinalModel) before = NULL;
  g_autoptr(CardinalModel) after_delete = NULL;
  g_autoptr(GError) error = NULL;
  gsize original_length = 0;
  gsize restored_length = 0;
  const char *args[2] = { NULL, NULL };
  gulong window;

  if (!cardinal_test_gui_available ())
    return;

  gui = cardinal_test_gui_new ();
  source = g_build_filename (g_getenv ("CARDINAL_EXAMPLES_DIR"), "blog.cardinal", NULL);
  g_assert_true (g_file_get_contents (source, &original, &original_length, &error));
  g_assert_no_error (error);
  path = cardinal_test_gui_path (gui, "blog.cardinal");
  g_assert_true (g_file_set_contents (path, original, original_length, &error));
  g_assert_no_error (error);

  /* The test is only meaningful if there is something to delete. */
  before = cardinal_test_load_file (path);
  g_assert_cmpuint (before->entities->len, >, 0);
  g_assert_cmpuint (before->relationships->len, >, 0);

  args[0] = path;
  cardinal_test_gui_launch (gui, args);
  window = cardinal_test_gui_wait_window (gui, "blog");
  cardinal_test_gui_focus (gui, window);

  cardinal_test_gui_key (gui, "ctrl+a Delete ctrl+s");
  emptied = cardinal_test_gui_wait_file (gui, path, original, NULL);
  after_delete = cardinal_document_load_data (emptied, -1, path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after_delete->entities->len, ==, 0);
  g_assert_cmpuint (after_delete->relationships->len, ==, 0);
  g_assert_cmpstr (after_delete->name, ==, before->name);

  cardinal_test_gui_key (gui, "ctrl+z ctrl+s");
  restored = cardinal_test_gui_wait_file (gui, path, emptied, &restored_length);
  g_assert_cmpmem (restored, restored_length, original, original_length);

  cardinal_test_gui_free (gui);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/example/delete-all-then-undo", test_delete_all_then_undo);
  return g_test_run ();
}
