/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-fw.c
 *
 * The firmware side: the host's "arm,scmi-smc" channel (arm,smc-id and an
 * "arm,scmi-shmem" SMT page).  Xen is the only agent on it: the core posts
 * every message under the mediator lock (common/fw.c, smt_xfer()) and this
 * file supplies the mapping and the doorbell, a real SMC.
 *
 * Multi-agent firmware may offer further agent channels ("xen,scmi-agent"
 * children of that node): Xen takes them too and gives each to at most
 * one domain as its dedicated channel, with the same ops.
 */

#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/bootfdt.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/vmap.h>

#include <asm/smccc.h>

#include <vscmi/smt.h>

#include "vscmi-private.h"

static int vscmi_fw_ring(void *priv)
{
    const struct vscmi_fw *fw = priv;
    struct arm_smccc_res res;

    /* x1..x7 = 0: no "arm,scmi-smc-param" page/offset parameters. */
    arm_smccc_1_1_smc(fw->fid, 0, 0, 0, 0, 0, 0, 0, &res);

    /* The SMC transport answers synchronously; a0 != 0 is a refusal. */
    return res.a0 ? -EIO : 0;
}

/*
 * A channel the firmware writes must not be RAM Xen may hand out: outside
 * every RAM bank, or inside a reserved-memory region.
 */
static bool __init vscmi_fw_shmem_reserved(paddr_t base, paddr_t size)
{
    const struct membanks *mem = bootinfo_get_mem();
    const struct membanks *rsv = bootinfo_get_reserved_mem();
    bool in_ram = false;
    unsigned int i;

    for ( i = 0; i < mem->nr_banks; i++ )
        if ( base < mem->bank[i].start + mem->bank[i].size &&
             mem->bank[i].start < base + size )
            in_ram = true;
    if ( !in_ram )
        return true;
    for ( i = 0; i < rsv->nr_banks; i++ )
        if ( base >= rsv->bank[i].start &&
             base + size <= rsv->bank[i].start + rsv->bank[i].size )
            return true;

    return false;
}

/* Read @node's arm,smc-id and shmem and map the SMT page into @fw. */
static int __init vscmi_fw_map(struct dt_device_node *node,
                               struct vscmi_fw *fw)
{
    struct dt_device_node *shmem;
    paddr_t base, size;
    int rc;

    /*
     * An a2p completion interrupt means an asynchronous transport: the
     * mediator's reclaim of a busy page is safe only when the SMC returns
     * with the answer.
     */
    if ( dt_find_property(node, "interrupts", NULL) ||
         dt_find_property(node, "interrupts-extended", NULL) )
    {
        printk(XENLOG_ERR
               "vscmi: %s: \"interrupts\" (a2p completion) not supported, only the synchronous SMC transport\n",
               dt_node_full_name(node));
        return -EOPNOTSUPP;
    }

    if ( !dt_property_read_u32(node, "arm,smc-id", &fw->fid) )
    {
        printk(XENLOG_ERR "vscmi: %s: no \"arm,smc-id\"\n",
               dt_node_full_name(node));
        return -EINVAL;
    }

    shmem = dt_parse_phandle(node, "shmem", 0);
    if ( !shmem || !dt_device_is_compatible(shmem, "arm,scmi-shmem") )
    {
        printk(XENLOG_ERR "vscmi: %s: \"shmem\" is not an arm,scmi-shmem node\n",
               dt_node_full_name(node));
        return -EINVAL;
    }

    /*
     * dom0 gets the devices of the host DT mapped 1:1: a channel inside an
     * "mmio-sram" node would stay mapped into dom0 however its shmem node
     * is rewritten, and dom0 could rewrite Xen's requests.  Only a channel
     * under reserved-memory is kept from dom0.
     */
    if ( shmem->parent && dt_device_is_compatible(shmem->parent, "mmio-sram") )
    {
        printk(XENLOG_ERR
               "vscmi: %s: a channel inside an mmio-sram node stays mapped into dom0; describe it under reserved-memory\n",
               dt_node_full_name(shmem));
        return -EOPNOTSUPP;
    }

    rc = dt_device_get_paddr(shmem, 0, &base, &size);
    if ( rc )
    {
        printk(XENLOG_ERR "vscmi: %s: no address (%d)\n",
               dt_node_full_name(shmem), rc);
        return rc;
    }

    if ( size < SMT_HDR_SIZE + VSCMI_RSP_MAX || size > PAGE_SIZE ||
         (base & ~PAGE_MASK) + size > PAGE_SIZE )
    {
        printk(XENLOG_ERR
               "vscmi: %s: channel [%#"PRIx64", +%#"PRIx64") must fit one page\n",
               dt_node_full_name(shmem), (uint64_t)base, (uint64_t)size);
        return -EINVAL;
    }

    if ( !vscmi_fw_shmem_reserved(base, size) )
    {
        printk(XENLOG_ERR
               "vscmi: %s: channel [%#"PRIx64", +%#"PRIx64") is RAM Xen may allocate; describe it under reserved-memory\n",
               dt_node_full_name(shmem), (uint64_t)base, (uint64_t)size);
        return -EINVAL;
    }

    /*
     * Normal non-cacheable, like the firmware's non-cacheable view and
     * Linux's ioremap of the same page; unlike Device memory it allows
     * the byte accesses of the SMT codec.
     */
    fw->chan.shm = ioremap_wc(base, size);
    if ( !fw->chan.shm )
        return -ENOMEM;
    fw->chan.size = size;
    fw->chan.ring = vscmi_fw_ring;
    fw->chan.priv = fw;

    fw->node = node;
    fw->shmem_node = shmem;
    fw->base = base;
    fw->size = size;

    return 0;
}

/* Undo vscmi_fw_map(). */
void __init vscmi_fw_unmap(struct vscmi_fw *fw)
{
    iounmap((void __iomem *)fw->chan.shm);
    memset(fw, 0, sizeof(*fw));
}

/*
 * Find the host channel and map its SMT page.  Returns -ENODEV when the
 * host has no "arm,scmi-smc" node (vscmi stays off, silently).
 */
int __init vscmi_fw_probe(struct vscmi_fw *fw)
{
    static const struct dt_device_match scmi_ids[] __initconst =
    {
        DT_MATCH_COMPATIBLE("arm,scmi-smc"),
        { /* sentinel */ },
    };
    struct dt_device_node *node, *child;

    node = dt_find_matching_node(NULL, scmi_ids);
    if ( !node )
        return -ENODEV;

    /* A protocol with a channel of its own would reach dom0 unmediated. */
    dt_for_each_child_node ( node, child )
        if ( dt_find_property(child, "shmem", NULL) &&
             !dt_device_is_compatible(child, "xen,scmi-agent") )
        {
            printk(XENLOG_ERR
                   "vscmi: %s: a per-protocol channel (\"shmem\") is not mediated; not supported\n",
                   dt_node_full_name(child));
            return -EOPNOTSUPP;
        }

    return vscmi_fw_map(node, fw);
}

/* A function id Xen owns: the firmware's, or a dedicated agent's. */
bool vscmi_fid_is_xens(uint32_t fid)
{
    unsigned int i;

    for ( i = 0; i < vscmi.nr_fw_agents; i++ )
        if ( fid == vscmi.fw_agents[i].fw.fid )
            return true;

    return false;
}

/* Is @a's channel distinct from every channel Xen already took? */
static bool __init vscmi_agent_distinct(const struct vscmi_fw *a)
{
    unsigned int i;

    if ( a->fid == vscmi.fid || vscmi_fid_is_xens(a->fid) )
        return false;
    for ( i = 0; i < vscmi.nr_fw_agents; i++ )
        if ( a->base / PAGE_SIZE == vscmi.fw_agents[i].fw.base / PAGE_SIZE )
            return false;

    return true;
}

/*
 * The further agent channels of multi-agent firmware: "xen,scmi-agent"
 * children of the host SCMI node (docs/admin.md).  Each is Xen's, like
 * the firmware channel: its shmem node is replaced in dom0's DT and its
 * page denied to dom0.  Its agent's own view is discovered now: the ids a
 * domain's messages carry there.  A bad node is skipped with a message.
 */
void __init vscmi_fw_agents_probe(void)
{
    struct dt_device_node *node;

    dt_for_each_child_node ( vscmi_main_fw()->node, node )
    {
        struct vscmi_fw_agent *a;
        struct vscmi_error err;
        char seen[160];

        if ( !dt_device_is_compatible(node, "xen,scmi-agent") )
            continue;
        if ( vscmi.nr_fw_agents == ARRAY_SIZE(vscmi.fw_agents) )
        {
            printk(XENLOG_ERR "vscmi: %s: more than %u agent channels, ignored\n",
                   dt_node_full_name(node), VSCMI_MAX_FW_AGENTS);
            continue;
        }

        a = &vscmi.fw_agents[vscmi.nr_fw_agents];
        if ( vscmi_fw_map(node, &a->fw) )
            continue;
        if ( !(a->fw.fid & ARM_SMCCC_FAST_CALL) ||
             ((a->fw.fid >> ARM_SMCCC_OWNER_SHIFT) & ARM_SMCCC_OWNER_MASK) !=
             ARM_SMCCC_OWNER_SIP || !vscmi_agent_distinct(&a->fw) )
        {
            printk(XENLOG_ERR
                   "vscmi: %s: function %#x / channel %#"PRIx64" not a distinct SiP agent channel, ignored\n",
                   dt_node_full_name(node), a->fw.fid, (uint64_t)a->fw.base);
            vscmi_fw_unmap(&a->fw);
            continue;
        }
        if ( vscmi_agent_create(vscmi.m, &a->fw.chan, &a->view, &err) )
        {
            printk(XENLOG_ERR "vscmi: %s: %s, ignored\n",
                   dt_node_full_name(node), err.line);
            vscmi_fw_unmap(&a->fw);
            continue;
        }

        a->owner = DOMID_INVALID;
        dt_device_set_used_by(node, DOMID_XEN);
        dt_device_set_used_by(a->fw.shmem_node, DOMID_XEN);
        vscmi.nr_fw_agents++;
        printk(XENLOG_INFO
               "vscmi: firmware agent channel %s (function %#x, channel %#"PRIx64"+%#"PRIx64")\n",
               dt_node_full_name(node), a->fw.fid, (uint64_t)a->fw.base,
               (uint64_t)a->fw.size);
        vscmi_agent_describe(a->view, seen, sizeof(seen));
        printk(XENLOG_INFO "vscmi: %s: its agent sees %s\n",
               dt_node_full_name(node), seen);
    }
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
