/* SPDX-License-Identifier: MIT */
/*
 * BASE protocol (0x10), emulated: each domain is agent 1 of a platform
 * that implements exactly the protocols its policy allows.  Vendor strings
 * and versions are the firmware's, discovered at set-up.  Nothing here
 * reaches firmware.
 */
#include "private.h"
#include "wire.h"

#define BASE_AGENT_ID_OWN   0xffffffffu
#define BASE_PLATFORM_NAME  "platform"

static unsigned int allowed_protocols(const struct vscmi_domain *d,
                                      uint8_t *ids)
{
    unsigned int idx, n = 0;

    for ( idx = 1; idx < VSCMI_NR_PROTOS; idx++ )
        if ( d->protocols & (1u << idx) )
            ids[n++] = SCMI_PROTO_BASE + idx;
    return n;
}

static void base_attributes(struct vscmi_call *c)
{
    uint8_t ids[VSCMI_NR_PROTOS];

    /* num_protocols[7:0], num_agents[15:8] */
    vscmi_rsp(c, u32)->value = allowed_protocols(c->d, ids) | (1u << 8);
    vscmi_reply_ok(c, 1);
}

/* Commands a guest may use; the permission commands are not among them. */
static bool base_offered(uint32_t msg)
{
    switch ( msg )
    {
    case SCMI_BASE_SET_DEVICE_PERMISSIONS:
    case SCMI_BASE_SET_PROTOCOL_PERMISSIONS:
    case SCMI_BASE_RESET_AGENT_CONFIGURATION:
        return false;
    default:
        return msg <= SCMI_HDR_MSG_MASK &&
               vscmi_cmd_get(&vscmi_proto_base, (uint8_t)msg);
    }
}

static void base_msg_attributes(struct vscmi_call *c)
{
    if ( !base_offered(vscmi_req(c, msg_id)->message_id) )
    {
        vscmi_reply(c, SCMI_NOT_FOUND);
        return;
    }
    vscmi_rsp(c, u32)->value = 0;
    vscmi_reply_ok(c, 1);
}

static void base_vendor(struct vscmi_call *c)
{
    vscmi_put_name(vscmi_rsp(c, base_vendor)->name, c->m->vendor,
                   SCMI_SHORT_NAME_LEN);
    vscmi_reply_ok(c, SCMI_SHORT_NAME_LEN / 4);
}

static void base_sub_vendor(struct vscmi_call *c)
{
    vscmi_put_name(vscmi_rsp(c, base_vendor)->name, c->m->sub_vendor,
                   SCMI_SHORT_NAME_LEN);
    vscmi_reply_ok(c, SCMI_SHORT_NAME_LEN / 4);
}

static void base_impl_version(struct vscmi_call *c)
{
    vscmi_rsp(c, u32)->value = c->m->impl_version;
    vscmi_reply_ok(c, 1);
}

static void base_list_protocols(struct vscmi_call *c)
{
    struct scmi_base_list_protocols_p2a *out =
        vscmi_rsp(c, base_list_protocols);
    uint8_t ids[VSCMI_NR_PROTOS];
    unsigned int n = allowed_protocols(c->d, ids);
    uint32_t skip = vscmi_req(c, base_list_protocols)->skip;
    size_t room;
    unsigned int i, count;

    if ( c->rsp_max < sizeof(*out) )
    {
        vscmi_reply(c, SCMI_GENERIC_ERROR);     /* no room for the count */
        return;
    }
    room = c->rsp_max - sizeof(*out);

    if ( skip > n )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    count = VSCMI_MIN(n - skip, (unsigned int)room);
    vscmi_memset(out->protocols, 0, (count + 3) & ~3u);
    for ( i = 0; i < count; i++ )
        out->protocols[i] = ids[skip + i];
    out->count = count;
    vscmi_reply_ok(c, 1 + (count + 3) / 4);
}

static void base_discover_agent(struct vscmi_call *c)
{
    struct scmi_base_discover_agent_p2a *out =
        vscmi_rsp(c, base_discover_agent);
    uint32_t id = vscmi_req(c, base_discover_agent)->agent_id;

    if ( id == BASE_AGENT_ID_OWN || id == VSCMI_GUEST_AGENT_ID )
    {
        out->agent_id = VSCMI_GUEST_AGENT_ID;
        vscmi_put_name(out->name, c->d->name, SCMI_SHORT_NAME_LEN);
    }
    else if ( id == 0 )
    {
        out->agent_id = 0;
        vscmi_put_name(out->name, BASE_PLATFORM_NAME, SCMI_SHORT_NAME_LEN);
    }
    else
    {
        vscmi_reply(c, SCMI_NOT_FOUND);
        return;
    }
    vscmi_reply_ok(c, 1 + SCMI_SHORT_NAME_LEN / 4);
}

/* Agents never manage permissions: only the hypervisor's policy does. */
static void base_denied(struct vscmi_call *c)
{
    vscmi_deny(c, SCMI_DENIED);
}

static const struct vscmi_cmd base_cmds[] = {
    [SCMI_PROTOCOL_VERSION]             = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]          = VSCMI_CMD_VOID(base_attributes),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES]         =
        VSCMI_CMD_NO_ID(base_msg_attributes, msg_id),
    [SCMI_BASE_DISCOVER_VENDOR]         = VSCMI_CMD_VOID(base_vendor),
    [SCMI_BASE_DISCOVER_SUB_VENDOR]     = VSCMI_CMD_VOID(base_sub_vendor),
    [SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION] =
        VSCMI_CMD_VOID(base_impl_version),
    [SCMI_BASE_DISCOVER_LIST_PROTOCOLS]        =
        VSCMI_CMD_NO_ID(base_list_protocols, base_list_protocols),
    [SCMI_BASE_DISCOVER_AGENT]                 =
        VSCMI_CMD_NO_ID(base_discover_agent, base_discover_agent),
    [SCMI_BASE_SET_DEVICE_PERMISSIONS]         =
        VSCMI_CMD_NO_ID(base_denied, base_set_device_permissions),
    [SCMI_BASE_SET_PROTOCOL_PERMISSIONS]       =
        VSCMI_CMD_NO_ID(base_denied, base_set_protocol_permissions),
    [SCMI_BASE_RESET_AGENT_CONFIGURATION]      =
        VSCMI_CMD_NO_ID(base_denied, base_reset_agent_config),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]          =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
};

const struct vscmi_protocol vscmi_proto_base = {
    .id = SCMI_PROTO_BASE,
    .name = "base",
    .has_resources = false,
    .cmds = base_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(base_cmds),
};
