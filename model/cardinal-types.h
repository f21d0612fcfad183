/* cardinal-types.h: the attribute type catalogue and how each type is spelled per SQL dialect. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CARDINAL_TYPE_RAW,         /* outside the catalogue: kept and written verbatim */
  CARDINAL_TYPE_INTEGER,
  CARDINAL_TYPE_BIGINT,
  CARDINAL_TYPE_SMALLINT,
  CARDINAL_TYPE_TEXT,
  CARDINAL_TYPE_VARCHAR,     /* varchar(N) */
  CARDINAL_TYPE_BOOLEAN,
  CARDINAL_TYPE_NUMERIC,     /* numeric(P,S), numeric(P) or numeric */
  CARDINAL_TYPE_REAL,
  CARDINAL_TYPE_DOUBLE,
  CARDINAL_TYPE_DATE,
  CARDINAL_TYPE_TIME,
  CARDINAL_TYPE_TIMESTAMP,
  CARDINAL_TYPE_TIMESTAMPTZ,
  CARDINAL_TYPE_UUID,
  CARDINAL_TYPE_JSON,
  CARDINAL_TYPE_BYTES,
} CardinalTypeBase;

typedef enum
{
  CARDINAL_DIALECT_SQLITE,
  CARDINAL_DIALECT_POSTGRESQL,
} CardinalDialect;

typedef struct
{
  CardinalTypeBase base;
  int              length;     /* varchar(N); -1 when absent */
  int              precision;  /* numeric(P,S); -1 when absent */
  int              scale;      /* -1 when absent */
} CardinalType;

/* Parses a type as written in a document; the catalogue's names and the
 * usual other spellings ("INT", "int8", "character varying(20)",
 * "timestamp with time zone") are read up to case. Anything outside it is
 * CARDINAL_TYPE_RAW and returns TRUE; a catalogue name with malformed
 * parameters ("varchar(x)", "numeric(2,5)") or an empty string returns FALSE
 * with a message in @error_message. */
gboolean     cardinal_type_parse             (const char       *text,
                                              CardinalType     *type,
                                              char            **error_message);
/* Whether @text is a raw type that both engines take as it is written
 * (character(n), char(n), character varying), so it needs no warning. */
gboolean     cardinal_type_is_portable_raw   (const char       *text);
/* The SQL spelling of @text in @dialect (newly allocated); raw types verbatim. */
char        *cardinal_type_to_sql            (const char       *text,
                                              CardinalDialect   dialect);
/* Whether values of the two types can be compared in a foreign key. */
gboolean     cardinal_type_fk_compatible     (const char       *fk_type,
                                              const char       *pk_type);
gboolean     cardinal_type_is_integer        (const char       *text);
/* @text in the catalogue's own spelling ("INT" → "integer",
 * "character varying(20)" → "varchar(20)"); raw types as written; NULL
 * (with a message in @error_message) where cardinal_type_parse () fails. */
char        *cardinal_type_canonical         (const char       *text,
                                              char            **error_message);
/* The names a type field offers, in order of preference: the catalogue's
 * (varchar with a length to start from), then @dialect's own spellings and
 * the other ones it reads (@dialect < 0: every dialect's). NULL-terminated,
 * newly allocated. */
GStrv        cardinal_type_names             (int               dialect);

const char  *cardinal_dialect_to_string      (CardinalDialect   dialect);
gboolean     cardinal_dialect_from_string    (const char       *str,
                                              CardinalDialect  *dialect);

G_END_DECLS
