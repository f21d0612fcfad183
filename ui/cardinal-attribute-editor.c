/* cardinal-attribute-editor.c: the inspector's list of attributes (of an entity, or a relationship's link attributes). */
#include "cardinal-attribute-editor.h"

#include <adwaita.h>

#include "cardinal-model.h"
#include "cardinal-types.h"

/* The catalogue in CardinalTypeBase order (base - 1), then the way out of it. */
static const char * const type_names[] = {
  "integer", "bigint", "smallint", "text", "varchar", "boolean", "numeric", "real",
  "double", "date", "time", "timestamp", "timestamptz", "uuid", "json", "bytes",
  "other…", NULL,
};
#define TYPE_VARCHAR (CARDINAL_TYPE_VARCHAR - 1)
#define TYPE_NUMERIC (CARDINAL_TYPE_NUMERIC - 1)
#define TYPE_OTHER   (G_N_ELEMENTS (type_names) - 2)

typedef struct _Row Row;

struct _CardinalAttributeEditor
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkWidget           *placeholder;
  GPtrArray           *attributes;     /* of CardinalAttribute, owned copies of what is shown */
  GPtrArray           *rows;           /* of Row, owned by their expander rows */
  GHashTable          *expanded;       /* names of the attributes whose rows are open */
  gboolean             allow_primary_key;
  gboolean             syncing;        /* widgets set from the model: their handlers stay quiet */
  int                  pending_index;  /* where the focus goes after the next rebuild, or -1 */
  CardinalAttributeField pending_field;
};

struct _Row
{
  CardinalAttributeEditor *editor;    /* NULL once the row is on its way out */
  guint                    index;
  GtkWidget               *fields[CARDINAL_ATTRIBUTE_N_FIELDS];
  GtkWidget               *key_icon;
  GtkWidget               *primary_key_row;
  GtkWidget               *nullable_row;
  GtkWidget               *autoincrement_row;
  gboolean                 built;     /* the rows inside are made on first opening */
};

G_DEFINE_FINAL_TYPE (CardinalAttributeEditor, cardinal_attribute_editor, GTK_TYPE_WIDGET)

enum
{
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void cardinal_attribute_editor_rebuild (CardinalAttributeEditor *self);

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

static char *
editable_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
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

static char *
describe (const CardinalAttribute *attribute)
{
  GString *out = g_string_new (attribute->type);

  if (attribute->primary_key)
    g_string_append (out, " · primary key");
  else if (!attribute->nullable)
    g_string_append (out, " · not null");
  if (attribute->autoincrement)
    g_string_append (out, " · autoincrement");
  if (attribute->unique && !attribute->primary_key)
    g_string_append (out, " · unique");
  if (attribute->index && !attribute->primary_key && !attribute->unique)
    g_string_append (out, " · index");
  if (attribute->default_value != NULL)
    g_string_append_printf (out, " · default %s", attribute->default_value);
  return g_string_free (out, FALSE);
}

static void
set_switch (GtkWidget *widget,
            gboolean   active)
{
  if (gtk_switch_get_active (GTK_SWITCH (widget)) != active)
    gtk_switch_set_active (GTK_SWITCH (widget), active);
}

/* Puts @attribute's values into the rows inside @row; the caller holds syncing. */
static void
sync_fields (CardinalAttributeEditor *self,
             Row                     *row,
             const CardinalAttribute *attribute)
{
  g_autofree char *parameter = NULL;
  guint position = type_position (attribute->type, &parameter);
  GtkDropDown *dropdown = GTK_DROP_DOWN (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE]);
  guint n = self->attributes->len;

  set_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_NAME], attribute->name);
  if (gtk_drop_down_get_selected (dropdown) != position)
    gtk_drop_down_set_selected (dropdown, position);
  update_parameter_entry (row, position);
  set_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER], parameter);

  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY], attribute->primary_key);
  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_NULLABLE], attribute->nullable);
  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_UNIQUE], attribute->unique);
  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_INDEX], attribute->index);
  set_switch (row->fields[CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT], attribute->autoincrement);
  /* A key column is never NULL; only a key column can count itself up. */
  gtk_widget_set_sensitive (row->nullable_row, !attribute->primary_key || attribute->nullable);
  gtk_widget_set_sensitive (row->autoincrement_row, attribute->primary_key || attribute->autoincrement);
  gtk_widget_set_visible (row->primary_key_row, self->allow_primary_key || attribute->primary_key);
  gtk_widget_set_visible (row->autoincrement_row, self->allow_primary_key || attribute->autoincrement);

  set_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_DEFAULT], attribute->default_value);
  set_editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT], attribute->comment);

  gtk_widget_set_sensitive (row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_UP], row->index > 0);
  gtk_widget_set_sensitive (row->fields[CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN], row->index + 1 < n);
}

static void row_build (Row *row);

/* Makes the rows inside @row, filled in, if that is not done yet. */
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

/* Puts @attribute into @row: the header always, the rows inside once made; the caller holds syncing. */
static void
sync_row (CardinalAttributeEditor *self,
          Row                     *row,
          const CardinalAttribute *attribute)
{
  GtkWidget *expander = row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW];
  g_autofree char *subtitle = describe (attribute);
  gboolean expanded = g_hash_table_contains (self->expanded, attribute->name);

  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), attribute->name) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                   *attribute->name ? attribute->name : "(no name)");
  if (g_strcmp0 (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (expander)), subtitle) != 0)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
  gtk_widget_set_opacity (row->key_icon, attribute->primary_key ? 1.0 : 0.0);

  if (row->built)
    sync_fields (self, row, attribute);
  else if (expanded)
    ensure_built (self, row);

  /* The open rows follow their attributes when the list is reordered. */
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)) != expanded)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), expanded);
}

/* Handlers --------------------------------------------------------------- */

static void
commit_name (Row *row)
{
  CardinalAttributeEditor *self = row_editor (row);
  GtkWidget *entry;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  CardinalAttribute *attribute;
  gboolean was_expanded;

  if (self == NULL)
    return;

  entry = row->fields[CARDINAL_ATTRIBUTE_FIELD_NAME];
  text = editable_text (entry);
  if (g_str_equal (text, row_attribute (row)->name))
    {
      set_entry_error (entry, NULL);
      return;
    }
  if (*text == '\0')
    {
      set_entry_error (entry, "An attribute needs a name");
      return;
    }
  set_entry_error (entry, NULL);

  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  attribute = g_ptr_array_index (attributes, row->index);
  was_expanded = g_hash_table_remove (self->expanded, attribute->name);
  g_free (attribute->name);
  attribute->name = g_steal_pointer (&text);
  if (was_expanded)
    g_hash_table_add (self->expanded, g_strdup (attribute->name));
  emit_edit (self, attributes, "Rename Attribute");
}

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
  emit_edit (self, attributes, "Change Type");
}

/* The type the dropdown and parameter entry spell, or NULL (with why) when they don't spell one. */
static char *
spelled_type (Row    *row,
              char  **problem)
{
  guint position = gtk_drop_down_get_selected (GTK_DROP_DOWN (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE]));
  g_autofree char *parameter = editable_text (row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER]);
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
    case CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY:
      if (attribute->primary_key == active)
        return;
      attribute->primary_key = active;
      /* A nullable key column is an error; turning the key on settles it. */
      if (active)
        attribute->nullable = FALSE;
      label = "Change Primary Key";
      break;
    case CARDINAL_ATTRIBUTE_FIELD_NULLABLE:
      if (attribute->nullable == active)
        return;
      attribute->nullable = active;
      label = "Change Nullable";
      break;
    case CARDINAL_ATTRIBUTE_FIELD_UNIQUE:
      if (attribute->unique == active)
        return;
      attribute->unique = active;
      label = "Change Unique";
      break;
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
commit_text_field (Row                    *row,
                   CardinalAttributeField  field)
{
  CardinalAttributeEditor *self = row_editor (row);
  g_autoptr(GPtrArray) attributes = NULL;
  g_autofree char *text = NULL;
  CardinalAttribute *attribute;

  if (self == NULL)
    return;

  text = editable_text (row->fields[field]);
  attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  attribute = g_ptr_array_index (attributes, row->index);
  if (field == CARDINAL_ATTRIBUTE_FIELD_DEFAULT)
    {
      /* An empty default is no default, not the empty SQL expression. */
      if (g_strcmp0 (attribute->default_value, *text ? text : NULL) == 0)
        return;
      g_free (attribute->default_value);
      attribute->default_value = *text ? g_steal_pointer (&text) : NULL;
      emit_edit (self, attributes, "Change Default");
    }
  else
    {
      if (g_str_equal (attribute->comment, text))
        return;
      g_free (attribute->comment);
      attribute->comment = g_steal_pointer (&text);
      emit_edit (self, attributes, "Change Comment");
    }
}

static void
commit_field_of (GtkWidget *widget)
{
  Row *row = row_for (widget);

  if (row == NULL)
    return;
  if (widget == row->fields[CARDINAL_ATTRIBUTE_FIELD_NAME])
    commit_name (row);
  else if (widget == row->fields[CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER])
    commit_parameter (row);
  else if (widget == row->fields[CARDINAL_ATTRIBUTE_FIELD_DEFAULT])
    commit_text_field (row, CARDINAL_ATTRIBUTE_FIELD_DEFAULT);
  else if (widget == row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT])
    commit_text_field (row, CARDINAL_ATTRIBUTE_FIELD_COMMENT);
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
  self->pending_index = attributes->len > 0 ? (int) MIN (index, attributes->len - 1) : -1;
  self->pending_field = CARDINAL_ATTRIBUTE_FIELD_ROW;
  emit_edit (self, attributes, "Remove Attribute");
}

static void
expanded_changed (AdwExpanderRow *expander,
                  GParamSpec     *pspec,
                  Row            *row)
{
  CardinalAttributeEditor *self;

  /* Opening a row is when its editing rows are first needed. */
  if (row->editor != NULL && adw_expander_row_get_expanded (expander))
    ensure_built (row->editor, row);

  self = row_editor (row);
  if (self == NULL)
    return;
  if (adw_expander_row_get_expanded (expander))
    g_hash_table_add (self->expanded, g_strdup (row_attribute (row)->name));
  else
    g_hash_table_remove (self->expanded, row_attribute (row)->name);
}

static char *
unused_name (GPtrArray  *attributes,
             const char *base)
{
  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup (base) : g_strdup_printf ("%s_%u", base, n);
      gboolean taken = FALSE;

      for (guint i = 0; i < attributes->len && !taken; i++)
        taken = g_ascii_strcasecmp (((CardinalAttribute *) g_ptr_array_index (attributes, i))->name, name) == 0;
      if (!taken)
        return g_steal_pointer (&name);
    }
}

static void
add_clicked (GtkButton               *button,
             CardinalAttributeEditor *self)
{
  g_autoptr(GPtrArray) attributes = cardinal_attribute_editor_copy_attributes (self->attributes);
  CardinalAttribute *attribute;
  gboolean has_key = FALSE;

  for (guint i = 0; i < attributes->len; i++)
    has_key |= ((CardinalAttribute *) g_ptr_array_index (attributes, i))->primary_key;

  /* The first attribute of an entity is nearly always its key. */
  if (self->allow_primary_key && !has_key && attributes->len == 0)
    {
      attribute = cardinal_attribute_new ("id", "integer");
      attribute->primary_key = TRUE;
      attribute->autoincrement = TRUE;
      attribute->nullable = FALSE;
    }
  else
    {
      g_autofree char *name = unused_name (attributes, "attribute");

      attribute = cardinal_attribute_new (name, "text");
    }

  g_hash_table_add (self->expanded, g_strdup (attribute->name));
  g_ptr_array_add (attributes, attribute);
  self->pending_index = attributes->len - 1;
  self->pending_field = CARDINAL_ATTRIBUTE_FIELD_NAME;
  emit_edit (self, attributes, "Add Attribute");
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
entry_row_new (Row        *row,
               const char *title)
{
  GtkWidget *entry = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
  watch_entry (row, entry);
  g_signal_connect (entry, "entry-activated", G_CALLBACK (entry_activated), NULL);
  return entry;
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
  GtkWidget *expander = adw_expander_row_new ();

  row->editor = self;
  row->index = index;
  row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW] = expander;
  g_object_set_data_full (G_OBJECT (expander), "cardinal-attribute-row", row, g_free);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);

  row->key_icon = gtk_image_new_from_icon_name ("dialog-password-symbolic");
  gtk_widget_set_tooltip_text (row->key_icon, "Primary key");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), row->key_icon);

  g_signal_connect (expander, "notify::expanded", G_CALLBACK (expanded_changed), row);
  return row;
}

/* The editing rows inside an attribute's row: a dozen widgets each, so an
 * entity shows at once and only the attribute opened pays for them. */
static void
row_build (Row *row)
{
  GtkWidget *expander = row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW];
  GtkWidget *type_row;
  GtkWidget *type_box;
  GtkWidget *buttons_row;
  GtkWidget *buttons;
  GtkWidget *dropdown;
  GtkWidget *parameter;

  row->built = TRUE;
  row->fields[CARDINAL_ATTRIBUTE_FIELD_NAME] = entry_row_new (row, "Name");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row->fields[CARDINAL_ATTRIBUTE_FIELD_NAME]);

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
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), type_row);

  row->primary_key_row = switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY, "Primary key", NULL);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row->primary_key_row);
  row->nullable_row = switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_NULLABLE, "Nullable", "May be left empty (NULL)");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row->nullable_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_UNIQUE, "Unique",
                                            "No two rows share a value"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_INDEX, "Index",
                                            "Faster lookups by this attribute"));
  row->autoincrement_row = switch_row_new (row, CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT, "Autoincrement",
                                           "The database numbers new rows");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row->autoincrement_row);

  row->fields[CARDINAL_ATTRIBUTE_FIELD_DEFAULT] = entry_row_new (row, "Default (SQL expression)");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row->fields[CARDINAL_ATTRIBUTE_FIELD_DEFAULT]);
  row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT] = entry_row_new (row, "Comment");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row->fields[CARDINAL_ATTRIBUTE_FIELD_COMMENT]);

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
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), buttons_row);
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

      /* Innermost first: every field is inside the expander row. */
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
  GtkWidget *widget = cardinal_attribute_editor_get_field (self, index, field);
  GtkWidget *expander = cardinal_attribute_editor_get_field (self, index, CARDINAL_ATTRIBUTE_FIELD_ROW);

  if (widget == NULL)
    return;
  if (field != CARDINAL_ATTRIBUTE_FIELD_ROW)
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  if (ADW_IS_ENTRY_ROW (widget))
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (widget));

      gtk_widget_grab_focus (text ? GTK_WIDGET (text) : widget);
      if (field == CARDINAL_ATTRIBUTE_FIELD_NAME)
        gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
    }
  else
    gtk_widget_grab_focus (widget);
}

static void
cardinal_attribute_editor_rebuild (CardinalAttributeEditor *self)
{
  int focus_index = -1;
  CardinalAttributeField focus_field = CARDINAL_ATTRIBUTE_FIELD_ROW;
  gboolean had_focus = find_focus (self, &focus_index, &focus_field);

  /* Detach first: removing a focused row moves the focus, whose "leave" must not commit. */
  for (guint i = 0; i < self->rows->len; i++)
    ((Row *) g_ptr_array_index (self->rows, i))->editor = NULL;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group,
                                  ((Row *) g_ptr_array_index (self->rows, i))->fields[CARDINAL_ATTRIBUTE_FIELD_ROW]);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i < self->attributes->len; i++)
    {
      Row *row = row_new (self, i);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->group, row->fields[CARDINAL_ATTRIBUTE_FIELD_ROW]);
      sync_row (self, row, g_ptr_array_index (self->attributes, i));
    }
  gtk_widget_set_visible (self->placeholder, self->attributes->len == 0);

  if (self->pending_index < 0 && had_focus && self->attributes->len > 0)
    {
      self->pending_index = MIN ((guint) focus_index, self->attributes->len - 1);
      self->pending_field = focus_field;
    }
  else if (self->pending_index < 0 && had_focus)
    gtk_widget_grab_focus (self->add_button);
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

  if (self->pending_index >= 0 && (guint) self->pending_index < self->attributes->len)
    focus_field (self, self->pending_index, self->pending_field);
  else if (self->pending_index >= 0)
    gtk_widget_grab_focus (self->add_button);
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
}

GtkWidget *
cardinal_attribute_editor_get_field (CardinalAttributeEditor *self,
                                     guint                    index,
                                     CardinalAttributeField   field)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_EDITOR (self), NULL);
  g_return_val_if_fail (field < CARDINAL_ATTRIBUTE_N_FIELDS, NULL);

  if (index >= self->rows->len)
    return NULL;
  ensure_built (self, g_ptr_array_index (self->rows, index));
  return ((Row *) g_ptr_array_index (self->rows, index))->fields[field];
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

  if (self->rows != NULL)
    for (guint i = 0; i < self->rows->len; i++)
      ((Row *) g_ptr_array_index (self->rows, i))->editor = NULL;
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
  g_clear_pointer (&self->expanded, g_hash_table_unref);

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
  self->expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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

  self->placeholder = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->placeholder), "No attributes yet");
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  adw_preferences_group_add (self->group, self->placeholder);
}

GtkWidget *
cardinal_attribute_editor_new (void)
{
  return g_object_new (CARDINAL_TYPE_ATTRIBUTE_EDITOR, NULL);
}
