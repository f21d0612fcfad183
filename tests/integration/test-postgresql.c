/* test-postgresql.c: every example's DDL on a real PostgreSQL server: the catalogue read back, and the constraints by behaviour.
 *
 * The program starts one throwaway cluster (tests/cardinal-test-pg.c) on
 * first use and stops it afterwards; every test gets a database of its own. When PostgreSQL is missing or cannot start, the tests are skipped on a
 * developer's machine, but when the environment variable CI is set they FAIL:
 * a CI run must never pass by silently not testing PostgreSQL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <libpq-fe.h>

#include "cardinal-test-pg.h"
#include "cardinal-test-scenarios.h"

/* A database of its own on the cluster for each test case, or NULL when
 * there is no cluster (the test case is then skipped or failed). */
static CardinalTestDb *
open_database (GError **error)
{
  CardinalTestPg *cluster = cardinal_test_pg_suite ();

  if (cluster == NULL)
    return NULL;
  return cardinal_test_db_postgresql_new (cluster, error);
}

/* The cluster answers on its socket, as the postgres superuser. */
static void
test_cluster (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *user = NULL;
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  PGconn *conn;
  PGresult *result;

  if (cluster == NULL)
    return;

  conninfo = cardinal_test_pg_conninfo (cluster, NULL);
  g_assert_cmpint (PQping (conninfo), ==, PQPING_OK);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, "SELECT current_user");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  user = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  g_assert_cmpstr (user, ==, "postgres");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/postgresql/cluster", test_cluster);

  cardinal_test_scenarios_add ("/postgresql", open_database);

  status = g_test_run ();
  cardinal_test_pg_suite_stop ();

  return status;
}
