/* cardinal-test-e2e.h: what the end-to-end tests keep of the main window they drive (its place, its screenshots, the entity headers on them). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-test-gui.h"
#include "cardinal-model.h"

G_BEGIN_DECLS

typedef struct
{
  guint32          header_rgb;  /* an uncoloured entity header's fill (light style), 0xRRGGBB */
  CardinalTestGui *gui;
  gulong           window;
  int              window_x;
  int              window_y;
  int              width;
  int              height;
  char            *shot_path;   /* where the screenshots go */
  GdkPixbuf       *shot;        /* the last screenshot */
  GArray          *headers;     /* the entity headers found on it (CardinalTestGuiRegion) */
  guint            want;        /* how many headers the current wait asks for */
} CardinalTestE2e;

/* The palette's header colour, a fresh CardinalTestGui and the screenshot
 * path; cardinal_test_e2e_clear() ends them. */
void                         cardinal_test_e2e_init              (CardinalTestE2e *ctx);
void                         cardinal_test_e2e_clear             (CardinalTestE2e *ctx);

/* A CardinalTestGuiCondition on a CardinalTestE2e: screenshots the window
 * and holds when it shows @ctx->want entity headers. */
gboolean                     cardinal_test_e2e_headers_shown     (gpointer ctx);
/* Screenshots the window until it shows @n entity headers, with the pointer
 * out of the way so that no box is drawn hovered. */
void                         cardinal_test_e2e_wait_headers      (CardinalTestE2e *ctx,
                                                                  guint            n);
/* The @i-th header of the last screenshot. */
const CardinalTestGuiRegion *cardinal_test_e2e_header            (CardinalTestE2e *ctx,
                                                                  guint            i);
/* Whether the window's title starts with "• " (the document is modified);
 * the second as a CardinalTestGuiCondition. */
gboolean                     cardinal_test_e2e_title_modified    (CardinalTestE2e *ctx);
gboolean                     cardinal_test_e2e_title_is_modified (gpointer ctx);

/* The model of a saved file's text, or the test fails. */
CardinalModel               *cardinal_test_e2e_load_model        (const char *data,
                                                                  const char *path);

G_END_DECLS
