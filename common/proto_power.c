/* SPDX-License-Identifier: MIT */
/*
 * POWER_DOMAIN protocol (0x11): domain ids translated guest -> firmware.
 * On / off are votes: a shared domain stays on while any domain votes it
 * on.  Refused: async state changes, notifications, the statistics area.
 */
#include "private.h"

#define POWER_ATTR_NOTIFY_STATE     (1u << 31)
#define POWER_ATTR_ASYNC            (1u << 30)
#define POWER_ATTR_NOTIFY_REQ       (1u << 28)
#define POWER_ATTR_HIDDEN           (POWER_ATTR_NOTIFY_STATE | \
                                     POWER_ATTR_ASYNC | POWER_ATTR_NOTIFY_REQ)

/* state bit 30: the state loses context, i.e. the domain is off */
#define POWER_STATE_NO_CONTEXT      (1u << 30)

/* Response sizes in bytes, status included. */
#define POWER_PROTO_ATTR_LEN        (4 + 4 + 3 * 4)
#define POWER_DOMAIN_ATTR_LEN       (4 + 4 + SCMI_SHORT_NAME_LEN)

static void power_protocol_attributes(struct vscmi_call *c)
{
    if ( !vscmi_forward(c, SCMI_PROTOCOL_ATTRIBUTES, NULL, 0,
                        POWER_PROTO_ATTR_LEN) )
        return;
    c->rsp[1] = vscmi_view_count(c) & 0xffffu;
    c->rsp[2] = 0;                  /* statistics address low */
    c->rsp[3] = 0;                  /* statistics address high */
    c->rsp[4] = 0;                  /* statistics length */
    c->rsp_len = POWER_PROTO_ATTR_LEN;
}

static void power_msg_attributes(struct vscmi_call *c)
{
    /* No message attribute bits are defined for POWER_DOMAIN in v3.2. */
    vscmi_msg_attributes(c, ~0u);
}

static void power_domain_attributes(struct vscmi_call *c)
{
    uint8_t mode;

    if ( !vscmi_forward_id(c, POWER_DOMAIN_ATTR_LEN, &mode) )
        return;
    c->rsp[1] &= ~POWER_ATTR_HIDDEN;
    c->rsp_len = POWER_DOMAIN_ATTR_LEN;
}

static void power_state_set(struct vscmi_call *c)
{
    uint8_t mode;
    uint32_t flags = c->req[0], state = c->req[2], tx[3];
    struct vscmi_grant *g = vscmi_resolve(c, c->req[1], &mode);
    bool on;

    if ( !g )
        return;
    if ( flags & SCMI_POWER_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* no delayed responses */
        return;
    }
    if ( flags )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( !vscmi_may_control(c, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }
    /* a shared domain knows only on and off: votes cannot merge others */
    if ( mode == VSCMI_MODE_SHARED &&
         state != SCMI_POWER_STATE_ON && state != SCMI_POWER_STATE_OFF )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    on = !(state & POWER_STATE_NO_CONTEXT);
    if ( vscmi_vote_needs_fw(c, g, on) )
    {
        tx[0] = 0;
        tx[1] = g->phys;
        tx[2] = state;
        if ( !vscmi_forward(c, SCMI_POWER_STATE_SET, tx, sizeof(tx), 4) )
            return;
    }
    vscmi_vote_commit(c->d, c->proto, g, on);
    vscmi_reply(c, SCMI_SUCCESS);
}

/* A shared domain reads its own vote, as it would own the domain. */
static void power_state_get(struct vscmi_call *c)
{
    uint8_t mode;
    struct vscmi_grant *g;

    g = vscmi_forward_id(c, 8, &mode);
    if ( !g )
        return;
    if ( mode == VSCMI_MODE_SHARED )
        c->rsp[1] = g->held ? SCMI_POWER_STATE_ON : SCMI_POWER_STATE_OFF;
    c->rsp_len = 8;
}

static const struct vscmi_cmd power_cmds[] = {
    [SCMI_PROTOCOL_VERSION]            = { vscmi_cmd_version, 0 },
    [SCMI_PROTOCOL_ATTRIBUTES]         = { power_protocol_attributes, 0 },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { power_msg_attributes, 4 },
    [SCMI_POWER_DOMAIN_ATTRIBUTES]     = { power_domain_attributes, 4 },
    [SCMI_POWER_STATE_SET]             = { power_state_set, 12 },
    [SCMI_POWER_STATE_GET]             = { power_state_get, 4 },
    [SCMI_POWER_DOMAIN_NAME_GET]       = { vscmi_cmd_name_get, 4 },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]  = { vscmi_cmd_negotiate, 4 },
};

const struct vscmi_protocol vscmi_proto_power = {
    .id = SCMI_PROTO_POWER,
    .cmds = power_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(power_cmds),
};

/* Teardown: drop the domain's on vote; power off if it was the last. */
void vscmi_power_release(struct vscmi_domain *d, struct vscmi_grant *g)
{
    struct vscmi_call c = { .d = d, .m = d->m, .proto = SCMI_PROTO_POWER };
    uint32_t tx[3] = { 0, g->phys, SCMI_POWER_STATE_OFF }, rx[2];
    size_t rx_len = 0;
    int rc;

    if ( vscmi_vote_needs_fw(&c, g, false) )
    {
        rc = vscmi_domain_xfer(d, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, tx,
                               sizeof(tx), rx, sizeof(rx), &rx_len);
        if ( rc != VSCMI_OK || rx_len < 4 || rx[0] != SCMI_SUCCESS )
            vscmi_log("dom%u: power domain %u off at teardown failed (%d)",
                      d->domid, g->phys,
                      rc != VSCMI_OK ? rc : rx_len < 4 ? 0 : (int)rx[0]);
    }
    vscmi_vote_commit(d, SCMI_PROTO_POWER, g, false);
}
