/* cardinal-objects.c: constructors, deep copies and destructors of the schema objects both models share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-objects.h"

#include <string.h>

static GStrv
strv_copy_or_null (const char * const *strv)
{
  return strv != NULL ? g_strdupv ((GStrv) strv) : NULL;
}

CardinalCheck *
cardinal_check_new (const char *name,
                    const char *expression)
{
  CardinalCheck *check = g_new0 (CardinalCheck, 1);

  check->name = g_strdup (name);
  check->expression = g_strdup (expression != NULL ? expression : "");
  return check;
}

CardinalCheck *
cardinal_check_copy (const CardinalCheck *check)
{
  g_return_val_if_fail (check != NULL, NULL);
  return cardinal_check_new (check->name, check->expression);
}

void
cardinal_check_free (CardinalCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->name);
  g_free (check->expression);
  g_free (check);
}

CardinalUnique *
cardinal_unique_new (const char * const *columns)
{
  CardinalUnique *unique = g_new0 (CardinalUnique, 1);

  unique->columns = columns != NULL ? g_strdupv ((GStrv) columns) : g_new0 (char *, 1);
  return unique;
}

CardinalUnique *
cardinal_unique_copy (const CardinalUnique *unique)
{
  CardinalUnique *copy;

  g_return_val_if_fail (unique != NULL, NULL);

  copy = g_memdup2 (unique, sizeof *unique);
  copy->name = g_strdup (unique->name);
  copy->columns = strv_copy_or_null ((const char * const *) unique->columns);
  copy->include = strv_copy_or_null ((const char * const *) unique->include);
  return copy;
}

void
cardinal_unique_free (CardinalUnique *unique)
{
  if (unique == NULL)
    return;
  g_free (unique->name);
  g_strfreev (unique->columns);
  g_strfreev (unique->include);
  g_free (unique);
}

CardinalIndexKey *
cardinal_index_key_copy (const CardinalIndexKey *key)
{
  CardinalIndexKey *copy;

  g_return_val_if_fail (key != NULL, NULL);

  copy = g_memdup2 (key, sizeof *key);
  copy->column = g_strdup (key->column);
  copy->expression = g_strdup (key->expression);
  copy->collation = g_strdup (key->collation);
  copy->opclass = g_strdup (key->opclass);
  return copy;
}

void
cardinal_index_key_free (CardinalIndexKey *key)
{
  if (key == NULL)
    return;
  g_free (key->column);
  g_free (key->expression);
  g_free (key->collation);
  g_free (key->opclass);
  g_free (key);
}

CardinalIndex *
cardinal_index_new (const char         *name,
                    const char * const *columns,
                    gboolean            unique)
{
  CardinalIndex *index = g_new0 (CardinalIndex, 1);

  index->name = g_strdup (name);
  index->columns = columns != NULL ? g_strdupv ((GStrv) columns) : g_new0 (char *, 1);
  index->unique = unique;
  return index;
}

CardinalIndex *
cardinal_index_copy (const CardinalIndex *index)
{
  CardinalIndex *copy;

  g_return_val_if_fail (index != NULL, NULL);

  copy = g_memdup2 (index, sizeof *index);
  copy->name = g_strdup (index->name);
  copy->columns = strv_copy_or_null ((const char * const *) index->columns);
  copy->keys = index->keys != NULL ? cardinal_index_key_array_copy (index->keys) : NULL;
  copy->method = g_strdup (index->method);
  copy->where = g_strdup (index->where);
  copy->include = strv_copy_or_null ((const char * const *) index->include);
  return copy;
}

void
cardinal_index_free (CardinalIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->name);
  g_strfreev (index->columns);
  if (index->keys != NULL)
    g_ptr_array_unref (index->keys);
  g_free (index->method);
  g_free (index->where);
  g_strfreev (index->include);
  g_free (index);
}

gboolean
cardinal_index_is_plain (const CardinalIndex *index)
{
  g_return_val_if_fail (index != NULL, FALSE);

  if (index->method != NULL || index->where != NULL || index->include != NULL ||
      index->nulls_not_distinct)
    return FALSE;
  for (guint i = 0; index->keys != NULL && i < index->keys->len; i++)
    {
      const CardinalIndexKey *key = g_ptr_array_index (index->keys, i);

      if (key->column == NULL || key->expression != NULL || key->collation != NULL ||
          key->opclass != NULL || key->descending || key->nulls != CARDINAL_NULLS_DEFAULT)
        return FALSE;
    }
  for (guint i = 0; index->columns != NULL && index->columns[i] != NULL; i++)
    if (index->columns[i][0] == '\0')
      return FALSE;
  return TRUE;
}

CardinalSequence *
cardinal_sequence_new (const char *name)
{
  CardinalSequence *sequence = g_new0 (CardinalSequence, 1);

  sequence->name = g_strdup (name);
  return sequence;
}

CardinalSequence *
cardinal_sequence_copy (const CardinalSequence *sequence)
{
  CardinalSequence *copy;

  g_return_val_if_fail (sequence != NULL, NULL);

  copy = g_memdup2 (sequence, sizeof *sequence);
  copy->name = g_strdup (sequence->name);
  copy->schema = g_strdup (sequence->schema);
  copy->type = g_strdup (sequence->type);
  copy->owned_by = g_strdup (sequence->owned_by);
  return copy;
}

void
cardinal_sequence_free (CardinalSequence *sequence)
{
  if (sequence == NULL)
    return;
  g_free (sequence->name);
  g_free (sequence->schema);
  g_free (sequence->type);
  g_free (sequence->owned_by);
  g_free (sequence);
}

CardinalUserType *
cardinal_user_type_new (const char           *name,
                        CardinalUserTypeKind  kind)
{
  CardinalUserType *type = g_new0 (CardinalUserType, 1);

  type->name = g_strdup (name != NULL ? name : "");
  type->kind = kind;
  type->values = g_new0 (char *, 1);
  type->nullable = TRUE;
  type->checks = cardinal_check_array_new ();
  type->comment = g_strdup ("");
  return type;
}

CardinalUserType *
cardinal_user_type_copy (const CardinalUserType *type)
{
  CardinalUserType *copy;

  g_return_val_if_fail (type != NULL, NULL);

  copy = g_memdup2 (type, sizeof *type);
  copy->name = g_strdup (type->name);
  copy->schema = g_strdup (type->schema);
  copy->values = strv_copy_or_null ((const char * const *) type->values);
  copy->base = g_strdup (type->base);
  copy->default_value = g_strdup (type->default_value);
  copy->collation = g_strdup (type->collation);
  copy->checks = cardinal_check_array_copy (type->checks);
  copy->comment = g_strdup (type->comment);
  return copy;
}

void
cardinal_user_type_free (CardinalUserType *type)
{
  if (type == NULL)
    return;
  g_free (type->name);
  g_free (type->schema);
  g_strfreev (type->values);
  g_free (type->base);
  g_free (type->default_value);
  g_free (type->collation);
  g_ptr_array_unref (type->checks);
  g_free (type->comment);
  g_free (type);
}

CardinalExtension *
cardinal_extension_copy (const CardinalExtension *extension)
{
  CardinalExtension *copy;

  g_return_val_if_fail (extension != NULL, NULL);

  copy = g_new0 (CardinalExtension, 1);
  copy->name = g_strdup (extension->name);
  copy->schema = g_strdup (extension->schema);
  return copy;
}

void
cardinal_extension_free (CardinalExtension *extension)
{
  if (extension == NULL)
    return;
  g_free (extension->name);
  g_free (extension->schema);
  g_free (extension);
}

CardinalSqlObject *
cardinal_sql_object_new (const char *name,
                         const char *kind,
                         int         dialect,
                         const char *sql)
{
  CardinalSqlObject *object = g_new0 (CardinalSqlObject, 1);

  object->name = g_strdup (name != NULL ? name : "");
  object->kind = g_strdup (kind != NULL ? kind : "statement");
  object->dialect = dialect;
  object->sql = g_strdup (sql != NULL ? sql : "");
  return object;
}

CardinalSqlObject *
cardinal_sql_object_copy (const CardinalSqlObject *object)
{
  CardinalSqlObject *copy;

  g_return_val_if_fail (object != NULL, NULL);

  copy = cardinal_sql_object_new (object->name, object->kind, object->dialect, object->sql);
  copy->depends_on = strv_copy_or_null ((const char * const *) object->depends_on);
  copy->before_tables = object->before_tables;
  return copy;
}

void
cardinal_sql_object_free (CardinalSqlObject *object)
{
  if (object == NULL)
    return;
  g_free (object->name);
  g_free (object->kind);
  g_free (object->sql);
  g_strfreev (object->depends_on);
  g_free (object);
}

/* new and deep copy for an array of @type, whose functions are @prefix_copy / @prefix_free. */
#define DEFINE_ARRAY(prefix, type)                                                        \
  GPtrArray *                                                                            \
  prefix##_array_new (void)                                                              \
  {                                                                                      \
    return g_ptr_array_new_with_free_func ((GDestroyNotify) prefix##_free);              \
  }                                                                                      \
                                                                                         \
  GPtrArray *                                                                            \
  prefix##_array_copy (GPtrArray *array)                                                 \
  {                                                                                      \
    GPtrArray *copy = g_ptr_array_new_full (array != NULL ? array->len : 0,              \
                                            (GDestroyNotify) prefix##_free);             \
                                                                                         \
    for (guint i = 0; array != NULL && i < array->len; i++)                              \
      g_ptr_array_add (copy, prefix##_copy ((const type *) g_ptr_array_index (array, i))); \
    return copy;                                                                         \
  }

DEFINE_ARRAY (cardinal_check, CardinalCheck)
DEFINE_ARRAY (cardinal_unique, CardinalUnique)
DEFINE_ARRAY (cardinal_index, CardinalIndex)
DEFINE_ARRAY (cardinal_index_key, CardinalIndexKey)
DEFINE_ARRAY (cardinal_sequence, CardinalSequence)
DEFINE_ARRAY (cardinal_user_type, CardinalUserType)
DEFINE_ARRAY (cardinal_extension, CardinalExtension)
DEFINE_ARRAY (cardinal_sql_object, CardinalSqlObject)

GPtrArray *
cardinal_string_array_copy (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array != NULL ? array->len : 0, g_free);

  for (guint i = 0; array != NULL && i < array->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (array, i)));
  return copy;
}

/* Notes, groups and the palette (format 3) ---------------------------------- */

CardinalNote *
cardinal_note_new (const char *text,
                   double      x,
                   double      y)
{
  CardinalNote *note = g_new0 (CardinalNote, 1);

  note->text = g_strdup (text != NULL ? text : "");
  note->x = x;
  note->y = y;
  note->width = CARDINAL_NOTE_DEFAULT_WIDTH;
  note->height = CARDINAL_NOTE_DEFAULT_HEIGHT;
  return note;
}

CardinalNote *
cardinal_note_copy (const CardinalNote *note)
{
  CardinalNote *copy = g_memdup2 (note, sizeof *note);

  copy->text = g_strdup (note->text);
  return copy;
}

void
cardinal_note_free (CardinalNote *note)
{
  if (note == NULL)
    return;
  g_free (note->text);
  g_free (note);
}

CardinalGroup *
cardinal_group_new (const char         *name,
                    const char * const *entities)
{
  CardinalGroup *group = g_new0 (CardinalGroup, 1);
  const char * const none[] = { NULL };

  group->name = g_strdup (name != NULL ? name : "");
  group->entities = g_strdupv ((char **) (entities != NULL ? entities : none));
  return group;
}

CardinalGroup *
cardinal_group_copy (const CardinalGroup *group)
{
  CardinalGroup *copy = cardinal_group_new (group->name, (const char * const *) group->entities);

  copy->color = g_strdup (group->color);
  return copy;
}

void
cardinal_group_free (CardinalGroup *group)
{
  if (group == NULL)
    return;
  g_free (group->name);
  g_free (group->color);
  g_strfreev (group->entities);
  g_free (group);
}

gboolean
cardinal_group_has_member (const CardinalGroup *group,
                           const char          *entity)
{
  return entity != NULL && g_strv_contains ((const char * const *) group->entities, entity);
}

DEFINE_ARRAY (cardinal_note, CardinalNote)
DEFINE_ARRAY (cardinal_group, CardinalGroup)

/* Mid-tone bases: views mix them with their own background (a light tint on
 * white, a dark one on the dark style), never draw them at full strength. */
static const CardinalPaletteColor palette[] = {
  { "red",    "Red",    "#e01b24" },
  { "orange", "Orange", "#ff7800" },
  { "yellow", "Yellow", "#e5a50a" },
  { "green",  "Green",  "#2ec27e" },
  { "teal",   "Teal",   "#0f9a9a" },
  { "blue",   "Blue",   "#3584e4" },
  { "purple", "Purple", "#9141ac" },
  { "grey",   "Grey",   "#77767b" },
};

const CardinalPaletteColor *
cardinal_palette_colors (guint *n_colors)
{
  if (n_colors != NULL)
    *n_colors = G_N_ELEMENTS (palette);
  return palette;
}

const CardinalPaletteColor *
cardinal_palette_lookup (const char *name)
{
  if (name == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    if (g_str_equal (palette[i].name, name))
      return &palette[i];
  return NULL;
}

gboolean
cardinal_color_to_rgb (const char *color,
                       double      rgb[3])
{
  const CardinalPaletteColor *named = cardinal_palette_lookup (color);
  gsize digits;

  if (named != NULL)
    color = named->rgb;
  if (color == NULL || color[0] != '#')
    return FALSE;

  digits = strlen (color + 1);
  if (digits != 3 && digits != 6)
    return FALSE;
  for (gsize i = 1; i <= digits; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;

  for (guint c = 0; c < 3; c++)
    {
      int value = digits == 3
        ? g_ascii_xdigit_value (color[1 + c]) * 17
        : g_ascii_xdigit_value (color[1 + 2 * c]) * 16 + g_ascii_xdigit_value (color[2 + 2 * c]);

      rgb[c] = value / 255.0;
    }
  return TRUE;
}

char *
cardinal_color_tint (const char *color,
                     double      amount)
{
  double rgb[3];
  guint out[3];

  if (!cardinal_color_to_rgb (color, rgb))
    return NULL;
  amount = CLAMP (amount, 0.0, 1.0);
  for (guint c = 0; c < 3; c++)
    out[c] = (guint) (255.0 * (1.0 - amount + amount * rgb[c]) + 0.5);
  return g_strdup_printf ("#%02x%02x%02x", out[0], out[1], out[2]);
}

gpointer
cardinal_find_named (GPtrArray  *array,
                     gsize       name_offset,
                     const char *name)
{
  for (guint i = 0; name != NULL && i < array->len; i++)
    {
      gpointer element = g_ptr_array_index (array, i);

      if (g_str_equal (G_STRUCT_MEMBER (const char *, element, name_offset), name))
        return element;
    }
  return NULL;
}
