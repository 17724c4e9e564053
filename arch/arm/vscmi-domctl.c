/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-domctl.c
 *
 * XEN_DOMCTL_vscmi_op: the toolstack's path to a domain's virtual SCMI
 * mailbox.  SET gives a domain libxl created its channel and policy, once,
 * after its paging pool is sized and before it first runs (the precedent
 * is XEN_DOMCTL_set_llc_colors).  The policy is checked by the mediator
 * core against the firmware and every live domain under the mediator lock,
 * all or nothing; a refusal names the grant at fault (err_index) and why
 * (the err buffer).  GET reads the channel, its counters and its grants
 * back (xl scmi-list).
 *
 * XEN_DOMCTL_vscmi_names gives the firmware's names of a protocol's
 * resources, so that the toolstack grants by name; XEN_DOMCTL_vscmi_dtdev
 * the resources a host device consumes, so that they come with it.
 *
 * Domctls are serialised by the domctl lock, which orders SET against the
 * domain's destruction and against another SET taking the same firmware
 * agent channel.
 */

#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/xmalloc.h>

#include <public/domctl.h>

#include "vscmi-private.h"

static int vscmi_set_fail(struct xen_domctl_vscmi_op *op, int rc,
                          unsigned int index, const char *why)
{
    size_t n;

    op->err_index = index;
    if ( op->err_size && !guest_handle_is_null(op->err) )
    {
        n = min_t(size_t, strlen(why), op->err_size - 1);
        if ( copy_to_guest(op->err, why, n) ||
             copy_to_guest_offset(op->err, n, "", 1) )
            return -EFAULT;
    }

    return rc;
}

/* The index into SET's grant array of the core's (protocol, guest id). */
static unsigned int vscmi_grant_index(const struct xen_domctl_vscmi_grant *in,
                                      unsigned int nr, uint8_t proto,
                                      uint32_t guest_id)
{
    unsigned int i;

    if ( !proto || guest_id == VSCMI_ERR_ALL )
        return ~0U;
    for ( i = 0; i < nr; i++ )
        if ( in[i].protocol == proto && in[i].guest_id == guest_id )
            return i;

    return ~0U;
}

static int vscmi_domctl_set(struct domain *d, struct xen_domctl_vscmi_op *op)
{
    struct vscmi_domain_cfg cfg = { .domid = d->domain_id };
    struct vscmi_grant_cfg *grants[VSCMI_NR_PROTOS] = { NULL };
    struct xen_domctl_vscmi_grant *in = NULL;
    struct vscmi_fw_agent *agent = NULL;
    struct vscmi_mailbox *mb = NULL;
    struct vscmi_error verr;
    char why[sizeof(verr.line)];
    unsigned int i, idx, index = ~0U;
    uint32_t max_id;
    int rc;

    op->err_index = ~0U;

    if ( !vscmi.enabled )
        return vscmi_set_fail(op, -ENODEV, ~0U,
                              "no mediated firmware channel (see Xen's vscmi boot messages)");
    if ( is_hardware_domain(d) )
        return vscmi_set_fail(op, -EINVAL, ~0U,
                              "dom0's policy comes from vscmi-dom0= on Xen's command line");
    if ( d->is_dying || d->creation_finished )
        return vscmi_set_fail(op, -EBUSY, ~0U,
                              "the domain has already run: a channel is set before it first runs");
    if ( d->arch.vscmi || vscmi_mailbox_find(d->domain_id) )
        return vscmi_set_fail(op, -EEXIST, ~0U, "the domain already has an SCMI channel");
    if ( op->binding > XEN_VSCMI_BINDING_MBOX || op->privileged > 1 )
        return vscmi_set_fail(op, -EINVAL, ~0U, "unknown binding or flag");
    if ( op->nr_grants > VSCMI_MAX_GRANTS * vscmi_nr_res_kinds )
        return vscmi_set_fail(op, -E2BIG, ~0U, "too many grants");

    if ( op->agent )
    {
        if ( op->agent >= vscmi.nr_fw_agents )
            return vscmi_set_fail(op, -ENOENT, ~0U,
                                  "no such firmware agent channel (see Xen's vscmi boot messages)");
        agent = &vscmi.fw_agents[op->agent];
        if ( agent->owner != DOMID_INVALID )
        {
            snprintf(why, sizeof(why), "firmware agent channel %u is already dom%u's",
                     op->agent, agent->owner);
            return vscmi_set_fail(op, -EBUSY, ~0U, why);
        }
        cfg.agent = agent->view;
    }

    if ( op->nr_grants )
    {
        in = xmalloc_array(struct xen_domctl_vscmi_grant, op->nr_grants);
        if ( !in )
            return vscmi_set_fail(op, -ENOMEM, ~0U, "out of memory");
        if ( copy_from_guest(in, op->grants, op->nr_grants) )
        {
            rc = -EFAULT;
            goto out;
        }
    }

    /*
     * Shape: known protocols and modes, guest ids in range.  A protocol's
     * table spans its highest guest id; ids not granted stay holes.
     */
    BUILD_BUG_ON(XEN_VSCMI_MAX_GUEST_ID > VSCMI_MAX_GRANTS);
    for ( i = 0; i < op->nr_grants; i++ )
    {
        const struct vscmi_res_kind *k = vscmi_res_kind_of(in[i].protocol);

        if ( !k || in[i].mode > XEN_VSCMI_MODE_SHARED_OWNER || in[i].pad ||
             in[i].pad2 )
        {
            rc = vscmi_set_fail(op, -EINVAL, i, !k ? "not a protocol with grantable resources"
                                                   : "unknown mode");
            goto out;
        }
        /* a guest sees no more resources than the firmware has (none:
         * the core refuses the protocol) */
        max_id = vscmi_fw_count(vscmi.m, in[i].protocol);
        if ( !max_id || max_id > XEN_VSCMI_MAX_GUEST_ID )
            max_id = XEN_VSCMI_MAX_GUEST_ID;
        if ( in[i].guest_id >= max_id )
        {
            snprintf(why, sizeof(why), "guest %s id %u: ids go up to %u",
                     vscmi_proto_name(in[i].protocol), in[i].guest_id,
                     max_id - 1);
            rc = vscmi_set_fail(op, -E2BIG, i, why);
            goto out;
        }
        idx = VSCMI_PROTO_IDX(in[i].protocol);
        cfg.res[idx].nr = max(cfg.res[idx].nr, in[i].guest_id + 1);
    }
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
    {
        if ( !cfg.res[idx].nr )
            continue;
        grants[idx] = xzalloc_array(struct vscmi_grant_cfg, cfg.res[idx].nr);
        if ( !grants[idx] )
        {
            rc = vscmi_set_fail(op, -ENOMEM, ~0U, "out of memory");
            goto out;
        }
        for ( i = 0; i < cfg.res[idx].nr; i++ )
            grants[idx][i].mode = VSCMI_MODE_NONE;
        cfg.res[idx].grant = grants[idx];
    }
    for ( i = 0; i < op->nr_grants; i++ )
    {
        struct vscmi_grant_cfg *g;

        idx = VSCMI_PROTO_IDX(in[i].protocol);
        g = &grants[idx][in[i].guest_id];
        if ( g->mode != VSCMI_MODE_NONE )
        {
            snprintf(why, sizeof(why), "guest %s id %u granted twice",
                     vscmi_proto_name(in[i].protocol), in[i].guest_id);
            rc = vscmi_set_fail(op, -EINVAL, i, why);
            goto out;
        }
        g->phys = in[i].fw_id;
        g->owner = in[i].mode == XEN_VSCMI_MODE_SHARED_OWNER;
        g->mode = in[i].mode == XEN_VSCMI_MODE_FULL ? VSCMI_MODE_FULL :
                  in[i].mode == XEN_VSCMI_MODE_RO ? VSCMI_MODE_RO :
                  VSCMI_MODE_SHARED;
    }

    cfg.privileged = op->privileged;
    if ( cfg.privileged && vscmi_fw_version(vscmi.m, SCMI_PROTO_SYSTEM) )
        cfg.protocols |= VSCMI_PROTO_BIT(SCMI_PROTO_SYSTEM);
    cfg.rate = op->rate;
    cfg.burst = op->burst;

    mb = vscmi_mailbox_alloc(d->domain_id);
    if ( !mb )
    {
        rc = vscmi_set_fail(op, -ENOMEM, ~0U, "out of memory");
        goto out;
    }
    rc = vscmi_domain_create(vscmi.m, &cfg, &mb->md, &verr);
    if ( rc )
    {
        index = vscmi_grant_index(in, op->nr_grants, verr.proto, verr.entry);
        rc = vscmi_set_fail(op, vscmi_errno(rc), index, verr.line);
        vscmi_mailbox_free(mb);
        mb = NULL;
        goto out;
    }
    mb->protocols = vscmi_cfg_protocols(&cfg);
    mb->binding = op->binding == XEN_VSCMI_BINDING_MBOX ? VSCMI_BINDING_MBOX
                                                        : VSCMI_BINDING_SMC;
    if ( agent )
    {
        agent->owner = d->domain_id;
        mb->fw_agent = agent;
    }

    vscmi_mailbox_add_pending(mb);
    rc = vscmi_domain_construct(d);
    if ( rc )
    {
        /* construct removed and freed the mailbox: votes, agent and all */
        mb = NULL;
        rc = vscmi_set_fail(op, rc, ~0U, "cannot map the channel page");
        goto out;
    }

    op->fid = vscmi.fid;
    op->gpa = mb->gpa + mb->chan_off;
    op->protocols = mb->protocols;

 out:
    for ( idx = 0; idx < VSCMI_NR_PROTOS; idx++ )
        xfree(grants[idx]);
    xfree(in);

    return rc;
}

static uint8_t vscmi_public_mode(const struct vscmi_grant_info *g)
{
    if ( g->mode == VSCMI_MODE_FULL )
        return XEN_VSCMI_MODE_FULL;
    if ( g->mode == VSCMI_MODE_RO )
        return XEN_VSCMI_MODE_RO;
    return g->owner ? XEN_VSCMI_MODE_SHARED_OWNER : XEN_VSCMI_MODE_SHARED;
}

static int vscmi_domctl_get(struct domain *d, struct xen_domctl_vscmi_op *op)
{
    struct vscmi_mailbox *mb;
    struct vscmi_counters c;
    struct vscmi_grant_info g;
    struct xen_domctl_vscmi_grant_info *out = NULL;
    unsigned int n = 0, room;
    int rc = -ENOENT;

    /* The grants are read under the lock, copied to the caller after it. */
    room = guest_handle_is_null(op->info) ? 0
           : min(op->nr_info, VSCMI_MAX_GRANTS * vscmi_nr_res_kinds);
    if ( room && !(out = xmalloc_array(struct xen_domctl_vscmi_grant_info, room)) )
        return -ENOMEM;

    spin_lock(&d->shutdown_lock);       /* relinquish detaches under it */
    mb = d->arch.vscmi;
    if ( mb )
    {
        vscmi_domain_counters(mb->md, &c);
        op->binding = mb->binding == VSCMI_BINDING_MBOX ? XEN_VSCMI_BINDING_MBOX
                                                        : XEN_VSCMI_BINDING_SMC;
        op->agent = mb->fw_agent ? mb->fw_agent - vscmi.fw_agents : 0;
        op->fid = vscmi.fid;
        op->gpa = mb->gpa + mb->chan_off;
        op->protocols = mb->protocols;
        op->votes = c.votes;
        op->calls = c.calls;
        op->denied = c.denied;
        op->errors = c.errors;
        op->fw_errors = c.fw_errors;
        op->busy = c.busy;
        op->flags = mb->all ? XEN_VSCMI_FLAG_ALL : 0;
        rc = 0;
        /* bounded by the domain's grants, VSCMI_MAX_GRANTS per protocol */
        for ( ; vscmi_domain_grant(mb->md, n, &g); n++ )
            if ( n < room )
                out[n] = (struct xen_domctl_vscmi_grant_info){
                    .protocol = g.proto, .mode = vscmi_public_mode(&g),
                    .flags = g.held ? XEN_VSCMI_GRANT_HELD : 0,
                    .fw_id = g.phys, .guest_id = g.guest_id,
                };
    }
    spin_unlock(&d->shutdown_lock);

    if ( !rc )
    {
        if ( copy_to_guest(op->info, out, min(n, room)) )
            rc = -EFAULT;
        op->nr_info = n;
    }
    xfree(out);

    return rc;
}

/*
 * XEN_DOMCTL_vscmi_names: names asked of the firmware, one transaction
 * each under the mediator lock, at most XEN_VSCMI_NAMES_MAX a call.
 */
int vscmi_do_names(struct xen_domctl_vscmi_names *op)
{
    char name[XEN_VSCMI_NAME_LEN];
    unsigned int i, n;
    int rc;

    BUILD_BUG_ON(XEN_VSCMI_NAME_LEN != SCMI_SHORT_NAME_LEN);
    if ( !vscmi.enabled )
        return -EOPNOTSUPP;
    if ( op->pad[0] || op->pad[1] || op->pad[2] )
        return -EINVAL;

    op->total = vscmi_fw_count(vscmi.m, op->protocol);
    n = op->first < op->total ? min(op->total - op->first, op->nr) : 0U;
    n = min(n, (unsigned int)XEN_VSCMI_NAMES_MAX);
    for ( i = 0; i < n; i++ )
    {
        rc = vscmi_fw_name(vscmi.m, op->protocol, op->first + i, name);
        if ( rc )
            return vscmi_errno(rc);
        if ( copy_to_guest_offset(op->names, i * XEN_VSCMI_NAME_LEN, name,
                                  XEN_VSCMI_NAME_LEN) )
            return -EFAULT;
    }
    op->nr = n;

    return 0;
}

/* A host device's properties that may name SCMI resources. */
static const struct {
    const char *list;
    const char *cells;
} vscmi_consumer_props[] = {
    { "clocks",         "#clock-cells" },
    { "power-domains",  "#power-domain-cells" },
    { "resets",         "#reset-cells" },
};

/*
 * XEN_DOMCTL_vscmi_dtdev: the SCMI resources a host device consumes, read
 * from the host DT under dt_host_lock: each specifier whose provider is a
 * protocol node of the mediated firmware's SCMI node.
 */
int vscmi_do_dtdev(struct xen_domctl_vscmi_dtdev *op)
{
    const struct dt_device_node *scmi = vscmi_main_fw()->node;
    struct xen_domctl_vscmi_resource r = { 0 };
    struct dt_phandle_args args;
    struct dt_device_node *dev;
    unsigned int i, index, n = 0;
    uint32_t proto;
    int rc;

    if ( !vscmi.enabled )
        return -EOPNOTSUPP;

    read_lock(&dt_host_lock);
    rc = dt_find_node_by_gpath(op->path, op->size, &dev);
    for ( i = 0; !rc && i < ARRAY_SIZE(vscmi_consumer_props); i++ )
        for ( index = 0; !rc && index < VSCMI_MAX_GRANTS; index++ )
        {
            if ( dt_parse_phandle_with_args(dev, vscmi_consumer_props[i].list,
                                            vscmi_consumer_props[i].cells,
                                            index, &args) )
                break;
            if ( args.np->parent != scmi || args.args_count != 1 ||
                 !dt_property_read_u32(args.np, "reg", &proto) ||
                 !vscmi_res_kind_of(proto) )
                continue;
            r.protocol = proto;
            r.fw_id = args.args[0];
            if ( n < op->nr && copy_to_guest_offset(op->res, n, &r, 1) )
                rc = -EFAULT;
            n++;
        }
    read_unlock(&dt_host_lock);
    op->nr = n;

    return rc;
}

int vscmi_do_domctl(struct domain *d, struct xen_domctl_vscmi_op *op)
{
    switch ( op->cmd )
    {
    case XEN_DOMCTL_VSCMI_SET:
        return vscmi_domctl_set(d, op);
    case XEN_DOMCTL_VSCMI_GET:
        return vscmi_domctl_get(d, op);
    }

    return -EOPNOTSUPP;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
