/* cardinal.c: the designer's entry point: `cardinal [FILE…]` and `cardinal --benchmark-canvas FILE`. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-application.h"
#include "cardinal-reflect.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CardinalApplication) application = NULL;
  int status;

  cardinal_reflect_configure_sqlite ();
  application = cardinal_application_new ();
  status = g_application_run (G_APPLICATION (application), argc, argv);
  return status != 0 ? status : cardinal_application_get_exit_status (application);
}
