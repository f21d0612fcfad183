/* test-migrate-dialog.c: Compare with Database… in a real window: import an SQLite file, change the design, compare, apply, and read the database back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cardinal-canvas.h"
#include "cardinal-import-dialog.h"
#include "cardinal-inspector-private.h"
#include "cardinal-migrate-dialog.h"
#include "cardinal-test-support.h"
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

/* The columns of @table and its rows in the order of its first two columns, as text. */
static char *
read_table (const char *path,
            const char *table)
{
  GString *out = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    g_string_append_printf (out, "%s|", sqlite3_column_name (stmt, c));
  g_string_append_c (out, '\n');
  cardinal_test_sqlite_append_rows (out, stmt);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* A new SQLite file "shop.db" in a new directory under the test home, made
 * by @sql; newly allocated path. */
static char *
new_shop_database (const char *sql)
{
  g_autofree char *dir = g_build_filename (cardinal_ui_test_get_home (), "migrate-XXXXXX", NULL);
  char *path;
  sqlite3 *db = NULL;

  g_assert_nonnull (g_mkdtemp (dir));
  path = g_build_filename (dir, "shop.db", NULL);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
test_compare_and_apply (void)
{
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  CardinalWindow *window;
  CardinalHistory *history;
  CardinalMigrateDialog *dialog;

  path = new_shop_database ("CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL);"
                            "INSERT INTO customer VALUES (1, 'a@example.org'), (2, 'b@example.org');");
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

static gboolean
shows_relationship_page (gpointer data)
{
  return g_strcmp0 (cardinal_inspector_get_page (data), "relationship") == 0;
}

typedef struct
{
  CardinalHistory *history;
  const char      *name;
} RelationshipWait;

static gboolean
is_many_to_many (gpointer data)
{
  RelationshipWait *wait = data;
  const CardinalRelationship *relationship = cardinal_model_find_relationship (cardinal_history_get_model (wait->history),
                                                                                 wait->name);

  return relationship != NULL && relationship->kind == CARDINAL_KIND_MANY_TO_MANY;
}

/* The name of the one table of @path that is neither "customer" nor "orders". */
static char *
other_table (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *name = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " AND name NOT IN ('customer', 'orders') AND name NOT LIKE 'sqlite_%'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return name;
}

/* The first AdwPreferencesRow under @widget whose title contains @text. */
static GtkWidget *
find_row_containing (GtkWidget  *widget,
                     const char *text)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_containing (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The story: import a database, make its one-to-many relationship
 * many-to-many in the inspector, Compare with Database, read a plan that
 * keeps every row, apply it; every order is still linked to its customer. */
static void
test_one_to_many_becomes_many_to_many (void)
{
  g_autofree char *path = NULL;
  g_autofree char *customers = NULL;
  g_autofree char *link = NULL;
  g_autofree char *links = NULL;
  g_autofree char *name = NULL;
  CardinalWindow *window;
  CardinalHistory *history;
  CardinalInspector *inspector;
  CardinalMigrateDialog *dialog;
  const CardinalModel *model;
  const CardinalRelationship *relationship;
  const CardinalMigration *plan;
  RelationshipWait wait;

  path = new_shop_database ("CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL);"
                            "CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL,"
                            " customer_id INTEGER NOT NULL REFERENCES customer (id));"
                            "INSERT INTO customer VALUES (1, 'a@example.org'), (2, 'b@example.org');"
                            "INSERT INTO orders VALUES (10, 5, 1), (11, 7, 1), (12, 9, 2);");
  customers = read_table (path, "customer");

  window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));
  cardinal_ui_test_show (GTK_WINDOW (window));
  cardinal_import_start (CARDINAL_TASK_HOST (window), path, CARDINAL_DIALECT_SQLITE, CARDINAL_REFLECT_FLAGS_NONE, NULL, NULL);
  g_assert_true (cardinal_ui_test_wait (has_entities, window, TASK_TIMEOUT_MS));
  history = cardinal_window_get_history (window);
  model = cardinal_history_get_model (history);
  g_assert_cmpuint (model->relationships->len, ==, 1);
  relationship = g_ptr_array_index (model->relationships, 0);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  name = g_strdup (relationship->name);

  /* Select the relationship; the inspector shows its question pair. The
   * question answered No is the one to turn to Yes. */
  {
    const char *selection[] = { name, NULL };
    gboolean q1 = FALSE;
    gboolean q2 = FALSE;
    GtkToggleButton *yes;

    cardinal_canvas_select (CARDINAL_CANVAS (cardinal_window_get_canvas (window)), NULL, selection);
    inspector = CARDINAL_INSPECTOR (cardinal_ui_test_find_descendant (GTK_WIDGET (window), CARDINAL_TYPE_INSPECTOR));
    g_assert_nonnull (inspector);
    g_assert_true (cardinal_ui_test_wait (shows_relationship_page, inspector, 10000));
    g_assert_true (gtk_toggle_button_get_active (cardinal_inspector_get_answer_button (inspector, CARDINAL_QUESTION_Q1, TRUE))
                   || gtk_toggle_button_get_active (cardinal_inspector_get_answer_button (inspector, CARDINAL_QUESTION_Q2, TRUE)));
    q1 = gtk_toggle_button_get_active (cardinal_inspector_get_answer_button (inspector, CARDINAL_QUESTION_Q1, TRUE));
    q2 = gtk_toggle_button_get_active (cardinal_inspector_get_answer_button (inspector, CARDINAL_QUESTION_Q2, TRUE));
    g_assert_true (q1 != q2);
    yes = cardinal_inspector_get_answer_button (inspector, q1 ? CARDINAL_QUESTION_Q2 : CARDINAL_QUESTION_Q1, TRUE);
    g_assert_true (gtk_widget_activate (GTK_WIDGET (yes)));
    wait.history = history;
    wait.name = name;
    g_assert_true (cardinal_ui_test_wait (is_many_to_many, &wait, 10000));
  }
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (history), name);
  g_assert_cmpint (relationship->strategy, ==, cardinal_kind_default_strategy (CARDINAL_KIND_MANY_TO_MANY));

  /* Compare: a plan that keeps every row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.compare-with-database", NULL));
  g_assert_true (cardinal_ui_test_wait (has_toplevel, GSIZE_TO_POINTER (CARDINAL_TYPE_MIGRATE_DIALOG), 10000));
  dialog = CARDINAL_MIGRATE_DIALOG (find_toplevel (CARDINAL_TYPE_MIGRATE_DIALOG));
  cardinal_migrate_dialog_set_target (dialog, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "migrate.compare", NULL));
  g_assert_true (cardinal_ui_test_wait (dialog_settled, dialog, TASK_TIMEOUT_MS));
  plan = cardinal_migrate_dialog_get_plan (dialog);
  g_assert_nonnull (plan);
  g_assert_cmpuint (plan->steps->len, >, 0);
  g_assert_false (cardinal_migration_loses_data (plan));
  /* The plan says the pairs move before any step does. */
  g_assert_nonnull (find_row_containing (GTK_WIDGET (dialog), "pairs move from an FK column to a link table"));

  /* Apply: the customers are as they were, each order keeps its customer
   * through the new link table, and the FK column is gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "migrate.apply", NULL));
  g_assert_true (cardinal_ui_test_wait (has_no_toplevel, GSIZE_TO_POINTER (CARDINAL_TYPE_MIGRATE_DIALOG),
                                        TASK_TIMEOUT_MS));
  {
    g_autofree char *after = read_table (path, "customer");
    g_autofree char *orders = read_table (path, "orders");

    g_assert_cmpstr (after, ==, customers);
    g_assert_cmpstr (orders, ==, "id|total|\n10|5|\n11|7|\n12|9|\n");
  }
  link = other_table (path);
  links = read_table (path, link);
  /* The link table's columns are named by the engineer; its rows are the pairs. */
  g_test_message ("%s: %s", link, links);
  if (!g_str_has_suffix (links, "|\n1|10|\n1|11|\n2|12|\n"))
    g_assert_true (g_str_has_suffix (links, "|\n10|1|\n11|1|\n12|2|\n"));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/migrate-dialog/compare-and-apply", test_compare_and_apply);
  g_test_add_func ("/migrate-dialog/one-to-many-becomes-many-to-many", test_one_to_many_becomes_many_to_many);

  return cardinal_ui_test_run ();
}
