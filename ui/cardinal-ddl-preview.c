/* cardinal-ddl-preview.c: a read-only pane with the model's DDL that follows every edit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-ddl-preview.h"
#include "cardinal-ddl-preview-private.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

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
  GtkToggleButton     *wrap_button;
  GtkWidget           *copy_button;
  GtkLabel            *size_label;

  AdwStyleManager     *style_manager;
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

/* The footer's line count, and Copy only when there is something to copy. */
static void
update_footer (CardinalDdlPreview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  int n_chars = gtk_text_buffer_get_char_count (buffer);
  int n_lines = n_chars > 0 ? gtk_text_buffer_get_line_count (buffer) : 0;
  GtkTextIter end;
  g_autofree char *size = NULL;

  /* The script ends in a newline: the empty line after it is not a line of SQL. */
  gtk_text_buffer_get_end_iter (buffer, &end);
  if (n_lines > 1 && gtk_text_iter_starts_line (&end))
    n_lines--;
  size = g_strdup_printf (n_lines == 1 ? "%d line" : "%d lines", n_lines);
  gtk_label_set_text (self->size_label, n_chars > 0 ? size : "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ddl-preview.copy", n_chars > 0);
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
  update_footer (self);

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
wrap_toggled_cb (GtkToggleButton    *button,
                 CardinalDdlPreview *self)
{
  /* Word-char: long identifiers and type lists break too, not only at spaces. */
  gtk_text_view_set_wrap_mode (self->text_view,
                               gtk_toggle_button_get_active (button) ? GTK_WRAP_WORD_CHAR : GTK_WRAP_NONE);
}

static void
copy_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CardinalDdlPreview *self = CARDINAL_DDL_PREVIEW (widget);
  g_autofree char *text = cardinal_ddl_preview_get_text (self);

  /* The whole script, whatever is selected: it is what a user pastes into psql. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

/* The highlighting follows the application's light or dark style. */
static void
update_style_scheme (CardinalDdlPreview *self)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  gboolean dark = adw_style_manager_get_dark (self->style_manager);
  GtkSourceStyleScheme *scheme =
    gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "Adwaita-dark" : "Adwaita");

  if (scheme == NULL)
    scheme = gtk_source_style_scheme_manager_get_scheme (schemes, dark ? "classic-dark" : "classic");
  gtk_source_buffer_set_style_scheme (GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (self->text_view)), scheme);
}

static void
dark_changed_cb (AdwStyleManager    *style_manager,
                 GParamSpec         *pspec,
                 CardinalDdlPreview *self)
{
  update_style_scheme (self);
}

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

  if (self->style_manager != NULL)
    g_signal_handlers_disconnect_by_func (self->style_manager, dark_changed_cb, self);
  self->style_manager = NULL;
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

  /* The template names GtkSourceView; gtk_source_init () also finds the SQL language and the schemes. */
  gtk_source_init ();
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-ddl-preview.ui");
  /* Bound so that dispose_template () unparents it. */
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, content);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, notice_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, text_view);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, wrap_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalDdlPreview, size_label);
  gtk_widget_class_bind_template_callback (widget_class, wrap_toggled_cb);
  gtk_widget_class_install_action (widget_class, "ddl-preview.copy", NULL, copy_activated);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardinal-ddl-preview");
}

static void
cardinal_ddl_preview_init (CardinalDdlPreview *self)
{
  GtkSourceBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));

  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (self->text_view));
  gtk_source_buffer_set_language (buffer,
                                  gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                                            "sql"));
  gtk_source_buffer_set_highlight_syntax (buffer, TRUE);
  /* Read-only text: nothing to undo, and no history kept for every render. */
  gtk_text_buffer_set_enable_undo (GTK_TEXT_BUFFER (buffer), FALSE);
  self->style_manager = adw_style_manager_get_default ();
  g_signal_connect (self->style_manager, "notify::dark", G_CALLBACK (dark_changed_cb), self);
  update_style_scheme (self);
  update_footer (self);

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

GtkTextView *
cardinal_ddl_preview_get_text_view (CardinalDdlPreview *self)
{
  g_return_val_if_fail (CARDINAL_IS_DDL_PREVIEW (self), NULL);

  return self->text_view;
}

GtkToggleButton *
cardinal_ddl_preview_get_wrap_button (CardinalDdlPreview *self)
{
  g_return_val_if_fail (CARDINAL_IS_DDL_PREVIEW (self), NULL);

  return self->wrap_button;
}

GtkWidget *
cardinal_ddl_preview_get_copy_button (CardinalDdlPreview *self)
{
  g_return_val_if_fail (CARDINAL_IS_DDL_PREVIEW (self), NULL);

  return self->copy_button;
}
