/* scenario.h: what the codegen scenario programs share: opening the database for either backend, and checks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#ifndef SCENARIO_H
#define SCENARIO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(SCENARIO_POSTGRESQL)
#include <libpq-fe.h>
#else
#include <sqlite3.h>
#endif

/* The scenario's connection, opened from argv[1]: an SQLite file whose
 * tables exist, or a libpq conninfo for a database whose tables exist. */
static inline void *
scenario_open (int argc, char **argv)
{
  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      exit (2);
    }
#if defined(SCENARIO_POSTGRESQL)
  {
    PGconn *conn = PQconnectdb (argv[1]);

    if (PQstatus (conn) != CONNECTION_OK)
      {
        fprintf (stderr, "cannot connect: %s", PQerrorMessage (conn));
        PQfinish (conn);
        exit (2);
      }
    return conn;
  }
#else
  {
    sqlite3 *db = NULL;

    if (sqlite3_open (argv[1], &db) != SQLITE_OK
        || sqlite3_exec (db, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL) != SQLITE_OK)
      {
        fprintf (stderr, "cannot open %s: %s\n", argv[1], db != NULL ? sqlite3_errmsg (db) : "?");
        sqlite3_close (db);
        exit (2);
      }
    return db;
  }
#endif
}

static inline void
scenario_close (void *db)
{
#if defined(SCENARIO_POSTGRESQL)
  PQfinish (db);
#else
  sqlite3_close (db);
#endif
}

/* A malloc'd copy, for members of rows the generated code owns (strdup is not C11). */
static inline char *
scenario_strdup (const char *text)
{
  size_t len = strlen (text);
  char *copy = malloc (len + 1);

  if (copy == NULL)
    abort ();
  memcpy (copy, text, len + 1);
  return copy;
}

/* A price as numeric text comes back as "20000" from SQLite and "20000.00" from PostgreSQL. */
static inline double
scenario_number (const char *text)
{
  return text != NULL ? strtod (text, NULL) : -1.0;
}

/* A call must return the wanted status; on anything else the scenario stops
 * with the database's message. ERRMSG is the model's *_errmsg function. */
#define EXPECT_STATUS(call, wanted)                                              \
  do                                                                             \
    {                                                                            \
      int status_ = (int) (call);                                                \
      if (status_ != (int) (wanted))                                             \
        {                                                                        \
          fprintf (stderr, "%s:%d: %s returned %d, wanted %d: %s\n", __FILE__, \
                   __LINE__, #call, status_, (int) (wanted), ERRMSG (db));       \
          exit (1);                                                              \
        }                                                                        \
    }                                                                            \
  while (0)

#define CHECK(call) EXPECT_STATUS (call, 0)

#define EXPECT(condition)                                                        \
  do                                                                             \
    {                                                                            \
      if (!(condition))                                                          \
        {                                                                        \
          fprintf (stderr, "%s:%d: expected %s\n", __FILE__, __LINE__,           \
                   #condition);                                                  \
          exit (1);                                                              \
        }                                                                        \
    }                                                                            \
  while (0)

/* A refused statement must be a constraint error with a message from the database. */
#define EXPECT_REFUSED(call, constraint_status)                                  \
  do                                                                             \
    {                                                                            \
      EXPECT_STATUS (call, constraint_status);                                   \
      EXPECT (ERRMSG (db) != NULL && ERRMSG (db)[0] != '\0');                    \
    }                                                                            \
  while (0)

#endif /* SCENARIO_H */
