/* cardinal-application.h: the GtkApplication: windows per document, app-wide actions, settings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CARDINAL_APPLICATION_ID "app.cardinal.Designer"
#define CARDINAL_TYPE_APPLICATION (cardinal_application_get_type ())

G_DECLARE_FINAL_TYPE (CardinalApplication, cardinal_application, CARDINAL, APPLICATION, AdwApplication)

CardinalApplication *cardinal_application_new (void);

/* The app's GSettings (schema CARDINAL_APPLICATION_ID), or NULL when the
 * schema is neither installed nor in the build tree: then nothing is kept. */
GSettings           *cardinal_application_get_settings    (CardinalApplication *self);
/* The running Cardinal application's settings, for dialogs that remember
 * their last choices; NULL without one or without the schema. */
GSettings           *cardinal_application_get_default_settings (void);
/* What main () returns after g_application_run (): the benchmark's status. */
int                  cardinal_application_get_exit_status (CardinalApplication *self);
/* Where modified documents are written until they are saved (newly allocated):
 * $XDG_STATE_HOME/cardinal/recovery. */
char                *cardinal_application_get_recovery_dir (void);
/* Offers, once per process, to reopen the recovery files left by a process
 * that ended without saving; the dialog is shown over @parent. */
void                 cardinal_application_offer_recovery  (CardinalApplication *self,
                                                           GtkWindow           *parent);

G_END_DECLS
