/* cardinal-deploy-dialog.h: Apply to Database…: a target, the exact script as a preview, and the apply off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-task.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_DEPLOY_DIALOG (cardinal_deploy_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalDeployDialog, cardinal_deploy_dialog, CARDINAL, DEPLOY_DIALOG, GtkWindow)

/* A modal dialog over @host: the target (an SQLite file, created when
 * missing, or a PostgreSQL URI / conninfo), the script that will run there,
 * and Apply. It opens with the target it last closed with, without a
 * password (GSettings). */
CardinalDeployDialog *cardinal_deploy_dialog_new        (CardinalTaskHost     *host);
void                  cardinal_deploy_dialog_set_target (CardinalDeployDialog *self,
                                                         const char           *target);
/* The script the preview shows for the current target (newly allocated). */
char                 *cardinal_deploy_dialog_get_script (CardinalDeployDialog *self);

/* Applies @host's design's DDL to @target in one transaction on a worker
 * thread (progress and Cancel on @host); a toast on success, the
 * database's message in a dialog on failure (then nothing was applied). */
void                  cardinal_deploy_start             (CardinalTaskHost     *host,
                                                         const char           *target);

G_END_DECLS
