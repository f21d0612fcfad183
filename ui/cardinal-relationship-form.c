/* cardinal-relationship-form.c: the questions about one relationship (how many, participation, deletion, storage), shared by the relate dialog and the inspector. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-relationship-form.h"

#include <adwaita.h>

#include "cardinal-kind-picture.h"
#include "cardinal-form-util.h"

#define N_ON_DELETE (CARDINAL_ON_DELETE_SET_DEFAULT + 1)

struct _CardinalRelationshipForm
{
  GtkWidget            parent_instance;

  gboolean             guided;

  /* Template widgets; the form's children are all bound, so that dispose_template () unparents them. */
  AdwPreferencesGroup *questions_group;
  AdwActionRow        *q1_row;
  AdwActionRow        *q2_row;
  GtkToggleButton     *q1_no;
  GtkToggleButton     *q1_yes;
  GtkToggleButton     *q2_no;
  GtkToggleButton     *q2_yes;
  GtkLabel            *kind_label;
  CardinalKindPicture *kind_picture;
  GtkLabel            *kind_sentence;
  AdwPreferencesGroup *participation_group;
  AdwActionRow        *e2_needs_row;
  AdwActionRow        *e1_needs_row;
  GtkToggleButton     *e2_needs_no;
  GtkToggleButton     *e2_needs_yes;
  GtkToggleButton     *e1_needs_no;
  GtkToggleButton     *e1_needs_yes;
  AdwPreferencesGroup *strategy_group;
  GtkWidget           *on_delete_box;
  GtkLabel            *on_delete_title;
  AdwPreferencesGroup *on_delete_group;

  /* Rows made in code: on-delete once, strategies whenever the kind changes. */
  AdwActionRow        *on_delete_rows[N_ON_DELETE];
  GtkCheckButton      *on_delete_checks[N_ON_DELETE];
  GtkWidget           *strategy_rows[CARDINAL_N_STRATEGIES];
  GtkCheckButton      *strategy_checks[CARDINAL_N_STRATEGIES];
  GtkWidget           *strategy_badges[CARDINAL_N_STRATEGIES];
  CardinalStrategy     offered[CARDINAL_N_STRATEGIES];
  guint                n_offered;
  gboolean             offered_known;
  CardinalKind         offered_kind;
};

G_DEFINE_FINAL_TYPE (CardinalRelationshipForm, cardinal_relationship_form, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_GUIDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  ANSWER_CHANGED,
  STRATEGY_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
answer_buttons (CardinalRelationshipForm  *self,
                CardinalQuestion           question,
                GtkToggleButton          **yes,
                GtkToggleButton          **no)
{
  switch (question)
    {
    case CARDINAL_QUESTION_Q1:
      *yes = self->q1_yes;
      *no = self->q1_no;
      break;
    case CARDINAL_QUESTION_Q2:
      *yes = self->q2_yes;
      *no = self->q2_no;
      break;
    case CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1:
      *yes = self->e2_needs_yes;
      *no = self->e2_needs_no;
      break;
    case CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2:
      *yes = self->e1_needs_yes;
      *no = self->e1_needs_no;
      break;
    case CARDINAL_QUESTION_ON_DELETE:
    case CARDINAL_N_QUESTIONS:
    default:
      *yes = *no = NULL;
    }
}

static void
answer_toggled (GtkToggleButton          *button,
                CardinalRelationshipForm *self)
{
  for (CardinalQuestion question = CARDINAL_QUESTION_Q1; question < CARDINAL_QUESTION_ON_DELETE; question++)
    {
      GtkToggleButton *yes;
      GtkToggleButton *no;

      answer_buttons (self, question, &yes, &no);
      if (button == yes || button == no)
        g_signal_emit (self, signals[ANSWER_CHANGED], 0, question);
    }
}

static void
on_delete_toggled (GtkCheckButton           *check,
                   CardinalRelationshipForm *self)
{
  if (gtk_check_button_get_active (check))
    g_signal_emit (self, signals[ANSWER_CHANGED], 0, CARDINAL_QUESTION_ON_DELETE);
}

static void
strategy_toggled (GtkCheckButton           *check,
                  CardinalRelationshipForm *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  for (guint i = 0; i < CARDINAL_N_STRATEGIES; i++)
    if (self->strategy_checks[i] == check)
      g_signal_emit (self, signals[STRATEGY_CHOSEN], 0, i);
}

/* A row to pick one of a group, with the value's name in code type at the end. */
static GtkWidget *
make_choice_row (const char      *title,
                 const char      *code,
                 GtkCheckButton  *group,
                 GtkCheckButton **check_out,
                 GtkWidget      **badge_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *code_label = gtk_label_new (code);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  if (badge_out != NULL)
    {
      GtkWidget *badge = gtk_label_new ("Recommended");

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_add_css_class (badge, "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      *badge_out = badge;
    }
  gtk_widget_set_valign (code_label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (code_label, "dim-label");
  gtk_widget_add_css_class (code_label, "monospace");
  gtk_widget_add_css_class (code_label, "caption");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), code_label);
  *check_out = GTK_CHECK_BUTTON (check);
  return row;
}

/* The dialog walks through the questions in the order they are answered; the
 * side panel puts storage, the more consulted choice, first. */
static void
set_guided (CardinalRelationshipForm *self,
            gboolean                  guided)
{
  self->guided = guided;
  if (guided)
    {
      gtk_widget_insert_after (GTK_WIDGET (self->strategy_group), GTK_WIDGET (self), self->on_delete_box);
      adw_preferences_group_set_title (self->strategy_group, "How Should It Be Stored?");
      gtk_widget_set_margin_top (GTK_WIDGET (self->kind_picture), 4);
      gtk_widget_set_margin_bottom (GTK_WIDGET (self->kind_picture), 4);
    }
}

static void
cardinal_relationship_form_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CardinalRelationshipForm *self = CARDINAL_RELATIONSHIP_FORM (object);

  switch (prop_id)
    {
    case PROP_GUIDED:
      g_value_set_boolean (value, self->guided);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_relationship_form_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  CardinalRelationshipForm *self = CARDINAL_RELATIONSHIP_FORM (object);

  switch (prop_id)
    {
    case PROP_GUIDED:
      set_guided (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_relationship_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CARDINAL_TYPE_RELATIONSHIP_FORM);

  G_OBJECT_CLASS (cardinal_relationship_form_parent_class)->dispose (object);
}

static void
cardinal_relationship_form_class_init (CardinalRelationshipFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cardinal_relationship_form_get_property;
  object_class->set_property = cardinal_relationship_form_set_property;
  object_class->dispose = cardinal_relationship_form_dispose;

  properties[PROP_GUIDED] =
    g_param_spec_boolean ("guided", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The question and the strategy as plain numbers: the model library registers no GType for its enums. */
  signals[ANSWER_CHANGED] =
    g_signal_new ("answer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[STRATEGY_CHOSEN] =
    g_signal_new ("strategy-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (CARDINAL_TYPE_KIND_PICTURE);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-relationship-form.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, questions_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, q1_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, q2_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, q1_no);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, q1_yes);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, q2_no);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, q2_yes);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, kind_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, kind_picture);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, kind_sentence);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, participation_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, e2_needs_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, e1_needs_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, e2_needs_no);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, e2_needs_yes);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, e1_needs_no);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, e1_needs_yes);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, strategy_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, on_delete_box);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, on_delete_title);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelationshipForm, on_delete_group);

  gtk_widget_class_set_css_name (widget_class, "cardinal-relationship-form");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cardinal_relationship_form_init (CardinalRelationshipForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (CardinalQuestion question = CARDINAL_QUESTION_Q1; question < CARDINAL_QUESTION_ON_DELETE; question++)
    {
      GtkToggleButton *yes;
      GtkToggleButton *no;

      answer_buttons (self, question, &yes, &no);
      g_signal_connect (no, "toggled", G_CALLBACK (answer_toggled), self);
      g_signal_connect (yes, "toggled", G_CALLBACK (answer_toggled), self);
    }

  for (guint i = 0; i < N_ON_DELETE; i++)
    {
      GtkWidget *row = make_choice_row (cardinal_words_on_delete_title (i), cardinal_on_delete_to_string (i),
                                        i == 0 ? NULL : self->on_delete_checks[0], &self->on_delete_checks[i],
                                        NULL);

      self->on_delete_rows[i] = ADW_ACTION_ROW (row);
      adw_preferences_group_add (self->on_delete_group, row);
    }
  gtk_check_button_set_active (self->on_delete_checks[CARDINAL_ON_DELETE_NO_ACTION], TRUE);
  for (guint i = 0; i < N_ON_DELETE; i++)
    g_signal_connect (self->on_delete_checks[i], "toggled", G_CALLBACK (on_delete_toggled), self);
}

GtkWidget *
cardinal_relationship_form_new (gboolean guided)
{
  return g_object_new (CARDINAL_TYPE_RELATIONSHIP_FORM, "guided", guided, NULL);
}

gboolean
cardinal_relationship_form_get_answer (CardinalRelationshipForm *self,
                                       CardinalQuestion          question,
                                       gboolean                 *yes)
{
  GtkToggleButton *yes_button;
  GtkToggleButton *no_button;

  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), FALSE);
  g_return_val_if_fail (question < CARDINAL_QUESTION_ON_DELETE, FALSE);

  answer_buttons (self, question, &yes_button, &no_button);
  if (yes != NULL)
    *yes = gtk_toggle_button_get_active (yes_button);
  return gtk_toggle_button_get_active (yes_button) || gtk_toggle_button_get_active (no_button);
}

void
cardinal_relationship_form_set_answer (CardinalRelationshipForm *self,
                                       CardinalQuestion          question,
                                       gboolean                  yes)
{
  GtkToggleButton *yes_button;
  GtkToggleButton *no_button;

  g_return_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self));
  g_return_if_fail (question < CARDINAL_QUESTION_ON_DELETE);

  answer_buttons (self, question, &yes_button, &no_button);
  if (!gtk_toggle_button_get_active (yes ? yes_button : no_button))
    gtk_toggle_button_set_active (yes ? yes_button : no_button, TRUE);
}

CardinalOnDelete
cardinal_relationship_form_get_on_delete (CardinalRelationshipForm *self)
{
  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), CARDINAL_ON_DELETE_NO_ACTION);

  for (guint i = 0; i < N_ON_DELETE; i++)
    if (gtk_check_button_get_active (self->on_delete_checks[i]))
      return i;
  return CARDINAL_ON_DELETE_NO_ACTION;
}

gboolean
cardinal_relationship_form_offer_strategies (CardinalRelationshipForm *self,
                                             CardinalKind              kind)
{
  GtkCheckButton *first = NULL;

  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), FALSE);

  if (self->offered_known && self->offered_kind == kind)
    return FALSE;

  for (guint i = 0; i < CARDINAL_N_STRATEGIES; i++)
    {
      if (self->strategy_rows[i] != NULL)
        adw_preferences_group_remove (self->strategy_group, self->strategy_rows[i]);
      self->strategy_rows[i] = NULL;
      self->strategy_checks[i] = NULL;
      self->strategy_badges[i] = NULL;
    }

  self->n_offered = cardinal_kind_strategies (kind, self->offered);
  self->offered_known = TRUE;
  self->offered_kind = kind;
  for (guint i = 0; i < self->n_offered; i++)
    {
      CardinalStrategy strategy = self->offered[i];
      GtkCheckButton *check;
      GtkWidget *row = make_choice_row (cardinal_words_strategy_title (strategy),
                                        cardinal_strategy_to_string (strategy), first, &check,
                                        i == 0 ? &self->strategy_badges[strategy] : NULL);

      if (first == NULL)
        first = check;
      g_signal_connect (check, "toggled", G_CALLBACK (strategy_toggled), self);
      adw_preferences_group_add (self->strategy_group, row);
      self->strategy_rows[strategy] = row;
      self->strategy_checks[strategy] = check;
    }
  return TRUE;
}

guint
cardinal_relationship_form_get_offered (CardinalRelationshipForm *self,
                                        CardinalStrategy          out[CARDINAL_N_STRATEGIES])
{
  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), 0);

  for (guint i = 0; i < self->n_offered; i++)
    out[i] = self->offered[i];
  return self->n_offered;
}

static void
show_kind (CardinalRelationshipForm   *self,
           const CardinalRelationship *relationship,
           gboolean                    kind_known,
           const char                 *left,
           const char                 *right)
{
  gboolean q1 = gtk_toggle_button_get_active (self->q1_yes);
  gboolean q2 = gtk_toggle_button_get_active (self->q2_yes);

  cardinal_kind_picture_set (self->kind_picture, left, right, kind_known,
                             q1, relationship->entity2_needs_entity1, q2, relationship->entity1_needs_entity2);
  if (kind_known)
    {
      g_autofree char *sentence = cardinal_words_kind_sentence (relationship);

      gtk_label_set_text (self->kind_label, cardinal_words_kind_title (relationship->kind));
      gtk_label_set_text (self->kind_sentence, sentence);
    }
  else
    {
      gtk_label_set_text (self->kind_label, "Kind: not decided yet");
      gtk_label_set_text (self->kind_sentence, "Answer both questions above; the kind follows from them.");
    }
}

static void
show_strategies (CardinalRelationshipForm   *self,
                 const CardinalRelationship *relationship)
{
  cardinal_relationship_form_offer_strategies (self, relationship->kind);
  for (guint i = 0; i < self->n_offered; i++)
    {
      CardinalStrategy strategy = self->offered[i];
      g_autofree char *explanation = cardinal_words_strategy_explanation (strategy, relationship);

      cardinal_form_set_subtitle (self->strategy_rows[strategy], explanation);
    }
}

static void
show_on_delete (CardinalRelationshipForm   *self,
                const CardinalRelationship *relationship,
                gboolean                    kind_known,
                const char                 *left,
                const char                 *right)
{
  g_autofree char *set_null_reason = NULL;
  gboolean blocked = cardinal_words_set_null_blocked (relationship, &set_null_reason);
  gboolean applies = cardinal_words_on_delete_applies (relationship);

  for (guint i = 0; i < N_ON_DELETE; i++)
    {
      g_autofree char *explanation = cardinal_words_on_delete_explanation (i, relationship);

      cardinal_form_set_subtitle (self->on_delete_rows[i],
                        i == CARDINAL_ON_DELETE_SET_NULL && blocked ? set_null_reason : explanation);
    }
  /* Set-null stays pickable while it is the value shown, so that it can be seen and changed. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->on_delete_rows[CARDINAL_ON_DELETE_SET_NULL]),
                            !blocked || relationship->on_delete == CARDINAL_ON_DELETE_SET_NULL);
  if (applies)
    adw_preferences_group_set_description (self->on_delete_group, NULL);
  else
    {
      g_autofree char *description =
        g_strdup_printf ("Nothing to decide: %s is stored in %s’s table, so it goes with it.", right, left);

      adw_preferences_group_set_description (self->on_delete_group, description);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->on_delete_group), kind_known && applies);
}

void
cardinal_relationship_form_show (CardinalRelationshipForm   *self,
                                 const CardinalRelationship *relationship,
                                 gboolean                    kind_known)
{
  g_autofree char *left = NULL;
  g_autofree char *right = NULL;

  g_return_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self));
  g_return_if_fail (relationship != NULL);

  {
    g_autofree char *text_q1 = cardinal_words_question (CARDINAL_QUESTION_Q1, relationship);
    g_autofree char *text_q2 = cardinal_words_question (CARDINAL_QUESTION_Q2, relationship);
    g_autofree char *text_e2 = cardinal_words_question (CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1, relationship);
    g_autofree char *text_e1 = cardinal_words_question (CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2, relationship);
    g_autofree char *text_delete = cardinal_words_question (CARDINAL_QUESTION_ON_DELETE, relationship);

    cardinal_form_set_title (self->q1_row, text_q1);
    cardinal_form_set_title (self->q2_row, text_q2);
    cardinal_form_set_title (self->e2_needs_row, text_e2);
    cardinal_form_set_title (self->e1_needs_row, text_e1);
    gtk_label_set_text (self->on_delete_title, text_delete);
  }

  left = cardinal_words_end_name (relationship, FALSE);
  right = cardinal_words_end_name (relationship, TRUE);
  show_kind (self, relationship, kind_known, left, right);
  if (kind_known)
    show_strategies (self, relationship);
  show_on_delete (self, relationship, kind_known, left, right);

  gtk_widget_set_sensitive (GTK_WIDGET (self->participation_group), kind_known);
  gtk_widget_set_sensitive (GTK_WIDGET (self->strategy_group), kind_known);
}

void
cardinal_relationship_form_set_choices (CardinalRelationshipForm   *self,
                                        const CardinalRelationship *relationship)
{
  gboolean q1;
  gboolean q2;
  GtkCheckButton *strategy_check;

  g_return_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self));
  g_return_if_fail (relationship != NULL);

  cardinal_question_pair_from_kind (relationship->kind, &q1, &q2);
  cardinal_relationship_form_set_answer (self, CARDINAL_QUESTION_Q1, q1);
  cardinal_relationship_form_set_answer (self, CARDINAL_QUESTION_Q2, q2);
  cardinal_relationship_form_set_answer (self, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1,
                                         relationship->entity2_needs_entity1);
  cardinal_relationship_form_set_answer (self, CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2,
                                         relationship->entity1_needs_entity2);

  cardinal_relationship_form_offer_strategies (self, relationship->kind);
  strategy_check = self->strategy_checks[relationship->strategy];
  if (strategy_check != NULL && !gtk_check_button_get_active (strategy_check))
    gtk_check_button_set_active (strategy_check, TRUE);
  /* A strategy that does not fit (from a file) leaves every choice clear; the diagnostics say why. */
  if (strategy_check == NULL)
    for (guint i = 0; i < self->n_offered; i++)
      gtk_check_button_set_active (self->strategy_checks[self->offered[i]], FALSE);

  if (!gtk_check_button_get_active (self->on_delete_checks[relationship->on_delete]))
    gtk_check_button_set_active (self->on_delete_checks[relationship->on_delete], TRUE);
}

/* Accessors for the owners' tests ----------------------------------------- */

const char *
cardinal_relationship_form_get_question (CardinalRelationshipForm *self,
                                         CardinalQuestion          question)
{
  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), NULL);
  g_return_val_if_fail (question < CARDINAL_N_QUESTIONS, NULL);

  switch (question)
    {
    case CARDINAL_QUESTION_Q1:
      return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->q1_row));
    case CARDINAL_QUESTION_Q2:
      return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->q2_row));
    case CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1:
      return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->e2_needs_row));
    case CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2:
      return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->e1_needs_row));
    case CARDINAL_QUESTION_ON_DELETE:
      return gtk_label_get_text (self->on_delete_title);
    case CARDINAL_N_QUESTIONS:
    default:
      return NULL;
    }
}

GtkToggleButton *
cardinal_relationship_form_get_answer_button (CardinalRelationshipForm *self,
                                              CardinalQuestion          question,
                                              gboolean                  yes)
{
  GtkToggleButton *yes_button;
  GtkToggleButton *no_button;

  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), NULL);
  g_return_val_if_fail (question < CARDINAL_QUESTION_ON_DELETE, NULL);

  answer_buttons (self, question, &yes_button, &no_button);
  return yes ? yes_button : no_button;
}

GtkCheckButton *
cardinal_relationship_form_get_strategy_button (CardinalRelationshipForm *self,
                                                CardinalStrategy          strategy)
{
  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), NULL);
  g_return_val_if_fail (strategy < CARDINAL_N_STRATEGIES, NULL);

  return self->strategy_checks[strategy];
}

gboolean
cardinal_relationship_form_strategy_is_badged (CardinalRelationshipForm *self,
                                               CardinalStrategy          strategy)
{
  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), FALSE);
  g_return_val_if_fail (strategy < CARDINAL_N_STRATEGIES, FALSE);

  return self->strategy_badges[strategy] != NULL &&
         gtk_widget_get_visible (self->strategy_badges[strategy]) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (self->strategy_badges[strategy])), "Recommended");
}

GtkCheckButton *
cardinal_relationship_form_get_on_delete_button (CardinalRelationshipForm *self,
                                                 CardinalOnDelete          on_delete)
{
  g_return_val_if_fail (CARDINAL_IS_RELATIONSHIP_FORM (self), NULL);
  g_return_val_if_fail (on_delete < N_ON_DELETE, NULL);

  return self->on_delete_checks[on_delete];
}
