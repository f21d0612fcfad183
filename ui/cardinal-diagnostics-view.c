/* cardinal-diagnostics-view.c: the validator's live diagnostics list in the side panel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-diagnostics-view.h"
#include "cardinal-diagnostics-view-private.h"

#include <adwaita.h>

#include "cardinal-model-worker.h"

/* One diagnostic as a list item ------------------------------------------- */

#define CARDINAL_TYPE_DIAGNOSTIC_ITEM (cardinal_diagnostic_item_get_type ())

G_DECLARE_FINAL_TYPE (CardinalDiagnosticItem, cardinal_diagnostic_item, CARDINAL, DIAGNOSTIC_ITEM, GObject)

struct _CardinalDiagnosticItem
{
  GObject             parent_instance;
  CardinalDiagnostic *diagnostic;  /* owned */
};

G_DEFINE_FINAL_TYPE (CardinalDiagnosticItem, cardinal_diagnostic_item, G_TYPE_OBJECT)

static void
cardinal_diagnostic_item_finalize (GObject *object)
{
  CardinalDiagnosticItem *self = CARDINAL_DIAGNOSTIC_ITEM (object);

  g_clear_pointer (&self->diagnostic, cardinal_diagnostic_free);

  G_OBJECT_CLASS (cardinal_diagnostic_item_parent_class)->finalize (object);
}

static void
cardinal_diagnostic_item_class_init (CardinalDiagnosticItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cardinal_diagnostic_item_finalize;
}

static void
cardinal_diagnostic_item_init (CardinalDiagnosticItem *self)
{
}

/* The view ------------------------------------------------------------------ */

struct _CardinalDiagnosticsView
{
  GtkWidget            parent_instance;

  CardinalModelWorker *worker;
  GListStore          *store;
  GPtrArray           *notes;       /* of char *: shown after the validator's diagnostics */
  GPtrArray           *last;        /* of CardinalDiagnostic: the validator's last result, for set_notes */
  guint                n_errors;
  guint                n_warnings;

  GtkStack            *stack;
  GtkListView         *list_view;
};

G_DEFINE_FINAL_TYPE (CardinalDiagnosticsView, cardinal_diagnostics_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_N_ERRORS,
  PROP_N_WARNINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* In the worker thread. */
static gpointer
validate (const CardinalModel *model,
          gpointer             prepared)
{
  return cardinal_validate (model);
}

static gint
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const CardinalDiagnostic *da = *(const CardinalDiagnostic * const *) a;
  const CardinalDiagnostic *db = *(const CardinalDiagnostic * const *) b;

  /* Errors first; g_ptr_array_sort is stable, so the validator's order holds within each. */
  return (int) db->severity - (int) da->severity;
}

static void
apply (CardinalDiagnosticsView *self,
       GPtrArray               *diagnostics)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_errors = 0;
  guint n_warnings = 0;
  gsize n = 0;
  g_autofree gpointer *taken = NULL;

  g_ptr_array_sort (diagnostics, compare_severity);
  for (guint i = 0; self->notes != NULL && i < self->notes->len; i++)
    {
      CardinalDiagnostic *note = g_new0 (CardinalDiagnostic, 1);

      note->code = "IMPORT";
      note->severity = CARDINAL_SEVERITY_WARNING;
      note->message = g_strdup (g_ptr_array_index (self->notes, i));
      note->object_kind = CARDINAL_OBJECT_MODEL;
      g_ptr_array_add (diagnostics, note);
    }
  /* The items take the diagnostics over. */
  taken = g_ptr_array_steal (diagnostics, &n);
  for (gsize i = 0; i < n; i++)
    {
      CardinalDiagnosticItem *item = g_object_new (CARDINAL_TYPE_DIAGNOSTIC_ITEM, NULL);

      item->diagnostic = taken[i];
      if (item->diagnostic->severity == CARDINAL_SEVERITY_ERROR)
        n_errors++;
      else
        n_warnings++;
      g_ptr_array_add (items, item);
    }

  /* One splice: the list view sees a single change, however long the list. */
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");

  g_object_freeze_notify (G_OBJECT (self));
  if (self->n_errors != n_errors)
    {
      self->n_errors = n_errors;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ERRORS]);
    }
  if (self->n_warnings != n_warnings)
    {
      self->n_warnings = n_warnings;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WARNINGS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static CardinalDiagnostic *
diagnostic_copy (const CardinalDiagnostic *diagnostic)
{
  CardinalDiagnostic *copy = g_memdup2 (diagnostic, sizeof *diagnostic);

  copy->message = g_strdup (diagnostic->message);
  copy->entity = g_strdup (diagnostic->entity);
  copy->relationship = g_strdup (diagnostic->relationship);
  copy->attribute = g_strdup (diagnostic->attribute);
  return copy;
}

/* A deep copy of @diagnostics that apply () may take over. */
static GPtrArray *
diagnostics_copy (GPtrArray *diagnostics)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_diagnostic_free);

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    g_ptr_array_add (copy, diagnostic_copy (g_ptr_array_index (diagnostics, i)));
  return copy;
}

static void
show_diagnostics (gpointer owner,
                  gpointer result)
{
  CardinalDiagnosticsView *self = owner;
  g_autoptr(GPtrArray) shown = NULL;

  /* Kept, so that new notes can be shown without waiting for the worker. */
  g_clear_pointer (&self->last, g_ptr_array_unref);
  self->last = diagnostics_copy (result);
  shown = diagnostics_copy (result);
  apply (self, shown);
}

static const CardinalModelWorkerFuncs validate_funcs = {
  .run = validate,
  .result_free = (GDestroyNotify) g_ptr_array_unref,
  .apply = show_diagnostics,
};

static const char *
object_words (const CardinalDiagnostic *diagnostic,
              char                    **owned)
{
  switch (diagnostic->object_kind)
    {
    case CARDINAL_OBJECT_ENTITY:
      return *owned = g_strdup_printf ("entity %s", diagnostic->entity);
    case CARDINAL_OBJECT_ATTRIBUTE:
      return *owned = g_strdup_printf ("attribute %s.%s", diagnostic->entity, diagnostic->attribute);
    case CARDINAL_OBJECT_RELATIONSHIP:
      return *owned = g_strdup_printf ("relationship %s", diagnostic->relationship);
    case CARDINAL_OBJECT_LINK_ATTRIBUTE:
      return *owned = g_strdup_printf ("link attribute %s.%s", diagnostic->relationship, diagnostic->attribute);
    case CARDINAL_OBJECT_MODEL:
    default:
      return "model";
    }
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *where = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), message);
  gtk_box_append (GTK_BOX (texts), where);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item)
{
  CardinalDiagnosticItem *item = gtk_list_item_get_item (list_item);
  const CardinalDiagnostic *diagnostic = item->diagnostic;
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (icon);
  GtkWidget *message = gtk_widget_get_first_child (texts);
  GtkWidget *where = gtk_widget_get_next_sibling (message);
  gboolean error = diagnostic->severity == CARDINAL_SEVERITY_ERROR;
  g_autofree char *owned = NULL;
  g_autofree char *caption = g_strdup_printf ("%s · %s", diagnostic->code, object_words (diagnostic, &owned));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, error ? "warning" : "error");
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? "Error" : "Warning", -1);
  gtk_label_set_text (GTK_LABEL (message), diagnostic->message);
  gtk_label_set_text (GTK_LABEL (where), caption);
}

static void
row_activated (GtkListView             *list_view,
               guint                    position,
               CardinalDiagnosticsView *self)
{
  g_autoptr(CardinalDiagnosticItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

  if (item == NULL)
    return;
  g_signal_emit (self, signals[ACTIVATE], 0,
                 (int) item->diagnostic->object_kind, item->diagnostic->entity, item->diagnostic->relationship);
}

static void
cardinal_diagnostics_view_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CardinalDiagnosticsView *self = CARDINAL_DIAGNOSTICS_VIEW (object);

  switch (prop_id)
    {
    case PROP_N_ERRORS:
      g_value_set_uint (value, self->n_errors);
      break;
    case PROP_N_WARNINGS:
      g_value_set_uint (value, self->n_warnings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_diagnostics_view_dispose (GObject *object)
{
  CardinalDiagnosticsView *self = CARDINAL_DIAGNOSTICS_VIEW (object);

  if (self->worker != NULL)
    cardinal_model_worker_stop (self->worker);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_DIAGNOSTICS_VIEW);

  G_OBJECT_CLASS (cardinal_diagnostics_view_parent_class)->dispose (object);
}

static void
cardinal_diagnostics_view_finalize (GObject *object)
{
  CardinalDiagnosticsView *self = CARDINAL_DIAGNOSTICS_VIEW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->notes, g_ptr_array_unref);
  g_clear_pointer (&self->last, g_ptr_array_unref);

  G_OBJECT_CLASS (cardinal_diagnostics_view_parent_class)->finalize (object);
}

static void
cardinal_diagnostics_view_class_init (CardinalDiagnosticsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cardinal_diagnostics_view_get_property;
  object_class->dispose = cardinal_diagnostics_view_dispose;
  object_class->finalize = cardinal_diagnostics_view_finalize;

  properties[PROP_N_ERRORS] =
    g_param_spec_uint ("n-errors", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_WARNINGS] =
    g_param_spec_uint ("n-warnings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* activate (CardinalObjectKind kind, const char *entity, const char *relationship) */
  signals[ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-diagnostics-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagnosticsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagnosticsView, list_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardinal-diagnostics-view");
}

static void
cardinal_diagnostics_view_init (CardinalDiagnosticsView *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->store = g_list_store_new (CARDINAL_TYPE_DIAGNOSTIC_ITEM);
  self->worker = cardinal_model_worker_new (GTK_WIDGET (self), &validate_funcs);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->store)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (factory);
  g_object_unref (selection);
  g_signal_connect (self->list_view, "activate", G_CALLBACK (row_activated), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
cardinal_diagnostics_view_new (void)
{
  return g_object_new (CARDINAL_TYPE_DIAGNOSTICS_VIEW, NULL);
}

void
cardinal_diagnostics_view_set_notes (CardinalDiagnosticsView *self,
                                     GPtrArray               *notes)
{
  g_autoptr(GPtrArray) shown = NULL;

  g_return_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self));

  g_clear_pointer (&self->notes, g_ptr_array_unref);
  if (notes != NULL && notes->len > 0)
    self->notes = cardinal_string_array_copy (notes);
  shown = diagnostics_copy (self->last);
  apply (self, shown);
}

void
cardinal_diagnostics_view_set_history (CardinalDiagnosticsView *self,
                                       CardinalHistory         *history)
{
  g_return_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  cardinal_model_worker_set_history (self->worker, history);
}

guint
cardinal_diagnostics_view_get_n_errors (CardinalDiagnosticsView *self)
{
  g_return_val_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self), 0);

  return self->n_errors;
}

guint
cardinal_diagnostics_view_get_n_warnings (CardinalDiagnosticsView *self)
{
  g_return_val_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self), 0);

  return self->n_warnings;
}

gboolean
cardinal_diagnostics_view_is_busy (CardinalDiagnosticsView *self)
{
  g_return_val_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self), FALSE);

  return cardinal_model_worker_is_busy (self->worker);
}

guint
cardinal_diagnostics_view_get_n_items (CardinalDiagnosticsView *self)
{
  g_return_val_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

const CardinalDiagnostic *
cardinal_diagnostics_view_get_item (CardinalDiagnosticsView *self,
                                    guint                    position)
{
  g_autoptr(CardinalDiagnosticItem) item = NULL;

  g_return_val_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self), NULL);

  item = g_list_model_get_item (G_LIST_MODEL (self->store), position);
  /* The store keeps its own reference, so the diagnostic outlives this one. */
  return item ? item->diagnostic : NULL;
}

void
cardinal_diagnostics_view_activate_row (CardinalDiagnosticsView *self,
                                        guint                    position)
{
  g_return_if_fail (CARDINAL_IS_DIAGNOSTICS_VIEW (self));

  g_signal_emit_by_name (self->list_view, "activate", position);
}
