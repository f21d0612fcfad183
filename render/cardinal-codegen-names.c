/* cardinal-codegen-names.c: maps model names (any UTF-8) to valid, unique and stable C identifiers. */
#include "cardinal-codegen.h"

#include <string.h>

/* C11 keywords plus the C23 ones and the macros of <stdbool.h>, so that the
 * generated code stays valid whichever standard a user compiles it with. */
static const char * const c_keywords[] = {
  "_Alignas", "_Alignof", "_Atomic", "_BitInt", "_Bool", "_Complex", "_Decimal128",
  "_Decimal32", "_Decimal64", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert",
  "_Thread_local", "alignas", "alignof", "auto", "bool", "break", "case", "char",
  "const", "constexpr", "continue", "default", "do", "double", "else", "enum",
  "extern", "false", "float", "for", "goto", "if", "inline", "int", "long",
  "nullptr", "register", "restrict", "return", "short", "signed", "sizeof",
  "static", "static_assert", "struct", "switch", "thread_local", "true", "typedef",
  "typeof", "typeof_unqual", "union", "unsigned", "void", "volatile", "while",
  NULL
};

gboolean
cardinal_codegen_is_c_keyword (const char *word)
{
  guint i;

  g_return_val_if_fail (word != NULL, FALSE);

  for (i = 0; c_keywords[i] != NULL; i++)
    if (strcmp (c_keywords[i], word) == 0)
      return TRUE;
  return FALSE;
}

/* g_str_to_ascii() depends on the locale for some letters; these are fixed
 * here so that the mapping is the same on every machine. */
static const char *
transliterate (gunichar c)
{
  static const struct { gunichar c; const char *ascii; } table[] = {
    { 0x00DF, "ss" }, { 0x00C4, "Ae" }, { 0x00D6, "Oe" }, { 0x00DC, "Ue" },
    { 0x00E4, "ae" }, { 0x00F6, "oe" }, { 0x00FC, "ue" }, { 0x00C6, "AE" },
    { 0x00E6, "ae" }, { 0x0152, "OE" }, { 0x0153, "oe" }, { 0x00D8, "O" },
    { 0x00F8, "o" },  { 0x00D0, "D" },  { 0x00F0, "d" },  { 0x00DE, "Th" },
    { 0x00FE, "th" }, { 0x0141, "L" },  { 0x0142, "l" },  { 0x0131, "i" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].c == c)
      return table[i].ascii;
  return NULL;
}

/* A Latin letter with marks decomposes (NFD) into an ASCII letter followed by
 * combining marks; returns that letter, or 0. */
static char
base_letter (gunichar c)
{
  gunichar decomposed[8];
  gsize n;

  n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
  if (n >= 1 && decomposed[0] < 0x80 && g_ascii_isalnum ((char) decomposed[0]))
    return (char) decomposed[0];
  return 0;
}

static void
append_separator (GString *out)
{
  if (out->len > 0 && out->str[out->len - 1] != '_')
    g_string_append_c (out, '_');
}

char *
cardinal_codegen_c_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  for (p = name; *p != '\0'; )
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *ascii;
      char letter;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte itself, in hex, keeps the mapping injective enough. */
          append_separator (out);
          g_string_append_printf (out, "x%02X_", (guint) (guchar) *p);
          p++;
          continue;
        }
      p = g_utf8_next_char (p);

      if (c < 0x80 && (g_ascii_isalnum ((char) c) || c == '_'))
        g_string_append_c (out, (char) c);
      else if (c < 0x80)
        append_separator (out);   /* spaces, punctuation, quotes */
      else if ((ascii = transliterate (c)) != NULL)
        g_string_append (out, ascii);
      else if ((letter = base_letter (c)) != 0)
        g_string_append_c (out, letter);
      else
        {
          append_separator (out);
          g_string_append_printf (out, "u%04X_", (guint) c);
        }
    }

  /* Leading underscores are reserved to the implementation in C, and runs of
   * them come only from separators. */
  while (out->len > 0 && out->str[0] == '_')
    g_string_erase (out, 0, 1);
  while (out->len > 0 && out->str[out->len - 1] == '_')
    g_string_truncate (out, out->len - 1);

  if (out->len == 0)
    g_string_assign (out, "unnamed");
  else if (g_ascii_isdigit (out->str[0]))
    g_string_prepend (out, "n");

  if (cardinal_codegen_is_c_keyword (out->str))
    g_string_append_c (out, '_');

  return g_string_free (g_steal_pointer (&out), FALSE);
}

char *
cardinal_codegen_type_name (const char *c_name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean upper = TRUE;
  const char *p;

  g_return_val_if_fail (c_name != NULL, NULL);

  for (p = c_name; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          /* "a__b" and "a_b" would meet otherwise; keep the extra ones. */
          if (upper && out->len > 0)
            g_string_append_c (out, '_');
          upper = TRUE;
          continue;
        }
      g_string_append_c (out, upper ? g_ascii_toupper (*p) : *p);
      upper = FALSE;
    }
  if (out->len == 0)
    g_string_assign (out, "Unnamed");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
is_vowel (char c)
{
  return strchr ("aeiouAEIOU", c) != NULL;
}

char *
cardinal_codegen_plural (const char *c_name)
{
  gsize len;

  g_return_val_if_fail (c_name != NULL, NULL);

  len = strlen (c_name);
  if (len >= 2 && (c_name[len - 1] == 'y' || c_name[len - 1] == 'Y') && !is_vowel (c_name[len - 2])
      && c_name[len - 2] != '_')
    return g_strdup_printf ("%.*sies", (int) (len - 1), c_name);
  if (len >= 1 && strchr ("sxzSXZ", c_name[len - 1]) != NULL)
    return g_strdup_printf ("%ses", c_name);
  if (len >= 2 && (c_name[len - 1] == 'h' || c_name[len - 1] == 'H')
      && strchr ("csCS", c_name[len - 2]) != NULL)
    return g_strdup_printf ("%ses", c_name);
  if (len >= 1 && c_name[len - 1] == '_')
    return g_strdup_printf ("%slist", c_name);
  return g_strdup_printf ("%ss", c_name);
}

struct _CardinalCodegenNames
{
  GHashTable *taken;   /* identifier → itself, owned */
};

CardinalCodegenNames *
cardinal_codegen_names_new (void)
{
  CardinalCodegenNames *names = g_new0 (CardinalCodegenNames, 1);

  names->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return names;
}

void
cardinal_codegen_names_free (CardinalCodegenNames *names)
{
  if (names == NULL)
    return;
  g_hash_table_unref (names->taken);
  g_free (names);
}

void
cardinal_codegen_names_reserve (CardinalCodegenNames *names,
                                const char           *identifier)
{
  g_return_if_fail (names != NULL);
  g_return_if_fail (identifier != NULL);

  if (!g_hash_table_contains (names->taken, identifier))
    {
      char *copy = g_strdup (identifier);

      g_hash_table_insert (names->taken, copy, copy);
    }
}

const char *
cardinal_codegen_names_claim (CardinalCodegenNames *names,
                              const char           *base)
{
  g_autofree char *candidate = NULL;
  char *stored;
  guint n;

  g_return_val_if_fail (names != NULL, NULL);
  g_return_val_if_fail (base != NULL, NULL);

  candidate = g_strdup (base);
  for (n = 2; g_hash_table_contains (names->taken, candidate); n++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", base, n);
    }
  stored = g_steal_pointer (&candidate);
  g_hash_table_insert (names->taken, stored, stored);
  return stored;
}
