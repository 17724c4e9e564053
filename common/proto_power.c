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
#define POWER_DOMAIN_ATTR_LEN       (4 + 4 + SCMI_SHORT_NAME_LEN)

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
    tx[0] = 0;
    tx[1] = g->phys;
    tx[2] = state;
    vscmi_vote(c, g, on, SCMI_POWER_STATE_SET, tx, sizeof(tx));
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

/* Teardown drops an on vote: STATE_SET off. */
static size_t power_vote_off(const struct vscmi_mediator *m, uint32_t phys,
                             uint8_t *msg, uint32_t *tx)
{
    *msg = SCMI_POWER_STATE_SET;
    tx[0] = 0;
    tx[1] = phys;
    tx[2] = SCMI_POWER_STATE_OFF;
    return 12;
}

static const struct vscmi_cmd power_cmds[] = {
    [SCMI_PROTOCOL_VERSION]            = { vscmi_cmd_version, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_ATTRIBUTES]         = { vscmi_cmd_protocol_attributes, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { vscmi_cmd_msg_attributes, 4, VSCMI_NO_ID },
    [SCMI_POWER_DOMAIN_ATTRIBUTES]     = { power_domain_attributes, 4, 0 },
    [SCMI_POWER_STATE_SET]             = { power_state_set, 12, 1 },
    [SCMI_POWER_STATE_GET]             = { power_state_get, 4, 0 },
    [SCMI_POWER_DOMAIN_NAME_GET]       = { vscmi_cmd_name_get, 4, 0 },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]  = { vscmi_cmd_negotiate, 4, VSCMI_NO_ID },
};

const struct vscmi_protocol vscmi_proto_power = {
    .id = SCMI_PROTO_POWER,
    .name = "power domain",
    .has_resources = true,
    /* {num_domains, statistics address low, high, length}: no statistics */
    .attr_words = 4,
    .attr_keep = 0,
    /* no message attribute bits are defined for POWER_DOMAIN in v3.2 */
    .msg_attr_keep = 0,
    .cmds = power_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(power_cmds),
    .vote_off = power_vote_off,
};
