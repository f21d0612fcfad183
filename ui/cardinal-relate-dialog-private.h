/* cardinal-relate-dialog-private.h: the relate dialog's widgets, for tests that drive it as a user would. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-relate-dialog.h"
#include "cardinal-relationship-words.h"

G_BEGIN_DECLS

/* The question as shown (q1, q2, participation, on-delete). */
const char      *cardinal_relate_dialog_get_question        (CardinalRelateDialog *self,
                                                             CardinalQuestion      question);
/* The No or Yes button answering a yes/no question (not ON_DELETE). */
GtkToggleButton *cardinal_relate_dialog_get_answer_button   (CardinalRelateDialog *self,
                                                             CardinalQuestion      question,
                                                             gboolean              yes);
/* The strategies offered, in order; returns how many. */
guint            cardinal_relate_dialog_get_offered_strategies (CardinalRelateDialog *self,
                                                                CardinalStrategy      out[CARDINAL_N_STRATEGIES]);
/* The strategy's choice, or NULL when it is not offered. */
GtkCheckButton  *cardinal_relate_dialog_get_strategy_button (CardinalRelateDialog *self,
                                                             CardinalStrategy      strategy);
/* Whether the strategy's row carries the "Recommended" badge. */
gboolean         cardinal_relate_dialog_strategy_is_badged  (CardinalRelateDialog *self,
                                                             CardinalStrategy      strategy);
GtkCheckButton  *cardinal_relate_dialog_get_on_delete_button (CardinalRelateDialog *self,
                                                              CardinalOnDelete      on_delete);
GtkEditable     *cardinal_relate_dialog_get_name_editable   (CardinalRelateDialog *self);
/* @second: the entity2 role; only shown for a self-relationship. */
GtkEditable     *cardinal_relate_dialog_get_role_editable   (CardinalRelateDialog *self,
                                                             gboolean              second);
/* The live preview's text, brought up to date first. */
const char      *cardinal_relate_dialog_get_preview_text    (CardinalRelateDialog *self);
/* Whether Finish is enabled, brought up to date first; @reason: why not. */
gboolean         cardinal_relate_dialog_get_can_finish      (CardinalRelateDialog *self,
                                                             const char          **reason);
GtkWidget       *cardinal_relate_dialog_get_finish_button   (CardinalRelateDialog *self);

G_END_DECLS
