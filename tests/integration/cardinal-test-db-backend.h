/* cardinal-test-db-backend.h: what a database backend of cardinal-test-db.h implements. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-test-db.h"

G_BEGIN_DECLS

/* What the catalogue comparison may expect of a backend. */
typedef enum
{
  CARDINAL_TEST_DB_READS_COMMENTS         = 1 << 0,
  CARDINAL_TEST_DB_READS_CONSTRAINT_NAMES = 1 << 1,
  /* An autoincrement column keeps no DEFAULT of its own: the identity is its default. */
  CARDINAL_TEST_DB_IDENTITY_IS_DEFAULT    = 1 << 2,
} CardinalTestDbFeatures;

typedef struct
{
  const char             *name;
  CardinalDialect         dialect;
  /* Statement parameters are this character and a 1-based number: ?1 or $1. */
  char                    placeholder;
  CardinalTestDbFeatures  features;

  void                  (*free)            (CardinalTestDb      *db);
  gboolean              (*execute)         (CardinalTestDb      *db,
                                            const char          *script,
                                            GError             **error);
  /* One statement with @params bound as text (NULL for SQL NULL). On
   * success @first_value, when given, gets the first column of the first
   * row (NULL for SQL NULL or no row); on failure the backend sets
   * db->last_error. */
  CardinalTestDbOutcome (*run)             (CardinalTestDb      *db,
                                            const char          *sql,
                                            const char * const  *params,
                                            guint                n_params,
                                            char               **first_value);
  /* How the catalogue will spell each column type of @table once created, in column order. */
  GStrv                 (*spell_types)     (CardinalTestDb      *db,
                                            const CardinalTable *table,
                                            GError             **error);
  CardinalSchema       *(*read_catalogue)  (CardinalTestDb      *db,
                                            GError             **error);
  gboolean              (*check_integrity) (CardinalTestDb      *db,
                                            GError             **error);
} CardinalTestDbBackend;

/* The first member of each backend's own structure. */
struct _CardinalTestDb
{
  const CardinalTestDbBackend *backend;
  char                        *last_error;
};

G_END_DECLS
