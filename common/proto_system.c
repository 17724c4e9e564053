/* SPDX-License-Identifier: MIT */
/*
 * SYSTEM_POWER protocol (0x12): shutting down or resetting the machine is
 * for the privileged domain only; everyone else gets DENIED.  The core
 * hides the whole protocol from domains whose policy does not allow it.
 * Refused: notifications.
 */
#include "private.h"
#include "wire.h"

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

static void system_state_set(struct vscmi_call *c)
{
    struct scmi_system_state_set_a2p tx = *vscmi_req(c, system_state_set);

    if ( !system_allowed(c) )
        return;
    if ( (tx.flags & ~SYSTEM_FLAG_GRACEFUL) ||
         (tx.system_state > SYSTEM_STATE_LAST_ARCH &&
          !(tx.system_state & SYSTEM_STATE_VENDOR)) )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    vscmi_forward_fixed(c, &tx, sizeof(tx), sizeof(struct scmi_status_p2a));
}

static void system_state_get(struct vscmi_call *c)
{
    if ( !system_allowed(c) )
        return;
    vscmi_forward_fixed(c, NULL, 0, sizeof(struct scmi_u32_p2a));
}

static const struct vscmi_cmd system_cmds[] = {
    [SCMI_PROTOCOL_VERSION]       = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]    = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    [SCMI_SYSTEM_POWER_STATE_SET] = VSCMI_CMD_NO_ID(system_state_set,
                                                    system_state_set),
    [SCMI_SYSTEM_POWER_STATE_GET] = VSCMI_CMD_VOID(system_state_get),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
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
