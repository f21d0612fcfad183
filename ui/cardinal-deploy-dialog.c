/* cardinal-deploy-dialog.c: Apply to Database…: a target, the exact script as a preview, and the apply off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-deploy-dialog.h"

#include <adwaita.h>

#include "cardinal-application.h"
#include "cardinal-chooser.h"
#include "cardinal-ddl.h"
#include "cardinal-deploy.h"
#include "cardinal-engineer.h"
#include "cardinal-pg.h"

struct _CardinalDeployDialog
{
  GtkWindow        parent_instance;

  AdwEntryRow     *target_row;
  AdwActionRow    *kind_row;
  GtkTextView     *script_view;

  CardinalTaskHost *host;         /* weak */
  GtkNativeDialog *chooser;
  /* The design's DDL per dialect, rendered once: the preview follows every keystroke. */
  char            *ddl[2];
};

G_DEFINE_FINAL_TYPE (CardinalDeployDialog, cardinal_deploy_dialog, GTK_TYPE_WINDOW)

static char *
render_ddl (CardinalTaskHost *host,
            CardinalDialect   dialect)
{
  const CardinalModel *model = cardinal_history_get_model (cardinal_task_host_get_history (host));
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);

  return cardinal_ddl_render (schema, dialect);
}

/* What runs on @target for @host's design: its DDL in the target's dialect. */
static char *
script_for (CardinalTaskHost *host,
            const char       *target)
{
  g_autofree char *ddl = render_ddl (host, cardinal_deploy_target_dialect (target));

  return cardinal_deploy_preview (ddl, target);
}

/* The apply ------------------------------------------------------------------------ */

typedef struct
{
  char *script;
  char *target;
} DeployData;

static void
deploy_data_free (DeployData *data)
{
  g_free (data->script);
  g_free (data->target);
  g_free (data);
}

static void
deploy_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DeployData *data = task_data;
  GError *error = NULL;

  if (cardinal_deploy_apply (data->script, data->target, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
deploy_done_cb (CardinalTaskHost *host,
                GTask            *result)
{
  DeployData *data = g_task_get_task_data (G_TASK (result));
  g_autofree char *shown = cardinal_deploy_target_display (data->target);
  g_autoptr(GError) error = NULL;
  gboolean applied = g_task_propagate_boolean (G_TASK (result), &error);

  /* A cancelled run never gets here: Cancel lets go of it, whatever it did. */
  if (applied)
    {
      g_autofree char *message = g_strdup_printf ("Applied to “%s”", shown);

      cardinal_task_host_add_toast (host, adw_toast_new (message));
    }
  else
    {
      g_autofree char *message = g_strdup_printf ("%s\n\nNothing was applied to “%s”.", error->message, shown);

      cardinal_task_host_show_error (host, "Could Not Apply to Database", message);
    }
}

void
cardinal_deploy_start (CardinalTaskHost *host,
                       const char       *target)
{
  g_autofree char *shown = NULL;
  g_autofree char *label = NULL;
  DeployData *data;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));
  g_return_if_fail (target != NULL);

  if (*target == '\0')
    {
      cardinal_task_host_show_error (host, "Could Not Apply to Database", "No database was given.");
      return;
    }

  data = g_new0 (DeployData, 1);
  data->target = g_strdup (target);
  data->script = script_for (host, target);

  shown = cardinal_deploy_target_display (target);
  label = g_strdup_printf ("Applying to “%s”…", shown);
  cardinal_task_run (host, label, cardinal_deploy_start, "cardinal-apply",
                     data, (GDestroyNotify) deploy_data_free, deploy_thread, deploy_done_cb);
}

/* The dialog ---------------------------------------------------------------------- */

char *
cardinal_deploy_dialog_get_script (CardinalDeployDialog *self)
{
  const char *target;
  CardinalDialect dialect;
  guint slot;

  g_return_val_if_fail (CARDINAL_IS_DEPLOY_DIALOG (self), NULL);

  if (self->host == NULL)
    return g_strdup ("");
  target = gtk_editable_get_text (GTK_EDITABLE (self->target_row));
  dialect = cardinal_deploy_target_dialect (target);
  slot = dialect == CARDINAL_DIALECT_SQLITE ? 0 : 1;
  if (self->ddl[slot] == NULL)
    self->ddl[slot] = render_ddl (self->host, dialect);
  return cardinal_deploy_preview (self->ddl[slot], target);
}

static void
target_changed_cb (CardinalDeployDialog *self)
{
  const char *target = gtk_editable_get_text (GTK_EDITABLE (self->target_row));
  g_autofree char *script = cardinal_deploy_dialog_get_script (self);
  gboolean postgresql = cardinal_deploy_target_dialect (target) == CARDINAL_DIALECT_POSTGRESQL;

  adw_action_row_set_subtitle (self->kind_row,
                               *target == '\0' ? "Give a file or a connection"
                               : postgresql ? "PostgreSQL (password from the URI, PGPASSWORD or ~/.pgpass)"
                               : "SQLite (the file is created when missing)");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->script_view), script, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "deploy.apply", *target != '\0');
}

void
cardinal_deploy_dialog_set_target (CardinalDeployDialog *self,
                                   const char           *target)
{
  g_return_if_fail (CARDINAL_IS_DEPLOY_DIALOG (self));
  g_return_if_fail (target != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->target_row), target);
}

static void
chooser_response_cb (GtkNativeDialog      *chooser,
                     int                   response,
                     CardinalDeployDialog *self)
{
  g_autofree char *path = cardinal_chooser_dup_path (chooser, response);

  if (path != NULL)
    cardinal_deploy_dialog_set_target (self, path);
}

static void
choose_file_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CardinalDeployDialog *self = CARDINAL_DEPLOY_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->host == NULL)
    return;
  folder = cardinal_task_host_dup_folder (self->host);
  stem = cardinal_task_host_dup_stem (self->host);
  name = g_strdup_printf ("%s.db", stem);
  /* Save mode: the file may be new. */
  chooser = cardinal_chooser_new (GTK_WINDOW (self), "SQLite Database to Apply To",
                                  GTK_FILE_CHOOSER_ACTION_SAVE, "_Select", folder, name);
  cardinal_chooser_show (&self->chooser, chooser, G_CALLBACK (chooser_response_cb), self);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CardinalDeployDialog *self = CARDINAL_DEPLOY_DIALOG (widget);
  g_autofree char *target = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row))));

  if (self->host == NULL || *target == '\0')
    return;
  cardinal_deploy_start (self->host, target);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The target without a password: an SQLite path as it is, a PostgreSQL one
 * through libpq's parser with every secret left out. */
static void
remember_target (CardinalDeployDialog *self)
{
  GSettings *settings = cardinal_application_get_default_settings ();
  g_autofree char *target = NULL;
  g_autofree char *kept = NULL;

  if (settings == NULL || self->target_row == NULL)
    return;
  target = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->target_row))));
  if (*target == '\0' || cardinal_deploy_target_dialect (target) == CARDINAL_DIALECT_SQLITE)
    kept = g_steal_pointer (&target);
  else
    kept = cardinal_pg_conninfo_without_password (target);
  if (kept != NULL)
    g_settings_set_string (settings, "apply-target", kept);
}

static void
cardinal_deploy_dialog_dispose (GObject *object)
{
  CardinalDeployDialog *self = CARDINAL_DEPLOY_DIALOG (object);

  /* However it closes: Cancel, Escape or after Apply. */
  remember_target (self);

  cardinal_chooser_clear (&self->chooser, self);
  g_clear_weak_pointer (&self->host);
  g_clear_pointer (&self->ddl[0], g_free);
  g_clear_pointer (&self->ddl[1], g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_DEPLOY_DIALOG);

  G_OBJECT_CLASS (cardinal_deploy_dialog_parent_class)->dispose (object);
}

static void
cardinal_deploy_dialog_class_init (CardinalDeployDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_deploy_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-deploy-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalDeployDialog, target_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDeployDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDeployDialog, script_view);
  gtk_widget_class_bind_template_callback (widget_class, target_changed_cb);

  gtk_widget_class_install_action (widget_class, "deploy.apply", NULL, apply_activated);
  gtk_widget_class_install_action (widget_class, "deploy.choose-file", NULL, choose_file_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cardinal_deploy_dialog_init (CardinalDeployDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CardinalDeployDialog *
cardinal_deploy_dialog_new (CardinalTaskHost *host)
{
  CardinalDeployDialog *self;
  GSettings *settings = cardinal_application_get_default_settings ();
  g_autofree char *last = settings != NULL ? g_settings_get_string (settings, "apply-target") : NULL;

  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (host), NULL);

  self = g_object_new (CARDINAL_TYPE_DEPLOY_DIALOG, "transient-for", host, NULL);
  g_set_weak_pointer (&self->host, host);
  /* The last target again, as it was remembered: without a password. */
  if (last != NULL && *last != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->target_row), last);
  target_changed_cb (self);
  return self;
}
