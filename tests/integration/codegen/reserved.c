/* reserved.c: columns named like macros of the C and client headers (NULL, EOF, SQLITE_OK, InvalidOid…) map to members that compile and keep their values. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "reserved.h"

#include "scenario.h"

#define ERRMSG reserved_errmsg

int
main (int argc, char **argv)
{
  void *db = scenario_open (argc, argv);
  Macros row;
  Macros *got = NULL;
  MacrosList list = { NULL, 0 };
  BUFSIZ_ numbers;
  BUFSIZ_ *numbers_got = NULL;

  memset (&row, 0, sizeof row);
  row.NULL_ = "null text";
  row.EOF_ = -1;
  row.SQLITE_OK_ = 7;
  row.InvalidOid_ = "oid text";
  row.errno_ = 42;
  row.stdin_ = "stdin text";
  row.true_ = true;
  row.INT_MAX_ = INT64_C (9007199254740993);
  row.PGRES_TUPLES_OK_ = "tuples";
  row.size_t_ = 3;
  CHECK (macros_insert (db, &row));
  EXPECT (row.id > 0);

  CHECK (macros_get (db, row.id, &got));
  EXPECT (strcmp (got->NULL_, "null text") == 0);
  EXPECT (got->EOF_ == -1);
  EXPECT (!got->SQLITE_OK__is_null && got->SQLITE_OK_ == 7);
  EXPECT (strcmp (got->InvalidOid_, "oid text") == 0);
  EXPECT (got->errno_ == 42);
  EXPECT (strcmp (got->stdin_, "stdin text") == 0);
  EXPECT (got->true_);
  EXPECT (got->INT_MAX_ == INT64_C (9007199254740993));
  EXPECT (strcmp (got->PGRES_TUPLES_OK_, "tuples") == 0);
  EXPECT (got->size_t_ == 3);

  got->SQLITE_OK__is_null = true;
  got->EOF_ = 26;
  CHECK (macros_update (db, got));
  macros_free (got);
  got = NULL;
  CHECK (macros_list (db, -1, 0, &list));
  EXPECT (list.len == 1);
  EXPECT (list.items[0].SQLITE_OK__is_null && list.items[0].EOF_ == 26);
  macros_list_clear (&list);

  /* A table named like a macro, with no text column at all. */
  memset (&numbers, 0, sizeof numbers);
  numbers.SEEK_SET_ = 2.5;
  numbers.EXIT_SUCCESS_ = true;
  CHECK (BUFSIZ__insert (db, &numbers));
  CHECK (BUFSIZ__get (db, numbers.id, &numbers_got));
  EXPECT (numbers_got->SEEK_SET_ == 2.5 && numbers_got->EXIT_SUCCESS_);
  BUFSIZ__free (numbers_got);
  CHECK (BUFSIZ__delete (db, numbers.id));
  EXPECT_STATUS (BUFSIZ__delete (db, numbers.id), RESERVED_NOT_FOUND);

  CHECK (macros_delete (db, row.id));
  scenario_close (db);
  printf ("ok\n");
  return 0;
}
