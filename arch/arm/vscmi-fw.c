/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-fw.c
 *
 * The firmware side: the host's "arm,scmi-smc" channel (arm,smc-id and an
 * "arm,scmi-shmem" SMT page).  Xen is the only agent on it: the mediator
 * posts every message under its lock and rings the firmware with a real
 * SMC; the poll on channel_status is bounded.
 */

#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/init.h>
#include <xen/lib.h>
#include <xen/mm.h>

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

static int vscmi_fw_xfer(void *priv, uint32_t hdr, const void *tx,
                         size_t tx_len, void *rx, size_t rx_max,
                         size_t *rx_len)
{
    struct vscmi_fw *fw = priv;

    return smt_xfer(fw->chan, fw->size, vscmi_fw_ring, fw, VSCMI_FW_SPINS,
                    hdr, tx, tx_len, rx, rx_max, rx_len);
}

const struct vscmi_fw_ops vscmi_fw_ops = {
    .xfer = vscmi_fw_xfer,
};

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
    struct dt_device_node *node, *shmem;
    paddr_t base, size;
    int rc;

    node = dt_find_matching_node(NULL, scmi_ids);
    if ( !node )
        return -ENODEV;

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

    /*
     * Normal non-cacheable, like the firmware's non-cacheable view and
     * Linux's ioremap of the same page; unlike Device memory it allows
     * the byte accesses of the SMT codec.
     */
    fw->chan = ioremap_wc(base, size);
    if ( !fw->chan )
        return -ENOMEM;

    fw->node = node;
    fw->shmem_node = shmem;
    fw->base = base;
    fw->size = size;

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
