/* test-e2e-notes-groups.c: a sticky note, a group and a colour made in the real window by mouse and keyboard, the group dragged, each saved and read back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cardinal-test-e2e.h"
#include "cardinal-canvas-item.h"
#include "cardinal-document.h"

/* What this test relies on from the window and the canvas (light style):
 * - an opened two-entity document is shown at zoom 1 (Fit never enlarges);
 *   an uncoloured entity's header is filled with the palette's header colour;
 * - the canvas's context menu has "Add _Note" (a note at the pointer, its
 *   text in the inspector, focused), "Gr_oup Selection" and, with entities
 *   selected, "Co_lour" whose items are the palette's labels;
 * - Ctrl+Return in the note's text saves it; Ctrl+S saves the document;
 * - a drag from a note's bottom-right corner (its fold) resizes it;
 * - a group area reaches CARDINAL_CANVAS_GROUP_PAD + CARDINAL_CANVAS_GROUP_TITLE
 *   model units above its boxes, and a drag there moves the group (grid snap on). */
#define GROUP_ABOVE 30
#define GRID        20

static const char *pair_document =
  "{\n"
  "  \"format\": 1,\n"
  "  \"name\": \"pair\",\n"
  "  \"entities\": [\n"
  "    {\n"
  "      \"name\": \"alpha\",\n"
  "      \"x\": 60,\n"
  "      \"y\": 100,\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"name\": \"beta\",\n"
  "      \"x\": 340,\n"
  "      \"y\": 100,\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }\n"
  "      ]\n"
  "    }\n"
  "  ],\n"
  "  \"relationships\": []\n"
  "}\n";

typedef CardinalTestE2e Ctx;

/* Opens the canvas's context menu at a window point and picks an item by
 * its mnemonic; returns the menu's window. */
static gulong
context_menu (Ctx        *ctx,
              int         x,
              int         y,
              const char *keys)
{
  g_autoptr(GArray) before = NULL;
  gulong menu;

  g_test_message ("context menu at %d, %d for %s", x, y, keys);
  cardinal_test_gui_focus (ctx->gui, ctx->window);
  before = cardinal_test_gui_list_windows (ctx->gui);
  cardinal_test_gui_click (ctx->gui, ctx->window_x + x, ctx->window_y + y, 3, 1);
  menu = cardinal_test_gui_wait_new_window (ctx->gui, before);
  if (keys[0] != '\0')
    cardinal_test_gui_key (ctx->gui, keys);
  return menu;
}

typedef struct
{
  Ctx       *ctx;
  gulong     menu;
  char      *shot_path;
  GdkPixbuf *before;
  guint      polls;
} MenuWait;

static gboolean
pixbufs_equal (GdkPixbuf *a,
               GdkPixbuf *b)
{
  gsize la, lb;
  const guint8 *pa = gdk_pixbuf_read_pixels (a), *pb = gdk_pixbuf_read_pixels (b);

  la = gdk_pixbuf_get_byte_length (a);
  lb = gdk_pixbuf_get_byte_length (b);
  return gdk_pixbuf_get_width (a) == gdk_pixbuf_get_width (b) &&
         gdk_pixbuf_get_height (a) == gdk_pixbuf_get_height (b) &&
         la == lb && memcmp (pa, pb, la) == 0;
}

/* Two screenshots of the menu alike: its page is drawn and still. */
static gboolean
menu_drawn (gpointer user_data)
{
  MenuWait *wait = user_data;
  GdkPixbuf *now = cardinal_test_gui_screenshot (wait->ctx->gui, wait->menu, wait->shot_path);
  gboolean still = wait->before != NULL && cardinal_test_gui_count_colors (now) > 8 &&
                   pixbufs_equal (now, wait->before);

  g_clear_object (&wait->before);
  wait->before = now;
  return still;
}

/* The submenu replaces the menu's page: the menu looks different. A key
 * sent while the menu was still taking the keyboard can go nowhere, so the
 * mnemonic is pressed again after a second with the page unchanged (sooner,
 * it could reach the submenu, whose title has the same mnemonic: back). */
static gboolean
submenu_open (gpointer user_data)
{
  MenuWait *wait = user_data;
  g_autoptr(GdkPixbuf) now = cardinal_test_gui_screenshot (wait->ctx->gui, wait->menu, wait->shot_path);

  if (!pixbufs_equal (now, wait->before))
    return TRUE;
  if (++wait->polls % (1000 / CARDINAL_TEST_GUI_POLL_MS) == 0)
    cardinal_test_gui_key (wait->ctx->gui, "l");
  return FALSE;
}

typedef struct
{
  Ctx    *ctx;
  gulong  menu;
} GoneWait;

static gboolean
menu_gone (gpointer user_data)
{
  GoneWait *wait = user_data;
  g_autoptr(GArray) windows = cardinal_test_gui_list_windows (wait->ctx->gui);

  for (guint i = 0; i < windows->len; i++)
    if (g_array_index (windows, gulong, i) == wait->menu)
      return FALSE;
  return TRUE;
}

static char *
save (Ctx        *ctx,
      const char *path,
      const char *previous)
{
  cardinal_test_gui_focus (ctx->gui, ctx->window);
  cardinal_test_gui_wait_for (ctx->gui, cardinal_test_e2e_title_is_modified, ctx, "the modified mark before saving");
  cardinal_test_gui_key (ctx->gui, "ctrl+s");
  return cardinal_test_gui_wait_file (ctx->gui, path, previous, NULL);
}

static void
test_note_group_drag (void)
{
  Ctx ctx = { 0 };
  g_autofree char *path = NULL;
  g_autofree char *with_note = NULL;
  g_autofree char *resized = NULL;
  g_autofree char *with_group = NULL;
  g_autofree char *with_color = NULL;
  g_autofree char *dragged = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *keep = NULL;
  g_autoptr(CardinalModel) model = NULL;
  const CardinalNote *note;
  const CardinalGroup *group;
  CardinalTestGuiRegion alpha, beta;
  const char *args[2];
  int grab_x, grab_y, corner_x, corner_y;
  double note_x, note_y;

  if (!cardinal_test_gui_available ())
    return;

  cardinal_test_e2e_init (&ctx);
  path = cardinal_test_gui_path (ctx.gui, "pair.cardinal");
  g_assert_true (g_file_set_contents (path, pair_document, -1, NULL));
  /* No sliding submenu: keys sent during the slide could go astray. */
  {
    g_autofree char *gtk_dir = cardinal_test_gui_path (ctx.gui, "config/gtk-4.0");
    g_autofree char *settings = g_build_filename (gtk_dir, "settings.ini", NULL);

    g_assert_cmpint (g_mkdir_with_parents (gtk_dir, 0700), ==, 0);
    g_assert_true (g_file_set_contents (settings, "[Settings]\ngtk-enable-animations=false\n", -1, NULL));
  }
  args[0] = path;
  args[1] = NULL;

  cardinal_test_gui_launch (ctx.gui, args);
  ctx.window = cardinal_test_gui_wait_window (ctx.gui, "pair");
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_get_geometry (ctx.gui, ctx.window, &ctx.window_x, &ctx.window_y, &ctx.width, &ctx.height);
  cardinal_test_e2e_wait_headers (&ctx, 2);
  /* Sorted top to bottom, then left to right: alpha is left of beta. */
  alpha = *cardinal_test_e2e_header (&ctx, 0);
  beta = *cardinal_test_e2e_header (&ctx, 1);
  g_assert_cmpint (alpha.x, <, beta.x);
  g_assert_cmpint (beta.x - alpha.x, ==, 280);

  /* A note below the boxes, its text typed into the inspector. */
  context_menu (&ctx, alpha.x + 20, alpha.y + 260, "n");
  cardinal_test_gui_type (ctx.gui, "Ship on Friday");
  cardinal_test_gui_key (ctx.gui, "ctrl+Return");
  with_note = save (&ctx, path, NULL);
  model = cardinal_test_e2e_load_model (with_note, path);
  g_assert_cmpuint (model->notes->len, ==, 1);
  note = g_ptr_array_index (model->notes, 0);
  g_assert_cmpstr (note->text, ==, "Ship on Friday");
  /* At the pointer: zoom 1, so model units are pixels from alpha's header. */
  g_assert_cmpfloat (fabs (note->x - (60 + 20)), <=, GRID);
  g_assert_cmpfloat (fabs (note->y - (100 + 260)), <=, GRID);
  note_x = note->x;
  note_y = note->y;
  g_clear_pointer (&model, cardinal_model_free);

  /* Its folded corner dragged 40 right and 20 down: a bigger note, in place. */
  corner_x = alpha.x + (int) (note_x + CARDINAL_NOTE_DEFAULT_WIDTH - 5 - 60);
  corner_y = alpha.y + (int) (note_y + CARDINAL_NOTE_DEFAULT_HEIGHT - 5 - 100);
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_drag (ctx.gui, ctx.window_x + corner_x, ctx.window_y + corner_y,
                          ctx.window_x + corner_x + 40, ctx.window_y + corner_y + 20);
  resized = save (&ctx, path, with_note);
  model = cardinal_test_e2e_load_model (resized, path);
  note = g_ptr_array_index (model->notes, 0);
  g_assert_cmpfloat (note->width, ==, CARDINAL_NOTE_DEFAULT_WIDTH + 40);
  g_assert_cmpfloat (note->height, ==, CARDINAL_NOTE_DEFAULT_HEIGHT + 20);
  g_assert_cmpfloat (note->x, ==, note_x);
  g_assert_cmpfloat (note->y, ==, note_y);
  g_clear_pointer (&model, cardinal_model_free);

  /* Both entities selected by a band drawn up from the empty space below
   * them, grouped from the menu over alpha. */
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_drag (ctx.gui, ctx.window_x + beta.x + beta.width + 20, ctx.window_y + alpha.y + 120,
                          ctx.window_x + alpha.x + 10, ctx.window_y + alpha.y + 10);
  context_menu (&ctx, alpha.x + alpha.width / 2, alpha.y + alpha.height / 2, "o");
  with_group = save (&ctx, path, resized);
  model = cardinal_test_e2e_load_model (with_group, path);
  g_assert_cmpuint (model->groups->len, ==, 1);
  group = g_ptr_array_index (model->groups, 0);
  g_assert_cmpuint (g_strv_length (group->entities), ==, 2);
  g_assert_true (cardinal_group_has_member (group, "alpha"));
  g_assert_true (cardinal_group_has_member (group, "beta"));
  g_clear_pointer (&model, cardinal_model_free);

  /* A colour for beta from the menu's Colour submenu: the focus starts on its
   * title, then No Colour, Red … Teal, Blue. */
  {
    MenuWait wait = { &ctx, 0, NULL, NULL, 0 };

    wait.menu = context_menu (&ctx, beta.x + beta.width / 2, beta.y + beta.height / 2, "");
    wait.shot_path = cardinal_test_gui_path (ctx.gui, "menu.png");
    /* The menu drawn, before its submenu is asked for. */
    cardinal_test_gui_wait_for (ctx.gui, menu_drawn, &wait, "the context menu drawn");
    cardinal_test_gui_key (ctx.gui, "l");
    cardinal_test_gui_wait_for (ctx.gui, submenu_open, &wait, "the Colour submenu");
    cardinal_test_gui_key (ctx.gui, "Down Down Down Down Down Down Down Return");
    /* Until the menu is gone it has the keyboard (Ctrl+S would be its). */
    {
      GoneWait gone = { &ctx, wait.menu };

      cardinal_test_gui_wait_for (ctx.gui, menu_gone, &gone, "the menu closed");
    }
    g_clear_object (&wait.before);
    g_free (wait.shot_path);
  }
  with_color = save (&ctx, path, with_group);
  model = cardinal_test_e2e_load_model (with_color, path);
  g_assert_cmpstr (cardinal_model_find_entity (model, "beta")->color, ==, "blue");
  g_clear_pointer (&model, cardinal_model_free);

  /* The group by its title band, above alpha: both boxes move. */
  cardinal_test_e2e_wait_headers (&ctx, 1);   /* beta's header is blue now */
  grab_x = alpha.x + 10;
  grab_y = alpha.y - GROUP_ABOVE / 2;
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_drag (ctx.gui, ctx.window_x + grab_x, ctx.window_y + grab_y,
                          ctx.window_x + grab_x + 100, ctx.window_y + grab_y + 60);
  cardinal_test_gui_park_pointer (ctx.gui);
  keep = g_build_filename (g_getenv ("CARDINAL_TEST_OUTPUT_DIR") != NULL ? g_getenv ("CARDINAL_TEST_OUTPUT_DIR") : g_get_tmp_dir (),
                           "notes-groups.png", NULL);
  g_clear_object (&ctx.shot);
  ctx.shot = cardinal_test_gui_screenshot (ctx.gui, ctx.window, keep);
  dragged = save (&ctx, path, with_color);
  model = cardinal_test_e2e_load_model (dragged, path);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "alpha")->x, ==, 60 + 100);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "alpha")->y, ==, 100 + 60);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "beta")->x, ==, 340 + 100);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "beta")->y, ==, 100 + 60);
  /* The note is in no group: it stayed. */
  note = g_ptr_array_index (model->notes, 0);
  g_assert_cmpstr (note->text, ==, "Ship on Friday");
  g_clear_pointer (&model, cardinal_model_free);

  /* One undo step takes both back. */
  cardinal_test_gui_focus (ctx.gui, ctx.window);
  cardinal_test_gui_key (ctx.gui, "ctrl+z");
  undone = save (&ctx, path, dragged);
  model = cardinal_test_e2e_load_model (undone, path);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "alpha")->x, ==, 60);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "beta")->x, ==, 340);
  g_assert_cmpstr (undone, ==, with_color);

  cardinal_test_e2e_clear (&ctx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/notes-groups/note-group-drag", test_note_group_drag);
  return g_test_run ();
}
