/* SPDX-License-Identifier: MIT */
/*
 * VOLTAGE 0x17: every domain id translated guest -> firmware, config and
 * level set only through a grant that may set, asynchronous level set
 * refused (its delayed response would need a notification path).
 */
#include "private.h"
#include "wire.h"

/* VOLTAGE_DOMAIN_ATTRIBUTES attributes (SCMI v3.2 / Linux voltage.c) */
#define VOLT_DOM_ASYNC_LEVEL_SET    (1u << 31)
/* VOLTAGE_LEVEL_SET flags */
#define VOLT_LEVEL_SET_ASYNC        (1u << 0)
/* DESCRIBE_LEVELS: returned[11:0] segmented[12] remaining[31:16] */
#define VOLT_LEVELS_RET_MASK        0xfffu
#define VOLT_LEVELS_SEGMENTED       (1u << 12)
#define VOLT_LEVELS_REM_SHIFT       16

static void volt_domain_attributes(struct vscmi_call *c)
{
    struct scmi_voltage_attributes_p2a *out =
        vscmi_rsp(c, voltage_attributes);
    uint8_t mode;

    if ( !vscmi_forward_id(c, sizeof(*out), &mode) )
        return;
    out->attributes &= ~VOLT_DOM_ASYNC_LEVEL_SET;
    out->name[SCMI_SHORT_NAME_LEN - 1] = '\0';
    c->rsp_len = sizeof(*out);
}

static void volt_describe_levels(struct vscmi_call *c)
{
    if ( !vscmi_forward_list(c) )
        return;
    vscmi_clamp_list(c, VOLT_LEVELS_RET_MASK, VOLT_LEVELS_SEGMENTED,
                     VOLT_LEVELS_REM_SHIFT, 4);
}

static void volt_get_u32(struct vscmi_call *c)
{
    vscmi_forward_id_fixed(c, sizeof(struct scmi_u32_p2a));
}

static void volt_level_set(struct vscmi_call *c)
{
    struct scmi_voltage_level_set_a2p tx = *vscmi_req(c, voltage_level_set);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.domain_id, &mode);

    if ( !g )
        return;
    if ( !vscmi_may_set(c, g, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }
    if ( tx.flags & VOLT_LEVEL_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }
    tx.domain_id = vscmi_route(c, g);
    vscmi_forward_fixed(c, &tx, sizeof(tx), sizeof(struct scmi_status_p2a));
}

static const struct vscmi_cmd volt_cmds[] = {
    [SCMI_PROTOCOL_VERSION]          = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]       = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    [SCMI_VOLTAGE_DOMAIN_ATTRIBUTES] = VSCMI_CMD(volt_domain_attributes, id,
                                                 id),
    [SCMI_VOLTAGE_DESCRIBE_LEVELS]   = VSCMI_CMD(volt_describe_levels, id_index,
                                                 id),
    [SCMI_VOLTAGE_CONFIG_SET]        = VSCMI_CMD(vscmi_cmd_set,
                                                 voltage_config_set, domain_id),
    [SCMI_VOLTAGE_CONFIG_GET]        = VSCMI_CMD(volt_get_u32, id, id),
    [SCMI_VOLTAGE_LEVEL_SET]         = VSCMI_CMD(volt_level_set,
                                                 voltage_level_set, domain_id),
    [SCMI_VOLTAGE_LEVEL_GET]         = VSCMI_CMD(volt_get_u32, id, id),
    [SCMI_VOLTAGE_DOMAIN_NAME_GET]   = VSCMI_CMD_SINCE(2, vscmi_cmd_name_get,
                                                       id, id),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
};

const struct vscmi_protocol vscmi_proto_voltage = {
    .id = SCMI_PROTO_VOLTAGE,
    .name = "voltage domain",
    .has_resources = true,
    .has_owner = true,
    /* num_domains[15:0], the rest reserved */
    .attr_words = 1,
    .attr_keep = 0,
    .msg_attr_keep = ~0u,
    .cmds = volt_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(volt_cmds),
};
