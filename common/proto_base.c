/* SPDX-License-Identifier: MIT */
/*
 * BASE protocol (0x10), emulated: each domain is agent 1 of a platform
 * that implements exactly the protocols its policy allows.  Vendor strings
 * and versions are the firmware's, discovered at set-up.  Nothing here
 * reaches firmware.
 */
#include "private.h"

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

    c->rsp[1] = allowed_protocols(c->d, ids) | (1u << 8);
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
    if ( !base_offered(c->req[0]) )
    {
        vscmi_reply(c, SCMI_NOT_FOUND);
        return;
    }
    c->rsp[1] = 0;
    vscmi_reply_ok(c, 1);
}

static void base_vendor(struct vscmi_call *c)
{
    vscmi_put_name(&c->rsp[1], c->m->vendor, SCMI_SHORT_NAME_LEN);
    vscmi_reply_ok(c, SCMI_SHORT_NAME_LEN / 4);
}

static void base_sub_vendor(struct vscmi_call *c)
{
    vscmi_put_name(&c->rsp[1], c->m->sub_vendor, SCMI_SHORT_NAME_LEN);
    vscmi_reply_ok(c, SCMI_SHORT_NAME_LEN / 4);
}

static void base_impl_version(struct vscmi_call *c)
{
    c->rsp[1] = c->m->impl_version;
    vscmi_reply_ok(c, 1);
}

static void base_list_protocols(struct vscmi_call *c)
{
    uint8_t ids[VSCMI_NR_PROTOS];
    unsigned int n = allowed_protocols(c->d, ids);
    uint32_t skip = c->req[0];
    size_t room = c->rsp_max - 8;
    unsigned int i, count;

    if ( skip > n )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    count = VSCMI_MIN(n - skip, (unsigned int)room);
    vscmi_memset(&c->rsp[2], 0, (count + 3) & ~3u);
    for ( i = 0; i < count; i++ )
        ((uint8_t *)&c->rsp[2])[i] = ids[skip + i];
    c->rsp[1] = count;
    vscmi_reply_ok(c, 1 + (count + 3) / 4);
}

static void base_discover_agent(struct vscmi_call *c)
{
    uint32_t id = c->req[0];

    if ( id == BASE_AGENT_ID_OWN || id == VSCMI_GUEST_AGENT_ID )
    {
        c->rsp[1] = VSCMI_GUEST_AGENT_ID;
        vscmi_put_name(&c->rsp[2], c->d->name, SCMI_SHORT_NAME_LEN);
    }
    else if ( id == 0 )
    {
        c->rsp[1] = 0;
        vscmi_put_name(&c->rsp[2], BASE_PLATFORM_NAME, SCMI_SHORT_NAME_LEN);
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
    [SCMI_PROTOCOL_VERSION]                    = { vscmi_cmd_version, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_ATTRIBUTES]                 = { base_attributes, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES]         = { base_msg_attributes, 4, VSCMI_NO_ID },
    [SCMI_BASE_DISCOVER_VENDOR]                = { base_vendor, 0, VSCMI_NO_ID },
    [SCMI_BASE_DISCOVER_SUB_VENDOR]            = { base_sub_vendor, 0, VSCMI_NO_ID },
    [SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION] = { base_impl_version, 0, VSCMI_NO_ID },
    [SCMI_BASE_DISCOVER_LIST_PROTOCOLS]        = { base_list_protocols, 4, VSCMI_NO_ID },
    [SCMI_BASE_DISCOVER_AGENT]                 = { base_discover_agent, 4, VSCMI_NO_ID },
    [SCMI_BASE_SET_DEVICE_PERMISSIONS]         = { base_denied, 12, VSCMI_NO_ID },
    [SCMI_BASE_SET_PROTOCOL_PERMISSIONS]       = { base_denied, 16, VSCMI_NO_ID },
    [SCMI_BASE_RESET_AGENT_CONFIGURATION]      = { base_denied, 8, VSCMI_NO_ID },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]          = { vscmi_cmd_negotiate, 4, VSCMI_NO_ID },
};

const struct vscmi_protocol vscmi_proto_base = {
    .id = SCMI_PROTO_BASE,
    .name = "base",
    .has_resources = false,
    .cmds = base_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(base_cmds),
};
