/* cardinal-window.h: a document window: header bar, canvas, side panel, file handling. */
#pragma once

#include <adwaita.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_WINDOW (cardinal_window_get_type ())

G_DECLARE_FINAL_TYPE (CardinalWindow, cardinal_window, CARDINAL, WINDOW, AdwApplicationWindow)

CardinalWindow  *cardinal_window_new          (GtkApplication *application);
/* Loads @file into this window; on failure shows an error dialog and returns FALSE. */
gboolean         cardinal_window_open_file    (CardinalWindow *self,
                                               GFile          *file);
CardinalHistory *cardinal_window_get_history  (CardinalWindow *self);
GFile           *cardinal_window_get_file     (CardinalWindow *self);
/* The document's diagram (a CardinalCanvas). */
GtkWidget       *cardinal_window_get_canvas   (CardinalWindow *self);
/* TRUE for a new, untouched, empty document that opening a file may replace. */
gboolean         cardinal_window_is_pristine  (CardinalWindow *self);
/* Whether the document differs from its file (or is a recovered one). */
gboolean         cardinal_window_get_modified (CardinalWindow *self);
/* Loads the recovery file @recovery as a modified document that saves to
 * @original (NULL: untitled) and keeps using @recovery until it is saved. */
gboolean         cardinal_window_recover      (CardinalWindow *self,
                                               GFile          *recovery,
                                               GFile          *original,
                                               GError        **error);

G_END_DECLS
