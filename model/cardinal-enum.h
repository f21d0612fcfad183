/* cardinal-enum.h: enum values to and from the names the file format and the CLI use (the GType nicks). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The nick of @value in the enum @type (mkenums makes it from the member's
 * name: CARDINAL_STRATEGY_LINK_TABLE_PK is "link-table-pk"), or NULL when
 * @value is not one of its members. Static; never freed. */
const char *cardinal_enum_to_nick   (GType       type,
                                     int         value);

/* The member whose nick is @nick (ASCII case ignored when @ignore_case);
 * FALSE, leaving *@value alone, when none is. */
gboolean    cardinal_enum_from_nick (GType       type,
                                     const char *nick,
                                     gboolean    ignore_case,
                                     int        *value);

G_END_DECLS
