/* cardinal-diagnostics-view-private.h: the diagnostics view's state, for tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-diagnostics-view.h"

G_BEGIN_DECLS

/* Whether a validation is scheduled or running; iterate the main context until FALSE. */
gboolean                  cardinal_diagnostics_view_is_busy     (CardinalDiagnosticsView *self);
guint                     cardinal_diagnostics_view_get_n_items (CardinalDiagnosticsView *self);
const CardinalDiagnostic *cardinal_diagnostics_view_get_item    (CardinalDiagnosticsView *self,
                                                                 guint                    position);
/* Activates the row at @position as a click would. */
void                      cardinal_diagnostics_view_activate_row (CardinalDiagnosticsView *self,
                                                                  guint                    position);

G_END_DECLS
