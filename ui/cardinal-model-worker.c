/* cardinal-model-worker.c: recomputes something from the edited model on a worker thread, once per burst of edits. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-model-worker.h"

struct _CardinalModelWorker
{
  GObject                         parent_instance;

  GtkWidget                      *owner;  /* not a reference: the owner holds the worker */
  const CardinalModelWorkerFuncs *funcs;
  CardinalHistory                *history;
  GSignalGroup                   *history_signals;  /* "changed" of whichever history is set */

  guint                           idle_source;  /* a run is scheduled */
  gboolean                        running;      /* a run is going on in a worker thread */
  gboolean                        dirty;        /* the inputs changed while it ran */
  gboolean                        stale;        /* changed while the owner was hidden: run when shown */
  GCancellable                   *cancellable;
};

G_DEFINE_FINAL_TYPE (CardinalModelWorker, cardinal_model_worker, G_TYPE_OBJECT)

typedef struct
{
  const CardinalModelWorkerFuncs *funcs;
  CardinalModel                  *model;
  gpointer                        prepared;
} Job;

static void
job_free (Job *job)
{
  cardinal_model_free (job->model);
  if (job->funcs->prepared_free != NULL)
    g_clear_pointer (&job->prepared, job->funcs->prepared_free);
  g_free (job);
}

static void schedule (CardinalModelWorker *self);

static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;

  g_task_return_pointer (task, job->funcs->run (job->model, job->prepared), job->funcs->result_free);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CardinalModelWorker *self = CARDINAL_MODEL_WORKER (source);
  gpointer value = g_task_propagate_pointer (G_TASK (result), NULL);

  self->running = FALSE;
  /* Stopped: the owner may be gone. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (value != NULL)
        self->funcs->result_free (value);
      return;
    }

  if (value != NULL)
    {
      self->funcs->apply (self->owner, value);
      self->funcs->result_free (value);
    }
  if (self->dirty)
    schedule (self);
}

static gboolean
run_idle (gpointer data)
{
  CardinalModelWorker *self = data;
  g_autoptr(GTask) task = NULL;
  Job *job;

  self->idle_source = 0;
  if (self->history == NULL)
    {
      self->funcs->apply (self->owner, NULL);
      return G_SOURCE_REMOVE;
    }
  if (self->running)
    {
      /* One run at a time; the newest model is taken when this one ends. */
      self->dirty = TRUE;
      return G_SOURCE_REMOVE;
    }

  /* The run gets its own copy: the history replaces objects as it is edited. */
  self->dirty = FALSE;
  self->running = TRUE;
  job = g_new0 (Job, 1);
  job->funcs = self->funcs;
  job->model = cardinal_model_copy (cardinal_history_get_model (self->history));
  job->prepared = self->funcs->prepare != NULL ? self->funcs->prepare (self->owner) : NULL;
  task = g_task_new (self, self->cancellable, run_done, NULL);
  g_task_set_source_tag (task, run_idle);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_in_thread);
  return G_SOURCE_REMOVE;
}

static void
schedule (CardinalModelWorker *self)
{
  if (self->owner == NULL)
    return;
  /* Hidden (another tab of the side panel): nothing to show until it is shown. */
  if (self->funcs->only_when_mapped && !gtk_widget_get_mapped (self->owner))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  /* A burst of edits (a drag, typing) makes one run, after the frame. */
  if (self->idle_source == 0)
    self->idle_source = g_idle_add_full (G_PRIORITY_LOW, run_idle, self, NULL);
}

static void
owner_mapped (GtkWidget           *owner,
              CardinalModelWorker *self)
{
  if (self->stale)
    schedule (self);
}

gboolean
cardinal_model_worker_only_moved (guint flags)
{
  return (flags & CARDINAL_CHANGE_POSITIONS) &&
         !(flags & ~(CARDINAL_CHANGE_POSITIONS | CARDINAL_CHANGE_ENTITIES));
}

static void
history_changed (CardinalHistory     *history,
                 guint                flags,
                 CardinalModelWorker *self)
{
  if (cardinal_model_worker_only_moved (flags))
    return;
  schedule (self);
}

static void
cardinal_model_worker_dispose (GObject *object)
{
  cardinal_model_worker_stop (CARDINAL_MODEL_WORKER (object));

  G_OBJECT_CLASS (cardinal_model_worker_parent_class)->dispose (object);
}

static void
cardinal_model_worker_finalize (GObject *object)
{
  CardinalModelWorker *self = CARDINAL_MODEL_WORKER (object);

  g_clear_object (&self->cancellable);
  /* Stopping (from dispose too) has already taken it off the history. */
  g_clear_object (&self->history_signals);

  G_OBJECT_CLASS (cardinal_model_worker_parent_class)->finalize (object);
}

static void
cardinal_model_worker_class_init (CardinalModelWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cardinal_model_worker_dispose;
  object_class->finalize = cardinal_model_worker_finalize;
}

static void
cardinal_model_worker_init (CardinalModelWorker *self)
{
  self->cancellable = g_cancellable_new ();
  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect (self->history_signals, "changed", G_CALLBACK (history_changed), self);
}

CardinalModelWorker *
cardinal_model_worker_new (GtkWidget                      *owner,
                           const CardinalModelWorkerFuncs *funcs)
{
  CardinalModelWorker *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);
  g_return_val_if_fail (funcs != NULL && funcs->run != NULL && funcs->result_free != NULL && funcs->apply != NULL,
                        NULL);

  self = g_object_new (CARDINAL_TYPE_MODEL_WORKER, NULL);
  self->owner = owner;
  self->funcs = funcs;
  if (funcs->only_when_mapped)
    g_signal_connect (owner, "map", G_CALLBACK (owner_mapped), self);
  return self;
}

void
cardinal_model_worker_set_history (CardinalModelWorker *self,
                                   CardinalHistory     *history)
{
  g_return_if_fail (CARDINAL_IS_MODEL_WORKER (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;

  g_signal_group_set_target (self->history_signals, history);
  cardinal_model_worker_queue (self);
}

void
cardinal_model_worker_queue (CardinalModelWorker *self)
{
  g_return_if_fail (CARDINAL_IS_MODEL_WORKER (self));

  /* A run on the old inputs may still be going; its result is replaced by the next. */
  self->dirty = self->running;
  schedule (self);
}

gboolean
cardinal_model_worker_is_busy (CardinalModelWorker *self)
{
  g_return_val_if_fail (CARDINAL_IS_MODEL_WORKER (self), FALSE);

  return self->idle_source != 0 || self->running;
}

void
cardinal_model_worker_stop (CardinalModelWorker *self)
{
  g_return_if_fail (CARDINAL_IS_MODEL_WORKER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_signal_group_set_target (self->history_signals, NULL);
  g_clear_object (&self->history);
  if (self->owner != NULL && self->funcs->only_when_mapped)
    g_signal_handlers_disconnect_by_data (self->owner, self);
  self->owner = NULL;
}
