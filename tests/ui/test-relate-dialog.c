/* test-relate-dialog.c: the question-pair dialog, answered through its own widgets: wording, strategies offered, preview, Finish and undo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-engineer.h"
#include "cardinal-relate-dialog-private.h"
#include "cardinal-relationship-words.h"
#include "cardinal-ui-test.h"

static CardinalEntity *
entity_with_key (const char *name,
                 const char *other_attribute)
{
  CardinalEntity *entity = cardinal_entity_new (name);
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");

  id->primary_key = TRUE;
  id->autoincrement = TRUE;
  id->nullable = FALSE;
  cardinal_entity_add_attribute (entity, id);
  if (other_attribute != NULL)
    cardinal_entity_add_attribute (entity, cardinal_attribute_new (other_attribute, "text"));
  return entity;
}

/* user and address, unconnected; @address_extra: one more attribute of address. */
static CardinalHistory *
user_address_history_typed (const char *address_extra,
                            const char *type)
{
  CardinalModel *model = cardinal_model_new ("test");

  cardinal_model_add_entity (model, entity_with_key ("user", "name"));
  cardinal_model_add_entity (model, entity_with_key ("address", "street"));
  cardinal_entity_add_attribute (cardinal_model_find_entity (model, "address"),
                                 cardinal_attribute_new (address_extra, type));
  return cardinal_history_new (model);
}

static CardinalHistory *
user_address_history (const char *address_extra)
{
  CardinalModel *model = cardinal_model_new ("test");

  cardinal_model_add_entity (model, entity_with_key ("user", "name"));
  cardinal_model_add_entity (model, entity_with_key ("address", "street"));
  if (address_extra != NULL)
    cardinal_entity_add_attribute (cardinal_model_find_entity (model, "address"),
                                   cardinal_attribute_new (address_extra, "integer"));
  return cardinal_history_new (model);
}

typedef struct
{
  GtkWindow            *parent;
  CardinalHistory      *history;
  CardinalRelateDialog *dialog;
} Fixture;

static void
open_dialog (Fixture    *fixture,
             const char *entity1,
             const char *entity2)
{
  fixture->dialog = cardinal_relate_dialog_new (fixture->parent, fixture->history, entity1, entity2);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *) &fixture->dialog);
  cardinal_ui_test_show (GTK_WINDOW (fixture->dialog));
}

/* Takes @history over. */
static void
fixture_open (Fixture         *fixture,
              CardinalHistory *history,
              const char      *entity1,
              const char      *entity2)
{
  fixture->parent = GTK_WINDOW (gtk_window_new ());
  fixture->history = history;
  open_dialog (fixture, entity1, entity2);
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->dialog != NULL)
    cardinal_ui_test_destroy (GTK_WINDOW (fixture->dialog));
  g_assert_null (fixture->dialog);
  cardinal_ui_test_destroy (fixture->parent);
  g_clear_object (&fixture->history);
}

/* Clicks the answer as a user would ("activate" would only press it after a delay). */
static void
answer (Fixture          *fixture,
        CardinalQuestion  question,
        gboolean          yes)
{
  GtkToggleButton *button = cardinal_relate_dialog_get_answer_button (fixture->dialog, question, yes);

  if (!gtk_toggle_button_get_active (button))
    g_signal_emit_by_name (button, "clicked");
  g_assert_true (gtk_toggle_button_get_active (button));
  g_assert_false (gtk_toggle_button_get_active (cardinal_relate_dialog_get_answer_button (fixture->dialog,
                                                                                         question, !yes)));
}

static void
choose (GtkCheckButton *check)
{
  g_assert_nonnull (check);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (check)));
  gtk_widget_activate (GTK_WIDGET (check));
  g_assert_true (gtk_check_button_get_active (check));
}

/* The line of the preview that shows @column, or NULL. */
static char *
preview_line (Fixture    *fixture,
              const char *table,
              const char *column)
{
  g_auto(GStrv) lines = g_strsplit (cardinal_relate_dialog_get_preview_text (fixture->dialog), "\n", -1);
  gboolean in_table = FALSE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;

      /* A table's heading starts at the left edge; its columns are indented. */
      if (lines[i][0] != ' ' && lines[i][0] != '+' && lines[i][0] != '\0')
        {
          g_auto(GStrv) heading = g_strsplit (lines[i], " ", 2);

          in_table = g_str_equal (heading[0], table);
          continue;
        }
      /* Column lines are "  name …" or "+ name …"; anything shorter is spacing. */
      if (!in_table || strlen (lines[i]) < 3)
        continue;
      words = g_strsplit_set (lines[i] + 2, " ", -1);
      if (words[0] != NULL && g_str_equal (words[0], column))
        return g_strdup (lines[i]);
    }
  return NULL;
}

static gboolean
has_preview_line (Fixture    *fixture,
                  const char *table,
                  const char *column)
{
  g_autofree char *line = preview_line (fixture, table, column);

  return line != NULL;
}

static void
test_words (void)
{
  /* The article goes by sound, not by letter. */
  g_assert_cmpstr (cardinal_words_article ("User"), ==, "a");
  g_assert_cmpstr (cardinal_words_article ("Address"), ==, "an");
  g_assert_cmpstr (cardinal_words_article ("Order"), ==, "an");
  g_assert_cmpstr (cardinal_words_article ("Hour"), ==, "an");
  g_assert_cmpstr (cardinal_words_article ("Post"), ==, "a");
  g_assert_cmpstr (cardinal_words_article ("Umbrella"), ==, "an");

  {
    g_autofree char *addresses = cardinal_words_plural ("Address");
    g_autofree char *categories = cardinal_words_plural ("Category");
    g_autofree char *days = cardinal_words_plural ("Day");
    g_autofree char *children = cardinal_words_plural ("Child");
    g_autofree char *posts = cardinal_words_plural ("Blog post");
    g_autofree char *display = cardinal_words_display_name ("blog_post");

    g_assert_cmpstr (addresses, ==, "Addresses");
    g_assert_cmpstr (categories, ==, "Categories");
    g_assert_cmpstr (days, ==, "Days");
    g_assert_cmpstr (children, ==, "Children");
    g_assert_cmpstr (posts, ==, "Blog posts");
    g_assert_cmpstr (display, ==, "Blog post");
  }
}

static void
test_questions (void)
{
  Fixture fixture = { 0 };
  const char *reason = NULL;
  CardinalStrategy offered[CARDINAL_N_STRATEGIES];

  fixture_open (&fixture, user_address_history (NULL), "user", "address");

  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_Q1), ==,
                   "Can an Address belong to more than one User?");
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_Q2), ==,
                   "Can a User have more than one Address?");

  /* Nothing is answered yet: no kind, no strategies, no Finish. */
  g_assert_false (gtk_toggle_button_get_active (cardinal_relate_dialog_get_answer_button (fixture.dialog,
                                                                                         CARDINAL_QUESTION_Q1, TRUE)));
  g_assert_false (gtk_toggle_button_get_active (cardinal_relate_dialog_get_answer_button (fixture.dialog,
                                                                                         CARDINAL_QUESTION_Q1, FALSE)));
  g_assert_cmpuint (cardinal_relate_dialog_get_offered_strategies (fixture.dialog, offered), ==, 0);
  g_assert_false (cardinal_relate_dialog_get_can_finish (fixture.dialog, &reason));
  g_assert_nonnull (reason);
  g_assert_false (gtk_widget_is_sensitive (cardinal_relate_dialog_get_finish_button (fixture.dialog)));

  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1), ==,
                   "Must every Address have a User?");
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2), ==,
                   "Must every User have at least one Address?");
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_ON_DELETE), ==,
                   "When a User is deleted, what happens to their Addresses?");
  g_assert_true (cardinal_relate_dialog_get_can_finish (fixture.dialog, &reason));
  g_assert_true (gtk_widget_is_sensitive (cardinal_relate_dialog_get_finish_button (fixture.dialog)));

  /* The other way round, the key moves to user and so does the deletion question. */
  answer (&fixture, CARDINAL_QUESTION_Q1, TRUE);
  answer (&fixture, CARDINAL_QUESTION_Q2, FALSE);
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_ON_DELETE), ==,
                   "When an Address is deleted, what happens to their Users?");
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1), ==,
                   "Must every Address have at least one User?");

  fixture_close (&fixture);
}

static void
test_strategies_offered (void)
{
  /* DESIGN.md §2: which strategies store each kind; the recommended one first. */
  static const struct
  {
    gboolean         q1;
    gboolean         q2;
    CardinalKind     kind;
    guint            n;
    CardinalStrategy strategies[3];
  } cases[] = {
    { FALSE, FALSE, CARDINAL_KIND_ONE_TO_ONE, 3,
      { CARDINAL_STRATEGY_UNIQUE_FK, CARDINAL_STRATEGY_SHARED_PK, CARDINAL_STRATEGY_MERGED } },
    { TRUE, FALSE, CARDINAL_KIND_MANY_TO_ONE, 2, { CARDINAL_STRATEGY_FK, CARDINAL_STRATEGY_LINK_TABLE } },
    { FALSE, TRUE, CARDINAL_KIND_ONE_TO_MANY, 2, { CARDINAL_STRATEGY_FK, CARDINAL_STRATEGY_LINK_TABLE } },
    { TRUE, TRUE, CARDINAL_KIND_MANY_TO_MANY, 2,
      { CARDINAL_STRATEGY_LINK_TABLE, CARDINAL_STRATEGY_LINK_TABLE_PK } },
  };
  Fixture fixture = { 0 };

  fixture_open (&fixture, user_address_history (NULL), "user", "address");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      CardinalStrategy offered[CARDINAL_N_STRATEGIES];
      g_autofree char *strategy = NULL;
      guint n;

      answer (&fixture, CARDINAL_QUESTION_Q1, cases[c].q1);
      answer (&fixture, CARDINAL_QUESTION_Q2, cases[c].q2);

      n = cardinal_relate_dialog_get_offered_strategies (fixture.dialog, offered);
      g_assert_cmpuint (n, ==, cases[c].n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpint (offered[i], ==, cases[c].strategies[i]);
      g_assert_cmpint (offered[0], ==, cardinal_kind_default_strategy (cases[c].kind));

      for (guint s = 0; s < CARDINAL_N_STRATEGIES; s++)
        {
          GtkCheckButton *check = cardinal_relate_dialog_get_strategy_button (fixture.dialog, s);
          gboolean fits = FALSE;

          for (guint i = 0; i < n; i++)
            fits |= offered[i] == s;
          /* Only the strategies that fit have a choice at all, and only the first is recommended. */
          g_assert_true ((check != NULL) == fits);
          g_assert_true (cardinal_relate_dialog_strategy_is_badged (fixture.dialog, s) == (s == offered[0]));
          if (check != NULL)
            g_assert_true (gtk_check_button_get_active (check) == (s == offered[0]));
        }

      g_object_get (fixture.dialog, "strategy", &strategy, NULL);
      g_assert_cmpstr (strategy, ==, cardinal_strategy_to_string (offered[0]));
      g_assert_true (cardinal_relate_dialog_get_can_finish (fixture.dialog, NULL));
    }

  fixture_close (&fixture);
}

static void
test_preview (void)
{
  Fixture fixture = { 0 };
  g_autofree char *line = NULL;
  GtkCheckButton *set_null;

  fixture_open (&fixture, user_address_history (NULL), "user", "address");
  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);

  /* One-to-many fk: a new user_id column in address that refers to user. */
  line = preview_line (&fixture, "address", "user_id");
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "+ "));
  g_assert_nonnull (strstr (line, "→ user (id)"));
  g_assert_null (strstr (line, "NOT NULL"));
  g_assert_false (has_preview_line (&fixture, "user", "address_id"));
  g_clear_pointer (&line, g_free);

  /* Every address must have a user: the column is NOT NULL, and set-null can't be chosen. */
  set_null = cardinal_relate_dialog_get_on_delete_button (fixture.dialog, CARDINAL_ON_DELETE_SET_NULL);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (set_null)));
  answer (&fixture, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1, TRUE);
  line = preview_line (&fixture, "address", "user_id");
  g_assert_nonnull (strstr (line, "NOT NULL"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (set_null)));
  g_clear_pointer (&line, g_free);

  choose (cardinal_relate_dialog_get_on_delete_button (fixture.dialog, CARDINAL_ON_DELETE_CASCADE));
  line = preview_line (&fixture, "address", "user_id");
  g_assert_nonnull (strstr (line, "ON DELETE CASCADE"));
  g_clear_pointer (&line, g_free);

  /* A link table instead: address keeps its columns, the pairs get a table of their own. */
  choose (cardinal_relate_dialog_get_strategy_button (fixture.dialog, CARDINAL_STRATEGY_LINK_TABLE));
  g_assert_false (has_preview_line (&fixture, "address", "user_id"));
  line = preview_line (&fixture, "user_address", "user_id");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "PK"));
  g_clear_pointer (&line, g_free);
  line = preview_line (&fixture, "user_address", "address_id");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "UNIQUE"));
  g_clear_pointer (&line, g_free);

  /* One-to-one unique-fk: the column is UNIQUE. */
  answer (&fixture, CARDINAL_QUESTION_Q2, FALSE);
  g_assert_nonnull (cardinal_relate_dialog_get_strategy_button (fixture.dialog, CARDINAL_STRATEGY_UNIQUE_FK));
  line = preview_line (&fixture, "address", "user_id");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "UNIQUE"));
  g_clear_pointer (&line, g_free);

  /* merged: address has no table left. */
  choose (cardinal_relate_dialog_get_strategy_button (fixture.dialog, CARDINAL_STRATEGY_MERGED));
  line = preview_line (&fixture, "user", "street");
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (cardinal_relate_dialog_get_preview_text (fixture.dialog), "address has no table"));
  g_clear_pointer (&line, g_free);

  fixture_close (&fixture);
}

static void
test_blocked (void)
{
  Fixture fixture = { 0 };
  const char *reason = NULL;
  GtkEditable *name;

  /* address already has a user_id of its own, a text: the fk strategy would
   * make it the key column (a claimed attribute), which a text can't be. */
  fixture_open (&fixture, user_address_history_typed ("user_id", "text"), "user", "address");
  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);
  g_assert_false (cardinal_relate_dialog_get_can_finish (fixture.dialog, &reason));
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "user_id"));
  g_assert_false (gtk_widget_is_sensitive (cardinal_relate_dialog_get_finish_button (fixture.dialog)));

  /* Finish does nothing then, even from the keyboard's action. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.dialog), "relate.finish", NULL);
  g_assert_nonnull (fixture.dialog);
  g_assert_cmpuint (cardinal_history_get_model (fixture.history)->relationships->len, ==, 0);

  /* A role names the column differently: the error and the block go away. */
  g_assert_cmpstr (gtk_editable_get_text (cardinal_relate_dialog_get_role_editable (fixture.dialog, FALSE)), ==,
                   "user");
  gtk_editable_set_text (cardinal_relate_dialog_get_role_editable (fixture.dialog, FALSE), "owner");
  g_assert_true (cardinal_relate_dialog_get_can_finish (fixture.dialog, NULL));
  g_assert_true (has_preview_line (&fixture, "address", "owner_id"));
  gtk_editable_set_text (cardinal_relate_dialog_get_role_editable (fixture.dialog, FALSE), "user");
  g_assert_false (cardinal_relate_dialog_get_can_finish (fixture.dialog, NULL));

  /* A link table leaves address alone. */
  choose (cardinal_relate_dialog_get_strategy_button (fixture.dialog, CARDINAL_STRATEGY_LINK_TABLE));
  g_assert_true (cardinal_relate_dialog_get_can_finish (fixture.dialog, NULL));

  /* An empty name is no name. */
  name = cardinal_relate_dialog_get_name_editable (fixture.dialog);
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "user_address");
  gtk_editable_set_text (name, "  ");
  g_assert_false (cardinal_relate_dialog_get_can_finish (fixture.dialog, &reason));
  gtk_editable_set_text (name, "lives_at");
  g_assert_true (cardinal_relate_dialog_get_can_finish (fixture.dialog, NULL));

  fixture_close (&fixture);
}

static void
test_finish_and_undo (void)
{
  Fixture fixture = { 0 };
  const CardinalModel *model;
  const CardinalRelationship *relationship;

  fixture_open (&fixture, user_address_history (NULL), "user", "address");
  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);
  answer (&fixture, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1, TRUE);
  choose (cardinal_relate_dialog_get_on_delete_button (fixture.dialog, CARDINAL_ON_DELETE_CASCADE));
  g_assert_false (cardinal_history_can_undo (fixture.history));

  g_signal_emit_by_name (cardinal_relate_dialog_get_finish_button (fixture.dialog), "clicked");
  /* Finish closes the dialog. */
  g_assert_true (cardinal_ui_test_wait (is_null, &fixture.dialog, 10000));

  model = cardinal_history_get_model (fixture.history);
  g_assert_cmpuint (model->relationships->len, ==, 1);
  relationship = g_ptr_array_index (model->relationships, 0);
  g_assert_cmpstr (relationship->name, ==, "user_address");
  g_assert_cmpstr (relationship->entity1, ==, "user");
  g_assert_cmpstr (relationship->entity2, ==, "address");
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_true (relationship->entity2_needs_entity1);
  g_assert_false (relationship->entity1_needs_entity2);
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_null (relationship->entity1_role);
  g_assert_null (relationship->link_table);

  /* One step, named for the menu, and undo takes the relationship away. */
  g_assert_cmpstr (cardinal_history_get_undo_label (fixture.history), ==, "Add Relationship");
  g_assert_true (cardinal_history_undo (fixture.history));
  g_assert_cmpuint (cardinal_history_get_model (fixture.history)->relationships->len, ==, 0);
  g_assert_false (cardinal_history_can_undo (fixture.history));
  g_assert_true (cardinal_history_redo (fixture.history));
  g_assert_cmpuint (cardinal_history_get_model (fixture.history)->relationships->len, ==, 1);

  /* A second dialog for the same pair proposes a name not taken yet. */
  open_dialog (&fixture, "user", "address");
  g_assert_cmpstr (gtk_editable_get_text (cardinal_relate_dialog_get_name_editable (fixture.dialog)), !=,
                   "user_address");
  /* Escape is Cancel: nothing added. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.dialog), "window.close", NULL));
  g_assert_true (cardinal_ui_test_wait (is_null, &fixture.dialog, 10000));
  g_assert_cmpuint (cardinal_history_get_model (fixture.history)->relationships->len, ==, 1);

  fixture_close (&fixture);
}

/* Many-to-many: the link rows go with either end (cascade) until the user
 * picks something else; the other kinds keep no action. */
static void
test_many_to_many_cascade (void)
{
  Fixture fixture = { 0 };
  const CardinalRelationship *relationship;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *on_delete = NULL;
  g_autofree char *link_name = NULL;
  const CardinalTable *link;

  fixture_open (&fixture, user_address_history (NULL), "user", "address");
  answer (&fixture, CARDINAL_QUESTION_Q1, TRUE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);
  g_assert_true (gtk_check_button_get_active (cardinal_relate_dialog_get_on_delete_button (fixture.dialog,
                                                                                          CARDINAL_ON_DELETE_CASCADE)));
  g_object_get (fixture.dialog, "on-delete", &on_delete, NULL);
  g_assert_cmpstr (on_delete, ==, "cascade");

  /* One-to-many: back to the database's default; many-to-many again: cascade. */
  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  g_assert_true (gtk_check_button_get_active (cardinal_relate_dialog_get_on_delete_button (fixture.dialog,
                                                                                          CARDINAL_ON_DELETE_NO_ACTION)));
  answer (&fixture, CARDINAL_QUESTION_Q1, TRUE);
  g_assert_true (gtk_check_button_get_active (cardinal_relate_dialog_get_on_delete_button (fixture.dialog,
                                                                                          CARDINAL_ON_DELETE_CASCADE)));

  /* A choice of the user's stays through kind changes. */
  choose (cardinal_relate_dialog_get_on_delete_button (fixture.dialog, CARDINAL_ON_DELETE_RESTRICT));
  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  answer (&fixture, CARDINAL_QUESTION_Q1, TRUE);
  g_assert_true (gtk_check_button_get_active (cardinal_relate_dialog_get_on_delete_button (fixture.dialog,
                                                                                          CARDINAL_ON_DELETE_RESTRICT)));
  fixture_close (&fixture);

  /* Finished without touching it: the link table's FKs cascade. */
  fixture_open (&fixture, user_address_history (NULL), "user", "address");
  answer (&fixture, CARDINAL_QUESTION_Q1, TRUE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);
  g_signal_emit_by_name (cardinal_relate_dialog_get_finish_button (fixture.dialog), "clicked");
  g_assert_true (cardinal_ui_test_wait (is_null, &fixture.dialog, 10000));
  relationship = g_ptr_array_index (cardinal_history_get_model (fixture.history)->relationships, 0);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_MANY_TO_MANY);
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  schema = cardinal_engineer (cardinal_history_get_model (fixture.history));
  link_name = cardinal_relationship_link_table_name (relationship);
  link = cardinal_schema_find_table (schema, link_name);
  g_assert_nonnull (link);
  g_assert_cmpuint (link->foreign_keys->len, ==, 2);
  for (guint i = 0; i < link->foreign_keys->len; i++)
    g_assert_cmpint (((CardinalForeignKey *) g_ptr_array_index (link->foreign_keys, i))->on_delete, ==,
                     CARDINAL_ON_DELETE_CASCADE);
  fixture_close (&fixture);
}

/* The colour at (@x, @y) of @widget as drawn now, over white: red, green, blue in 0…255. */
static void
widget_pixel (GtkWidget *widget,
              int        x,
              int        y,
              guint8     rgb[3])
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  /* Cairo, offscreen: the same pixels whatever renderer the window uses. */
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  const guchar *pixel;

  g_assert_cmpint (width, >, x);
  g_assert_cmpint (height, >, y);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (width * height * 4);
  /* Downloaded as premultiplied B, G, R, A on little-endian machines. */
  gdk_texture_download (texture, data, width * 4);
  pixel = data + (gsize) y * width * 4 + (gsize) x * 4;
  /* Libadwaita's buttons are translucent: seen over the white row they sit on. */
  rgb[0] = pixel[2] + (255 - pixel[3]);
  rgb[1] = pixel[1] + (255 - pixel[3]);
  rgb[2] = pixel[0] + (255 - pixel[3]);
  gsk_renderer_unrealize (renderer);
}

typedef struct
{
  GtkWidget *widget;
  gint64     start;
} Frames;

/* Two frames later: the new :checked state has been styled and drawn. */
static gboolean
frames_passed (gpointer data)
{
  Frames *frames = data;
  GdkFrameClock *clock = gtk_widget_get_frame_clock (frames->widget);

  if (clock == NULL || !gtk_widget_get_mapped (frames->widget))
    return FALSE;
  /* The counter is -1 until the window's first frame, which can take a while. */
  if (frames->start < 0)
    frames->start = gdk_frame_clock_get_frame_counter (clock);
  else if (gdk_frame_clock_get_frame_counter (clock) >= frames->start + 2)
    return TRUE;
  /* Keeps frames coming; the last one drew it, so its picture is current. */
  gtk_widget_queue_draw (frames->widget);
  return FALSE;
}

/* The chosen Yes or No is filled with the accent colour, the other one stays grey. */
static void
test_answer_visible (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  GtkWidget *yes;
  GtkWidget *no;
  guint8 chosen[3];
  guint8 other[3];
  Frames frames;

  /* The application loads style.css itself; this test has no application. */
  gtk_css_provider_load_from_resource (provider, "/app/cardinal/Designer/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  fixture_open (&fixture, user_address_history (NULL), "user", "address");
  answer (&fixture, CARDINAL_QUESTION_Q1, TRUE);
  yes = GTK_WIDGET (cardinal_relate_dialog_get_answer_button (fixture.dialog, CARDINAL_QUESTION_Q1, TRUE));
  no = GTK_WIDGET (cardinal_relate_dialog_get_answer_button (fixture.dialog, CARDINAL_QUESTION_Q1, FALSE));
  frames.widget = yes;
  frames.start = -1;
  g_assert_true (cardinal_ui_test_wait (frames_passed, &frames, 20000));

  /* Away from the label and the rounded corners. */
  widget_pixel (yes, 5, gtk_widget_get_height (yes) / 2, chosen);
  widget_pixel (no, gtk_widget_get_width (no) - 5, gtk_widget_get_height (no) / 2, other);
  g_test_message ("chosen: #%02x%02x%02x, other: #%02x%02x%02x",
                  chosen[0], chosen[1], chosen[2], other[0], other[1], other[2]);
  /* Libadwaita's light accent is a clear blue; its button grey has equal channels. */
  g_assert_cmpint ((int) chosen[2] - (int) chosen[0], >, 100);
  g_assert_cmpint (ABS ((int) other[2] - (int) other[0]), <, 20);

  fixture_close (&fixture);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider));
}

static void
test_self_relationship (void)
{
  Fixture fixture = { 0 };
  CardinalModel *model = cardinal_model_new ("staff");
  const CardinalRelationship *relationship;
  g_autoptr(CardinalSchema) schema = NULL;
  const CardinalTable *table;
  GtkEditable *role1;
  GtkEditable *role2;

  cardinal_model_add_entity (model, entity_with_key ("employee", "name"));
  fixture_open (&fixture, cardinal_history_new (model), "employee", "employee");

  /* Both ends are employees: the dialog asks for roles, with two different ones ready. */
  role1 = cardinal_relate_dialog_get_role_editable (fixture.dialog, FALSE);
  role2 = cardinal_relate_dialog_get_role_editable (fixture.dialog, TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (role1)));
  g_assert_cmpstr (gtk_editable_get_text (role1), !=, "");
  g_assert_cmpstr (gtk_editable_get_text (role1), !=, gtk_editable_get_text (role2));

  gtk_editable_set_text (role1, "manager");
  gtk_editable_set_text (role2, "report");
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_Q1), ==,
                   "Can a Report belong to more than one Manager?");
  g_assert_cmpstr (cardinal_relate_dialog_get_question (fixture.dialog, CARDINAL_QUESTION_Q2), ==,
                   "Can a Manager have more than one Report?");
  answer (&fixture, CARDINAL_QUESTION_Q1, FALSE);
  answer (&fixture, CARDINAL_QUESTION_Q2, TRUE);
  g_assert_true (has_preview_line (&fixture, "employee", "manager_id"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.dialog), "relate.finish", NULL));
  g_assert_true (cardinal_ui_test_wait (is_null, &fixture.dialog, 10000));

  relationship = g_ptr_array_index (cardinal_history_get_model (fixture.history)->relationships, 0);
  g_assert_cmpstr (relationship->entity1_role, ==, "manager");
  g_assert_cmpstr (relationship->entity2_role, ==, "report");
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  schema = cardinal_engineer (cardinal_history_get_model (fixture.history));
  table = cardinal_schema_find_table (schema, "employee");
  g_assert_nonnull (cardinal_table_find_column (table, "manager_id"));

  fixture_close (&fixture);
}

int
main (int    argc,
      char **argv)
{
  if (!cardinal_ui_test_init_adw (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/relate-dialog/words", test_words);
  g_test_add_func ("/relate-dialog/questions", test_questions);
  g_test_add_func ("/relate-dialog/strategies-offered", test_strategies_offered);
  g_test_add_func ("/relate-dialog/preview", test_preview);
  g_test_add_func ("/relate-dialog/blocked", test_blocked);
  g_test_add_func ("/relate-dialog/finish-and-undo", test_finish_and_undo);
  g_test_add_func ("/relate-dialog/self-relationship", test_self_relationship);
  g_test_add_func ("/relate-dialog/many-to-many-cascade", test_many_to_many_cascade);
  g_test_add_func ("/relate-dialog/answer-visible", test_answer_visible);

  return cardinal_ui_test_run ();
}
