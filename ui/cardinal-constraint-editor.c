/* cardinal-constraint-editor.c: an entity's UNIQUE constraints and indexes in the inspector, added with a column picker. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-constraint-editor.h"

#include <adwaita.h>

struct _CardinalConstraintEditor
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  AdwActionRow        *keyless_row;
  GtkWidget           *picker_box;     /* the column checks */
  GtkWidget           *add_unique;
  GtkWidget           *add_index;
  GPtrArray           *rows;           /* of GtkWidget: one per unique, then per index */
  GPtrArray           *removes;        /* their remove buttons */
  GHashTable          *checks;         /* column name → GtkCheckButton */
  GPtrArray           *uniques;        /* of CardinalUnique: what is shown */
  GPtrArray           *indexes;        /* of CardinalIndex */
  GStrv                columns;        /* the entity's attributes, for the picker */
};

G_DEFINE_FINAL_TYPE (CardinalConstraintEditor, cardinal_constraint_editor, GTK_TYPE_WIDGET)

enum
{
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_edit (CardinalConstraintEditor *self,
           GPtrArray                *uniques,
           GPtrArray                *indexes,
           const char               *label)
{
  g_signal_emit (self, signals[EDIT], 0, uniques, indexes, label);
}

/* "a, lower(b) DESC": what an index or unique covers, for a row's title. */
static char *
describe_index_keys (const CardinalIndex *index)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; index->columns != NULL && index->columns[i] != NULL; i++)
    {
      const CardinalIndexKey *key = index->keys != NULL && i < index->keys->len
                                      ? g_ptr_array_index (index->keys, i) : NULL;

      if (i > 0)
        g_string_append (out, ", ");
      if (key != NULL && key->expression != NULL)
        g_string_append_printf (out, "(%s)", key->expression);
      else
        g_string_append (out, index->columns[i]);
      if (key != NULL && key->descending)
        g_string_append (out, " DESC");
    }
  return g_string_free (out, FALSE);
}

static void
remove_clicked (GtkButton                *button,
                CardinalConstraintEditor *self)
{
  guint position;
  g_autoptr(GPtrArray) uniques = NULL;
  g_autoptr(GPtrArray) indexes = NULL;

  if (!g_ptr_array_find (self->removes, button, &position))
    return;

  uniques = cardinal_unique_array_copy (self->uniques);
  indexes = cardinal_index_array_copy (self->indexes);
  if (position < uniques->len)
    {
      g_ptr_array_remove_index (uniques, position);
      emit_edit (self, uniques, indexes, "Remove Unique Constraint");
    }
  else
    {
      g_ptr_array_remove_index (indexes, position - uniques->len);
      emit_edit (self, uniques, indexes, "Remove Index");
    }
}

/* The checked columns in attribute order; NULL when none is checked. */
static GStrv
checked_columns (CardinalConstraintEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; self->columns != NULL && self->columns[i] != NULL; i++)
    {
      GtkCheckButton *check = g_hash_table_lookup (self->checks, self->columns[i]);

      if (check != NULL && gtk_check_button_get_active (check))
        {
          g_strv_builder_add (builder, self->columns[i]);
          n++;
        }
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static void
add_clicked (GtkButton                *button,
             CardinalConstraintEditor *self)
{
  g_auto(GStrv) columns = checked_columns (self);
  g_autoptr(GPtrArray) uniques = NULL;
  g_autoptr(GPtrArray) indexes = NULL;
  gboolean unique = GTK_WIDGET (button) == self->add_unique;

  if (columns == NULL)
    return;

  uniques = cardinal_unique_array_copy (self->uniques);
  indexes = cardinal_index_array_copy (self->indexes);
  if (unique)
    g_ptr_array_add (uniques, cardinal_unique_new ((const char * const *) columns));
  else
    g_ptr_array_add (indexes, cardinal_index_new (NULL, (const char * const *) columns, FALSE));

  /* The picker starts empty again for the next one. */
  for (guint i = 0; columns[i] != NULL; i++)
    gtk_check_button_set_active (g_hash_table_lookup (self->checks, columns[i]), FALSE);

  emit_edit (self, uniques, indexes, unique ? "Add Unique Constraint" : "Add Index");
}

static GtkWidget *
constraint_row (CardinalConstraintEditor *self,
                const char               *title,
                const char               *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, "Remove");
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Remove", -1);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->removes, remove);
  return row;
}

static void
clear_rows (CardinalConstraintEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->removes, 0);
}

static void
rebuild_picker (CardinalConstraintEditor *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->picker_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->picker_box), child);
  g_hash_table_remove_all (self->checks);

  for (guint i = 0; self->columns != NULL && self->columns[i] != NULL; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (self->columns[i]);

      gtk_box_append (GTK_BOX (self->picker_box), check);
      g_hash_table_insert (self->checks, g_strdup (self->columns[i]), check);
    }
}

void
cardinal_constraint_editor_set_entity (CardinalConstraintEditor *self,
                                       const CardinalEntity     *entity)
{
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  gboolean has_key = FALSE;
  g_auto(GStrv) new_columns = NULL;

  g_return_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self));
  g_return_if_fail (entity != NULL);

  g_ptr_array_unref (self->uniques);
  self->uniques = cardinal_unique_array_copy (entity->uniques);
  g_ptr_array_unref (self->indexes);
  self->indexes = cardinal_index_array_copy (entity->indexes);

  clear_rows (self);
  for (guint i = 0; i < self->uniques->len; i++)
    {
      const CardinalUnique *unique = g_ptr_array_index (self->uniques, i);
      g_autofree char *list = g_strjoinv (", ", unique->columns);
      g_autofree char *title = g_strdup_printf ("Unique (%s)", list);

      constraint_row (self, title, unique->name != NULL ? unique->name : "Named by the database");
    }
  for (guint i = 0; i < self->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (self->indexes, i);
      g_autofree char *keys = describe_index_keys (index);
      g_autofree char *title = g_strdup_printf ("%s (%s)", index->unique ? "Unique index" : "Index", keys);
      GString *subtitle = g_string_new (index->name != NULL ? index->name : "Named by Cardinal");

      if (index->method != NULL)
        g_string_append_printf (subtitle, " · using %s", index->method);
      if (index->where != NULL)
        g_string_append_printf (subtitle, " · where %s", index->where);
      if (index->include != NULL && index->include[0] != NULL)
        {
          g_autofree char *include = g_strjoinv (", ", index->include);

          g_string_append_printf (subtitle, " · include %s", include);
        }
      constraint_row (self, title, subtitle->str);
      g_string_free (subtitle, TRUE);
    }

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      g_strv_builder_add (columns, attribute->name);
      has_key = has_key || attribute->primary_key;
    }
  new_columns = g_strv_builder_end (columns);
  /* Rebuilt only when the columns change, so checks survive other edits. */
  if (self->columns == NULL || !g_strv_equal ((const char * const *) self->columns,
                                              (const char * const *) new_columns))
    {
      g_strfreev (self->columns);
      self->columns = g_steal_pointer (&new_columns);
      rebuild_picker (self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->keyless_row), !has_key);
}

static void
cardinal_constraint_editor_dispose (GObject *object)
{
  CardinalConstraintEditor *self = CARDINAL_CONSTRAINT_EDITOR (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cardinal_constraint_editor_parent_class)->dispose (object);
}

static void
cardinal_constraint_editor_finalize (GObject *object)
{
  CardinalConstraintEditor *self = CARDINAL_CONSTRAINT_EDITOR (object);

  g_ptr_array_unref (self->rows);
  g_ptr_array_unref (self->removes);
  g_hash_table_unref (self->checks);
  g_ptr_array_unref (self->uniques);
  g_ptr_array_unref (self->indexes);
  g_strfreev (self->columns);

  G_OBJECT_CLASS (cardinal_constraint_editor_parent_class)->finalize (object);
}

static void
cardinal_constraint_editor_class_init (CardinalConstraintEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_constraint_editor_dispose;
  object_class->finalize = cardinal_constraint_editor_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  signals[EDIT] =
    g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_PTR_ARRAY, G_TYPE_PTR_ARRAY, G_TYPE_STRING);
}

static void
cardinal_constraint_editor_init (CardinalConstraintEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *picker = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new ("Columns of a new unique constraint or index");
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  self->rows = g_ptr_array_new ();
  self->removes = g_ptr_array_new ();
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->uniques = cardinal_unique_array_new ();
  self->indexes = cardinal_index_array_new ();

  gtk_widget_set_parent (box, GTK_WIDGET (self));

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, "Unique Constraints and Indexes");
  adw_preferences_group_set_description (self->group,
                                         "Over several columns, with a name, or more than a column’s own flags say.");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->group));

  self->keyless_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->keyless_row), "No primary key");
  adw_action_row_set_subtitle (self->keyless_row,
                               "Stored as it is; generated code can only insert and list its rows, "
                               "and a relationship can reach it only through a unique key");
  adw_action_row_add_prefix (self->keyless_row, warning);
  gtk_widget_set_visible (GTK_WIDGET (self->keyless_row), FALSE);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->keyless_row));

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (picker), label);
  self->picker_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (picker), self->picker_box);

  self->add_unique = gtk_button_new_with_mnemonic ("Add _Unique");
  self->add_index = gtk_button_new_with_mnemonic ("Add In_dex");
  g_signal_connect (self->add_unique, "clicked", G_CALLBACK (add_clicked), self);
  g_signal_connect (self->add_index, "clicked", G_CALLBACK (add_clicked), self);
  gtk_box_append (GTK_BOX (buttons), self->add_unique);
  gtk_box_append (GTK_BOX (buttons), self->add_index);
  gtk_box_append (GTK_BOX (picker), buttons);
  gtk_box_append (GTK_BOX (box), picker);
}

GtkWidget *
cardinal_constraint_editor_new (void)
{
  return g_object_new (CARDINAL_TYPE_CONSTRAINT_EDITOR, NULL);
}

GtkWidget *
cardinal_constraint_editor_get_row (CardinalConstraintEditor *self,
                                    guint                     index)
{
  g_return_val_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self), NULL);

  return index < self->rows->len ? g_ptr_array_index (self->rows, index) : NULL;
}

GtkWidget *
cardinal_constraint_editor_get_remove_button (CardinalConstraintEditor *self,
                                              guint                     index)
{
  g_return_val_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self), NULL);

  return index < self->removes->len ? g_ptr_array_index (self->removes, index) : NULL;
}

GtkWidget *
cardinal_constraint_editor_get_column_check (CardinalConstraintEditor *self,
                                             const char               *column)
{
  g_return_val_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self), NULL);

  return g_hash_table_lookup (self->checks, column);
}

GtkWidget *
cardinal_constraint_editor_get_add_unique_button (CardinalConstraintEditor *self)
{
  g_return_val_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self), NULL);

  return self->add_unique;
}

GtkWidget *
cardinal_constraint_editor_get_add_index_button (CardinalConstraintEditor *self)
{
  g_return_val_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self), NULL);

  return self->add_index;
}

GtkWidget *
cardinal_constraint_editor_get_keyless_row (CardinalConstraintEditor *self)
{
  g_return_val_if_fail (CARDINAL_IS_CONSTRAINT_EDITOR (self), NULL);

  return GTK_WIDGET (self->keyless_row);
}
