/* cardinal-attribute-row.c: one attribute on one line (name, type, key/not-null/unique toggles, default), its full settings folded below. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-attribute-row.h"

#include <string.h>

#include "cardinal-types.h"
#include "cardinal-form-util.h"

struct _CardinalAttributeRow
{
  AdwPreferencesRow  parent_instance;

  /* What set_attribute () showed last, to revert to and to compare with. */
  CardinalAttribute *shown;
  GStrv              type_names;
  gboolean           syncing;     /* fields set from the model: no commits */
  gboolean           completing;  /* the type field is being completed: no new completion */
  gboolean           inserted;    /* the last change to the type field typed at its end */
  gboolean           allow_primary_key;
  guint              complete_source;
  int                suggestion;  /* where the dimmed suggestion starts in the type field, or -1 */

  /* Template widgets. */
  GtkWidget         *line;
  GtkWidget         *name_entry;
  GtkWidget         *type_entry;
  GtkWidget         *primary_key_button;
  GtkWidget         *not_null_button;
  GtkWidget         *unique_button;
  GtkWidget         *default_entry;
  GtkWidget         *expand_button;
  GtkWidget         *error_label;
  GtkListBox        *details;
};

G_DEFINE_FINAL_TYPE (CardinalAttributeRow, cardinal_attribute_row, ADW_TYPE_PREFERENCES_ROW)

enum
{
  PROP_0,
  PROP_EXPANDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  COMMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Completion ------------------------------------------------------------- */

const char *
cardinal_attribute_row_complete (const char * const *names,
                                 const char         *text)
{
  gsize length = text ? strlen (text) : 0;

  if (names == NULL || length == 0)
    return NULL;
  /* A name typed in full is what is meant, even if a longer one starts with it. */
  for (guint i = 0; names[i] != NULL; i++)
    if (g_ascii_strcasecmp (names[i], text) == 0)
      return NULL;
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) > length && g_ascii_strncasecmp (names[i], text, length) == 0)
      return names[i];
  return NULL;
}

static void
type_text_inserted (GtkEditable          *text,
                    const char           *new_text,
                    int                   length,
                    int                  *position,
                    CardinalAttributeRow *self)
{
  /* Only typing at the end is completed: an edit in the middle is left alone. */
  self->inserted = !self->syncing && !self->completing &&
                   *position == (int) g_utf8_strlen (gtk_editable_get_text (text), -1);
}

/* The suggestion is shown dimmed after the cursor rather than selected: a
 * selection would go to the PRIMARY clipboard, whose X11 round trip can come
 * back after the next key and drop it. */
static void
show_suggestion (CardinalAttributeRow *self,
                 int                   start)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->type_entry));
  PangoAttrList *attributes = pango_attr_list_new ();

  self->suggestion = start;
  if (start >= 0)
    {
      PangoAttribute *dim = pango_attr_foreground_alpha_new (0x6000);

      dim->start_index = g_utf8_offset_to_pointer (text, start) - text;
      dim->end_index = strlen (text);
      pango_attr_list_insert (attributes, dim);
    }
  gtk_entry_set_attributes (GTK_ENTRY (self->type_entry), attributes);
  pango_attr_list_unref (attributes);
}

/* Tab, Enter, → or End: the suggestion becomes text. */
static void
accept_suggestion (CardinalAttributeRow *self)
{
  if (self->suggestion < 0)
    return;
  show_suggestion (self, -1);
  gtk_editable_set_position (GTK_EDITABLE (self->type_entry), -1);
}

/* Any other key: the suggestion goes, and the key acts on what was typed. */
static void
drop_suggestion (CardinalAttributeRow *self)
{
  int start = self->suggestion;

  if (start < 0)
    return;
  show_suggestion (self, -1);
  self->completing = TRUE;
  gtk_editable_delete_text (GTK_EDITABLE (self->type_entry), start, -1);
  self->completing = FALSE;
}

/* Appends the rest of the first type name that starts with what was typed,
 * as a suggestion that Tab or Enter takes and typing on replaces. */
static gboolean
complete_type (gpointer user_data)
{
  CardinalAttributeRow *self = user_data;
  GtkEditable *editable = GTK_EDITABLE (self->type_entry);
  const char *text = gtk_editable_get_text (editable);
  const char *completion;
  int typed = (int) g_utf8_strlen (text, -1);
  int position = typed;

  self->complete_source = 0;
  completion = cardinal_attribute_row_complete ((const char * const *) self->type_names, text);
  /* Only while the cursor is still where the typing stopped. */
  if (completion == NULL || gtk_editable_get_position (editable) != typed)
    return G_SOURCE_REMOVE;

  self->completing = TRUE;
  gtk_editable_insert_text (editable, completion + strlen (text), -1, &position);
  gtk_editable_set_position (editable, typed);
  self->completing = FALSE;
  show_suggestion (self, typed);
  return G_SOURCE_REMOVE;
}

static void
type_changed (GtkEditable          *editable,
              CardinalAttributeRow *self)
{
  if (self->completing)
    return;
  /* Text set from elsewhere has no suggestion in it. */
  if (self->suggestion >= 0)
    show_suggestion (self, -1);
  if (!self->inserted)
    return;
  self->inserted = FALSE;
  /* The text widget puts its cursor after the typed text once this signal
   * is over: complete just after, before the next key is handled. */
  if (self->complete_source == 0)
    self->complete_source = g_idle_add_full (G_PRIORITY_HIGH, complete_type, self, NULL);
}

/* Reading and showing ------------------------------------------------------ */

static void
set_entry (CardinalAttributeRow *self,
           GtkWidget            *entry,
           const char           *text,
           const char           *before)
{
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* What the user is typing stays until they commit or cancel it. */
  if (cardinal_form_holds_focus (entry) && g_strcmp0 (shown, before ? before : "") != 0)
    return;
  if (g_strcmp0 (shown, text ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
}

static void
set_toggle (GtkWidget *button,
            gboolean   active)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)) != active)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);
}

static void
show_values (CardinalAttributeRow    *self,
             const CardinalAttribute *attribute,
             const CardinalAttribute *before,
             gboolean                 force)
{
  self->syncing = TRUE;
  if (force)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), attribute ? attribute->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->type_entry), attribute ? attribute->type : "");
      gtk_editable_set_text (GTK_EDITABLE (self->default_entry),
                             attribute && attribute->default_value ? attribute->default_value : "");
    }
  else
    {
      set_entry (self, self->name_entry, attribute ? attribute->name : NULL, before ? before->name : NULL);
      set_entry (self, self->type_entry, attribute ? attribute->type : NULL, before ? before->type : NULL);
      set_entry (self, self->default_entry, attribute ? attribute->default_value : NULL,
                 before ? before->default_value : NULL);
    }
  set_toggle (self->primary_key_button, attribute && attribute->primary_key);
  set_toggle (self->not_null_button, attribute && !attribute->nullable);
  set_toggle (self->unique_button, attribute && attribute->unique);
  gtk_widget_set_visible (self->primary_key_button,
                          self->allow_primary_key || (attribute && attribute->primary_key));
  /* A new attribute has no more settings until it exists; the button keeps its place so the columns line up. */
  gtk_widget_set_sensitive (self->expand_button, attribute != NULL);
  gtk_widget_set_opacity (self->expand_button, attribute != NULL ? 1.0 : 0.0);
  gtk_widget_set_tooltip_text (self->name_entry, attribute ? "Name" : "Name of a new attribute: Enter adds it");
  self->syncing = FALSE;
}

void
cardinal_attribute_row_set_attribute (CardinalAttributeRow    *self,
                                      const CardinalAttribute *attribute)
{
  CardinalAttribute *before;

  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  before = g_steal_pointer (&self->shown);
  self->shown = attribute ? cardinal_attribute_copy (attribute) : NULL;
  show_values (self, attribute, before, FALSE);
  g_clear_pointer (&before, cardinal_attribute_free);
}

void
cardinal_attribute_row_revert (CardinalAttributeRow *self)
{
  GtkWidget *entries[] = { self->name_entry, self->type_entry, self->default_entry };

  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  show_values (self, self->shown, NULL, TRUE);
  cardinal_attribute_row_set_error (self, CARDINAL_ATTRIBUTE_ROW_N_FIELDS, NULL);
  /* As when the field was entered: what is typed next replaces it. */
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (cardinal_form_holds_focus (entries[i]))
      gtk_editable_select_region (GTK_EDITABLE (entries[i]), 0, -1);
}

gboolean
cardinal_attribute_row_is_modified (CardinalAttributeRow *self)
{
  const CardinalAttribute *shown = self->shown;
  g_autofree char *name = cardinal_form_editable_text (self->name_entry);
  g_autofree char *type = cardinal_form_editable_text (self->type_entry);
  g_autofree char *value = cardinal_form_editable_text (self->default_entry);

  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self), FALSE);

  return !g_str_equal (name, shown ? shown->name : "") ||
         !g_str_equal (type, shown ? shown->type : "") ||
         !g_str_equal (value, shown && shown->default_value ? shown->default_value : "") ||
         gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->primary_key_button)) != (shown && shown->primary_key) ||
         gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->not_null_button)) != (shown && !shown->nullable) ||
         gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->unique_button)) != (shown && shown->unique);
}

CardinalAttribute *
cardinal_attribute_row_read (CardinalAttributeRow       *self,
                             const CardinalAttribute    *base,
                             CardinalAttributeRowField  *field,
                             char                      **error_message)
{
  g_autofree char *name = NULL;
  g_autofree char *type_text = NULL;
  g_autofree char *value = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *canonical = NULL;
  CardinalAttribute *attribute;
  gboolean primary_key;

  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self), NULL);

  name = cardinal_form_editable_text (self->name_entry);
  type_text = cardinal_form_editable_text (self->type_entry);
  value = cardinal_form_editable_text (self->default_entry);
  if (*name == '\0')
    {
      *field = CARDINAL_ATTRIBUTE_ROW_NAME;
      *error_message = g_strdup ("An attribute needs a name");
      return NULL;
    }
  /* A new attribute typed without a type is text, the most forgiving one. */
  if (*type_text == '\0' && base == NULL)
    {
      g_free (type_text);
      type_text = g_strdup ("text");
    }
  canonical = cardinal_type_canonical (type_text, &problem);
  if (canonical == NULL)
    {
      *field = CARDINAL_ATTRIBUTE_ROW_TYPE;
      *error_message = g_strdup_printf ("The type “%s” is not one: %s", type_text, problem);
      return NULL;
    }

  attribute = base ? cardinal_attribute_copy (base) : cardinal_attribute_new (name, "text");
  g_free (attribute->name);
  attribute->name = g_steal_pointer (&name);
  g_free (attribute->type);
  attribute->type = g_steal_pointer (&canonical);
  /* sql-type is the type as declared in the dialect: a new type replaces it. */
  if (base != NULL && !g_str_equal (attribute->type, base->type))
    g_clear_pointer (&attribute->sql_type, g_free);
  g_free (attribute->default_value);
  attribute->default_value = *value ? g_steal_pointer (&value) : NULL;

  primary_key = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->primary_key_button));
  /* A key column is never NULL: turning the key on settles it. */
  if (primary_key && !attribute->primary_key)
    attribute->nullable = FALSE;
  else
    attribute->nullable = !gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->not_null_button));
  attribute->primary_key = primary_key;
  if (!primary_key)
    attribute->autoincrement = FALSE;
  attribute->unique = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->unique_button));
  return attribute;
}

void
cardinal_attribute_row_set_error (CardinalAttributeRow      *self,
                                  CardinalAttributeRowField  field,
                                  const char                *message)
{
  GtkWidget *entries[] = { self->name_entry, self->type_entry, self->default_entry };
  GtkWidget *marked = NULL;

  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  if (message != NULL && field < CARDINAL_ATTRIBUTE_ROW_N_FIELDS)
    marked = cardinal_attribute_row_get_field (self, field);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entries[i] == marked)
      gtk_widget_add_css_class (entries[i], "error");
    else
      gtk_widget_remove_css_class (entries[i], "error");
  gtk_label_set_text (GTK_LABEL (self->error_label), message ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
}

const char *
cardinal_attribute_row_get_error (CardinalAttributeRow *self)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self), NULL);

  return gtk_widget_get_visible (self->error_label) ? gtk_label_get_text (GTK_LABEL (self->error_label)) : NULL;
}

void
cardinal_attribute_row_set_type_names (CardinalAttributeRow *self,
                                       const char * const   *names)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  g_strfreev (self->type_names);
  self->type_names = g_strdupv ((char **) names);
}

void
cardinal_attribute_row_set_allow_primary_key (CardinalAttributeRow *self,
                                              gboolean              allow)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  self->allow_primary_key = allow;
  gtk_widget_set_visible (self->primary_key_button,
                          allow || (self->shown && self->shown->primary_key));
}

GtkWidget *
cardinal_attribute_row_get_field (CardinalAttributeRow      *self,
                                  CardinalAttributeRowField  field)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self), NULL);

  switch (field)
    {
    case CARDINAL_ATTRIBUTE_ROW_NAME:        return self->name_entry;
    case CARDINAL_ATTRIBUTE_ROW_TYPE:        return self->type_entry;
    case CARDINAL_ATTRIBUTE_ROW_PRIMARY_KEY: return self->primary_key_button;
    case CARDINAL_ATTRIBUTE_ROW_NOT_NULL:    return self->not_null_button;
    case CARDINAL_ATTRIBUTE_ROW_UNIQUE:      return self->unique_button;
    case CARDINAL_ATTRIBUTE_ROW_DEFAULT:     return self->default_entry;
    case CARDINAL_ATTRIBUTE_ROW_EXPAND:      return self->expand_button;
    case CARDINAL_ATTRIBUTE_ROW_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

GtkListBox *
cardinal_attribute_row_get_details (CardinalAttributeRow *self)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self), NULL);

  return self->details;
}

gboolean
cardinal_attribute_row_get_expanded (CardinalAttributeRow *self)
{
  g_return_val_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self), FALSE);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->expand_button));
}

void
cardinal_attribute_row_set_expanded (CardinalAttributeRow *self,
                                     gboolean              expanded)
{
  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  set_toggle (self->expand_button, expanded);
}

void
cardinal_attribute_row_focus (CardinalAttributeRow      *self,
                              CardinalAttributeRowField  field)
{
  GtkWidget *widget;

  g_return_if_fail (CARDINAL_IS_ATTRIBUTE_ROW (self));

  widget = cardinal_attribute_row_get_field (self, field);
  gtk_widget_grab_focus (widget);
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_select_region (GTK_EDITABLE (widget), 0, -1);
}

/* Keys and focus ------------------------------------------------------------ */

static void
emit_commit (CardinalAttributeRow *self,
             gboolean              move_on)
{
  if (!self->syncing)
    g_signal_emit (self, signals[COMMIT], 0, move_on);
}

static gboolean
line_key_pressed (GtkEventControllerKey *controller,
                  guint                  keyval,
                  guint                  keycode,
                  GdkModifierType        state,
                  CardinalAttributeRow  *self)
{
  /* Keys that come faster than the main loop turns (a paste of keystrokes,
   * a fast typist) see the completion of what came before them. */
  if (self->complete_source != 0)
    {
      g_clear_handle_id (&self->complete_source, g_source_remove);
      complete_type (self);
    }
  if (self->suggestion >= 0)
    switch (keyval)
      {
      case GDK_KEY_Tab:
      case GDK_KEY_ISO_Left_Tab:
      case GDK_KEY_KP_Tab:
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_ISO_Enter:
        accept_suggestion (self);
        break;
      case GDK_KEY_Right:
      case GDK_KEY_KP_Right:
      case GDK_KEY_End:
      case GDK_KEY_KP_End:
        accept_suggestion (self);
        return TRUE;
      case GDK_KEY_BackSpace:
      case GDK_KEY_Delete:
      case GDK_KEY_KP_Delete:
        /* The first takes back the suggestion, as a selection would be. */
        drop_suggestion (self);
        return TRUE;
      case GDK_KEY_Escape:
        break;
      default:
        {
          GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

          if (event == NULL || !gdk_key_event_is_modifier (event))
            drop_suggestion (self);
        }
        break;
      }

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      emit_commit (self, TRUE);
      return TRUE;

    case GDK_KEY_Escape:
      /* Only an edit is cancelled; with nothing to cancel Escape goes on up. */
      if (!cardinal_attribute_row_is_modified (self) && cardinal_attribute_row_get_error (self) == NULL)
        return FALSE;
      cardinal_attribute_row_revert (self);
      return TRUE;

    default:
      return FALSE;
    }
}

/* Enter without a key event (an input method, assistive technology). */
static void
entry_activated (GtkEntry             *entry,
                 CardinalAttributeRow *self)
{
  emit_commit (self, TRUE);
}

static void
type_left (GtkEventControllerFocus *controller,
           CardinalAttributeRow    *self)
{
  accept_suggestion (self);
}

static void
line_left (GtkEventControllerFocus *controller,
           CardinalAttributeRow    *self)
{
  if (cardinal_attribute_row_is_modified (self))
    emit_commit (self, FALSE);
}

static void
flag_toggled (GtkToggleButton      *button,
              CardinalAttributeRow *self)
{
  /* The key goes with not null: show it at once, as the model will have it. */
  if (!self->syncing && GTK_WIDGET (button) == self->primary_key_button &&
      gtk_toggle_button_get_active (button))
    {
      self->syncing = TRUE;
      set_toggle (self->not_null_button, TRUE);
      self->syncing = FALSE;
    }
  if (!self->syncing)
    emit_commit (self, FALSE);
}

static void
expand_toggled (GtkToggleButton      *button,
                CardinalAttributeRow *self)
{
  gboolean expanded = gtk_toggle_button_get_active (button);

  gtk_button_set_icon_name (GTK_BUTTON (button), expanded ? "pan-down-symbolic" : "pan-end-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), expanded ? "Fewer Settings" : "All Settings");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPANDED]);
}

/* GObject ----------------------------------------------------------------- */

static void
cardinal_attribute_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CardinalAttributeRow *self = CARDINAL_ATTRIBUTE_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      g_value_set_boolean (value, cardinal_attribute_row_get_expanded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_attribute_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CardinalAttributeRow *self = CARDINAL_ATTRIBUTE_ROW (object);

  switch (prop_id)
    {
    case PROP_EXPANDED:
      cardinal_attribute_row_set_expanded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_attribute_row_dispose (GObject *object)
{
  CardinalAttributeRow *self = CARDINAL_ATTRIBUTE_ROW (object);

  g_clear_handle_id (&self->complete_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (object), CARDINAL_TYPE_ATTRIBUTE_ROW);

  G_OBJECT_CLASS (cardinal_attribute_row_parent_class)->dispose (object);
}

static void
cardinal_attribute_row_finalize (GObject *object)
{
  CardinalAttributeRow *self = CARDINAL_ATTRIBUTE_ROW (object);

  g_clear_pointer (&self->shown, cardinal_attribute_free);
  g_strfreev (self->type_names);

  G_OBJECT_CLASS (cardinal_attribute_row_parent_class)->finalize (object);
}

static void
cardinal_attribute_row_class_init (CardinalAttributeRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cardinal_attribute_row_get_property;
  object_class->set_property = cardinal_attribute_row_set_property;
  object_class->dispose = cardinal_attribute_row_dispose;
  object_class->finalize = cardinal_attribute_row_finalize;

  properties[PROP_EXPANDED] =
    g_param_spec_boolean ("expanded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMMIT] =
    g_signal_new ("commit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-attribute-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, line);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, type_entry);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, primary_key_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, not_null_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, unique_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, default_entry);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, expand_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalAttributeRow, details);
  gtk_widget_class_bind_template_callback (widget_class, flag_toggled);
  gtk_widget_class_bind_template_callback (widget_class, expand_toggled);
}

static void
cardinal_attribute_row_init (CardinalAttributeRow *self)
{
  GtkEventController *keys;
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->allow_primary_key = TRUE;
  self->suggestion = -1;

  /* Before the entries see them: Enter commits the whole line, Escape cancels it. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (line_key_pressed), self);
  gtk_widget_add_controller (self->line, keys);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (line_left), self);
  gtk_widget_add_controller (self->line, focus);

  /* Before the line's: a suggestion left by a click elsewhere is taken. */
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (type_left), self);
  gtk_widget_add_controller (self->type_entry, focus);

  g_signal_connect (self->name_entry, "activate", G_CALLBACK (entry_activated), self);
  g_signal_connect (self->type_entry, "activate", G_CALLBACK (entry_activated), self);
  g_signal_connect (self->default_entry, "activate", G_CALLBACK (entry_activated), self);
  g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (self->type_entry)), "insert-text",
                    G_CALLBACK (type_text_inserted), self);
  g_signal_connect (self->type_entry, "changed", G_CALLBACK (type_changed), self);

  show_values (self, NULL, NULL, TRUE);
}

GtkWidget *
cardinal_attribute_row_new (void)
{
  return g_object_new (CARDINAL_TYPE_ATTRIBUTE_ROW, NULL);
}
