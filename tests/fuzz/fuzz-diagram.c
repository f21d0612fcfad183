/* fuzz-diagram.c: the diagram renderer under a fuzzer: any document, laid out by Graphviz, to SVG in memory. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cardinal-diagram.h"
#include "cardinal-document.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Graphviz layout grows much faster than the model; beyond this many boxes an
 * execution takes seconds and the fuzzer learns nothing new from it. */
#define FUZZ_MAX_ENTITIES 40

static void
render (const CardinalModel   *model,
        CardinalDiagramLayout  layout,
        CardinalDiagramView    view,
        gboolean               labels)
{
  CardinalDiagramOptions options;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GError) error = NULL;

  cardinal_diagram_options_init (&options);
  options.format = CARDINAL_DIAGRAM_FORMAT_SVG;
  options.layout = layout;
  options.view = view;
  options.relationship_labels = labels;
  svg = cardinal_diagram_render (model, &options, NULL, &error);
  /* Either a picture or a reason, never both nor neither. */
  if ((svg == NULL) == (error == NULL))
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = cardinal_document_load_data ((const char *) data, (gssize) size, "fuzz.cardinal", &error);
  if (model == NULL || model->entities->len > FUZZ_MAX_ENTITIES)
    return 0;

  /* The model need not validate: the renderer takes what the canvas shows.
   * Auto layout of the physical view (the default), and the canvas's own
   * positions pinned in the logical view, with labels. */
  render (model, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL, FALSE);
  render (model, CARDINAL_DIAGRAM_LAYOUT_MANUAL, CARDINAL_DIAGRAM_VIEW_LOGICAL, TRUE);
  return 0;
}
