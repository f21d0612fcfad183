/* cardinal-diagram-dialog.h: Export → Diagram…: picture options, a file chooser, and the rendering off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-diagram.h"
#include "cardinal-task.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_DIAGRAM_DIALOG (cardinal_diagram_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalDiagramDialog, cardinal_diagram_dialog, CARDINAL, DIAGRAM_DIALOG, GtkWindow)

/* A modal dialog over @host: format, view (the physical one first when
 * @physical, as on the canvas), layout, types, a PNG's scale and maximum
 * size; Export… asks for a file, then renders @host's design into it. It
 * opens with the format, view, scale and size it last closed with (GSettings). */
CardinalDiagramDialog *cardinal_diagram_dialog_new (CardinalTaskHost *host,
                                                    gboolean          physical);
/* The options the dialog's rows make now. */
void cardinal_diagram_dialog_get_options (CardinalDiagramDialog  *self,
                                          CardinalDiagramOptions *options);

/* Renders @host's design with @options on a worker thread (progress and
 * Cancel on @host) and writes @file; a toast or an error dialog on
 * @host tells how it went. */
void cardinal_diagram_export         (CardinalTaskHost             *host,
                                      GFile                        *file,
                                      const CardinalDiagramOptions *options);
/* win.export-diagram-to: @parameter is a{sv} with "path" (required) and
 * optionally "format" (else from the extension), "view", "layout",
 * "dialect" (strings), "include-types", "relationship-labels" (booleans),
 * "scale" (double) and "max-size" (uint32, PNG pixels). */
void cardinal_diagram_export_variant (CardinalTaskHost             *host,
                                      GVariant                     *parameter);

G_END_DECLS
