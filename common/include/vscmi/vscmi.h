/* SPDX-License-Identifier: MIT */
/*
 * vscmi mediator core: public interface.
 *
 * One mediator owns the firmware channel.  Each domain gets a virtual SCMI
 * agent with its own policy.  A doorbell on a domain's channel runs one call:
 *
 *   snapshot -> validate -> policy -> forward -> translate -> respond
 *
 * Configuration functions may allocate; the call path never does.
 */
#ifndef VSCMI_H
#define VSCMI_H

#include "os.h"
#include "scmi.h"
#include "smt.h"

/* Return codes of the interface (SCMI statuses travel in the channel). */
#define VSCMI_OK                 0
#define VSCMI_EINVAL            -1   /* bad configuration */
#define VSCMI_ENOMEM            -2
#define VSCMI_EBUSY             -3   /* channel already in a call: untouched */
#define VSCMI_ETIMEDOUT         -4   /* firmware did not answer in bound */
#define VSCMI_EIO               -5   /* firmware transport failure */
#define VSCMI_EPROTO            -6   /* firmware answer malformed */
#define VSCMI_ENODEV            -7   /* firmware lacks what was asked */
#define VSCMI_EAGAIN            -8   /* more work remains: call again */

/* Protocols are indexed 0..7 as protocol id - 0x10. */
#define VSCMI_NR_PROTOS          8
#define VSCMI_PROTO_IDX(p)       ((unsigned int)(p) - SCMI_PROTO_BASE)
#define VSCMI_PROTO_BIT(p)       (1u << VSCMI_PROTO_IDX(p))

/* Largest request / response payload the mediator handles (bytes). */
#define VSCMI_REQ_MAX            64
#define VSCMI_RSP_MAX            128

enum vscmi_mode {
    VSCMI_MODE_FULL = 0,    /* exclusive, read and write */
    VSCMI_MODE_RO,          /* exclusive or shared, read only */
    VSCMI_MODE_SHARED,      /* shared: one vote per domain; rate/level only by owner */
    VSCMI_MODE_NONE,        /* a hole: no resource at this guest id (lets a
                               list policy keep guest id == firmware id) */
};


struct vscmi_grant_cfg {
    uint32_t phys;          /* firmware resource id */
    uint8_t mode;           /* enum vscmi_mode */
    bool owner;             /* shared: this domain may set rate / level */
};

struct vscmi_domain_cfg {
    uint16_t domid;
    const char *name;       /* agent name reported by BASE_DISCOVER_AGENT */
    uint32_t protocols;     /* VSCMI_PROTO_BIT()s allowed; BASE is implicit */
    bool privileged;        /* may use SYSTEM_POWER */
    /*
     * Every firmware resource not granted exclusively to another domain,
     * with guest id == firmware id (dom0's "all" policy).  res[] is ignored.
     */
    bool all;
    uint32_t rate;          /* sustained calls per second, 0: unlimited */
    uint32_t burst;         /* bucket depth, 0: same as rate */
    /* Guest-visible id i of protocol p is res[VSCMI_PROTO_IDX(p)].grant[i]. */
    struct {
        uint32_t nr;
        const struct vscmi_grant_cfg *grant;
    } res[VSCMI_NR_PROTOS];
    /*
     * Optional dedicated firmware agent channel for this domain (NULL: the
     * mediator's), from vscmi_agent_create().  The messages about its
     * full grants (and those naming no resource) go there, with that
     * agent's own ids, still validated and translated under the domain's
     * policy and the one mediator lock.  A resource it shares with others
     * (modes shared and ro) stays the mediator's agent's: those messages,
     * votes included, go on the mediator's channel.  A full grant the
     * agent cannot see is refused.  The caller keeps @agent alive until
     * the domain is destroyed.
     */
    const struct vscmi_agent *agent;
};

struct vscmi_counters {
    uint64_t calls;         /* doorbells answered */
    uint64_t denied;        /* DENIED / NOT_FOUND by policy */
    uint64_t errors;        /* malformed requests */
    uint64_t fw_errors;     /* firmware transport or answer failures */
    uint64_t busy;          /* rate-limited or channel busy */
    uint32_t votes;         /* shared/exclusive enables held now */
};

/*
 * A configuration error: one line for the administrator, and where it lies
 * so that a caller can name its own configuration entry (a DT property, an
 * xl option) without reading the line.
 */
#define VSCMI_ERR_ALL           0xffffffffu     /* entry: not one grant */
struct vscmi_error {
    char line[160];
    uint8_t proto;          /* protocol whose grants are at fault, 0: none */
    uint32_t entry;         /* index of the grant at fault, or VSCMI_ERR_ALL */
};

struct vscmi_mediator;
struct vscmi_domain;
struct vscmi_agent;

/*
 * Create the mediator on firmware channel @fw (kept alive by the caller):
 * discovers the firmware's protocols, versions, vendor and resource counts.
 * On failure fills @err.
 */
int vscmi_mediator_create(const struct vscmi_fw_chan *fw,
                          struct vscmi_mediator **out, struct vscmi_error *err);
void vscmi_mediator_destroy(struct vscmi_mediator *m);

/*
 * What the core calls @proto's resources in its messages ("clock",
 * "power domain"...).  NULL for an unknown protocol.
 */
const char *vscmi_proto_name(uint8_t proto);

/* Number of firmware resources of protocol @proto (0 if absent). */
uint32_t vscmi_fw_count(const struct vscmi_mediator *m, uint8_t proto);
/* Firmware protocol version, or 0 if the firmware lacks the protocol. */
uint32_t vscmi_fw_version(const struct vscmi_mediator *m, uint8_t proto);

/*
 * A further agent channel @fw of multi-agent firmware (kept alive by the
 * caller), for domains of their own: that agent's view is discovered on it
 * (its resource counts and names) and each of the mediator's resources is
 * matched to that agent's id by name, unique on both sides.  Reads every
 * name on both channels (the mediator's again for each agent channel): a
 * few hundred transactions on a large platform, under the mediator lock
 * one at a time; a channel that stops answering ends it.  On failure fills
 * @err.
 */
int vscmi_agent_create(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                       struct vscmi_agent **out, struct vscmi_error *err);
void vscmi_agent_destroy(struct vscmi_agent *a);
/*
 * What the agent sees, for a boot message: "clocks 12/20, power domains
 * 8/8, ..." (the mediator's resources it can reach, of how many).
 */
void vscmi_agent_describe(const struct vscmi_agent *a, char *buf, size_t len);
/* The agent's id of the mediator's resource @phys of @proto, or -1. */
int64_t vscmi_agent_id(const struct vscmi_agent *a, uint8_t proto,
                       uint32_t phys);

/*
 * Validate and apply a domain's policy.  All or nothing: on error nothing
 * is applied and @err names the offending entry.
 */
int vscmi_domain_create(struct vscmi_mediator *m,
                        const struct vscmi_domain_cfg *cfg,
                        struct vscmi_domain **out, struct vscmi_error *err);

/*
 * Handle one doorbell on the domain's channel (@chan, @size bytes, mapped
 * by the caller).  Returns VSCMI_OK when a response is in the channel,
 * VSCMI_EBUSY when another call is in progress on it (channel untouched).
 */
int vscmi_domain_call(struct vscmi_domain *d, volatile void *chan, size_t size);

/*
 * Release at most @budget of the votes the domain holds (forwards the
 * disables, power-offs and deasserts that were the last), each under the
 * mediator lock for one firmware transaction at most.  From the first call
 * on, the domain's calls are refused.  VSCMI_OK when nothing is left,
 * VSCMI_EAGAIN when votes remain: a caller that may be preempted calls
 * again later.
 */
int vscmi_domain_release(struct vscmi_domain *d, unsigned int budget);
/* Release everything the domain holds, in one go. */
void vscmi_domain_teardown(struct vscmi_domain *d);
/* Teardown, unregister from the mediator and free. */
void vscmi_domain_destroy(struct vscmi_domain *d);

void vscmi_domain_counters(const struct vscmi_domain *d,
                           struct vscmi_counters *c);
uint16_t vscmi_domain_id(const struct vscmi_domain *d);

/*
 * The firmware's name of resource @id of @proto (power, perf, clock,
 * sensor, reset, voltage domains), asked of the firmware now, under the
 * mediator lock: one attributes (sensor: description) transaction.
 * VSCMI_ENODEV beyond the firmware's count or for another protocol, the
 * transport's error when the channel fails (VSCMI_ETIMEDOUT...), VSCMI_EIO
 * when the firmware answers without a name.
 */
int vscmi_fw_name(struct vscmi_mediator *m, uint8_t proto, uint32_t id,
                  char name[SCMI_SHORT_NAME_LEN]);

/* One grant of a domain as a listing shows it. */
struct vscmi_grant_info {
    uint8_t proto;          /* SCMI protocol id */
    uint8_t mode;           /* enum vscmi_mode */
    bool owner;             /* shared: this domain may set rate / level */
    bool held;              /* this domain's vote is on */
    uint32_t guest_id;
    uint32_t phys;          /* firmware id */
};

/*
 * The domain's @n-th grant, protocols in id order and holes skipped, read
 * under the mediator lock.  False past the last one.
 */
bool vscmi_domain_grant(const struct vscmi_domain *d, unsigned int n,
                        struct vscmi_grant_info *out);

#endif /* VSCMI_H */
