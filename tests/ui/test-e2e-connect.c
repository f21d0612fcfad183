/* test-e2e-connect.c: design two related entities in the real window by mouse and keyboard, then read the saved file back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "cardinal-test-e2e.h"
#include "cardinal-canvas-item.h"
#include "cardinal-document.h"

/* What this test relies on from the window and the canvas (light style):
 * - an entity's header is filled with the palette's header colour inside a
 *   1 px border; a new document is shown at zoom 1; the canvas fills the
 *   window's left part, with room for a right-click at a quarter of the
 *   window's width and nine tenths of its height, and for a box at the left
 *   two thirds down, both away from the middle of the view;
 * - the canvas's context menu has "Add _Entity"; adding an entity opens a
 *   dialog titled "Rename Entity" with the name selected;
 * - a drag that starts within CONNECT_BAND pixels of a box's edge connects it
 *   to the box it ends on, and opens "Connect <Entity1> and <Entity2>";
 * - in that dialog the focus starts on q1's No; Tab moves on to q1's Yes,
 *   q2's row, q2's No, q2's Yes; Space presses a button; Alt+F is Finish;
 * - the title starts with "• " while the document is modified. */
#define CONNECT_BAND 6
#define GRID         20

typedef CardinalTestE2e Ctx;

/* The first frames after mapping can still be blank. */
static gboolean
window_drawn (gpointer user_data)
{
  Ctx *ctx = user_data;

  g_clear_object (&ctx->shot);
  ctx->shot = cardinal_test_gui_screenshot (ctx->gui, ctx->window, ctx->shot_path);
  return cardinal_test_gui_count_colors (ctx->shot) > 32;
}

static gboolean
title_is_saved (gpointer user_data)
{
  return !cardinal_test_e2e_title_modified (user_data);
}

/* Add Entity from the canvas's context menu, then name it in the dialog that follows. */
static void
add_entity (Ctx        *ctx,
            const char *name)
{
  g_autoptr(GArray) before = NULL;
  gulong rename;

  cardinal_test_gui_focus (ctx->gui, ctx->window);
  before = cardinal_test_gui_list_windows (ctx->gui);
  cardinal_test_gui_click (ctx->gui, ctx->window_x + ctx->width / 4,
                           ctx->window_y + ctx->height * 9 / 10, 3, 1);
  cardinal_test_gui_wait_new_window (ctx->gui, before);
  cardinal_test_gui_key (ctx->gui, "e");

  rename = cardinal_test_gui_wait_window (ctx->gui, "^Rename Entity$");
  cardinal_test_gui_focus (ctx->gui, rename);
  cardinal_test_gui_key (ctx->gui, "ctrl+a");
  cardinal_test_gui_type (ctx->gui, name);
  cardinal_test_gui_key (ctx->gui, "Return");
  cardinal_test_gui_wait_no_window (ctx->gui, "^Rename Entity$");
  cardinal_test_gui_focus (ctx->gui, ctx->window);
}

typedef struct
{
  Ctx *ctx;
  int  x;
  int  y;
} ArrivalWait;

/* The one header is where the drag put it, give or take the grid snap. */
static gboolean
header_arrived (gpointer user_data)
{
  ArrivalWait *wait = user_data;

  if (!cardinal_test_e2e_headers_shown (wait->ctx))
    return FALSE;
  return ABS (cardinal_test_e2e_header (wait->ctx, 0)->x - wait->x) <= GRID / 2 + 1 &&
         ABS (cardinal_test_e2e_header (wait->ctx, 0)->y - wait->y) <= GRID / 2 + 1;
}

static void
assert_position (const CardinalEntity *entity,
                 double                x,
                 double                y)
{
  g_assert_cmpfloat_with_epsilon (entity->x, x, 0.001);
  g_assert_cmpfloat_with_epsilon (entity->y, y, 0.001);
}

static void
test_design_two_entities (void)
{
  Ctx ctx = { 0 };
  ArrivalWait arrival;
  g_autofree char *path = NULL;
  g_autofree char *first_save = NULL;
  g_autofree char *second_save = NULL;
  g_autofree char *title = NULL;
  g_autoptr(CardinalModel) unrelated = NULL;
  g_autoptr(CardinalModel) related = NULL;
  const CardinalEntity *author;
  const CardinalEntity *book;
  const CardinalRelationship *relationship;
  CardinalTestGuiRegion author_header;
  CardinalTestGuiRegion book_header;
  int target_x;
  int target_y;
  gulong dialog;

  if (!cardinal_test_gui_available ())
    return;

  cardinal_test_e2e_init (&ctx);
  path = cardinal_test_gui_path (ctx.gui, "library.cardinal");

  cardinal_test_gui_launch (ctx.gui, NULL);
  ctx.window = cardinal_test_gui_wait_window (ctx.gui, "Untitled");
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_get_geometry (ctx.gui, ctx.window, &ctx.window_x, &ctx.window_y, &ctx.width, &ctx.height);
  cardinal_test_gui_park_pointer (ctx.gui);
  cardinal_test_gui_wait_for (ctx.gui, window_drawn, &ctx, "the window drawn");

  /* The first entity, moved by a drag to the lower left, away from the
   * middle of the view where the second one will be placed. */
  add_entity (&ctx, "author");
  cardinal_test_e2e_wait_headers (&ctx, 1);
  author_header = *cardinal_test_e2e_header (&ctx, 0);
  target_x = 2 * GRID;
  target_y = ctx.height * 2 / 3;
  cardinal_test_gui_drag (ctx.gui,
                          ctx.window_x + author_header.x + author_header.width / 2,
                          ctx.window_y + author_header.y + author_header.height / 2,
                          ctx.window_x + target_x + author_header.width / 2,
                          ctx.window_y + target_y + author_header.height / 2);
  arrival = (ArrivalWait) { &ctx, target_x, target_y };
  cardinal_test_gui_park_pointer (ctx.gui);
  cardinal_test_gui_wait_for (ctx.gui, header_arrived, &arrival, "the dragged entity at its new place");

  add_entity (&ctx, "book");
  cardinal_test_e2e_wait_headers (&ctx, 2);
  /* The regions are sorted top to bottom: the dragged one is the lower. */
  book_header = *cardinal_test_e2e_header (&ctx, 0);
  author_header = *cardinal_test_e2e_header (&ctx, 1);
  g_assert_cmpint (ABS (author_header.x - target_x), <=, GRID / 2 + 1);

  /* Save As: a new document asks where. */
  cardinal_test_gui_key (ctx.gui, "ctrl+s");
  dialog = cardinal_test_gui_wait_window (ctx.gui, "^Save Design$");
  cardinal_test_gui_focus (ctx.gui, dialog);
  cardinal_test_gui_key (ctx.gui, "ctrl+a");
  cardinal_test_gui_type (ctx.gui, path);
  cardinal_test_gui_key (ctx.gui, "Return");
  first_save = cardinal_test_gui_wait_file (ctx.gui, path, NULL, NULL);
  cardinal_test_gui_wait_no_window (ctx.gui, "^Save Design$");
  cardinal_test_gui_wait_for (ctx.gui, title_is_saved, &ctx, "the title without the modified mark");
  title = cardinal_test_gui_get_title (ctx.gui, ctx.window);
  g_assert_true (strstr (title, "library") != NULL);

  /* Both renamed, no relationship yet, and placed as the canvas showed them:
   * at zoom 1 a model unit is a pixel. */
  unrelated = cardinal_test_e2e_load_model (first_save, path);
  g_assert_cmpuint (unrelated->entities->len, ==, 2);
  g_assert_cmpuint (unrelated->relationships->len, ==, 0);
  author = cardinal_model_find_entity (unrelated, "author");
  book = cardinal_model_find_entity (unrelated, "book");
  g_assert_nonnull (author);
  g_assert_nonnull (book);
  g_assert_cmpfloat_with_epsilon (author->x - book->x, author_header.x - book_header.x, 0.001);
  g_assert_cmpfloat_with_epsilon (author->y - book->y, author_header.y - book_header.y, 0.001);
  /* Both landed on the grid. */
  g_assert_cmpfloat (fmod (author->x, GRID), ==, 0);
  g_assert_cmpfloat (fmod (author->y, GRID), ==, 0);

  /* Connect: a drag from the edge of author onto book. */
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_drag (ctx.gui,
                          ctx.window_x + author_header.x + CONNECT_BAND / 2 - 1,
                          ctx.window_y + author_header.y + author_header.height / 2,
                          ctx.window_x + book_header.x + book_header.width / 2,
                          ctx.window_y + book_header.y + book_header.height / 2);
  dialog = cardinal_test_gui_wait_window (ctx.gui, "^Connect Author and Book$");
  cardinal_test_gui_focus (ctx.gui, dialog);
  /* q1 "Can a Book belong to more than one Author?" no; q2 "Can an Author
   * have more than one Book?" yes; the recommended strategy as it is. */
  cardinal_test_gui_key (ctx.gui, "space Tab Tab Tab Tab space alt+f");
  cardinal_test_gui_wait_no_window (ctx.gui, "^Connect Author and Book$");
  cardinal_test_gui_wait_for (ctx.gui, cardinal_test_e2e_title_is_modified, &ctx, "the modified mark after Finish");

  /* Undo goes back to the saved state, redo forward again. */
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_key (ctx.gui, "ctrl+z");
  cardinal_test_gui_wait_for (ctx.gui, title_is_saved, &ctx, "no modified mark after Undo");
  cardinal_test_gui_key (ctx.gui, "ctrl+shift+z");
  cardinal_test_gui_wait_for (ctx.gui, cardinal_test_e2e_title_is_modified, &ctx, "the modified mark after Redo");

  cardinal_test_gui_key (ctx.gui, "ctrl+s");
  second_save = cardinal_test_gui_wait_file (ctx.gui, path, first_save, NULL);

  related = cardinal_test_e2e_load_model (second_save, path);
  g_assert_cmpuint (related->entities->len, ==, 2);
  g_assert_cmpuint (related->relationships->len, ==, 1);
  relationship = g_ptr_array_index (related->relationships, 0);
  g_assert_cmpstr (relationship->entity1, ==, "author");
  g_assert_cmpstr (relationship->entity2, ==, "book");
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpint (relationship->strategy, ==, cardinal_kind_default_strategy (CARDINAL_KIND_ONE_TO_MANY));
  /* Connecting, undo and redo moved nothing. */
  assert_position (cardinal_model_find_entity (related, "author"), author->x, author->y);
  assert_position (cardinal_model_find_entity (related, "book"), book->x, book->y);

  cardinal_test_e2e_clear (&ctx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/connect/design-two-entities", test_design_two_entities);
  return g_test_run ();
}
