/* test-sqlite.c: every example's DDL on a real SQLite database: the catalogue read back, and the constraints by behaviour. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-scenarios.h"

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cardinal_test_scenarios_add ("/sqlite", cardinal_test_db_sqlite_new);

  return g_test_run ();
}
