/* test-schema-view.c: the Schema page lists types, sequences and SQL objects, and edits an object's SQL as one undoable step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-schema-view.h"
#include "cardinal-types.h"
#include "cardinal-ui-test.h"

static CardinalHistory *
rental_history (void)
{
  CardinalModel *model = cardinal_model_new ("rental");
  CardinalUserType *rating = cardinal_user_type_new ("mpaa_rating", CARDINAL_USER_TYPE_ENUM);
  CardinalUserType *year = cardinal_user_type_new ("year", CARDINAL_USER_TYPE_DOMAIN);
  CardinalSequence *sequence = cardinal_sequence_new ("ticket_seq");

  g_strfreev (rating->values);
  rating->values = g_strsplit ("G,PG,R", ",", -1);
  year->base = g_strdup ("integer");
  g_ptr_array_add (model->types, rating);
  g_ptr_array_add (model->types, year);
  g_ptr_array_add (model->sequences, sequence);
  g_ptr_array_add (model->schemas, g_strdup ("inventory"));
  g_ptr_array_add (model->objects, cardinal_sql_object_new ("film_list", "view", CARDINAL_DIALECT_POSTGRESQL,
                                                            "CREATE VIEW film_list AS SELECT 1 AS one"));
  g_ptr_array_add (model->objects, cardinal_sql_object_new ("stamp()", "function", CARDINAL_DIALECT_POSTGRESQL,
                                                            "CREATE FUNCTION stamp() RETURNS integer LANGUAGE sql AS 'SELECT 1'"));
  return cardinal_history_new (model);
}

static const CardinalSqlObject *
model_object (CardinalHistory *history,
              guint            index)
{
  const CardinalModel *model = cardinal_history_get_model (history);

  g_assert_cmpuint (index, <, model->objects->len);
  return g_ptr_array_index (model->objects, index);
}

static char *
view_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_lists_and_edits (void)
{
  g_autoptr(CardinalHistory) history = rental_history ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CardinalSchemaView *view = CARDINAL_SCHEMA_VIEW (cardinal_schema_view_new ());
  g_autofree char *shown = NULL;
  GtkTextView *sql;

  gtk_window_set_default_size (window, 420, 900);
  gtk_window_set_child (window, GTK_WIDGET (view));
  cardinal_schema_view_set_history (view, history);
  cardinal_ui_test_show (window);

  g_assert_cmpuint (cardinal_schema_view_get_n_types (view), ==, 2);
  g_assert_cmpuint (cardinal_schema_view_get_n_objects (view), ==, 2);
  sql = cardinal_schema_view_get_sql_view (view);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (sql)));

  /* An enum's labels are edited in place: one step, blanks dropped. */
  {
    GtkWidget *labels = cardinal_schema_view_get_type_row (view, 0);
    const CardinalUserType *rating;

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (labels)), ==, "G, PG, R");
    gtk_editable_set_text (GTK_EDITABLE (labels), "G, PG, PG-13, , R");
    g_signal_emit_by_name (labels, "apply");
    rating = g_ptr_array_index (cardinal_history_get_model (history)->types, 0);
    g_assert_cmpuint (g_strv_length (rating->values), ==, 4);
    g_assert_cmpstr (rating->values[2], ==, "PG-13");
    g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Change Enum Labels");
    g_assert_true (cardinal_history_undo (history));
    rating = g_ptr_array_index (cardinal_history_get_model (history)->types, 0);
    g_assert_cmpuint (g_strv_length (rating->values), ==, 3);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (cardinal_schema_view_get_type_row (view, 0))), ==, "G, PG, R");
  }

  /* Choosing the view shows its SQL. */
  g_signal_emit_by_name (cardinal_schema_view_get_object_row (view, 0), "activated");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (sql)));
  shown = view_text (sql);
  g_assert_cmpstr (shown, ==, "CREATE VIEW film_list AS SELECT 1 AS one");

  /* An edit (with a closing semicolon, left out as the format keeps it) is one step. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (sql), "CREATE VIEW film_list AS SELECT 2 AS two;\n", -1);
  g_signal_emit_by_name (cardinal_schema_view_get_apply_button (view), "clicked");
  g_assert_cmpstr (model_object (history, 0)->sql, ==, "CREATE VIEW film_list AS SELECT 2 AS two");
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Edit SQL Object");
  g_assert_nonnull (cardinal_schema_view_get_message (view));

  /* An empty statement is refused with a message and changes nothing. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (sql), "  ;  ", -1);
  g_signal_emit_by_name (cardinal_schema_view_get_apply_button (view), "clicked");
  g_assert_cmpstr (model_object (history, 0)->sql, ==, "CREATE VIEW film_list AS SELECT 2 AS two");
  g_assert_nonnull (strstr (cardinal_schema_view_get_message (view), "remove it instead"));

  /* Undo brings the old text back into the view too. */
  g_assert_true (cardinal_history_undo (history));
  g_clear_pointer (&shown, g_free);
  shown = view_text (sql);
  g_assert_cmpstr (shown, ==, "CREATE VIEW film_list AS SELECT 1 AS one");

  /* Remove the function. */
  g_signal_emit_by_name (cardinal_schema_view_get_object_row (view, 1), "activated");
  g_signal_emit_by_name (cardinal_schema_view_get_remove_button (view), "clicked");
  g_assert_cmpuint (cardinal_history_get_model (history)->objects->len, ==, 1);
  g_assert_cmpuint (cardinal_schema_view_get_n_objects (view), ==, 1);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Remove SQL Object");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (sql)));

  cardinal_ui_test_destroy (window);
}

static void
test_empty (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("empty"));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CardinalSchemaView *view = CARDINAL_SCHEMA_VIEW (cardinal_schema_view_new ());

  gtk_window_set_child (window, GTK_WIDGET (view));
  cardinal_schema_view_set_history (view, history);
  cardinal_ui_test_show (window);
  g_assert_cmpuint (cardinal_schema_view_get_n_types (view), ==, 0);
  g_assert_cmpuint (cardinal_schema_view_get_n_objects (view), ==, 0);
  cardinal_ui_test_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init_adw (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/schema-view/lists-and-edits", test_lists_and_edits);
  g_test_add_func ("/schema-view/empty", test_empty);
  return cardinal_ui_test_run ();
}
