/* cardinal-test-db.h: one database interface for the integration tests, backed by SQLite or PostgreSQL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-physical.h"
#include "cardinal-test-pg.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_TEST_DB_ERROR (cardinal_test_db_error_quark ())
GQuark cardinal_test_db_error_quark (void);

typedef enum
{
  CARDINAL_TEST_DB_ERROR_FAILED,
} CardinalTestDbError;

/* How the database answered a statement. A refusal is told apart by the
 * constraint that refused it: a refusal for another reason would hide a
 * constraint that is missing. */
typedef enum
{
  CARDINAL_TEST_DB_ACCEPTED,
  CARDINAL_TEST_DB_VIOLATES_NOT_NULL,
  CARDINAL_TEST_DB_VIOLATES_UNIQUE,       /* UNIQUE or PRIMARY KEY */
  CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY,  /* a missing referenced row, or a RESTRICT on delete */
  CARDINAL_TEST_DB_FAILED,                /* any other error */
} CardinalTestDbOutcome;

typedef struct _CardinalTestDb CardinalTestDb;

/* An empty in-memory SQLite database that enforces foreign keys. */
CardinalTestDb       *cardinal_test_db_sqlite_new        (GError             **error);
/* An empty database of its own on @cluster, which must outlive it. */
CardinalTestDb       *cardinal_test_db_postgresql_new    (CardinalTestPg      *cluster,
                                                          GError             **error);
void                  cardinal_test_db_free              (CardinalTestDb      *db);

/* "SQLite" or "PostgreSQL". */
const char           *cardinal_test_db_get_name          (CardinalTestDb      *db);
CardinalDialect       cardinal_test_db_get_dialect       (CardinalTestDb      *db);
/* The message of the last statement that failed, or NULL after a success. */
const char           *cardinal_test_db_get_last_error    (CardinalTestDb      *db);
const char           *cardinal_test_db_outcome_to_string (CardinalTestDbOutcome outcome);

/* Runs a whole script (several statements) in one go. */
gboolean              cardinal_test_db_execute           (CardinalTestDb      *db,
                                                          const char          *script,
                                                          GError             **error);
/* Inserts one row: @values[i] (NULL for SQL NULL) into @columns[i]; no
 * columns means DEFAULT VALUES. When @key_column is given and the insert is
 * accepted, @key_out gets its value in the new row. */
CardinalTestDbOutcome cardinal_test_db_insert            (CardinalTestDb      *db,
                                                          const char          *table,
                                                          const char * const  *columns,
                                                          const char * const  *values,
                                                          guint                n_columns,
                                                          const char          *key_column,
                                                          char               **key_out);
/* Deletes the rows of @table where @column = @value. */
CardinalTestDbOutcome cardinal_test_db_delete            (CardinalTestDb      *db,
                                                          const char          *table,
                                                          const char          *column,
                                                          const char          *value);
/* The number of rows of @table where @column = @value. */
gboolean              cardinal_test_db_count             (CardinalTestDb      *db,
                                                          const char          *table,
                                                          const char          *column,
                                                          const char          *value,
                                                          guint               *count,
                                                          GError             **error);
/* @column of the first row of @table where @key_column = @key, as text;
 * @value_out is NULL for SQL NULL or no such row. */
gboolean              cardinal_test_db_read_value        (CardinalTestDb      *db,
                                                          const char          *table,
                                                          const char          *column,
                                                          const char          *key_column,
                                                          const char          *key,
                                                          char               **value_out,
                                                          GError             **error);

/* The tables as the database's catalogue describes them: types spelled as the
 * database spells them, defaults as the database prints them; what a backend
 * cannot read (comments and constraint names in SQLite) is left empty. */
CardinalSchema       *cardinal_test_db_read_catalogue    (CardinalTestDb      *db,
                                                          GError             **error);
/* Fails when the database holds rows that break a constraint, or a
 * constraint it has not checked. */
gboolean              cardinal_test_db_check_integrity   (CardinalTestDb      *db,
                                                          GError             **error);
/* The first difference between the engineered schema and @catalogue (from
 * cardinal_test_db_read_catalogue() on @db), in words, such as
 * `table "post": column "author_id": expected NOT NULL, database has NULL`;
 * NULL when they agree, or with @error set when the database could not be asked. */
char                 *cardinal_test_db_compare_catalogue (CardinalTestDb       *db,
                                                          const CardinalSchema *engineered,
                                                          const CardinalSchema *catalogue,
                                                          GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalTestDb, cardinal_test_db_free)

G_END_DECLS
