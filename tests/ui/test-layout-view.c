/* test-layout-view.c: layout in the window: opened documents and Arrange fitted to the view, new entities in free space, no overlap after an edit (pushes in the edit's undo step). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "cardinal-canvas.h"
#include "cardinal-canvas-private.h"
#include "cardinal-document.h"
#include "cardinal-generate-model.h"
#include "cardinal-layout.h"
#include "cardinal-test-geometry.h"
#include "cardinal-test-support.h"
#include "cardinal-ui-test.h"

static CardinalWindow *
new_window (void)
{
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  cardinal_ui_test_show (GTK_WINDOW (window));
  return window;
}

static CardinalCanvas *
window_canvas (CardinalWindow *window)
{
  return CARDINAL_CANVAS (cardinal_window_get_canvas (window));
}

static const CardinalModel *
window_model (CardinalWindow *window)
{
  return cardinal_history_get_model (cardinal_window_get_history (window));
}

/* Every entity's box, as the canvas draws it now. */
static GArray *
entity_boxes (CardinalWindow *window)
{
  const CardinalModel *model = window_model (window);
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      graphene_rect_t bounds;

      g_assert_true (cardinal_canvas_get_entity_bounds (window_canvas (window), entity->name, &bounds));
      g_array_append_val (boxes, bounds);
    }
  return boxes;
}

static gboolean
contains (const graphene_rect_t *outer,
          const graphene_rect_t *inner)
{
  /* A pixel of slack for rounding at the view's edge. */
  return inner->origin.x >= outer->origin.x - 1 && inner->origin.y >= outer->origin.y - 1
         && inner->origin.x + inner->size.width <= outer->origin.x + outer->size.width + 1
         && inner->origin.y + inner->size.height <= outer->origin.y + outer->size.height + 1;
}

static gboolean
all_in_view (gpointer data)
{
  CardinalWindow *window = data;
  g_autoptr(GArray) boxes = NULL;
  graphene_rect_t visible;

  if (gtk_widget_get_width (cardinal_window_get_canvas (window)) <= 0)
    return FALSE;
  boxes = entity_boxes (window);
  cardinal_canvas_get_visible_rect (window_canvas (window), &visible);
  for (guint i = 0; i < boxes->len; i++)
    if (!contains (&visible, &g_array_index (boxes, graphene_rect_t, i)))
      return FALSE;
  return TRUE;
}

static void
assert_all_in_view (CardinalWindow *window)
{
  g_autoptr(GArray) boxes = NULL;
  graphene_rect_t visible;

  if (cardinal_ui_test_wait (all_in_view, window, 10000))
    return;
  boxes = entity_boxes (window);
  cardinal_canvas_get_visible_rect (window_canvas (window), &visible);
  for (guint i = 0; i < boxes->len; i++)
    {
      const graphene_rect_t *box = &g_array_index (boxes, graphene_rect_t, i);

      if (!contains (&visible, box))
        g_error ("box %u (%g,%g %gx%g) is outside the view (%g,%g %gx%g) at zoom %g", i,
                 box->origin.x, box->origin.y, box->size.width, box->size.height,
                 visible.origin.x, visible.origin.y, visible.size.width, visible.size.height,
                 cardinal_canvas_get_zoom (window_canvas (window)));
    }
}

static void
assert_no_overlap (CardinalWindow *window,
                   const char     *when)
{
  g_autoptr(GArray) boxes = entity_boxes (window);
  guint a, b;

  if (cardinal_layout_find_overlap ((graphene_rect_t *) boxes->data, boxes->len, &a, &b))
    g_error ("%s: the boxes of %s and %s overlap", when,
             ((CardinalEntity *) g_ptr_array_index (window_model (window)->entities, a))->name,
             ((CardinalEntity *) g_ptr_array_index (window_model (window)->entities, b))->name);
}

static CardinalWindow *
open_model (CardinalModel *model)
{
  g_autofree char *path = g_build_filename (cardinal_ui_test_get_home (), "layout-test.cardinal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CardinalWindow *window = new_window ();

  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);
  g_assert_true (cardinal_window_open_file (window, file));
  return window;
}

/* A document opened is fitted to the window: every box in view, also when
 * the boxes spread far beyond it at full size. */
static void
test_open_fits (void)
{
  g_autoptr(CardinalModel) model = cardinal_generate_model (60, 5, FALSE);
  CardinalWindow *window;

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      entity->x = 40 + (i % 10) * 400;
      entity->y = 40 + (i / 10) * 400;
    }
  window = open_model (model);
  assert_all_in_view (window);
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static gboolean
arrange_done (gpointer data)
{
  return !cardinal_window_is_busy (data) &&
         cardinal_history_can_undo (cardinal_window_get_history (data));
}

/* 300 entities, all at the same place: after Arrange, none overlap and the
 * view shows them all. */
static void
test_arrange_fits (void)
{
  g_autoptr(CardinalModel) model = cardinal_generate_model (300, 3, FALSE);
  CardinalWindow *window;

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      entity->x = entity->y = 40;
    }
  window = open_model (model);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.arrange", NULL));
  g_assert_true (cardinal_ui_test_wait (arrange_done, window, 60000));
  g_assert_cmpstr (cardinal_history_get_undo_label (cardinal_window_get_history (window)), ==, "Arrange");
  assert_no_overlap (window, "after Arrange");
  assert_all_in_view (window);
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static gboolean
has_message_dialog (gpointer data)
{
  return cardinal_ui_test_find_message_dialog (GTK_WINDOW (data)) != NULL;
}

/* New entities go to free space near the view's centre, never on top of
 * another box. */
static void
test_add_entities (void)
{
  g_autofree char *path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = new_window ();
  guint before;
  graphene_rect_t visible;

  g_assert_true (cardinal_window_open_file (window, file));
  assert_all_in_view (window);
  before = window_model (window)->entities->len;
  for (guint i = 0; i < 6; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-entity", NULL));
      g_assert_true (cardinal_ui_test_wait (has_message_dialog, window, 10000));
      cardinal_ui_test_respond (cardinal_ui_test_find_message_dialog (GTK_WINDOW (window)), "cancel");
      assert_no_overlap (window, "after adding an entity");
    }
  g_assert_cmpuint (window_model (window)->entities->len, ==, before + 6);
  /* The first one is near the middle of the view. */
  cardinal_canvas_get_visible_rect (window_canvas (window), &visible);
  {
    graphene_rect_t bounds;

    g_assert_true (cardinal_canvas_get_entity_bounds (window_canvas (window), "entity", &bounds));
    g_assert_true (graphene_rect_intersection (&visible, &bounds, NULL));
  }
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* An entity that grows over its neighbour pushes it away, and one undo
 * takes back the growth and the push. */
static void
test_grow_pushes (void)
{
  g_autofree char *path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = new_window ();
  CardinalHistory *history;
  CardinalEntity *grown;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GError) error = NULL;
  const CardinalEntity *user;
  double user_x, user_y;

  g_assert_true (cardinal_window_open_file (window, file));
  assert_all_in_view (window);
  history = cardinal_window_get_history (window);
  assert_no_overlap (window, "as opened");
  before = entity_boxes (window);

  user = cardinal_model_find_entity (window_model (window), "user");
  g_assert_nonnull (user);
  user_x = user->x;
  user_y = user->y;
  grown = cardinal_entity_copy (user);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("extra_%u", i);

      cardinal_entity_add_attribute (grown, cardinal_attribute_new (name, "text"));
    }
  g_assert_true (cardinal_history_update_entity (history, "user", grown, "Edit Entity", &error));
  g_assert_no_error (error);
  /* The canvas makes room when it next lays out its boxes. */
  {
    g_autoptr(GArray) after = NULL;
    guint a, b;
    gboolean overlap = TRUE;

    for (guint tries = 0; tries < 200 && overlap; tries++)
      {
        g_clear_pointer (&after, g_array_unref);
        after = entity_boxes (window);
        overlap = cardinal_layout_find_overlap ((graphene_rect_t *) after->data, after->len, &a, &b);
        if (overlap)
          g_main_context_iteration (NULL, TRUE);
      }
    g_assert_false (overlap);
  }
  /* The grown entity stayed where it was. */
  g_assert_cmpfloat (cardinal_model_find_entity (window_model (window), "user")->x, ==, user_x);
  g_assert_cmpfloat (cardinal_model_find_entity (window_model (window), "user")->y, ==, user_y);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Edit Entity");

  g_assert_true (cardinal_history_undo (history));
  {
    g_autoptr(GArray) undone = entity_boxes (window);

    g_assert_cmpuint (undone->len, ==, before->len);
    for (guint i = 0; i < undone->len; i++)
      g_assert_true (graphene_rect_equal (&g_array_index (undone, graphene_rect_t, i),
                                          &g_array_index (before, graphene_rect_t, i)));
  }
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/ui/layout/open-fits", test_open_fits);
  g_test_add_func ("/ui/layout/arrange-fits", test_arrange_fits);
  g_test_add_func ("/ui/layout/add-entities", test_add_entities);
  g_test_add_func ("/ui/layout/grow-pushes", test_grow_pushes);
  return cardinal_ui_test_run ();
}
