/* cardinal-task.h: background work for dialogs: the host interface a document window implements, and one way to run a GTask in a thread under it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_TASK_HOST (cardinal_task_host_get_type ())
G_DECLARE_INTERFACE (CardinalTaskHost, cardinal_task_host, CARDINAL, TASK_HOST, GtkWindow)

/* What the export, import and apply dialogs need of the window they serve,
 * so that they never know the window's type. */
struct _CardinalTaskHostInterface
{
  GTypeInterface g_iface;

  /* Shows @label as work in progress (with a way to cancel it); the
   * cancellable is the work's until end_task (). */
  GCancellable     *(*begin_task)  (CardinalTaskHost *self,
                                    const char       *label);
  void              (*end_task)    (CardinalTaskHost *self,
                                    GCancellable     *cancellable);
  void              (*add_toast)   (CardinalTaskHost *self,
                                    AdwToast         *toast);
  void              (*show_error)  (CardinalTaskHost *self,
                                    const char       *heading,
                                    const char       *message);
  CardinalHistory  *(*get_history) (CardinalTaskHost *self);
  /* Where choosers start, and the file name stem for what is written. */
  GFile            *(*dup_folder)  (CardinalTaskHost *self);
  char             *(*dup_stem)    (CardinalTaskHost *self);
  /* Opens @model (taken over) as a new unsaved document titled @title, with
   * @notes (of char *) from its import, in this host when it is empty or in a
   * new one; returns the host that shows it (not a new reference). */
  CardinalTaskHost *(*open_draft)  (CardinalTaskHost *self,
                                    CardinalModel    *model,
                                    const char       *title,
                                    GPtrArray        *notes);
};

GCancellable     *cardinal_task_host_begin_task  (CardinalTaskHost *self,
                                                  const char       *label);
void              cardinal_task_host_end_task    (CardinalTaskHost *self,
                                                  GCancellable     *cancellable);
void              cardinal_task_host_add_toast   (CardinalTaskHost *self,
                                                  AdwToast         *toast);
void              cardinal_task_host_show_error  (CardinalTaskHost *self,
                                                  const char       *heading,
                                                  const char       *message);
CardinalHistory  *cardinal_task_host_get_history (CardinalTaskHost *self);
GFile            *cardinal_task_host_dup_folder  (CardinalTaskHost *self);
char             *cardinal_task_host_dup_stem    (CardinalTaskHost *self);
CardinalTaskHost *cardinal_task_host_open_draft  (CardinalTaskHost *self,
                                                  CardinalModel    *model,
                                                  const char       *title,
                                                  GPtrArray        *notes);

/* Called on the main thread when the work ended, unless it was cancelled or
 * its host has gone; @task holds the thread's result and the task data. */
typedef void (*CardinalTaskDone) (CardinalTaskHost *host,
                                  GTask            *task);

/* Runs @thread with @task_data (freed with @task_data_free) in a thread,
 * shown by @host as @label until it ends; then @done. @source_tag and @name
 * mark the GTask for debugging. */
void cardinal_task_run (CardinalTaskHost *host,
                        const char       *label,
                        gpointer          source_tag,
                        const char       *name,
                        gpointer          task_data,
                        GDestroyNotify    task_data_free,
                        GTaskThreadFunc   thread,
                        CardinalTaskDone  done);

G_END_DECLS
