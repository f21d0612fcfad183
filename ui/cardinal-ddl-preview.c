/* cardinal-ddl-preview.c: a read-only pane with the model's DDL that follows every edit. */
#include "cardinal-ddl-preview.h"
#include "cardinal-ddl-preview-private.h"

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-model-worker.h"
#include "cardinal-validate.h"

struct _CardinalDdlPreview
{
  GtkWidget            parent_instance;

  CardinalModelWorker *worker;
  CardinalDialect      dialect;

  GtkWidget           *content;
  GtkRevealer         *notice_revealer;
  GtkLabel            *notice_label;
  GtkTextView         *text_view;
};

G_DEFINE_FINAL_TYPE (CardinalDdlPreview, cardinal_ddl_preview, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DIALECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char  *text;
  guint  n_errors;
} Rendered;

static void
rendered_free (Rendered *rendered)
{
  g_free (rendered->text);
  g_free (rendered);
}

static gpointer
prepare_render (gpointer owner)
{
  return GINT_TO_POINTER (CARDINAL_DDL_PREVIEW (owner)->dialect);
}

/* In the worker thread. */
static gpointer
render (const CardinalModel *model,
        gpointer             dialect)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate_with_schema (model, schema);
  g_autofree char *ddl = cardinal_ddl_render (schema, GPOINTER_TO_INT (dialect));
  Rendered *rendered = g_new0 (Rendered, 1);
  GString *out = g_string_new (NULL);

  /* Errors go on top as SQL comments: the DDL stays in view, with why it may fail. */
  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity != CARDINAL_SEVERITY_ERROR)
        continue;
      if (rendered->n_errors++ == 0)
        g_string_append (out, "-- The model has errors; these statements may fail or lose information until\n"
                              "-- they are fixed:\n");
      line = cardinal_diagnostic_format (diagnostic, NULL);
      g_string_append_printf (out, "--   %s\n", line);
    }
  if (rendered->n_errors > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, ddl);
  rendered->text = g_string_free (out, FALSE);
  return rendered;
}

/* Replaces the text, keeping the line at the top of the view in place. */
static void
show_text (CardinalDdlPreview *self,
           const char         *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GdkRectangle visible;
  GtkTextIter iter;
  GtkTextMark *mark;
  int top_line;

  gtk_text_view_get_visible_rect (self->text_view, &visible);
  gtk_text_view_get_line_at_y (self->text_view, &iter, visible.y, NULL);
  top_line = gtk_text_iter_get_line (&iter);

  gtk_text_buffer_set_text (buffer, text, -1);

  gtk_text_buffer_get_iter_at_line (buffer, &iter, top_line);
  mark = gtk_text_buffer_get_mark (buffer, "cardinal-top");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "cardinal-top", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);
  /* Scrolling to a mark waits for the new lines to be measured, unlike setting the adjustment. */
  if (top_line > 0)
    gtk_text_view_scroll_to_mark (self->text_view, mark, 0.0, TRUE, 0.0, 0.0);
}

static void
show_rendered (gpointer owner,
               gpointer result)
{
  CardinalDdlPreview *self = owner;
  Rendered *rendered = result;

  if (rendered == NULL)
    {
      show_text (self, "");
      gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
      return;
    }

  show_text (self, rendered->text);
  if (rendered->n_errors > 0)
    {
      g_autofree char *notice =
        g_strdup_printf (rendered->n_errors == 1
                         ? "The model has %u error: this DDL may not work until it is fixed."
                         : "The model has %u errors: this DDL may not work until they are fixed.",
                         rendered->n_errors);

      gtk_label_set_text (self->notice_label, notice);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->notice_label), notice);
    }
  gtk_revealer_set_reveal_child (self->notice_revealer, rendered->n_errors > 0);
}

static const CardinalModelWorkerFuncs render_funcs = {
  .prepare = prepare_render,
  .run = render,
  .result_free = (GDestroyNotify) rendered_free,
  .apply = show_rendered,
  .only_when_mapped = TRUE,
};

static void
cardinal_ddl_preview_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CardinalDdlPreview *self = CARDINAL_DDL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DIALECT:
      g_value_set_int (value, self->dialect);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_ddl_preview_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CardinalDdlPreview *self = CARDINAL_DDL_PREVIEW (object);

  switch (prop_id)
    {
    case PROP_DIALECT:
      cardinal_ddl_preview_set_dialect (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_ddl_preview_dispose (GObject *object)
{
  CardinalDdlPreview *self = CARDINAL_DDL_PREVIEW (object);

  if (self->worker != NULL)
    cardinal_model_worker_stop (self->worker);
  g_clear_object (&self->worker);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_DDL_PREVIEW);

  G_OBJECT_CLASS (cardinal_ddl_preview_parent_class)->dispose (object);
}

static void
cardinal_ddl_preview_class_init (CardinalDdlPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cardinal_ddl_preview_get_property;
  object_class->set_property = cardinal_ddl_preview_set_property;
  object_class->dispose = cardinal_ddl_preview_dispose;

  /* A CardinalDialect; the model library registers no GType for it. */
  properties[PROP_DIALECT] =
    g_param_spec_int ("dialect", NULL, NULL,
                      CARDINAL_DIALECT_SQLITE, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_DIALECT_POSTGRESQL,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-ddl-preview.ui");
  /* Bound so that dispose_template () unparents it. */
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, content);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, text_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardinal-ddl-preview");
}

static void
cardinal_ddl_preview_init (CardinalDdlPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->dialect = CARDINAL_DIALECT_POSTGRESQL;
  self->worker = cardinal_model_worker_new (GTK_WIDGET (self), &render_funcs);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "DDL", -1);
}

GtkWidget *
cardinal_ddl_preview_new (void)
{
  return g_object_new (CARDINAL_TYPE_DDL_PREVIEW, NULL);
}

void
cardinal_ddl_preview_set_history (CardinalDdlPreview *self,
                                  CardinalHistory    *history)
{
  g_return_if_fail (CARDINAL_IS_DDL_PREVIEW (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  cardinal_model_worker_set_history (self->worker, history);
}

void
cardinal_ddl_preview_set_dialect (CardinalDdlPreview *self,
                                  CardinalDialect     dialect)
{
  g_return_if_fail (CARDINAL_IS_DDL_PREVIEW (self));
  g_return_if_fail (dialect == CARDINAL_DIALECT_SQLITE || dialect == CARDINAL_DIALECT_POSTGRESQL);

  if (self->dialect == dialect)
    return;
  self->dialect = dialect;
  cardinal_model_worker_queue (self->worker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIALECT]);
}

gboolean
cardinal_ddl_preview_is_busy (CardinalDdlPreview *self)
{
  g_return_val_if_fail (CARDINAL_IS_DDL_PREVIEW (self), FALSE);

  return cardinal_model_worker_is_busy (self->worker);
}

char *
cardinal_ddl_preview_get_text (CardinalDdlPreview *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (CARDINAL_IS_DDL_PREVIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
