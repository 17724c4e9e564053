/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen/arch/arm/vscmi/vscmi-private.h
 *
 * Virtual SCMI mailboxes: Xen glue around the vscmi mediator core
 * (arch/arm/vscmi/common).  One firmware channel, owned by Xen; one
 * virtual channel per enabled domain.
 */

#ifndef __ARM_VSCMI_PRIVATE_H__
#define __ARM_VSCMI_PRIVATE_H__

#include <xen/errno.h>
#include <xen/list.h>
#include <xen/spinlock.h>
#include <xen/tasklet.h>
#include <xen/timer.h>
#include <xen/types.h>

#include <asm/vscmi.h>

#include <vscmi/smt.h>
#include <vscmi/vscmi.h>

/*
 * Guest-physical address of a domU's channel: a free page of the guest
 * memory layout (public/arch-arm.h), right after the vPL011 and below the
 * vPCI MMIO window.  dom0 (1:1) gets its page at the host channel's
 * address instead.
 */
#define GUEST_VSCMI_SHMEM_BASE      xen_mk_ullong(0x22001000)
#define GUEST_VSCMI_SHMEM_SIZE      xen_mk_ullong(0x00001000)

/* Default function id: a SiP fast call, SMC32 convention, the same for all. */
#define VSCMI_DEFAULT_FID           0x82000020U

/*
 * Fixed phandles of the nodes Xen generates for a domU, so that a
 * passthrough partial DT can refer to them (e.g. clocks = <65120 3>).
 * Protocol nodes use GUEST_PHANDLE_VSCMI + protocol id.
 */
#define GUEST_PHANDLE_VSCMI         65100U
#define GUEST_PHANDLE_VSCMI_SHMEM   (GUEST_PHANDLE_VSCMI + 0)
#define GUEST_PHANDLE_VSCMI_MBOX    (GUEST_PHANDLE_VSCMI + 1)
#define GUEST_PHANDLE_VSCMI_PROTO(p) (GUEST_PHANDLE_VSCMI + (p))

/*
 * x0 for a doorbell that found the channel already in a call (the
 * request is not consumed).  SMCCC has no "busy" code; this is FF-A's
 * BUSY, an SMCCC-family ABI.  Linux treats any non-zero a0 as failure.
 */
#define VSCMI_SMCCC_BUSY            (-4)

/* Bytes of a guest channel the mediator may read / write in one call. */
#define VSCMI_CHAN_READ_MAX         (SMT_HDR_SIZE + VSCMI_REQ_MAX)
#define VSCMI_CHAN_WRITE_MAX        (SMT_HDR_SIZE + VSCMI_RSP_MAX)

/* Votes released between two preemption checks at relinquish, and per
 * run of the shutdown release tasklet. */
#define VSCMI_RELEASE_BATCH         8U
/*
 * Pause between two runs of the shutdown release tasklet.  Tasklet work
 * takes its pCPU before any guest vCPU, so a tasklet that queued itself
 * again at once would keep a vCPU there waiting for the whole release;
 * with the pause it waits for one run at most.
 */
#define VSCMI_RELEASE_PAUSE         MICROSECS(100)

/* Bound on the entries of one dom0less grant property. */
#define VSCMI_MAX_GRANTS            256U

/* Bound on the dedicated firmware agent channels ("xen,scmi-agent"):
 * multi-agent firmware rarely offers more than a handful. */
#define VSCMI_MAX_FW_AGENTS            8U

enum vscmi_binding {
    VSCMI_BINDING_SMC,      /* arm,scmi-smc */
    VSCMI_BINDING_MBOX,     /* arm,smc-mbox + arm,scmi */
};

/* A firmware channel taken from the host DT. */
struct vscmi_fw {
    struct dt_device_node *node;            /* arm,scmi-smc / xen,scmi-agent */
    struct dt_device_node *shmem_node;
    uint32_t fid;
    paddr_t base;
    paddr_t size;
    struct vscmi_fw_chan chan;              /* Xen's mapping, and ring() */
};

/*
 * A firmware agent channel: the host SCMI node's own (the mediator's), or
 * a further one of multi-agent firmware, described by a "xen,scmi-agent"
 * child of that node: Xen's too, handed to at most one domain as its
 * dedicated channel (still mediated).  "Agent" is the firmware's word; a
 * guest is an agent of its virtual platform only in BASE answers.
 */
struct vscmi_fw_agent {
    struct vscmi_fw fw;                     /* node: the xen,scmi-agent node */
    struct vscmi_agent *view;               /* its agent's ids (not [0]) */
    domid_t owner;                          /* DOMID_INVALID: free */
};

/*
 * A domain's virtual SCMI mailbox, Xen's side: the channel page, the
 * binding and the mediator's state for the domain (struct vscmi_domain,
 * common/).  d->arch.vscmi points at it.
 */
struct vscmi_mailbox {
    struct list_head list;
    domid_t domid;
    struct domain *d;               /* NULL until constructed */
    struct vscmi_domain *md;        /* mediator state */
    struct page_info *pg;
    void *va;                       /* Xen's mapping of the channel page */
    paddr_t gpa;                    /* guest address of the page */
    unsigned int chan_off;          /* channel offset in the page */
    unsigned int chan_size;         /* channel bytes */
    enum vscmi_binding binding;
    struct vscmi_fw_agent *fw_agent;    /* dedicated firmware channel */
    uint32_t protocols;             /* VSCMI_PROTO_BIT()s described in DT */
    bool all;
    /*
     * The release at shutdown: vscmi_domain_shutdown() closes the channel
     * and schedules the tasklet, which holds a reference to the domain
     * (release_ref) until the last vote is gone.
     */
    struct tasklet release;
    struct timer release_pause;     /* queues the next run */
    bool release_ref;               /* the tasklet's domain reference */
    unsigned int release_runs;      /* tasklet runs of the release */
};

struct vscmi_state {
    bool enabled;                   /* the mediator owns the firmware */
    uint32_t fid;                   /* guests' function id */
    struct vscmi_mediator *m;
    /*
     * Every firmware channel Xen owns: fw_agents[0] is the host SCMI node's,
     * the mediator's own (owner DOMID_XEN); then the "xen,scmi-agent"
     * channels, each dedicated to at most one domain.
     */
    struct vscmi_fw_agent fw_agents[1 + VSCMI_MAX_FW_AGENTS];
    unsigned int nr_fw_agents;      /* fw_agents[0] included once probed */
    spinlock_t lock;                /* doms */
    struct list_head doms;
};

extern struct vscmi_state vscmi;

/* The host SCMI node's channel, the mediator's own. */
static inline struct vscmi_fw *vscmi_main_fw(void)
{
    return &vscmi.fw_agents[0].fw;
}

/* The core's return codes (VSCMI_E*) as Xen's, the one place they convert. */
static inline int vscmi_errno(int rc)
{
    switch ( rc )
    {
    case VSCMI_OK:          return 0;
    case VSCMI_ENOMEM:      return -ENOMEM;
    case VSCMI_EBUSY:       return -EBUSY;
    case VSCMI_ETIMEDOUT:   return -ETIMEDOUT;
    case VSCMI_EIO:         return -EIO;
    case VSCMI_EPROTO:      return -EIO;        /* a malformed answer */
    case VSCMI_ENODEV:      return -ENODEV;
    default:                return -EINVAL;
    }
}

/* A protocol with grantable resources and its names. */
struct vscmi_res_kind {
    const char *prop;               /* dom0less grant property */
    const char *cmdline;            /* vscmi-dom0= item kind */
    uint8_t proto;
    const char *cells;              /* specifier cells of the DT provider */
};

extern const struct vscmi_res_kind vscmi_res_kinds[];
extern const unsigned int vscmi_nr_res_kinds;

/* The kind of @proto's resources, NULL for a protocol without grants. */
const struct vscmi_res_kind *vscmi_res_kind_of(uint8_t proto);

/* vscmi-fw.c */
int vscmi_fw_probe(struct vscmi_fw *fw);
void vscmi_fw_unmap(struct vscmi_fw *fw);
void vscmi_fw_agents_probe(void);
bool vscmi_fid_is_xens(uint32_t fid);

/* vscmi-chan.c */
int vscmi_chan_deny_host(struct domain *d);
int vscmi_chan_create(struct vscmi_mailbox *mb, struct domain *d);
void vscmi_chan_destroy(struct vscmi_mailbox *mb);

/* vscmi-cfg.c: policies from the command line and from dom0less nodes */
uint32_t vscmi_cfg_protocols(const struct vscmi_domain_cfg *cfg);
int vscmi_cfg_dom0(struct vscmi_mailbox **out);
int vscmi_cfg_dom0less(const struct dt_device_node *node, domid_t domid,
                       struct vscmi_mailbox **out);

/* vscmi-dt.c */
int vscmi_dt_check_partial(const struct dt_device_node *node);

/* vscmi.c */
struct vscmi_mailbox *vscmi_mailbox_alloc(domid_t domid);
void vscmi_mailbox_free(struct vscmi_mailbox *mb);
void vscmi_mailbox_add_pending(struct vscmi_mailbox *mb);
struct vscmi_mailbox *vscmi_mailbox_find(domid_t domid);

#endif /* __ARM_VSCMI_PRIVATE_H__ */

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
