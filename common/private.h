/* SPDX-License-Identifier: MIT */
/*
 * vscmi mediator core: private definitions shared by the core (mediator.c,
 * policy.c) and the protocol files (proto_*.c).
 */
#ifndef VSCMI_PRIVATE_H
#define VSCMI_PRIVATE_H

#include <vscmi/vscmi.h>

/* Virtual BASE agent identity: the guest is agent 1 of 1. */
#define VSCMI_GUEST_AGENT_ID     1
#define VSCMI_AGENT_NAME_LEN     16

/*
 * Largest resource count per protocol the mediator tracks: the resource
 * table (struct vscmi_res, 24 bytes an entry on arm64) is allocated at
 * discovery, so this bounds it at 96 KiB per protocol.  SCMI counts them in
 * 16 bits; real platforms have at most a few hundred.  Resources beyond the
 * bound cannot be granted (a line at discovery says so).
 */
#define VSCMI_MAX_RES       4096

/* Per physical resource state, indexed by firmware id. */
struct vscmi_res {
    struct vscmi_domain *excl;  /* holder of a FULL or exclusive RO grant */
    struct vscmi_domain *owner; /* shared: the domain that may set rate/level */
    uint16_t sharers;           /* domains with a SHARED (or shared RO) grant */
    uint16_t votes;             /* domains currently voting it on */
    uint32_t mark;              /* duplicate detection during validation */
};

/* A domain's view of one resource: guest id is the index. */
struct vscmi_grant {
    uint32_t phys;              /* the mediator's (agent 0's) id */
    uint32_t agent_id;          /* on the domain's agent channel: its id */
    uint8_t mode;               /* enum vscmi_mode */
    bool on_agent;              /* its messages go on the domain's agent
                                   channel (a full grant), with agent_id */
    bool held;                  /* this domain's vote (enabled / on) */
};

/* An agent id: none (the agent does not see the resource). */
#define VSCMI_AGENT_NO_ID   0xffffffffu

/* A further firmware agent channel and its agent's view (agent.c). */
struct vscmi_agent {
    const struct vscmi_mediator *m;
    const struct vscmi_fw_chan *fw;
    uint32_t lacks;                     /* VSCMI_PROTO_BIT()s it has not */
    uint32_t *id[VSCMI_NR_PROTOS];      /* mediator id -> agent id */
};

struct vscmi_proto_view {
    uint32_t nr;                /* guest ids 0..nr-1 */
    struct vscmi_grant *grant;
};

struct vscmi_mediator {
    vscmi_lock_t lock;          /* every firmware channel, all vote state */
    const struct vscmi_fw_chan *fw;
    uint16_t token;             /* firmware-side token sequence */

    uint32_t fw_protocols;      /* VSCMI_PROTO_BIT()s firmware implements */
    uint32_t version[VSCMI_NR_PROTOS];
    uint32_t nr_res[VSCMI_NR_PROTOS];
    struct vscmi_res *res[VSCMI_NR_PROTOS];
    char vendor[SCMI_SHORT_NAME_LEN];
    char sub_vendor[SCMI_SHORT_NAME_LEN];
    uint32_t impl_version;

    struct vscmi_domain *all_domain;    /* the "all" domain, if any */
    unsigned int nr_domains;
    uint32_t mark;                      /* validation generation */
};

struct vscmi_domain {
    struct vscmi_mediator *m;
    const struct vscmi_agent *agent;    /* dedicated agent channel, or NULL */
    uint16_t domid;
    char name[VSCMI_AGENT_NAME_LEN];
    uint32_t protocols;         /* allowed & implemented, BASE included */
    bool privileged;
    bool all;
    bool released;              /* teardown began: every call is refused */
    int busy;                   /* a call is running on the channel */

    /* token bucket, in units of 1/1e9 call */
    uint64_t rate;
    uint64_t burst_ns;
    uint64_t fill_ns;           /* time to refill an empty bucket */
    uint64_t tokens_ns;
    uint64_t last_ns;

    struct vscmi_proto_view view[VSCMI_NR_PROTOS];
    struct vscmi_counters cnt;

    /* the call in progress: private copy of the request, and the answer */
    uint32_t req[VSCMI_REQ_MAX / 4];
    uint32_t rsp[VSCMI_RSP_MAX / 4];
};

/* One mediated call. */
struct vscmi_call {
    struct vscmi_domain *d;
    struct vscmi_mediator *m;
    const struct vscmi_protocol *p;     /* the call's protocol */
    uint8_t proto;
    uint8_t msg;
    const uint32_t *req;        /* snapshot payload */
    size_t req_len;             /* bytes */
    uint32_t *rsp;              /* rsp[0] is the status */
    size_t rsp_len;             /* bytes of response payload */
    size_t rsp_max;             /* bound: guest channel and VSCMI_RSP_MAX */
    const struct vscmi_fw_chan *fw;     /* where its messages go */
    bool metered;               /* a guest's call: its transactions cost tokens */
    unsigned int xfers;         /* firmware transactions so far */
};

typedef void (*vscmi_handler_t)(struct vscmi_call *c);

/* req_len of a command whose handler checks the length itself */
#define VSCMI_LEN_VAR   0xff
/* id_word of a command that names no resource */
#define VSCMI_NO_ID     (-1)

struct vscmi_cmd {
    vscmi_handler_t fn;
    uint8_t req_len;            /* exact request payload bytes */
    int8_t id_word;             /* payload word of the resource id (both
                                   directions of the translation), or
                                   VSCMI_NO_ID */
    uint8_t since;              /* protocol major version that brought it:
                                   older firmware has no such command */
};

/*
 * Everything the mediator knows of one protocol (Linux's struct
 * scmi_protocol is the model): adding a protocol is a proto_<name>.c that
 * defines one of these, and a row in mediator.c's table.
 */
struct vscmi_protocol {
    uint8_t id;
    const char *name;           /* what its resources are called in messages */
    bool has_resources;         /* grantable ids, counted in
                                   PROTOCOL_ATTRIBUTES[15:0] */
    bool has_owner;             /* settings beyond votes, which the owner
                                   of a shared resource may make */
    /*
     * PROTOCOL_ATTRIBUTES (generic handler): @attr_words payload words;
     * of word 1 the bits @attr_keep pass from firmware (the count is the
     * domain's own), every further word (statistics or shared-memory
     * areas) reads 0.
     */
    uint8_t attr_words;
    uint32_t attr_keep;
    /* PROTOCOL_MESSAGE_ATTRIBUTES bits that pass from firmware */
    uint32_t msg_attr_keep;
    const struct vscmi_cmd *cmds;   /* indexed by message id */
    size_t nr_cmds;
    /*
     * Protocols whose grants hold votes: the message that drops one
     * (resource @id, as vscmi_route() gives it), for teardown.  Fills @tx,
     * returns its length and sets *@msg.
     */
    size_t (*vote_off)(const struct vscmi_mediator *m, uint32_t id,
                       uint8_t *msg, uint32_t *tx);
};

#define VSCMI_PROTOCOL(id, name) extern const struct vscmi_protocol vscmi_proto_##name;
#include "protocols.h"
#undef VSCMI_PROTOCOL

/* The protocol of id @proto, or NULL. */
const struct vscmi_protocol *vscmi_protocol_get(uint8_t proto);
/* The mediated command @msg of @p, or NULL (answered NOT_SUPPORTED). */
const struct vscmi_cmd *vscmi_cmd_get(const struct vscmi_protocol *p,
                                      uint8_t msg);
/*
 * The command @msg of the call's protocol as the firmware implements it:
 * NULL also when the firmware's protocol version predates the command.
 */
const struct vscmi_cmd *vscmi_cmd_served(const struct vscmi_call *c,
                                         uint8_t msg);

/* ---- response helpers ---- */

static inline void vscmi_reply(struct vscmi_call *c, int32_t status)
{
    c->rsp[0] = (uint32_t)status;
    c->rsp_len = 4;
}

/* Reply SUCCESS followed by @n payload words already placed in rsp[1..n]. */
static inline void vscmi_reply_ok(struct vscmi_call *c, size_t n)
{
    c->rsp[0] = SCMI_SUCCESS;
    c->rsp_len = 4 + 4 * n;
}

/* Copy a NUL-padded name of at most @len bytes into the response. */
void vscmi_put_name(void *dst, const char *src, size_t len);

/* ---- policy ---- */

/*
 * Resolve guest id @virt of the call's protocol.  Returns the grant and
 * sets *mode to the effective mode (dynamic for an "all" domain), or NULL
 * when the domain has no such resource: the caller replies NOT_FOUND.
 */
struct vscmi_grant *vscmi_lookup(struct vscmi_call *c, uint32_t virt,
                                 uint8_t *mode);

/* vscmi_lookup(), replying NOT_FOUND (and counting it) when it fails. */
struct vscmi_grant *vscmi_resolve(struct vscmi_call *c, uint32_t virt,
                                  uint8_t *mode);

/* May the domain change the resource's state (enable, on, reset)? */
bool vscmi_may_control(const struct vscmi_call *c, uint8_t mode);
/* May the domain change its rate / level / limits / config value? */
bool vscmi_may_set(const struct vscmi_call *c, const struct vscmi_grant *g,
                   uint8_t mode);

/* Guest-visible resource count of the call's protocol. */
uint32_t vscmi_view_count(const struct vscmi_call *c);

/* Take a token of the domain's rate limit (true: taken, or no limit). */
bool vscmi_rate_take(struct vscmi_domain *d);

/* Reply NOT_FOUND / DENIED and count it. */
void vscmi_deny(struct vscmi_call *c, int32_t status);

/*
 * The domain's vote on the resource of @g: message @msg (@tx/@tx_len, ids
 * translated) reaches firmware only when the vote changes the resource
 * (first on, last off, or an exclusive grant); the vote is committed once
 * firmware said SUCCESS, and the call answered.
 */
void vscmi_vote(struct vscmi_call *c, struct vscmi_grant *g, bool on,
                uint8_t msg, const void *tx, size_t tx_len);
/* Record the domain's vote on @g as @on, without a message (it was sent). */
void vscmi_vote_record(struct vscmi_domain *d, uint8_t proto,
                       struct vscmi_grant *g, bool on);

/* ---- firmware (fw.c) ---- */

/*
 * How long the mediator waits for the firmware channel, before a message
 * (a page a failed transaction left busy is then reclaimed) and for the
 * answer: Linux's SMC transport waits 30 ms too.
 */
#define VSCMI_FW_TIMEOUT_NS     30000000ull

/*
 * Send message @msg of @proto with payload @tx to firmware on channel @fw,
 * on behalf of domain @d (NULL: the mediator itself).  The answer (status
 * word first) lands in @rx, at most @rx_max bytes.  Under the mediator
 * lock.
 */
int vscmi_fw_xfer(struct vscmi_mediator *m, const struct vscmi_domain *d,
                  const struct vscmi_fw_chan *fw, uint8_t proto, uint8_t msg,
                  const void *tx, size_t tx_len, uint32_t *rx, size_t rx_max,
                  size_t *rx_len);

/*
 * Where a domain's messages of @proto naming no resource go: its agent
 * channel, unless that agent lacks the protocol (the domain's grants in it
 * are then all shared or ro: the mediator's agent answers), or the
 * mediator's channel.
 */
static inline const struct vscmi_fw_chan *
vscmi_proto_fw(const struct vscmi_domain *d, uint8_t proto)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    if ( d->agent &&
         !(idx < VSCMI_NR_PROTOS && (d->agent->lacks & (1u << idx))) )
        return d->agent->fw;
    return d->m->fw;
}

/*
 * Where the call's messages about the resource of @g go, and its id there:
 * a full grant of a domain with an agent channel is that agent's, by the
 * agent's id; anything else (every shared resource, whoever votes) is the
 * mediator's agent's, so firmware that counts per agent sees one balanced
 * count.  Sets c->fw; returns the id to put in the message.
 */
static inline uint32_t vscmi_route(struct vscmi_call *c,
                                   const struct vscmi_grant *g)
{
    if ( g->on_agent )
    {
        c->fw = c->d->agent->fw;
        return g->agent_id;
    }
    c->fw = c->m->fw;
    return g->phys;
}

/*
 * One query of discovery on channel @fw (@rx holds VSCMI_RSP_MAX bytes),
 * under the mediator lock: VSCMI_OK when the firmware answered SUCCESS
 * with at least @min_len bytes (status included), VSCMI_EIO when it
 * answered otherwise, the transport's error when it did not answer.
 */
int vscmi_fw_query(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                   uint8_t proto, uint8_t msg, const uint32_t *tx,
                   size_t tx_len, uint32_t *rx, size_t min_len);

/*
 * The name of resource @id of @proto as agent channel @fw's agent calls
 * it: one attributes (sensor: description) transaction, under the lock.
 */
int vscmi_fw_name_on(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                     uint8_t proto, uint32_t id, char name[SCMI_SHORT_NAME_LEN]);

/*
 * Forward message @msg of the call's protocol with payload @tx to firmware.
 * The answer lands in c->rsp (bounded by c->rsp_max).  Returns true when
 * firmware answered SUCCESS with at least @min_len bytes of payload
 * (status included).  Otherwise the reply is already set: the firmware's
 * status (sanitised), COMMS_ERROR on transport failure, GENERIC_ERROR on a
 * malformed answer.
 */
bool vscmi_forward(struct vscmi_call *c, uint8_t msg, const void *tx,
                   size_t tx_len, size_t min_len);

/*
 * Forward the call's command whose only argument is the guest id in req[0],
 * translated; returns the grant, or NULL with the reply set.
 */
struct vscmi_grant *vscmi_forward_id(struct vscmi_call *c, size_t min_len,
                                     uint8_t *mode);
/*
 * Forward the call's {id, index} list request (rates, levels, intervals,
 * axes) with the id translated: true on SUCCESS with the count word.
 */
bool vscmi_forward_list(struct vscmi_call *c);
/* vscmi_forward_id() of a getter whose answer is exactly @rsp_len bytes. */
void vscmi_forward_id_fixed(struct vscmi_call *c, size_t rsp_len);
/* Forward the call's command; on SUCCESS the answer is exactly @rsp_len. */
static inline void vscmi_forward_fixed(struct vscmi_call *c, const void *tx,
                                       size_t tx_len, size_t rsp_len)
{
    if ( vscmi_forward(c, c->msg, tx, tx_len, rsp_len) )
        c->rsp_len = rsp_len;
}

/* ---- answers (proto_common.c) ---- */

/*
 * Clamp a paginated answer to c->rsp_max: @count_word is the index in
 * rsp[] of the "num returned / num remaining" word, @ret_mask/@rem_shift
 * its layout ("remaining" runs from @rem_shift to bit 31), @hdr_words the
 * words before the first entry (status included) and @entry_bytes each
 * entry's size.  Entries that do not fit move to "remaining", saturating.
 */
void vscmi_clamp_pages(struct vscmi_call *c, unsigned int count_word,
                       uint32_t ret_mask, unsigned int rem_shift,
                       size_t hdr_words, size_t entry_bytes);

/*
 * A list answered either in pages of @entry_bytes entries (count word
 * rsp[1]: returned under @ret_mask, remaining from @rem_shift) or as one
 * triplet (lowest, highest, step) flagged by @triplet_bit, which is never
 * split: a malformed triplet is GENERIC_ERROR.
 */
void vscmi_clamp_list(struct vscmi_call *c, uint32_t ret_mask,
                      uint32_t triplet_bit, unsigned int rem_shift,
                      size_t entry_bytes);

/* ---- commands every protocol shares (proto_common.c) ---- */

/* PROTOCOL_VERSION: the firmware version cached at init. */
void vscmi_cmd_version(struct vscmi_call *c);
/* PROTOCOL_ATTRIBUTES, as the protocol's attr_words / attr_keep say. */
void vscmi_cmd_proto_attrs(struct vscmi_call *c);
/*
 * PROTOCOL_MESSAGE_ATTRIBUTES: NOT_FOUND unless the command is mediated
 * (has a handler here); otherwise forwarded, with only the protocol's
 * msg_attr_keep bits passed.
 */
void vscmi_cmd_msg_attrs(struct vscmi_call *c);
/* NEGOTIATE_PROTOCOL_VERSION: only the version reported is accepted. */
void vscmi_cmd_negotiate(struct vscmi_call *c);
/*
 * Set a value of the resource in req[0] (level, limits, config, trip
 * point): needs a grant that may set; the value words after the id pass
 * through as they are (the table fixes their number), the answer is the
 * status alone.
 */
void vscmi_cmd_set(struct vscmi_call *c);
/* *_NAME_GET of every protocol: {flags, name[64]}, the name terminated. */
void vscmi_cmd_name_get(struct vscmi_call *c);

#endif /* VSCMI_PRIVATE_H */
