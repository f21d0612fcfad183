/* test-postgresql.c: every example's DDL on a real PostgreSQL server: the catalogue read back, and the constraints by behaviour.
 *
 * The program starts one throwaway cluster (tests/cardinal-test-pg.c) before
 * the tests run and stops it afterwards; every test gets a database of its
 * own. When PostgreSQL is missing or cannot start, the tests are skipped on a
 * developer's machine, but when the environment variable CI is set they FAIL:
 * a CI run must never pass by silently not testing PostgreSQL. */
#include <signal.h>

#include <libpq-fe.h>

#include "cardinal-test-pg.h"
#include "cardinal-test-scenarios.h"

static CardinalTestPg *cluster;
static GError *cluster_error;

/* The cluster */

static gboolean
in_ci (void)
{
  const char *ci = g_getenv ("CI");

  return ci != NULL && ci[0] != '\0';
}

/* Whether the cluster runs; otherwise the current test is skipped, or failed under CI. */
static gboolean
cluster_available (void)
{
  static gboolean reported = FALSE;
  g_auto(GStrv) lines = NULL;

  if (cluster != NULL)
    return TRUE;

  /* The whole story (program output, server log) once, as TAP comments; a
   * TAP result line takes a single line. */
  if (!reported)
    g_test_message ("%s", cluster_error->message);
  reported = TRUE;
  lines = g_strsplit (cluster_error->message, "\n", 2);

  if (in_ci ())
    g_test_fail_printf ("CI is set, and PostgreSQL could not be started: %s", lines[0]);
  else
    g_test_skip_printf ("PostgreSQL could not be started: %s", lines[0]);
  return FALSE;
}

/* A failed assertion aborts the program (SIGABRT; g_error traps with
 * SIGTRAP) before main stops the cluster, and meson ends a test that runs too
 * long with SIGTERM: stop the server on the way out rather than leave it
 * running. Best effort, hence not async-signal-safe: the signals that matter
 * here are raised by the test's own code, not in the middle of an allocation. */
static void
stop_cluster_on_signal (int signum)
{
  CardinalTestPg *pg = g_steal_pointer (&cluster);

  signal (signum, SIG_DFL);
  cardinal_test_pg_stop (pg);
  raise (signum);
}

/* A database of its own on the cluster for each test case, or NULL when
 * there is no cluster (the test case is then skipped or failed). */
static CardinalTestDb *
open_database (GError **error)
{
  if (!cluster_available ())
    return NULL;
  return cardinal_test_db_postgresql_new (cluster, error);
}

/* The cluster answers on its socket, as the postgres superuser. */
static void
test_cluster (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *user = NULL;
  PGconn *conn;
  PGresult *result;

  if (!cluster_available ())
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

  cluster = cardinal_test_pg_start (&cluster_error);
  if (cluster != NULL)
    {
      signal (SIGABRT, stop_cluster_on_signal);
      signal (SIGTRAP, stop_cluster_on_signal);
      signal (SIGTERM, stop_cluster_on_signal);
      signal (SIGINT, stop_cluster_on_signal);
    }

  status = g_test_run ();

  signal (SIGABRT, SIG_DFL);
  signal (SIGTRAP, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGINT, SIG_DFL);
  g_clear_pointer (&cluster, cardinal_test_pg_stop);
  g_clear_error (&cluster_error);

  return status;
}
