/* test-columns.c: attributes typed into the inspector with real key events (XTEST, through xdotool): one line each, Enter to the next, completion, errors, Escape, one undo step per line. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <gdk/x11/gdkx.h>

#include "cardinal-attribute-row.h"
#include "cardinal-canvas-private.h"
#include "cardinal-inspector-private.h"
#include "cardinal-types.h"
#include "cardinal-ui-test.h"

/* The bound: a column, flags and default included, in fewer keys than this. */
#define MAX_KEYSTROKES_PER_COLUMN 30
#define WAIT_MS 10000

typedef struct
{
  GtkWindow               *window;
  CardinalInspector       *inspector;
  CardinalAttributeEditor *editor;
  CardinalHistory         *history;
  guint                    keystrokes;  /* sent since the count was last reset */
} Fixture;

static const CardinalEntity *
order_entity (Fixture *fixture)
{
  const CardinalEntity *entity = cardinal_model_find_entity (cardinal_history_get_model (fixture->history), "order");

  g_assert_nonnull (entity);
  return entity;
}

static guint
n_attributes (Fixture *fixture)
{
  return order_entity (fixture)->attributes->len;
}

static const CardinalAttribute *
attribute_at (Fixture *fixture,
              guint    index)
{
  const CardinalEntity *entity = order_entity (fixture);

  g_assert_cmpuint (index, <, entity->attributes->len);
  return g_ptr_array_index (entity->attributes, index);
}

static gboolean
window_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

static void focus_window (Fixture *fixture);

static void
xdotool_done (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;

  if (!g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error))
    g_error ("xdotool: %s", error->message);
  *(gboolean *) data = TRUE;
}

/* Runs xdotool while the main loop goes on, so that the window takes the
 * events as they come, as from a person, not all at once afterwards. */
static void
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, xdotool_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The X input focus on the test window, as a click on it would give (there
 * is no window manager under Xvfb). */
static void
focus_window (Fixture *fixture)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (fixture->window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *argv[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

  /* Focusing again would send focus-out and focus-in: leave it be. */
  if (gtk_window_is_active (fixture->window))
    return;
  run_xdotool (argv);
  g_assert_true (cardinal_ui_test_wait (window_active, fixture->window, WAIT_MS));
}

/* Real key presses: @names are xdotool key names ("Tab", "shift+Tab",
 * "space"), each one keystroke. */
static void
keys (Fixture    *fixture,
      const char *names)
{
  g_auto(GStrv) split = g_strsplit (names, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  focus_window (fixture);
  g_ptr_array_add (argv, (gpointer) "xdotool");
  g_ptr_array_add (argv, (gpointer) "key");
  g_ptr_array_add (argv, (gpointer) "--delay");
  g_ptr_array_add (argv, (gpointer) "15");
  for (guint i = 0; split[i] != NULL; i++)
    {
      g_ptr_array_add (argv, split[i]);
      fixture->keystrokes++;
    }
  g_ptr_array_add (argv, NULL);
  run_xdotool ((const char * const *) argv->pdata);
}

/* Real key presses for @text, one keystroke a character. */
static void
type (Fixture    *fixture,
      const char *text)
{
  const char *argv[] = { "xdotool", "type", "--delay", "15", "--", text, NULL };

  focus_window (fixture);
  run_xdotool (argv);
  fixture->keystrokes += g_utf8_strlen (text, -1);
}

static CardinalHistory *
shop_history (void)
{
  CardinalModel *model = cardinal_model_new ("shop");
  CardinalEntity *customer = cardinal_entity_new ("customer");
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");
  CardinalUserType *status = cardinal_user_type_new ("order_status", CARDINAL_USER_TYPE_ENUM);
  const char * const values[] = { "open", "paid", "sent", NULL };

  id->primary_key = TRUE;
  id->nullable = FALSE;

  cardinal_entity_add_attribute (customer, id);
  cardinal_model_add_entity (model, customer);
  /* A PostgreSQL model with an enum of its own, which the type field offers too. */
  model->has_dialect = TRUE;
  model->dialect = CARDINAL_DIALECT_POSTGRESQL;
  status->values = g_strdupv ((char **) values);
  g_ptr_array_add (model->types, status);
  return cardinal_history_new (model);
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  fixture->history = shop_history ();
  /* A new entity, as the Entity button makes it: no attributes. */
  g_assert_true (cardinal_history_add_entity (fixture->history, cardinal_entity_new ("order"), &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 400, 900);
  fixture->inspector = CARDINAL_INSPECTOR (cardinal_inspector_new ());
  fixture->editor = cardinal_inspector_get_attribute_editor (fixture->inspector);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  cardinal_inspector_set_history (fixture->inspector, fixture->history);
  cardinal_inspector_show_entity (fixture->inspector, "order");
  cardinal_ui_test_show (fixture->window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  focus_window (fixture);
}

static void
fixture_close (Fixture *fixture)
{
  cardinal_ui_test_destroy (fixture->window);
  g_clear_object (&fixture->history);
}

static GtkWidget *
field (Fixture                *fixture,
       guint                   index,
       CardinalAttributeField  which)
{
  GtkWidget *widget = cardinal_attribute_editor_get_field (fixture->editor, index, which);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
text_of (Fixture                *fixture,
         guint                   index,
         CardinalAttributeField  which)
{
  return gtk_editable_get_text (GTK_EDITABLE (field (fixture, index, which)));
}

typedef struct
{
  Fixture                *fixture;
  guint                   index;
  CardinalAttributeField  field;
  guint                   attributes;
  const char             *text;
} Expect;

static gboolean
focus_in (gpointer data)
{
  Expect *expect = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (expect->fixture->window));
  GtkWidget *widget = cardinal_attribute_editor_get_field (expect->fixture->editor, expect->index, expect->field);

  return focus != NULL && widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
has_attributes (gpointer data)
{
  Expect *expect = data;

  return n_attributes (expect->fixture) == expect->attributes && focus_in (data);
}

static gboolean
shows_text (gpointer data)
{
  Expect *expect = data;
  GtkWidget *widget = cardinal_attribute_editor_get_field (expect->fixture->editor, expect->index, expect->field);

  return widget != NULL && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), expect->text) == 0;
}

static gboolean
shows_error (gpointer data)
{
  Expect *expect = data;

  return cardinal_attribute_editor_get_error (expect->fixture->editor, expect->index) != NULL;
}

/* Waits until the model has @count attributes and the focus is on the empty
 * line after them, ready for the next. */
static void
wait_added (Fixture *fixture,
            guint    count)
{
  Expect expect = { fixture, count, CARDINAL_ATTRIBUTE_FIELD_NAME, count, NULL };

  g_assert_true (cardinal_ui_test_wait (has_attributes, &expect, WAIT_MS));
}

static void
wait_focus (Fixture                *fixture,
            guint                   index,
            CardinalAttributeField  which)
{
  Expect expect = { fixture, index, which, 0, NULL };

  g_assert_true (cardinal_ui_test_wait (focus_in, &expect, WAIT_MS));
}

static void
wait_text (Fixture                *fixture,
           guint                   index,
           CardinalAttributeField  which,
           const char             *text)
{
  Expect expect = { fixture, index, which, 0, text };

  g_assert_true (cardinal_ui_test_wait (shows_text, &expect, WAIT_MS));
}

static void
wait_error (Fixture *fixture,
            guint    index)
{
  Expect expect = { fixture, index, CARDINAL_ATTRIBUTE_FIELD_NAME, 0, NULL };

  g_assert_true (cardinal_ui_test_wait (shows_error, &expect, WAIT_MS));
}

/* Five columns typed into a new entity, each in under 30 keystrokes
 * (its name, its type, its flags, its default and the Enter). */
static void
test_five_columns (void)
{
  Fixture fixture = { 0 };
  guint counts[5];
  const CardinalAttribute *attribute;

  fixture_open (&fixture);
  g_assert_cmpuint (n_attributes (&fixture), ==, 0);

  /* The Add button (or a click on it) puts the focus on the empty line. */
  g_signal_emit_by_name (cardinal_attribute_editor_get_add_button (fixture.editor), "clicked");
  wait_focus (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_NAME);

  /* id integer PK: "in" completes to integer, Tab takes it and goes on to PK. */
  fixture.keystrokes = 0;
  type (&fixture, "id");
  keys (&fixture, "Tab");
  type (&fixture, "in");
  wait_text (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY, "integer");
  keys (&fixture, "Tab space Return");
  wait_added (&fixture, 1);
  counts[0] = fixture.keystrokes;

  /* email varchar(255) not null unique. */
  fixture.keystrokes = 0;
  type (&fixture, "email");
  keys (&fixture, "Tab");
  type (&fixture, "va");
  keys (&fixture, "Tab");
  wait_focus (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY);
  keys (&fixture, "Tab space Tab space Return");
  wait_added (&fixture, 2);
  counts[1] = fixture.keystrokes;

  /* total numeric = 0: past the three toggles to the default. */
  fixture.keystrokes = 0;
  type (&fixture, "total");
  keys (&fixture, "Tab");
  type (&fixture, "nu");
  keys (&fixture, "Tab Tab Tab Tab");
  wait_focus (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_DEFAULT);
  type (&fixture, "0");
  keys (&fixture, "Return");
  wait_added (&fixture, 3);
  counts[2] = fixture.keystrokes;

  /* paid boolean = false, then Shift+Tab back to NN after the default. */
  fixture.keystrokes = 0;
  type (&fixture, "paid");
  keys (&fixture, "Tab");
  type (&fixture, "bo");
  keys (&fixture, "Tab Tab Tab Tab");
  type (&fixture, "false");
  keys (&fixture, "shift+Tab shift+Tab");
  wait_focus (&fixture, 3, CARDINAL_ATTRIBUTE_FIELD_NOT_NULL);
  keys (&fixture, "space Return");
  wait_added (&fixture, 4);
  counts[3] = fixture.keystrokes;

  /* placed timestamptz not null = now(): "timestampt" is enough. */
  fixture.keystrokes = 0;
  type (&fixture, "placed");
  keys (&fixture, "Tab");
  type (&fixture, "timestampt");
  wait_text (&fixture, 4, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY, "timestamptz");
  keys (&fixture, "Tab Tab space Tab Tab");
  type (&fixture, "now()");
  keys (&fixture, "Return");
  wait_added (&fixture, 5);
  counts[4] = fixture.keystrokes;

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_test_message ("column %u: %u keystrokes", i + 1, counts[i]);
      g_assert_cmpuint (counts[i], <, MAX_KEYSTROKES_PER_COLUMN);
    }

  attribute = attribute_at (&fixture, 0);
  g_assert_cmpstr (attribute->name, ==, "id");
  g_assert_cmpstr (attribute->type, ==, "integer");
  g_assert_true (attribute->primary_key);
  g_assert_false (attribute->nullable);
  g_assert_false (attribute->unique);
  g_assert_null (attribute->default_value);

  attribute = attribute_at (&fixture, 1);
  g_assert_cmpstr (attribute->name, ==, "email");
  g_assert_cmpstr (attribute->type, ==, "varchar(255)");
  g_assert_false (attribute->primary_key);
  g_assert_false (attribute->nullable);
  g_assert_true (attribute->unique);
  g_assert_null (attribute->default_value);

  attribute = attribute_at (&fixture, 2);
  g_assert_cmpstr (attribute->name, ==, "total");
  g_assert_cmpstr (attribute->type, ==, "numeric");
  g_assert_false (attribute->primary_key);
  g_assert_true (attribute->nullable);
  g_assert_false (attribute->unique);
  g_assert_cmpstr (attribute->default_value, ==, "0");

  attribute = attribute_at (&fixture, 3);
  g_assert_cmpstr (attribute->name, ==, "paid");
  g_assert_cmpstr (attribute->type, ==, "boolean");
  g_assert_false (attribute->nullable);
  g_assert_false (attribute->unique);
  g_assert_cmpstr (attribute->default_value, ==, "false");

  attribute = attribute_at (&fixture, 4);
  g_assert_cmpstr (attribute->name, ==, "placed");
  g_assert_cmpstr (attribute->type, ==, "timestamptz");
  g_assert_false (attribute->primary_key);
  g_assert_false (attribute->nullable);
  g_assert_cmpstr (attribute->default_value, ==, "now()");

  /* Each line was one step: one Undo takes back exactly the last one. */
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Attribute");
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_cmpuint (n_attributes (&fixture), ==, 4);
  g_assert_cmpstr (attribute_at (&fixture, 3)->name, ==, "paid");
  g_assert_cmpstr (attribute_at (&fixture, 3)->default_value, ==, "false");
  g_assert_cmpstr (attribute_at (&fixture, 0)->name, ==, "id");
  g_assert_true (attribute_at (&fixture, 0)->primary_key);
  for (guint i = 0; i < 4; i++)
    g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_cmpuint (n_attributes (&fixture), ==, 0);
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Entity");

  fixture_close (&fixture);
}

/* Mistakes stay where they were typed, with the reason; Escape takes a line back. */
static void
test_errors_and_escape (void)
{
  Fixture fixture = { 0 };
  g_autofree char *long_name = g_strnfill (70, 'x');
  const char *error;

  fixture_open (&fixture);
  g_signal_emit_by_name (cardinal_attribute_editor_get_add_button (fixture.editor), "clicked");
  wait_focus (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_NAME);
  type (&fixture, "code");
  keys (&fixture, "Tab");
  type (&fixture, "te");
  keys (&fixture, "Return");
  wait_added (&fixture, 1);
  g_assert_cmpstr (attribute_at (&fixture, 0)->type, ==, "text");

  /* The model's own enum is offered, and the dialect's spellings are read. */
  type (&fixture, "status");
  keys (&fixture, "Tab");
  type (&fixture, "ord");
  keys (&fixture, "Return");
  wait_added (&fixture, 2);
  g_assert_cmpstr (attribute_at (&fixture, 1)->type, ==, "order_status");
  type (&fixture, "doc");
  keys (&fixture, "Tab");
  type (&fixture, "JSONB");
  keys (&fixture, "Return");
  wait_added (&fixture, 3);
  g_assert_cmpstr (attribute_at (&fixture, 2)->type, ==, "json");
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_true (cardinal_history_undo (fixture.history));
  wait_added (&fixture, 1);

  /* A name taken already: said on the line, the text kept, nothing changed. */
  type (&fixture, "Code");
  keys (&fixture, "Return");
  wait_error (&fixture, 1);
  g_assert_nonnull (strstr (cardinal_attribute_editor_get_error (fixture.editor, 1), "already"));
  g_assert_cmpstr (text_of (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME), ==, "Code");
  g_assert_cmpuint (n_attributes (&fixture), ==, 1);

  /* Escape empties the new line again and clears the error. */
  keys (&fixture, "Escape");
  wait_text (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME, "");
  g_assert_null (cardinal_attribute_editor_get_error (fixture.editor, 1));

  /* A malformed type is refused with the catalogue's reason. */
  type (&fixture, "label");
  keys (&fixture, "Tab");
  type (&fixture, "varchar(x)");
  keys (&fixture, "Return");
  wait_error (&fixture, 1);
  g_assert_nonnull (strstr (cardinal_attribute_editor_get_error (fixture.editor, 1), "varchar"));
  g_assert_cmpstr (text_of (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY), ==, "varchar(x)");
  g_assert_true (gtk_widget_has_css_class (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY), "error"));
  g_assert_cmpuint (n_attributes (&fixture), ==, 1);
  keys (&fixture, "Escape");
  wait_text (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY, "");

  /* A name PostgreSQL would cut: the validator's diagnostic (CARD004). */
  keys (&fixture, "shift+Tab");
  wait_focus (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME);
  type (&fixture, long_name);
  keys (&fixture, "Return");
  wait_error (&fixture, 1);
  error = cardinal_attribute_editor_get_error (fixture.editor, 1);
  g_assert_nonnull (strstr (error, "PostgreSQL cuts identifiers"));
  g_assert_cmpstr (text_of (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME), ==, long_name);
  g_assert_cmpuint (n_attributes (&fixture), ==, 1);
  keys (&fixture, "Escape");
  wait_text (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME, "");

  /* An existing line: Escape puts back what the model has, and changes nothing. */
  gtk_widget_grab_focus (field (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY));
  wait_focus (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY);
  type (&fixture, "in");
  wait_text (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY, "integer");
  keys (&fixture, "Escape");
  wait_text (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY, "text");
  g_assert_cmpstr (attribute_at (&fixture, 0)->type, ==, "text");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Attribute");

  /* Changed and Enter: one step, and on to the empty line. */
  type (&fixture, "big");
  keys (&fixture, "Return");
  wait_focus (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME);
  g_assert_cmpstr (attribute_at (&fixture, 0)->type, ==, "bigint");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Type");

  fixture_close (&fixture);
}

static gboolean
row_expanded (gpointer data)
{
  return cardinal_attribute_row_get_expanded (CARDINAL_ATTRIBUTE_ROW (data));
}

/* The full settings are one click away, for one attribute at a time. */
static void
test_one_expanded (void)
{
  Fixture fixture = { 0 };
  GtkWidget *first;
  GtkWidget *second;

  fixture_open (&fixture);
  g_signal_emit_by_name (cardinal_attribute_editor_get_add_button (fixture.editor), "clicked");
  wait_focus (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_NAME);
  type (&fixture, "a");
  keys (&fixture, "Return");
  wait_added (&fixture, 1);
  type (&fixture, "b");
  keys (&fixture, "Return");
  wait_added (&fixture, 2);

  first = field (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_ROW);
  second = field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_ROW);
  g_assert_false (cardinal_attribute_row_get_expanded (CARDINAL_ATTRIBUTE_ROW (first)));
  g_assert_false (cardinal_attribute_row_get_expanded (CARDINAL_ATTRIBUTE_ROW (second)));
  /* Space on a row's arrow opens it; opening another closes the first. */
  gtk_widget_grab_focus (field (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_EXPAND));
  keys (&fixture, "space");
  g_assert_true (cardinal_ui_test_wait (row_expanded, first, WAIT_MS));
  gtk_widget_grab_focus (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_EXPAND));
  keys (&fixture, "space");
  g_assert_true (cardinal_ui_test_wait (row_expanded, second, WAIT_MS));
  g_assert_false (cardinal_attribute_row_get_expanded (CARDINAL_ATTRIBUTE_ROW (first)));
  /* Its full settings are there: the index switch, the comment, Remove. */
  g_assert_true (gtk_widget_get_mapped (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_COMMENT)) ||
                 gtk_widget_get_child_visible (gtk_widget_get_parent (GTK_WIDGET (
                   cardinal_attribute_row_get_details (CARDINAL_ATTRIBUTE_ROW (second))))));

  /* Another entity and back: nothing open, nothing half-typed left over. */
  gtk_editable_set_text (GTK_EDITABLE (field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME)), "half");
  cardinal_inspector_show_entity (fixture.inspector, "customer");
  cardinal_inspector_show_entity (fixture.inspector, "order");
  second = field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_ROW);
  g_assert_false (cardinal_attribute_row_get_expanded (CARDINAL_ATTRIBUTE_ROW (second)));
  g_assert_cmpstr (text_of (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME), ==, "");

  /* The inspector's way in from the canvas: that attribute's name, focused. */
  cardinal_inspector_edit_attribute (fixture.inspector, "order", "a");
  wait_focus (&fixture, 0, CARDINAL_ATTRIBUTE_FIELD_NAME);

  fixture_close (&fixture);
}

/* Canvas ---------------------------------------------------------------------- */

static gboolean
canvas_drawn (gpointer data)
{
  GtkWidget *canvas = data;

  return gtk_widget_get_mapped (canvas) && gtk_widget_get_width (canvas) > 0;
}

/* A real double click at (@mx, @my) in the canvas's model coordinates. */
static void
double_click_model (CardinalWindow *window,
                    CardinalCanvas *canvas,
                    double          mx,
                    double          my)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  graphene_rect_t visible;
  graphene_point_t point;
  double zoom = cardinal_canvas_get_zoom (canvas);
  double sx, sy;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  cardinal_canvas_get_visible_rect (canvas, &visible);
  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (canvas), GTK_WIDGET (window),
                                           &GRAPHENE_POINT_INIT ((mx - visible.origin.x) * zoom,
                                                                 (my - visible.origin.y) * zoom),
                                           &point));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  x = g_strdup_printf ("%d", (int) round (point.x + sx));
  y = g_strdup_printf ("%d", (int) round (point.y + sy));
  {
    const char *argv[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y,
                           "click", "--repeat", "2", "--delay", "60", "1", NULL };

    run_xdotool (argv);
  }
}

typedef struct
{
  CardinalWindow *window;
  const char     *name;
} Focused;

/* The focus is on the name field of the inspector line of attribute @name. */
static gboolean
attribute_name_focused (gpointer data)
{
  Focused *focused = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (focused->window));
  GtkWidget *row = focus ? gtk_widget_get_ancestor (focus, CARDINAL_TYPE_ATTRIBUTE_ROW) : NULL;
  GtkWidget *name;

  if (row == NULL)
    return FALSE;
  name = cardinal_attribute_row_get_field (CARDINAL_ATTRIBUTE_ROW (row), CARDINAL_ATTRIBUTE_ROW_NAME);
  return (focus == name || gtk_widget_is_ancestor (focus, name)) &&
         g_str_equal (gtk_editable_get_text (GTK_EDITABLE (name)), focused->name);
}

static gboolean
has_dialog (gpointer data)
{
  return cardinal_ui_test_find_message_dialog (GTK_WINDOW (data)) != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return cardinal_ui_test_find_message_dialog (GTK_WINDOW (data)) == NULL;
}

/* Double-clicking an attribute on the canvas opens its line in the inspector,
 * name focused; the entity's title still asks for a new entity name. */
static void
test_canvas_double_click (void)
{
  g_autofree char *path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));
  CardinalCanvas *canvas;
  graphene_rect_t bounds;
  Focused focused = { window, "title" };
  Fixture fixture = { 0 };

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 850);
  cardinal_ui_test_show (GTK_WINDOW (window));
  g_assert_true (cardinal_window_open_file (window, file));
  canvas = CARDINAL_CANVAS (cardinal_window_get_canvas (window));
  g_assert_true (cardinal_ui_test_wait (canvas_drawn, canvas, WAIT_MS));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  fixture.window = GTK_WINDOW (window);
  focus_window (&fixture);

  /* The title bar of the box: the entity's name, as before (first, while
   * the canvas has the focus: see the note below). The middle of the
   * title, since a line's end may lie along the box's edge. */
  g_assert_true (cardinal_canvas_get_entity_bounds (canvas, "tag", &bounds));
  double_click_model (window, canvas, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + 10);
  g_assert_true (cardinal_ui_test_wait (has_dialog, window, WAIT_MS));
  cardinal_ui_test_respond (cardinal_ui_test_find_message_dialog (GTK_WINDOW (window)), "cancel");
  g_assert_true (cardinal_ui_test_wait (no_dialog, window, WAIT_MS));

  /* An attribute's row: its line in the inspector, name focused. (In this
   * in-process test a title double-click right after this one, with the
   * inspector focused, arrives as one click; by hand it opens the dialog.) */
  focus_window (&fixture);
  g_assert_true (cardinal_canvas_get_attribute_bounds (canvas, "post", "title", &bounds));
  double_click_model (window, canvas, bounds.origin.x + bounds.size.width / 2,
                      bounds.origin.y + bounds.size.height / 2);
  g_assert_true (cardinal_ui_test_wait (attribute_name_focused, &focused, WAIT_MS));
  g_assert_null (cardinal_ui_test_find_message_dialog (GTK_WINDOW (window)));
  g_assert_false (cardinal_history_can_undo (cardinal_window_get_history (window)));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
focus_toplevel (GtkWindow *window)
{
  Fixture fixture = { 0 };

  fixture.window = window;
  focus_window (&fixture);
}

static gboolean
order_has_two (gpointer data)
{
  const CardinalEntity *order = cardinal_model_find_entity (
    cardinal_history_get_model (cardinal_window_get_history (data)), "order");

  return order != NULL && order->attributes->len == 2;
}

/* Keyboard only, from nothing to an entity with a column: Ctrl+E, its name,
 * Enter, and the columns go straight into the inspector's empty line. */
static void
test_new_entity_keyboard (void)
{
  g_autofree char *path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));
  Fixture fixture = { 0 };
  AdwMessageDialog *dialog;
  const CardinalAttribute *attribute;

  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 850);
  cardinal_ui_test_show (GTK_WINDOW (window));
  g_assert_true (cardinal_window_open_file (window, file));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  fixture.window = GTK_WINDOW (window);
  keys (&fixture, "ctrl+e");
  g_assert_true (cardinal_ui_test_wait (has_dialog, window, WAIT_MS));

  /* The name dialog is a window of its own: the keys go to it. */
  dialog = cardinal_ui_test_find_message_dialog (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  focus_toplevel (GTK_WINDOW (dialog));
  {
    Fixture in_dialog = { 0 };

    in_dialog.window = GTK_WINDOW (dialog);
    type (&in_dialog, "order");
    keys (&in_dialog, "Return");
  }
  g_assert_true (cardinal_ui_test_wait (no_dialog, window, WAIT_MS));
  g_assert_nonnull (cardinal_model_find_entity (cardinal_history_get_model (cardinal_window_get_history (window)),
                                                "order"));

  /* Back in the window, the focus is where the next column goes. */
  fixture.keystrokes = 0;
  type (&fixture, "customer_id");
  keys (&fixture, "Tab");
  type (&fixture, "in");
  keys (&fixture, "Tab Tab space Return");
  g_assert_true (cardinal_ui_test_wait (order_has_two, window, WAIT_MS));
  g_assert_cmpuint (fixture.keystrokes, <, MAX_KEYSTROKES_PER_COLUMN);
  attribute = g_ptr_array_index (cardinal_model_find_entity (cardinal_history_get_model (
                                   cardinal_window_get_history (window)), "order")->attributes, 1);
  g_assert_cmpstr (attribute->name, ==, "customer_id");
  g_assert_cmpstr (attribute->type, ==, "integer");
  g_assert_false (attribute->nullable);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_completion (void)
{
  const char * const names[] = { "integer", "text", "time", "timestamp", "timestamptz", "varchar(255)", NULL };

  g_assert_cmpstr (cardinal_attribute_row_complete (names, "t"), ==, "text");
  g_assert_cmpstr (cardinal_attribute_row_complete (names, "ti"), ==, "time");
  /* Typed in full, a name is meant as it is. */
  g_assert_null (cardinal_attribute_row_complete (names, "time"));
  g_assert_cmpstr (cardinal_attribute_row_complete (names, "TIMES"), ==, "timestamp");
  g_assert_cmpstr (cardinal_attribute_row_complete (names, "timestampt"), ==, "timestamptz");
  g_assert_null (cardinal_attribute_row_complete (names, "x"));
  g_assert_null (cardinal_attribute_row_complete (names, ""));
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/columns/completion", test_completion);
  g_test_add_func ("/columns/five-columns", test_five_columns);
  g_test_add_func ("/columns/errors-and-escape", test_errors_and_escape);
  g_test_add_func ("/columns/one-expanded", test_one_expanded);
  g_test_add_func ("/columns/canvas-double-click", test_canvas_double_click);
  g_test_add_func ("/columns/new-entity-keyboard", test_new_entity_keyboard);
  return cardinal_ui_test_run ();
}
