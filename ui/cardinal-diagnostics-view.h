/* cardinal-diagnostics-view.h: the validator's live diagnostics list in the side panel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"
#include "cardinal-validate.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_DIAGNOSTICS_VIEW (cardinal_diagnostics_view_get_type ())

G_DECLARE_FINAL_TYPE (CardinalDiagnosticsView, cardinal_diagnostics_view, CARDINAL, DIAGNOSTICS_VIEW, GtkWidget)

GtkWidget *cardinal_diagnostics_view_new         (void);
/* Revalidates (coalesced, off the frame) whenever the history changes. */
void       cardinal_diagnostics_view_set_history (CardinalDiagnosticsView *self,
                                                  CardinalHistory         *history);
/* Notes about the document that validation cannot see (what an import left
 * out or approximated), shown as warnings with code IMPORT after the
 * validator's until replaced; NULL clears them. The strings are copied. */
void       cardinal_diagnostics_view_set_notes   (CardinalDiagnosticsView *self,
                                                  GPtrArray               *notes);
guint      cardinal_diagnostics_view_get_n_errors   (CardinalDiagnosticsView *self);
guint      cardinal_diagnostics_view_get_n_warnings (CardinalDiagnosticsView *self);

/* Signal "activate" (CardinalObjectKind kind, const char *entity, const char *relationship):
 * the user picked a diagnostic; the window selects and reveals that object. */

G_END_DECLS
