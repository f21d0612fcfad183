/* numbers.c: a model without text columns, with a table that has no primary key (insert and list only) and a foreign key in the middle of it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "numbers.h"

#include "scenario.h"

#define ERRMSG numbers_errmsg

int
main (int argc, char **argv)
{
  void *db = scenario_open (argc, argv);
  Counter counter;
  Counter *got = NULL;
  Reading reading;
  ReadingList readings = { NULL, 0 };
  int64_t sensors = 0;
  size_t i;

  memset (&counter, 0, sizeof counter);
  counter.id = 7;
  counter.step = 0.5;
  CHECK (counter_insert (db, &counter));

  for (i = 0; i < 3; i++)
    {
      memset (&reading, 0, sizeof reading);
      reading.sensor = (int64_t) (i + 1);
      reading.counter_id = 7;
      reading.value = 1.25 * (double) i;
      reading.value_is_null = i == 2;
      reading.ok_is_null = true;   /* the default: true */
      CHECK (reading_insert (db, &reading));
    }

  CHECK (reading_list (db, -1, 0, &readings));
  EXPECT (readings.len == 3);
  for (i = 0; i < readings.len; i++)
    {
      const Reading *r = &readings.items[i];

      sensors += r->sensor;
      EXPECT (r->counter_id == 7);
      EXPECT (r->ok && !r->ok_is_null);
      EXPECT (r->value_is_null == (r->sensor == 3));
      EXPECT (r->value_is_null || r->value == 1.25 * (double) (r->sensor - 1));
    }
  EXPECT (sensors == 6);

  /* reading → counter, and back */
  CHECK (reading_counter (db, &readings.items[0], &got));
  EXPECT (got->id == 7 && got->step == 0.5);
  reading_list_clear (&readings);
  CHECK (counter_readings (db, got, &readings));
  EXPECT (readings.len == 3);
  reading_list_clear (&readings);
  counter_free (got);

  CHECK (reading_list (db, 1, 1, &readings));
  EXPECT (readings.len == 1);
  reading_list_clear (&readings);

  scenario_close (db);
  printf ("ok\n");
  return 0;
}
