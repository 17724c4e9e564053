/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-os.c
 *
 * The mediator core's OS shim on Xen (common/include/vscmi/os.h), the part
 * that cannot be a macro: the "vscmi-trace" switch the core reads.
 */

#include <xen/init.h>
#include <xen/param.h>
#include <xen/types.h>

#include <vscmi/os.h>

/* "vscmi-trace": the core traces each message it sends (common/fw.c). */
bool __read_mostly vscmi_trace_enabled;
boolean_param("vscmi-trace", vscmi_trace_enabled);

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
