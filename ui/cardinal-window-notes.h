/* cardinal-window-notes.h: the window's part in notes, groups and colours: the context menu's entries and the inspector's note and group pages. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-canvas.h"
#include "cardinal-inspector.h"

G_BEGIN_DECLS

/* Installs the "notes" action group on @window (notes.add-note,
 * notes.group-selection, notes.set-color(s) acting on @canvas) and shows a
 * new or double-clicked note's text in @inspector, focused. */
void     cardinal_window_notes_setup          (GtkWidget         *window,
                                               CardinalCanvas    *canvas,
                                               CardinalInspector *inspector);
/* Appends the section for the canvas's current selection to the context menu. */
void     cardinal_window_notes_extend_menu    (GMenu             *menu,
                                               CardinalCanvas    *canvas);
/* Shows the selected note or group in @inspector; FALSE when neither is selected. */
gboolean cardinal_window_notes_show_selection (CardinalCanvas    *canvas,
                                               CardinalInspector *inspector);

G_END_DECLS
