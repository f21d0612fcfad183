/* cardinal-codegen-names.c: maps model names (any UTF-8) to valid, unique and stable C identifiers. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* A set of the words of @list, built once: every name of a large model is
 * looked up, so a scan of the list per name would cost too much. */
static GHashTable *
word_set (const char * const *list)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);
  guint i;

  for (i = 0; list[i] != NULL; i++)
    g_hash_table_add (set, (gpointer) list[i]);
  return set;
}

gboolean
cardinal_codegen_is_c_keyword (const char *word)
{
  static GHashTable *keywords = NULL;

  g_return_val_if_fail (word != NULL, FALSE);

  if (g_once_init_enter (&keywords))
    g_once_init_leave (&keywords, word_set (c_keywords));
  return g_hash_table_contains (keywords, word);
}

/* Identifiers (mostly macros) that the headers the generated code includes
 * define: <stdio.h>, <stdlib.h>, <string.h>, <stddef.h>, <stdint.h>,
 * <stdbool.h>, <limits.h>, <errno.h>, sqlite3.h and libpq-fe.h (also with
 * the GNU and POSIX extensions a compiler turns on by default). A struct
 * member or a function with one of these names would be rewritten by the
 * preprocessor or clash with a declaration. The prefixes below cover the
 * families; this list has the rest. */
static const char * const reserved_names[] = {
  "BIG_ENDIAN", "BUFSIZ", "BYTE_ORDER", "CHAR_BIT", "ConnStatusType", "EOF", "ExecStatusType", "FILE",
  "FILENAME_MAX", "FOPEN_MAX", "FULLY_WITHIN", "InvalidOid", "LITTLE_ENDIAN", "L_ctermid", "L_tmpnam",
  "MAX_CANON", "MAX_INPUT", "MB_CUR_MAX", "MB_LEN_MAX", "NFDBITS", "NOT_WITHIN", "NULL", "Oid",
  "PARTLY_WITHIN", "PDP_ENDIAN", "PIPE_BUF", "POSTGRES_EXT_H", "P_tmpdir", "PostgresPollingStatusType", "RAND_MAX",
  "TMP_MAX", "WCONTINUED", "WEXITED", "WEXITSTATUS", "WIFCONTINUED", "WIFEXITED", "WIFSIGNALED",
  "WIFSTOPPED", "WNOHANG", "WNOWAIT", "WSTOPPED", "WSTOPSIG", "WTERMSIG", "WUNTRACED", "alloca",
  "assert", "atooid", "be16toh", "be32toh", "be64toh", "errno", "htobe16", "htobe32", "htobe64",
  "htole16", "htole32", "htole64", "i386", "le16toh", "le32toh", "le64toh", "linux", "unix",
  "va_arg", "va_copy", "va_end", "va_start",
  "fpos_t", "max_align_t", "offsetof", "pg_char_to_encoding", "pg_encoding_to_char", "pg_int64",
  "pg_valid_server_encoding_id", "pgNotify", "pgthreadlock_t", "pqbool", "sqlite_int64",
  "sqlite_uint64", "stderr", "stdin", "stdout", "va_list", "wchar_t",
  NULL
};

/* Prefixes of whole families: the database clients' own names and the
 * standard macro families. */
static const char * const reserved_prefixes[] = {
  "SQLITE_", "SQLITE3_", "sqlite3", "Fts5", "fts5_", "FTS5_", "FD_", "PTHREAD_",
  "PG", "PQ", "CONNECTION_", "LIBPQ_", "OID_",
  "EXIT_", "SEEK_", "CHAR_", "SCHAR_", "UCHAR_", "SHRT_", "USHRT_", "INT_", "UINT_",
  "LONG_", "ULONG_", "LLONG_", "ULLONG_", "INT8_", "INT16_", "INT32_", "INT64_",
  "UINT8_", "UINT16_", "UINT32_", "UINT64_", "INTMAX_", "UINTMAX_", "INTPTR_", "UINTPTR_",
  "INT_LEAST", "INT_FAST", "UINT_LEAST", "UINT_FAST", "PTRDIFF_", "SIZE_", "SIG_ATOMIC_",
  "WCHAR_", "WINT_", "__bool_true_false", "_IO", NULL
};

static gboolean
all_upper (const char *word)
{
  const char *p;

  for (p = word; *p != '\0'; p++)
    if (g_ascii_islower (*p))
      return FALSE;
  return TRUE;
}

gboolean
cardinal_codegen_is_reserved (const char *word)
{
  static GHashTable *names = NULL;
  gsize len;
  guint i;

  g_return_val_if_fail (word != NULL, FALSE);

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, word_set (reserved_names));
  if (cardinal_codegen_is_c_keyword (word) || g_hash_table_contains (names, word))
    return TRUE;
  for (i = 0; reserved_prefixes[i] != NULL; i++)
    if (reserved_prefixes[i][0] == word[0]
        && strncmp (word, reserved_prefixes[i], strlen (reserved_prefixes[i])) == 0)
      return TRUE;
  len = strlen (word);
  /* <errno.h>: E followed by a digit or a capital, in capitals (EDOM, ERANGE, EINVAL…). */
  if (word[0] == 'E' && (g_ascii_isupper (word[1]) || g_ascii_isdigit (word[1])) && all_upper (word))
    return TRUE;
  /* Limits and constant macros in capitals: INT_MAX, SIZE_MAX, FLT_MIN, INT8_C, UINT64_WIDTH. */
  if (all_upper (word) && (g_str_has_suffix (word, "_MAX") || g_str_has_suffix (word, "_MIN")
                           || g_str_has_suffix (word, "_WIDTH") || (len > 2 && g_str_has_suffix (word, "_C"))))
    return TRUE;
  /* Types: POSIX reserves every name ending in _t (size_t, int64_t, off_t…). */
  if (len > 2 && g_str_has_suffix (word, "_t"))
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

  if (cardinal_codegen_is_reserved (out->str))
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
  else if (cardinal_codegen_is_reserved (out->str))
    g_string_append_c (out, '_');
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
  GHashTable *next;    /* base → the last suffix tried for it (guint), so that
                        * many claims of one base stay linear */
};

CardinalCodegenNames *
cardinal_codegen_names_new (void)
{
  CardinalCodegenNames *names = g_new0 (CardinalCodegenNames, 1);

  names->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names->next = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return names;
}

void
cardinal_codegen_names_free (CardinalCodegenNames *names)
{
  if (names == NULL)
    return;
  g_hash_table_unref (names->taken);
  g_hash_table_unref (names->next);
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
  if (g_hash_table_contains (names->taken, candidate))
    {
      /* Names are never released, so every suffix below the last one tried
       * for this base is still taken: start above it. */
      n = GPOINTER_TO_UINT (g_hash_table_lookup (names->next, base));
      if (n < 2)
        n = 2;
      do
        {
          g_free (candidate);
          candidate = g_strdup_printf ("%s_%u", base, n++);
        }
      while (g_hash_table_contains (names->taken, candidate));
      g_hash_table_replace (names->next, g_strdup (base), GUINT_TO_POINTER (n));
    }
  stored = g_steal_pointer (&candidate);
  g_hash_table_insert (names->taken, stored, stored);
  return stored;
}
