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
 * Node phandles are fixed (GUEST_PHANDLE_VSCMI*); the domU's partial
 * device tree is checked not to use them, nor to map a device over the
 * channel's page.
 */

#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/libfdt/libfdt.h>
#include <xen/bootfdt.h>
#include <xen/vmap.h>
#include <xen/sched.h>

#include <asm/kernel.h>
#include <asm/setup.h>

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

/* ---- a dom0less domU's partial device tree ---- */

/*
 * @off and below, in the partial DT of domU @domu: no "xen,reg" range
 * maps a guest address in the channel's page (Xen would replace the
 * channel's mapping with the device's), and no phandle is one of the
 * generated nodes' fixed phandles.  @ac, @sc: the parent's cells, as
 * Xen's own passthrough parser reads them.
 */
static int __init vscmi_pfdt_node(const void *pfdt, int off, uint32_t ac,
                                  uint32_t sc, unsigned int depth,
                                  const char *domu)
{
    char path[128];
    const __be32 *cell;
    uint32_t ph;
    int len, sub, rc;
    unsigned int i, n;

    if ( fdt_get_path(pfdt, off, path, sizeof(path)) )
        strlcpy(path, fdt_get_name(pfdt, off, NULL) ?: "?", sizeof(path));
    if ( depth > 32 )
    {
        printk(XENLOG_ERR "%s: passthrough DT: %s: nested too deep; domain not created\n",
               domu, path);
        return -EINVAL;
    }

    ph = fdt_get_phandle(pfdt, off);
    if ( ph >= GUEST_PHANDLE_VSCMI &&
         ph <= GUEST_PHANDLE_VSCMI_PROTO(SCMI_PROTO_VOLTAGE) )
    {
        printk(XENLOG_ERR
               "%s: passthrough DT: %s: phandle %u is one of the SCMI nodes' (%u-%u); domain not created\n",
               domu, path, ph, GUEST_PHANDLE_VSCMI,
               GUEST_PHANDLE_VSCMI_PROTO(SCMI_PROTO_VOLTAGE));
        return -EINVAL;
    }

    cell = fdt_getprop(pfdt, off, "xen,reg", &len);
    if ( cell && len > 0 && ac >= 1 && ac <= 2 && sc >= 1 && sc <= 2 )
    {
        n = len / ((2 * ac + sc) * sizeof(*cell));
        for ( i = 0; i < n; i++, cell += 2 * ac + sc )
        {
            uint64_t size = dt_read_number(cell + ac, sc);
            uint64_t gstart = dt_read_number(cell + ac + sc, ac);

            if ( gstart < GUEST_VSCMI_SHMEM_BASE + GUEST_VSCMI_SHMEM_SIZE &&
                 GUEST_VSCMI_SHMEM_BASE < gstart + size )
            {
                printk(XENLOG_ERR
                       "%s: passthrough DT: %s: xen,reg maps guest [%#"PRIx64", +%#"PRIx64"), over the SCMI channel at %#"PRIx64"; domain not created\n",
                       domu, path, gstart, size, (uint64_t)GUEST_VSCMI_SHMEM_BASE);
                return -EINVAL;
            }
        }
    }

    ac = device_tree_get_u32(pfdt, off, "#address-cells",
                             DT_ROOT_NODE_ADDR_CELLS_DEFAULT);
    sc = device_tree_get_u32(pfdt, off, "#size-cells",
                             DT_ROOT_NODE_SIZE_CELLS_DEFAULT);
    fdt_for_each_subnode ( sub, pfdt, off )
    {
        rc = vscmi_pfdt_node(pfdt, sub, ac, sc, depth + 1, domu);
        if ( rc )
            return rc;
    }

    return 0;
}

/*
 * Before a dom0less domU with a channel is created: its partial device
 * tree ("multiboot,device-tree" module), whose /passthrough Xen copies and
 * maps later, must leave the channel's page and phandles alone.  A module
 * Xen cannot read is left to Xen's own checks.
 */
int __init vscmi_dt_check_partial(const struct dt_device_node *node)
{
    const struct dt_device_node *mod_node;
    const struct bootmodule *mod = NULL;
    const __be32 *val;
    paddr_t addr, size;
    uint32_t len;
    void *pfdt;
    int off, rc = 0;

    dt_for_each_child_node ( node, mod_node )
    {
        if ( !dt_device_is_compatible(mod_node, "multiboot,device-tree") )
            continue;
        val = dt_get_property(mod_node, "reg", &len);
        if ( !val )
            continue;
        dt_get_range(&val, mod_node, &addr, &size);
        mod = boot_module_find_by_addr_and_kind(BOOTMOD_GUEST_DTB, addr);
        break;
    }
    if ( !mod )
        return 0;

    pfdt = ioremap_cache(mod->start, mod->size);
    if ( !pfdt )
        return -ENOMEM;
    if ( !fdt_check_header(pfdt) && fdt_totalsize(pfdt) <= mod->size )
    {
        off = fdt_subnode_offset(pfdt, 0, "passthrough");
        if ( off >= 0 )
            rc = vscmi_pfdt_node(pfdt, off, DT_ROOT_NODE_ADDR_CELLS_DEFAULT,
                                 DT_ROOT_NODE_SIZE_CELLS_DEFAULT, 0,
                                 dt_node_name(node));
    }
    iounmap(pfdt);

    return rc;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
