/* SPDX-License-Identifier: MIT */
/*
 * RESET_DOMAIN protocol (0x16): domain ids translated guest -> firmware.
 * Resetting a shared device disturbs its other users: only the owner may.
 * Refused: async resets, notifications.
 */
#include "private.h"
#include "wire.h"

#define RESET_ATTR_ASYNC            (1u << 31)
#define RESET_ATTR_NOTIFY           (1u << 30)

/* RESET flags: autonomous, explicit assert, async */
#define RESET_AUTONOMOUS            (1u << 0)
#define RESET_EXPLICIT              (1u << 1)
#define RESET_FLAGS_VALID           0x7u

static void reset_domain_attributes(struct vscmi_call *c)
{
    struct scmi_reset_attributes_p2a *out =
        vscmi_rsp(c, reset_attributes);
    uint8_t mode;

    if ( !vscmi_forward_id(c, sizeof(*out), &mode) )
        return;
    out->attributes &= ~(RESET_ATTR_ASYNC | RESET_ATTR_NOTIFY);
    c->rsp_len = sizeof(*out);
}

static void reset_reset(struct vscmi_call *c)
{
    struct scmi_reset_a2p tx = *vscmi_req(c, reset);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.domain_id, &mode);

    if ( !g )
        return;
    if ( tx.flags & ~RESET_FLAGS_VALID )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( tx.flags & SCMI_RESET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* no delayed responses */
        return;
    }
    if ( !vscmi_may_control(c, mode) ||
         (mode == VSCMI_MODE_SHARED && !vscmi_may_set(c, g, mode)) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    tx.domain_id = vscmi_route(c, g);
    if ( vscmi_forward(c, SCMI_RESET, &tx, sizeof(tx),
                       sizeof(struct scmi_status_p2a)) )
    {
        /*
         * An explicit assert is held, as a vote, until deasserted, cycled by
         * an autonomous reset, or released at teardown.
         */
        vscmi_vote_record(c->d, c->proto, g,
                          (tx.flags & (RESET_AUTONOMOUS | RESET_EXPLICIT)) ==
                          RESET_EXPLICIT);
        c->rsp_len = sizeof(struct scmi_status_p2a);
    }
}

/* Teardown deasserts a reset the domain held asserted. */
static size_t reset_vote_off(const struct vscmi_mediator *m, uint32_t id,
                             uint8_t *msg, uint32_t *tx)
{
    struct scmi_reset_a2p off = { .domain_id = id };

    *msg = SCMI_RESET;
    vscmi_memcpy(tx, &off, sizeof(off));
    return sizeof(off);
}

static const struct vscmi_cmd reset_cmds[] = {
    [SCMI_PROTOCOL_VERSION]        = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]     = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    [SCMI_RESET_DOMAIN_ATTRIBUTES] = VSCMI_CMD(reset_domain_attributes, id, id),
    [SCMI_RESET]                   = VSCMI_CMD(reset_reset, reset, domain_id),
    [SCMI_RESET_DOMAIN_NAME_GET]   = VSCMI_CMD_SINCE(3, vscmi_cmd_name_get,
                                                     id, id),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
};

const struct vscmi_protocol vscmi_proto_reset = {
    .id = SCMI_PROTO_RESET,
    .name = "reset domain",
    .has_resources = true,
    .has_owner = true,
    .attr_words = 1,
    .attr_keep = 0,
    /* no message attribute bits are defined for RESET_DOMAIN in v3.2 */
    .msg_attr_keep = 0,
    .cmds = reset_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(reset_cmds),
    .vote_off = reset_vote_off,
};
