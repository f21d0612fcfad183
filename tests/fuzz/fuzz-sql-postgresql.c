/* fuzz-sql-postgresql.c: the PostgreSQL .sql importer (libpg_query) under a fuzzer: reflect → infer → engineer → DDL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz-sql.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_sql_run (data, size, CARDINAL_DIALECT_POSTGRESQL);
}
