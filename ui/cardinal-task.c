/* cardinal-task.c: the task host interface and the one place that runs dialog work in a thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-task.h"

G_DEFINE_INTERFACE (CardinalTaskHost, cardinal_task_host, GTK_TYPE_WINDOW)

static void
cardinal_task_host_default_init (CardinalTaskHostInterface *iface)
{
}

GCancellable *
cardinal_task_host_begin_task (CardinalTaskHost *self,
                               const char       *label)
{
  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (self), NULL);

  return CARDINAL_TASK_HOST_GET_IFACE (self)->begin_task (self, label);
}

void
cardinal_task_host_end_task (CardinalTaskHost *self,
                             GCancellable     *cancellable)
{
  g_return_if_fail (CARDINAL_IS_TASK_HOST (self));

  CARDINAL_TASK_HOST_GET_IFACE (self)->end_task (self, cancellable);
}

void
cardinal_task_host_add_toast (CardinalTaskHost *self,
                              AdwToast         *toast)
{
  g_return_if_fail (CARDINAL_IS_TASK_HOST (self));

  CARDINAL_TASK_HOST_GET_IFACE (self)->add_toast (self, toast);
}

void
cardinal_task_host_show_error (CardinalTaskHost *self,
                               const char       *heading,
                               const char       *message)
{
  g_return_if_fail (CARDINAL_IS_TASK_HOST (self));

  CARDINAL_TASK_HOST_GET_IFACE (self)->show_error (self, heading, message);
}

CardinalHistory *
cardinal_task_host_get_history (CardinalTaskHost *self)
{
  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (self), NULL);

  return CARDINAL_TASK_HOST_GET_IFACE (self)->get_history (self);
}

GFile *
cardinal_task_host_dup_folder (CardinalTaskHost *self)
{
  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (self), NULL);

  return CARDINAL_TASK_HOST_GET_IFACE (self)->dup_folder (self);
}

char *
cardinal_task_host_dup_stem (CardinalTaskHost *self)
{
  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (self), NULL);

  return CARDINAL_TASK_HOST_GET_IFACE (self)->dup_stem (self);
}

CardinalTaskHost *
cardinal_task_host_open_draft (CardinalTaskHost *self,
                               CardinalModel    *model,
                               const char       *title,
                               GPtrArray        *notes)
{
  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (self), NULL);

  return CARDINAL_TASK_HOST_GET_IFACE (self)->open_draft (self, model, title, notes);
}

typedef struct
{
  GWeakRef          host;
  GCancellable     *cancellable;
  CardinalTaskDone  done;
} TaskClosure;

static void
task_closure_free (TaskClosure *closure)
{
  g_weak_ref_clear (&closure->host);
  g_clear_object (&closure->cancellable);
  g_free (closure);
}

static void
task_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TaskClosure *closure = user_data;
  g_autoptr(CardinalTaskHost) host = g_weak_ref_get (&closure->host);

  /* A cancelled task was already let go by its host (Cancel drops it from
   * the host's list, so end_task is then a no-op): its result is dropped. */
  if (host != NULL)
    {
      cardinal_task_host_end_task (host, closure->cancellable);
      if (!g_cancellable_is_cancelled (closure->cancellable))
        closure->done (host, G_TASK (result));
    }
  task_closure_free (closure);
}

void
cardinal_task_run (CardinalTaskHost *host,
                   const char       *label,
                   gpointer          source_tag,
                   const char       *name,
                   gpointer          task_data,
                   GDestroyNotify    task_data_free,
                   GTaskThreadFunc   thread,
                   CardinalTaskDone  done)
{
  g_autoptr(GTask) task = NULL;
  TaskClosure *closure;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));
  g_return_if_fail (label != NULL);
  g_return_if_fail (thread != NULL && done != NULL);

  closure = g_new0 (TaskClosure, 1);
  g_weak_ref_init (&closure->host, host);
  closure->cancellable = cardinal_task_host_begin_task (host, label);
  closure->done = done;
  task = g_task_new (NULL, closure->cancellable, task_done_cb, closure);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, name);
  g_task_set_task_data (task, task_data, task_data_free);
  g_task_run_in_thread (task, thread);
}
