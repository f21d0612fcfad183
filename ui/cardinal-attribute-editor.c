/* cardinal-attribute-editor.c: the inspector's list of attributes (of an entity, or a relationship's link attributes). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-attribute-editor.h"

#include <adwaita.h>

#include "cardinal-attribute-row.h"
#include "cardinal-model.h"
#include "cardinal-types.h"
#include "cardinal-form-util.h"

/* The catalogue in CardinalTypeBase order (base - 1), then the way out of it. */
static const char * const type_names[] = {
  "integer", "bigint", "smallint", "text", "varchar", "boolean", "numeric", "real",
  "double", "date", "time", "timestamp", "timestamptz", "uuid", "json", "bytes",
  "other…", NULL,
};
#define TYPE_VARCHAR (CARDINAL_TYPE_VARCHAR - 1)
#define TYPE_NUMERIC (CARDINAL_TYPE_NUMERIC - 1)
#define TYPE_OTHER   (G_N_ELEMENTS (type_names) - 2)

/* Which editor field each field of the line is. */
static const struct
{
  CardinalAttributeField    field;
  CardinalAttributeRowField line;
} line_fields[] = {
  { CARDINAL_ATTRIBUTE_FIELD_NAME,        CARDINAL_ATTRIBUTE_ROW_NAME },
  { CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY,  CARDINAL_ATTRIBUTE_ROW_TYPE },
  { CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY, CARDINAL_ATTRIBUTE_ROW_PRIMARY_KEY },
  { CARDINAL_ATTRIBUTE_FIELD_NOT_NULL,    CARDINAL_ATTRIBUTE_ROW_NOT_NULL },
  { CARDINAL_ATTRIBUTE_FIELD_UNIQUE,      CARDINAL_ATTRIBUTE_ROW_UNIQUE },
  { CARDINAL_ATTRIBUTE_FIELD_DEFAULT,     CARDINAL_ATTRIBUTE_ROW_DEFAULT },
  { CARDINAL_ATTRIBUTE_FIELD_EXPAND,      CARDINAL_ATTRIBUTE_ROW_EXPAND },
};

typedef struct _Row Row;

struct _CardinalAttributeEditor
{
  GtkWidget               parent_instance;

  AdwPreferencesGroup    *group;
  GtkListBox             *list;
  GtkWidget              *add_button;
  GPtrArray              *attributes;     /* of CardinalAttribute, owned copies of what is shown */
  GPtrArray              *rows;           /* of Row, owned by their row widgets */
  Row                    *draft;          /* the empty line after the last attribute */
  char                   *expanded;       /* name of the attribute whose row is open, or NULL */
  GStrv                   completions;    /* type names the type fields complete to */
  CardinalAttributeCheck  check;
  gpointer                check_data;
  gboolean                allow_primary_key;
  gboolean                syncing;        /* widgets set from the model: their handlers stay quiet */
  int                     pending_index;  /* where the focus goes after the next rebuild, or -1 */
  CardinalAttributeField  pending_field;
};

struct _Row
{
  CardinalAttributeEditor *editor;    /* NULL once the row is on its way out */
  guint                    index;
  GtkWidget               *fields[CARDINAL_ATTRIBUTE_N_FIELDS];
  GtkWidget               *autoincrement_row;
  gboolean                 built;     /* the full settings are made on first opening */
};

G_DEFINE_FINAL_TYPE (CardinalAttributeEditor, cardinal_attribute_editor, GTK_TYPE_WIDGET)

enum
{
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void cardinal_attribute_editor_rebuild (CardinalAttributeEditor *self);
static void focus_field (CardinalAttributeEditor *self,
                         guint                    index,
                         CardinalAttributeField   field);

GPtrArray *
cardinal_attribute_editor_copy_attributes (GPtrArray *attributes)
{
  GPtrArray *copy = g_ptr_array_new_full (attributes ? attributes->len : 0,
                                          (GDestroyNotify) cardinal_attribute_free);

  for (guint i = 0; attributes != NULL && i < attributes->len; i++)
    g_ptr_array_add (copy, cardinal_attribute_copy (g_ptr_array_index (attributes, i)));
  return copy;
}

static Row *
row_for (gpointer widget)
{
  return g_object_get_data (G_OBJECT (widget), "cardinal-attribute-row");
}

static CardinalAttributeRow *
row_widget (Row *row)
{
  return CARDINAL_ATTRIBUTE_ROW (row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW]);
}

/* The row still belongs to a live editor that is not being filled in from the model. */
static CardinalAttributeEditor *
row_editor (Row *row)
{
  if (row == NULL || row->editor == NULL || row->editor->syncing)
    return NULL;
  if (row->index >= row->editor->attributes->len)
    return NULL;
  return row->editor;
}

static CardinalAttribute *
row_attribute (Row *row)
{
  return g_ptr_array_index (row->editor->attributes, row->index);
}

/* Hands one change to whoever applies it; @attributes is the whole new list. */
static void
emit_edit (CardinalAttributeEditor *self,
           GPtrArray               *attributes,
           const char              *label)
{
  g_signal_emit (self, signals[EDIT], 0, attributes, label);
}

static void
set_entry_error (GtkWidget  *widget,
                 const char *message)
{
  if (message != NULL)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
  gtk_widget_set_tooltip_text (widget, message);
}

static void
set_editable_text (GtkWidget  *widget,
                   const char *text)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (widget));
  const char *synced = g_object_get_data (G_OBJECT (widget), "cardinal-synced");

  /* Never overwrite what the user is typing (their edit applies on Enter or on
   * leaving); a focused field they have not changed follows the model. */
  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)) &&
      g_strcmp0 (shown, synced) != 0 && g_strcmp0 (shown, text ? text : "") != 0)
    return;
  if (g_strcmp0 (shown, text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (widget), text ? text : "");
  g_object_set_data_full (G_OBJECT (widget), "cardinal-synced", g_strdup (text ? text : ""), g_free);
  set_entry_error (widget, NULL);
}

/* The type text as a position in the catalogue and the text of its parameter. */
static guint
type_position (const char  *text,
               char       **parameter)
{
  CardinalType type;

  if (text == NULL || !cardinal_type_parse (text, &type, NULL) || type.base == CARDINAL_TYPE_RAW)
    {
      *parameter = g_strdup (text ? text : "");
      return TYPE_OTHER;
    }

  if (type.base == CARDINAL_TYPE_VARCHAR)
    *parameter = type.length >= 0 ? g_strdup_printf ("%d", type.length) : g_strdup ("");
  else if (type.base == CARDINAL_TYPE_NUMERIC && type.precision >= 0 && type.scale >= 0)
    *parameter = g_strdup_printf ("%d,%d", type.precision, type.scale);
  else if (type.base == CARDINAL_TYPE_NUMERIC && type.precision >= 0)
    *parameter = g_strdup_printf ("%d", type.precision);
  else
    *parameter = g_strdup ("");
  return type.base - 1;
}

static void
update_parameter_entry (Row   *row,
                        guint  position)
{
  GtkWidget *entry = row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER];

  gtk_widget_set_visible (entry, position == TYPE_VARCHAR || position == TYPE_NUMERIC || position == TYPE_OTHER);
  if (position == TYPE_VARCHAR)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Length");
  else if (position == TYPE_NUMERIC)
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Precision, scale");
  else
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "Type as in SQL");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), position == TYPE_OTHER ? 14 : 7);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  position == TYPE_VARCHAR ? "Length"
                                  : position == TYPE_NUMERIC ? "Precision and scale" : "Type",
                                  -1);
}

static void
set_switch (GtkWidget *widget,
            gboolean   active)
{
  if (gtk_switch_get_active (GTK_SWITCH (widget)) != active)
    gtk_switch_set_active (GTK_SWITCH (widget), active);
}

/* Puts @attribute's values into the full settings of @row; the caller holds syncing. */
static void
sync_fields (CardinalAttributeEditor *self,
             Row                     *row,
             const CardinalAttribute *attribute)
{
  g_autofree char *parameter = NULL;
  guint position = type_position (attribute->type, &parameter);
  GtkDropDown *dropdown = GTK_DROP_DOWN (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE]);
  guint n = self->attributes->len;

  if (gtk_drop_down_get_selected (dropdown) != position)
    gtk_drop_down_set_selected (dropdown, position);
  update_parameter_entry (row, position);
  set_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER], parameter);

  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_INDEX], attribute->index);
  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT], attribute->autoincrement);
  /* Only a key column can count itself up. */
  gtk_widget_set_sensitive (row->autoincrement_row, attribute->primary_key || attribute->autoincrement);
  gtk_widget_set_visible (row->autoincrement_row, self->allow_primary_key || attribute->autoincrement);

  set_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT], attribute->comment);

  gtk_widget_set_sensitive (row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_UP], row->index > 0);
  gtk_widget_set_sensitive (row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN], row->index + 1 < n);
}

static void row_build (Row *row);

/* Makes the full settings of @row, filled in, if that is not done yet. */
static void
ensure_built (CardinalAttributeEditor *self,
              Row                     *row)
{
  gboolean was_syncing = self->syncing;

  if (row->built || row->index >= self->attributes->len)
    return;
  row_build (row);
  self->syncing = TRUE;
  sync_fields (self, row, g_ptr_array_index (self->attributes, row->index));
  self->syncing = was_syncing;
}

/* Puts @attribute into @row: the line always, the full settings once made; the caller holds syncing. */
static void
sync_row (CardinalAttributeEditor *self,
          Row                     *row,
          const CardinalAttribute *attribute)
{
  gboolean expanded = g_strcmp0 (self->expanded, attribute->name) == 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row_widget (row)), attribute->name);
  cardinal_attribute_row_set_attribute (row_widget (row), attribute);

  if (row->built)
    sync_fields (self, row, attribute);
  else if (expanded)
    ensure_built (self, row);

  /* The open row follows its attribute when the list is reordered. */
  if (cardinal_attribute_row_get_expanded (row_widget (row)) != expanded)
    cardinal_attribute_row_set_expanded (row_widget (row), expanded);
}

/* The line --------------------------------------------------------------- */

/* Whether the line's part of two attributes is the same. */
static gboolean
line_equal (const CardinalAttribute *a,
            const CardinalAttribute *b)
{
  return g_str_equal (a->name, b->name) && g_str_equal (a->type, b->type) &&
         a->primary_key == b->primary_key && a->nullable == b->nullable &&
         a->unique == b->unique && a->autoincrement == b->autoincrement &&
         g_strcmp0 (a->default_value, b->default_value) == 0;
}

/* What the undo menu calls a line's change: the one thing changed, or the attribute. */
static const char *
change_label (const CardinalAttribute *a,
              const CardinalAttribute *b)
{
  const char *label = NULL;
  guint changes = 0;

  if (!g_str_equal (a->name, b->name))
    {
      changes++;
      label = "Rename Attribute";
    }
  if (!g_str_equal (a->type, b->type))
    {
      changes++;
      label = "Change Type";
    }
  if (a->primary_key != b->primary_key)
    {
      changes++;
      label = "Change Primary Key";
    }
  /* Turning the key on takes not null with it: still the key's change. */
  if (a->nullable != b->nullable && !(a->primary_key != b->primary_key && !b->nullable))
    {
      changes++;
      label = "Change Not Null";
    }
  if (a->unique != b->unique)
    {
      changes++;
      label = "Change Unique";
    }
  if (g_strcmp0 (a->default_value, b->default_value) != 0)
    {
      changes++;
      label = "Change Default";
    }
  return changes == 1 ? label : "Change Attribute";
}

/* Applies what the line of @row shows as one step: a new attribute from the
 * empty line, or the changed one. @move_on (Enter) then puts the focus on the
 * empty line, ready for the next attribute. */
static void
commit_line (Row      *row,
             gboolean  move_on)
{
  CardinalAttributeEditor *self = row->editor;
  CardinalAttributeRow *line = row_widget (row);
  gboolean is_new;
  const CardinalAttribute *current = NULL;
  g_autoptr(CardinalAttribute) attribute = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree char *problem = NULL;
  CardinalAttributeRowField at = CARDINAL_ATTRIBUTE_ROW_NAME;
  const char *label;
  const char *taken;
  guint before;

  if (self == NULL || self->syncing)
    return;
  is_new = row == self->draft;
  /* The empty line becomes an attribute on Enter only: a toggle or the focus
   * leaving keeps what is typed there. */
  if (is_new && !move_on)
    return;
  if (is_new && !cardinal_attribute_row_is_modified (line))
    return;
  if (!is_new)
    {
      if (row->index >= self->attributes->len)
        return;
      current = g_ptr_array_index (self->attributes, row->index);
    }

  attribute = cardinal_attribute_row_read (line, current, &at, &problem);
  if (attribute == NULL)
    {
      cardinal_attribute_row_set_error (line, at, problem);
      return;
    }
  taken = cardinal_attributes_name_taken (self->attributes, attribute->name, current);
  if (taken != NULL)
    {
      g_autofree char *message = g_strdup_printf ("There is already an attribute named “%s”", taken);

      cardinal_attribute_row_set_error (line, CARDINAL_ATTRIBUTE_ROW_NAME, message);
      return;
    }

  if (current != NULL && line_equal (current, attribute))
    {
      cardinal_attribute_row_set_error (line, CARDINAL_ATTRIBUTE_ROW_N_FIELDS, NULL);
      cardinal_attribute_row_revert (line);
      if (move_on)
        focus_field (self, self->attributes->len, CARDINAL_ATTRIBUTE_FIELD_NAME);
      return;
    }

  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  if (is_new)
    g_ptr_array_add (attributes, g_steal_pointer (&attribute));
  else
    {
      /* The open row stays open under its new name. */
      if (g_strcmp0 (self->expanded, current->name) == 0)
        {
          g_free (self->expanded);
          self->expanded = g_strdup (attribute->name);
        }
      cardinal_attribute_free (attributes->pdata[row->index]);
      attributes->pdata[row->index] = g_steal_pointer (&attribute);
    }

  if (self->check != NULL)
    problem = self->check (attributes, is_new ? attributes->len - 1 : row->index, self->check_data);
  if (problem != NULL)
    {
      cardinal_attribute_row_set_error (line, CARDINAL_ATTRIBUTE_ROW_N_FIELDS, problem);
      return;
    }
  cardinal_attribute_row_set_error (line, CARDINAL_ATTRIBUTE_ROW_N_FIELDS, NULL);

  label = is_new ? "Add Attribute" : change_label (current, attributes->pdata[row->index]);
  before = self->attributes->len;
  if (move_on)
    {
      self->pending_index = attributes->len;
      self->pending_field = CARDINAL_ATTRIBUTE_FIELD_NAME;
    }
  emit_edit (self, attributes, label);
  self->pending_index = -1;

  /* Applied: the line shows the model's spelling, the empty line is empty again. */
  if (is_new && self->attributes->len == before + 1)
    {
      cardinal_attribute_row_set_attribute (line, NULL);
      cardinal_attribute_row_revert (line);
    }
  else if (!is_new && row->editor != NULL)
    cardinal_attribute_row_revert (line);
  if (move_on && self->attributes->len == before + (is_new ? 1 : 0))
    focus_field (self, self->attributes->len, CARDINAL_ATTRIBUTE_FIELD_NAME);
}

static void
line_committed (CardinalAttributeRow *line,
                gboolean              move_on,
                Row                  *row)
{
  commit_line (row, move_on);
}

/* The full settings ----------------------------------------------------------- */

static void
commit_type (Row        *row,
             const char *type)
{
  CardinalAttributeEditor *self = row_editor (row);
  g_autoptr(GPtrArray) attributes = NULL;
  CardinalAttribute *attribute;

  if (self == NULL || g_str_equal (type, row_attribute (row)->type))
    return;

  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  attribute = g_ptr_array_index (attributes, row->index);
  g_free (attribute->type);
  attribute->type = g_strdup (type);
  g_clear_pointer (&attribute->sql_type, g_free);
  emit_edit (self, attributes, "Change Type");
}

/* The type the dropdown and parameter entry spell, or NULL (with why) when they don't spell one. */
static char *
spelled_type (Row    *row,
              char  **problem)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE]));
  g_autofree char *parameter = cardinal_form_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER]);
  g_autofree char *type = NULL;
  CardinalType parsed;

  if (position == TYPE_OTHER)
    type = g_strdup (parameter);
  else if (position == TYPE_VARCHAR)
    type = g_strdup_printf ("varchar(%s)", parameter);
  else if (position == TYPE_NUMERIC && *parameter != '\0')
    type = g_strdup_printf ("numeric(%s)", parameter);
  else if (position < TYPE_OTHER)
    type = g_strdup (type_names[position]);
  else
    type = g_strdup ("");

  if (!cardinal_type_parse (type, &parsed, problem))
    return NULL;
  return g_steal_pointer (&type);
}

static void
commit_parameter (Row *row)
{
  g_autofree char *problem = NULL;
  g_autofree char *type = NULL;

  if (row_editor (row) == NULL)
    return;

  type = spelled_type (row, &problem);
  set_entry_error (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER], problem);
  if (type != NULL)
    commit_type (row, type);
}

static void
type_selected (GtkDropDown *dropdown,
               GParamSpec  *pspec,
               Row         *row)
{
  CardinalAttributeEditor *self = row_editor (row);
  guint position = gtk_drop_down_get_selected (dropdown);
  GtkWidget *entry;

  if (self == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  entry = row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER];
  update_parameter_entry (row, position);
  set_entry_error (entry, NULL);

  switch (position)
    {
    case TYPE_OTHER:
      /* A type outside the catalogue is typed in; nothing changes until then. */
      gtk_editable_set_text (GTK_EDITABLE (entry), row_attribute (row)->type);
      gtk_widget_grab_focus (entry);
      return;

    case TYPE_VARCHAR:
      gtk_editable_set_text (GTK_EDITABLE (entry), "255");
      commit_type (row, "varchar(255)");
      return;

    case TYPE_NUMERIC:
      gtk_editable_set_text (GTK_EDITABLE (entry), "");
      commit_type (row, "numeric");
      return;

    default:
      commit_type (row, type_names[position]);
      return;
    }
}

static void
commit_flag (Row                    *row,
             CardinalAttributeField  field,
             gboolean                active)
{
  CardinalAttributeEditor *self = row_editor (row);
  g_autoptr(GPtrArray) attributes = NULL;
  CardinalAttribute *attribute;
  const char *label = NULL;

  if (self == NULL)
    return;

  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  attribute = g_ptr_array_index (attributes, row->index);
  switch (field)
    {
    case CARDINAL_ATTRIBUTE_FIELD_INDEX:
      if (attribute->index == active)
        return;
      attribute->index = active;
      label = "Change Index";
      break;
    case CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT:
      if (attribute->autoincrement == active)
        return;
      attribute->autoincrement = active;
      label = "Change Autoincrement";
      break;
    default:
      g_return_if_reached ();
    }
  emit_edit (self, attributes, label);
}

static void
switch_changed (GtkSwitch  *widget,
                GParamSpec *pspec,
                Row        *row)
{
  for (guint field = 0; field < CARDINAL_ATTRIBUTE_N_FIELDS; field++)
    if (row->fields[field] == GTK_WIDGET (widget))
      commit_flag (row, field, gtk_switch_get_active (widget));
}

static void
commit_comment (Row *row)
{
  CardinalAttributeEditor *self = row_editor (row);
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree char *text = NULL;
  CardinalAttribute *attribute;

  if (self == NULL)
    return;

  text = cardinal_form_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT]);
  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  attribute = g_ptr_array_index (attributes, row->index);
  if (g_str_equal (attribute->comment, text))
    return;
  g_free (attribute->comment);
  attribute->comment = g_steal_pointer (&text);
  emit_edit (self, attributes, "Change Comment");
}

static void
commit_field_of (GtkWidget *widget)
{
  Row *row = row_for (widget);

  if (row == NULL)
    return;
  if (widget == row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER])
    commit_parameter (row);
  else if (widget == row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT])
    commit_comment (row);
}

static void
entry_activated (GtkWidget *widget)
{
  commit_field_of (widget);
}

static void
focus_left (GtkEventControllerFocus *controller)
{
  commit_field_of (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)));
}

static void
move_clicked (GtkButton *button,
              Row       *row)
{
  CardinalAttributeEditor *self = row_editor (row);
  g_autoptr(GPtrArray) attributes = NULL;
  gboolean up;
  guint other;
  gpointer tmp;

  if (self == NULL)
    return;

  up = GTK_WIDGET (button) == row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_UP];
  if ((up && row->index == 0) || (!up && row->index + 1 >= self->attributes->len))
    return;
  other = up ? row->index - 1 : row->index + 1;

  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  tmp = attributes->pdata[row->index];
  attributes->pdata[row->index] = attributes->pdata[other];
  attributes->pdata[other] = tmp;

  /* Keep the focus on the same button of the moved attribute, unless it went as far as it can. */
  self->pending_index = other;
  if (up)
    self->pending_field = other > 0 ? CARDINAL_ATTRIBUTE_FIELD_MOVE_UP : CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN;
  else
    self->pending_field = other + 1 < attributes->len ? CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN
                                                      : CARDINAL_ATTRIBUTE_FIELD_MOVE_UP;
  emit_edit (self, attributes, up ? "Move Attribute Up" : "Move Attribute Down");
  self->pending_index = -1;
}

static void
remove_clicked (GtkButton *button,
                Row       *row)
{
  CardinalAttributeEditor *self = row_editor (row);
  g_autoptr(GPtrArray) attributes = NULL;
  guint index;

  if (self == NULL)
    return;

  index = row->index;
  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  g_ptr_array_remove_index (attributes, index);
  /* The focus goes to the next attribute's name, or the empty line's. */
  self->pending_index = (int) MIN (index, attributes->len);
  self->pending_field = CARDINAL_ATTRIBUTE_FIELD_NAME;
  emit_edit (self, attributes, "Remove Attribute");
  self->pending_index = -1;
}

static void
expanded_changed (CardinalAttributeRow *line,
                  GParamSpec           *pspec,
                  Row                  *row)
{
  CardinalAttributeEditor *self;
  gboolean expanded = cardinal_attribute_row_get_expanded (line);

  /* Opening a row is when its full settings are first needed. */
  if (row->editor != NULL && expanded)
    ensure_built (row->editor, row);

  self = row_editor (row);
  if (self == NULL)
    return;
  if (expanded)
    {
      /* One open row at a time keeps the list short and the empty line in view. */
      g_free (self->expanded);
      self->expanded = g_strdup (row_attribute (row)->name);
      self->syncing = TRUE;
      for (guint i = 0; i < self->rows->len; i++)
        {
          Row *other = g_ptr_array_index (self->rows, i);

          if (other != row)
            cardinal_attribute_row_set_expanded (row_widget (other), FALSE);
        }
      self->syncing = FALSE;
    }
  else if (g_strcmp0 (self->expanded, row_attribute (row)->name) == 0)
    g_clear_pointer (&self->expanded, g_free);
}

static void
add_clicked (GtkButton               *button,
             CardinalAttributeEditor *self)
{
  /* A new attribute is typed into the empty line at the bottom. */
  focus_field (self, self->attributes->len, CARDINAL_ATTRIBUTE_FIELD_NAME);
}

/* Building rows ---------------------------------------------------------- */

static void
watch_entry (Row       *row,
             GtkWidget *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_object_set_data (G_OBJECT (widget), "cardinal-attribute-row", row);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_left), NULL);
  gtk_widget_add_controller (widget, focus);
}

static GtkWidget *
switch_row_new (Row                    *row,
                CardinalAttributeField  field,
                const char             *title,
                const char             *subtitle)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), subtitle);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (action_row), toggle);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_changed), row);
  row->fields[field] = toggle;
  return action_row;
}

static GtkWidget *
button_new (const char *icon,
            const char *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static Row *
row_new (CardinalAttributeEditor *self,
         guint                    index)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *line = cardinal_attribute_row_new ();

  row->editor = self;
  row->index = index;
  row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW] = line;
  for (guint i = 0; i < G_N_ELEMENTS (line_fields); i++)
    row->fields[line_fields[i].field] = cardinal_attribute_row_get_field (CARDINAL_ATTRIBUTE_ROW (line),
                                                                          line_fields[i].line);
  g_object_set_data_full (G_OBJECT (line), "cardinal-attribute-row", row, g_free);
  cardinal_attribute_row_set_type_names (CARDINAL_ATTRIBUTE_ROW (line), (const char * const *) self->completions);
  cardinal_attribute_row_set_allow_primary_key (CARDINAL_ATTRIBUTE_ROW (line), self->allow_primary_key);

  g_signal_connect (line, "notify::expanded", G_CALLBACK (expanded_changed), row);
  g_signal_connect (line, "commit", G_CALLBACK (line_committed), row);
  return row;
}

/* The full settings of an attribute: a dozen widgets each, so an entity
 * shows at once and only the attribute opened pays for them. */
static void
row_build (Row *row)
{
  GtkListBox *details = cardinal_attribute_row_get_details (row_widget (row));
  GtkWidget *type_row;
  GtkWidget *type_box;
  GtkWidget *buttons_row;
  GtkWidget *buttons;
  GtkWidget *dropdown;
  GtkWidget *parameter;

  row->built = TRUE;

  type_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (type_row), "Type");
  type_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (type_box, GTK_ALIGN_CENTER);
  dropdown = gtk_drop_down_new_from_strings ((const char * const *) type_names);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, "Type", -1);
  parameter = gtk_entry_new ();
  row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE] = dropdown;
  row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER] = parameter;
  watch_entry (row, parameter);
  g_signal_connect (parameter, "activate", G_CALLBACK (entry_activated), NULL);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (type_selected), row);
  gtk_box_append (GTK_BOX (type_box), dropdown);
  gtk_box_append (GTK_BOX (type_box), parameter);
  adw_action_row_add_suffix (ADW_ACTION_ROW (type_row), type_box);
  gtk_list_box_append (details, type_row);

  gtk_list_box_append (details, switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_INDEX, "Index",
                                                "Faster lookups by this attribute"));
  row->autoincrement_row = switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT, "Autoincrement",
                                           "The database numbers new rows");
  gtk_list_box_append (details, row->autoincrement_row);

  row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT] = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT]), "Comment");
  watch_entry (row, row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT]);
  g_signal_connect (row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT], "entry-activated",
                    G_CALLBACK (entry_activated), NULL);
  gtk_list_box_append (details, row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT]);

  buttons_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (buttons_row), FALSE);
  gtk_widget_set_focusable (buttons_row, FALSE);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  gtk_widget_set_margin_start (buttons, 6);
  gtk_widget_set_margin_end (buttons, 6);
  row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_UP] = button_new ("go-up-symbolic", "Move _Up");
  row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN] = button_new ("go-down-symbolic", "Move _Down");
  row->fields[CARDINAL_ATTRIBUTE_FIELD_REMOVE] = button_new ("user-trash-symbolic", "_Remove");
  gtk_widget_set_hexpand (row->fields[CARDINAL_ATTRIBUTE_FIELD_REMOVE], TRUE);
  gtk_widget_set_halign (row->fields[CARDINAL_ATTRIBUTE_FIELD_REMOVE], GTK_ALIGN_END);
  gtk_widget_add_css_class (row->fields[CARDINAL_ATTRIBUTE_FIELD_REMOVE], "error");
  g_signal_connect (row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_UP], "clicked", G_CALLBACK (move_clicked), row);
  g_signal_connect (row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN], "clicked", G_CALLBACK (move_clicked), row);
  g_signal_connect (row->fields[CARDINAL_ATTRIBUTE_FIELD_REMOVE], "clicked", G_CALLBACK (remove_clicked), row);
  gtk_box_append (GTK_BOX (buttons), row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_UP]);
  gtk_box_append (GTK_BOX (buttons), row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN]);
  gtk_box_append (GTK_BOX (buttons), row->fields[CARDINAL_ATTRIBUTE_FIELD_REMOVE]);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (buttons_row), buttons);
  gtk_list_box_append (details, buttons_row);
}

/* The row at @index: an attribute's, or the empty line's at the end. */
static Row *
row_at (CardinalAttributeEditor *self,
        guint                    index)
{
  if (index < self->rows->len)
    return g_ptr_array_index (self->rows, index);
  if (index == self->rows->len)
    return self->draft;
  return NULL;
}

/* Where the focus is among the rows, so that a rebuild can put it back. */
static gboolean
find_focus (CardinalAttributeEditor *self,
            int                     *index,
            CardinalAttributeField  *field)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      /* Innermost first: every field is inside the row. */
      for (int f = CARDINAL_ATTRIBUTE_N_FIELDS - 1; f >= 0; f--)
        {
          GtkWidget *widget = row->fields[f];

          if (widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
            {
              *index = i;
              *field = f;
              return TRUE;
            }
        }
    }
  return FALSE;
}

static void
focus_field (CardinalAttributeEditor *self,
             guint                    index,
             CardinalAttributeField   field)
{
  Row *row = row_at (self, index);
  GtkWidget *widget;

  if (row == NULL)
    return;
  if (field > CARDINAL_ATTRIBUTE_FIELD_EXPAND && row != self->draft)
    {
      ensure_built (self, row);
      cardinal_attribute_row_set_expanded (row_widget (row), TRUE);
    }
  widget = row->fields[field];
  if (widget == NULL)
    widget = row->fields[CARDINAL_ATTRIBUTE_FIELD_NAME];
  if (ADW_IS_ENTRY_ROW (widget))
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (widget));

      gtk_widget_grab_focus (text ? GTK_WIDGET (text) : widget);
    }
  else if (field == CARDINAL_ATTRIBUTE_FIELD_ROW)
    cardinal_attribute_row_focus (row_widget (row), CARDINAL_ATTRIBUTE_ROW_NAME);
  else
    {
      gtk_widget_grab_focus (widget);
      if (GTK_IS_EDITABLE (widget))
        gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
    }
}

static void
detach_row (Row *row)
{
  row->editor = NULL;
}

static void
cardinal_attribute_editor_rebuild (CardinalAttributeEditor *self)
{
  int focus_index = -1;
  CardinalAttributeField focus_field = CARDINAL_ATTRIBUTE_FIELD_ROW;
  gboolean had_focus = find_focus (self, &focus_index, &focus_field);

  /* Detach first: removing a focused row moves the focus, whose "leave" must not commit. */
  for (guint i = 0; i < self->rows->len; i++)
    detach_row (g_ptr_array_index (self->rows, i));
  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, ((Row *) g_ptr_array_index (self->rows, i))->fields[CARDINAL_ATTRIBUTE_FIELD_ROW]);
  g_ptr_array_set_size (self->rows, 0);

  /* The empty line stays as it is, with what is typed there, after the last one. */
  for (guint i = 0; i < self->attributes->len; i++)
    {
      Row *row = row_new (self, i);

      g_ptr_array_add (self->rows, row);
      gtk_list_box_insert (self->list, row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW], (int) i);
      sync_row (self, row, g_ptr_array_index (self->attributes, i));
    }
  self->draft->index = self->attributes->len;

  if (self->pending_index < 0 && had_focus)
    {
      self->pending_index = MIN ((guint) focus_index, self->attributes->len);
      self->pending_field = focus_field;
    }
}

void
cardinal_attribute_editor_set_attributes (CardinalAttributeEditor *self,
                                          GPtrArray               *attributes)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  self->syncing = TRUE;
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  self->attributes = cardinal_attribute_editor_copy_attributes (attributes);

  if (self->rows->len != self->attributes->len)
    cardinal_attribute_editor_rebuild (self);
  else
    for (guint i = 0; i < self->rows->len; i++)
      sync_row (self, g_ptr_array_index (self->rows, i), g_ptr_array_index (self->attributes, i));

  if (self->pending_index >= 0)
    focus_field (self, MIN ((guint) self->pending_index, self->attributes->len), self->pending_field);
  self->pending_index = -1;
  self->syncing = FALSE;
}

void
cardinal_attribute_editor_set_title (CardinalAttributeEditor *self,
                                     const char              *title,
                                     const char              *description)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  adw_preferences_group_set_title (self->group, title);
  adw_preferences_group_set_description (self->group, description);
}

void
cardinal_attribute_editor_set_allow_primary_key (CardinalAttributeEditor *self,
                                                 gboolean                 allow)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  self->allow_primary_key = allow;
  cardinal_attribute_row_set_allow_primary_key (row_widget (self->draft), allow);
  for (guint i = 0; i < self->rows->len; i++)
    cardinal_attribute_row_set_allow_primary_key (row_widget (g_ptr_array_index (self->rows, i)), allow);
}

void
cardinal_attribute_editor_set_type_names (CardinalAttributeEditor *self,
                                          const char * const      *names)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  if (self->completions != NULL && names != NULL &&
      g_strv_equal ((const char * const *) self->completions, names))
    return;
  g_strfreev (self->completions);
  self->completions = g_strdupv ((char **) names);
  cardinal_attribute_row_set_type_names (row_widget (self->draft), names);
  for (guint i = 0; i < self->rows->len; i++)
    cardinal_attribute_row_set_type_names (row_widget (g_ptr_array_index (self->rows, i)), names);
}

void
cardinal_attribute_editor_set_check (CardinalAttributeEditor *self,
                                     CardinalAttributeCheck   check,
                                     gpointer                 user_data)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  self->check = check;
  self->check_data = user_data;
}

void
cardinal_attribute_editor_expand (CardinalAttributeEditor *self,
                                  const char              *name)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      Row *row = g_ptr_array_index (self->rows, i);

      cardinal_attribute_row_set_expanded (row_widget (row),
                                           g_strcmp0 (row_attribute (row)->name, name) == 0);
    }
}

void
cardinal_attribute_editor_reset (CardinalAttributeEditor *self)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self));

  cardinal_attribute_editor_expand (self, NULL);
  g_clear_pointer (&self->expanded, g_free);
  cardinal_attribute_row_set_attribute (row_widget (self->draft), NULL);
  cardinal_attribute_row_revert (row_widget (self->draft));
}

gboolean
cardinal_attribute_editor_focus_attribute (CardinalAttributeEditor *self,
                                           const char              *name)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self), FALSE);

  for (guint i = 0; i <= self->attributes->len; i++)
    if (i == self->attributes->len ? name == NULL
        : name != NULL && g_str_equal (((CardinalAttribute *) g_ptr_array_index (self->attributes, i))->name, name))
      {
        focus_field (self, i, CARDINAL_ATTRIBUTE_FIELD_NAME);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
cardinal_attribute_editor_get_field (CardinalAttributeEditor *self,
                                     guint                    index,
                                     CardinalAttributeField   field)
{
  Row *row;

  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self), NULL);
  g_return_val_if_fail (field < CARDINAL_ATTRIBUTE_N_FIELDS, NULL);

  row = row_at (self, index);
  if (row == NULL)
    return NULL;
  if (row != self->draft)
    ensure_built (self, row);
  return row->fields[field];
}

const char *
cardinal_attribute_editor_get_error (CardinalAttributeEditor *self,
                                     guint                    index)
{
  Row *row;

  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self), NULL);

  row = row_at (self, index);
  return row ? cardinal_attribute_row_get_error (row_widget (row)) : NULL;
}

GtkWidget *
cardinal_attribute_editor_get_add_button (CardinalAttributeEditor *self)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self), NULL);

  return self->add_button;
}

static void
cardinal_attribute_editor_dispose (GObject *object)
{
  CardinalAttributeEditor *self = CARDINAL_ATTRIBUTE_EDITOR (object);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    detach_row (g_ptr_array_index (self->rows, i));
  if (self->draft != NULL)
    detach_row (self->draft);
  self->draft = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  if (self->group != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->group));
      self->group = NULL;
    }

  G_OBJECT_CLASS (cardinal_attribute_editor_parent_class)->dispose (object);
}

static void
cardinal_attribute_editor_finalize (GObject *object)
{
  CardinalAttributeEditor *self = CARDINAL_ATTRIBUTE_EDITOR (object);

  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_free (self->expanded);
  g_strfreev (self->completions);

  G_OBJECT_CLASS (cardinal_attribute_editor_parent_class)->finalize (object);
}

static void
cardinal_attribute_editor_class_init (CardinalAttributeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_attribute_editor_dispose;
  object_class->finalize = cardinal_attribute_editor_finalize;

  signals[EDIT] =
    g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_STRING);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardinal-attribute-editor");
}

static void
cardinal_attribute_editor_init (CardinalAttributeEditor *self)
{
  GtkWidget *content;

  self->attributes = cardinal_attribute_editor_copy_attributes (NULL);
  self->rows = g_ptr_array_new ();
  self->allow_primary_key = TRUE;
  self->pending_index = -1;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->group), GTK_WIDGET (self));
  adw_preferences_group_set_title (self->group, "Attributes");

  self->add_button = gtk_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), "_Add");
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (self->add_button), content);
  gtk_widget_set_tooltip_text (self->add_button, "Add Attribute");
  gtk_widget_add_css_class (self->add_button, "flat");
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (add_clicked), self);
  adw_preferences_group_set_header_suffix (self->group, self->add_button);

  /* Our own boxed list, so that the empty line stays last while the
   * attributes' rows are replaced in front of it. */
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "attribute-list");
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list));

  self->draft = row_new (self, 0);
  gtk_list_box_append (self->list, self->draft->fields[CARDINAL_ATTRIBUTE_FIELD_ROW]);
}

GtkWidget *
cardinal_attribute_editor_new (void)
{
  return g_object_new (CARDINAL_TYPE_ATTRIBUTE_EDITOR, NULL);
}
