/* cardinal-schema-view.c: types, sequences, schemas, extensions and SQL objects of a model, with the SQL of an object to read and edit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-schema-view.h"

#include <adwaita.h>

#include <string.h>

#include "cardinal-types.h"

struct _CardinalSchemaView
{
  GtkWidget            parent_instance;

  CardinalHistory     *history;
  GSignalGroup        *history_signals;  /* the handlers on whichever history is shown */
  GtkWidget           *scroller;
  GtkWidget           *empty;        /* AdwStatusPage when there is nothing to show */
  AdwPreferencesGroup *types_group;
  AdwPreferencesGroup *sequences_group;
  AdwPreferencesGroup *objects_group;
  GPtrArray           *type_rows;
  GPtrArray           *sequence_rows;
  GPtrArray           *object_rows;
  GtkWidget           *editor_box;
  GtkTextView         *sql_view;
  GtkLabel            *sql_title;
  GtkLabel            *message;
  GtkWidget           *apply;
  GtkWidget           *remove;
  int                  selected;     /* index of the SQL object shown, or -1 */
};

G_DEFINE_FINAL_TYPE (CardinalSchemaView, cardinal_schema_view, GTK_TYPE_WIDGET)

static void cardinal_schema_view_sync (CardinalSchemaView *self);

static const char *
dialect_title (int dialect)
{
  return dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL";
}

static const CardinalModel *
get_model (CardinalSchemaView *self)
{
  return self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
}

static void
clear_group (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static GtkWidget *
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         const char          *title,
         const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
  return row;
}

static void
show_message (CardinalSchemaView *self,
              const char         *message)
{
  gtk_label_set_text (self->message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), message != NULL);
}

static void
show_object (CardinalSchemaView *self,
             int                 index)
{
  const CardinalModel *model = get_model (self);
  const CardinalSqlObject *object;
  g_autofree char *title = NULL;

  self->selected = index;
  show_message (self, NULL);
  if (model == NULL || index < 0 || (guint) index >= model->objects->len)
    {
      self->selected = -1;
      gtk_widget_set_visible (self->editor_box, FALSE);
      return;
    }

  object = g_ptr_array_index (model->objects, index);
  title = g_strdup_printf ("%s %s (%s)", object->kind, object->name,
                           dialect_title (object->dialect));
  gtk_label_set_text (self->sql_title, title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->sql_view), object->sql, -1);
  gtk_widget_set_visible (self->editor_box, TRUE);
}

static void
object_activated (AdwActionRow       *row,
                  CardinalSchemaView *self)
{
  guint index;

  if (g_ptr_array_find (self->object_rows, row, &index))
    show_object (self, (int) index);
}

/* The model with the selected object's SQL replaced (or the object removed). */
static void
change_object (CardinalSchemaView *self,
               gboolean            remove)
{
  const CardinalModel *model = get_model (self);
  g_autoptr(CardinalModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->sql_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  CardinalSqlObject *object;

  if (model == NULL || self->selected < 0 || (guint) self->selected >= model->objects->len)
    return;

  copy = cardinal_model_copy (model);
  object = g_ptr_array_index (copy->objects, self->selected);
  if (remove)
    g_ptr_array_remove_index (copy->objects, self->selected);
  else
    {
      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
      /* One statement without its semicolon, as the format keeps it. */
      while (g_str_has_suffix (text, ";"))
        {
          text[strlen (text) - 1] = '\0';
          g_strchomp (text);
        }
      if (*text == '\0')
        {
          show_message (self, "An SQL object needs its statement; remove it instead");
          return;
        }
      if (g_str_equal (text, object->sql))
        return;
      g_free (object->sql);
      object->sql = g_steal_pointer (&text);
    }

  if (!cardinal_history_replace_model (self->history, g_steal_pointer (&copy),
                                       remove ? "Remove SQL Object" : "Edit SQL Object", &error))
    {
      show_message (self, error->message);
      return;
    }
  if (remove)
    show_object (self, -1);
  else
    show_message (self, "Applied; the Diagnostics tab says whether the parser accepts it");
}

static void
apply_clicked (GtkButton          *button,
               CardinalSchemaView *self)
{
  change_object (self, FALSE);
}

static void
remove_clicked (GtkButton          *button,
                CardinalSchemaView *self)
{
  change_object (self, TRUE);
}

/* An enum row's labels ("G, PG, R") or a domain row's base type, applied as one step. */
static void
type_applied (AdwEntryRow        *row,
              CardinalSchemaView *self)
{
  const CardinalModel *model = get_model (self);
  g_autoptr(CardinalModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  CardinalUserType *type;
  const char *label;
  guint index;

  if (model == NULL || !g_ptr_array_find (self->type_rows, row, &index) || index >= model->types->len)
    return;

  copy = cardinal_model_copy (model);
  type = g_ptr_array_index (copy->types, index);
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  if (type->kind == CARDINAL_USER_TYPE_ENUM)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (parts[i][0] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      g_strfreev (type->values);
      type->values = g_strv_builder_end (builder);
      if (type->values[0] == NULL)
        {
          show_message (self, "An enum needs at least one label");
          cardinal_schema_view_sync (self);
          return;
        }
    }
  else
    {
      if (*text == '\0')
        {
          show_message (self, "A domain needs a base type");
          cardinal_schema_view_sync (self);
          return;
        }
      g_free (type->base);
      type->base = g_steal_pointer (&text);
    }

  label = type->kind == CARDINAL_USER_TYPE_ENUM ? "Change Enum Labels" : "Change Domain Type";
  if (!cardinal_history_replace_model (self->history, g_steal_pointer (&copy), label, &error))
    show_message (self, error->message);
}

static char *
describe_sequence (const CardinalSequence *sequence)
{
  GString *out = g_string_new (sequence->type != NULL ? sequence->type : "bigint");

  if (sequence->has_start)
    g_string_append_printf (out, " · start %" G_GINT64_FORMAT, sequence->start);
  if (sequence->has_increment)
    g_string_append_printf (out, " · by %" G_GINT64_FORMAT, sequence->increment);
  if (sequence->owned_by != NULL)
    g_string_append_printf (out, " · owned by %s", sequence->owned_by);
  return g_string_free (out, FALSE);
}

static void
cardinal_schema_view_sync (CardinalSchemaView *self)
{
  const CardinalModel *model = get_model (self);
  g_autoptr(GString) description = g_string_new (NULL);
  gboolean any;

  clear_group (self->types_group, self->type_rows);
  clear_group (self->sequences_group, self->sequence_rows);
  clear_group (self->objects_group, self->object_rows);

  if (model == NULL)
    {
      gtk_widget_set_visible (self->scroller, FALSE);
      gtk_widget_set_visible (self->empty, TRUE);
      return;
    }

  for (guint i = 0; i < model->types->len; i++)
    {
      const CardinalUserType *type = g_ptr_array_index (model->types, i);
      g_autofree char *name = type->schema != NULL ? g_strdup_printf ("%s.%s", type->schema, type->name)
                                                   : g_strdup (type->name);
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;
      GtkWidget *row = adw_entry_row_new ();

      /* An enum's labels and a domain's base type are edited in place (Apply). */
      if (type->kind == CARDINAL_USER_TYPE_ENUM)
        {
          title = g_strdup_printf ("%s: enum labels", name);
          text = g_strjoinv (", ", type->values);
        }
      else
        {
          title = g_strdup_printf ("%s: domain over%s%s", name, type->nullable ? "" : " (not null)",
                                   type->checks->len > 0 ? " (with checks)" : "");
          text = g_strdup (type->base != NULL ? type->base : "");
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_signal_connect (row, "apply", G_CALLBACK (type_applied), self);
      adw_preferences_group_add (self->types_group, row);
      g_ptr_array_add (self->type_rows, row);
    }

  for (guint i = 0; i < model->sequences->len; i++)
    {
      const CardinalSequence *sequence = g_ptr_array_index (model->sequences, i);
      g_autofree char *subtitle = describe_sequence (sequence);

      add_row (self->sequences_group, self->sequence_rows, sequence->name, subtitle);
    }

  for (guint i = 0; i < model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (model->objects, i);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", object->kind,
                                                   dialect_title (object->dialect));
      GtkWidget *row = add_row (self->objects_group, self->object_rows, object->name, subtitle);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_signal_connect (row, "activated", G_CALLBACK (object_activated), self);
    }

  if (model->schemas->len > 0)
    {
      g_string_append (description, "Schemas: ");
      for (guint i = 0; i < model->schemas->len; i++)
        g_string_append_printf (description, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (model->schemas, i));
    }
  if (model->extensions->len > 0)
    {
      g_string_append (description, description->len > 0 ? ". Extensions: " : "Extensions: ");
      for (guint i = 0; i < model->extensions->len; i++)
        g_string_append_printf (description, "%s%s", i > 0 ? ", " : "",
                                ((const CardinalExtension *) g_ptr_array_index (model->extensions, i))->name);
    }
  adw_preferences_group_set_description (self->types_group, description->len > 0 ? description->str : NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->types_group), model->types->len > 0 || description->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->sequences_group), model->sequences->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->objects_group), model->objects->len > 0);
  any = model->types->len > 0 || model->sequences->len > 0 || model->objects->len > 0 || description->len > 0;
  gtk_widget_set_visible (self->scroller, any);
  gtk_widget_set_visible (self->empty, !any);

  /* Keep the object shown while it exists (an edit elsewhere re-syncs the lists). */
  if (self->selected >= 0 && (guint) self->selected < model->objects->len)
    {
      const CardinalSqlObject *object = g_ptr_array_index (model->objects, self->selected);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->sql_view);
      GtkTextIter start, end;
      g_autofree char *shown = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (!gtk_widget_has_focus (GTK_WIDGET (self->sql_view)) && g_strcmp0 (shown, object->sql) != 0)
        gtk_text_buffer_set_text (buffer, object->sql, -1);
    }
  else
    show_object (self, -1);
}

static void
history_changed (CardinalHistory     *history,
                 CardinalChangeFlags  flags,
                 CardinalSchemaView  *self)
{
  cardinal_schema_view_sync (self);
}

void
cardinal_schema_view_set_history (CardinalSchemaView *self,
                                  CardinalHistory    *history)
{
  g_return_if_fail (CARDINAL_IS_SCHEMA_VIEW (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;
  g_signal_group_set_target (self->history_signals, history);
  self->selected = -1;
  cardinal_schema_view_sync (self);
}

static void
cardinal_schema_view_dispose (GObject *object)
{
  CardinalSchemaView *self = CARDINAL_SCHEMA_VIEW (object);
  GtkWidget *child;

  g_clear_object (&self->history_signals);
  g_clear_object (&self->history);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cardinal_schema_view_parent_class)->dispose (object);
}

static void
cardinal_schema_view_finalize (GObject *object)
{
  CardinalSchemaView *self = CARDINAL_SCHEMA_VIEW (object);

  g_ptr_array_unref (self->type_rows);
  g_ptr_array_unref (self->sequence_rows);
  g_ptr_array_unref (self->object_rows);

  G_OBJECT_CLASS (cardinal_schema_view_parent_class)->finalize (object);
}

static void
cardinal_schema_view_class_init (CardinalSchemaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_schema_view_dispose;
  object_class->finalize = cardinal_schema_view_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static GtkWidget *
new_group (const char *title,
           const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  return group;
}

static void
cardinal_schema_view_init (CardinalSchemaView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sql_scroller = gtk_scrolled_window_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->type_rows = g_ptr_array_new ();
  self->sequence_rows = g_ptr_array_new ();
  self->object_rows = g_ptr_array_new ();
  self->selected = -1;
  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect (self->history_signals, "changed", G_CALLBACK (history_changed), self);

  self->empty = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->empty), "view-list-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), "No Types or SQL Objects");
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   "Enum and domain types, sequences, views, functions and triggers "
                                   "of an imported database are listed here");
  gtk_widget_add_css_class (self->empty, "compact");
  gtk_widget_set_vexpand (self->empty, TRUE);
  gtk_widget_set_parent (self->empty, GTK_WIDGET (self));

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->types_group = ADW_PREFERENCES_GROUP (new_group ("Types", NULL));
  self->sequences_group = ADW_PREFERENCES_GROUP (new_group ("Sequences", NULL));
  self->objects_group = ADW_PREFERENCES_GROUP (new_group ("SQL Objects",
                                                          "Kept as written and created after the tables; "
                                                          "choose one to read or edit its SQL."));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->types_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sequences_group));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->objects_group));

  self->editor_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->sql_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->sql_title, 0);
  gtk_label_set_ellipsize (self->sql_title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->sql_title), "heading");
  gtk_box_append (GTK_BOX (self->editor_box), GTK_WIDGET (self->sql_title));

  self->sql_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (self->sql_view, TRUE);
  gtk_text_view_set_wrap_mode (self->sql_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (self->sql_view, 6);
  gtk_text_view_set_top_margin (self->sql_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sql_view), GTK_ACCESSIBLE_PROPERTY_LABEL, "SQL", -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sql_scroller), GTK_WIDGET (self->sql_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (sql_scroller), 160);
  gtk_widget_add_css_class (sql_scroller, "card");
  gtk_box_append (GTK_BOX (self->editor_box), sql_scroller);

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->message, 0);
  gtk_label_set_wrap (self->message, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_box_append (GTK_BOX (self->editor_box), GTK_WIDGET (self->message));

  self->remove = gtk_button_new_with_mnemonic ("_Remove");
  gtk_widget_add_css_class (self->remove, "destructive-action");
  self->apply = gtk_button_new_with_mnemonic ("_Apply");
  gtk_widget_add_css_class (self->apply, "suggested-action");
  gtk_widget_set_hexpand (self->remove, TRUE);
  gtk_widget_set_halign (self->remove, GTK_ALIGN_START);
  g_signal_connect (self->apply, "clicked", G_CALLBACK (apply_clicked), self);
  g_signal_connect (self->remove, "clicked", G_CALLBACK (remove_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->remove);
  gtk_box_append (GTK_BOX (buttons), self->apply);
  gtk_box_append (GTK_BOX (self->editor_box), buttons);
  gtk_widget_set_visible (self->editor_box, FALSE);
  gtk_box_append (GTK_BOX (box), self->editor_box);

  cardinal_schema_view_sync (self);
}

GtkWidget *
cardinal_schema_view_new (void)
{
  return g_object_new (CARDINAL_TYPE_SCHEMA_VIEW, NULL);
}

guint
cardinal_schema_view_get_n_types (CardinalSchemaView *self)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), 0);
  return self->type_rows->len;
}

GtkWidget *
cardinal_schema_view_get_type_row (CardinalSchemaView *self,
                                   guint               index)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), NULL);
  return index < self->type_rows->len ? g_ptr_array_index (self->type_rows, index) : NULL;
}

guint
cardinal_schema_view_get_n_objects (CardinalSchemaView *self)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), 0);
  return self->object_rows->len;
}

GtkWidget *
cardinal_schema_view_get_object_row (CardinalSchemaView *self,
                                     guint               index)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), NULL);
  return index < self->object_rows->len ? g_ptr_array_index (self->object_rows, index) : NULL;
}

GtkTextView *
cardinal_schema_view_get_sql_view (CardinalSchemaView *self)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), NULL);
  return self->sql_view;
}

GtkWidget *
cardinal_schema_view_get_apply_button (CardinalSchemaView *self)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), NULL);
  return self->apply;
}

GtkWidget *
cardinal_schema_view_get_remove_button (CardinalSchemaView *self)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), NULL);
  return self->remove;
}

const char *
cardinal_schema_view_get_message (CardinalSchemaView *self)
{
  g_return_val_if_fail (CARDINAL_IS_SCHEMA_VIEW (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message) : NULL;
}
