/* cardinal-enum.c: enum values to and from their GType nicks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-enum.h"

/* The class is referenced once and kept: the nicks it holds are returned as static strings. */
static GEnumClass *
enum_class (GType type)
{
  GEnumClass *klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

const char *
cardinal_enum_to_nick (GType type,
                       int   value)
{
  GEnumValue *member = g_enum_get_value (enum_class (type), value);

  return member != NULL ? member->value_nick : NULL;
}

gboolean
cardinal_enum_from_nick (GType       type,
                         const char *nick,
                         gboolean    ignore_case,
                         int        *value)
{
  GEnumClass *klass;

  if (nick == NULL)
    return FALSE;
  klass = enum_class (type);
  for (guint i = 0; i < klass->n_values; i++)
    {
      const char *candidate = klass->values[i].value_nick;

      if (ignore_case ? g_ascii_strcasecmp (candidate, nick) == 0 : g_str_equal (candidate, nick))
        {
          *value = klass->values[i].value;
          return TRUE;
        }
    }
  return FALSE;
}
