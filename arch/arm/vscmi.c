/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi.c
 *
 * Virtual SCMI mailboxes: set-up and domain life cycle.
 *
 * At boot Xen takes the host's "arm,scmi-smc" firmware channel and creates
 * the mediator on it: from then on Xen is the only agent talking to the
 * firmware.  Each enabled domain (dom0 by the command line, a dom0less
 * domU by its "xen,scmi" properties) gets a policy in the mediator, a
 * page of its own as channel and a node in its device tree.
 *
 * Life cycle of a domain's channel:
 *   prepare     policy checked and registered (before domain_create for a
 *               domU, so that a bad policy skips the domain)
 *   construct   page allocated and mapped (after the p2m pool exists)
 *   shutdown    channel closed, votes released by a tasklet, a few
 *               firmware transactions a run, runs VSCMI_RELEASE_PAUSE apart
 *               (except for suspend)
 *   relinquish  mediator state destroyed, page unmapped and freed
 */

#include <xen/acpi.h>
#include <xen/device_tree.h>
#include <xen/errno.h>
#include <xen/event.h>
#include <xen/init.h>
#include <xen/keyhandler.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/shutdown.h>
#include <xen/tasklet.h>

#include <public/sched.h>
#include <xen/xmalloc.h>

#include <asm/smccc.h>

#include <asm/dom0less-build.h>

#include "vscmi-private.h"

struct vscmi_state vscmi = {
    .fid = VSCMI_DEFAULT_FID,
    .lock = SPIN_LOCK_UNLOCKED,
    .doms = LIST_HEAD_INIT(vscmi.doms),
};

static bool __initdata opt_vscmi = true;
boolean_param("vscmi", opt_vscmi);

static unsigned int __initdata opt_fid;
integer_param("vscmi-fid", opt_fid);

/* ---- domain list: every channel, pending or live ---- */

static void vscmi_release_tasklet(void *data);
static void vscmi_release_resume(void *data);

struct vscmi_mailbox *vscmi_mailbox_alloc(domid_t domid)
{
    struct vscmi_mailbox *mb = xzalloc(struct vscmi_mailbox);

    if ( mb )
    {
        INIT_LIST_HEAD(&mb->list);
        mb->domid = domid;
        tasklet_init(&mb->release, vscmi_release_tasklet, mb);
        init_timer(&mb->release_pause, vscmi_release_resume, mb,
                   smp_processor_id());
    }

    return mb;
}

/* Releases the domain's votes and grants (vscmi_domain_destroy()). */
void vscmi_mailbox_free(struct vscmi_mailbox *mb)
{
    if ( !mb )
        return;
    kill_timer(&mb->release_pause);
    vscmi_domain_destroy(mb->md);
    if ( mb->fw_agent )
        mb->fw_agent->owner = DOMID_INVALID;
    xfree(mb);
}

void vscmi_mailbox_add_pending(struct vscmi_mailbox *mb)
{
    spin_lock(&vscmi.lock);
    list_add_tail(&mb->list, &vscmi.doms);
    spin_unlock(&vscmi.lock);
}

static struct vscmi_mailbox *vscmi_mailbox_take_pending(domid_t domid)
{
    struct vscmi_mailbox *mb, *found = NULL;

    spin_lock(&vscmi.lock);
    list_for_each_entry ( mb, &vscmi.doms, list )
        if ( mb->domid == domid && !mb->d )
        {
            found = mb;
            break;
        }
    spin_unlock(&vscmi.lock);

    return found;
}

static void vscmi_mailbox_remove(struct vscmi_mailbox *mb)
{
    spin_lock(&vscmi.lock);
    list_del(&mb->list);
    spin_unlock(&vscmi.lock);
    vscmi_mailbox_free(mb);
}

struct vscmi_mailbox *vscmi_mailbox_find(domid_t domid)
{
    struct vscmi_mailbox *mb, *found = NULL;

    spin_lock(&vscmi.lock);
    list_for_each_entry ( mb, &vscmi.doms, list )
        if ( mb->domid == domid )
        {
            found = mb;
            break;
        }
    spin_unlock(&vscmi.lock);

    return found;
}

/* ---- policies ---- */

/*
 * dom0's policy, from the command line, at init: before dom0's device tree
 * is built.  A boot without dom0 (dom0less only) has none.
 */
static void __init vscmi_dom0_prepare(void)
{
    struct vscmi_mailbox *mb;

    if ( is_dom0less_mode() )
        return;

    if ( !vscmi_cfg_dom0(&mb) && mb )
        vscmi_mailbox_add_pending(mb);
    else if ( !mb )
        printk(XENLOG_INFO "vscmi: dom0 has no SCMI channel\n");
}

int __init vscmi_dom0less_prepare(const struct dt_device_node *node,
                                  domid_t domid)
{
    struct vscmi_mailbox *mb;
    unsigned int i;
    int rc;

    if ( !dt_find_property(node, "xen,scmi", NULL) )
    {
        if ( dt_find_property(node, "xen,scmi-agent", NULL) )
        {
            printk(XENLOG_ERR "%s: xen,scmi-agent: needs \"xen,scmi\"; domain not created\n",
                   dt_node_name(node));
            return -EINVAL;
        }
        for ( i = 0; i < vscmi_nr_res_kinds; i++ )
            if ( dt_find_property(node, vscmi_res_kinds[i].prop, NULL) )
            {
                printk(XENLOG_ERR "%s: %s: needs \"xen,scmi\"; domain not created\n",
                       dt_node_name(node), vscmi_res_kinds[i].prop);
                return -EINVAL;
            }
        return 0;
    }

    rc = vscmi_dt_check_partial(node);
    if ( rc )
        return rc;

    rc = vscmi_cfg_dom0less(node, domid, &mb);
    if ( rc )
        return rc;

    vscmi_mailbox_add_pending(mb);

    return 0;
}

/* ---- life cycle ---- */

int vscmi_domain_construct(struct domain *d)
{
    struct vscmi_mailbox *mb;
    int rc;

    if ( !vscmi.enabled )
        return 0;

    mb = vscmi_mailbox_take_pending(d->domain_id);
    if ( !mb )
        return is_hardware_domain(d) ? vscmi_chan_deny_host(d) : 0;

    rc = vscmi_chan_create(mb, d);
    if ( rc )
    {
        vscmi_mailbox_remove(mb);
        return rc;
    }

    d->arch.vscmi = mb;

    printk(XENLOG_INFO
           "%pd: vscmi: channel at %#"PRIx64", function id %#x, %s\n",
           d, (uint64_t)(mb->gpa + mb->chan_off), vscmi.fid,
           mb->binding == VSCMI_BINDING_MBOX ? "arm,smc-mbox" : "arm,scmi-smc");
    if ( mb->fw_agent )
        printk(XENLOG_INFO
               "%pd: vscmi: firmware agent channel %s (function %#x, channel %#"PRIx64")\n",
               d, dt_node_full_name(mb->fw_agent->fw.node),
               mb->fw_agent->fw.fid,
               (uint64_t)mb->fw_agent->fw.base);

    return 0;
}

/*
 * A domain that powers off, reboots or crashes no longer uses its
 * resources: release its votes now rather than when the toolstack (if
 * any) destroys it.  A vCPU of the domain may still be finishing a call
 * on another pCPU (vcpu_pause_nosync): the mediator lock orders it with
 * the release, after which the domain's calls are refused.  A suspended
 * domain keeps its votes: it resumes with its devices as it left them
 * (destroying it releases them at relinquish).
 */
/*
 * The release at shutdown, in idle-vCPU context: a few firmware
 * transactions a run, each under the mediator lock alone; the next run
 * comes VSCMI_RELEASE_PAUSE later, so other domains' calls go between the
 * transactions and their vCPUs on this pCPU between the runs.
 */
static void vscmi_release_tasklet(void *data)
{
    struct vscmi_mailbox *mb = data;
    struct domain *d = mb->d;

    mb->release_runs++;
    if ( vscmi_domain_release(mb->md, VSCMI_RELEASE_BATCH) == VSCMI_EAGAIN )
    {
        migrate_timer(&mb->release_pause, smp_processor_id());
        set_timer(&mb->release_pause, NOW() + VSCMI_RELEASE_PAUSE);
        return;
    }

    printk(XENLOG_INFO "%pd: vscmi: SCMI votes released at shutdown, by a tasklet in %u run%s\n",
           d, mb->release_runs, mb->release_runs == 1 ? "" : "s");
    spin_lock(&d->shutdown_lock);
    mb->release_ref = false;
    spin_unlock(&d->shutdown_lock);
    put_domain(d);
}

/* The pause is over (timer softirq): queue the next run of the release. */
static void vscmi_release_resume(void *data)
{
    struct vscmi_mailbox *mb = data;

    tasklet_schedule(&mb->release);
}

/*
 * Under d->shutdown_lock, from domain_shutdown() (a guest's SCHEDOP,
 * SCHEDOP_remote_shutdown, domain_crash() in any context, the watchdog's
 * softirq): nothing long here.  The channel is closed at once (a racing
 * vCPU gets no new vote, the domain's calls are refused) and the votes go
 * from a tasklet that holds a reference to the domain.  Suspend keeps the
 * votes (docs/security.md).
 */
void vscmi_domain_shutdown(struct domain *d)
{
    /* relinquish detaches the mailbox under d->shutdown_lock */
    struct vscmi_mailbox *mb = d->arch.vscmi;

    /*
     * A dying domain is relinquishing: relinquish releases, and a reference
     * taken now could come after its last look at release_ref.
     */
    if ( !mb || d->is_dying || d->shutdown_code == SHUTDOWN_suspend ||
         mb->release_ref )
        return;

    vscmi_domain_release(mb->md, 0);    /* closes; releases nothing yet */
    if ( !get_domain(d) )
        return;                         /* dying: relinquish releases */
    mb->release_ref = true;
    tasklet_schedule(&mb->release);
}

/*
 * domain_kill() paused every vCPU synchronously before relinquishing, so
 * no doorbell of @d is running and none can start.  The votes go a few
 * firmware transactions at a time, preemptibly (-ERESTART brings us back
 * to this PROGRESS step).  d->arch.vscmi is read and cleared under
 * d->shutdown_lock, which vscmi_domain_shutdown() runs under: a late
 * shutdown (SCHEDOP_remote_shutdown, the watchdog) either finishes before
 * the mailbox is detached or finds none.
 */
int vscmi_domain_relinquish(struct domain *d)
{
    struct vscmi_mailbox *mb;

    spin_lock(&d->shutdown_lock);
    mb = d->arch.vscmi;
    spin_unlock(&d->shutdown_lock);
    if ( !mb )
        return 0;

    /*
     * A release at shutdown still running, pausing or pending: stop it
     * (waits for a running batch; once killed, the timer cannot be armed
     * again) and finish it here; its reference goes.
     */
    kill_timer(&mb->release_pause);
    tasklet_kill(&mb->release);
    spin_lock(&d->shutdown_lock);
    if ( mb->release_ref )
    {
        mb->release_ref = false;
        spin_unlock(&d->shutdown_lock);
        put_domain(d);
    }
    else
        spin_unlock(&d->shutdown_lock);

    while ( vscmi_domain_release(mb->md, VSCMI_RELEASE_BATCH) == VSCMI_EAGAIN )
        if ( hypercall_preempt_check() )
            return -ERESTART;

    spin_lock(&d->shutdown_lock);
    d->arch.vscmi = NULL;
    spin_unlock(&d->shutdown_lock);

    spin_lock(&vscmi.lock);
    list_del(&mb->list);
    spin_unlock(&vscmi.lock);

    vscmi_chan_destroy(mb);
    vscmi_mailbox_free(mb);         /* nothing held: unregistered and freed */

    return 0;
}

/* ---- debug key ---- */

static void vscmi_dump(unsigned char key)
{
    struct vscmi_mailbox *mb;
    struct vscmi_counters c;

    printk("vscmi: firmware function %#x, channel %#"PRIx64", guest function %#x\n",
           vscmi_main_fw()->fid, (uint64_t)vscmi_main_fw()->base, vscmi.fid);

    spin_lock(&vscmi.lock);
    list_for_each_entry ( mb, &vscmi.doms, list )
    {
        vscmi_domain_counters(mb->md, &c);
        printk("  d%u%s: calls %"PRIu64" denied %"PRIu64" errors %"PRIu64
               " fw_errors %"PRIu64" busy %"PRIu64" votes %u%s%s\n",
               mb->domid, mb->d ? "" : " (not built)", c.calls, c.denied,
               c.errors, c.fw_errors, c.busy, c.votes,
               mb->fw_agent ? " agent " : "",
               mb->fw_agent ? dt_node_full_name(mb->fw_agent->fw.node) : "");
    }
    spin_unlock(&vscmi.lock);
}

/* ---- boot ---- */

static bool __init vscmi_fid_valid(uint32_t fid)
{
    /* A fast call in the SiP range, either calling convention. */
    return (fid & ARM_SMCCC_FAST_CALL) &&
           ((fid >> ARM_SMCCC_OWNER_SHIFT) & ARM_SMCCC_OWNER_MASK) ==
           ARM_SMCCC_OWNER_SIP;
}

static int __init vscmi_init(void)
{
    struct vscmi_fw *fw = vscmi_main_fw();
    struct vscmi_error err;
    int rc;

    if ( !opt_vscmi )
    {
        printk(XENLOG_INFO "vscmi: disabled on the command line\n");
        return 0;
    }
    if ( !acpi_disabled )
        return 0;

    if ( opt_fid )
    {
        if ( !vscmi_fid_valid(opt_fid) )
        {
            printk(XENLOG_ERR "vscmi: vscmi-fid=%#x is not a SiP fast call, using %#x\n",
                   opt_fid, vscmi.fid);
        }
        else
            vscmi.fid = opt_fid;
    }

    rc = vscmi_fw_probe(fw);
    if ( rc == -ENODEV )
        return 0;
    if ( rc )
        goto fail;

    if ( smccc_ver < ARM_SMCCC_VERSION_1_1 )
    {
        printk(XENLOG_WARNING "vscmi: no SMCCC 1.1: firmware channel not used\n");
        rc = 0;
        goto unmap;
    }

    if ( vscmi.fid == fw->fid )
    {
        printk(XENLOG_ERR "vscmi: vscmi-fid=%#x is the firmware's own function id\n",
               vscmi.fid);
        rc = -EINVAL;
        goto unmap;
    }

    rc = vscmi_mediator_create(&fw->chan, &vscmi.m, &err);
    if ( rc )
    {
        printk(XENLOG_ERR "vscmi: %s: %s\n",
               dt_node_full_name(fw->node), err.line);
        rc = vscmi_errno(rc);
        goto unmap;
    }

    /* The firmware channel is Xen's: dom0 sees its virtual one instead. */
    dt_device_set_used_by(fw->node, DOMID_XEN);
    dt_device_set_used_by(fw->shmem_node, DOMID_XEN);
    vscmi.fw_agents[0].owner = DOMID_XEN;
    vscmi.nr_fw_agents = 1;
    vscmi_fw_agents_probe();
    vscmi.enabled = true;
    vscmi_dom0_prepare();

    register_keyhandler('F', vscmi_dump, "dump vscmi SCMI channel counters", 1);

    printk(XENLOG_INFO
           "vscmi: mediating %s (function %#x, channel %#"PRIx64"+%#"PRIx64"); guests call %#x\n",
           dt_node_full_name(fw->node), fw->fid,
           (uint64_t)fw->base, (uint64_t)fw->size, vscmi.fid);

    return 0;

 unmap:
    vscmi_fw_unmap(fw);
    if ( !rc )
        return 0;
 fail:
    printk(XENLOG_ERR "vscmi: not enabled (%d)\n", rc);
    return rc;
}
__initcall(vscmi_init);

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
