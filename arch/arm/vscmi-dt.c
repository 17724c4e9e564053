/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-dt.c
 *
 * Device tree of the domains with a channel.
 *
 * dom0: the host's "arm,scmi-smc" node and its "arm,scmi-shmem" node are
 * Xen's.  dom0 gets them back in place, under the same names and phandles
 * (its consumers keep working), with the vscmi function id, without the
 * protocols it may not use, and with its own page at the shmem's address.
 *
 * domU: Xen writes the channel's shmem node at GUEST_VSCMI_SHMEM_BASE and
 * /firmware/scmi, in one of two bindings:
 *   "smc"   arm,scmi-smc (upstream Linux binding, HVC conduit under Xen)
 *   "mbox"  arm,smc-mbox (method = "hvc") used by arm,scmi via mboxes
 * Node phandles are fixed (GUEST_PHANDLE_VSCMI*).
 */

#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/libfdt/libfdt.h>
#include <xen/sched.h>

#include <asm/kernel.h>

#include "vscmi-private.h"

static const char *__init vscmi_dt_basename(const struct dt_device_node *node)
{
    const char *path = dt_node_full_name(node);
    const char *name = strrchr(path, '/');

    return name ? name + 1 : path;
}

static bool __init vscmi_dt_prop_in(const struct dt_property *pp,
                                    const char *const *names)
{
    for ( ; *names; names++ )
        if ( dt_property_name_is_equal(pp, *names) )
            return true;

    return false;
}

/* Copy @node, its properties but @skip, and its whole subtree. */
static int __init vscmi_dt_copy(void *fdt, const struct dt_device_node *node,
                                const char *const *skip, bool end)
{
    static const char *const none[] = { NULL };
    const struct dt_device_node *child;
    const struct dt_property *pp;
    int rc;

    rc = fdt_begin_node(fdt, vscmi_dt_basename(node));
    if ( rc )
        return rc;

    dt_for_each_property_node ( node, pp )
    {
        if ( vscmi_dt_prop_in(pp, skip ?: none) )
            continue;
        rc = fdt_property(fdt, pp->name, pp->value, pp->length);
        if ( rc )
            return rc;
    }

    if ( !end )
        return 0;

    for ( child = node->child; child; child = child->sibling )
    {
        rc = vscmi_dt_copy(fdt, child, NULL, true);
        if ( rc )
            return rc;
    }

    return fdt_end_node(fdt);
}

/* A shmem node of a channel Xen owns: copied to dom0, never mapped. */
static bool vscmi_dt_is_xens_shmem(const struct dt_device_node *node)
{
    unsigned int i;

    for ( i = 0; i < vscmi.nr_fw_agents; i++ )
        if ( node == vscmi.fw_agents[i].fw.shmem_node )
            return true;

    return false;
}

bool vscmi_dt_replaces(const struct dt_device_node *node)
{
    return vscmi.enabled &&
           (node == vscmi_main_fw()->node || vscmi_dt_is_xens_shmem(node));
}

int __init vscmi_make_dom0_node(struct domain *d, struct kernel_info *kinfo,
                                const struct dt_device_node *node)
{
    static const char *const scmi_skip[] = {
        "compatible", "arm,smc-id", "shmem", "interrupts",
        "interrupts-extended", "interrupt-names", NULL
    };
    const struct dt_device_node *child;
    struct vscmi_mailbox *mb;
    void *fdt = kinfo->fdt;
    int rc;

    mb = vscmi_mailbox_find(d->domain_id);

    /*
     * The shmem nodes stay either way: Xen also describes reserved memory
     * to dom0 as RAM, and only these nodes keep dom0 off the pages.  The
     * pages stay unmapped (dom0's own channel aside); without SCMI for
     * dom0 the SCMI node goes.  Its "xen,scmi-agent" children never reach
     * dom0: only protocol nodes are copied below.
     */
    if ( vscmi_dt_is_xens_shmem(node) )
        return vscmi_dt_copy(fdt, node, NULL, true);
    if ( !mb )
        return 0;

    rc = vscmi_dt_copy(fdt, node, scmi_skip, false);
    if ( rc )
        return rc;

    rc = fdt_property_string(fdt, "compatible", "arm,scmi-smc");
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "arm,smc-id", vscmi.fid);
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "shmem", vscmi_main_fw()->shmem_node->phandle);
    if ( rc )
        return rc;

    /* The protocol nodes dom0 may use, as they are (phandles included). */
    for ( child = node->child; child; child = child->sibling )
    {
        uint32_t proto;

        if ( !dt_property_read_u32(child, "reg", &proto) ||
             proto > SCMI_HDR_PROTO_MASK || proto == SCMI_PROTO_BASE ||
             !vscmi_proto_name(proto) ||
             !(mb->protocols & VSCMI_PROTO_BIT(proto)) )
            continue;
        rc = vscmi_dt_copy(fdt, child, NULL, true);
        if ( rc )
            return rc;
    }

    return fdt_end_node(fdt);
}

static int __init vscmi_make_shmem_node(void *fdt, int addrcells,
                                        int sizecells, bool resv)
{
    __be32 reg[GUEST_ROOT_ADDRESS_CELLS + GUEST_ROOT_SIZE_CELLS];
    __be32 *cells = reg;
    char name[32];
    int rc;

    if ( addrcells + sizecells > ARRAY_SIZE(reg) )
        return -EINVAL;

    snprintf(name, sizeof(name), "scmi-shmem@%"PRIx64,
             (uint64_t)GUEST_VSCMI_SHMEM_BASE);
    rc = fdt_begin_node(fdt, name);
    if ( rc )
        return rc;

    rc = fdt_property_string(fdt, "compatible", "arm,scmi-shmem");
    if ( rc )
        return rc;

    dt_child_set_range(&cells, addrcells, sizecells, GUEST_VSCMI_SHMEM_BASE,
                       GUEST_VSCMI_SHMEM_SIZE);
    rc = fdt_property(fdt, "reg", reg,
                      (addrcells + sizecells) * sizeof(__be32));
    if ( rc )
        return rc;

    if ( resv )
    {
        rc = fdt_property(fdt, "no-map", NULL, 0);
        if ( rc )
            return rc;
    }

    rc = fdt_property_cell(fdt, "phandle", GUEST_PHANDLE_VSCMI_SHMEM);
    if ( rc )
        return rc;

    return fdt_end_node(fdt);
}

static int __init vscmi_make_mbox_node(void *fdt)
{
    int rc;

    rc = fdt_begin_node(fdt, "mailbox");
    if ( rc )
        return rc;

    rc = fdt_property_string(fdt, "compatible", "arm,smc-mbox");
    if ( rc )
        return rc;
    rc = fdt_property_string(fdt, "method", "hvc");
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "#mbox-cells", 1);
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "arm,func-ids", vscmi.fid);
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "phandle", GUEST_PHANDLE_VSCMI_MBOX);
    if ( rc )
        return rc;

    return fdt_end_node(fdt);
}

static int __init vscmi_make_protocol_nodes(void *fdt,
                                            const struct vscmi_mailbox *mb)
{
    unsigned int i;
    char name[16];
    int rc;

    for ( i = 0; i < vscmi_nr_res_kinds; i++ )
    {
        const struct vscmi_res_kind *k = &vscmi_res_kinds[i];

        if ( !(mb->protocols & VSCMI_PROTO_BIT(k->proto)) )
            continue;

        snprintf(name, sizeof(name), "protocol@%x", k->proto);
        rc = fdt_begin_node(fdt, name);
        if ( rc )
            return rc;
        rc = fdt_property_cell(fdt, "reg", k->proto);
        if ( rc )
            return rc;
        if ( k->cells )
        {
            rc = fdt_property_cell(fdt, k->cells, 1);
            if ( rc )
                return rc;
        }
        rc = fdt_property_cell(fdt, "phandle",
                               GUEST_PHANDLE_VSCMI_PROTO(k->proto));
        if ( rc )
            return rc;
        rc = fdt_end_node(fdt);
        if ( rc )
            return rc;
    }

    return 0;
}

int __init vscmi_make_domU_nodes(struct domain *d, struct kernel_info *kinfo,
                                 int addrcells, int sizecells)
{
    const struct vscmi_mailbox *mb = d->arch.vscmi;
    void *fdt = kinfo->fdt;
    bool resv = true;
    int rc;

    if ( !mb )
        return 0;

#ifdef CONFIG_STATIC_SHM
    /* make_resv_memory_node() already closed a /reserved-memory node. */
    if ( kinfo->shm_mem.common.nr_banks )
        resv = false;
#endif

    if ( resv )
    {
        rc = fdt_begin_node(fdt, "reserved-memory");
        if ( rc )
            return rc;
        rc = fdt_property_cell(fdt, "#address-cells", addrcells);
        if ( rc )
            return rc;
        rc = fdt_property_cell(fdt, "#size-cells", sizecells);
        if ( rc )
            return rc;
        rc = fdt_property(fdt, "ranges", NULL, 0);
        if ( rc )
            return rc;
    }

    rc = vscmi_make_shmem_node(fdt, addrcells, sizecells, resv);
    if ( rc )
        return rc;

    if ( resv )
    {
        rc = fdt_end_node(fdt);
        if ( rc )
            return rc;
    }

    rc = fdt_begin_node(fdt, "firmware");
    if ( rc )
        return rc;

    if ( mb->binding == VSCMI_BINDING_MBOX )
    {
        rc = vscmi_make_mbox_node(fdt);
        if ( rc )
            return rc;
    }

    rc = fdt_begin_node(fdt, "scmi");
    if ( rc )
        return rc;

    if ( mb->binding == VSCMI_BINDING_MBOX )
    {
        __be32 mboxes[2] = {
            cpu_to_be32(GUEST_PHANDLE_VSCMI_MBOX), cpu_to_be32(0)
        };

        rc = fdt_property_string(fdt, "compatible", "arm,scmi");
        if ( rc )
            return rc;
        rc = fdt_property(fdt, "mboxes", mboxes, sizeof(mboxes));
    }
    else
    {
        rc = fdt_property_string(fdt, "compatible", "arm,scmi-smc");
        if ( rc )
            return rc;
        rc = fdt_property_cell(fdt, "arm,smc-id", vscmi.fid);
    }
    if ( rc )
        return rc;

    rc = fdt_property_cell(fdt, "shmem", GUEST_PHANDLE_VSCMI_SHMEM);
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "#address-cells", 1);
    if ( rc )
        return rc;
    rc = fdt_property_cell(fdt, "#size-cells", 0);
    if ( rc )
        return rc;

    rc = vscmi_make_protocol_nodes(fdt, mb);
    if ( rc )
        return rc;

    rc = fdt_end_node(fdt);             /* scmi */
    if ( rc )
        return rc;

    return fdt_end_node(fdt);           /* firmware */
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
