/* cardinal-canvas-benchmark.h: `cardinal --benchmark-canvas FILE`: a scripted pan/zoom sweep timed by the frame clock. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens @file in a 1920×1080 window holding only a canvas, pans across the
 * whole model, zooms out to fit and back in over 300 frames, prints
 * "frames=N p50_ms=… p95_ms=… max_ms=…" on stdout and quits @application.
 * Returns the process exit status (0, or 2 when the file can't be loaded). */
int cardinal_canvas_benchmark_run (GtkApplication *application,
                                   GFile          *file);

G_END_DECLS
