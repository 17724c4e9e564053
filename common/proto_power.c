/* SPDX-License-Identifier: MIT */
/*
 * POWER_DOMAIN protocol (0x11): domain ids translated guest -> firmware.
 * On / off are votes: a shared domain stays on while any domain votes it
 * on.  Refused: async state changes, notifications, the statistics area.
 */
#include "private.h"
#include "wire.h"

#define POWER_ATTR_NOTIFY_STATE     (1u << 31)
#define POWER_ATTR_ASYNC            (1u << 30)
#define POWER_ATTR_NOTIFY_REQ       (1u << 28)
#define POWER_ATTR_HIDDEN           (POWER_ATTR_NOTIFY_STATE | \
                                     POWER_ATTR_ASYNC | POWER_ATTR_NOTIFY_REQ)

/* state bit 30: the state loses context, i.e. the domain is off */
#define POWER_STATE_NO_CONTEXT      (1u << 30)

static void power_domain_attributes(struct vscmi_call *c)
{
    struct scmi_power_attributes_p2a *out =
        vscmi_rsp(c, power_attributes);
    uint8_t mode;

    if ( !vscmi_forward_id(c, sizeof(*out), &mode) )
        return;
    out->attributes &= ~POWER_ATTR_HIDDEN;
    c->rsp_len = sizeof(*out);
}

static void power_state_set(struct vscmi_call *c)
{
    struct scmi_power_state_set_a2p tx = *vscmi_req(c, power_state_set);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.domain_id, &mode);

    if ( !g )
        return;
    if ( tx.flags & ~SCMI_POWER_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( tx.flags & SCMI_POWER_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* no delayed responses */
        return;
    }
    if ( !vscmi_may_control(c, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }
    /* a shared domain knows only on and off: votes cannot merge others */
    if ( mode == VSCMI_MODE_SHARED && tx.power_state != SCMI_POWER_STATE_ON &&
         tx.power_state != SCMI_POWER_STATE_OFF )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    tx.domain_id = vscmi_route(c, g);
    vscmi_vote(c, g, !(tx.power_state & POWER_STATE_NO_CONTEXT),
               SCMI_POWER_STATE_SET, &tx, sizeof(tx));
}

/* A shared domain reads its own vote, as it would own the domain. */
static void power_state_get(struct vscmi_call *c)
{
    struct scmi_u32_p2a *out = vscmi_rsp(c, u32);
    uint8_t mode;
    struct vscmi_grant *g;

    g = vscmi_forward_id(c, sizeof(*out), &mode);
    if ( !g )
        return;
    if ( mode == VSCMI_MODE_SHARED )
        out->value = g->held ? SCMI_POWER_STATE_ON : SCMI_POWER_STATE_OFF;
    c->rsp_len = sizeof(*out);
}

/* Teardown drops an on vote: STATE_SET off. */
static size_t power_vote_off(const struct vscmi_mediator *m, uint32_t id,
                             uint8_t *msg, uint32_t *tx)
{
    struct scmi_power_state_set_a2p off = {
        .domain_id = id, .power_state = SCMI_POWER_STATE_OFF,
    };

    *msg = SCMI_POWER_STATE_SET;
    vscmi_memcpy(tx, &off, sizeof(off));
    return sizeof(off);
}

static const struct vscmi_cmd power_cmds[] = {
    [SCMI_PROTOCOL_VERSION]        = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]     = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    [SCMI_POWER_DOMAIN_ATTRIBUTES] = VSCMI_CMD(power_domain_attributes, id, id),
    [SCMI_POWER_STATE_SET]         = VSCMI_CMD(power_state_set, power_state_set,
                                               domain_id),
    [SCMI_POWER_STATE_GET]         = VSCMI_CMD(power_state_get, id, id),
    [SCMI_POWER_DOMAIN_NAME_GET]   = VSCMI_CMD_SINCE(3, vscmi_cmd_name_get,
                                                     id, id),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
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
