/* cardinal-cli-private.h: what the cardinal-cli commands, each in its own file, share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include <gio/gio.h>

#include "cardinal-model.h"
#include "cardinal-physical.h"

G_BEGIN_DECLS

/* Exit codes (README, "The command line"): 1 means the model has errors, 2 means the request itself could not be carried out. */
enum
{
  CARDINAL_CLI_EXIT_OK = 0,
  CARDINAL_CLI_EXIT_MODEL_ERRORS = 1,
  CARDINAL_CLI_EXIT_USAGE = 2,
  CARDINAL_CLI_EXIT_REFUSED = 3,  /* migrate: the plan was refused, nothing changed */
};

/* Every subcommand's options live here so that one GOptionEntry table per
 * command can point into it, both for parsing and for `help COMMAND`.
 * cardinal_cli_options_clear() frees every field. */
typedef struct
{
  char    *dialect;
  char    *output;
  char    *q1;
  char    *q2;
  char    *strategy;
  char    *name;
  char    *format;      /* diagram */
  char    *layout;      /* diagram */
  char    *view;        /* diagram */
  double   scale;       /* diagram --scale; 0 when not given */
  int      max_size;    /* diagram --max-size; 0 when not given */
  char    *backend;     /* codegen */
  char    *target;      /* apply --to */
  char   **schemas;     /* import: PostgreSQL schemas */
  char   **renames;     /* migrate --rename */
  gboolean flag_a;      /* a command's own boolean switches, named in its entries */
  gboolean flag_b;
  char   **rest;
} CardinalCliOptions;

typedef struct _CardinalCliCommand CardinalCliCommand;

struct _CardinalCliCommand
{
  const char *name;
  const char *parameter_string;
  const char *summary;
  const char *description;
  char     *(*describe)    (void);  /* when the description depends on the model library */
  void      (*add_entries) (GOptionContext *context, CardinalCliOptions *options);
  int       (*run)         (const CardinalCliCommand *command, CardinalCliOptions *options);
};

/* One line on stderr, prefixed "cardinal-cli: "; newlines in the message become spaces. */
void            cardinal_cli_fail              (const char *format,
                                                ...) G_GNUC_PRINTF (1, 2);
/* Reports a usage problem and returns CARDINAL_CLI_EXIT_USAGE. */
int             cardinal_cli_usage_error       (const CardinalCliCommand *command,
                                                const char               *message);
void            cardinal_cli_report_file_error (const char   *path,
                                                const GError *error);
/* Loads a .cardinal file; on failure reports it and returns NULL. */
CardinalModel  *cardinal_cli_load              (const char *path);
void            cardinal_cli_count             (GPtrArray *diagnostics,
                                                guint     *n_errors,
                                                guint     *n_warnings);
/* Prints the diagnostics of the given severity; a negative @severity prints them all. */
void            cardinal_cli_print_diagnostics (FILE       *stream,
                                                GPtrArray  *diagnostics,
                                                const char *path,
                                                int         severity);
int             cardinal_cli_finish_stdout     (void);
/* Loads, engineers and validates; a model with errors is refused (NULL, errors on stdout, *@exit_code 1). */
CardinalModel  *cardinal_cli_load_valid        (const char      *path,
                                                CardinalSchema **schema,
                                                int             *exit_code);
/* Checks that exactly @n_wanted positional arguments (named by @names) were given, as UTF-8. */
gboolean        cardinal_cli_take_positional   (const CardinalCliCommand *command,
                                                CardinalCliOptions       *options,
                                                guint                     n_wanted,
                                                const char              **names,
                                                int                      *exit_code);
/* The one positional argument (@name in messages), or NULL with *@exit_code set. */
const char     *cardinal_cli_take_file         (const CardinalCliCommand *command,
                                                CardinalCliOptions       *options,
                                                const char               *name,
                                                int                      *exit_code);
/* Checks that --to TARGET was given, as UTF-8; FALSE with *@exit_code set. */
gboolean        cardinal_cli_check_target      (const CardinalCliCommand *command,
                                                CardinalCliOptions       *options,
                                                int                      *exit_code);

/* Commands that live in their own files (app/cardinal-cli-COMMAND.c). */
extern const CardinalCliCommand cardinal_cli_diagram_command;
extern const CardinalCliCommand cardinal_cli_codegen_command;
extern const CardinalCliCommand cardinal_cli_import_command;
extern const CardinalCliCommand cardinal_cli_apply_command;
extern const CardinalCliCommand cardinal_cli_migrate_command;
extern const CardinalCliCommand cardinal_cli_diff_command;

G_END_DECLS
