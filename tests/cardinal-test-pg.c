/* cardinal-test-pg.c: starts and stops a private PostgreSQL cluster for the integration tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-pg.h"

#include <errno.h>
#include <signal.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

/* The server listens on a Unix socket in its own directory only, so a fixed
 * port number cannot clash with another cluster; it is passed explicitly so
 * that a PGPORT in the environment does not send libpq elsewhere. */
#define CARDINAL_TEST_PG_PORT "5432"

/* Upper bound for the server to accept connections once pg_ctl says it runs. */
#define CARDINAL_TEST_PG_READY_TIMEOUT_USEC (30 * G_USEC_PER_SEC)
#define CARDINAL_TEST_PG_POLL_USEC (20 * 1000)

struct _CardinalTestPg
{
  char     *dir;          /* temporary directory: socket, log, data/ */
  char     *data_dir;
  char     *log_file;
  char     *bindir;
  gboolean  as_postgres;  /* running as root: the server runs as `postgres` */
  gboolean  running;
  guint     n_databases;
};

/* The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl;
 * CARDINAL_PG_BINDIR overrides it for other layouts. */
static char *
cardinal_test_pg_find_bindir (GError **error)
{
  const char *env = g_getenv ("CARDINAL_PG_BINDIR");
  const char *root = "/usr/lib/postgresql";
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  guint64 best_version = 0;
  const char *entry;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  dir = g_dir_open (root, 0, NULL);
  if (dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "PostgreSQL is not installed: %s does not exist", root);
      return NULL;
    }

  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *bindir = g_build_filename (root, entry, "bin", NULL);
      g_autofree char *initdb = g_build_filename (bindir, "initdb", NULL);
      g_autofree char *pg_ctl = g_build_filename (bindir, "pg_ctl", NULL);
      char *end = NULL;
      guint64 version = g_ascii_strtoull (entry, &end, 10);

      /* Version directories are numbers ("15", older ones "9.6"). */
      if (end == entry)
        continue;
      if (!g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE)
          || !g_file_test (pg_ctl, G_FILE_TEST_IS_EXECUTABLE))
        continue;
      if (best == NULL || version > best_version)
        {
          g_free (best);
          best = g_steal_pointer (&bindir);
          best_version = version;
        }
    }

  if (best == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "PostgreSQL is not installed: no initdb/pg_ctl under %s/*/bin", root);
      return NULL;
    }

  return g_steal_pointer (&best);
}

/* Runs @argv (a PostgreSQL program from @pg->bindir) and waits for it; as root
 * through runuser so that the program runs as `postgres`. The program's
 * output goes into @error when it fails. */
static gboolean
cardinal_test_pg_run (CardinalTestPg  *pg,
                      const char     **argv,
                      GError         **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *program = g_build_filename (pg->bindir, argv[0], NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) local_error = NULL;
  int status = 0;
  guint i;

  if (pg->as_postgres)
    {
      char *runuser = g_find_program_in_path ("runuser");

      if (runuser == NULL && g_file_test ("/usr/sbin/runuser", G_FILE_TEST_IS_EXECUTABLE))
        runuser = g_strdup ("/usr/sbin/runuser");
      if (runuser == NULL && g_file_test ("/sbin/runuser", G_FILE_TEST_IS_EXECUTABLE))
        runuser = g_strdup ("/sbin/runuser");
      if (runuser == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "running as root, but runuser is not available to start "
                       "PostgreSQL as the postgres user");
          return FALSE;
        }
      g_ptr_array_add (args, runuser);
      g_ptr_array_add (args, g_strdup ("-u"));
      g_ptr_array_add (args, g_strdup ("postgres"));
      g_ptr_array_add (args, g_strdup ("--"));
    }
  g_ptr_array_add (args, g_strdup (program));
  for (i = 1; argv[i] != NULL; i++)
    g_ptr_array_add (args, g_strdup (argv[i]));
  g_ptr_array_add (args, NULL);

  /* The working directory is ours: `postgres` may not be able to enter the
   * caller's (often /root). */
  if (!g_spawn_sync (pg->dir, (char **) args->pdata, NULL, G_SPAWN_DEFAULT,
                     NULL, NULL, &out, &err, &status, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "could not run %s: %s", argv[0], local_error->message);
      return FALSE;
    }

  if (!g_spawn_check_wait_status (status, &local_error))
    {
      g_autofree char *log = NULL;

      /* pg_ctl's own output says little when the server dies on startup;
       * the server log says why. */
      if (pg->log_file != NULL)
        g_file_get_contents (pg->log_file, &log, NULL, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s failed (%s)\n%s%s%s%s", argv[0], local_error->message,
                   out != NULL ? out : "", err != NULL ? err : "",
                   log != NULL ? "server log:\n" : "", log != NULL ? log : "");
      return FALSE;
    }

  return TRUE;
}

/* A conninfo value in single quotes, as libpq wants for anything with spaces. */
static void
cardinal_test_pg_append_value (GString    *out,
                               const char *value)
{
  const char *p;

  g_string_append_c (out, '\'');
  for (p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

char *
cardinal_test_pg_conninfo (CardinalTestPg *pg,
                           const char     *dbname)
{
  GString *out;

  g_return_val_if_fail (pg != NULL, NULL);

  out = g_string_new ("host=");
  cardinal_test_pg_append_value (out, pg->dir);
  g_string_append (out, " port=" CARDINAL_TEST_PG_PORT " user=postgres dbname=");
  cardinal_test_pg_append_value (out, dbname != NULL ? dbname : "postgres");
  g_string_append (out, " connect_timeout=10");

  return g_string_free (out, FALSE);
}

/* pg_ctl -w already waits, but only for the postmaster's pid file; a first
 * connection proves that the socket accepts clients. */
static gboolean
cardinal_test_pg_wait_ready (CardinalTestPg  *pg,
                             GError         **error)
{
  g_autofree char *conninfo = cardinal_test_pg_conninfo (pg, NULL);
  gint64 deadline = g_get_monotonic_time () + CARDINAL_TEST_PG_READY_TIMEOUT_USEC;
  PGPing ping;

  for (;;)
    {
      ping = PQping (conninfo);
      if (ping == PQPING_OK)
        return TRUE;
      if (ping == PQPING_NO_ATTEMPT || g_get_monotonic_time () >= deadline)
        break;
      g_usleep (CARDINAL_TEST_PG_POLL_USEC);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               "PostgreSQL in %s does not accept connections (PQping: %d)",
               pg->dir, (int) ping);
  return FALSE;
}

/* Removes a directory tree. Best effort: a cleanup failure must not turn a
 * passing test run into a failing one. */
static void
cardinal_test_pg_remove_tree (const char *path)
{
  GDir *dir;
  const char *entry;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((entry = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, entry, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR)
              && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            cardinal_test_pg_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
cardinal_test_pg_free (CardinalTestPg *pg)
{
  if (pg->dir != NULL)
    cardinal_test_pg_remove_tree (pg->dir);
  g_free (pg->dir);
  g_free (pg->data_dir);
  g_free (pg->log_file);
  g_free (pg->bindir);
  g_free (pg);
}

CardinalTestPg *
cardinal_test_pg_start (GError **error)
{
  CardinalTestPg *pg;
  g_autofree char *bindir = NULL;
  g_autofree char *server_options = NULL;
  g_autofree char *quoted_dir = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bindir = cardinal_test_pg_find_bindir (error);
  if (bindir == NULL)
    return NULL;

  pg = g_new0 (CardinalTestPg, 1);
  pg->bindir = g_steal_pointer (&bindir);
  pg->as_postgres = geteuid () == 0;

  pg->dir = g_dir_make_tmp ("cardinal-pg-XXXXXX", &local_error);
  if (pg->dir == NULL)
    {
      g_propagate_prefixed_error (error, local_error, "PostgreSQL test cluster: ");
      cardinal_test_pg_free (pg);
      return NULL;
    }
  pg->data_dir = g_build_filename (pg->dir, "data", NULL);
  pg->log_file = g_build_filename (pg->dir, "server.log", NULL);

  /* initdb refuses to run as root; the directory then belongs to `postgres`
   * and stays readable so that we can reach the socket in it. */
  if (pg->as_postgres)
    {
      struct passwd *pw = getpwnam ("postgres");

      if (pw == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       "running as root, but there is no `postgres` user to run PostgreSQL as");
          cardinal_test_pg_free (pg);
          return NULL;
        }
      if (chown (pg->dir, pw->pw_uid, pw->pw_gid) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "could not give %s to the postgres user: %s",
                       pg->dir, g_strerror (saved_errno));
          cardinal_test_pg_free (pg);
          return NULL;
        }
    }
  if (g_chmod (pg->dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "could not chmod %s: %s", pg->dir, g_strerror (saved_errno));
      cardinal_test_pg_free (pg);
      return NULL;
    }

  {
    const char *initdb_argv[] = {
      "initdb", "-D", pg->data_dir, "-U", "postgres", "--auth=trust",
      "-E", "UTF8", "--locale=C", "--no-sync", NULL
    };

    if (!cardinal_test_pg_run (pg, initdb_argv, error))
      {
        cardinal_test_pg_free (pg);
        return NULL;
      }
  }

  /* pg_ctl hands -o to a shell, hence the quoting of the directory. Durability
   * settings are off: the cluster is thrown away after the run. */
  quoted_dir = g_shell_quote (pg->dir);
  server_options = g_strdup_printf ("-c listen_addresses='' -k %s -p " CARDINAL_TEST_PG_PORT
                                    " -c fsync=off -c full_page_writes=off"
                                    " -c synchronous_commit=off",
                                    quoted_dir);
  {
    const char *pg_ctl_argv[] = {
      "pg_ctl", "start", "-w", "-t", "60", "-D", pg->data_dir,
      "-l", pg->log_file, "-o", server_options, NULL
    };

    if (!cardinal_test_pg_run (pg, pg_ctl_argv, error))
      {
        /* pg_ctl may have given up waiting on a server that still starts. */
        const char *stop_argv[] = {
          "pg_ctl", "stop", "-w", "-m", "immediate", "-D", pg->data_dir, NULL
        };

        cardinal_test_pg_run (pg, stop_argv, NULL);
        cardinal_test_pg_free (pg);
        return NULL;
      }
  }
  pg->running = TRUE;

  if (!cardinal_test_pg_wait_ready (pg, error))
    {
      cardinal_test_pg_stop (pg);
      return NULL;
    }

  return pg;
}

void
cardinal_test_pg_stop (CardinalTestPg *pg)
{
  if (pg == NULL)
    return;

  if (pg->running)
    {
      const char *stop_argv[] = {
        "pg_ctl", "stop", "-w", "-m", "immediate", "-D", pg->data_dir, NULL
      };
      g_autoptr(GError) error = NULL;

      /* Nothing here is worth keeping, so no clean shutdown is needed. */
      if (!cardinal_test_pg_run (pg, stop_argv, &error))
        g_printerr ("# cardinal-test-pg: %s\n", error->message);
      pg->running = FALSE;
    }

  cardinal_test_pg_free (pg);
}

PGconn *
cardinal_test_pg_new_database (CardinalTestPg  *pg,
                               char           **dbname_out,
                               GError         **error)
{
  g_autofree char *admin_conninfo = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *sql = NULL;
  PGconn *admin;
  PGconn *conn;
  PGresult *result;

  g_return_val_if_fail (pg != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  admin_conninfo = cardinal_test_pg_conninfo (pg, NULL);
  admin = PQconnectdb (admin_conninfo);
  if (PQstatus (admin) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "could not connect to the test cluster: %s", PQerrorMessage (admin));
      PQfinish (admin);
      return NULL;
    }

  pg->n_databases++;
  dbname = g_strdup_printf ("cardinal_test_%u", pg->n_databases);
  sql = g_strdup_printf ("CREATE DATABASE \"%s\"", dbname);
  result = PQexec (admin, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s: %s", sql, PQerrorMessage (admin));
      PQclear (result);
      PQfinish (admin);
      return NULL;
    }
  PQclear (result);
  PQfinish (admin);

  conninfo = cardinal_test_pg_conninfo (pg, dbname);
  conn = PQconnectdb (conninfo);
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "could not connect to %s: %s", dbname, PQerrorMessage (conn));
      PQfinish (conn);
      return NULL;
    }

  if (dbname_out != NULL)
    *dbname_out = g_steal_pointer (&dbname);

  return conn;
}

/* The program's cluster ------------------------------------------------------ */

static CardinalTestPg *suite_cluster;
static GError *suite_error;
static gboolean suite_started;

static gboolean
in_ci (void)
{
  const char *ci = g_getenv ("CI");

  return ci != NULL && ci[0] != '\0';
}

/* A failed assertion aborts the program (SIGABRT; g_error traps with
 * SIGTRAP) before main stops the cluster, and meson ends a test that runs too
 * long with SIGTERM: stop the server on the way out rather than leave it
 * running. Best effort, hence not async-signal-safe: the signals that matter
 * here are raised by the test's own code, not in the middle of an allocation. */
static void
stop_suite_on_signal (int signum)
{
  CardinalTestPg *pg = g_steal_pointer (&suite_cluster);

  signal (signum, SIG_DFL);
  if (pg != NULL)
    cardinal_test_pg_stop (pg);
  raise (signum);
}

static const int suite_signals[] = { SIGABRT, SIGTRAP, SIGTERM, SIGINT };

CardinalTestPg *
cardinal_test_pg_suite (void)
{
  static gboolean reported = FALSE;
  g_auto(GStrv) lines = NULL;

  if (!suite_started)
    {
      suite_started = TRUE;
      suite_cluster = cardinal_test_pg_start (&suite_error);
      if (suite_cluster != NULL)
        for (guint i = 0; i < G_N_ELEMENTS (suite_signals); i++)
          signal (suite_signals[i], stop_suite_on_signal);
    }
  if (suite_cluster != NULL)
    return suite_cluster;

  /* The whole story (program output, server log) once, as TAP comments; a
   * TAP result line takes a single line. */
  if (!reported)
    g_test_message ("%s", suite_error->message);
  reported = TRUE;
  lines = g_strsplit (suite_error->message, "\n", 2);
  if (in_ci ())
    g_test_fail_printf ("CI is set, and PostgreSQL could not be started: %s", lines[0]);
  else
    g_test_skip_printf ("PostgreSQL could not be started: %s", lines[0]);
  return NULL;
}

void
cardinal_test_pg_suite_stop (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (suite_signals); i++)
    signal (suite_signals[i], SIG_DFL);
  g_clear_pointer (&suite_cluster, cardinal_test_pg_stop);
  g_clear_error (&suite_error);
  suite_started = FALSE;
}

char *
cardinal_test_pg_find_pg_dump (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  const char *entry;
  char *best = NULL;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      char *candidate = g_build_filename ("/usr/lib/postgresql", entry, "bin", "pg_dump", NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE) && (best == NULL || strcmp (candidate, best) > 0))
        {
          g_free (best);
          best = candidate;
        }
      else
        g_free (candidate);
    }
  return best != NULL ? best : g_find_program_in_path ("pg_dump");
}
