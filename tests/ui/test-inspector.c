/* test-inspector.c: the side panel driven through its widgets: attribute edits and strategy changes as single undo steps, diagnostics and DDL that follow the model. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <gtksourceview/gtksource.h>

#include "cardinal-ddl.h"
#include "cardinal-ddl-preview-private.h"
#include "cardinal-diagnostics-view-private.h"
#include "cardinal-engineer.h"
#include "cardinal-inspector-private.h"
#include "cardinal-ui-test.h"
#include "cardinal-validate.h"

static CardinalEntity *
entity_with_key (const char *name)
{
  CardinalEntity *entity = cardinal_entity_new (name);
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");

  id->primary_key = TRUE;
  id->autoincrement = TRUE;
  id->nullable = FALSE;
  cardinal_entity_add_attribute (entity, id);
  return entity;
}

/* user (id, email) and post (id, title), with authorship: a user has many posts (fk). */
static CardinalHistory *
blog_history (void)
{
  CardinalModel *model = cardinal_model_new ("blog");
  CardinalEntity *user = entity_with_key ("user");
  CardinalEntity *post = entity_with_key ("post");

  cardinal_entity_add_attribute (user, cardinal_attribute_new ("email", "text"));
  cardinal_entity_add_attribute (post, cardinal_attribute_new ("title", "text"));
  cardinal_model_add_entity (model, user);
  cardinal_model_add_entity (model, post);
  cardinal_model_add_relationship (model, cardinal_relationship_new ("authorship", "user", "post",
                                                                     CARDINAL_KIND_ONE_TO_MANY,
                                                                     CARDINAL_STRATEGY_FK));
  return cardinal_history_new (model);
}

static const CardinalAttribute *
model_attribute (CardinalHistory *history,
                 const char      *entity,
                 guint            index)
{
  const CardinalEntity *found = cardinal_model_find_entity (cardinal_history_get_model (history), entity);

  g_assert_nonnull (found);
  g_assert_cmpuint (index, <, found->attributes->len);
  return g_ptr_array_index (found->attributes, index);
}

typedef struct
{
  GtkWindow         *window;
  CardinalInspector *inspector;
  CardinalHistory   *history;
} Fixture;

static void
fixture_open (Fixture *fixture)
{
  fixture->history = blog_history ();
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 420, 900);
  fixture->inspector = CARDINAL_INSPECTOR (cardinal_inspector_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  cardinal_inspector_set_history (fixture->inspector, fixture->history);
  cardinal_ui_test_show (fixture->window);
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
  GtkWidget *widget = cardinal_attribute_editor_get_field (cardinal_inspector_get_attribute_editor (fixture->inspector),
                                                           index, which);

  g_assert_nonnull (widget);
  return widget;
}


/* Enter in an entry: its key binding emits "activate" on the text inside. */
static void
press_enter (GtkWidget *entry)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  g_assert_true (GTK_IS_TEXT (text));
  g_signal_emit_by_name (text, "activate");
}

static void
test_empty_state (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  g_assert_cmpstr (cardinal_inspector_get_page (fixture.inspector), ==, "empty");
  cardinal_inspector_show_entity (fixture.inspector, "user");
  g_assert_cmpstr (cardinal_inspector_get_page (fixture.inspector), ==, "entity");
  cardinal_inspector_show_entity (fixture.inspector, NULL);
  g_assert_cmpstr (cardinal_inspector_get_page (fixture.inspector), ==, "empty");
  /* An object that is not there is nothing to show. */
  cardinal_inspector_show_relationship (fixture.inspector, "no such relationship");
  g_assert_cmpstr (cardinal_inspector_get_page (fixture.inspector), ==, "empty");
  fixture_close (&fixture);
}

static void
test_change_type (void)
{
  Fixture fixture = { 0 };
  GtkDropDown *dropdown;
  GtkWidget *parameter;
  GtkStringList *names;
  guint varchar = GTK_INVALID_LIST_POSITION;
  guint text = GTK_INVALID_LIST_POSITION;

  fixture_open (&fixture);
  cardinal_inspector_show_entity (fixture.inspector, "user");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NAME))), ==,
                   "email");

  dropdown = GTK_DROP_DOWN (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_TYPE));
  names = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (names)); i++)
    {
      if (g_str_equal (gtk_string_list_get_string (names, i), "varchar"))
        varchar = i;
      if (g_str_equal (gtk_string_list_get_string (names, i), "text"))
        text = i;
    }
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, text);
  g_assert_false (cardinal_history_can_undo (fixture.history));

  /* Picking varchar gives a length to start from, in one step. */
  gtk_drop_down_set_selected (dropdown, varchar);
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->type, ==, "varchar(255)");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Type");

  /* The length is typed in and applied with Enter. */
  parameter = field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER);
  g_assert_true (gtk_widget_get_visible (parameter));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (parameter)), ==, "255");
  gtk_editable_set_text (GTK_EDITABLE (parameter), "80");
  press_enter (parameter);
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->type, ==, "varchar(80)");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Type");

  /* A length that is not one is refused where it was typed, and changes nothing. */
  gtk_editable_set_text (GTK_EDITABLE (parameter), "lots");
  press_enter (parameter);
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->type, ==, "varchar(80)");
  g_assert_true (gtk_widget_has_css_class (parameter, "error"));

  /* Undo goes one change back at a time, and the inspector follows. */
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->type, ==, "varchar(255)");
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->type, ==, "text");
  g_assert_false (cardinal_history_can_undo (fixture.history));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, text);
  g_assert_false (gtk_widget_get_visible (parameter));

  fixture_close (&fixture);
}

static void
test_change_flags (void)
{
  Fixture fixture = { 0 };
  GtkToggleButton *not_null;
  GtkToggleButton *primary_key;

  fixture_open (&fixture);
  cardinal_inspector_show_entity (fixture.inspector, "user");

  /* The line's toggles apply at once, one step each. */
  not_null = GTK_TOGGLE_BUTTON (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_NOT_NULL));
  g_assert_false (gtk_toggle_button_get_active (not_null));
  gtk_toggle_button_set_active (not_null, TRUE);
  g_assert_false (model_attribute (fixture.history, "user", 1)->nullable);
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Not Null");
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_true (model_attribute (fixture.history, "user", 1)->nullable);
  g_assert_false (cardinal_history_can_undo (fixture.history));
  /* The toggle shows the undone state. */
  g_assert_false (gtk_toggle_button_get_active (not_null));

  /* A key column is never NULL: turning the key on settles both in one step. */
  primary_key = GTK_TOGGLE_BUTTON (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY));
  gtk_toggle_button_set_active (primary_key, TRUE);
  g_assert_true (model_attribute (fixture.history, "user", 1)->primary_key);
  g_assert_false (model_attribute (fixture.history, "user", 1)->nullable);
  g_assert_true (gtk_toggle_button_get_active (not_null));
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Primary Key");
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_false (model_attribute (fixture.history, "user", 1)->primary_key);
  g_assert_true (model_attribute (fixture.history, "user", 1)->nullable);
  g_assert_false (cardinal_history_can_undo (fixture.history));

  fixture_close (&fixture);
}

static void
test_add_move_remove (void)
{
  Fixture fixture = { 0 };
  CardinalAttributeEditor *editor;
  const CardinalEntity *user;

  fixture_open (&fixture);
  cardinal_inspector_show_entity (fixture.inspector, "user");
  editor = cardinal_inspector_get_attribute_editor (fixture.inspector);

  /* Add puts the focus on the empty line after the last attribute. */
  g_signal_emit_by_name (cardinal_attribute_editor_get_add_button (editor), "clicked");
  g_assert_false (cardinal_history_can_undo (fixture.history));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)),
                                         field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME)));

  /* A name and Enter make the attribute, text by default. */
  gtk_editable_set_text (GTK_EDITABLE (field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME)), "nickname");
  press_enter (field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME));
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->attributes->len, ==, 3);
  g_assert_cmpstr (model_attribute (fixture.history, "user", 2)->name, ==, "nickname");
  g_assert_cmpstr (model_attribute (fixture.history, "user", 2)->type, ==, "text");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Attribute");
  /* The next empty line has the focus. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (&fixture, 3, CARDINAL_ATTRIBUTE_FIELD_NAME))), ==, "");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture.window)),
                                         field (&fixture, 3, CARDINAL_ATTRIBUTE_FIELD_NAME)));

  /* Renamed with Enter. */
  gtk_editable_set_text (GTK_EDITABLE (field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME)), "nick");
  press_enter (field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_NAME));
  g_assert_cmpstr (model_attribute (fixture.history, "user", 2)->name, ==, "nick");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Rename Attribute");

  g_signal_emit_by_name (field (&fixture, 2, CARDINAL_ATTRIBUTE_FIELD_MOVE_UP), "clicked");
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->name, ==, "nick");
  g_assert_cmpstr (model_attribute (fixture.history, "user", 2)->name, ==, "email");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Move Attribute Up");

  g_signal_emit_by_name (field (&fixture, 1, CARDINAL_ATTRIBUTE_FIELD_REMOVE), "clicked");
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->attributes->len, ==, 2);
  g_assert_cmpstr (model_attribute (fixture.history, "user", 1)->name, ==, "email");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Remove Attribute");

  /* Four edits, four steps back to the start. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_false (cardinal_history_can_undo (fixture.history));
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->attributes->len, ==, 2);
  /* Two attributes and the empty line. */
  g_assert_nonnull (cardinal_attribute_editor_get_field (editor, 2, CARDINAL_ATTRIBUTE_FIELD_ROW));
  g_assert_null (cardinal_attribute_editor_get_field (editor, 2, CARDINAL_ATTRIBUTE_FIELD_REMOVE));
  g_assert_null (cardinal_attribute_editor_get_field (editor, 3, CARDINAL_ATTRIBUTE_FIELD_ROW));

  fixture_close (&fixture);
}

static void
test_rename_entity (void)
{
  Fixture fixture = { 0 };
  GtkEditable *name;
  const CardinalModel *model;

  fixture_open (&fixture);
  cardinal_inspector_show_entity (fixture.inspector, "user");
  name = cardinal_inspector_get_name_editable (fixture.inspector);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "user");

  /* A name that is taken is refused in place. */
  gtk_editable_set_text (name, "POST");
  press_enter (GTK_WIDGET (name));
  g_assert_nonnull (cardinal_inspector_get_name_error (fixture.inspector));
  g_assert_false (cardinal_history_can_undo (fixture.history));

  gtk_editable_set_text (name, "account");
  press_enter (GTK_WIDGET (name));
  g_assert_null (cardinal_inspector_get_name_error (fixture.inspector));
  model = cardinal_history_get_model (fixture.history);
  g_assert_nonnull (cardinal_model_find_entity (model, "account"));
  g_assert_cmpstr (((CardinalRelationship *) g_ptr_array_index (model->relationships, 0))->entity1, ==, "account");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Rename Entity");

  /* Undone from elsewhere (the window's Undo): the inspector follows the entity back. */
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_cmpstr (cardinal_inspector_get_page (fixture.inspector), ==, "entity");
  g_assert_cmpstr (gtk_editable_get_text (cardinal_inspector_get_name_editable (fixture.inspector)), ==, "user");

  fixture_close (&fixture);
}

static void
test_relationship_strategy (void)
{
  Fixture fixture = { 0 };
  GtkCheckButton *fk;
  GtkCheckButton *link_table;
  const CardinalRelationship *relationship;

  fixture_open (&fixture);
  cardinal_inspector_show_relationship (fixture.inspector, "authorship");
  g_assert_cmpstr (cardinal_inspector_get_page (fixture.inspector), ==, "relationship");

  /* One-to-many: fk (chosen) or a link table; nothing else is offered. */
  fk = cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_FK);
  link_table = cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_LINK_TABLE);
  g_assert_nonnull (fk);
  g_assert_nonnull (link_table);
  g_assert_null (cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_UNIQUE_FK));
  g_assert_null (cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_LINK_TABLE_PK));
  g_assert_true (gtk_check_button_get_active (fk));
  g_assert_true (gtk_toggle_button_get_active (cardinal_inspector_get_answer_button (fixture.inspector,
                                                                                    CARDINAL_QUESTION_Q2, TRUE)));

  gtk_widget_activate (GTK_WIDGET (link_table));
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (fixture.history), "authorship");
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Strategy");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (cardinal_inspector_get_link_table_editable (fixture.inspector))));

  g_assert_true (cardinal_history_undo (fixture.history));
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (fixture.history), "authorship");
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_false (cardinal_history_can_undo (fixture.history));
  g_assert_true (gtk_check_button_get_active (fk));
  g_assert_false (gtk_check_button_get_active (link_table));

  /* Answering yes to q1 makes it many-to-many; fk can't store that, so the
   * recommended link table comes with it, in the same step. */
  g_signal_emit_by_name (cardinal_inspector_get_answer_button (fixture.inspector, CARDINAL_QUESTION_Q1, TRUE),
                         "clicked");
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (fixture.history), "authorship");
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_MANY_TO_MANY);
  g_assert_cmpint (relationship->strategy, ==, cardinal_kind_default_strategy (CARDINAL_KIND_MANY_TO_MANY));
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Change Kind");
  g_assert_null (cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_FK));
  g_assert_nonnull (cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_LINK_TABLE_PK));
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_false (cardinal_history_can_undo (fixture.history));
  g_assert_nonnull (cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_FK));

  /* Link attributes: the same editor, its own labels. The kind change above
   * rebuilt the strategy rows, so the button is looked up again. */
  link_table = cardinal_inspector_get_strategy_button (fixture.inspector, CARDINAL_STRATEGY_LINK_TABLE);
  g_assert_nonnull (link_table);
  gtk_widget_activate (GTK_WIDGET (link_table));
  {
    CardinalAttributeEditor *links = cardinal_inspector_get_link_attribute_editor (fixture.inspector);
    GtkWidget *name = cardinal_attribute_editor_get_field (links, 0, CARDINAL_ATTRIBUTE_FIELD_NAME);

    /* The link table's key is its two foreign keys: no key toggle here. */
    g_assert_false (gtk_widget_get_visible (cardinal_attribute_editor_get_field (links, 0,
                                                                               CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY)));
    gtk_editable_set_text (GTK_EDITABLE (name), "since");
    press_enter (name);
  }
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (fixture.history), "authorship");
  g_assert_cmpuint (relationship->link_attributes->len, ==, 1);
  g_assert_false (((CardinalAttribute *) g_ptr_array_index (relationship->link_attributes, 0))->primary_key);
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Link Attribute");

  fixture_close (&fixture);
}

/* Diagnostics view ---------------------------------------------------------- */

static gboolean
diagnostics_idle (gpointer data)
{
  return !cardinal_diagnostics_view_is_busy (data);
}

typedef struct
{
  guint  calls;
  int    kind;
  char  *entity;
  char  *relationship;
} Activated;

static void
on_activate (CardinalDiagnosticsView *view,
             int                      kind,
             const char              *entity,
             const char              *relationship,
             Activated               *activated)
{
  activated->calls++;
  activated->kind = kind;
  g_free (activated->entity);
  activated->entity = g_strdup (entity);
  g_free (activated->relationship);
  activated->relationship = g_strdup (relationship);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static guint
count_errors (const CardinalModel *model)
{
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    n += ((CardinalDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CARDINAL_SEVERITY_ERROR;
  return n;
}

static void
test_diagnostics (void)
{
  CardinalModel *model = cardinal_model_new ("broken");
  g_autoptr(CardinalHistory) history = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CardinalDiagnosticsView *view = CARDINAL_DIAGNOSTICS_VIEW (cardinal_diagnostics_view_new ());
  Activated activated = { 0 };
  const CardinalDiagnostic *first;
  CardinalEntity *fixed;
  guint error_notifies = 0;
  guint expected;

  /* "thing" has a nullable primary key: an error. */
  cardinal_model_add_entity (model, entity_with_key ("user"));
  cardinal_model_add_entity (model, cardinal_entity_new ("thing"));
  cardinal_entity_add_attribute (cardinal_model_find_entity (model, "thing"), cardinal_attribute_new ("label", "text"));
  ((CardinalAttribute *) g_ptr_array_index (cardinal_model_find_entity (model, "thing")->attributes, 0))->primary_key = TRUE;
  history = cardinal_history_new (model);
  expected = count_errors (cardinal_history_get_model (history));
  g_assert_cmpuint (expected, >, 0);

  gtk_window_set_child (window, GTK_WIDGET (view));
  g_signal_connect (view, "activate", G_CALLBACK (on_activate), &activated);
  g_signal_connect (view, "notify::n-errors", G_CALLBACK (count_notify), &error_notifies);
  cardinal_diagnostics_view_set_history (view, history);
  cardinal_ui_test_show (window);
  g_assert_true (cardinal_ui_test_wait (diagnostics_idle, view, 10000));

  g_assert_cmpuint (cardinal_diagnostics_view_get_n_errors (view), ==, expected);
  g_assert_cmpuint (error_notifies, ==, 1);
  g_assert_cmpuint (cardinal_diagnostics_view_get_n_items (view), ==,
                    expected + cardinal_diagnostics_view_get_n_warnings (view));

  /* Errors come first; activating one names its object. */
  first = cardinal_diagnostics_view_get_item (view, 0);
  g_assert_cmpint (first->severity, ==, CARDINAL_SEVERITY_ERROR);
  cardinal_diagnostics_view_activate_row (view, 0);
  g_assert_cmpuint (activated.calls, ==, 1);
  g_assert_cmpint (activated.kind, ==, first->object_kind);
  g_assert_cmpstr (activated.entity, ==, first->entity);
  g_assert_cmpstr (activated.entity, ==, "thing");

  /* Several edits in a row, validated once they settle: the key fixes the error. */
  fixed = cardinal_entity_copy (cardinal_model_find_entity (cardinal_history_get_model (history), "thing"));
  ((CardinalAttribute *) g_ptr_array_index (fixed->attributes, 0))->primary_key = TRUE;
  ((CardinalAttribute *) g_ptr_array_index (fixed->attributes, 0))->nullable = FALSE;
  g_assert_true (cardinal_history_update_entity (history, "thing", fixed, "Change Primary Key", NULL));
  g_assert_true (cardinal_history_rename_entity (history, "user", "person", NULL));
  g_assert_true (cardinal_diagnostics_view_is_busy (view));
  g_assert_true (cardinal_ui_test_wait (diagnostics_idle, view, 10000));
  g_assert_cmpuint (cardinal_diagnostics_view_get_n_errors (view), ==, 0);
  g_assert_cmpuint (error_notifies, ==, 2);

  /* Undo brings the error back. */
  g_assert_true (cardinal_history_undo (history));
  g_assert_true (cardinal_history_undo (history));
  g_assert_true (cardinal_ui_test_wait (diagnostics_idle, view, 10000));
  g_assert_cmpuint (cardinal_diagnostics_view_get_n_errors (view), ==, expected);

  /* An import's notes show as IMPORT warnings after the validator's, until cleared. */
  {
    g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
    guint warnings = cardinal_diagnostics_view_get_n_warnings (view);
    guint items = cardinal_diagnostics_view_get_n_items (view);
    const CardinalDiagnostic *last;

    g_ptr_array_add (notes, g_strdup ("table \"audit\": row level security is not kept"));
    g_ptr_array_add (notes, g_strdup ("12 INSERT statements skipped"));
    cardinal_diagnostics_view_set_notes (view, notes);
    g_assert_cmpuint (cardinal_diagnostics_view_get_n_warnings (view), ==, warnings + 2);
    g_assert_cmpuint (cardinal_diagnostics_view_get_n_items (view), ==, items + 2);
    last = cardinal_diagnostics_view_get_item (view, items + 1);
    g_assert_cmpstr (last->code, ==, "IMPORT");
    g_assert_cmpstr (last->message, ==, "12 INSERT statements skipped");

    /* They stay through revalidation, at the end. */
    g_assert_true (cardinal_history_rename_entity (history, "user", "person", NULL));
    g_assert_true (cardinal_ui_test_wait (diagnostics_idle, view, 10000));
    items = cardinal_diagnostics_view_get_n_items (view);
    g_assert_cmpuint (items, >=, 2);
    g_assert_cmpstr (cardinal_diagnostics_view_get_item (view, items - 2)->code, ==, "IMPORT");
    g_assert_cmpstr (cardinal_diagnostics_view_get_item (view, items - 1)->code, ==, "IMPORT");

    cardinal_diagnostics_view_set_notes (view, NULL);
    g_assert_cmpuint (cardinal_diagnostics_view_get_n_items (view), ==, items - 2);
  }

  cardinal_ui_test_destroy (window);
  g_free (activated.entity);
  g_free (activated.relationship);
}

/* DDL preview ---------------------------------------------------------------- */

static gboolean
ddl_idle (gpointer data)
{
  return !cardinal_ddl_preview_is_busy (data);
}

static char *
expected_ddl (CardinalHistory *history,
              CardinalDialect  dialect)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (cardinal_history_get_model (history));

  return cardinal_ddl_render (schema, dialect);
}

static void
test_ddl_preview (void)
{
  g_autoptr(CardinalHistory) history = blog_history ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CardinalDdlPreview *preview = CARDINAL_DDL_PREVIEW (cardinal_ddl_preview_new ());
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  int dialect = -1;
  CardinalEntity *broken;

  gtk_window_set_default_size (window, 600, 600);
  gtk_window_set_child (window, GTK_WIDGET (preview));
  cardinal_ddl_preview_set_history (preview, history);
  cardinal_ui_test_show (window);
  g_assert_true (cardinal_ui_test_wait (ddl_idle, preview, 10000));

  g_object_get (preview, "dialect", &dialect, NULL);
  text = cardinal_ddl_preview_get_text (preview);
  expected = expected_ddl (history, dialect);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* The other dialect. */
  cardinal_ddl_preview_set_dialect (preview, CARDINAL_DIALECT_SQLITE);
  g_assert_true (cardinal_ui_test_wait (ddl_idle, preview, 10000));
  text = cardinal_ddl_preview_get_text (preview);
  expected = expected_ddl (history, CARDINAL_DIALECT_SQLITE);
  g_assert_cmpstr (text, ==, expected);
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* It follows edits. */
  g_assert_true (cardinal_history_rename_entity (history, "post", "article", NULL));
  g_assert_true (cardinal_ui_test_wait (ddl_idle, preview, 10000));
  text = cardinal_ddl_preview_get_text (preview);
  expected = expected_ddl (history, CARDINAL_DIALECT_SQLITE);
  g_assert_cmpstr (text, ==, expected);
  g_assert_nonnull (strstr (text, "article"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&expected, g_free);

  /* A model with errors still shows its DDL, the errors on top as comments. */
  broken = cardinal_entity_new ("keyless");
  cardinal_entity_add_attribute (broken, cardinal_attribute_new ("label", "text"));
  g_assert_true (cardinal_history_add_entity (history, broken, NULL));
  g_assert_true (cardinal_ui_test_wait (ddl_idle, preview, 10000));
  text = cardinal_ddl_preview_get_text (preview);
  expected = expected_ddl (history, CARDINAL_DIALECT_SQLITE);
  g_assert_true (g_str_has_prefix (text, "-- "));
  g_assert_nonnull (strstr (text, "keyless"));
  g_assert_true (g_str_has_suffix (text, expected));

  cardinal_ui_test_destroy (window);
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      data)
{
  ClipboardRead *read = data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
clipboard_read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static gboolean
scheme_is (gpointer data)
{
  gpointer *args = data;
  GtkSourceStyleScheme *scheme = gtk_source_buffer_get_style_scheme (args[0]);

  return scheme != NULL && g_strcmp0 (gtk_source_style_scheme_get_id (scheme), args[1]) == 0;
}

/* The SQL pane is a GtkSourceView: SQL highlighting, line numbers, monospace,
 * Wrap, Copy (the whole script, read back from the clipboard) and the dark
 * scheme when libadwaita's style turns dark. */
static void
test_ddl_preview_source_view (void)
{
  g_autoptr(CardinalHistory) history = blog_history ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CardinalDdlPreview *preview = CARDINAL_DDL_PREVIEW (cardinal_ddl_preview_new ());
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *text = NULL;
  GtkSourceView *view;
  GtkSourceBuffer *buffer;
  GtkSourceLanguage *language;
  GtkTextIter start;
  GtkTextIter end;
  GtkTextIter keyword;
  GSList *tags;
  ClipboardRead read = { 0 };
  gpointer light[] = { NULL, (gpointer) "Adwaita" };
  gpointer dark[] = { NULL, (gpointer) "Adwaita-dark" };
  const char *create;

  gtk_window_set_default_size (window, 500, 400);
  gtk_window_set_child (window, GTK_WIDGET (preview));
  cardinal_ddl_preview_set_history (preview, history);
  cardinal_ui_test_show (window);
  g_assert_true (cardinal_ui_test_wait (ddl_idle, preview, 10000));
  text = cardinal_ddl_preview_get_text (preview);
  g_assert_nonnull (strstr (text, "CREATE TABLE"));

  view = GTK_SOURCE_VIEW (cardinal_ddl_preview_get_text_view (preview));
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  language = gtk_source_buffer_get_language (buffer);
  g_assert_nonnull (language);
  g_assert_cmpstr (gtk_source_language_get_id (language), ==, "sql");
  g_assert_true (gtk_source_view_get_show_line_numbers (view));
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (view)));
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (view)));

  /* The first CREATE is highlighted: the highlighter put a tag on it. */
  create = strstr (text, "CREATE");
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
  gtk_source_buffer_ensure_highlight (buffer, &start, &end);
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &keyword,
                                      (int) g_utf8_strlen (text, create - text));
  tags = gtk_text_iter_get_tags (&keyword);
  g_assert_nonnull (tags);
  g_slist_free (tags);

  /* Wrap: off at first, the toggle turns it on and off. */
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_NONE);
  g_signal_emit_by_name (cardinal_ddl_preview_get_wrap_button (preview), "clicked");
  g_assert_true (gtk_toggle_button_get_active (cardinal_ddl_preview_get_wrap_button (preview)));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_WORD_CHAR);
  g_signal_emit_by_name (cardinal_ddl_preview_get_wrap_button (preview), "clicked");
  g_assert_cmpint (gtk_text_view_get_wrap_mode (GTK_TEXT_VIEW (view)), ==, GTK_WRAP_NONE);

  /* Copy puts the whole script on the clipboard, even with a part selected. */
  gtk_text_buffer_get_iter_at_offset (GTK_TEXT_BUFFER (buffer), &end, 6);
  gtk_text_buffer_select_range (GTK_TEXT_BUFFER (buffer), &start, &end);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (preview)), "something else");
  g_assert_true (gtk_widget_is_sensitive (cardinal_ddl_preview_get_copy_button (preview)));
  g_signal_emit_by_name (cardinal_ddl_preview_get_copy_button (preview), "clicked");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (preview)), NULL,
                                 clipboard_read_cb, &read);
  g_assert_true (cardinal_ui_test_wait (clipboard_read_done, &read, 5000));
  g_assert_cmpstr (read.text, ==, text);
  g_free (read.text);

  /* The scheme follows libadwaita's style manager. */
  light[0] = dark[0] = buffer;
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (cardinal_ui_test_wait (scheme_is, light, 5000));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (cardinal_ui_test_wait (scheme_is, dark, 5000));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_assert_true (cardinal_ui_test_wait (scheme_is, light, 5000));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  cardinal_ui_test_destroy (window);
}

/* Unique constraints and indexes: picked columns become one constraint, one
 * undo step each; a table without a key says so. */
static void
test_constraints (void)
{
  Fixture fixture = { 0 };
  CardinalConstraintEditor *editor;
  const CardinalEntity *user;
  const CardinalUnique *unique;
  const CardinalIndex *index;

  fixture_open (&fixture);
  cardinal_inspector_show_entity (fixture.inspector, "user");
  editor = cardinal_inspector_get_constraint_editor (fixture.inspector);
  g_assert_false (gtk_widget_get_visible (cardinal_constraint_editor_get_keyless_row (editor)));
  g_assert_null (cardinal_constraint_editor_get_row (editor, 0));

  /* Nothing picked: nothing happens. */
  g_signal_emit_by_name (cardinal_constraint_editor_get_add_unique_button (editor), "clicked");
  g_assert_false (cardinal_history_can_undo (fixture.history));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (cardinal_constraint_editor_get_column_check (editor, "email")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (cardinal_constraint_editor_get_column_check (editor, "id")), TRUE);
  g_signal_emit_by_name (cardinal_constraint_editor_get_add_unique_button (editor), "clicked");
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->uniques->len, ==, 1);
  unique = g_ptr_array_index (user->uniques, 0);
  /* In attribute order, whatever the order of the clicks. */
  g_assert_cmpstr (unique->columns[0], ==, "id");
  g_assert_cmpstr (unique->columns[1], ==, "email");
  g_assert_null (unique->columns[2]);
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Unique Constraint");
  g_assert_nonnull (cardinal_constraint_editor_get_row (editor, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (cardinal_constraint_editor_get_row (editor, 0))),
                   ==, "Unique (id, email)");
  /* The picker is clear for the next one. */
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (cardinal_constraint_editor_get_column_check (editor, "email"))));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (cardinal_constraint_editor_get_column_check (editor, "email")), TRUE);
  g_signal_emit_by_name (cardinal_constraint_editor_get_add_index_button (editor), "clicked");
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->indexes->len, ==, 1);
  index = g_ptr_array_index (user->indexes, 0);
  g_assert_false (index->unique);
  g_assert_cmpstr (index->columns[0], ==, "email");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Index");

  /* Both reach the DDL the engineer writes. */
  {
    g_autoptr(CardinalSchema) schema = cardinal_engineer (cardinal_history_get_model (fixture.history));
    g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);

    g_assert_nonnull (strstr (ddl, "UNIQUE (\"id\", \"email\")"));
    g_assert_nonnull (strstr (ddl, "ON \"user\" (\"email\")"));
  }

  /* Remove the unique (row 0): one step, undone exactly. */
  g_signal_emit_by_name (cardinal_constraint_editor_get_remove_button (editor, 0), "clicked");
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->uniques->len, ==, 0);
  g_assert_cmpuint (user->indexes->len, ==, 1);
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Remove Unique Constraint");
  g_assert_true (cardinal_history_undo (fixture.history));
  user = cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "user");
  g_assert_cmpuint (user->uniques->len, ==, 1);

  /* Without a key attribute the editor says so. */
  cardinal_inspector_show_entity (fixture.inspector, "post");
  {
    CardinalEntity *replacement = cardinal_entity_copy (cardinal_model_find_entity (cardinal_history_get_model (fixture.history), "post"));

    ((CardinalAttribute *) g_ptr_array_index (replacement->attributes, 0))->primary_key = FALSE;
    g_assert_true (cardinal_history_update_entity (fixture.history, "post", replacement, "Drop Key", NULL));
  }
  g_assert_true (gtk_widget_get_visible (cardinal_constraint_editor_get_keyless_row (editor)));

  fixture_close (&fixture);
}

/* FK column names typed in the relationship page become the relationship's
 * columns (and the table's); the default names mean "no explicit names". */
static void
test_fk_columns (void)
{
  Fixture fixture = { 0 };
  GtkEditable *columns1;
  const CardinalRelationship *relationship;

  fixture_open (&fixture);
  cardinal_inspector_show_relationship (fixture.inspector, "authorship");
  columns1 = cardinal_inspector_get_columns_editable (fixture.inspector, 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (columns1)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (cardinal_inspector_get_columns_editable (fixture.inspector, 2))));
  g_assert_cmpstr (gtk_editable_get_text (columns1), ==, "user_id");

  gtk_editable_set_text (columns1, "writer");
  press_enter (GTK_WIDGET (columns1));
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (fixture.history), "authorship");
  g_assert_nonnull (relationship->entity1_columns);
  g_assert_cmpstr (relationship->entity1_columns[0], ==, "writer");
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Rename Foreign Key Columns");
  {
    g_autoptr(CardinalSchema) schema = cardinal_engineer (cardinal_history_get_model (fixture.history));
    CardinalTable *post = cardinal_schema_find_table (schema, "post");

    g_assert_nonnull (cardinal_table_find_column (post, "writer"));
    g_assert_null (cardinal_table_find_column (post, "user_id"));
  }

  /* Typing the default name back clears the explicit names. */
  gtk_editable_set_text (columns1, "user_id");
  press_enter (GTK_WIDGET (columns1));
  relationship = cardinal_model_find_relationship (cardinal_history_get_model (fixture.history), "authorship");
  g_assert_null (relationship->entity1_columns);

  fixture_close (&fixture);
}

int
main (int    argc,
      char **argv)
{
  if (!cardinal_ui_test_init_adw (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/inspector/empty-state", test_empty_state);
  g_test_add_func ("/inspector/change-type", test_change_type);
  g_test_add_func ("/inspector/change-flags", test_change_flags);
  g_test_add_func ("/inspector/add-move-remove", test_add_move_remove);
  g_test_add_func ("/inspector/rename-entity", test_rename_entity);
  g_test_add_func ("/inspector/relationship-strategy", test_relationship_strategy);
  g_test_add_func ("/inspector/constraints", test_constraints);
  g_test_add_func ("/inspector/fk-columns", test_fk_columns);
  g_test_add_func ("/diagnostics-view/counts-and-activate", test_diagnostics);
  g_test_add_func ("/ddl-preview/follows-the-model", test_ddl_preview);
  g_test_add_func ("/ddl-preview/source-view", test_ddl_preview_source_view);

  return cardinal_ui_test_run ();
}
