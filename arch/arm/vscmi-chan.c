/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-chan.c
 *
 * A domain's virtual channel: one page Xen allocates for the domain and
 * maps at a fixed guest-physical address (GUEST_VSCMI_SHMEM_BASE for a
 * domU, the host channel's address for the 1:1 dom0).  Neither the admin
 * nor the guest ever chooses the host page.
 *
 * The guest maps the channel as Device memory (Linux ioremap()); Xen
 * reads and writes it through its cacheable mapping, so every doorbell is
 * bracketed by clean+invalidate of the bytes the mediator touches
 * (vscmi-call.c).
 */

#include <xen/domain_page.h>
#include <xen/errno.h>
#include <xen/iocap.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#include <asm/p2m.h>
#include <asm/page.h>

#include <vscmi/smt.h>

#include "vscmi-private.h"

static int vscmi_chan_deny(struct domain *d, const struct vscmi_fw *fw)
{
    return iomem_deny_access(d, paddr_to_pfn(fw->base),
                             paddr_to_pfn(fw->base + fw->size - 1));
}

/*
 * The host channel and the dedicated agent channels are Xen's: dom0 may
 * not map them through IOMEM.
 */
int vscmi_chan_deny_host(struct domain *d)
{
    unsigned int i;
    int rc = 0;

    for ( i = 0; !rc && i < vscmi.nr_fw_agents; i++ )
        rc = vscmi_chan_deny(d, &vscmi.fw_agents[i].fw);

    return rc;
}

int vscmi_chan_create(struct vscmi_mailbox *mb, struct domain *d)
{
    struct page_info *pg;
    gfn_t gfn;
    p2m_type_t t;
    int rc;

    if ( is_hardware_domain(d) )
    {
        mb->gpa = vscmi_main_fw()->base & PAGE_MASK;
        mb->chan_off = vscmi_main_fw()->base & ~PAGE_MASK;
        mb->chan_size = vscmi_main_fw()->size;
    }
    else
    {
        mb->gpa = GUEST_VSCMI_SHMEM_BASE;
        mb->chan_off = 0;
        mb->chan_size = GUEST_VSCMI_SHMEM_SIZE;
    }
    gfn = gaddr_to_gfn(mb->gpa);

    /*
     * dom0's page replaces whatever the host node's parent mapped 1:1 at
     * the firmware channel; a domU's fixed address must be free.
     */
    if ( !is_hardware_domain(d) &&
         !mfn_eq(p2m_lookup(d, gfn, &t), INVALID_MFN) )
    {
        printk(XENLOG_ERR "%pd: vscmi: guest address %#"PRIx64" is in use\n",
               d, (uint64_t)mb->gpa);
        return -EEXIST;
    }

    /* Not counted in the domain's memory: it is Xen's device. */
    pg = alloc_domheap_page(d, MEMF_no_refcount);
    if ( !pg )
        return -ENOMEM;

    /* Xen's own reference: the page outlives any guest p2m change. */
    if ( !get_page(pg, d) )
    {
        put_page_alloc_ref(pg);
        return -ENODATA;
    }

    mb->va = __map_domain_page_global(pg);
    if ( !mb->va )
    {
        rc = -ENOMEM;
        goto err_put;
    }
    clear_page(mb->va);
    /* The platform side owns a new channel until it is marked free. */
    smt_wr32(mb->va + mb->chan_off, SMT_OFF_STATUS, SMT_STATUS_FREE);
    clean_and_invalidate_dcache_va_range(mb->va, PAGE_SIZE);

    rc = guest_physmap_add_entry(d, gfn, page_to_mfn(pg), 0, p2m_ram_rw);
    if ( rc )
    {
        printk(XENLOG_ERR "%pd: vscmi: cannot map the channel at %#"PRIx64" (%d)\n",
               d, (uint64_t)mb->gpa, rc);
        goto err_unmap;
    }

    if ( is_hardware_domain(d) )
    {
        rc = vscmi_chan_deny_host(d);
        if ( rc )
        {
            /* Still mapped: the page stays (leaked) rather than reused. */
            if ( guest_physmap_remove_page(d, gfn, page_to_mfn(pg), 0) )
                return rc;
            goto err_unmap;
        }
    }

    mb->pg = pg;
    mb->d = d;

    return 0;

 err_unmap:
    unmap_domain_page_global(mb->va);
    mb->va = NULL;
 err_put:
    put_page_alloc_ref(pg);
    put_page(pg);

    return rc;
}

/*
 * Called at relinquish time: the domain's vCPUs are paused synchronously
 * (domain_kill), so no doorbell of this domain is running or can start.
 */
void vscmi_chan_destroy(struct vscmi_mailbox *mb)
{
    struct page_info *pg = mb->pg;
    gfn_t gfn = gaddr_to_gfn(mb->gpa);
    p2m_type_t t;

    if ( !pg )
        return;

    mb->pg = NULL;
    unmap_domain_page_global(mb->va);
    mb->va = NULL;

    /*
     * At relinquish the domain is dying: Arm's p2m refuses every change
     * (p2m_set_entry() fails), and the whole p2m goes later (PROG_p2m),
     * after the domain's RAM has been freed under mappings no vCPU will
     * use again.  The channel page is dropped the same way: a RAM entry
     * holds no page reference.  Whatever the guest put at the channel's
     * gfn meanwhile (a populated page, a grant, shared_info: on Arm that
     * silently replaced our entry), our two references go, or the domain
     * could never be freed.  A live domain (a failed construction) gets
     * the entry removed first, if it is still ours; only a failed removal
     * keeps the page.
     */
    if ( !mb->d->is_dying &&
         mfn_eq(p2m_lookup(mb->d, gfn, &t), page_to_mfn(pg)) &&
         guest_physmap_remove_page(mb->d, gfn, page_to_mfn(pg), 0) )
    {
        printk(XENLOG_WARNING "%pd: vscmi: channel page left mapped\n", mb->d);
        return;
    }

    put_page_alloc_ref(pg);
    put_page(pg);
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
