/* cardinal-model-worker.h: recomputes something from the edited model on a worker thread, once per burst of edits. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_MODEL_WORKER (cardinal_model_worker_get_type ())

G_DECLARE_FINAL_TYPE (CardinalModelWorker, cardinal_model_worker, CARDINAL, MODEL_WORKER, GObject)

/* What a view computes and how it shows it. */
typedef struct
{
  /* Main thread, as a run starts: what the run needs besides the model, or NULL. */
  gpointer       (*prepare)       (gpointer owner);
  GDestroyNotify   prepared_free;
  /* Worker thread: the result for @model (a copy the run owns); never NULL. */
  gpointer       (*run)           (const CardinalModel *model,
                                   gpointer             prepared);
  GDestroyNotify   result_free;
  /* Main thread: shows @result (freed afterwards); NULL when there is no history. */
  void           (*apply)         (gpointer owner,
                                   gpointer result);
  /* Whether to wait while @owner is hidden and run when it is shown again. */
  gboolean         only_when_mapped;
} CardinalModelWorkerFuncs;

/* Follows @owner's history: after an edit (other than moving entities, which
 * no text view shows) and when asked, runs @funcs->run on a copy of the
 * newest model in a worker thread, from an idle at low priority so that a
 * burst of edits makes one run. One run at a time; edits made meanwhile start
 * another when it ends, whose result replaces the one shown. @funcs must stay
 * valid (a static table). */
CardinalModelWorker *cardinal_model_worker_new         (GtkWidget                      *owner,
                                                        const CardinalModelWorkerFuncs *funcs);
void                 cardinal_model_worker_set_history (CardinalModelWorker            *self,
                                                        CardinalHistory                *history);
/* Something besides the model that the result depends on changed. */
void                 cardinal_model_worker_queue       (CardinalModelWorker            *self);
/* Whether a run is scheduled or running. */
gboolean             cardinal_model_worker_is_busy     (CardinalModelWorker            *self);
/* For @owner's dispose: drops the history, cancels the running run (its result
 * is never applied) and forgets @owner. */
void                 cardinal_model_worker_stop        (CardinalModelWorker            *self);

/* Whether a history change with @flags (CardinalChangeFlags) only moved
 * entities: nothing that text about the model shows. */
gboolean             cardinal_model_worker_only_moved  (guint                           flags);

G_END_DECLS
