/* cardinal-cli-diagram.c: `cardinal-cli diagram`, a model's diagram as SVG, PNG, PDF or DOT for a docs pipeline. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "cardinal-diagram.h"
#include "cardinal-file.h"
#include "cardinal-types.h"

#include "cardinal-cli-private.h"

static void
cardinal_cli_diagram_entries (GOptionContext     *context,
                              CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &options->format,
      "svg, png, pdf or dot (default: from OUT's extension)", "FORMAT" },
    { "layout", 0, 0, G_OPTION_ARG_STRING, &options->layout,
      "auto (Graphviz places the boxes, the default) or manual (the positions drawn in the model)", "LAYOUT" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &options->view,
      "physical (tables, link tables and foreign keys, the default) or logical (entities and relationships)", "VIEW" },
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &options->dialect,
      "How types are spelled: sqlite or postgresql (default: postgresql)", "DIALECT" },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &options->scale,
      "PNG only: pixels per point at 96 dpi, e.g. 2 or 3 for high-density screens (default: 1)", "N" },
    { "max-size", 0, 0, G_OPTION_ARG_INT, &options->max_size,
      "PNG only: shrink the picture so that its longer side is at most PX pixels "
      "(a large model then fits instead of being refused)", "PX" },
    { "labels", 0, 0, G_OPTION_ARG_NONE, &options->flag_a,
      "Write each relationship's name on its line", NULL },
    { "no-types", 0, 0, G_OPTION_ARG_NONE, &options->flag_b,
      "Leave the type column out of the boxes", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      "Write the diagram to OUT (replaced atomically); \"-\" is standard output", "OUT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static int
cardinal_cli_diagram_run (const CardinalCliCommand *command,
                          CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  CardinalDiagramOptions diagram;
  const char *path;
  int exit_code = CARDINAL_CLI_EXIT_OK;
  gboolean to_stdout;

  cardinal_diagram_options_init (&diagram);

  /* Usage is checked before the file is read, so a typo costs nothing. */
  if (options->output == NULL)
    return cardinal_cli_usage_error (command, "missing -o OUT");
  to_stdout = g_strcmp0 (options->output, "-") == 0;
  if (options->format != NULL)
    {
      if (!cardinal_diagram_format_from_string (options->format, &diagram.format))
        {
          g_autofree char *message = g_strdup_printf ("unknown format \"%s\": expected svg, png, pdf or dot",
                                                      options->format);

          return cardinal_cli_usage_error (command, message);
        }
    }
  else if (to_stdout || !cardinal_diagram_format_from_filename (options->output, &diagram.format))
    return cardinal_cli_usage_error (command, "cannot tell the format from OUT's extension: give --format svg, png, pdf or dot");
  if (options->layout != NULL && !cardinal_diagram_layout_from_string (options->layout, &diagram.layout))
    {
      g_autofree char *message = g_strdup_printf ("unknown layout \"%s\": expected auto or manual",
                                                  options->layout);

      return cardinal_cli_usage_error (command, message);
    }
  if (options->view != NULL && !cardinal_diagram_view_from_string (options->view, &diagram.view))
    {
      g_autofree char *message = g_strdup_printf ("unknown view \"%s\": expected logical or physical",
                                                  options->view);

      return cardinal_cli_usage_error (command, message);
    }
  if (options->dialect != NULL && !cardinal_dialect_from_string (options->dialect, &diagram.dialect))
    {
      g_autofree char *message = g_strdup_printf ("unknown dialect \"%s\": expected sqlite or postgresql",
                                                  options->dialect);

      return cardinal_cli_usage_error (command, message);
    }
  if (options->scale != 0.0 || options->max_size != 0)
    {
      if (diagram.format != CARDINAL_DIAGRAM_FORMAT_PNG)
        return cardinal_cli_usage_error (command, "--scale and --max-size are for PNG only");
      /* Written so that NaN fails too. */
      if (options->scale != 0.0 && !(options->scale > 0.0 && options->scale <= CARDINAL_DIAGRAM_PNG_MAX_SCALE))
        {
          g_autofree char *message = g_strdup_printf ("--scale must be above 0 and at most %g",
                                                      CARDINAL_DIAGRAM_PNG_MAX_SCALE);

          return cardinal_cli_usage_error (command, message);
        }
      if (options->max_size != 0
          && (options->max_size < CARDINAL_DIAGRAM_PNG_MIN_SIZE || options->max_size > CARDINAL_DIAGRAM_PNG_MAX_SIDE))
        {
          g_autofree char *message = g_strdup_printf ("--max-size must be between %d and %d pixels",
                                                      CARDINAL_DIAGRAM_PNG_MIN_SIZE, CARDINAL_DIAGRAM_PNG_MAX_SIDE);

          return cardinal_cli_usage_error (command, message);
        }
      if (options->scale != 0.0)
        diagram.png_scale = options->scale;
      diagram.png_max_size = (guint) options->max_size;
    }
  diagram.relationship_labels = options->flag_a;
  diagram.include_types = !options->flag_b;
  path = cardinal_cli_take_file (command, options, "FILE", &exit_code);
  if (path == NULL)
    return exit_code;

  /* Like ddl: a diagram of a model with errors would document a schema that
   * cannot exist, so the errors are printed instead. */
  model = cardinal_cli_load_valid (path, NULL, &exit_code);
  if (model == NULL)
    return exit_code;

  bytes = cardinal_diagram_render (model, &diagram, NULL, &error);
  if (bytes == NULL)
    {
      cardinal_cli_fail ("%s: %s", path, error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  if (to_stdout)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      if (fwrite (data, 1, size, stdout) != size)
        {
          cardinal_cli_fail ("cannot write to standard output");
          return CARDINAL_CLI_EXIT_USAGE;
        }
      return cardinal_cli_finish_stdout ();
    }

  {
    gsize size;
    const char *data = g_bytes_get_data (bytes, &size);

    if (!cardinal_file_write (options->output, data, size, &error))
      {
        cardinal_cli_fail ("%s", error->message);
        return CARDINAL_CLI_EXIT_USAGE;
      }
  }
  return CARDINAL_CLI_EXIT_OK;
}

const CardinalCliCommand cardinal_cli_diagram_command = {
  "diagram", "-o OUT FILE",
  "Draw a model's entity-relationship diagram (SVG, PNG, PDF or DOT).",
  "The format comes from OUT's extension (.svg, .png, .pdf, .dot, .gv) unless\n"
  "--format is given. Lines end in crow's feet: a bar for one, a crow for many,\n"
  "a circle where none is allowed. The model is validated first: if it has\n"
  "errors they are printed and nothing is written (exit status 1). A PNG comes\n"
  "out at 96 dpi times --scale; one too large to rasterise is refused (exit\n"
  "status 2) unless --max-size shrinks it to fit: or use SVG or PDF for it.",
  NULL, cardinal_cli_diagram_entries, cardinal_cli_diagram_run,
};
