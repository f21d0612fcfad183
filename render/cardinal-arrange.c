/* cardinal-arrange.c: Arrange: the auto layout of a history's model on a worker thread (Graphviz, then cardinal-layout's tidying and packing), applied as one undoable step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-arrange.h"

#include "cardinal-diagram.h"
#include "cardinal-layout.h"

G_DEFINE_QUARK (cardinal-arrange-error-quark, cardinal_arrange_error)

typedef struct
{
  CardinalHistory *history;
  CardinalModel   *model;      /* the worker's own copy */
  GHashTable      *sizes;
  double           aspect;
  gulong           changed_id;
  gboolean         stale;
} ArrangeData;

static void
arrange_data_free (ArrangeData *data)
{
  g_clear_signal_handler (&data->changed_id, data->history);
  g_clear_object (&data->history);
  g_clear_pointer (&data->model, cardinal_model_free);
  g_clear_pointer (&data->sizes, g_hash_table_unref);
  g_free (data);
}

static void
history_changed_cb (CardinalHistory     *history,
                    CardinalChangeFlags  flags,
                    ArrangeData         *data)
{
  /* Positions computed for another model would undo the user's edit. */
  data->stale = TRUE;
}

static void
arrange_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ArrangeData *data = task_data;
  GError *error = NULL;
  GHashTable *positions;

  positions = cardinal_diagram_layout_positions_for_aspect (data->model, data->sizes, data->aspect,
                                                           cancellable, &error);
  if (positions == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, positions, (GDestroyNotify) g_hash_table_unref);
}

void
cardinal_arrange_async_for_aspect (CardinalHistory     *history,
                                   GHashTable          *sizes,
                                   double               aspect,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ArrangeData *data;

  g_return_if_fail (CARDINAL_IS_HISTORY (history));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ArrangeData, 1);
  data->history = g_object_ref (history);
  data->model = cardinal_model_copy (cardinal_history_get_model (history));
  data->sizes = sizes != NULL ? g_hash_table_ref (sizes) : NULL;
  data->aspect = aspect;
  data->changed_id = g_signal_connect (history, "changed", G_CALLBACK (history_changed_cb), data);

  task = g_task_new (history, cancellable, callback, user_data);
  g_task_set_source_tag (task, cardinal_arrange_async_for_aspect);
  g_task_set_name (task, "cardinal-arrange");
  g_task_set_task_data (task, data, (GDestroyNotify) arrange_data_free);
  g_task_run_in_thread (task, arrange_thread);
}

void
cardinal_arrange_apply_positions (CardinalModel *model,
                                  GHashTable    *positions)
{
  g_return_if_fail (model != NULL);
  g_return_if_fail (positions != NULL);

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      const CardinalDiagramPosition *position = g_hash_table_lookup (positions, entity->name);

      if (position == NULL)
        continue;
      entity->x = position->x;
      entity->y = position->y;
    }
}

gboolean
cardinal_arrange_finish (GAsyncResult  *result,
                         GError       **error)
{
  GTask *task = G_TASK (result);
  ArrangeData *data;
  g_autoptr(GHashTable) positions = NULL;
  CardinalModel *arranged;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (task) == cardinal_arrange_async_for_aspect, FALSE);

  data = g_task_get_task_data (task);
  positions = g_task_propagate_pointer (task, error);
  if (positions == NULL)
    return FALSE;
  if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Arrange was cancelled");
      return FALSE;
    }
  if (data->stale)
    {
      g_set_error_literal (error, CARDINAL_ARRANGE_ERROR, CARDINAL_ARRANGE_ERROR_STALE,
                           "The design changed while it was being arranged; nothing was moved");
      return FALSE;
    }

  /* A copy of the current model (the same as the one laid out: nothing
   * changed since) with the new positions, swapped in as one step. */
  arranged = cardinal_model_copy (cardinal_history_get_model (data->history));
  cardinal_arrange_apply_positions (arranged, positions);
  return cardinal_history_replace_model (data->history, arranged, "Arrange", error);
}
