/* cardinal-history.c: edits as lists of swaps on the model's arrays, so that undo is the same swap again. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-history.h"

#include <string.h>

#include "cardinal-identifier.h"

#include <math.h>

typedef enum
{
  TARGET_ENTITY,
  TARGET_RELATIONSHIP,
  TARGET_MODEL_NAME,
  TARGET_MODEL,
  /* Format 3 */
  TARGET_NOTE,
  TARGET_GROUP,
} Target;

typedef enum
{
  OP_INSERT,
  OP_REMOVE,
  OP_REPLACE,
} OpKind;

/* @object is what the op holds while it is not in the model: before the
 * first apply, the object to put in; after, what was taken out. Applying and
 * reverting exchange it with the model's, so nothing is ever copied twice. */
typedef struct
{
  Target   target;
  OpKind   kind;
  guint    position;
  gpointer object;
} Op;

typedef struct
{
  guint64              id;
  char                *label;
  GArray              *ops;
  CardinalChangeFlags  flags;
  char                *merge_key;  /* a nudge: which entities it moved; NULL for other edits */
  gint64               time;       /* a nudge: when it last changed, monotonic µs */
} Edit;

struct _CardinalHistory
{
  GObject        parent_instance;

  CardinalModel *model;
  GPtrArray     *undo_stack;  /* of Edit, oldest first */
  GPtrArray     *redo_stack;  /* of Edit, next to redo last */
  guint64        next_id;
  guint64        saved_id;    /* id of the edit on top of the undo stack when saved; 0: none */
  guint64        last_edit_id; /* a new serial for every edit made (also a nudge joined to
                                * the last step); 0 after undo or redo */
  guint64        edit_serial;
};

G_DEFINE_FINAL_TYPE (CardinalHistory, cardinal_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
op_clear (Op *op)
{
  if (op->object == NULL)
    return;

  switch (op->target)
    {
    case TARGET_ENTITY:
      cardinal_entity_free (op->object);
      break;
    case TARGET_RELATIONSHIP:
      cardinal_relationship_free (op->object);
      break;
    case TARGET_MODEL_NAME:
      g_free (op->object);
      break;
    case TARGET_MODEL:
      cardinal_model_free (op->object);
      break;
    case TARGET_NOTE:
      cardinal_note_free (op->object);
      break;
    case TARGET_GROUP:
      cardinal_group_free (op->object);
      break;
    default:
      g_assert_not_reached ();
    }
  op->object = NULL;
}

static Edit *
edit_new (const char *label)
{
  Edit *edit = g_new0 (Edit, 1);

  edit->label = g_strdup (label);
  edit->ops = g_array_new (FALSE, FALSE, sizeof (Op));
  g_array_set_clear_func (edit->ops, (GDestroyNotify) op_clear);
  return edit;
}

static void
edit_free (Edit *edit)
{
  g_free (edit->merge_key);
  g_free (edit->label);
  g_array_unref (edit->ops);
  g_free (edit);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Edit, edit_free)

static void
edit_add (Edit     *edit,
          Target    target,
          OpKind    kind,
          guint     position,
          gpointer  object)
{
  Op op = { target, kind, position, object };

  g_array_append_val (edit->ops, op);
  switch (target)
    {
    case TARGET_ENTITY:
      edit->flags |= CARDINAL_CHANGE_ENTITIES;
      break;
    case TARGET_RELATIONSHIP:
      edit->flags |= CARDINAL_CHANGE_RELATIONSHIPS;
      break;
    case TARGET_MODEL_NAME:
      edit->flags |= CARDINAL_CHANGE_MODEL_NAME;
      break;
    case TARGET_NOTE:
      edit->flags |= CARDINAL_CHANGE_NOTES;
      break;
    case TARGET_GROUP:
      edit->flags |= CARDINAL_CHANGE_GROUPS;
      break;
    case TARGET_MODEL:
    default:
      edit->flags |= CARDINAL_CHANGE_ALL;
      break;
    }
}

static GPtrArray *
target_array (CardinalHistory *self,
              Target           target)
{
  switch (target)
    {
    case TARGET_NOTE:
      return self->model->notes;
    case TARGET_GROUP:
      return self->model->groups;
    case TARGET_ENTITY:
      return self->model->entities;
    default:
      return self->model->relationships;
    }
}

static void
swap_model (CardinalModel *a,
            CardinalModel *b)
{
  CardinalModel tmp = *a;

  *a = *b;
  *b = tmp;
}

/* Forward: insert puts the object in, remove takes it out, replace exchanges. */
static void
op_apply (CardinalHistory *self,
          Op              *op,
          gboolean         forward)
{
  GPtrArray *array;
  gboolean inserting;

  if (op->target == TARGET_MODEL_NAME)
    {
      char *name = self->model->name;

      self->model->name = op->object;
      op->object = name;
      return;
    }
  if (op->target == TARGET_MODEL)
    {
      swap_model (self->model, op->object);
      return;
    }

  array = target_array (self, op->target);
  if (op->kind == OP_REPLACE)
    {
      gpointer current = g_ptr_array_index (array, op->position);

      array->pdata[op->position] = op->object;
      op->object = current;
      return;
    }

  inserting = (op->kind == OP_INSERT) == forward;
  if (inserting)
    {
      g_ptr_array_insert (array, op->position, op->object);
      op->object = NULL;
    }
  else
    op->object = g_ptr_array_steal_index (array, op->position);
}

static void
edit_apply (CardinalHistory *self,
            Edit            *edit,
            gboolean         forward)
{
  if (forward)
    for (guint i = 0; i < edit->ops->len; i++)
      op_apply (self, &g_array_index (edit->ops, Op, i), TRUE);
  else
    for (guint i = edit->ops->len; i > 0; i--)
      op_apply (self, &g_array_index (edit->ops, Op, i - 1), FALSE);
}

static guint64
top_id (CardinalHistory *self)
{
  if (self->undo_stack->len == 0)
    return 0;
  return ((Edit *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->id;
}

typedef struct
{
  gboolean  can_undo;
  gboolean  can_redo;
  char     *undo_label;
  char     *redo_label;
  gboolean  modified;
} State;

static void
state_capture (CardinalHistory *self,
               State           *state)
{
  state->can_undo = cardinal_history_can_undo (self);
  state->can_redo = cardinal_history_can_redo (self);
  state->undo_label = g_strdup (cardinal_history_get_undo_label (self));
  state->redo_label = g_strdup (cardinal_history_get_redo_label (self));
  state->modified = cardinal_history_get_modified (self);
}

/* Notifies only what changed, so bound widgets don't redo work on every edit. */
static void
state_notify (CardinalHistory *self,
              State           *before)
{
  State after;

  state_capture (self, &after);
  g_object_freeze_notify (G_OBJECT (self));
  if (before->can_undo != after.can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before->can_redo != after.can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  if (g_strcmp0 (before->undo_label, after.undo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
  if (g_strcmp0 (before->redo_label, after.redo_label) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
  if (before->modified != after.modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  g_object_thaw_notify (G_OBJECT (self));

  g_free (before->undo_label);
  g_free (before->redo_label);
  g_free (after.undo_label);
  g_free (after.redo_label);
}

static void
commit (CardinalHistory *self,
        Edit            *edit)
{
  State before;

  state_capture (self, &before);
  edit->id = ++self->next_id;
  edit_apply (self, edit, TRUE);
  /* New entities, attributes and relationships get their stable ids here
   * (DESIGN.md §7); the objects keep them through undo and redo. */
  cardinal_model_assign_ids (self->model);
  g_ptr_array_add (self->undo_stack, edit);
  /* A new edit makes the redo branch unreachable, and with it any saved state there. */
  g_ptr_array_set_size (self->redo_stack, 0);
  self->last_edit_id = ++self->edit_serial;

  g_signal_emit (self, signals[CHANGED], 0, edit->flags);
  state_notify (self, &before);
}

/* Most edits are one operation: committed as one step. */
static gboolean
commit_one (CardinalHistory *self,
            const char      *label,
            Target           target,
            OpKind           kind,
            guint            position,
            gpointer         object)
{
  Edit *edit = edit_new (label);

  edit_add (edit, target, kind, position, object);
  commit (self, edit);
  return TRUE;
}

static void
cardinal_history_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CardinalHistory *self = CARDINAL_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, cardinal_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, cardinal_history_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, cardinal_history_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, cardinal_history_get_redo_label (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, cardinal_history_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_history_finalize (GObject *object)
{
  CardinalHistory *self = CARDINAL_HISTORY (object);

  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->model, cardinal_model_free);

  G_OBJECT_CLASS (cardinal_history_parent_class)->finalize (object);
}

static void
cardinal_history_class_init (CardinalHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cardinal_history_get_property;
  object_class->finalize = cardinal_history_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* changed (CardinalChangeFlags flags): the model is already in its new state. */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
cardinal_history_init (CardinalHistory *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) edit_free);
}

CardinalHistory *
cardinal_history_new (CardinalModel *model)
{
  CardinalHistory *self;

  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (CARDINAL_TYPE_HISTORY, NULL);
  self->model = model;
  cardinal_model_assign_ids (model);
  return self;
}

const CardinalModel *
cardinal_history_get_model (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), NULL);

  return self->model;
}

gboolean
cardinal_history_can_undo (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
cardinal_history_can_redo (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return self->redo_stack->len > 0;
}

const char *
cardinal_history_get_undo_label (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), NULL);

  if (self->undo_stack->len == 0)
    return NULL;
  return ((Edit *) g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1))->label;
}

const char *
cardinal_history_get_redo_label (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), NULL);

  if (self->redo_stack->len == 0)
    return NULL;
  return ((Edit *) g_ptr_array_index (self->redo_stack, self->redo_stack->len - 1))->label;
}

static gboolean
move_edit (CardinalHistory *self,
           GPtrArray       *from,
           GPtrArray       *to,
           gboolean         forward)
{
  Edit *edit;
  State before;

  if (from->len == 0)
    return FALSE;

  state_capture (self, &before);
  edit = g_ptr_array_steal_index (from, from->len - 1);
  edit_apply (self, edit, forward);
  self->last_edit_id = 0;
  g_ptr_array_add (to, edit);

  g_signal_emit (self, signals[CHANGED], 0, edit->flags);
  state_notify (self, &before);
  return TRUE;
}

gboolean
cardinal_history_undo (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return move_edit (self, self->undo_stack, self->redo_stack, FALSE);
}

gboolean
cardinal_history_redo (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return move_edit (self, self->redo_stack, self->undo_stack, TRUE);
}

gboolean
cardinal_history_get_modified (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return top_id (self) != self->saved_id;
}

void
cardinal_history_mark_saved (CardinalHistory *self)
{
  State before;

  g_return_if_fail (CARDINAL_IS_HISTORY (self));

  state_capture (self, &before);
  self->saved_id = top_id (self);
  state_notify (self, &before);
}

/* Lookups -------------------------------------------------------------- */

static int
find_index (GPtrArray  *array,
            const char *name,
            gboolean    entities)
{
  for (guint i = 0; i < array->len; i++)
    {
      const char *candidate = entities
        ? ((CardinalEntity *) g_ptr_array_index (array, i))->name
        : ((CardinalRelationship *) g_ptr_array_index (array, i))->name;

      if (g_str_equal (candidate, name))
        return (int) i;
    }
  return -1;
}

static gboolean
check_new_name (CardinalHistory  *self,
                const char       *name,
                gboolean          entities,
                int               except,
                GError          **error)
{
  GPtrArray *array = entities ? self->model->entities : self->model->relationships;
  const char *what = entities ? "entity" : "relationship";
  const char *problem = cardinal_identifier_problem (name);

  if (problem != NULL)
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                   "The %s name %s", what, problem);
      return FALSE;
    }
  if (cardinal_model_name_taken (self->model, entities ? CARDINAL_NAME_ENTITY : CARDINAL_NAME_RELATIONSHIP, name,
                                 except >= 0 ? g_ptr_array_index (array, except) : NULL))
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_EXISTS,
                   "There is already an %s named “%s”", what, name);
      return FALSE;
    }
  return TRUE;
}

static int
require_entity (CardinalHistory  *self,
                const char       *name,
                GError          **error)
{
  int index = name ? find_index (self->model->entities, name, TRUE) : -1;

  if (index < 0)
    g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND,
                 "There is no entity named “%s”", name ? name : "");
  return index;
}

static int
require_relationship (CardinalHistory  *self,
                      const char       *name,
                      GError          **error)
{
  int index = name ? find_index (self->model->relationships, name, FALSE) : -1;

  if (index < 0)
    g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND,
                 "There is no relationship named “%s”", name ? name : "");
  return index;
}

/* Edits ------------------------------------------------------------------ */

/* replace_string () is GLib 2.76; Debian 12 has 2.74. */
static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

gboolean
cardinal_history_add_entity (CardinalHistory  *self,
                             CardinalEntity   *entity,
                             GError          **error)
{
  g_autoptr(CardinalEntity) owned = entity;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (entity != NULL, FALSE);

  if (!check_new_name (self, entity->name, TRUE, -1, error))
    return FALSE;

  return commit_one (self, "Add Entity",
                     TARGET_ENTITY, OP_INSERT, self->model->entities->len, g_steal_pointer (&owned));
}

/* Adds replacements for every relationship naming @old_name so they name @new_name. */
static void
carry_rename (CardinalHistory *self,
              Edit            *edit,
              const char      *old_name,
              const char      *new_name)
{
  for (guint i = 0; i < self->model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (self->model->relationships, i);
      CardinalRelationship *renamed;

      if (!g_str_equal (relationship->entity1, old_name) && !g_str_equal (relationship->entity2, old_name))
        continue;

      renamed = cardinal_relationship_copy (relationship);
      if (g_str_equal (renamed->entity1, old_name))
        replace_string (&renamed->entity1, new_name);
      if (g_str_equal (renamed->entity2, old_name))
        replace_string (&renamed->entity2, new_name);
      edit_add (edit, TARGET_RELATIONSHIP, OP_REPLACE, i, renamed);
    }
}

static void carry_rename_into_groups (CardinalHistory *self,
                                      Edit            *edit,
                                      const char      *old_name,
                                      const char      *new_name);
static void carry_removal_from_groups (CardinalHistory *self,
                                       Edit            *edit,
                                       GHashTable      *doomed_entities);

/* A replacement built from scratch rather than copied keeps the stable ids
 * of what it replaces: the entity's, and its attributes' by name. */
static void
inherit_attribute_ids (GPtrArray *attributes,
                       GPtrArray *current)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      if (attribute->id != NULL)
        continue;
      for (guint k = 0; k < current->len; k++)
        {
          const CardinalAttribute *old = g_ptr_array_index (current, k);

          if (g_str_equal (old->name, attribute->name))
            {
              attribute->id = g_strdup (old->id);
              break;
            }
        }
    }
}

static void
inherit_entity_ids (CardinalEntity       *replacement,
                    const CardinalEntity *current)
{
  if (replacement->id == NULL)
    replacement->id = g_strdup (current->id);
  inherit_attribute_ids (replacement->attributes, current->attributes);
}

static void
inherit_relationship_ids (CardinalRelationship       *replacement,
                          const CardinalRelationship *current)
{
  if (replacement->id == NULL)
    replacement->id = g_strdup (current->id);
  inherit_attribute_ids (replacement->link_attributes, current->link_attributes);
}

gboolean
cardinal_history_update_entity (CardinalHistory  *self,
                                const char       *name,
                                CardinalEntity   *replacement,
                                const char       *label,
                                GError          **error)
{
  g_autoptr(CardinalEntity) owned = replacement;
  CardinalEntity *current;
  Edit *edit;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (replacement != NULL, FALSE);

  index = require_entity (self, name, error);
  if (index < 0)
    return FALSE;
  current = g_ptr_array_index (self->model->entities, index);
  if (!g_str_equal (current->name, replacement->name) &&
      !check_new_name (self, replacement->name, TRUE, index, error))
    return FALSE;

  inherit_entity_ids (replacement, current);
  edit = edit_new (label ? label : "Change Entity");
  if (!g_str_equal (current->name, replacement->name))
    {
      carry_rename (self, edit, current->name, replacement->name);
      carry_rename_into_groups (self, edit, current->name, replacement->name);
    }
  edit_add (edit, TARGET_ENTITY, OP_REPLACE, index, g_steal_pointer (&owned));
  commit (self, edit);
  return TRUE;
}

gboolean
cardinal_history_rename_entity (CardinalHistory  *self,
                                const char       *name,
                                const char       *new_name,
                                GError          **error)
{
  CardinalEntity *renamed;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);

  index = require_entity (self, name, error);
  if (index < 0)
    return FALSE;

  renamed = cardinal_entity_copy (g_ptr_array_index (self->model->entities, index));
  replace_string (&renamed->name, new_name);
  return cardinal_history_update_entity (self, name, renamed, "Rename Entity", error);
}

/* The edit that moves @names to @x, @y: NULL with @error when a name is not
 * an entity; without ops when nothing moves. */
static Edit *
move_edit_new (CardinalHistory     *self,
               const char * const  *names,
               const double        *x,
               const double        *y,
               GError             **error)
{
  g_autoptr(Edit) edit = NULL;
  g_autoptr(GHashTable) positions = NULL;

  /* Index by name once: a drag can move thousands of entities. */
  positions = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_insert (positions, (gpointer) names[i], GUINT_TO_POINTER (i + 1));

  edit = edit_new ("Move Entities");
  for (guint i = 0; i < self->model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (self->model->entities, i);
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (positions, entity->name));
      CardinalEntity *moved;

      if (slot == 0)
        continue;
      g_hash_table_remove (positions, entity->name);
      if (entity->x == x[slot - 1] && entity->y == y[slot - 1])
        continue;

      moved = cardinal_entity_copy (entity);
      moved->x = x[slot - 1];
      moved->y = y[slot - 1];
      edit_add (edit, TARGET_ENTITY, OP_REPLACE, i, moved);
    }

  if (g_hash_table_size (positions) > 0)
    {
      GHashTableIter iter;
      gpointer missing;

      g_hash_table_iter_init (&iter, positions);
      g_hash_table_iter_next (&iter, &missing, NULL);
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND,
                   "There is no entity named “%s”", (const char *) missing);
      return NULL;
    }
  edit->flags = CARDINAL_CHANGE_ENTITIES | CARDINAL_CHANGE_POSITIONS;
  return g_steal_pointer (&edit);
}

/* Commits @edit, moves made by move_edit_new (NULL: refused), under @label
 * (NULL: its own); when nothing moved, there is no step to undo. */
static gboolean
commit_moves (CardinalHistory *self,
              Edit            *edit,
              const char      *label)
{
  if (edit == NULL)
    return FALSE;
  if (edit->ops->len == 0)
    {
      edit_free (edit);
      return TRUE;
    }
  if (label != NULL)
    {
      g_free (edit->label);
      edit->label = g_strdup (label);
    }
  commit (self, edit);
  return TRUE;
}

gboolean
cardinal_history_move_entities (CardinalHistory     *self,
                                const char * const  *names,
                                const double        *x,
                                const double        *y,
                                GError             **error)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (names != NULL && x != NULL && y != NULL, FALSE);

  return commit_moves (self, move_edit_new (self, names, x, y, error), NULL);
}

gboolean
cardinal_history_move_entities_with_last (CardinalHistory     *self,
                                          const char * const  *names,
                                          const double        *x,
                                          const double        *y,
                                          GError             **error)
{
  g_autoptr(Edit) moves = NULL;
  g_autoptr(GHashTable) positions = NULL;
  Edit *last;
  State before;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (names != NULL && x != NULL && y != NULL, FALSE);

  last = self->undo_stack->len > 0 ? g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) : NULL;
  /* Not onto the saved state either: it must stay the state it names. */
  if (self->last_edit_id == 0 || last == NULL || last->id == self->saved_id)
    {
      g_set_error_literal (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                           "There is no edit to add the moves to");
      return FALSE;
    }

  positions = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; names[i] != NULL; i++)
    g_hash_table_insert (positions, (gpointer) names[i], GUINT_TO_POINTER (i + 1));
  moves = edit_new (NULL);
  for (guint i = 0; i < self->model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (self->model->entities, i);
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (positions, entity->name));
      CardinalEntity *moved;

      if (slot == 0 || (entity->x == x[slot - 1] && entity->y == y[slot - 1]))
        continue;
      moved = cardinal_entity_copy (entity);
      moved->x = x[slot - 1];
      moved->y = y[slot - 1];
      edit_add (moves, TARGET_ENTITY, OP_REPLACE, i, moved);
    }
  if (moves->ops->len == 0)
    return TRUE;

  /* Applied now and kept at the end of the last edit: undoing it reverts
   * them first, then the edit itself. */
  state_capture (self, &before);
  edit_apply (self, moves, TRUE);
  for (guint i = 0; i < moves->ops->len; i++)
    g_array_append_val (last->ops, g_array_index (moves->ops, Op, i));
  g_array_set_clear_func (moves->ops, NULL);
  last->flags |= CARDINAL_CHANGE_ENTITIES | CARDINAL_CHANGE_POSITIONS;
  g_signal_emit (self, signals[CHANGED], 0, CARDINAL_CHANGE_ENTITIES | CARDINAL_CHANGE_POSITIONS);
  state_notify (self, &before);
  return TRUE;
}

guint64
cardinal_history_get_last_edit_id (CardinalHistory *self)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), 0);

  return self->last_edit_id;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The same set of names gives the same key, in any order. */
static char *
nudge_key (const char * const *names)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  GString *key = g_string_new ("nudge");

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) names[i]);
  g_ptr_array_sort (sorted, compare_names);
  for (guint i = 0; i < sorted->len; i++)
    {
      g_string_append_c (key, '\n');
      g_string_append (key, g_ptr_array_index (sorted, i));
    }
  return g_string_free (key, FALSE);
}

gboolean
cardinal_history_nudge_entities_at (CardinalHistory     *self,
                                    const char * const  *names,
                                    const double        *x,
                                    const double        *y,
                                    gint64               now,
                                    GError             **error)
{
  g_autofree char *key = NULL;
  Edit *edit;
  Edit *top;
  State before;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (names != NULL && x != NULL && y != NULL, FALSE);

  edit = move_edit_new (self, names, x, y, error);
  if (edit == NULL)
    return FALSE;
  if (edit->ops->len == 0)
    {
      edit_free (edit);
      return TRUE;
    }
  key = nudge_key (names);
  top = self->undo_stack->len > 0 ? g_ptr_array_index (self->undo_stack, self->undo_stack->len - 1) : NULL;

  /* A new step unless this continues the last one: the same entities, soon
   * after, nothing undone in between, and not the saved state (which must
   * stay the state it names). */
  if (top == NULL || g_strcmp0 (top->merge_key, key) != 0 || now - top->time > CARDINAL_HISTORY_NUDGE_MERGE_USEC
      || now < top->time || self->redo_stack->len > 0 || top->id == self->saved_id)
    {
      edit->merge_key = g_steal_pointer (&key);
      edit->time = now;
      commit (self, edit);
      return TRUE;
    }

  /* Joined: the model takes the new positions; the step keeps the entities
   * as they were before its first nudge, so one undo goes back there. Nothing
   * happened since that step, so positions in the array still match. */
  state_capture (self, &before);
  edit_apply (self, edit, TRUE);
  for (guint i = 0; i < edit->ops->len; i++)
    {
      Op *op = &g_array_index (edit->ops, Op, i);
      gboolean known = FALSE;

      for (guint j = 0; j < top->ops->len && !known; j++)
        {
          Op *old = &g_array_index (top->ops, Op, j);

          known = old->target == op->target && old->position == op->position;
        }
      if (known)
        continue;
      /* First moved in this nudge (an earlier one left it in place): its op joins the step. */
      g_array_append_val (top->ops, *op);
      op->object = NULL;
    }
  top->time = now;
  self->last_edit_id = ++self->edit_serial;
  g_signal_emit (self, signals[CHANGED], 0, edit->flags);
  edit_free (edit);
  state_notify (self, &before);
  return TRUE;
}

gboolean
cardinal_history_nudge_entities (CardinalHistory     *self,
                                 const char * const  *names,
                                 const double        *x,
                                 const double        *y,
                                 GError             **error)
{
  return cardinal_history_nudge_entities_at (self, names, x, y, g_get_monotonic_time (), error);
}

static gboolean
check_relationship_ends (CardinalHistory       *self,
                         CardinalRelationship  *relationship,
                         GError               **error)
{
  return require_entity (self, relationship->entity1, error) >= 0 &&
         require_entity (self, relationship->entity2, error) >= 0;
}

gboolean
cardinal_history_add_relationship (CardinalHistory       *self,
                                   CardinalRelationship  *relationship,
                                   GError               **error)
{
  g_autoptr(CardinalRelationship) owned = relationship;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (relationship != NULL, FALSE);

  if (!check_relationship_ends (self, relationship, error) ||
      !check_new_name (self, relationship->name, FALSE, -1, error))
    return FALSE;

  return commit_one (self, "Add Relationship",
                     TARGET_RELATIONSHIP, OP_INSERT, self->model->relationships->len, g_steal_pointer (&owned));
}

gboolean
cardinal_history_update_relationship (CardinalHistory       *self,
                                      const char            *name,
                                      CardinalRelationship  *replacement,
                                      const char            *label,
                                      GError               **error)
{
  g_autoptr(CardinalRelationship) owned = replacement;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (replacement != NULL, FALSE);

  index = require_relationship (self, name, error);
  if (index < 0 ||
      !check_relationship_ends (self, replacement, error) ||
      !check_new_name (self, replacement->name, FALSE, index, error))
    return FALSE;

  inherit_relationship_ids (replacement, g_ptr_array_index (self->model->relationships, index));
  return commit_one (self, label ? label : "Change Relationship",
                     TARGET_RELATIONSHIP, OP_REPLACE, index, g_steal_pointer (&owned));
}

static gint
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;

  return ia < ib ? 1 : ia > ib ? -1 : 0;
}

gboolean
cardinal_history_remove (CardinalHistory     *self,
                         const char * const  *entity_names,
                         const char * const  *relationship_names,
                         GError             **error)
{
  g_autoptr(GHashTable) doomed_entities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) entity_indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) relationship_indexes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  Edit *edit;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  for (guint i = 0; entity_names != NULL && entity_names[i] != NULL; i++)
    {
      if (require_entity (self, entity_names[i], error) < 0)
        return FALSE;
      g_hash_table_add (doomed_entities, (gpointer) entity_names[i]);
    }
  for (guint i = 0; relationship_names != NULL && relationship_names[i] != NULL; i++)
    {
      if (require_relationship (self, relationship_names[i], error) < 0)
        return FALSE;
      g_hash_table_add (named, (gpointer) relationship_names[i]);
    }

  for (guint i = 0; i < self->model->entities->len; i++)
    if (g_hash_table_contains (doomed_entities, ((CardinalEntity *) g_ptr_array_index (self->model->entities, i))->name))
      g_array_append_val (entity_indexes, i);
  for (guint i = 0; i < self->model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (self->model->relationships, i);

      if (g_hash_table_contains (named, relationship->name) ||
          g_hash_table_contains (doomed_entities, relationship->entity1) ||
          g_hash_table_contains (doomed_entities, relationship->entity2))
        g_array_append_val (relationship_indexes, i);
    }

  if (entity_indexes->len == 0 && relationship_indexes->len == 0)
    return TRUE;

  /* From the end, so each recorded position is still right when it is applied. */
  g_array_sort (entity_indexes, compare_descending);
  g_array_sort (relationship_indexes, compare_descending);

  edit = edit_new ("Delete");
  for (guint i = 0; i < relationship_indexes->len; i++)
    edit_add (edit, TARGET_RELATIONSHIP, OP_REMOVE, g_array_index (relationship_indexes, guint, i), NULL);
  for (guint i = 0; i < entity_indexes->len; i++)
    edit_add (edit, TARGET_ENTITY, OP_REMOVE, g_array_index (entity_indexes, guint, i), NULL);
  carry_removal_from_groups (self, edit, doomed_entities);
  commit (self, edit);
  return TRUE;
}

gboolean
cardinal_history_replace_model (CardinalHistory  *self,
                                CardinalModel    *model,
                                const char       *label,
                                GError          **error)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (model != NULL, FALSE);

  return commit_one (self, label ? label : "Replace Model", TARGET_MODEL, OP_REPLACE, 0, model);
}

gboolean
cardinal_history_set_model_name (CardinalHistory  *self,
                                 const char       *name,
                                 GError          **error)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (g_str_equal (self->model->name, name))
    return TRUE;

  return commit_one (self, "Rename Model", TARGET_MODEL_NAME, OP_REPLACE, 0, g_strdup (name));
}

/* Format 3: notes, groups and colours ------------------------------------ */

/* A member's new name in every group that lists it. */
static void
carry_rename_into_groups (CardinalHistory *self,
                          Edit            *edit,
                          const char      *old_name,
                          const char      *new_name)
{
  for (guint i = 0; i < self->model->groups->len; i++)
    {
      CardinalGroup *group = g_ptr_array_index (self->model->groups, i);
      CardinalGroup *renamed;

      if (!cardinal_group_has_member (group, old_name))
        continue;
      renamed = cardinal_group_copy (group);
      for (guint m = 0; renamed->entities[m] != NULL; m++)
        if (g_str_equal (renamed->entities[m], old_name))
          replace_string (&renamed->entities[m], new_name);
      edit_add (edit, TARGET_GROUP, OP_REPLACE, i, renamed);
    }
}

/* @group without the members @leaving says to drop (a new group, owned). */
static CardinalGroup *
group_without (const CardinalGroup *group,
               GHashTable          *leaving)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  CardinalGroup *copy = cardinal_group_copy (group);

  for (guint m = 0; group->entities[m] != NULL; m++)
    if (!g_hash_table_contains (leaving, group->entities[m]))
      g_strv_builder_add (builder, group->entities[m]);
  g_strfreev (copy->entities);
  copy->entities = g_strv_builder_end (builder);
  return copy;
}

/* Deleted entities leave their groups in the same step, so that undo brings
 * back both. */
static void
carry_removal_from_groups (CardinalHistory *self,
                           Edit            *edit,
                           GHashTable      *doomed_entities)
{
  for (guint i = 0; i < self->model->groups->len; i++)
    {
      CardinalGroup *group = g_ptr_array_index (self->model->groups, i);
      gboolean affected = FALSE;

      for (guint m = 0; group->entities[m] != NULL && !affected; m++)
        affected = g_hash_table_contains (doomed_entities, group->entities[m]);
      if (affected)
        edit_add (edit, TARGET_GROUP, OP_REPLACE, i, group_without (group, doomed_entities));
    }
}

static gboolean
require_note (CardinalHistory  *self,
              guint             index,
              GError          **error)
{
  if (index < self->model->notes->len)
    return TRUE;
  g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND,
               "There is no note %u", index + 1);
  return FALSE;
}

static gboolean
check_note (const CardinalNote  *note,
            GError             **error)
{
  if (note->text == NULL || !isfinite (note->x) || !isfinite (note->y) ||
      !(note->width >= CARDINAL_NOTE_MIN_SIZE) || !(note->height >= CARDINAL_NOTE_MIN_SIZE) ||
      !isfinite (note->width) || !isfinite (note->height))
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                   "A note needs text, a position and a size of at least %g", CARDINAL_NOTE_MIN_SIZE);
      return FALSE;
    }
  return TRUE;
}

gboolean
cardinal_history_add_note (CardinalHistory  *self,
                           CardinalNote     *note,
                           GError          **error)
{
  g_autoptr(CardinalNote) owned = note;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (note != NULL, FALSE);

  if (!check_note (note, error))
    return FALSE;
  return commit_one (self, "Add Note",
                     TARGET_NOTE, OP_INSERT, self->model->notes->len, g_steal_pointer (&owned));
}

gboolean
cardinal_history_update_note (CardinalHistory  *self,
                              guint             index,
                              CardinalNote     *replacement,
                              const char       *label,
                              GError          **error)
{
  g_autoptr(CardinalNote) owned = replacement;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (replacement != NULL, FALSE);

  if (!require_note (self, index, error) || !check_note (replacement, error))
    return FALSE;
  return commit_one (self, label != NULL ? label : "Edit Note",
                     TARGET_NOTE, OP_REPLACE, index, g_steal_pointer (&owned));
}

gboolean
cardinal_history_set_note_text (CardinalHistory  *self,
                                guint             index,
                                const char       *text,
                                GError          **error)
{
  CardinalNote *note;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!require_note (self, index, error))
    return FALSE;
  note = g_ptr_array_index (self->model->notes, index);
  if (g_str_equal (note->text, text))
    return TRUE;
  note = cardinal_note_copy (note);
  replace_string (&note->text, text);
  return cardinal_history_update_note (self, index, note, "Edit Note", error);
}

/* Moving and resizing a note both set two of its numbers (at the offsets
 * @first and @second of CardinalNote) as one step, or none if they are already so. */
static gboolean
set_note_pair (CardinalHistory  *self,
               guint             index,
               gsize             first,
               gsize             second,
               double            a,
               double            b,
               const char       *label,
               GError          **error)
{
  CardinalNote *note;

  if (!require_note (self, index, error))
    return FALSE;
  note = g_ptr_array_index (self->model->notes, index);
  if (G_STRUCT_MEMBER (double, note, first) == a && G_STRUCT_MEMBER (double, note, second) == b)
    return TRUE;
  note = cardinal_note_copy (note);
  G_STRUCT_MEMBER (double, note, first) = a;
  G_STRUCT_MEMBER (double, note, second) = b;
  return cardinal_history_update_note (self, index, note, label, error);
}

gboolean
cardinal_history_move_note (CardinalHistory  *self,
                            guint             index,
                            double            x,
                            double            y,
                            GError          **error)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return set_note_pair (self, index, G_STRUCT_OFFSET (CardinalNote, x), G_STRUCT_OFFSET (CardinalNote, y),
                        x, y, "Move Note", error);
}

gboolean
cardinal_history_resize_note (CardinalHistory  *self,
                              guint             index,
                              double            width,
                              double            height,
                              GError          **error)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  return set_note_pair (self, index, G_STRUCT_OFFSET (CardinalNote, width), G_STRUCT_OFFSET (CardinalNote, height),
                        width, height, "Resize Note", error);
}

gboolean
cardinal_history_remove_note (CardinalHistory  *self,
                              guint             index,
                              GError          **error)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  if (!require_note (self, index, error))
    return FALSE;
  return commit_one (self, "Delete Note", TARGET_NOTE, OP_REMOVE, index, NULL);
}

static gboolean
check_palette_color (const char  *color,
                     GError     **error)
{
  if (color == NULL || cardinal_palette_lookup (color) != NULL)
    return TRUE;
  g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
               "“%s” is not a colour of the palette", color);
  return FALSE;
}

gboolean
cardinal_history_set_entity_color (CardinalHistory  *self,
                                   const char       *entity,
                                   const char       *color,
                                   GError          **error)
{
  CardinalEntity *coloured;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_entity (self, entity, error);
  if (index < 0 || !check_palette_color (color, error))
    return FALSE;
  coloured = g_ptr_array_index (self->model->entities, index);
  if (g_strcmp0 (coloured->color, color) == 0)
    return TRUE;
  coloured = cardinal_entity_copy (coloured);
  replace_string (&coloured->color, color);
  return cardinal_history_update_entity (self, entity, coloured, "Set Colour", error);
}

gboolean
cardinal_history_set_entities_color (CardinalHistory     *self,
                                     const char * const  *entities,
                                     const char          *color,
                                     GError             **error)
{
  g_autoptr(Edit) edit = NULL;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (entities != NULL, FALSE);

  if (!check_palette_color (color, error))
    return FALSE;
  edit = edit_new ("Set Colour");
  for (guint i = 0; entities[i] != NULL; i++)
    {
      int index = require_entity (self, entities[i], error);
      CardinalEntity *coloured;

      if (index < 0)
        return FALSE;
      coloured = g_ptr_array_index (self->model->entities, index);
      if (g_strcmp0 (coloured->color, color) == 0)
        continue;
      coloured = cardinal_entity_copy (coloured);
      replace_string (&coloured->color, color);
      edit_add (edit, TARGET_ENTITY, OP_REPLACE, (guint) index, coloured);
    }
  if (edit->ops->len > 0)
    commit (self, g_steal_pointer (&edit));
  return TRUE;
}

static int
find_group (CardinalHistory *self,
            const char      *name)
{
  for (guint i = 0; name != NULL && i < self->model->groups->len; i++)
    if (g_str_equal (((CardinalGroup *) g_ptr_array_index (self->model->groups, i))->name, name))
      return (int) i;
  return -1;
}

static int
require_group (CardinalHistory  *self,
               const char       *name,
               GError          **error)
{
  int index = find_group (self, name);

  if (index < 0)
    g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND,
                 "There is no group named “%s”", name != NULL ? name : "");
  return index;
}

/* A group's name is a label, not an identifier: any text but blank. */
static gboolean
check_group_name (CardinalHistory  *self,
                  const char       *name,
                  int               except,
                  GError          **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  int existing;

  if (stripped[0] == '\0')
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                   "A group needs a name");
      return FALSE;
    }
  existing = find_group (self, name);
  if (existing >= 0 && existing != except)
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_EXISTS,
                   "There is already a group named “%s”", name);
      return FALSE;
    }
  return TRUE;
}

/* Adds to @edit the removal of @members from every group but @keep (an index
 * or -1): an entity is in one group at most. */
static void
leave_other_groups (CardinalHistory     *self,
                    Edit                *edit,
                    const char * const  *members,
                    int                  keep)
{
  g_autoptr(GHashTable) leaving = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint m = 0; members[m] != NULL; m++)
    g_hash_table_add (leaving, (gpointer) members[m]);
  for (guint i = 0; i < self->model->groups->len; i++)
    {
      CardinalGroup *group = g_ptr_array_index (self->model->groups, i);
      gboolean affected = FALSE;

      if ((int) i == keep)
        continue;
      for (guint m = 0; group->entities[m] != NULL && !affected; m++)
        affected = g_hash_table_contains (leaving, group->entities[m]);
      if (affected)
        edit_add (edit, TARGET_GROUP, OP_REPLACE, i, group_without (group, leaving));
    }
}

gboolean
cardinal_history_add_group (CardinalHistory  *self,
                            CardinalGroup    *group,
                            GError          **error)
{
  g_autoptr(CardinalGroup) owned = group;
  Edit *edit;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (group != NULL && group->entities != NULL, FALSE);

  if (!check_group_name (self, group->name, -1, error) ||
      !check_palette_color (group->color, error))
    return FALSE;
  for (guint m = 0; group->entities[m] != NULL; m++)
    {
      if (require_entity (self, group->entities[m], error) < 0)
        return FALSE;
      for (guint n = 0; n < m; n++)
        if (g_str_equal (group->entities[n], group->entities[m]))
          {
            g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                         "“%s” is listed twice", group->entities[m]);
            return FALSE;
          }
    }

  edit = edit_new ("Create Group");
  leave_other_groups (self, edit, (const char * const *) group->entities, -1);
  edit_add (edit, TARGET_GROUP, OP_INSERT, self->model->groups->len, g_steal_pointer (&owned));
  commit (self, edit);
  return TRUE;
}

gboolean
cardinal_history_add_to_group (CardinalHistory  *self,
                               const char       *group,
                               const char       *entity,
                               GError          **error)
{
  const char *members[] = { entity, NULL };
  CardinalGroup *current, *grown;
  guint n;
  Edit *edit;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_group (self, group, error);
  if (index < 0 || require_entity (self, entity, error) < 0)
    return FALSE;
  current = g_ptr_array_index (self->model->groups, index);
  if (cardinal_group_has_member (current, entity))
    return TRUE;

  grown = cardinal_group_copy (current);
  n = g_strv_length (grown->entities);
  grown->entities = g_renew (char *, grown->entities, n + 2);
  grown->entities[n] = g_strdup (entity);
  grown->entities[n + 1] = NULL;

  edit = edit_new ("Add to Group");
  leave_other_groups (self, edit, members, index);
  edit_add (edit, TARGET_GROUP, OP_REPLACE, index, grown);
  commit (self, edit);
  return TRUE;
}

gboolean
cardinal_history_remove_from_group (CardinalHistory  *self,
                                    const char       *group,
                                    const char       *entity,
                                    GError          **error)
{
  g_autoptr(GHashTable) leaving = g_hash_table_new (g_str_hash, g_str_equal);
  CardinalGroup *current;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_group (self, group, error);
  if (index < 0)
    return FALSE;
  current = g_ptr_array_index (self->model->groups, index);
  if (!cardinal_group_has_member (current, entity))
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND,
                   "“%s” is not in the group “%s”", entity != NULL ? entity : "", group);
      return FALSE;
    }

  g_hash_table_add (leaving, (gpointer) entity);
  return commit_one (self, "Remove from Group",
                     TARGET_GROUP, OP_REPLACE, index, group_without (current, leaving));
}

gboolean
cardinal_history_rename_group (CardinalHistory  *self,
                               const char       *group,
                               const char       *new_name,
                               GError          **error)
{
  CardinalGroup *renamed;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_group (self, group, error);
  if (index < 0 || !check_group_name (self, new_name, index, error))
    return FALSE;
  if (g_str_equal (group, new_name))
    return TRUE;
  renamed = cardinal_group_copy (g_ptr_array_index (self->model->groups, index));
  replace_string (&renamed->name, new_name);
  return commit_one (self, "Rename Group", TARGET_GROUP, OP_REPLACE, index, renamed);
}

gboolean
cardinal_history_set_group_color (CardinalHistory  *self,
                                  const char       *group,
                                  const char       *color,
                                  GError          **error)
{
  CardinalGroup *coloured;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_group (self, group, error);
  if (index < 0 || !check_palette_color (color, error))
    return FALSE;
  coloured = g_ptr_array_index (self->model->groups, index);
  if (g_strcmp0 (coloured->color, color) == 0)
    return TRUE;
  coloured = cardinal_group_copy (coloured);
  replace_string (&coloured->color, color);
  return commit_one (self, "Set Group Colour", TARGET_GROUP, OP_REPLACE, index, coloured);
}

gboolean
cardinal_history_remove_group (CardinalHistory  *self,
                               const char       *group,
                               GError          **error)
{
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_group (self, group, error);
  if (index < 0)
    return FALSE;
  return commit_one (self, "Delete Group", TARGET_GROUP, OP_REMOVE, index, NULL);
}

gboolean
cardinal_history_move_group (CardinalHistory  *self,
                             const char       *group,
                             double            dx,
                             double            dy,
                             GError          **error)
{
  g_autofree double *x = NULL;
  g_autofree double *y = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const CardinalGroup *current;
  int index;

  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), FALSE);

  index = require_group (self, group, error);
  if (index < 0)
    return FALSE;
  current = g_ptr_array_index (self->model->groups, index);
  x = g_new (double, g_strv_length (current->entities) + 1);
  y = g_new (double, g_strv_length (current->entities) + 1);
  /* Members that are not entities (a hand-edited file: CARD037) stay put. */
  for (guint m = 0; current->entities[m] != NULL; m++)
    {
      const CardinalEntity *entity = cardinal_model_find_entity (self->model, current->entities[m]);

      if (entity == NULL)
        continue;
      x[names->len] = entity->x + dx;
      y[names->len] = entity->y + dy;
      g_ptr_array_add (names, entity->name);
    }
  g_ptr_array_add (names, NULL);
  /* No members on the canvas, or no distance: no step. */
  return commit_moves (self, move_edit_new (self, (const char * const *) names->pdata, x, y, error), "Move Group");
}

char *
cardinal_history_unique_group_name (CardinalHistory *self,
                                    const char      *base)
{
  g_return_val_if_fail (CARDINAL_IS_HISTORY (self), NULL);

  if (find_group (self, base) < 0)
    return g_strdup (base);
  for (guint n = 2;; n++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s %u", base, n);

      if (find_group (self, candidate) < 0)
        return g_steal_pointer (&candidate);
    }
}
