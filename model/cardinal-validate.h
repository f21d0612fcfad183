/* cardinal-validate.h: diagnostics with stable codes for everything that makes a model wrong or risky. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-model.h"
#include "cardinal-physical.h"

G_BEGIN_DECLS

typedef enum
{
  CARDINAL_SEVERITY_WARNING,
  CARDINAL_SEVERITY_ERROR,
} CardinalSeverity;

typedef enum
{
  CARDINAL_OBJECT_MODEL,
  CARDINAL_OBJECT_ENTITY,
  CARDINAL_OBJECT_ATTRIBUTE,     /* entity + attribute */
  CARDINAL_OBJECT_RELATIONSHIP,
  CARDINAL_OBJECT_LINK_ATTRIBUTE, /* relationship + attribute */
} CardinalObjectKind;

typedef struct
{
  const char         *code;      /* "CARD006": static string, stable across releases */
  CardinalSeverity    severity;
  char               *message;
  CardinalObjectKind  object_kind;
  char               *entity;       /* the object the canvas selects */
  char               *relationship;
  char               *attribute;
} CardinalDiagnostic;

void        cardinal_diagnostic_free      (CardinalDiagnostic *diagnostic);
const char *cardinal_severity_to_string   (CardinalSeverity    severity);
/* "FILE: error[CARD006]: entity \"user\" has no primary key" (newly allocated);
 * @file may be NULL. */
char       *cardinal_diagnostic_format    (const CardinalDiagnostic *diagnostic,
                                           const char               *file);

/* All diagnostics for @model, errors and warnings, in a stable order. */
GPtrArray  *cardinal_validate             (const CardinalModel *model);
/* The same, for a caller that already holds cardinal_engineer (@model), so
 * that a model is engineered once on the way to DDL. */
GPtrArray  *cardinal_validate_with_schema (const CardinalModel  *model,
                                           const CardinalSchema *schema);
gboolean    cardinal_diagnostics_have_errors (GPtrArray *diagnostics);
/* Every code the validator can report ("CARD001", …) in order,
 * NULL-terminated; static. */
const char * const *cardinal_validate_codes   (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalDiagnostic, cardinal_diagnostic_free)

G_END_DECLS
