/* cardinal-ui-test.h: helpers for GTK tests: a private home, the application in-process, waiting on conditions. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cardinal-application.h"
#include "cardinal-window.h"

G_BEGIN_DECLS

/* g_test_init () plus what every UI test needs: HOME and the XDG directories
 * in a fresh temporary directory (recent files, recovery files and settings
 * never touch the real ones), CARDINAL_TEST set, GTK initialised. Returns
 * FALSE when there is no display: then call cardinal_ui_test_run_skipped (). */
gboolean             cardinal_ui_test_init            (int    *argc,
                                                       char ***argv);
/* cardinal_ui_test_init () for tests of libadwaita widgets outside the
 * application: no accessibility bus asked for (a bare Xvfb has none and GTK
 * would warn, fatal here), then adw_init () when there is a display. */
gboolean             cardinal_ui_test_init_adw        (int    *argc,
                                                       char ***argv);
/* Registers one "skipped: no display" test and runs it. */
int                  cardinal_ui_test_run_skipped     (void);
/* g_test_run (), then removes the temporary home. */
int                  cardinal_ui_test_run             (void);
/* The temporary home made by cardinal_ui_test_init (). */
const char          *cardinal_ui_test_get_home        (void);

/* The application, registered (so "startup" has run) but not running its own
 * main loop: tests drive the main context themselves. Shared by all tests. */
CardinalApplication *cardinal_ui_test_get_application (void);

typedef gboolean (*CardinalUiTestCondition) (gpointer data);
/* Runs the main context until @condition holds or @timeout_ms passes;
 * returns whether it holds. */
gboolean             cardinal_ui_test_wait            (CardinalUiTestCondition condition,
                                                       gpointer                data,
                                                       guint                   timeout_ms);
/* Presents @window and waits until it is mapped. */
void                 cardinal_ui_test_show            (GtkWindow *window);
/* Destroys @window (no Save Changes question) and waits until it is gone. */
void                 cardinal_ui_test_destroy         (GtkWindow *window);
/* The visible AdwMessageDialog over @parent, or NULL. */
AdwMessageDialog    *cardinal_ui_test_find_message_dialog (GtkWindow *parent);
/* Emits @response on @dialog as a click would, then closes the dialog. */
void                 cardinal_ui_test_respond         (AdwMessageDialog *dialog,
                                                       const char       *response);
/* The first widget of @type at or below @widget (depth first), or NULL. */
GtkWidget           *cardinal_ui_test_find_descendant (GtkWidget *widget,
                                                       GType      type);
/* A copy of the example @name (without ".cardinal") in a new temporary
 * directory under the test home; newly allocated path. */
char                *cardinal_ui_test_copy_example    (const char *name);

G_END_DECLS
