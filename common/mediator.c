/* SPDX-License-Identifier: MIT */
/*
 * The data path of one doorbell:
 *
 *   trap -> snapshot -> validate -> policy -> forward -> translate -> respond
 *
 * The request is copied out of the guest's channel exactly once into the
 * domain's private buffer; everything after the snapshot reads only that
 * copy, so a guest rewriting its page mid-call cannot change what firmware
 * receives.  The answer is written back in one place, respond().
 */
#include <vscmi/smt.h>
#include "private.h"

static const struct vscmi_protocol *const protocols[VSCMI_NR_PROTOS] = {
#define VSCMI_PROTOCOL(id, name) \
    [VSCMI_PROTO_IDX(SCMI_PROTO_##id)] = &vscmi_proto_##name,
#include "protocols.h"
#undef VSCMI_PROTOCOL
};

const struct vscmi_protocol *vscmi_protocol_get(uint8_t proto)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    if ( idx >= VSCMI_NR_PROTOS )
        return NULL;
    return protocols[vscmi_index_nospec(idx, VSCMI_NR_PROTOS)];
}

const struct vscmi_cmd *vscmi_cmd_get(const struct vscmi_protocol *p,
                                      uint8_t msg)
{
    const struct vscmi_cmd *cmd;

    if ( !p || msg >= p->nr_cmds )
        return NULL;
    cmd = &p->cmds[vscmi_index_nospec(msg, p->nr_cmds)];
    return cmd->fn ? cmd : NULL;
}

static inline const struct vscmi_cmd *cmd_served(const struct vscmi_call *c,
                                                 uint8_t msg)
{
    const struct vscmi_protocol *p = c->p;
    const struct vscmi_cmd *cmd;

    if ( msg >= p->nr_cmds )
        return NULL;
    cmd = &p->cmds[vscmi_index_nospec(msg, p->nr_cmds)];
    if ( !cmd->fn ||
         (c->m->version[VSCMI_PROTO_IDX(c->proto)] >> 16) < cmd->since )
        return NULL;
    return cmd;
}

const struct vscmi_cmd *vscmi_cmd_served(const struct vscmi_call *c,
                                         uint8_t msg)
{
    return cmd_served(c, msg);
}

const char *vscmi_proto_name(uint8_t proto)
{
    const struct vscmi_protocol *p = vscmi_protocol_get(proto);

    return p ? p->name : NULL;
}

/*
 * Token bucket: a call costs one token (1e9 units), and each firmware
 * transaction after its first one more (vscmi_forward()); @rate tokens a
 * second refill it up to the burst.  True when a token was taken.
 */
static inline bool rate_take(struct vscmi_domain *d)
{
    uint64_t now, add;

    if ( !d->rate )
        return true;

    now = vscmi_now_ns();
    if ( now > d->last_ns )
    {
        /* elapsed * rate, saturating at the bucket depth */
        uint64_t elapsed = now - d->last_ns;

        add = elapsed >= d->fill_ns ? d->burst_ns : elapsed * d->rate;
        d->tokens_ns = d->tokens_ns + add > d->burst_ns ? d->burst_ns
                                                        : d->tokens_ns + add;
    }
    d->last_ns = now;

    if ( d->tokens_ns < 1000000000ull )
        return false;
    d->tokens_ns -= 1000000000ull;
    return true;
}

bool vscmi_rate_take(struct vscmi_domain *d)
{
    return rate_take(d);
}

/* Validate the snapshot; returns the status to answer, or SUCCESS. */
static int32_t validate_head(const struct smt_head *h, size_t size)
{
    if ( h->status & SMT_STATUS_FREE )
        return SCMI_PROTOCOL_ERROR;         /* nothing was posted */
    if ( h->length < 4 || h->length - 4 > smt_payload_max(size) )
        return SCMI_PROTOCOL_ERROR;
    if ( h->length & 3 )
        return SCMI_PROTOCOL_ERROR;
    if ( h->length - 4 > VSCMI_REQ_MAX )
        return SCMI_PROTOCOL_ERROR;         /* no SCMI command is this long */
    if ( h->header & SCMI_HDR_RESERVED_MASK )
        return SCMI_PROTOCOL_ERROR;
    if ( scmi_hdr_type(h->header) != SCMI_MSG_TYPE_COMMAND )
        return SCMI_NOT_SUPPORTED;
    return SCMI_SUCCESS;
}

static void dispatch(struct vscmi_call *c)
{
    struct vscmi_domain *d = c->d;
    const struct vscmi_cmd *cmd;

    c->p = vscmi_protocol_get(c->proto);
    if ( !c->p || !(d->protocols & VSCMI_PROTO_BIT(c->proto)) )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }

    /* implemented first, then well-formed */
    cmd = cmd_served(c, c->msg);
    if ( !cmd )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }
    if ( cmd->req_len != VSCMI_LEN_VAR && c->req_len != cmd->req_len )
    {
        d->cnt.errors++;
        vscmi_reply(c, SCMI_PROTOCOL_ERROR);
        return;
    }

    vscmi_lock(&c->m->lock);
    if ( d->released )
        vscmi_deny(c, SCMI_DENIED);     /* its votes are being dropped */
    else
        cmd->fn(c);
    vscmi_unlock(&c->m->lock);
}

/* Write the answer: the guest's header echoed, without reserved bits. */
static void respond(struct vscmi_call *c, volatile void *chan, size_t size,
                    uint32_t hdr)
{
    size_t len = VSCMI_MIN(c->rsp_len, c->rsp_max);

    smt_respond(chan, size, hdr & ~SCMI_HDR_RESERVED_MASK, c->rsp, len, false);
}

int vscmi_domain_call(struct vscmi_domain *d, volatile void *chan, size_t size)
{
    struct vscmi_call c;
    struct smt_head h;
    int32_t status;

    if ( size < SMT_HDR_SIZE + 4 )
        return VSCMI_EINVAL;
    if ( __atomic_exchange_n(&d->busy, 1, __ATOMIC_ACQUIRE) )
    {
        d->cnt.busy++;
        return VSCMI_EBUSY;
    }

    /* Snapshot: the fixed fields, then at most VSCMI_REQ_MAX payload bytes. */
    vscmi_rmb();
    smt_read_head(chan, &h);

    c.d = d;
    c.m = d->m;
    c.proto = scmi_hdr_proto(h.header);
    c.msg = scmi_hdr_msg(h.header);
    c.p = NULL;
    c.fw = vscmi_proto_fw(d, c.proto);
    c.metered = false;
    c.xfers = 0;
    c.req = d->req;
    c.req_len = 0;
    c.rsp = d->rsp;
    c.rsp_len = 0;
    c.rsp_max = VSCMI_MIN(smt_payload_max(size), (size_t)VSCMI_RSP_MAX);
    d->cnt.calls++;

    status = validate_head(&h, size);
    if ( status != SCMI_SUCCESS )
    {
        d->cnt.errors++;
        vscmi_reply(&c, status);
    }
    else
    {
        c.req_len = h.length - 4;
        vscmi_memset(d->req, 0, sizeof(d->req));
        smt_snapshot_payload(d->req, chan, c.req_len);

        c.metered = true;
        if ( !rate_take(d) )
        {
            d->cnt.busy++;
            vscmi_reply(&c, SCMI_BUSY);
        }
        else
            dispatch(&c);
    }

    respond(&c, chan, size, h.header);
    __atomic_store_n(&d->busy, 0, __ATOMIC_RELEASE);
    return VSCMI_OK;
}
