/* cardinal-types.c: parsing the type catalogue and spelling each type for SQLite and PostgreSQL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-types.h"
#include "cardinal-enum.h"
#include "cardinal-model-enums.h"

#include <string.h>

typedef struct
{
  const char       *name;
  CardinalTypeBase  base;
  const char       *sqlite;
  const char       *postgresql;
} TypeEntry;

/* Parameterised types (varchar, numeric) are spelled from the parsed values instead. */
static const TypeEntry catalogue[] = {
  { "integer",     CARDINAL_TYPE_INTEGER,     "INTEGER",          "integer" },
  { "bigint",      CARDINAL_TYPE_BIGINT,      "BIGINT",           "bigint" },
  { "smallint",    CARDINAL_TYPE_SMALLINT,    "SMALLINT",         "smallint" },
  { "text",        CARDINAL_TYPE_TEXT,        "TEXT",             "text" },
  { "varchar",     CARDINAL_TYPE_VARCHAR,     "VARCHAR",          "varchar" },
  { "boolean",     CARDINAL_TYPE_BOOLEAN,     "BOOLEAN",          "boolean" },
  { "numeric",     CARDINAL_TYPE_NUMERIC,     "NUMERIC",          "numeric" },
  { "real",        CARDINAL_TYPE_REAL,        "REAL",             "real" },
  { "double",      CARDINAL_TYPE_DOUBLE,      "DOUBLE PRECISION", "double precision" },
  { "date",        CARDINAL_TYPE_DATE,        "DATE",             "date" },
  { "time",        CARDINAL_TYPE_TIME,        "TIME",             "time" },
  { "timestamp",   CARDINAL_TYPE_TIMESTAMP,   "TIMESTAMP",        "timestamp" },
  { "timestamptz", CARDINAL_TYPE_TIMESTAMPTZ, "TIMESTAMPTZ",      "timestamptz" },
  { "uuid",        CARDINAL_TYPE_UUID,        "UUID",             "uuid" },
  { "json",        CARDINAL_TYPE_JSON,        "JSON",             "jsonb" },
  { "bytes",       CARDINAL_TYPE_BYTES,       "BLOB",             "bytea" },
};

/* Other spellings of catalogue types, as SQL and the engines write them
 * ("INT", "int4", "character varying(20)", "timestamp with time zone"). */
static const struct
{
  const char       *name;
  CardinalTypeBase  base;
} aliases[] = {
  { "int",                         CARDINAL_TYPE_INTEGER },
  { "int4",                        CARDINAL_TYPE_INTEGER },
  { "int8",                        CARDINAL_TYPE_BIGINT },
  { "int2",                        CARDINAL_TYPE_SMALLINT },
  { "character varying",           CARDINAL_TYPE_VARCHAR },
  { "varying character",           CARDINAL_TYPE_VARCHAR },
  { "nvarchar",                    CARDINAL_TYPE_VARCHAR },
  { "bool",                        CARDINAL_TYPE_BOOLEAN },
  { "decimal",                     CARDINAL_TYPE_NUMERIC },
  { "float4",                      CARDINAL_TYPE_REAL },
  { "float8",                      CARDINAL_TYPE_DOUBLE },
  { "double precision",            CARDINAL_TYPE_DOUBLE },
  { "time without time zone",      CARDINAL_TYPE_TIME },
  { "timestamp without time zone", CARDINAL_TYPE_TIMESTAMP },
  { "datetime",                    CARDINAL_TYPE_TIMESTAMP },
  { "timestamp with time zone",    CARDINAL_TYPE_TIMESTAMPTZ },
  { "jsonb",                       CARDINAL_TYPE_JSON },
  { "bytea",                       CARDINAL_TYPE_BYTES },
  { "blob",                        CARDINAL_TYPE_BYTES },
};

/* Standard spellings outside the catalogue that both engines take as they
 * are: raw, but nothing to warn about. */
static const char * const portable_raw[] = {
  "character", "char", "character varying", "varchar", NULL,
};

/* Whether @name (@length bytes) equals @word up to case, reading any run of
 * white space in @name as one space. */
static gboolean
name_equal (const char *name,
            gsize       length,
            const char *word)
{
  const char *end = name + length;
  const char *p = name;

  while (p < end && *word != '\0')
    {
      if (g_ascii_isspace (*p))
        {
          if (*word != ' ')
            return FALSE;
          while (p < end && g_ascii_isspace (*p))
            p++;
          word++;
          continue;
        }
      if (g_ascii_tolower (*p) != g_ascii_tolower (*word))
        return FALSE;
      p++;
      word++;
    }
  return p == end && *word == '\0';
}

static const TypeEntry *
entry_for_base (CardinalTypeBase base)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (catalogue[i].base == base)
      return &catalogue[i];
  return NULL;
}

static const TypeEntry *
lookup_entry (const char *name,
              gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    if (strlen (catalogue[i].name) == length &&
        g_ascii_strncasecmp (catalogue[i].name, name, length) == 0)
      return &catalogue[i];
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (name_equal (name, length, aliases[i].name))
      return entry_for_base (aliases[i].base);
  return NULL;
}

/* Reads a decimal in [1, 100000] so absurd sizes are caught early. */
static gboolean
parse_number (const char **p,
              int         *value)
{
  gint64 v = 0;
  const char *s = *p;

  while (*s == ' ')
    s++;
  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    {
      v = v * 10 + (*s - '0');
      if (v > 100000)
        return FALSE;
      s++;
    }
  while (*s == ' ')
    s++;
  *p = s;
  *value = (int) v;
  return TRUE;
}

gboolean
cardinal_type_parse (const char    *text,
                     CardinalType  *type,
                     char         **error_message)
{
  const TypeEntry *entry;
  const char *paren;
  const char *p;
  gsize name_length;
  CardinalType result = { CARDINAL_TYPE_RAW, -1, -1, -1 };

  g_return_val_if_fail (type != NULL, FALSE);

  if (text == NULL || text[0] == '\0' || g_ascii_isspace (text[0]))
    {
      if (error_message)
        *error_message = g_strdup ("the type is empty");
      *type = result;
      return FALSE;
    }

  paren = strchr (text, '(');
  name_length = paren ? (gsize) (paren - text) : strlen (text);
  while (name_length > 0 && text[name_length - 1] == ' ')
    name_length--;
  entry = lookup_entry (text, name_length);

  if (entry == NULL)
    {
      *type = result;
      return TRUE;
    }

  result.base = entry->base;

  if (paren == NULL)
    {
      if (entry->base == CARDINAL_TYPE_VARCHAR && name_equal (text, name_length, "character varying"))
        {
          /* Unbounded, as PostgreSQL has it: kept verbatim. */
          *type = result;
          type->base = CARDINAL_TYPE_RAW;
          return TRUE;
        }
      if (entry->base == CARDINAL_TYPE_VARCHAR)
        {
          if (error_message)
            *error_message = g_strdup ("varchar needs a length, as in varchar(255)");
          *type = result;
          return FALSE;
        }
      *type = result;
      return TRUE;
    }

  p = paren + 1;
  if (entry->base == CARDINAL_TYPE_VARCHAR)
    {
      if (!parse_number (&p, &result.length) || result.length < 1 || strcmp (p, ")") != 0)
        {
          if (error_message)
            *error_message = g_strdup_printf ("“%s” is not a valid varchar: write varchar(N) with N from 1 to 100000", text);
          *type = result;
          return FALSE;
        }
    }
  else if (entry->base == CARDINAL_TYPE_NUMERIC)
    {
      gboolean ok = parse_number (&p, &result.precision) && result.precision >= 1 && result.precision <= 1000;

      if (ok && *p == ',')
        {
          p++;
          ok = (g_ascii_isdigit (*p) || *p == ' ') && parse_number (&p, &result.scale);
          if (ok && result.scale > result.precision)
            ok = FALSE;
        }
      if (!ok || strcmp (p, ")") != 0)
        {
          if (error_message)
            *error_message = g_strdup_printf ("“%s” is not a valid numeric: write numeric(P,S) with 1 ≤ P ≤ 1000 and 0 ≤ S ≤ P", text);
          *type = result;
          return FALSE;
        }
    }
  else
    {
      /* Only varchar and numeric take parameters in the catalogue; keep others verbatim. */
      result.base = CARDINAL_TYPE_RAW;
    }

  *type = result;
  return TRUE;
}

char *
cardinal_type_to_sql (const char      *text,
                      CardinalDialect  dialect)
{
  CardinalType type;
  const TypeEntry *entry;
  const char *name;

  g_return_val_if_fail (text != NULL, NULL);

  if (!cardinal_type_parse (text, &type, NULL) || type.base == CARDINAL_TYPE_RAW)
    return g_strdup (text);

  entry = entry_for_base (type.base);
  name = dialect == CARDINAL_DIALECT_SQLITE ? entry->sqlite : entry->postgresql;

  if (type.base == CARDINAL_TYPE_VARCHAR)
    return g_strdup_printf ("%s(%d)", name, type.length);
  if (type.base == CARDINAL_TYPE_NUMERIC && type.precision > 0 && type.scale >= 0)
    return g_strdup_printf ("%s(%d,%d)", name, type.precision, type.scale);
  if (type.base == CARDINAL_TYPE_NUMERIC && type.precision > 0)
    return g_strdup_printf ("%s(%d)", name, type.precision);
  return g_strdup (name);
}

gboolean
cardinal_type_is_portable_raw (const char *text)
{
  const char *paren;
  gsize name_length;

  g_return_val_if_fail (text != NULL, FALSE);

  paren = strchr (text, '(');
  name_length = paren ? (gsize) (paren - text) : strlen (text);
  while (name_length > 0 && g_ascii_isspace (text[name_length - 1]))
    name_length--;
  for (guint i = 0; portable_raw[i] != NULL; i++)
    if (name_equal (text, name_length, portable_raw[i]))
      {
        int length;
        const char *p;

        if (paren == NULL)
          return !g_str_equal (portable_raw[i], "varchar");
        p = paren + 1;
        return parse_number (&p, &length) && strcmp (p, ")") == 0;
      }
  return FALSE;
}

static gboolean
base_is_integer (CardinalTypeBase base)
{
  return base == CARDINAL_TYPE_INTEGER || base == CARDINAL_TYPE_BIGINT || base == CARDINAL_TYPE_SMALLINT;
}

static gboolean
base_is_text (CardinalTypeBase base)
{
  return base == CARDINAL_TYPE_TEXT || base == CARDINAL_TYPE_VARCHAR;
}

gboolean
cardinal_type_is_integer (const char *text)
{
  CardinalType type;

  return cardinal_type_parse (text, &type, NULL) && base_is_integer (type.base);
}

gboolean
cardinal_type_fk_compatible (const char *fk_type,
                             const char *pk_type)
{
  CardinalType fk, pk;

  g_return_val_if_fail (fk_type != NULL && pk_type != NULL, FALSE);

  if (!cardinal_type_parse (fk_type, &fk, NULL) || !cardinal_type_parse (pk_type, &pk, NULL))
    return FALSE;
  if (fk.base == CARDINAL_TYPE_RAW || pk.base == CARDINAL_TYPE_RAW)
    return g_ascii_strcasecmp (fk_type, pk_type) == 0;
  /* PostgreSQL accepts FKs across integer widths and across text types. */
  if (base_is_integer (fk.base) && base_is_integer (pk.base))
    return TRUE;
  if (base_is_text (fk.base) && base_is_text (pk.base))
    return TRUE;
  if (fk.base == CARDINAL_TYPE_NUMERIC && pk.base == CARDINAL_TYPE_NUMERIC)
    return TRUE;
  return fk.base == pk.base;
}

char *
cardinal_type_canonical (const char  *text,
                         char       **error_message)
{
  CardinalType type;
  const TypeEntry *entry;

  g_return_val_if_fail (text != NULL, NULL);

  if (!cardinal_type_parse (text, &type, error_message))
    return NULL;
  if (type.base == CARDINAL_TYPE_RAW)
    return g_strdup (text);
  entry = entry_for_base (type.base);
  if (type.base == CARDINAL_TYPE_VARCHAR)
    return g_strdup_printf ("%s(%d)", entry->name, type.length);
  if (type.base == CARDINAL_TYPE_NUMERIC && type.precision >= 0 && type.scale >= 0)
    return g_strdup_printf ("%s(%d,%d)", entry->name, type.precision, type.scale);
  if (type.base == CARDINAL_TYPE_NUMERIC && type.precision >= 0)
    return g_strdup_printf ("%s(%d)", entry->name, type.precision);
  return g_strdup (entry->name);
}

static void
add_name (GPtrArray  *names,
          const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

GStrv
cardinal_type_names (int dialect)
{
  GPtrArray *names = g_ptr_array_new ();

  /* A bare varchar is malformed: offer the usual length instead. */
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    add_name (names, catalogue[i].base == CARDINAL_TYPE_VARCHAR ? "varchar(255)" : catalogue[i].name);
  for (guint i = 0; i < G_N_ELEMENTS (catalogue); i++)
    {
      if (catalogue[i].base == CARDINAL_TYPE_VARCHAR)
        continue;
      if (dialect != CARDINAL_DIALECT_POSTGRESQL)
        add_name (names, catalogue[i].sqlite);
      if (dialect != CARDINAL_DIALECT_SQLITE)
        add_name (names, catalogue[i].postgresql);
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (aliases[i].base != CARDINAL_TYPE_VARCHAR)
      add_name (names, aliases[i].name);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

const char *
cardinal_dialect_to_string (CardinalDialect dialect)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_DIALECT, dialect);
}

gboolean
cardinal_dialect_from_string (const char      *str,
                              CardinalDialect *dialect)
{
  int value;

  g_return_val_if_fail (dialect != NULL, FALSE);

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_DIALECT, str, FALSE, &value))
    return FALSE;
  *dialect = (CardinalDialect) value;
  return TRUE;
}
