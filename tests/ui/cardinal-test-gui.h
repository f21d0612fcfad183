/* cardinal-test-gui.h: drives the real `cardinal` program on an X display with real input events (xdotool). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

/* How long any wait may take before the test fails, and how often it looks. */
#define CARDINAL_TEST_GUI_TIMEOUT_MS 20000
#define CARDINAL_TEST_GUI_POLL_MS    50

typedef struct _CardinalTestGui CardinalTestGui;

typedef gboolean (*CardinalTestGuiCondition) (gpointer user_data);

/* The smallest screen the tests fit on: the window's default size and room
 * to spare, so the pointer can rest outside the window. */
#define CARDINAL_TEST_GUI_MIN_SCREEN_WIDTH  1400
#define CARDINAL_TEST_GUI_MIN_SCREEN_HEIGHT 900

/* TRUE when there is an X display of at least the size above with 24-bit
 * colour, xdotool, ImageMagick and $CARDINAL_GUI. Otherwise the current test
 * is skipped (failed when $CI is set, or when the display is there but
 * unusable) and FALSE is returned: the test should return at once. */
gboolean          cardinal_test_gui_available       (void);

/* A private temporary directory (also the program's HOME and XDG
 * directories), removed by cardinal_test_gui_free(), which also ends the
 * program. A failed test leaves it behind for a look (and the program dies
 * with the test). */
CardinalTestGui  *cardinal_test_gui_new             (void);
void              cardinal_test_gui_free            (CardinalTestGui *gui);
/* A path inside the temporary directory (newly allocated). */
char             *cardinal_test_gui_path            (CardinalTestGui *gui,
                                                     const char      *name);

/* Starts $CARDINAL_GUI with @args (NULL-terminated, may be NULL). */
void              cardinal_test_gui_launch          (CardinalTestGui    *gui,
                                                     const char * const *args);
/* Polls @condition until it holds; fails the test (with the program's log)
 * after CARDINAL_TEST_GUI_TIMEOUT_MS or when the program dies. @what names
 * the condition in the failure message. */
void              cardinal_test_gui_wait_for        (CardinalTestGui          *gui,
                                                     CardinalTestGuiCondition  condition,
                                                     gpointer                  user_data,
                                                     const char               *what);
/* Fails the test, printing the program's log first. */
G_NORETURN
void              cardinal_test_gui_fail            (CardinalTestGui *gui,
                                                     const char      *format,
                                                     ...) G_GNUC_PRINTF (2, 3);

/* Waits for the program's mapped window whose title matches the extended
 * regular expression @title_regex (case-insensitive; the newest if several). */
gulong            cardinal_test_gui_wait_window     (CardinalTestGui *gui,
                                                     const char      *title_regex);
void              cardinal_test_gui_wait_no_window  (CardinalTestGui *gui,
                                                     const char      *title_regex);
/* The program's mapped windows, whatever their titles (gulong each). */
GArray           *cardinal_test_gui_list_windows    (CardinalTestGui *gui);
/* Waits for a mapped window of the program that is not in @before (a popover
 * or a dialog without a title) and returns it. */
gulong            cardinal_test_gui_wait_new_window (CardinalTestGui *gui,
                                                     GArray          *before);
char             *cardinal_test_gui_get_title       (CardinalTestGui *gui,
                                                     gulong           window);
/* Position on the screen and size, in pixels. */
void              cardinal_test_gui_get_geometry    (CardinalTestGui *gui,
                                                     gulong           window,
                                                     int             *x,
                                                     int             *y,
                                                     int             *width,
                                                     int             *height);
/* Gives @window the keyboard focus and waits until the server reports it. */
void              cardinal_test_gui_focus           (CardinalTestGui *gui,
                                                     gulong           window);

/* Real input events (XTEST), sent to whatever has the focus / is under the pointer.
 * @keys: xdotool key names separated by spaces, e.g. "ctrl+shift+z Return". */
void              cardinal_test_gui_key             (CardinalTestGui *gui,
                                                     const char      *keys);
void              cardinal_test_gui_type            (CardinalTestGui *gui,
                                                     const char      *text);
/* Moves the pointer to the screen's bottom-right corner, outside the
 * program's windows, so that nothing is drawn hovered. */
void              cardinal_test_gui_park_pointer    (CardinalTestGui *gui);
/* Screen coordinates; @count 2 is a double click. */
void              cardinal_test_gui_click           (CardinalTestGui *gui,
                                                     int              x,
                                                     int              y,
                                                     int              button,
                                                     int              count);
/* Presses button 1 at (x1, y1), moves in steps to (x2, y2) and releases
 * (screen coordinates). */
void              cardinal_test_gui_drag            (CardinalTestGui *gui,
                                                     int              x1,
                                                     int              y1,
                                                     int              x2,
                                                     int              y2);

/* Captures @window as it is on the screen into the PNG file @path and returns it. */
GdkPixbuf        *cardinal_test_gui_screenshot      (CardinalTestGui *gui,
                                                     gulong           window,
                                                     const char      *path);

/* A rectangle on a screenshot, in its pixels. */
typedef struct
{
  int   x;
  int   y;
  int   width;
  int   height;
  guint n_pixels;
} CardinalTestGuiRegion;

/* The 4-connected regions of pixels within @tolerance (per channel) of the
 * colour @rgb (0xRRGGBB) whose bounding box is at least @min_width ×
 * @min_height, as an array of CardinalTestGuiRegion sorted top to bottom,
 * then left to right. */
GArray           *cardinal_test_gui_find_regions    (GdkPixbuf *pixbuf,
                                                     guint32    rgb,
                                                     int        tolerance,
                                                     int        min_width,
                                                     int        min_height);
/* The colour of one pixel, as 0xRRGGBB. */
guint32           cardinal_test_gui_pixel           (GdkPixbuf *pixbuf,
                                                     int        x,
                                                     int        y);
/* Whether @a and @b differ by at most @tolerance in each channel. */
gboolean          cardinal_test_gui_color_near      (guint32    a,
                                                     guint32    b,
                                                     int        tolerance);
/* How many distinct colours @pixbuf has. */
guint             cardinal_test_gui_count_colors    (GdkPixbuf *pixbuf);

/* Waits until @path exists and its contents differ from @previous (NULL: any
 * contents); returns the new contents. A save is atomic (rename), so what is
 * read is always a whole file. */
char             *cardinal_test_gui_wait_file       (CardinalTestGui *gui,
                                                     const char      *path,
                                                     const char      *previous,
                                                     gsize           *length);

G_END_DECLS
