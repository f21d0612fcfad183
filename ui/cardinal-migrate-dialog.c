/* cardinal-migrate-dialog.c: Compare with Database…: reflect, match by name, plan, show it grouped by table, export its SQL, apply it with progress and Cancel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-migrate-dialog.h"

#include <adwaita.h>

#include "cardinal-chooser.h"
#include "cardinal-deploy.h"
#include "cardinal-file.h"
#include "cardinal-infer.h"
#include "cardinal-migrate.h"
#include "cardinal-migration-plan.h"
#include "cardinal-reflect.h"


struct _CardinalMigrateDialog
{
  GtkWindow          parent_instance;

  AdwEntryRow       *target_row;
  GtkSwitch         *allow_switch;
  GtkLabel          *status_label;
  GtkListBox        *plan_list;
  GtkTextView       *sql_view;
  GtkProgressBar    *progress_bar;

  CardinalTaskHost  *host;          /* weak */
  GtkNativeDialog   *chooser;
  GCancellable      *cancellable;   /* of the Compare or Apply that runs, or NULL */
  CardinalMigration *plan;
  char              *plan_target;   /* the database the plan was made for */
  char              *status;
  gboolean           disposed;
};

G_DEFINE_FINAL_TYPE (CardinalMigrateDialog, cardinal_migrate_dialog, GTK_TYPE_WINDOW)

static void update_actions (CardinalMigrateDialog *self);

static void
set_status (CardinalMigrateDialog *self,
            const char            *text,
            gboolean               is_error)
{
  g_free (self->status);
  self->status = g_strdup (text);
  gtk_label_set_text (self->status_label, text);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* The plan ------------------------------------------------------------------------ */

static GtkWidget *
plan_row (const CardinalMigrationStep *step,
          gint64                       rows)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), step->summary != NULL ? step->summary : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (step->loses_data)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      subtitle = rows >= 0 ? g_strdup_printf ("Loses data: %" G_GINT64_FORMAT " %s", rows, rows == 1 ? "row" : "rows")
                           : g_strdup ("Loses data");
    }
  else if (step->kind == CARDINAL_MIGRATION_STEP_CHECK)
    subtitle = rows > 0 ? g_strdup_printf ("Check: %" G_GINT64_FORMAT " %s stop it now", rows, rows == 1 ? "row" : "rows")
                        : g_strdup ("Check");
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* What the plan could not carry or guessed (possible renames, moved pairs):
 * read before the steps. */
static GtkWidget *
note_row (const char *note)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), note);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static GtkWidget *
table_header (const char *table)
{
  GtkWidget *label = gtk_label_new (table[0] != '\0' ? table : "Database");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  return label;
}

/* The steps grouped by table, in the order the tables first come up. */
static void
show_plan (CardinalMigrateDialog *self,
           GArray                *counts)
{
  g_autoptr(GPtrArray) groups = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *child;
  guint n_losing;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->plan_list))) != NULL)
    gtk_list_box_remove (self->plan_list, child);
  if (self->plan == NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->sql_view), "", -1);
      return;
    }

  groups = cardinal_migration_group_by_table (self->plan);
  n_losing = cardinal_migration_n_losing (self->plan);
  if (self->plan->notes->len > 0)
    {
      GtkWidget *header = table_header ("Notes");

      gtk_list_box_append (self->plan_list, header);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (header)), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (header)), FALSE);
      for (guint i = 0; i < self->plan->notes->len; i++)
        gtk_list_box_append (self->plan_list, note_row (g_ptr_array_index (self->plan->notes, i)));
    }
  for (guint t = 0; t < groups->len; t++)
    {
      const CardinalMigrationGroup *group = g_ptr_array_index (groups, t);
      GtkWidget *header = table_header (group->table);

      gtk_list_box_append (self->plan_list, header);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (header)), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (header)), FALSE);
      for (guint g = 0; g < group->steps->len; g++)
        {
          guint i = g_array_index (group->steps, guint, g);
          const CardinalMigrationStep *step = g_ptr_array_index (self->plan->steps, i);

          gtk_list_box_append (self->plan_list,
                               plan_row (step, counts != NULL && i < counts->len ? g_array_index (counts, gint64, i) : -1));
        }
    }

  sql = cardinal_migration_to_sql (self->plan);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->sql_view), sql, -1);
  {
    g_autofree char *text = NULL;

    if (self->plan->steps->len == 0)
      text = g_strdup ("The database already matches the design: nothing to do.");
    else
      text = g_strdup_printf ("%u %s, %u %s data%s", self->plan->steps->len,
                              self->plan->steps->len == 1 ? "step" : "steps", n_losing,
                              n_losing == 1 ? "loses" : "lose",
                              n_losing > 0 ? ": applying them needs Allow Data Loss." : ".");
    set_status (self, text, FALSE);
  }
}

/* Compare ------------------------------------------------------------------------- */

typedef struct
{
  char          *target;
  CardinalModel *document;
  /* The result */
  CardinalMigration *plan;
  GArray            *counts;
} CompareData;

static void
compare_data_free (CompareData *data)
{
  g_free (data->target);
  cardinal_model_free (data->document);
  cardinal_migration_free (data->plan);
  if (data->counts != NULL)
    g_array_unref (data->counts);
  g_free (data);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareData *data = task_data;
  CardinalDialect dialect = cardinal_deploy_target_dialect (data->target);
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalModel) live = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  if (dialect == CARDINAL_DIALECT_SQLITE && !g_file_test (data->target, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_new_error (task, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_OPEN,
                               "%s: no such SQLite file (Apply to Database… creates one)", data->target);
      return;
    }
  schema = cardinal_reflect_source_full (data->target, dialect, CARDINAL_REFLECT_FLAGS_NONE,
                                         NULL, NULL, NULL, cancellable, &error);
  if (schema == NULL && g_error_matches (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY))
    {
      g_clear_error (&error);
      live = cardinal_model_new ("live");
    }
  else if (schema == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  else
    live = cardinal_infer (schema, "live", NULL);

  if (!cardinal_migration_adopt_ids (live, data->document, NULL, notes, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  data->plan = cardinal_migration_plan (live, data->document, dialect, &error);
  if (data->plan == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_insert (data->plan->notes, (gint) i, g_strdup (g_ptr_array_index (notes, i)));
  data->counts = cardinal_migration_count_rows (data->plan, data->target, cancellable, &error);
  if (data->counts == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (source);
  CompareData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (self->disposed)
    return;
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_status (self, error->message, TRUE);
      update_actions (self);
      return;
    }
  self->plan = g_steal_pointer (&data->plan);
  g_free (self->plan_target);
  self->plan_target = g_strdup (data->target);
  show_plan (self, data->counts);
  update_actions (self);
}

static void
compare_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (widget);
  g_autofree char *target = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row))));
  g_autoptr(GTask) task = NULL;
  CompareData *data;

  if (self->host == NULL || *target == '\0' || self->cancellable != NULL)
    return;
  g_clear_pointer (&self->plan, cardinal_migration_free);
  show_plan (self, NULL);
  set_status (self, "Reading the database…", FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_progress_bar_pulse (self->progress_bar);

  data = g_new0 (CompareData, 1);
  data->target = g_steal_pointer (&target);
  data->document = cardinal_model_copy (cardinal_history_get_model (cardinal_task_host_get_history (self->host)));
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, compare_done_cb, NULL);
  g_task_set_source_tag (task, compare_activated);
  g_task_set_name (task, "cardinal-compare");
  g_task_set_task_data (task, data, (GDestroyNotify) compare_data_free);
  g_task_run_in_thread (task, compare_thread);
  update_actions (self);
}

/* Apply --------------------------------------------------------------------------- */

typedef struct
{
  const CardinalMigration *plan;  /* the dialog's, kept while the task runs */
  char                    *target;
  gboolean                 allow_data_loss;
  CardinalMigrateDialog   *dialog; /* a reference, for progress from the thread */
} ApplyData;

static void
apply_data_free (ApplyData *data)
{
  g_free (data->target);
  g_object_unref (data->dialog);
  g_free (data);
}

typedef struct
{
  CardinalMigrateDialog *dialog;
  double                 fraction;
  char                  *text;
} Progress;

static gboolean
show_progress_idle (gpointer user_data)
{
  Progress *progress = user_data;
  CardinalMigrateDialog *self = progress->dialog;

  if (!self->disposed && self->cancellable != NULL)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, progress->fraction);
      gtk_progress_bar_set_text (self->progress_bar, progress->text);
    }
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->dialog);
  g_free (progress->text);
  g_free (progress);
}

/* Called on the worker thread before each step. */
static void
apply_progress (guint                        index,
                guint                        n_steps,
                const CardinalMigrationStep *step,
                gpointer                     user_data)
{
  ApplyData *data = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (data->dialog);
  progress->fraction = n_steps > 0 ? (double) index / n_steps : 0;
  progress->text = g_strdup_printf ("%u/%u %s", index + 1, n_steps, step->summary != NULL ? step->summary : "");
  g_idle_add_full (G_PRIORITY_DEFAULT, show_progress_idle, progress, (GDestroyNotify) progress_free);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  GError *error = NULL;

  if (cardinal_migration_run (data->plan, data->target, data->allow_data_loss, apply_progress, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The focused entry first loses the focus, so GTK does not warn that it
 * "did not receive a focus-out event" as it is destroyed. */
static void
close_dialog (CardinalMigrateDialog *self)
{
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (source);
  ApplyData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean applied = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed)
    return;
  g_clear_object (&self->cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  if (applied)
    {
      g_autofree char *shown = cardinal_deploy_target_display (data->target);
      g_autofree char *message = g_strdup_printf ("Migrated “%s”: %u %s", shown, self->plan->steps->len,
                                                  self->plan->steps->len == 1 ? "step" : "steps");

      if (self->host != NULL)
        cardinal_task_host_add_toast (self->host, adw_toast_new (message));
      set_status (self, message, FALSE);
      /* The database has changed: this plan is spent. */
      g_clear_pointer (&self->plan, cardinal_migration_free);
      update_actions (self);
      close_dialog (self);
      return;
    }
  set_status (self, error->message, TRUE);
  update_actions (self);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  if (self->plan == NULL || self->plan->steps->len == 0 || self->cancellable != NULL)
    return;
  data = g_new0 (ApplyData, 1);
  data->plan = self->plan;
  data->target = g_strdup (self->plan_target);
  data->allow_data_loss = gtk_switch_get_active (self->allow_switch);
  data->dialog = g_object_ref (self);

  set_status (self, "Applying in one transaction…", FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, apply_done_cb, NULL);
  g_task_set_source_tag (task, apply_activated);
  g_task_set_name (task, "cardinal-migrate");
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  g_task_run_in_thread (task, apply_thread);
  update_actions (self);
}

/* Cancel: stops what runs (the database is rolled back), or closes. */
static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      set_status (self, "Cancelling…", FALSE);
      return;
    }
  close_dialog (self);
}

/* Export SQL ---------------------------------------------------------------------- */

static void
export_response_cb (GtkNativeDialog       *chooser,
                    int                    response,
                    CardinalMigrateDialog *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  if (response != GTK_RESPONSE_ACCEPT || self->plan == NULL)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL)
    return;
  sql = cardinal_migration_to_sql (self->plan);
  if (!cardinal_file_replace (file, sql, strlen (sql), &error))
    set_status (self, error->message, TRUE);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = g_strdup_printf ("Migration SQL written to “%s”", name);

      set_status (self, message, FALSE);
    }
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->host == NULL || self->plan == NULL)
    return;
  folder = cardinal_task_host_dup_folder (self->host);
  stem = cardinal_task_host_dup_stem (self->host);
  name = g_strdup_printf ("%s-migration.sql", stem);
  chooser = cardinal_chooser_new (GTK_WINDOW (self), "Export Migration SQL",
                                  GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", folder, name);
  cardinal_chooser_show (&self->chooser, chooser, G_CALLBACK (export_response_cb), self);
}

/* The target ---------------------------------------------------------------------- */

static void
update_actions (CardinalMigrateDialog *self)
{
  const char *target = gtk_editable_get_text (GTK_EDITABLE (self->target_row));
  gboolean busy = self->cancellable != NULL;
  gboolean has_plan = self->plan != NULL && self->plan->steps->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migrate.compare", !busy && *target != '\0');
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migrate.apply", !busy && has_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "migrate.export", !busy && has_plan);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_row), !busy);
}

static void
target_changed_cb (CardinalMigrateDialog *self)
{
  /* A plan is for the database it was made against. */
  if (self->plan != NULL && g_strcmp0 (self->plan_target, gtk_editable_get_text (GTK_EDITABLE (self->target_row))) != 0)
    {
      g_clear_pointer (&self->plan, cardinal_migration_free);
      show_plan (self, NULL);
      set_status (self, "Compare to see what would change.", FALSE);
    }
  update_actions (self);
}

/* Enter in the database field compares, as the button beside it does. */
static void
target_activated_cb (CardinalMigrateDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "migrate.compare", NULL);
}

void
cardinal_migrate_dialog_set_target (CardinalMigrateDialog *self,
                                    const char            *target)
{
  g_return_if_fail (CARDINAL_IS_MIGRATE_DIALOG (self));
  g_return_if_fail (target != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->target_row), target);
}

gboolean
cardinal_migrate_dialog_is_busy (CardinalMigrateDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_MIGRATE_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

const CardinalMigration *
cardinal_migrate_dialog_get_plan (CardinalMigrateDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_MIGRATE_DIALOG (self), NULL);

  return self->plan;
}

const char *
cardinal_migrate_dialog_get_status (CardinalMigrateDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_MIGRATE_DIALOG (self), NULL);

  return self->status != NULL ? self->status : "";
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     CardinalMigrateDialog *self)
{
  g_autofree char *path = cardinal_chooser_dup_path (chooser, response);

  if (path != NULL)
    cardinal_migrate_dialog_set_target (self, path);
}

static void
choose_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  if (self->host == NULL)
    return;
  folder = cardinal_task_host_dup_folder (self->host);
  chooser = cardinal_chooser_new (GTK_WINDOW (self), "SQLite Database to Compare With",
                                  GTK_FILE_CHOOSER_ACTION_OPEN, "_Select", folder, NULL);
  cardinal_chooser_show (&self->chooser, chooser, G_CALLBACK (chooser_response_cb), self);
}

static void
cardinal_migrate_dialog_dispose (GObject *object)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (object);

  /* A running Apply is rolled back; its task keeps this object until it ends. */
  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  cardinal_chooser_clear (&self->chooser, self);
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_MIGRATE_DIALOG);

  G_OBJECT_CLASS (cardinal_migrate_dialog_parent_class)->dispose (object);
}

static void
cardinal_migrate_dialog_finalize (GObject *object)
{
  CardinalMigrateDialog *self = CARDINAL_MIGRATE_DIALOG (object);

  /* Only here: a running Apply reads the plan until its task lets go. */
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->plan, cardinal_migration_free);
  g_free (self->plan_target);
  g_free (self->status);

  G_OBJECT_CLASS (cardinal_migrate_dialog_parent_class)->finalize (object);
}

static void
cardinal_migrate_dialog_class_init (CardinalMigrateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_migrate_dialog_dispose;
  object_class->finalize = cardinal_migrate_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-migrate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalMigrateDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalMigrateDialog, allow_switch);
  gtk_widget_class_bind_template_child (widget_class, CardinalMigrateDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalMigrateDialog, plan_list);
  gtk_widget_class_bind_template_child (widget_class, CardinalMigrateDialog, sql_view);
  gtk_widget_class_bind_template_child (widget_class, CardinalMigrateDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, target_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, target_activated_cb);

  gtk_widget_class_install_action (widget_class, "migrate.compare", NULL, compare_activated);
  gtk_widget_class_install_action (widget_class, "migrate.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "migrate.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "migrate.export", NULL, export_activated);
  gtk_widget_class_install_action (widget_class, "migrate.choose-file", NULL, choose_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "migrate.cancel", NULL);
}

static void
cardinal_migrate_dialog_init (CardinalMigrateDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  placeholder = gtk_label_new ("The plan, table by table, shows here after Compare.");
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 24);
  gtk_widget_set_margin_bottom (placeholder, 24);
  gtk_list_box_set_placeholder (self->plan_list, placeholder);
}

CardinalMigrateDialog *
cardinal_migrate_dialog_new (CardinalTaskHost *host)
{
  CardinalMigrateDialog *self;

  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (host), NULL);

  self = g_object_new (CARDINAL_TYPE_MIGRATE_DIALOG, "transient-for", host, NULL);
  g_set_weak_pointer (&self->host, host);
  set_status (self, "Give a database and Compare to see what would change.", FALSE);
  update_actions (self);
  return self;
}
