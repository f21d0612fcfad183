/* cardinal-diagram.h: entity-relationship diagrams (SVG, PNG, PDF, DOT) and auto-layout through the Graphviz library. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cardinal-model.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_DIAGRAM_ERROR (cardinal_diagram_error_quark ())

typedef enum
{
  CARDINAL_DIAGRAM_ERROR_INVALID,    /* options that do not make sense (an unknown format…) */
  CARDINAL_DIAGRAM_ERROR_TOO_LARGE,  /* a bitmap too large to rasterise: use SVG or PDF */
  CARDINAL_DIAGRAM_ERROR_GRAPHVIZ,   /* Graphviz refused the graph, the layout or the output */
} CardinalDiagramError;

GQuark cardinal_diagram_error_quark (void);

typedef enum
{
  CARDINAL_DIAGRAM_FORMAT_SVG,
  CARDINAL_DIAGRAM_FORMAT_PNG,
  CARDINAL_DIAGRAM_FORMAT_PDF,
  CARDINAL_DIAGRAM_FORMAT_DOT,       /* the laid-out graph: `neato -n2` reproduces the picture */
} CardinalDiagramFormat;

typedef enum
{
  CARDINAL_DIAGRAM_LAYOUT_AUTO,      /* Graphviz places the boxes (engine chosen by size and shape) */
  CARDINAL_DIAGRAM_LAYOUT_MANUAL,    /* the positions drawn on the canvas, pinned */
} CardinalDiagramLayout;

typedef enum
{
  CARDINAL_DIAGRAM_VIEW_LOGICAL,     /* entities and relationships; many-to-many is one line */
  CARDINAL_DIAGRAM_VIEW_PHYSICAL,    /* the engineered tables, link tables as boxes, one line per FK */
} CardinalDiagramView;

typedef struct
{
  CardinalDiagramFormat format;
  CardinalDiagramLayout layout;
  CardinalDiagramView   view;
  CardinalDialect       dialect;             /* how attribute types are spelled */
  gboolean              include_types;       /* a type column in every box */
  gboolean              relationship_labels; /* the relationship's name on its line */
  double                png_scale;           /* PNG: 1 is 96 dpi, 2 and 3 for high-density screens */
  guint                 png_max_size;        /* PNG: > 0, the longest side is at most this many pixels */
} CardinalDiagramOptions;

/* Defaults: SVG, auto layout, physical view, PostgreSQL types shown, no labels,
 * PNG at scale 1 without a size limit of its own. */
void        cardinal_diagram_options_init        (CardinalDiagramOptions *options);

const char *cardinal_diagram_format_to_string    (CardinalDiagramFormat  format);
gboolean    cardinal_diagram_format_from_string  (const char            *str,
                                                  CardinalDiagramFormat *format);
/* The format a file name's extension names (.svg, .png, .pdf, .dot, .gv), case-insensitive. */
gboolean    cardinal_diagram_format_from_filename (const char           *filename,
                                                   CardinalDiagramFormat *format);
/* The MIME type of the bytes cardinal_diagram_render() returns for @format. */
const char *cardinal_diagram_format_content_type (CardinalDiagramFormat  format);
const char *cardinal_diagram_layout_to_string    (CardinalDiagramLayout  layout);
gboolean    cardinal_diagram_layout_from_string  (const char            *str,
                                                  CardinalDiagramLayout *layout);
const char *cardinal_diagram_view_to_string      (CardinalDiagramView    view);
gboolean    cardinal_diagram_view_from_string    (const char            *str,
                                                  CardinalDiagramView   *view);

/* The largest PNG cardinal_diagram_render() agrees to rasterise, in pixels
 * (each side, and in total); beyond it the error is
 * CARDINAL_DIAGRAM_ERROR_TOO_LARGE, and SVG or PDF still work. With
 * png_max_size set, the picture is instead scaled down to fit both that size
 * and these limits, so it is never refused. */
#define CARDINAL_DIAGRAM_PNG_MAX_SIDE   16384
#define CARDINAL_DIAGRAM_PNG_MAX_PIXELS (48 * 1000 * 1000)
/* png_scale is in (0, CARDINAL_DIAGRAM_PNG_MAX_SCALE]; png_max_size 0 or in
 * [CARDINAL_DIAGRAM_PNG_MIN_SIZE, CARDINAL_DIAGRAM_PNG_MAX_SIDE]. */
#define CARDINAL_DIAGRAM_PNG_MAX_SCALE  8.0
#define CARDINAL_DIAGRAM_PNG_MIN_SIZE   16

/* The PNG's size in pixels for a laid-out picture of @width_pt × @height_pt
 * points (as in the SVG) under @options' scale and maximum size; FALSE when
 * it is beyond the limits above (only possible without png_max_size). The
 * factor over 96 dpi goes to @factor. For the dialog's size hint and tests. */
gboolean    cardinal_diagram_png_size            (const CardinalDiagramOptions *options,
                                                  double                        width_pt,
                                                  double                        height_pt,
                                                  guint                        *width,
                                                  guint                        *height,
                                                  double                       *factor);

/* The picture (or DOT text) of @model. Never mutates the model and never
 * runs an external program. Safe to call from any thread: every Graphviz call
 * in the process is serialised. Graphviz cannot be interrupted, so
 * @cancellable is checked before and after the layout (G_IO_ERROR_CANCELLED).
 * The model need not validate; relationships that cannot be engineered are
 * left out, as in the DDL. */
GBytes     *cardinal_diagram_render              (const CardinalModel           *model,
                                                  const CardinalDiagramOptions  *options,
                                                  GCancellable                  *cancellable,
                                                  GError                       **error);

/* The graph as Cardinal builds it, in DOT, before any layout: no positions and
 * none of the engine settings the auto layout chooses. For other Graphviz
 * tools (and the benchmark that times stock `dot` against ours). */
char       *cardinal_diagram_build_dot           (const CardinalModel           *model,
                                                  const CardinalDiagramOptions  *options,
                                                  GError                       **error);

/* The Graphviz engine the auto layout picks for @model in @view ("dot" for
 * small graphs, "sfdp" for large ones or ones with a very busy box), for the
 * benchmark, the tests and a status line. */
const char *cardinal_diagram_auto_engine          (const CardinalModel           *model,
                                                  CardinalDiagramView            view);

/* A box's top-left corner in canvas units (y grows down), like CardinalEntity's x and y. */
typedef struct
{
  double x;
  double y;
} CardinalDiagramPosition;

/* A box's size in canvas units, as the canvas draws it. */
typedef struct
{
  double width;
  double height;
} CardinalDiagramSize;

/* Auto layout of the logical view for the canvas's Arrange: entity name →
 * CardinalDiagramPosition (both owned by the table), every position ≥ 0.
 * With @sizes (entity name → CardinalDiagramSize, may be NULL or miss
 * entities) those boxes are laid out at exactly that size so that they do not
 * overlap on the canvas; others get the size the diagram would give them.
 * Relationships with link attributes get room for the canvas's box of them
 * between their entities (as an edge label).
 * Meant for a worker thread working on its own copy of the model; the caller
 * applies the positions (one undoable command). */
GHashTable *cardinal_diagram_layout_positions    (const CardinalModel  *model,
                                                  GHashTable           *sizes,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

/* The same, packed so that the whole is near @aspect (width / height: the
 * window's); cardinal_diagram_layout_positions () aims for
 * CARDINAL_LAYOUT_DEFAULT_ASPECT. Boxes with self-loops get room for them
 * beside the box, and no two boxes come closer than CARDINAL_LAYOUT_GAP. */
GHashTable *cardinal_diagram_layout_positions_for_aspect (const CardinalModel  *model,
                                                         GHashTable           *sizes,
                                                         double                aspect,
                                                         GCancellable         *cancellable,
                                                         GError              **error);

G_END_DECLS
