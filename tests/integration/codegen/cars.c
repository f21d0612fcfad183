/* cars.c: the cars scenario of the seeds on the generated code: brands, models and cars; navigation; update; delete. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cars.h"
#include "scenario.h"

#define ERRMSG cars_errmsg

/* Every car with its model and brand, reached by navigation, the way the seed prints them. */
static void
print_cars (CarsDb *db, const char *title)
{
  CarInfoList cars = { NULL, 0 };
  size_t i;

  printf ("%s\n", title);
  CHECK (car_info_list (db, -1, 0, &cars));
  for (i = 0; i < cars.len; i++)
    {
      const CarInfo *car = &cars.items[i];
      CarModel *model = NULL;
      CarBrand *brand = NULL;

      CHECK (car_info_model (db, car, &model));
      CHECK (car_model_brand (db, model, &brand));
      printf ("%s: %s %s, %lld - $%.0f\n", car->car_id, brand->name, model->name,
              (long long) car->year, scenario_number (car->price));
      car_brand_free (brand);
      car_model_free (model);
    }
  car_info_list_clear (&cars);
}

static void
add_car (CarsDb *db, CarInfo *car, const char *car_id, const CarModel *model, int year, const char *price)
{
  memset (car, 0, sizeof *car);
  car->car_id = (char *) car_id;
  car->model_id = model->id;
  car->year = year;
  car->price = (char *) price;
  CHECK (car_info_insert (db, car));
  EXPECT (car->id > 0);
}

int
main (int argc, char **argv)
{
  CarsDb *db = scenario_open (argc, argv);
  CarBrand toyota = { 0 }, honda = { 0 }, clash = { 0 };
  CarModel corolla = { 0 }, civic = { 0 };
  CarInfo c1, c2, c3, c4, stray;
  CarInfo *car = NULL;
  CarModelList models = { NULL, 0 };
  CarInfoList page = { NULL, 0 };
  size_t i;

  toyota.name = "Toyota";
  honda.name = "Honda";
  CHECK (car_brand_insert (db, &toyota));
  CHECK (car_brand_insert (db, &honda));
  EXPECT (toyota.id > 0 && honda.id > 0 && toyota.id != honda.id);

  corolla.name = "Corolla";
  corolla.brand_id = toyota.id;
  civic.name = "Civic";
  civic.brand_id = honda.id;
  CHECK (car_model_insert (db, &corolla));
  CHECK (car_model_insert (db, &civic));

  add_car (db, &c1, "C1", &corolla, 2020, "20000");
  add_car (db, &c2, "C2", &corolla, 2021, "21000");
  add_car (db, &c3, "C3", &civic, 2020, "22000");
  add_car (db, &c4, "C4", &civic, 2022, "23000");

  print_cars (db, "read:");

  /* Update one price through get → change → update, as an application would. */
  CHECK (car_info_get (db, c2.id, &car));
  free (car->price);
  car->price = scenario_strdup ("21500");
  CHECK (car_info_update (db, car));
  car_info_free (car);
  car = NULL;
  CHECK (car_info_get (db, c2.id, &car));
  printf ("updated: %s %.0f\n", car->car_id, scenario_number (car->price));
  car_info_free (car);
  car = NULL;

  /* Delete one car; it is gone, a second delete finds nothing. */
  CHECK (car_info_delete (db, c4.id));
  EXPECT_STATUS (car_info_get (db, c4.id, &car), CARS_NOT_FOUND);
  EXPECT (car == NULL);
  EXPECT_STATUS (car_info_delete (db, c4.id), CARS_NOT_FOUND);
  print_cars (db, "after delete:");

  /* The other direction: a brand's models, a model's cars. */
  CHECK (car_brand_car_models (db, &toyota, &models));
  for (i = 0; i < models.len; i++)
    {
      CarInfoList cars = { NULL, 0 };

      CHECK (car_model_car_infos (db, &models.items[i], &cars));
      printf ("Toyota %s: %zu cars\n", models.items[i].name, cars.len);
      car_info_list_clear (&cars);
    }
  car_model_list_clear (&models);

  /* limit / offset */
  CHECK (car_info_list (db, 2, 1, &page));
  printf ("page:");
  for (i = 0; i < page.len; i++)
    printf (" %s", page.items[i].car_id);
  printf ("\n");
  car_info_list_clear (&page);

  /* Constraints are errors with the database's message, never crashes. */
  memset (&stray, 0, sizeof stray);
  stray.car_id = "C1";
  stray.model_id = corolla.id;
  stray.year = 2024;
  EXPECT_REFUSED (car_info_insert (db, &stray), CARS_CONSTRAINT);
  printf ("duplicate car_id refused\n");
  stray.car_id = "C9";
  stray.model_id = civic.id + 1000;
  EXPECT_REFUSED (car_info_insert (db, &stray), CARS_CONSTRAINT);
  printf ("unknown model refused\n");
  EXPECT_REFUSED (car_brand_delete (db, toyota.id), CARS_CONSTRAINT);
  printf ("brand with models kept (restrict)\n");
  clash.name = "Honda";
  EXPECT_REFUSED (car_brand_insert (db, &clash), CARS_CONSTRAINT);

  /* A NULL price stays NULL, not 0 or "". */
  stray.model_id = civic.id;
  stray.price = NULL;
  CHECK (car_info_insert (db, &stray));
  CHECK (car_info_get (db, stray.id, &car));
  EXPECT (car->price == NULL);
  car_info_free (car);

  scenario_close (db);
  return 0;
}
