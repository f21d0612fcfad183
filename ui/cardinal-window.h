/* cardinal-window.h: a document window: header bar, canvas, side panel, file handling. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
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
 * @original (NULL: in no file yet, named as its sidecar says, e.g. an
 * import's name) and keeps using @recovery until it is saved. */
gboolean         cardinal_window_recover      (CardinalWindow *self,
                                               GFile          *recovery,
                                               GFile          *original,
                                               GError        **error);

/* Makes @model (taken over) this window's document: in no file yet (Save
 * asks where), titled @title, counted as modified. For imports. */
void             cardinal_window_take_draft   (CardinalWindow *self,
                                               CardinalModel  *model,
                                               const char     *title);
/* What an import left out or approximated, shown in Diagnostics (code IMPORT)
 * until the window shows another document. */
void             cardinal_window_set_import_notes (CardinalWindow *self,
                                                   GPtrArray      *notes);

/* Background work (arrange, export, import, apply). While any runs, a
 * spinner with @label and a Cancel button (win.cancel-task) show over the
 * canvas. Returns a new cancellable that Cancel or closing the window
 * triggers; give it back to cardinal_window_end_task () when the work is
 * over. */
GCancellable    *cardinal_window_begin_task   (CardinalWindow *self,
                                               const char     *label);
void             cardinal_window_end_task     (CardinalWindow *self,
                                               GCancellable   *cancellable);
/* The window a task's cancellable reports to; NULL once the window is closed. */
CardinalWindow  *cardinal_window_from_task    (GCancellable   *cancellable);
/* Whether some background work is still running (tests wait on this). */
gboolean         cardinal_window_is_busy      (CardinalWindow *self);
void             cardinal_window_add_toast    (CardinalWindow *self,
                                               AdwToast       *toast);
/* An AdwMessageDialog over the window with @message. */
void             cardinal_window_show_error   (CardinalWindow *self,
                                               const char     *heading,
                                               const char     *message);
/* Where choosers start: the design's folder, else Documents, else home. */
GFile           *cardinal_window_dup_folder   (CardinalWindow *self);
/* The design's file name without its extension, or the model's name: for default file names. */
char            *cardinal_window_dup_stem     (CardinalWindow *self);

G_END_DECLS
