/* test-migrate-dialog.c: Compare with Database… in a real window: import an SQLite file, change the design, compare, apply, and read the database back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cardinal-import-dialog.h"
#include "cardinal-migrate-dialog.h"
#include "cardinal-ui-test.h"

/* The database work runs in threads: generous, never slept on. */
#define TASK_TIMEOUT_MS 60000

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* not a new reference */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
has_no_toplevel (gpointer data)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
dialog_settled (gpointer data)
{
  return !cardinal_migrate_dialog_is_busy (data);
}

static gboolean
has_entities (gpointer data)
{
  const CardinalModel *model = cardinal_history_get_model (cardinal_window_get_history (data));

  return !cardinal_window_is_busy (data) && model->entities->len > 0;
}

/* The columns of @table and its rows, as text. */
static char *
read_table (const char *path,
            const char *table)
{
  GString *out = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    g_string_append_printf (out, "%s|", sqlite3_column_name (stmt, c));
  g_string_append_c (out, '\n');
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL ? "NULL"
                                : (const char *) sqlite3_column_text (stmt, c));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
test_compare_and_apply (void)
{
  g_autofree char *dir = g_build_filename (cardinal_ui_test_get_home (), "migrate-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  CardinalWindow *window;
  CardinalHistory *history;
  CardinalMigrateDialog *dialog;
  sqlite3 *db = NULL;

  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, "shop.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL);"
                                 "INSERT INTO customer VALUES (1, 'a@example.org'), (2, 'b@example.org');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  before = read_table (path, "customer");

  /* Import the database into an empty window. */
  window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));
  cardinal_ui_test_show (GTK_WINDOW (window));
  cardinal_import_start (CARDINAL_TASK_HOST (window), path, CARDINAL_DIALECT_SQLITE, CARDINAL_REFLECT_FLAGS_NONE, NULL, NULL);
  g_assert_true (cardinal_ui_test_wait (has_entities, window, TASK_TIMEOUT_MS));
  history = cardinal_window_get_history (window);

  /* Change the design: customer gets a phone. */
  {
    const CardinalEntity *customer = cardinal_model_find_entity (cardinal_history_get_model (history), "customer");
    CardinalEntity *changed;
    CardinalAttribute *phone = cardinal_attribute_new ("phone", "text");

    g_assert_nonnull (customer);
    changed = cardinal_entity_copy (customer);
    phone->nullable = TRUE;
    cardinal_entity_add_attribute (changed, phone);
    g_assert_true (cardinal_history_update_entity (history, "customer", changed, "Add Attribute", &error));
    g_assert_no_error (error);
  }

  /* Compare with Database…: the plan for the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with-database", NULL));
  g_assert_true (cardinal_ui_test_wait (has_toplevel, GSIZE_TO_POINTER (CARDINAL_TYPE_MIGRATE_DIALOG), 10000));
  dialog = CARDINAL_MIGRATE_DIALOG (find_toplevel (CARDINAL_TYPE_MIGRATE_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  /* No plan yet: nothing to apply. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "migrate.apply", NULL) &&
                  cardinal_migrate_dialog_is_busy (dialog));
  cardinal_migrate_dialog_set_target (dialog, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "migrate.compare", NULL));
  g_assert_true (cardinal_ui_test_wait (dialog_settled, dialog, TASK_TIMEOUT_MS));

  if (cardinal_migrate_dialog_get_plan (dialog) == NULL
      && strstr (cardinal_migrate_dialog_get_status (dialog), "no migration planner") != NULL)
    {
      /* The database was read and matched; planning is not in this build yet. */
      after = read_table (path, "customer");
      g_assert_cmpstr (after, ==, before);
      cardinal_ui_test_destroy (GTK_WINDOW (dialog));
      cardinal_ui_test_destroy (GTK_WINDOW (window));
      g_test_skip ("this build has no migration planner yet");
      return;
    }
  g_assert_nonnull (cardinal_migrate_dialog_get_plan (dialog));
  g_assert_cmpuint (cardinal_migrate_dialog_get_plan (dialog)->steps->len, >, 0);
  g_assert_false (cardinal_migration_loses_data (cardinal_migrate_dialog_get_plan (dialog)));

  /* Apply: the dialog goes away once it is in; the rows are kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "migrate.apply", NULL));
  g_assert_true (cardinal_ui_test_wait (has_no_toplevel, GSIZE_TO_POINTER (CARDINAL_TYPE_MIGRATE_DIALOG),
                                        TASK_TIMEOUT_MS));
  after = read_table (path, "customer");
  g_assert_cmpstr (after, ==, "id|email|phone|\n1|a@example.org|NULL|\n2|b@example.org|NULL|\n");

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/migrate-dialog/compare-and-apply", test_compare_and_apply);

  return cardinal_ui_test_run ();
}
