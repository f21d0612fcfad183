/* cardinal-relationship-form.h: the questions about one relationship (how many, participation, deletion, storage), shared by the relate dialog and the inspector. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-model.h"
#include "cardinal-relationship-words.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_RELATIONSHIP_FORM (cardinal_relationship_form_get_type ())

G_DECLARE_FINAL_TYPE (CardinalRelationshipForm, cardinal_relationship_form, CARDINAL, RELATIONSHIP_FORM, GtkWidget)

/* Property "guided" (construct-only): laid out as steps answered in order, as
 * in the relate dialog (deletion is asked before storage, and storage as a
 * question); otherwise as a reference panel, as in the inspector.
 *
 * Signal "answer-changed" (CardinalQuestion question): a yes/no button of
 * @question toggled, either way (switching Yes to No passes through neither
 * being active, so read the answer with get_answer ()); or, for
 * CARDINAL_QUESTION_ON_DELETE, an on-delete choice was picked.
 * Signal "strategy-chosen" (CardinalStrategy strategy): a strategy was picked.
 * Both are also emitted when the owner sets the widgets from code; the owner
 * keeps its own flag to ignore those. */

GtkWidget        *cardinal_relationship_form_new              (gboolean                  guided);

/* Whether @question (Q1 to ENTITY1_NEEDS_ENTITY2) is answered, and how in @yes. */
gboolean          cardinal_relationship_form_get_answer       (CardinalRelationshipForm *self,
                                                               CardinalQuestion          question,
                                                               gboolean                 *yes);
void              cardinal_relationship_form_set_answer       (CardinalRelationshipForm *self,
                                                               CardinalQuestion          question,
                                                               gboolean                  yes);
/* The on-delete choice; no action when none is chosen. */
CardinalOnDelete  cardinal_relationship_form_get_on_delete    (CardinalRelationshipForm *self);

/* Makes a choice for each strategy that fits @kind, recommended first with a
 * badge, none chosen. Returns FALSE, changing nothing, when @kind's
 * strategies are on offer already. */
gboolean          cardinal_relationship_form_offer_strategies (CardinalRelationshipForm *self,
                                                               CardinalKind              kind);
/* The strategies on offer, in order; returns how many. */
guint             cardinal_relationship_form_get_offered      (CardinalRelationshipForm *self,
                                                               CardinalStrategy          out[CARDINAL_N_STRATEGIES]);

/* Puts @relationship's questions, kind and explanations in words; the
 * answers and choices stay as they are. With @kind_known FALSE (the question
 * pair is not answered yet) the rest of the form waits, insensitive. */
void              cardinal_relationship_form_show             (CardinalRelationshipForm   *self,
                                                               const CardinalRelationship *relationship,
                                                               gboolean                    kind_known);
/* Sets the answers and choices to @relationship's values (a model-driven
 * owner; the relate dialog's widgets are its values). */
void              cardinal_relationship_form_set_choices      (CardinalRelationshipForm   *self,
                                                               const CardinalRelationship *relationship);

/* The widgets, for the owners' test accessors. */
const char       *cardinal_relationship_form_get_question     (CardinalRelationshipForm *self,
                                                               CardinalQuestion          question);
GtkToggleButton  *cardinal_relationship_form_get_answer_button (CardinalRelationshipForm *self,
                                                                CardinalQuestion          question,
                                                                gboolean                  yes);
/* NULL when @strategy is not on offer. */
GtkCheckButton   *cardinal_relationship_form_get_strategy_button (CardinalRelationshipForm *self,
                                                                  CardinalStrategy          strategy);
gboolean          cardinal_relationship_form_strategy_is_badged  (CardinalRelationshipForm *self,
                                                                  CardinalStrategy          strategy);
GtkCheckButton   *cardinal_relationship_form_get_on_delete_button (CardinalRelationshipForm *self,
                                                                   CardinalOnDelete          on_delete);

G_END_DECLS
