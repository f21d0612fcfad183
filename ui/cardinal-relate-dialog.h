/* cardinal-relate-dialog.h: connecting two entities by answering the question pair. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_RELATE_DIALOG (cardinal_relate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalRelateDialog, cardinal_relate_dialog, CARDINAL, RELATE_DIALOG, GtkWindow)

/* A modal dialog over @parent asking q1, q2, participation, on-delete and the
 * strategy (with a live preview of the tables), for @entity1 → @entity2
 * (equal for a self-relationship, which also asks for roles). Finish adds the
 * relationship to @history as one undoable command, emits "finished" with
 * the new relationship's name (so the window can select it) and closes the
 * dialog. */
CardinalRelateDialog *cardinal_relate_dialog_new (GtkWindow       *parent,
                                                  CardinalHistory *history,
                                                  const char      *entity1,
                                                  const char      *entity2);

G_END_DECLS
