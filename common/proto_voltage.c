/* SPDX-License-Identifier: MIT */
/*
 * VOLTAGE 0x17: every domain id translated guest -> firmware, config and
 * level set only through a grant that may set, asynchronous level set
 * refused (its delayed response would need a notification path).
 */
#include "private.h"

/* VOLTAGE_DOMAIN_ATTRIBUTES attributes (SCMI v3.2 / Linux voltage.c) */
#define VOLT_DOM_ASYNC_LEVEL_SET    (1u << 31)
#define VOLT_DOM_ATTR_WORDS         (1 + SCMI_SHORT_NAME_LEN / 4)
/* VOLTAGE_LEVEL_SET flags */
#define VOLT_LEVEL_SET_ASYNC        (1u << 0)
/* DESCRIBE_LEVELS: returned[11:0] segmented[12] remaining[31:16] */
#define VOLT_LEVELS_RET_MASK        0xfffu
#define VOLT_LEVELS_SEGMENTED       (1u << 12)
#define VOLT_LEVELS_REM_SHIFT       16

static void volt_domain_attributes(struct vscmi_call *c)
{
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);
    uint32_t tx[1];
    char *name;

    if ( !g )
        return;
    tx[0] = g->phys;
    if ( !vscmi_forward(c, c->msg, tx, sizeof(tx),
                        4 * (1 + VOLT_DOM_ATTR_WORDS)) )
        return;
    c->rsp[1] &= ~VOLT_DOM_ASYNC_LEVEL_SET;
    name = (char *)&c->rsp[2];
    name[SCMI_SHORT_NAME_LEN - 1] = '\0';
    c->rsp_len = 4 * (1 + VOLT_DOM_ATTR_WORDS);
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
    vscmi_forward_id_fixed(c, 4 * 2);
}

static void volt_level_set(struct vscmi_call *c)
{
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);
    uint32_t tx[3];

    if ( !g )
        return;
    if ( !vscmi_may_set(c, g, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }
    if ( c->req[1] & VOLT_LEVEL_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }
    tx[0] = g->phys;
    tx[1] = c->req[1];
    tx[2] = c->req[2];
    vscmi_forward_fixed(c, tx, sizeof(tx), 4 * 1);
}

static const struct vscmi_cmd volt_cmds[] = {
    [SCMI_PROTOCOL_VERSION]            = { vscmi_cmd_version, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_ATTRIBUTES]         = { vscmi_cmd_protocol_attributes, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { vscmi_cmd_msg_attributes, 4, VSCMI_NO_ID },
    [SCMI_VOLTAGE_DOMAIN_ATTRIBUTES]   = { volt_domain_attributes, 4, 0 },
    [SCMI_VOLTAGE_DESCRIBE_LEVELS]     = { volt_describe_levels, 8, 0 },
    [SCMI_VOLTAGE_CONFIG_SET]          = { vscmi_cmd_set, 8, 0 },
    [SCMI_VOLTAGE_CONFIG_GET]          = { volt_get_u32, 4, 0 },
    [SCMI_VOLTAGE_LEVEL_SET]           = { volt_level_set, 12, 0 },
    [SCMI_VOLTAGE_LEVEL_GET]           = { volt_get_u32, 4, 0 },
    [SCMI_VOLTAGE_DOMAIN_NAME_GET]     = { vscmi_cmd_name_get, 4, 0 },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]  = { vscmi_cmd_negotiate, 4, VSCMI_NO_ID },
};

const struct vscmi_protocol vscmi_proto_voltage = {
    .id = SCMI_PROTO_VOLTAGE,
    .name = "voltage domain",
    .has_resources = true,
    /* num_domains[15:0], the rest reserved */
    .attr_words = 1,
    .attr_keep = 0,
    .msg_attr_keep = ~0u,
    .cmds = volt_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(volt_cmds),
};
