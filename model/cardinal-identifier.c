/* cardinal-identifier.c: identifier checks, reserved words, quoting and 63-byte fitting. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-identifier.h"

#include <string.h>

/* Words that PostgreSQL reserves, plus those SQLite will not take unquoted as names. */
static const char * const reserved_words[] = {
  "add", "all", "alter", "analyse", "analyze", "and", "any", "array", "as", "asc",
  "asymmetric", "authorization", "autoincrement", "between", "binary", "both", "case",
  "cast", "check", "collate", "collation", "column", "commit", "concurrently",
  "constraint", "create", "cross", "current_catalog", "current_date", "current_role",
  "current_schema", "current_time", "current_timestamp", "current_user", "default",
  "deferrable", "delete", "desc", "distinct", "do", "drop", "else", "end", "escape",
  "except", "exists", "false", "fetch", "for", "foreign", "freeze", "from", "full",
  "glob", "grant", "group", "having", "ilike", "in", "index", "initially", "inner",
  "insert", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left",
  "like", "limit", "localtime", "localtimestamp", "natural", "not", "nothing", "notnull",
  "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing",
  "primary", "references", "regexp", "returning", "right", "select", "session_user",
  "set", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then",
  "to", "trailing", "transaction", "true", "union", "unique", "update", "user", "using",
  "values", "variadic", "verbose", "when", "where", "window", "with",
};

const char *
cardinal_identifier_problem (const char *name)
{
  const char *p;

  if (name == NULL || name[0] == '\0')
    return "is empty";
  if (!g_utf8_validate (name, -1, NULL))
    return "is not valid UTF-8";

  for (p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        return "contains a control character";
    }

  if (g_unichar_isspace (g_utf8_get_char (name)) ||
      g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (name + strlen (name)))))
    return "starts or ends with a space";

  return NULL;
}

static int
compare_words (const void *a,
               const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
cardinal_identifier_is_reserved (const char *name)
{
  g_autofree char *lower = NULL;
  const char *key;

  g_return_val_if_fail (name != NULL, FALSE);

  lower = g_ascii_strdown (name, -1);
  key = lower;
  return bsearch (&key, reserved_words, G_N_ELEMENTS (reserved_words),
                  sizeof reserved_words[0], compare_words) != NULL;
}

void
cardinal_identifier_append_quoted (GString    *out,
                                   const char *name)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (name != NULL);

  g_string_append_c (out, '"');
  for (const char *p = name; *p != '\0';)
    {
      gsize run = strcspn (p, "\"");

      g_string_append_len (out, p, run);
      p += run;
      if (*p == '"')
        {
          g_string_append (out, "\"\"");
          p++;
        }
    }
  g_string_append_c (out, '"');
}

char *
cardinal_identifier_quote (const char *name)
{
  GString *out;

  g_return_val_if_fail (name != NULL, NULL);

  out = g_string_sized_new (strlen (name) + 2);
  cardinal_identifier_append_quoted (out, name);
  return g_string_free (out, FALSE);
}

/* FNV-1a: stable across runs and platforms, unlike g_str_hash's contract. */
static guint32
stable_hash (const char *s)
{
  guint32 h = 2166136261u;

  for (; *s != '\0'; s++)
    {
      h ^= (guchar) *s;
      h *= 16777619u;
    }
  return h;
}

char *
cardinal_identifier_fit (const char *name)
{
  const gsize suffix_length = 9; /* "_" + 8 hex digits */
  gsize keep;

  g_return_val_if_fail (name != NULL, NULL);

  if (strlen (name) <= CARDINAL_IDENTIFIER_MAX_BYTES)
    return g_strdup (name);

  keep = CARDINAL_IDENTIFIER_MAX_BYTES - suffix_length;
  /* Step back to the start of a UTF-8 character so the cut stays valid text. */
  while (keep > 0 && ((guchar) name[keep] & 0xC0) == 0x80)
    keep--;

  return g_strdup_printf ("%.*s_%08x", (int) keep, name, stable_hash (name));
}

/* The longest prefix of @text of at most @limit bytes that ends on a UTF-8
 * character boundary. */
static gsize
clip_utf8 (const char *text,
           gsize       limit)
{
  gsize length = strlen (text);

  if (length <= limit)
    return length;
  while (limit > 0 && ((guchar) text[limit] & 0xC0) == 0x80)
    limit--;
  return limit;
}

char *
cardinal_identifier_postgresql_name (const char         *table,
                                     const char * const *columns,
                                     const char         *label)
{
  GString *joined = g_string_new (NULL);
  GString *out;
  gsize overhead = 0;
  gsize table_length, columns_length, room;
  gboolean has_columns = columns != NULL && columns[0] != NULL;

  g_return_val_if_fail (table != NULL, NULL);

  /* The column part is built first and stops growing once it alone is
   * longer than any name can be; each column contributes at most 63 bytes. */
  for (guint i = 0; has_columns && columns[i] != NULL; i++)
    {
      if (joined->len > 0)
        g_string_append_c (joined, '_');
      g_string_append_len (joined, columns[i], MIN (strlen (columns[i]), CARDINAL_IDENTIFIER_MAX_BYTES));
      if (joined->len > CARDINAL_IDENTIFIER_MAX_BYTES)
        break;
    }

  if (has_columns)
    overhead += 1;
  if (label != NULL)
    overhead += strlen (label) + 1;
  room = CARDINAL_IDENTIFIER_MAX_BYTES > overhead ? CARDINAL_IDENTIFIER_MAX_BYTES - overhead : 0;

  table_length = strlen (table);
  columns_length = joined->len;
  /* Shorten whichever part is longer, a byte at a time, until both fit. */
  while (table_length + columns_length > room)
    {
      if (table_length > columns_length)
        table_length--;
      else
        columns_length--;
    }
  table_length = clip_utf8 (table, table_length);
  columns_length = clip_utf8 (joined->str, columns_length);

  out = g_string_new (NULL);
  g_string_append_len (out, table, table_length);
  if (has_columns)
    {
      g_string_append_c (out, '_');
      g_string_append_len (out, joined->str, columns_length);
    }
  if (label != NULL)
    {
      g_string_append_c (out, '_');
      g_string_append (out, label);
    }
  g_string_free (joined, TRUE);
  return g_string_free (out, FALSE);
}

char *
cardinal_identifier_fold (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  if (!g_utf8_validate (name, -1, NULL))
    return g_ascii_strdown (name, -1);
  return g_utf8_casefold (name, -1);
}

static gboolean
is_ascii (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* The hash is taken over the folded bytes either way, so a non-ASCII name
 * lands next to the ASCII name it folds to. */
guint
cardinal_identifier_fold_hash (gconstpointer key)
{
  const char *name = key;
  g_autofree char *folded = NULL;
  guint hash = 5381;

  /* One pass for the usual ASCII name, lowered inline (this hashes every
   * name of a schema during inference); the fold only for the rest. */
  for (const char *p = name; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        {
          hash = 5381;
          name = folded = cardinal_identifier_fold (name);
          for (p = name; *p != '\0'; p++)
            hash = hash * 33 + (guchar) g_ascii_tolower (*p);
          return hash;
        }
      hash = hash * 33 + (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
  return hash;
}

gboolean
cardinal_identifier_fold_equal (gconstpointer a,
                                gconstpointer b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;

  if (is_ascii (a) && is_ascii (b))
    return g_ascii_strcasecmp (a, b) == 0;
  folded_a = cardinal_identifier_fold (a);
  folded_b = cardinal_identifier_fold (b);
  return strcmp (folded_a, folded_b) == 0;
}
