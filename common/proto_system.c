/* SPDX-License-Identifier: MIT */
/*
 * SYSTEM_POWER protocol (0x12): shutting down or resetting the machine is
 * for the privileged domain only; everyone else gets DENIED.  The core
 * hides the whole protocol from domains whose policy does not allow it.
 * Refused: notifications.
 */
#include "private.h"

#define SYSTEM_FLAG_GRACEFUL        (1u << 0)
#define SYSTEM_STATE_LAST_ARCH      4u          /* shutdown .. suspend */
#define SYSTEM_STATE_VENDOR         (1u << 31)

static bool system_allowed(struct vscmi_call *c)
{
    if ( c->d->privileged )
        return true;
    vscmi_deny(c, SCMI_DENIED);
    return false;
}

/* SYSTEM_POWER_STATE_SET: {flags, system_state} */
static void system_state_set(struct vscmi_call *c)
{
    uint32_t flags = c->req[0], state = c->req[1], tx[2];

    if ( !system_allowed(c) )
        return;
    if ( (flags & ~SYSTEM_FLAG_GRACEFUL) ||
         (state > SYSTEM_STATE_LAST_ARCH && !(state & SYSTEM_STATE_VENDOR)) )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }

    tx[0] = flags;
    tx[1] = state;
    if ( vscmi_forward(c, SCMI_SYSTEM_POWER_STATE_SET, tx, sizeof(tx), 4) )
        c->rsp_len = 4;
}

static void system_state_get(struct vscmi_call *c)
{
    if ( !system_allowed(c) )
        return;
    if ( vscmi_forward(c, SCMI_SYSTEM_POWER_STATE_GET, NULL, 0, 8) )
        c->rsp_len = 8;
}

static const struct vscmi_cmd system_cmds[] = {
    [SCMI_PROTOCOL_VERSION]            = { vscmi_cmd_version, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_ATTRIBUTES]         = { vscmi_cmd_protocol_attributes, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { vscmi_cmd_msg_attributes, 4, VSCMI_NO_ID },
    [SCMI_SYSTEM_POWER_STATE_SET]      = { system_state_set, 8, VSCMI_NO_ID },
    [SCMI_SYSTEM_POWER_STATE_GET]      = { system_state_get, 0, VSCMI_NO_ID },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]  = { vscmi_cmd_negotiate, 4, VSCMI_NO_ID },
};

const struct vscmi_protocol vscmi_proto_system = {
    .id = SCMI_PROTO_SYSTEM,
    .name = "system power",
    .has_resources = false,
    /* warm reset / suspend support: no resource, nothing to translate */
    .attr_words = 1,
    .attr_keep = ~0u,
    /* no message attribute bits are defined for SYSTEM_POWER in v3.2 */
    .msg_attr_keep = 0,
    .cmds = system_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(system_cmds),
};
