/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/libs/light/libxl_novscmi.c
 *
 * vscmi (virtual SCMI mailboxes) is Arm's (libxl_vscmi.c): elsewhere no
 * domain has a channel, and xl scmi-list finds none.
 */

#include "libxl_osdeps.h"

#include "libxl_internal.h"

int libxl_vscmi_get_info(libxl_ctx *ctx, uint32_t domid,
                         libxl_vscmi_info *info)
{
    return ERROR_NI;
}

int libxl__vscmi_refuse(libxl__gc *gc, uint32_t domid, const char *what)
{
    return 0;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
