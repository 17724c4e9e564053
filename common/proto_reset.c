/* SPDX-License-Identifier: MIT */
/*
 * RESET_DOMAIN protocol (0x16): domain ids translated guest -> firmware.
 * Resetting a shared device disturbs its other users: only the owner may.
 * Refused: async resets, notifications.
 */
#include "private.h"

#define RESET_ATTR_ASYNC            (1u << 31)
#define RESET_ATTR_NOTIFY           (1u << 30)

/* RESET flags: autonomous, explicit assert, async */
#define RESET_FLAGS_VALID           0x7u

/* Response sizes in bytes, status included. */
#define RESET_DOMAIN_ATTR_LEN       (4 + 4 + 4 + SCMI_SHORT_NAME_LEN)

static void reset_domain_attributes(struct vscmi_call *c)
{
    uint8_t mode;

    if ( !vscmi_forward_id(c, RESET_DOMAIN_ATTR_LEN, &mode) )
        return;
    c->rsp[1] &= ~(RESET_ATTR_ASYNC | RESET_ATTR_NOTIFY);
    c->rsp_len = RESET_DOMAIN_ATTR_LEN;
}

/* RESET: {domain_id, flags, reset_state} */
static void reset_reset(struct vscmi_call *c)
{
    uint8_t mode;
    uint32_t flags = c->req[1], tx[3];
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);

    if ( !g )
        return;
    if ( flags & SCMI_RESET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* no delayed responses */
        return;
    }
    if ( flags & ~RESET_FLAGS_VALID )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( !vscmi_may_control(c, mode) ||
         (mode == VSCMI_MODE_SHARED && !vscmi_may_set(c, g, mode)) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    tx[0] = g->phys;
    tx[1] = flags;
    tx[2] = c->req[2];
    if ( vscmi_forward(c, SCMI_RESET, tx, sizeof(tx), 4) )
        c->rsp_len = 4;
}

static const struct vscmi_cmd reset_cmds[] = {
    [SCMI_PROTOCOL_VERSION]            = { vscmi_cmd_version, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_ATTRIBUTES]         = { vscmi_cmd_protocol_attributes, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { vscmi_cmd_msg_attributes, 4, VSCMI_NO_ID },
    [SCMI_RESET_DOMAIN_ATTRIBUTES]     = { reset_domain_attributes, 4, 0 },
    [SCMI_RESET]                       = { reset_reset, 12, 0 },
    [SCMI_RESET_DOMAIN_NAME_GET]       = { vscmi_cmd_name_get, 4, 0 },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]  = { vscmi_cmd_negotiate, 4, VSCMI_NO_ID },
};

const struct vscmi_protocol vscmi_proto_reset = {
    .id = SCMI_PROTO_RESET,
    .name = "reset domain",
    .has_resources = true,
    .attr_words = 1,
    .attr_keep = 0,
    /* no message attribute bits are defined for RESET_DOMAIN in v3.2 */
    .msg_attr_keep = 0,
    .cmds = reset_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(reset_cmds),
};
