/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-call.c
 *
 * The doorbell: a SiP fast call (HVC or SMC conduit) with the vscmi
 * function id.  x1..x7 are ignored.  The mediator snapshots the request
 * from the domain's page, validates it, applies the policy, forwards on
 * the firmware channel under its lock and writes the response.
 *
 *   x0 = 0                 a response is in the channel (SCMI status in
 *                          the payload: Linux treats a0 != 0 as failure)
 *   x0 = VSCMI_SMCCC_BUSY  the channel was already in a call (another
 *                          vCPU rang it): the request was not consumed
 *   x0 = NOT_SUPPORTED     the domain has no channel
 *
 * A call to a firmware function id Xen owns (the firmware channel's or a
 * dedicated agent channel's) never reaches firmware: Xen is the only
 * agent on those channels.
 */

#include <xen/lib.h>
#include <xen/sched.h>

#include <asm/page.h>
#include <asm/regs.h>
#include <asm/smccc.h>

#include "vscmi-private.h"

bool vscmi_handle_smc(struct cpu_user_regs *regs)
{
    uint32_t fid = get_user_reg(regs, 0);
    struct vscmi_mailbox *mb;
    void *chan;
    int rc;

    if ( !vscmi.enabled )
        return false;

    if ( fid != vscmi.fid )
    {
        if ( !vscmi_fid_is_xens(fid) )
            return false;

        gdprintk(XENLOG_WARNING,
                 "vscmi: call to the firmware's SCMI function %#x refused\n",
                 fid);
        set_user_reg(regs, 0, ARM_SMCCC_NOT_SUPPORTED);
        return true;
    }

    /* Set at construction, cleared at relinquish: this domain is running. */
    mb = current->domain->arch.vscmi;
    if ( !mb || !mb->va )
    {
        set_user_reg(regs, 0, ARM_SMCCC_NOT_SUPPORTED);
        return true;
    }

    /*
     * The guest maps the page uncached, Xen cached: keep the two coherent
     * over the only bytes the mediator touches, the header plus at most
     * VSCMI_REQ_MAX bytes read and VSCMI_RSP_MAX bytes written.  Before the
     * call over all of them: a stale line under the answer would otherwise
     * be written back over the guest's bytes beside it.
     */
    BUILD_BUG_ON(VSCMI_CHAN_WRITE_MAX < VSCMI_CHAN_READ_MAX);
    chan = mb->va + mb->chan_off;
    clean_and_invalidate_dcache_va_range(
        chan, min_t(unsigned int, mb->chan_size, VSCMI_CHAN_WRITE_MAX));
    rc = vscmi_domain_call(mb->md, chan, mb->chan_size);
    clean_and_invalidate_dcache_va_range(
        chan, min_t(unsigned int, mb->chan_size, VSCMI_CHAN_WRITE_MAX));

    switch ( rc )
    {
    case VSCMI_OK:
        set_user_reg(regs, 0, 0);
        break;
    case VSCMI_EBUSY:
        set_user_reg(regs, 0, VSCMI_SMCCC_BUSY);
        break;
    default:
        set_user_reg(regs, 0, ARM_SMCCC_NOT_SUPPORTED);
        break;
    }

    return true;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
