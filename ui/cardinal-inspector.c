/* cardinal-inspector.c: the side panel's editor for the selected entity or relationship. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-inspector.h"
#include "cardinal-inspector-private.h"

#include <adwaita.h>
#include <string.h>

#include "cardinal-annotation-editor.h"
#include "cardinal-attribute-editor.h"
#include "cardinal-constraint-editor.h"
#include "cardinal-engineer.h"
#include "cardinal-model-worker.h"
#include "cardinal-relationship-form.h"
#include "cardinal-selection-summary.h"
#include "cardinal-relationship-words.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"
#include "cardinal-form-util.h"

typedef enum
{
  SHOWN_NOTHING,
  SHOWN_ENTITY,
  SHOWN_RELATIONSHIP,
} Shown;

struct _CardinalInspector
{
  GtkWidget                parent_instance;

  CardinalHistory          *history;
  GSignalGroup             *history_signals;  /* "changed" of whichever history is shown */
  Shown                    shown;
  char                     *name;      /* of the object shown */
  guint                    index;     /* where it was, to follow a rename undone elsewhere */
  guint                    count;     /* how many of its sort there were then */
  gboolean                 syncing;   /* widgets set from the model: their handlers stay quiet */

  /* Template widgets. */
  GtkStack                 *stack;
  AdwEntryRow              *entity_name_row;
  GtkLabel                 *entity_name_error;
  AdwEntryRow              *entity_comment_row;
  CardinalAttributeEditor  *attributes_editor;
  CardinalConstraintEditor *constraints_editor;
  AdwEntryRow              *relationship_name_row;
  GtkLabel                 *relationship_name_error;
  AdwActionRow             *ends_row;
  CardinalRelationshipForm *form;
  AdwPreferencesGroup      *roles_group;
  AdwEntryRow              *role1_row;
  AdwEntryRow              *role2_row;
  AdwPreferencesGroup      *columns_group;
  AdwEntryRow              *columns1_row;
  AdwEntryRow              *columns2_row;
  AdwPreferencesGroup      *link_group;
  AdwEntryRow              *link_table_row;
  CardinalAttributeEditor  *link_attributes_editor;
  /* Format 3: a note or a group, on a page of its own. */
  CardinalAnnotationEditor *annotation;
  gboolean                 annotation_shown;
};

G_DEFINE_FINAL_TYPE (CardinalInspector, cardinal_inspector, GTK_TYPE_WIDGET)

static void cardinal_inspector_sync (CardinalInspector *self);

/* Small helpers ----------------------------------------------------------- */

/* Leaves alone a field the user is typing in (their edit applies on Enter or
 * on leaving it); a focused field they have not changed follows the model. */
static void
set_editable_text (gpointer    editable,
                   const char *text)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (editable));
  const char *synced = g_object_get_data (G_OBJECT (editable), "cardinal-synced");

  if (cardinal_form_holds_focus (GTK_WIDGET (editable)) && g_strcmp0 (shown, synced) != 0 &&
      g_strcmp0 (shown, text ? text : "") != 0)
    return;
  if (g_strcmp0 (shown, text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (editable), text ? text : "");
  g_object_set_data_full (G_OBJECT (editable), "cardinal-synced", g_strdup (text ? text : ""), g_free);
}

static void
show_error (GtkLabel   *label,
            gpointer    row,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Finding the object shown ------------------------------------------------ */

static const char *
entity_name (gconstpointer entity)
{
  return ((const CardinalEntity *) entity)->name;
}

static const char *
relationship_name (gconstpointer relationship)
{
  return ((const CardinalRelationship *) relationship)->name;
}

/* The object shown, among @objects: at its last place, else by name, else
 * (gone by name but the same count at the same place) renamed, as by an
 * undone rename; NULL when it is gone. */
static gconstpointer
find_shown (CardinalInspector *self,
            GPtrArray         *objects,
            const char      *(*name_of) (gconstpointer object))
{
  if (self->index < objects->len && g_str_equal (name_of (g_ptr_array_index (objects, self->index)), self->name))
    return g_ptr_array_index (objects, self->index);
  for (guint i = 0; i < objects->len; i++)
    if (g_str_equal (name_of (g_ptr_array_index (objects, i)), self->name))
      {
        self->index = i;
        self->count = objects->len;
        return g_ptr_array_index (objects, i);
      }
  if (self->count == objects->len && self->index < objects->len)
    {
      g_free (self->name);
      self->name = g_strdup (name_of (g_ptr_array_index (objects, self->index)));
      return g_ptr_array_index (objects, self->index);
    }
  return NULL;
}

static const CardinalEntity *
current_entity (CardinalInspector *self)
{
  if (self->history == NULL || self->shown != SHOWN_ENTITY)
    return NULL;
  return find_shown (self, cardinal_history_get_model (self->history)->entities, entity_name);
}

static const CardinalRelationship *
current_relationship (CardinalInspector *self)
{
  if (self->history == NULL || self->shown != SHOWN_RELATIONSHIP)
    return NULL;
  return find_shown (self, cardinal_history_get_model (self->history)->relationships, relationship_name);
}

/* Entity edits ------------------------------------------------------------- */

static void
commit_entity_name (CardinalInspector *self)
{
  const CardinalEntity *entity = current_entity (self);
  g_autofree char *text = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr(GError) error = NULL;

  if (self->syncing || entity == NULL)
    return;

  text = cardinal_form_editable_text (self->entity_name_row);
  if (g_str_equal (text, entity->name))
    {
      show_error (self->entity_name_error, self->entity_name_row, NULL);
      return;
    }

  /* Follow the new name through the "changed" emission that the rename causes. */
  old_name = g_strdup (entity->name);
  g_free (self->name);
  self->name = g_strdup (text);
  if (!cardinal_history_rename_entity (self->history, old_name, text, &error))
    {
      g_free (self->name);
      self->name = g_steal_pointer (&old_name);
      show_error (self->entity_name_error, self->entity_name_row, error->message);
      return;
    }
  show_error (self->entity_name_error, self->entity_name_row, NULL);
}

static void
update_entity (CardinalInspector *self,
               CardinalEntity    *replacement,
               const char        *label)
{
  g_autoptr(GError) error = NULL;

  if (!cardinal_history_update_entity (self->history, self->name, replacement, label, &error))
    {
      show_error (self->entity_name_error, self->entity_name_row, error->message);
      cardinal_inspector_sync (self);
    }
}

/* A copy of the entity shown to edit, or NULL while syncing or without one. */
static CardinalEntity *
editable_entity (CardinalInspector *self)
{
  const CardinalEntity *entity = current_entity (self);

  if (self->syncing || entity == NULL)
    return NULL;
  return cardinal_entity_copy (entity);
}

static void
commit_entity_comment (CardinalInspector *self)
{
  const CardinalEntity *entity = current_entity (self);
  g_autofree char *text = NULL;
  CardinalEntity *replacement;

  if (self->syncing || entity == NULL)
    return;

  text = cardinal_form_editable_text (self->entity_comment_row);
  if (g_str_equal (text, entity->comment))
    return;

  replacement = cardinal_entity_copy (entity);
  g_free (replacement->comment);
  replacement->comment = g_steal_pointer (&text);
  update_entity (self, replacement, "Change Comment");
}

static void
attributes_edited (CardinalAttributeEditor *editor,
                   GPtrArray               *attributes,
                   const char              *label,
                   CardinalInspector       *self)
{
  CardinalEntity *replacement = editable_entity (self);

  if (replacement == NULL)
    return;
  g_ptr_array_unref (replacement->attributes);
  replacement->attributes = cardinal_attribute_editor_copy_attributes (attributes);
  update_entity (self, replacement, label);
}

static void
constraints_edited (CardinalConstraintEditor *editor,
                    GPtrArray                *uniques,
                    GPtrArray                *indexes,
                    const char               *label,
                    CardinalInspector        *self)
{
  CardinalEntity *replacement = editable_entity (self);

  if (replacement == NULL)
    return;
  g_ptr_array_unref (replacement->uniques);
  replacement->uniques = cardinal_unique_array_copy (uniques);
  g_ptr_array_unref (replacement->indexes);
  replacement->indexes = cardinal_index_array_copy (indexes);
  update_entity (self, replacement, label);
}

/* Relationship edits ------------------------------------------------------- */

static void
update_relationship (CardinalInspector    *self,
                     CardinalRelationship *replacement,
                     const char           *label)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;

  /* A choice that makes set-null impossible takes it back, in the same step,
   * as the dialog does; the diagnostics would otherwise show an error. */
  if (replacement->on_delete == CARDINAL_ON_DELETE_SET_NULL &&
      cardinal_words_set_null_blocked (replacement, &reason))
    replacement->on_delete = CARDINAL_ON_DELETE_NO_ACTION;

  if (!cardinal_history_update_relationship (self->history, self->name, replacement, label, &error))
    {
      show_error (self->relationship_name_error, self->relationship_name_row, error->message);
      cardinal_inspector_sync (self);
      return;
    }
  show_error (self->relationship_name_error, self->relationship_name_row, NULL);
}

static CardinalRelationship *
editable_relationship (CardinalInspector *self)
{
  const CardinalRelationship *relationship = current_relationship (self);

  if (self->syncing || relationship == NULL)
    return NULL;
  return cardinal_relationship_copy (relationship);
}

static void
commit_relationship_name (CardinalInspector *self)
{
  CardinalRelationship *replacement = editable_relationship (self);
  g_autofree char *text = NULL;
  g_autofree char *old_name = NULL;
  g_autoptr(GError) error = NULL;

  if (replacement == NULL)
    return;

  text = cardinal_form_editable_text (self->relationship_name_row);
  if (g_str_equal (text, replacement->name))
    {
      cardinal_relationship_free (replacement);
      show_error (self->relationship_name_error, self->relationship_name_row, NULL);
      return;
    }

  old_name = g_steal_pointer (&replacement->name);
  replacement->name = g_strdup (text);
  g_free (self->name);
  self->name = g_steal_pointer (&text);
  if (!cardinal_history_update_relationship (self->history, old_name, replacement, "Rename Relationship", &error))
    {
      g_free (self->name);
      self->name = g_steal_pointer (&old_name);
      show_error (self->relationship_name_error, self->relationship_name_row, error->message);
      return;
    }
  show_error (self->relationship_name_error, self->relationship_name_row, NULL);
}

static void
on_delete_chosen (CardinalInspector *self)
{
  CardinalRelationship *replacement = editable_relationship (self);

  if (replacement == NULL)
    return;
  replacement->on_delete = cardinal_relationship_form_get_on_delete (self->form);
  update_relationship (self, replacement, "Change On Delete");
}

static void
answer_changed (CardinalRelationshipForm *form,
                CardinalQuestion          question,
                CardinalInspector        *self)
{
  CardinalRelationship *replacement;
  gboolean yes;

  if (question == CARDINAL_QUESTION_ON_DELETE)
    {
      on_delete_chosen (self);
      return;
    }
  /* Switching an answer passes through neither being chosen: act on the new one. */
  if (self->syncing || !cardinal_relationship_form_get_answer (form, question, &yes))
    return;
  replacement = editable_relationship (self);
  if (replacement == NULL)
    return;

  if (question == CARDINAL_QUESTION_Q1 || question == CARDINAL_QUESTION_Q2)
    {
      gboolean q1;
      gboolean q2;
      CardinalKind kind;

      cardinal_relationship_form_get_answer (form, CARDINAL_QUESTION_Q1, &q1);
      cardinal_relationship_form_get_answer (form, CARDINAL_QUESTION_Q2, &q2);
      kind = cardinal_question_pair_to_kind (q1, q2);
      if (kind == replacement->kind)
        {
          cardinal_relationship_free (replacement);
          return;
        }
      replacement->kind = kind;
      /* A strategy that no longer fits gives way to the recommended one, in the same step. */
      if (!cardinal_strategy_fits_kind (replacement->strategy, kind))
        replacement->strategy = cardinal_kind_default_strategy (kind);
      update_relationship (self, replacement, "Change Kind");
      return;
    }

  if (question == CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1)
    replacement->entity2_needs_entity1 = yes;
  else
    replacement->entity1_needs_entity2 = yes;
  update_relationship (self, replacement, "Change Participation");
}

static void
strategy_chosen (CardinalRelationshipForm *form,
                 CardinalStrategy          strategy,
                 CardinalInspector        *self)
{
  CardinalRelationship *replacement = editable_relationship (self);

  if (replacement == NULL)
    return;
  replacement->strategy = strategy;
  update_relationship (self, replacement, "Change Strategy");
}

static void
commit_role (CardinalInspector *self,
             gboolean           second)
{
  CardinalRelationship *replacement = editable_relationship (self);
  g_autofree char *text = NULL;
  char **role;
  const char *entity;

  if (replacement == NULL)
    return;

  text = cardinal_form_editable_text (second ? self->role2_row : self->role1_row);
  role = second ? &replacement->entity2_role : &replacement->entity1_role;
  entity = second ? replacement->entity2 : replacement->entity1;
  /* Empty, or the entity's own name, is the default: stored as no role. */
  if (*text == '\0' || g_str_equal (text, entity))
    g_clear_pointer (&text, g_free);
  if (g_strcmp0 (*role, text) == 0)
    {
      cardinal_relationship_free (replacement);
      return;
    }
  g_free (*role);
  *role = g_steal_pointer (&text);
  update_relationship (self, replacement, "Change Role");
}

/* Which FK column lists a strategy has: the ones referencing entity1 and entity2. */
static void
columns_shown (const CardinalRelationship *relationship,
               gboolean                   *side1,
               gboolean                   *side2)
{
  *side1 = *side2 = FALSE;
  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      *side1 = relationship->kind != CARDINAL_KIND_MANY_TO_ONE;
      *side2 = relationship->kind == CARDINAL_KIND_MANY_TO_ONE;
      break;
    case CARDINAL_STRATEGY_UNIQUE_FK:
      *side1 = TRUE;
      break;
    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      *side1 = *side2 = TRUE;
      break;
    case CARDINAL_STRATEGY_MERGED:
    case CARDINAL_STRATEGY_SHARED_PK:
    default:
      break;
    }
}

/* The FK columns that reference entity @side as the engineer names them. */
static char *
shown_columns (CardinalInspector          *self,
               const CardinalRelationship *relationship,
               guint                       side)
{
  const CardinalModel *model = cardinal_history_get_model (self->history);
  g_auto(GStrv) names = NULL;

  names = cardinal_engineer_fk_column_names (model, relationship,
                                             side == 1 ? relationship->entity1 : relationship->entity2,
                                             side == 1 ? cardinal_relationship_entity1_role (relationship)
                                                       : cardinal_relationship_entity2_role (relationship));
  return names != NULL ? g_strjoinv (", ", names) : g_strdup ("");
}

static void
commit_columns (CardinalInspector *self,
                guint              side)
{
  CardinalRelationship *replacement = editable_relationship (self);
  g_autofree char *text = NULL;
  g_autofree char *defaults = NULL;
  GStrv *columns;
  GStrv parsed = NULL;

  if (replacement == NULL)
    return;

  text = cardinal_form_editable_text (side == 1 ? self->columns1_row : self->columns2_row);
  columns = side == 1 ? &replacement->entity1_columns : &replacement->entity2_columns;
  g_clear_pointer (columns, g_strfreev);
  defaults = shown_columns (self, replacement, side);
  if (*text != '\0' && !g_str_equal (text, defaults))
    {
      parsed = g_strsplit (text, ",", -1);
      for (guint i = 0; parsed[i] != NULL; i++)
        g_strstrip (parsed[i]);
    }

  {
    const CardinalRelationship *current = current_relationship (self);
    GStrv old = side == 1 ? current->entity1_columns : current->entity2_columns;

    if ((old == NULL && parsed == NULL) ||
        (old != NULL && parsed != NULL && g_strv_equal ((const char * const *) old, (const char * const *) parsed)))
      {
        g_strfreev (parsed);
        cardinal_relationship_free (replacement);
        return;
      }
  }
  *columns = parsed;
  update_relationship (self, replacement, "Rename Foreign Key Columns");
}

static void
commit_link_table (CardinalInspector *self)
{
  CardinalRelationship *replacement = editable_relationship (self);
  g_autofree char *text = NULL;
  g_autofree char *fallback = NULL;

  if (replacement == NULL)
    return;

  text = cardinal_form_editable_text (self->link_table_row);
  g_clear_pointer (&replacement->link_table, g_free);
  fallback = cardinal_relationship_link_table_name (replacement);
  if (*text == '\0' || g_str_equal (text, fallback))
    g_clear_pointer (&text, g_free);

  {
    const CardinalRelationship *current = current_relationship (self);

    if (g_strcmp0 (current->link_table, text) == 0)
      {
        cardinal_relationship_free (replacement);
        set_editable_text (self->link_table_row, fallback);
        return;
      }
  }
  replacement->link_table = g_steal_pointer (&text);
  update_relationship (self, replacement, "Rename Link Table");
}

static void
link_attributes_edited (CardinalAttributeEditor *editor,
                        GPtrArray               *attributes,
                        const char              *label,
                        CardinalInspector       *self)
{
  CardinalRelationship *replacement = editable_relationship (self);
  g_autofree char *link_label = NULL;

  if (replacement == NULL)
    return;

  g_ptr_array_unref (replacement->link_attributes);
  replacement->link_attributes = cardinal_attribute_editor_copy_attributes (attributes);
  /* "Add Attribute" → "Add Link Attribute": the undo menu says which list changed. */
  if (g_str_has_suffix (label, " Attribute"))
    link_label = g_strdup_printf ("%.*s Link Attribute", (int) (strlen (label) - strlen (" Attribute")), label);
  update_relationship (self, replacement, link_label ? link_label : label);
}

/* Entry rows: apply on Enter and on leaving ------------------------------- */

static void
commit_entry (CardinalInspector *self,
              GtkWidget         *row)
{
  if (row == GTK_WIDGET (self->entity_name_row))
    commit_entity_name (self);
  else if (row == GTK_WIDGET (self->entity_comment_row))
    commit_entity_comment (self);
  else if (row == GTK_WIDGET (self->relationship_name_row))
    commit_relationship_name (self);
  else if (row == GTK_WIDGET (self->role1_row))
    commit_role (self, FALSE);
  else if (row == GTK_WIDGET (self->role2_row))
    commit_role (self, TRUE);
  else if (row == GTK_WIDGET (self->link_table_row))
    commit_link_table (self);
  else if (row == GTK_WIDGET (self->columns1_row))
    commit_columns (self, 1);
  else if (row == GTK_WIDGET (self->columns2_row))
    commit_columns (self, 2);
}

static void
entry_activated (GtkWidget         *row,
                 CardinalInspector *self)
{
  commit_entry (self, row);
}

static void
entry_left (GtkEventControllerFocus *controller,
            CardinalInspector       *self)
{
  commit_entry (self, gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
watch_entry (CardinalInspector *self,
             AdwEntryRow       *row)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect (row, "entry-activated", G_CALLBACK (entry_activated), self);
  g_signal_connect (focus, "leave", G_CALLBACK (entry_left), self);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
}

/* Attribute lines: completion and checks ---------------------------------- */

/* The catalogue in the model's dialect, then the model's own enums and domains. */
static GStrv
type_names (const CardinalModel *model)
{
  g_auto(GStrv) catalogue = cardinal_type_names (model->has_dialect ? model->dialect : -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_addv (builder, (const char **) catalogue);
  for (guint i = 0; model->types != NULL && i < model->types->len; i++)
    {
      const CardinalUserType *type = g_ptr_array_index (model->types, i);

      if (type->schema != NULL)
        {
          g_autofree char *qualified = g_strdup_printf ("%s.%s", type->schema, type->name);

          g_strv_builder_add (builder, qualified);
        }
      else
        g_strv_builder_add (builder, type->name);
    }
  return g_strv_builder_end (builder);
}

/* The messages of the errors the validator finds in @model about attribute
 * @attribute of the entity (or relationship's link table) @owner that a line
 * must not bring in: bad names, bad types, bad SQL. */
static GPtrArray *
attribute_errors (const CardinalModel *model,
                  gboolean             link,
                  const char          *owner,
                  const char          *attribute)
{
  static const char * const codes[] = {
    "CARD001", "CARD002", "CARD003", "CARD004", "CARD018", "CARD025", "CARD035", NULL,
  };
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (diagnostic->severity != CARDINAL_SEVERITY_ERROR ||
          diagnostic->object_kind != (link ? CARDINAL_OBJECT_LINK_ATTRIBUTE : CARDINAL_OBJECT_ATTRIBUTE) ||
          g_strcmp0 (link ? diagnostic->relationship : diagnostic->entity, owner) != 0 ||
          g_strcmp0 (diagnostic->attribute, attribute) != 0 ||
          !g_strv_contains (codes, diagnostic->code))
        continue;
      g_ptr_array_add (messages, g_strdup (diagnostic->message));
    }
  return messages;
}

/* An attribute line may not bring in a new error about itself: the
 * validator's message is shown on the line and nothing changes. */
static char *
check_attributes (CardinalInspector *self,
                  GPtrArray         *attributes,
                  guint              index,
                  gboolean           link)
{
  const CardinalModel *model = cardinal_history_get_model (self->history);
  g_autoptr(CardinalModel) changed = cardinal_model_copy (model);
  const CardinalAttribute *attribute = g_ptr_array_index (attributes, index);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  if (link)
    {
      CardinalRelationship *relationship = cardinal_model_find_relationship (changed, self->name);

      if (relationship == NULL)
        return NULL;
      g_ptr_array_unref (relationship->link_attributes);
      relationship->link_attributes = cardinal_attribute_editor_copy_attributes (attributes);
    }
  else
    {
      CardinalEntity *entity = cardinal_model_find_entity (changed, self->name);

      if (entity == NULL)
        return NULL;
      g_ptr_array_unref (entity->attributes);
      entity->attributes = cardinal_attribute_editor_copy_attributes (attributes);
    }

  before = attribute_errors (model, link, self->name, attribute->name);
  after = attribute_errors (changed, link, self->name, attribute->name);
  for (guint i = 0; i < after->len; i++)
    {
      gboolean known = FALSE;

      for (guint j = 0; j < before->len && !known; j++)
        known = g_str_equal (g_ptr_array_index (after, i), g_ptr_array_index (before, j));
      if (!known)
        return g_strdup (g_ptr_array_index (after, i));
    }
  return NULL;
}

static char *
check_entity_attributes (GPtrArray *attributes,
                         guint      index,
                         gpointer   user_data)
{
  CardinalInspector *self = user_data;

  return current_entity (self) ? check_attributes (self, attributes, index, FALSE) : NULL;
}

static char *
check_link_attributes (GPtrArray *attributes,
                       guint      index,
                       gpointer   user_data)
{
  CardinalInspector *self = user_data;

  return current_relationship (self) ? check_attributes (self, attributes, index, TRUE) : NULL;
}

static void
update_type_names (CardinalInspector *self)
{
  g_auto(GStrv) names = type_names (cardinal_history_get_model (self->history));

  cardinal_attribute_editor_set_type_names (self->attributes_editor, (const char * const *) names);
  cardinal_attribute_editor_set_type_names (self->link_attributes_editor, (const char * const *) names);
}

/* Showing the model ------------------------------------------------------- */

static void
sync_entity (CardinalInspector    *self,
             const CardinalEntity *entity)
{
  if (!cardinal_form_holds_focus (GTK_WIDGET (self->entity_name_row)))
    show_error (self->entity_name_error, self->entity_name_row, NULL);
  set_editable_text (self->entity_name_row, entity->name);
  set_editable_text (self->entity_comment_row, entity->comment);
  update_type_names (self);
  cardinal_attribute_editor_set_attributes (self->attributes_editor, entity->attributes);
  cardinal_constraint_editor_set_entity (self->constraints_editor, entity);
  gtk_stack_set_visible_child_name (self->stack, "entity");
}

static void
sync_relationship (CardinalInspector          *self,
                   const CardinalRelationship *relationship)
{
  g_autofree char *ends = NULL;
  g_autofree char *role1_title = NULL;
  g_autofree char *role2_title = NULL;
  g_autofree char *link_table = NULL;
  gboolean has_link;

  if (!cardinal_form_holds_focus (GTK_WIDGET (self->relationship_name_row)))
    show_error (self->relationship_name_error, self->relationship_name_row, NULL);
  set_editable_text (self->relationship_name_row, relationship->name);
  ends = g_strdup_printf ("%s → %s", relationship->entity1, relationship->entity2);
  cardinal_form_set_subtitle (self->ends_row, ends);

  cardinal_relationship_form_set_choices (self->form, relationship);
  cardinal_relationship_form_show (self->form, relationship, TRUE);

  if (g_str_equal (relationship->entity1, relationship->entity2))
    {
      role1_title = g_strdup ("First role");
      role2_title = g_strdup ("Second role");
    }
  else
    {
      g_autofree char *display1 = cardinal_words_display_name (relationship->entity1);
      g_autofree char *display2 = cardinal_words_display_name (relationship->entity2);

      role1_title = g_strdup_printf ("Role of %s", display1);
      role2_title = g_strdup_printf ("Role of %s", display2);
    }
  cardinal_form_set_title (self->role1_row, role1_title);
  cardinal_form_set_title (self->role2_row, role2_title);
  set_editable_text (self->role1_row, relationship->entity1_role);
  set_editable_text (self->role2_row, relationship->entity2_role);

  {
    gboolean side1, side2;
    g_autofree char *columns1 = shown_columns (self, relationship, 1);
    g_autofree char *columns2 = shown_columns (self, relationship, 2);
    g_autofree char *display1 = cardinal_words_display_name (relationship->entity1);
    g_autofree char *display2 = cardinal_words_display_name (relationship->entity2);
    g_autofree char *title1 = g_strdup_printf ("Columns for %s", display1);
    g_autofree char *title2 = g_strdup_printf ("Columns for %s", display2);

    columns_shown (relationship, &side1, &side2);
    gtk_widget_set_visible (GTK_WIDGET (self->columns_group), side1 || side2);
    gtk_widget_set_visible (GTK_WIDGET (self->columns1_row), side1);
    gtk_widget_set_visible (GTK_WIDGET (self->columns2_row), side2);
    cardinal_form_set_title (self->columns1_row, title1);
    cardinal_form_set_title (self->columns2_row, title2);
    set_editable_text (self->columns1_row, columns1);
    set_editable_text (self->columns2_row, columns2);
  }

  has_link = cardinal_strategy_has_link_table (relationship->strategy);
  link_table = cardinal_relationship_link_table_name (relationship);
  gtk_widget_set_visible (GTK_WIDGET (self->link_group), has_link);
  set_editable_text (self->link_table_row, link_table);
  /* Link attributes on a strategy without a link table stay visible so they can be removed. */
  gtk_widget_set_visible (GTK_WIDGET (self->link_attributes_editor),
                          has_link || relationship->link_attributes->len > 0);
  update_type_names (self);
  cardinal_attribute_editor_set_attributes (self->link_attributes_editor, relationship->link_attributes);

  gtk_stack_set_visible_child_name (self->stack, "relationship");
}

static void
cardinal_inspector_sync (CardinalInspector *self)
{
  const CardinalEntity *entity = current_entity (self);
  const CardinalRelationship *relationship = current_relationship (self);

  self->syncing = TRUE;
  if (self->annotation_shown)
    gtk_stack_set_visible_child_name (self->stack, "annotation");
  else if (entity != NULL)
    sync_entity (self, entity);
  else if (relationship != NULL)
    sync_relationship (self, relationship);
  else
    {
      self->shown = SHOWN_NOTHING;
      gtk_stack_set_visible_child_name (self->stack, "empty");
    }
  self->syncing = FALSE;
}

static void
history_changed (CardinalHistory   *history,
                 guint              flags,
                 CardinalInspector *self)
{
  /* Positions are not shown here. */
  if (!cardinal_model_worker_only_moved (flags))
    cardinal_inspector_sync (self);
}

/* GObject -------------------------------------------------------------------- */

static void
cardinal_inspector_dispose (GObject *object)
{
  CardinalInspector *self = CARDINAL_INSPECTOR (object);

  g_clear_object (&self->history_signals);
  g_clear_object (&self->history);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_INSPECTOR);

  G_OBJECT_CLASS (cardinal_inspector_parent_class)->dispose (object);
}

static void
cardinal_inspector_finalize (GObject *object)
{
  CardinalInspector *self = CARDINAL_INSPECTOR (object);

  g_free (self->name);

  G_OBJECT_CLASS (cardinal_inspector_parent_class)->finalize (object);
}

static void
cardinal_inspector_class_init (CardinalInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_inspector_dispose;
  object_class->finalize = cardinal_inspector_finalize;

  g_type_ensure (CARDINAL_TYPE_ATTRIBUTE_EDITOR);
  g_type_ensure (CARDINAL_TYPE_CONSTRAINT_EDITOR);
  g_type_ensure (CARDINAL_TYPE_RELATIONSHIP_FORM);
  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, entity_name_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, entity_name_error);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, entity_comment_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, attributes_editor);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, relationship_name_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, relationship_name_error);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, ends_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, form);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, roles_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, role1_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, role2_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, constraints_editor);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, columns_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, columns1_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, columns2_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, link_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, link_table_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalInspector, link_attributes_editor);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardinal-inspector");
}

static void
cardinal_inspector_init (CardinalInspector *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect (self->history_signals, "changed", G_CALLBACK (history_changed), self);
  g_signal_connect (self->form, "answer-changed", G_CALLBACK (answer_changed), self);
  g_signal_connect (self->form, "strategy-chosen", G_CALLBACK (strategy_chosen), self);

  /* Names may hold underscores: these titles are set from the model, never as mnemonics. */
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->role1_row), FALSE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->role2_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->role1_row), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->role2_row), FALSE);

  watch_entry (self, self->entity_name_row);
  watch_entry (self, self->entity_comment_row);
  watch_entry (self, self->relationship_name_row);
  watch_entry (self, self->role1_row);
  watch_entry (self, self->role2_row);
  watch_entry (self, self->link_table_row);
  watch_entry (self, self->columns1_row);
  watch_entry (self, self->columns2_row);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->columns1_row), FALSE);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->columns2_row), FALSE);
  g_signal_connect (self->constraints_editor, "edit", G_CALLBACK (constraints_edited), self);
  g_signal_connect (self->attributes_editor, "edit", G_CALLBACK (attributes_edited), self);
  g_signal_connect (self->link_attributes_editor, "edit", G_CALLBACK (link_attributes_edited), self);

  cardinal_attribute_editor_set_title (self->attributes_editor, "Attributes", NULL);
  cardinal_attribute_editor_set_title (self->link_attributes_editor, "Link Attributes",
                                       "Columns of the link table itself, such as when a link was made.");
  cardinal_attribute_editor_set_allow_primary_key (self->link_attributes_editor, FALSE);
  cardinal_attribute_editor_set_check (self->attributes_editor, check_entity_attributes, self);
  cardinal_attribute_editor_set_check (self->link_attributes_editor, check_link_attributes, self);

  self->annotation = CARDINAL_ANNOTATION_EDITOR (cardinal_annotation_editor_new ());
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->annotation), "annotation");

  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Public API ------------------------------------------------------------------ */

GtkWidget *
cardinal_inspector_new (void)
{
  return g_object_new (CARDINAL_TYPE_INSPECTOR, NULL);
}

void
cardinal_inspector_set_history (CardinalInspector *self,
                                CardinalHistory   *history)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  if (!g_set_object (&self->history, history))
    return;

  g_signal_group_set_target (self->history_signals, history);
  cardinal_annotation_editor_set_history (self->annotation, history);
  self->annotation_shown = FALSE;

  self->shown = SHOWN_NOTHING;
  cardinal_inspector_sync (self);
}

static void
show_object (CardinalInspector *self,
             Shown              shown,
             const char        *name)
{
  const CardinalModel *model;

  cardinal_annotation_editor_flush (self->annotation);
  self->annotation_shown = FALSE;
  /* Another object: nothing half-typed or opened for the last one carries over. */
  if (self->shown != shown || g_strcmp0 (self->name, name) != 0)
    {
      cardinal_attribute_editor_reset (self->attributes_editor);
      cardinal_attribute_editor_reset (self->link_attributes_editor);
    }
  g_free (self->name);
  self->name = g_strdup (name);
  self->shown = name != NULL && self->history != NULL ? shown : SHOWN_NOTHING;
  self->index = 0;
  self->count = G_MAXUINT;  /* until found by name, no fallback by position */
  if (self->shown != SHOWN_NOTHING)
    {
      model = cardinal_history_get_model (self->history);
      self->count = shown == SHOWN_ENTITY ? model->entities->len : model->relationships->len;
      self->index = self->count;
    }
  cardinal_inspector_sync (self);
}

void
cardinal_inspector_show_entity (CardinalInspector *self,
                                const char        *name)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));

  show_object (self, SHOWN_ENTITY, name);
}

void
cardinal_inspector_show_relationship (CardinalInspector *self,
                                      const char        *name)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));

  show_object (self, SHOWN_RELATIONSHIP, name);
}

/* Format 3: the note or group page. */
void
cardinal_inspector_show_note (CardinalInspector *self,
                              guint              index)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));

  show_object (self, SHOWN_NOTHING, NULL);
  cardinal_annotation_editor_show_note (self->annotation, index);
  self->annotation_shown = TRUE;
  cardinal_inspector_sync (self);
}

void
cardinal_inspector_edit_note (CardinalInspector *self,
                              guint              index)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));

  cardinal_inspector_show_note (self, index);
  cardinal_annotation_editor_focus_text (self->annotation);
}

void
cardinal_inspector_show_group (CardinalInspector *self,
                               const char        *name)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));

  show_object (self, SHOWN_NOTHING, NULL);
  cardinal_annotation_editor_show_group (self->annotation, name);
  self->annotation_shown = TRUE;
  cardinal_inspector_sync (self);
}

/* Several objects selected: a page of its own (cardinal-selection-summary.c),
 * made the first time it is needed. */
void
cardinal_inspector_show_selection (CardinalInspector  *self,
                                   const char * const *entities,
                                   const char * const *relationships)
{
  GtkWidget *summary;

  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));

  show_object (self, SHOWN_NOTHING, NULL);
  summary = gtk_stack_get_child_by_name (self->stack, "selection");
  if (summary == NULL)
    {
      summary = cardinal_selection_summary_new ();
      gtk_stack_add_named (self->stack, summary, "selection");
    }
  cardinal_selection_summary_set (CARDINAL_SELECTION_SUMMARY (summary), entities, relationships);
  gtk_stack_set_visible_child (self->stack, summary);
}

void
cardinal_inspector_edit_attribute (CardinalInspector *self,
                                   const char        *entity,
                                   const char        *attribute)
{
  g_return_if_fail (CARDINAL_IS_INSPECTOR (self));
  g_return_if_fail (entity != NULL);

  if (self->shown != SHOWN_ENTITY || g_strcmp0 (self->name, entity) != 0)
    show_object (self, SHOWN_ENTITY, entity);
  if (current_entity (self) == NULL)
    return;
  cardinal_attribute_editor_focus_attribute (self->attributes_editor, attribute);
}

/* Test accessors ------------------------------------------------------------- */

const char *
cardinal_inspector_get_page (CardinalInspector *self)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

CardinalAttributeEditor *
cardinal_inspector_get_attribute_editor (CardinalInspector *self)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return self->attributes_editor;
}

CardinalAttributeEditor *
cardinal_inspector_get_link_attribute_editor (CardinalInspector *self)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return self->link_attributes_editor;
}

GtkEditable *
cardinal_inspector_get_name_editable (CardinalInspector *self)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return GTK_EDITABLE (self->shown == SHOWN_RELATIONSHIP ? self->relationship_name_row : self->entity_name_row);
}

const char *
cardinal_inspector_get_name_error (CardinalInspector *self)
{
  GtkLabel *label;

  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  label = self->shown == SHOWN_RELATIONSHIP ? self->relationship_name_error : self->entity_name_error;
  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

GtkToggleButton *
cardinal_inspector_get_answer_button (CardinalInspector *self,
                                      CardinalQuestion   question,
                                      gboolean           yes)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return cardinal_relationship_form_get_answer_button (self->form, question, yes);
}

GtkCheckButton *
cardinal_inspector_get_strategy_button (CardinalInspector *self,
                                        CardinalStrategy   strategy)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return cardinal_relationship_form_get_strategy_button (self->form, strategy);
}

GtkEditable *
cardinal_inspector_get_link_table_editable (CardinalInspector *self)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return GTK_EDITABLE (self->link_table_row);
}

CardinalConstraintEditor *
cardinal_inspector_get_constraint_editor (CardinalInspector *self)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return self->constraints_editor;
}

GtkEditable *
cardinal_inspector_get_columns_editable (CardinalInspector *self,
                                         guint              side)
{
  g_return_val_if_fail (CARDINAL_IS_INSPECTOR (self), NULL);

  return GTK_EDITABLE (side == 1 ? self->columns1_row : self->columns2_row);
}
