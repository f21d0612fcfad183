/* cardinal-relate-dialog.c: connecting two entities by answering the question pair. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-relate-dialog.h"
#include "cardinal-relate-dialog-private.h"

#include <adwaita.h>

#include "cardinal-identifier.h"
#include "cardinal-relationship-form.h"
#include "cardinal-relationship-preview.h"
#include "cardinal-relationship-words.h"
#include "cardinal-validate.h"
#include "cardinal-form-util.h"

struct _CardinalRelateDialog
{
  GtkWindow                parent_instance;

  CardinalHistory          *history;
  char                     *entity1;
  char                     *entity2;

  /* Template widgets. */
  AdwWindowTitle           *window_title;
  GtkWidget                *finish_button;
  AdwPreferencesGroup      *roles_group;
  AdwEntryRow              *role1_row;
  AdwEntryRow              *role2_row;
  CardinalRelationshipForm *form;
  AdwPreferencesGroup      *names_group;
  AdwEntryRow              *name_row;
  AdwEntryRow              *link_table_row;
  GtkLabel                 *preview_label;
  GtkListBox               *diagnostics_list;
  GtkLabel                 *blocker_label;

  CardinalStrategy         strategy;
  gboolean                 strategy_chosen;  /* picked by the user, so a new kind keeps it if it fits */
  gboolean                 on_delete_chosen; /* picked by the user, so a new kind leaves it alone */
  char                     *default_link_table;
  char                     *preview_text;
  char                     *blocker;
  gboolean                 can_finish;
  guint                    preview_source;
  gboolean                 updating;         /* setting widgets from code: their handlers stay quiet */
};

G_DEFINE_FINAL_TYPE (CardinalRelateDialog, cardinal_relate_dialog, GTK_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_Q1,
  PROP_Q2,
  PROP_ENTITY2_NEEDS_ENTITY1,
  PROP_ENTITY1_NEEDS_ENTITY2,
  PROP_STRATEGY,
  PROP_ON_DELETE,
  PROP_RELATIONSHIP_NAME,
  PROP_CAN_FINISH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh (CardinalRelateDialog *self);
static void update_preview (CardinalRelateDialog *self);

static gboolean
is_self_relationship (CardinalRelateDialog *self)
{
  return g_str_equal (self->entity1, self->entity2);
}

static gboolean
answer (CardinalRelateDialog *self,
        CardinalQuestion      question)
{
  gboolean yes;

  cardinal_relationship_form_get_answer (self->form, question, &yes);
  return yes;
}

static gboolean
kind_known (CardinalRelateDialog *self,
            CardinalKind         *kind)
{
  gboolean known = cardinal_relationship_form_get_answer (self->form, CARDINAL_QUESTION_Q1, NULL) &&
                   cardinal_relationship_form_get_answer (self->form, CARDINAL_QUESTION_Q2, NULL);

  *kind = cardinal_question_pair_to_kind (answer (self, CARDINAL_QUESTION_Q1), answer (self, CARDINAL_QUESTION_Q2));
  return known;
}

/* The relationship as the answers stand; @kind_is_known says whether q1 and q2 are answered. */
static CardinalRelationship *
build_candidate (CardinalRelateDialog *self,
                 gboolean             *kind_is_known)
{
  g_autofree char *name = cardinal_form_editable_text (self->name_row);
  CardinalRelationship *candidate;
  CardinalKind kind;
  gboolean known = kind_known (self, &kind);
  CardinalStrategy strategy = self->strategy;

  if (!cardinal_strategy_fits_kind (strategy, kind))
    strategy = cardinal_kind_default_strategy (kind);

  candidate = cardinal_relationship_new (name, self->entity1, self->entity2, kind, strategy);
  {
    g_autofree char *role1 = cardinal_form_editable_text (self->role1_row);
    g_autofree char *role2 = cardinal_form_editable_text (self->role2_row);

    /* An empty role, or the entity's own name, is the default: leave it unset. */
    if (*role1 != '\0' && !g_str_equal (role1, self->entity1))
      candidate->entity1_role = g_steal_pointer (&role1);
    if (*role2 != '\0' && !g_str_equal (role2, self->entity2))
      candidate->entity2_role = g_steal_pointer (&role2);
  }
  candidate->entity2_needs_entity1 = answer (self, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1);
  candidate->entity1_needs_entity2 = answer (self, CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2);
  candidate->on_delete = cardinal_relationship_form_get_on_delete (self->form);

  if (cardinal_strategy_has_link_table (strategy))
    {
      g_autofree char *link_table = cardinal_form_editable_text (self->link_table_row);
      g_autofree char *fallback = NULL;

      candidate->link_table = NULL;
      fallback = cardinal_relationship_link_table_name (candidate);
      if (*link_table != '\0' && !g_str_equal (link_table, fallback))
        candidate->link_table = g_steal_pointer (&link_table);
    }

  if (kind_is_known != NULL)
    *kind_is_known = known;
  return candidate;
}

static void
strategy_chosen (CardinalRelationshipForm *form,
                 CardinalStrategy          strategy,
                 CardinalRelateDialog     *self)
{
  if (self->updating)
    return;

  self->strategy = strategy;
  self->strategy_chosen = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
  refresh (self);
}

/* Offers exactly the strategies that fit @kind, recommended first and preselected. */
static void
offer_strategies (CardinalRelateDialog *self,
                  CardinalKind          kind)
{
  CardinalStrategy offered[CARDINAL_N_STRATEGIES];

  if (!cardinal_relationship_form_offer_strategies (self->form, kind))
    return;

  cardinal_relationship_form_get_offered (self->form, offered);
  if (!self->strategy_chosen || !cardinal_strategy_fits_kind (self->strategy, kind))
    self->strategy = offered[0];
  gtk_check_button_set_active (cardinal_relationship_form_get_strategy_button (self->form, self->strategy), TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STRATEGY]);
}

static void
schedule_preview (CardinalRelateDialog *self);

/* Brings every text and choice, and the preview, in line with the answers. */
static void
refresh (CardinalRelateDialog *self)
{
  g_autoptr(CardinalRelationship) candidate = NULL;
  gboolean known;

  if (self->updating)
    return;
  self->updating = TRUE;

  candidate = build_candidate (self, &known);
  if (known)
    {
      offer_strategies (self, candidate->kind);
      /* The strategy may have changed with the kind. */
      g_clear_pointer (&candidate, cardinal_relationship_free);
      candidate = build_candidate (self, &known);
    }

  /* Until the user picks one: a link row means nothing without both ends, so
   * many-to-many deletes its links with either end (the example the dialog
   * shows); the other kinds keep the database's own default. */
  if (known && !self->on_delete_chosen)
    {
      CardinalOnDelete wanted = candidate->kind == CARDINAL_KIND_MANY_TO_MANY
                                ? CARDINAL_ON_DELETE_CASCADE : CARDINAL_ON_DELETE_NO_ACTION;

      if (candidate->on_delete != wanted)
        {
          gtk_check_button_set_active (cardinal_relationship_form_get_on_delete_button (self->form, wanted), TRUE);
          candidate->on_delete = wanted;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ON_DELETE]);
        }
    }

  /* Set-null that the answers make impossible gives way to no action. */
  if (candidate->on_delete == CARDINAL_ON_DELETE_SET_NULL && cardinal_words_set_null_blocked (candidate, NULL))
    {
      gtk_check_button_set_active (cardinal_relationship_form_get_on_delete_button (self->form,
                                                                                    CARDINAL_ON_DELETE_NO_ACTION),
                                   TRUE);
      candidate->on_delete = CARDINAL_ON_DELETE_NO_ACTION;
    }
  cardinal_relationship_form_show (self->form, candidate, known);
  gtk_widget_set_visible (GTK_WIDGET (self->link_table_row),
                          known && cardinal_strategy_has_link_table (candidate->strategy));

  self->updating = FALSE;
  /* At once, not on idle: Finish must reflect an answer before the next key press. */
  update_preview (self);
}

static gboolean
preview_idle (gpointer data)
{
  CardinalRelateDialog *self = data;

  self->preview_source = 0;
  update_preview (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_preview (CardinalRelateDialog *self)
{
  /* Typing a name fires once per key; engineer the neighbourhood once per burst. */
  if (self->preview_source == 0)
    self->preview_source = g_idle_add_full (G_PRIORITY_LOW, preview_idle, self, NULL);
}

static GtkWidget *
diagnostic_row_new (const CardinalDiagnostic *diagnostic)
{
  GtkWidget *row = adw_action_row_new ();
  gboolean error = diagnostic->severity == CARDINAL_SEVERITY_ERROR;
  GtkWidget *icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diagnostic->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), diagnostic->code);
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, error ? "Error" : "Warning",
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
set_can_finish (CardinalRelateDialog *self,
                const char           *blocker)
{
  gboolean can_finish = blocker == NULL;

  g_free (self->blocker);
  self->blocker = g_strdup (blocker);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "relate.finish", can_finish);
  gtk_widget_set_tooltip_text (self->finish_button, blocker);
  /* An error from the validator is already listed just above: point at it rather than repeat it. */
  gtk_label_set_text (self->blocker_label,
                      blocker == NULL ? ""
                      : gtk_widget_get_visible (GTK_WIDGET (self->diagnostics_list)) && g_str_has_prefix (blocker, "Cannot finish:")
                      ? "Finish is unavailable until the error above is fixed."
                      : blocker);
  gtk_widget_set_visible (GTK_WIDGET (self->blocker_label), blocker != NULL);

  if (self->can_finish != can_finish)
    {
      self->can_finish = can_finish;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_FINISH]);
    }
}

static void
update_preview (CardinalRelateDialog *self)
{
  g_autoptr(CardinalRelationship) candidate = NULL;
  g_autoptr(CardinalRelationshipPreview) preview = NULL;
  const CardinalModel *model;
  const char *blocker = NULL;
  g_autofree char *owned_blocker = NULL;
  GtkWidget *child;
  gboolean known;

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->history == NULL)
    return;

  model = cardinal_history_get_model (self->history);
  candidate = build_candidate (self, &known);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->diagnostics_list))) != NULL)
    gtk_list_box_remove (self->diagnostics_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_list), FALSE);

  if (!known)
    {
      g_free (self->preview_text);
      self->preview_text = g_strdup ("Answer both questions to see the tables.");
      gtk_label_set_text (self->preview_label, self->preview_text);
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "dim-label");
      set_can_finish (self, "Answer both questions about how many first.");
      return;
    }

  preview = cardinal_relationship_preview_new (model, candidate, NULL);
  g_free (self->preview_text);
  self->preview_text = g_strchomp (g_strdup (preview->text));
  gtk_label_set_markup (self->preview_label, g_strchomp (preview->markup));
  gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "dim-label");

  for (guint i = 0; i < preview->diagnostics->len; i++)
    gtk_list_box_append (self->diagnostics_list,
                         diagnostic_row_new (g_ptr_array_index (preview->diagnostics, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->diagnostics_list), preview->diagnostics->len > 0);

  if (*candidate->name == '\0')
    blocker = "Give the relationship a name.";
  else if (cardinal_identifier_problem (candidate->name) != NULL)
    blocker = owned_blocker = g_strdup_printf ("The relationship name %s.",
                                               cardinal_identifier_problem (candidate->name));
  else if (cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, candidate->name, NULL))
    blocker = owned_blocker = g_strdup_printf ("There is already a relationship named “%s”.", candidate->name);
  else if (preview->has_errors)
    {
      for (guint i = 0; i < preview->diagnostics->len && blocker == NULL; i++)
        {
          const CardinalDiagnostic *diagnostic = g_ptr_array_index (preview->diagnostics, i);

          if (diagnostic->severity == CARDINAL_SEVERITY_ERROR)
            blocker = owned_blocker = g_strdup_printf ("Cannot finish: %s", diagnostic->message);
        }
    }

  set_can_finish (self, blocker);
}

static void
answer_changed (CardinalRelationshipForm *form,
                CardinalQuestion          question,
                CardinalRelateDialog     *self)
{
  static const guint question_props[CARDINAL_N_QUESTIONS] = {
    [CARDINAL_QUESTION_Q1] = PROP_Q1,
    [CARDINAL_QUESTION_Q2] = PROP_Q2,
    [CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1] = PROP_ENTITY2_NEEDS_ENTITY1,
    [CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2] = PROP_ENTITY1_NEEDS_ENTITY2,
    [CARDINAL_QUESTION_ON_DELETE] = PROP_ON_DELETE,
  };

  if (self->updating)
    return;
  if (question == CARDINAL_QUESTION_ON_DELETE)
    self->on_delete_chosen = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[question_props[question]]);
  refresh (self);
}

static void
role_changed (GtkEditable          *editable,
              CardinalRelateDialog *self)
{
  refresh (self);
}

static void
name_changed (GtkEditable          *editable,
              CardinalRelateDialog *self)
{
  if (editable == GTK_EDITABLE (self->name_row))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP_NAME]);
  schedule_preview (self);
}

static void
history_changed (CardinalHistory      *history,
                 guint                 flags,
                 CardinalRelateDialog *self)
{
  const CardinalModel *model = cardinal_history_get_model (history);

  /* An entity this dialog connects went away (undo elsewhere): nothing left to connect. */
  if (cardinal_model_find_entity (model, self->entity1) == NULL ||
      cardinal_model_find_entity (model, self->entity2) == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  schedule_preview (self);
}

static void
finish_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalRelateDialog *self = CARDINAL_RELATE_DIALOG (widget);
  g_autoptr(CardinalRelationship) candidate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  /* Enter can come before the idle preview has caught up with the last change. */
  update_preview (self);
  if (!self->can_finish)
    return;

  candidate = build_candidate (self, NULL);
  name = g_strdup (candidate->name);
  if (!cardinal_history_add_relationship (self->history, g_steal_pointer (&candidate), &error))
    {
      set_can_finish (self, error->message);
      return;
    }
  g_signal_emit (self, signals[FINISHED], 0, name);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Enter finishes when it can, wherever the focus is (Space still presses a
 * focused button); when it can't, the key goes on to the focused widget. */
static gboolean
enter_pressed (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  CardinalRelateDialog *self = CARDINAL_RELATE_DIALOG (widget);

  update_preview (self);
  if (!self->can_finish)
    return FALSE;
  gtk_widget_activate_action (widget, "relate.finish", NULL);
  return TRUE;
}

static void
cardinal_relate_dialog_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CardinalRelateDialog *self = CARDINAL_RELATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_Q1:
      g_value_set_boolean (value, answer (self, CARDINAL_QUESTION_Q1));
      break;
    case PROP_Q2:
      g_value_set_boolean (value, answer (self, CARDINAL_QUESTION_Q2));
      break;
    case PROP_ENTITY2_NEEDS_ENTITY1:
      g_value_set_boolean (value, answer (self, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1));
      break;
    case PROP_ENTITY1_NEEDS_ENTITY2:
      g_value_set_boolean (value, answer (self, CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2));
      break;
    case PROP_STRATEGY:
      g_value_set_string (value, cardinal_strategy_to_string (self->strategy));
      break;
    case PROP_ON_DELETE:
      g_value_set_string (value, cardinal_on_delete_to_string (cardinal_relationship_form_get_on_delete (self->form)));
      break;
    case PROP_RELATIONSHIP_NAME:
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
      break;
    case PROP_CAN_FINISH:
      g_value_set_boolean (value, self->can_finish);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_relate_dialog_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CardinalRelateDialog *self = CARDINAL_RELATE_DIALOG (object);
  CardinalStrategy strategy;
  CardinalOnDelete on_delete;

  switch (prop_id)
    {
    case PROP_Q1:
      cardinal_relationship_form_set_answer (self->form, CARDINAL_QUESTION_Q1, g_value_get_boolean (value));
      break;
    case PROP_Q2:
      cardinal_relationship_form_set_answer (self->form, CARDINAL_QUESTION_Q2, g_value_get_boolean (value));
      break;
    case PROP_ENTITY2_NEEDS_ENTITY1:
      cardinal_relationship_form_set_answer (self->form, CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1,
                                             g_value_get_boolean (value));
      break;
    case PROP_ENTITY1_NEEDS_ENTITY2:
      cardinal_relationship_form_set_answer (self->form, CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2,
                                             g_value_get_boolean (value));
      break;
    case PROP_STRATEGY:
      /* Only a strategy on offer can be chosen, as with the mouse. */
      if (g_value_get_string (value) != NULL &&
          cardinal_strategy_from_string (g_value_get_string (value), &strategy) &&
          cardinal_relationship_form_get_strategy_button (self->form, strategy) != NULL)
        gtk_check_button_set_active (cardinal_relationship_form_get_strategy_button (self->form, strategy), TRUE);
      break;
    case PROP_ON_DELETE:
      if (g_value_get_string (value) != NULL &&
          cardinal_on_delete_from_string (g_value_get_string (value), &on_delete))
        {
          GtkCheckButton *check = cardinal_relationship_form_get_on_delete_button (self->form, on_delete);

          /* Only a choice the user could make: set-null's row is off while it can't work. */
          if (gtk_widget_get_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW)))
            gtk_check_button_set_active (check, TRUE);
        }
      break;
    case PROP_RELATIONSHIP_NAME:
      gtk_editable_set_text (GTK_EDITABLE (self->name_row),
                             g_value_get_string (value) ? g_value_get_string (value) : "");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_relate_dialog_dispose (GObject *object)
{
  CardinalRelateDialog *self = CARDINAL_RELATE_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (cardinal_relate_dialog_parent_class)->dispose (object);
}

static void
cardinal_relate_dialog_finalize (GObject *object)
{
  CardinalRelateDialog *self = CARDINAL_RELATE_DIALOG (object);

  g_free (self->entity1);
  g_free (self->entity2);
  g_free (self->default_link_table);
  g_free (self->preview_text);
  g_free (self->blocker);

  G_OBJECT_CLASS (cardinal_relate_dialog_parent_class)->finalize (object);
}

static void
cardinal_relate_dialog_class_init (CardinalRelateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cardinal_relate_dialog_get_property;
  object_class->set_property = cardinal_relate_dialog_set_property;
  object_class->dispose = cardinal_relate_dialog_dispose;
  object_class->finalize = cardinal_relate_dialog_finalize;

  /* The answers as properties, so that code (the window, tests) can answer as a user would. */
  properties[PROP_Q1] =
    g_param_spec_boolean ("q1", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_Q2] =
    g_param_spec_boolean ("q2", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENTITY2_NEEDS_ENTITY1] =
    g_param_spec_boolean ("entity2-needs-entity1", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENTITY1_NEEDS_ENTITY2] =
    g_param_spec_boolean ("entity1-needs-entity2", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STRATEGY] =
    g_param_spec_string ("strategy", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* After Finish added the relationship (its name, as added), just before the dialog closes. */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  properties[PROP_ON_DELETE] =
    g_param_spec_string ("on-delete", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RELATIONSHIP_NAME] =
    g_param_spec_string ("relationship-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_FINISH] =
    g_param_spec_boolean ("can-finish", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARDINAL_TYPE_RELATIONSHIP_FORM);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-relate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, finish_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, roles_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, role1_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, role2_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, form);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, names_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, link_table_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, preview_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, diagnostics_list);
  gtk_widget_class_bind_template_child (widget_class, CardinalRelateDialog, blocker_label);

  gtk_widget_class_install_action (widget_class, "relate.finish", NULL, finish_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cardinal_relate_dialog_init (CardinalRelateDialog *self)
{
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self->form, "answer-changed", G_CALLBACK (answer_changed), self);
  g_signal_connect (self->form, "strategy-chosen", G_CALLBACK (strategy_chosen), self);
  g_signal_connect (self->role1_row, "changed", G_CALLBACK (role_changed), self);
  g_signal_connect (self->role2_row, "changed", G_CALLBACK (role_changed), self);
  g_signal_connect (self->name_row, "changed", G_CALLBACK (name_changed), self);
  g_signal_connect (self->link_table_row, "changed", G_CALLBACK (name_changed), self);

  gtk_window_set_default_widget (GTK_WINDOW (self), self->finish_button);
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (enter_keys[i], 0),
                                                            gtk_callback_action_new (enter_pressed, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
  self->strategy = CARDINAL_STRATEGY_UNIQUE_FK;
  self->can_finish = TRUE;
  set_can_finish (self, "Answer both questions about how many first.");
}

CardinalRelateDialog *
cardinal_relate_dialog_new (GtkWindow       *parent,
                            CardinalHistory *history,
                            const char      *entity1,
                            const char      *entity2)
{
  CardinalRelateDialog *self;
  const CardinalModel *model;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *display1 = NULL;
  g_autofree char *display2 = NULL;
  g_autoptr(CardinalRelationship) probe = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CARDINAL_IS_HISTORY (history), NULL);
  g_return_val_if_fail (entity1 != NULL && entity2 != NULL, NULL);

  self = g_object_new (CARDINAL_TYPE_RELATE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->history = g_object_ref (history);
  self->entity1 = g_strdup (entity1);
  self->entity2 = g_strdup (entity2);
  model = cardinal_history_get_model (history);

  display1 = cardinal_words_display_name (entity1);
  display2 = cardinal_words_display_name (entity2);
  if (is_self_relationship (self))
    title = g_strdup_printf ("Connect %s to Itself", display1);
  else
    title = g_strdup_printf ("Connect %s and %s", display1, display2);
  subtitle = g_strdup_printf ("%s → %s", entity1, entity2);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);

  self->updating = TRUE;
  base = g_strdup_printf ("%s_%s", entity1, entity2);
  name = cardinal_model_unique_relationship_name (model, base);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);

  /* A self-relationship needs two different roles, or both foreign-key
   * columns would be named after the entity; parent/child fits the usual
   * hierarchy and is easy to rename. Those are asked first, as the
   * questions are put in their words. Between two entities roles are
   * optional, so they come last, with the names. */
  if (is_self_relationship (self))
    {
      g_autofree char *description =
        g_strdup_printf ("Both ends are %s; name what each end is in this relationship, "
                         "like “manager” and “report”.", display1);

      adw_preferences_group_set_description (self->roles_group, description);
      gtk_editable_set_text (GTK_EDITABLE (self->role1_row), "parent");
      gtk_editable_set_text (GTK_EDITABLE (self->role2_row), "child");
    }
  else
    {
      g_autofree char *role1_title = g_strdup_printf ("Role of %s", display1);
      g_autofree char *role2_title = g_strdup_printf ("Role of %s", display2);
      GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (self->roles_group));

      adw_preferences_group_set_title (self->roles_group, "Roles (Optional)");
      adw_preferences_group_set_description (self->roles_group,
                                             "A noun for what each entity is here, like “author”; "
                                             "foreign-key columns are named after it.");
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->role1_row), FALSE);
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->role2_row), FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->role1_row), FALSE);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->role2_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role1_row), role1_title);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->role2_row), role2_title);
      gtk_editable_set_text (GTK_EDITABLE (self->role1_row), entity1);
      gtk_editable_set_text (GTK_EDITABLE (self->role2_row), entity2);
      gtk_box_reorder_child_after (GTK_BOX (box), GTK_WIDGET (self->roles_group), GTK_WIDGET (self->names_group));
    }

  /* The default link table, unless a table of that name exists already. */
  probe = cardinal_relationship_new (name, entity1, entity2, CARDINAL_KIND_MANY_TO_MANY,
                                     CARDINAL_STRATEGY_LINK_TABLE);
  self->default_link_table = cardinal_relationship_link_table_name (probe);
  gtk_editable_set_text (GTK_EDITABLE (self->link_table_row),
                         cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, self->default_link_table, NULL) ? name : self->default_link_table);
  self->updating = FALSE;

  g_signal_connect_object (history, "changed", G_CALLBACK (history_changed), self, 0);

  refresh (self);
  if (is_self_relationship (self))
    gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->role1_row));
  else
    gtk_window_set_focus (GTK_WINDOW (self),
                          GTK_WIDGET (cardinal_relationship_form_get_answer_button (self->form, CARDINAL_QUESTION_Q1,
                                                                                    FALSE)));
  return self;
}

/* Test accessors -------------------------------------------------------- */

const char *
cardinal_relate_dialog_get_question (CardinalRelateDialog *self,
                                     CardinalQuestion      question)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return cardinal_relationship_form_get_question (self->form, question);
}

GtkToggleButton *
cardinal_relate_dialog_get_answer_button (CardinalRelateDialog *self,
                                          CardinalQuestion      question,
                                          gboolean              yes)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return cardinal_relationship_form_get_answer_button (self->form, question, yes);
}

guint
cardinal_relate_dialog_get_offered_strategies (CardinalRelateDialog *self,
                                               CardinalStrategy      out[CARDINAL_N_STRATEGIES])
{
  CardinalKind kind;

  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), 0);

  if (!kind_known (self, &kind))
    return 0;
  return cardinal_relationship_form_get_offered (self->form, out);
}

GtkCheckButton *
cardinal_relate_dialog_get_strategy_button (CardinalRelateDialog *self,
                                            CardinalStrategy      strategy)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return cardinal_relationship_form_get_strategy_button (self->form, strategy);
}

gboolean
cardinal_relate_dialog_strategy_is_badged (CardinalRelateDialog *self,
                                           CardinalStrategy      strategy)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), FALSE);

  return cardinal_relationship_form_strategy_is_badged (self->form, strategy);
}

GtkCheckButton *
cardinal_relate_dialog_get_on_delete_button (CardinalRelateDialog *self,
                                             CardinalOnDelete      on_delete)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return cardinal_relationship_form_get_on_delete_button (self->form, on_delete);
}

GtkEditable *
cardinal_relate_dialog_get_name_editable (CardinalRelateDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return GTK_EDITABLE (self->name_row);
}

GtkEditable *
cardinal_relate_dialog_get_role_editable (CardinalRelateDialog *self,
                                          gboolean              second)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return GTK_EDITABLE (second ? self->role2_row : self->role1_row);
}

const char *
cardinal_relate_dialog_get_preview_text (CardinalRelateDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  update_preview (self);
  return self->preview_text;
}

gboolean
cardinal_relate_dialog_get_can_finish (CardinalRelateDialog  *self,
                                       const char           **reason)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), FALSE);

  update_preview (self);
  if (reason != NULL)
    *reason = self->blocker;
  return self->can_finish;
}

GtkWidget *
cardinal_relate_dialog_get_finish_button (CardinalRelateDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_RELATE_DIALOG (self), NULL);

  return self->finish_button;
}
