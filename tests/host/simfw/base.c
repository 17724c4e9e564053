/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, BASE protocol (vendor, protocol list, agent
 * discovery; the permission commands accept only our own agent).
 */
#include "simfw-priv.h"

#define SIMFW_AGENTS         1
#define SIMFW_AGENT_ID       1

static const uint8_t fw_protocols[] = {
    SCMI_PROTO_POWER, SCMI_PROTO_SYSTEM, SCMI_PROTO_PERF, SCMI_PROTO_CLOCK,
    SCMI_PROTO_SENSOR, SCMI_PROTO_RESET, SCMI_PROTO_VOLTAGE,
};

static int32_t base_attributes(struct ctx *c)
{
    c->out[1] = (uint32_t)sizeof(fw_protocols) | (SIMFW_AGENTS << 8);
    return ok(c, 1);
}

static int32_t base_vendor(struct ctx *c)
{
    sim_put_name(&c->out[1], SIMFW_VENDOR, SCMI_SHORT_NAME_LEN);
    return ok(c, 4);
}

static int32_t base_sub_vendor(struct ctx *c)
{
    sim_put_name(&c->out[1], SIMFW_SUB_VENDOR, SCMI_SHORT_NAME_LEN);
    return ok(c, 4);
}

static int32_t base_impl_version(struct ctx *c)
{
    c->out[1] = SIMFW_IMPL_VERSION;
    return ok(c, 1);
}

static int32_t base_list_protocols(struct ctx *c)
{
    uint32_t skip = c->in[0], n = 0, i;
    uint8_t *list = (uint8_t *)&c->out[2];
    size_t room = PAYLOAD_MAX - 8;

    if ( skip > sizeof(fw_protocols) )
        return SCMI_INVALID_PARAMETERS;
    memset(list, 0, room);
    for ( i = skip; i < sizeof(fw_protocols) && n < room; i++ )
        list[n++] = fw_protocols[i];
    c->out[1] = n;
    return ok(c, 1 + (n + 3) / 4);
}

static int32_t base_discover_agent(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id == 0xffffffffu )
        id = SIMFW_AGENT_ID;
    if ( id > SIMFW_AGENTS )
        return SCMI_NOT_FOUND;
    c->out[1] = id;
    sim_put_name(&c->out[2], id == 0 ? "platform" : "hypervisor",
             SCMI_SHORT_NAME_LEN);
    return ok(c, 5);
}

static int32_t base_notify_errors(struct ctx *c)
{
    return c->in[0] & ~1u ? SCMI_INVALID_PARAMETERS : ok(c, 0);
}

/* Permission commands: accepted for our one agent; guests must never
 * reach them (the fuzz oracle checks). */
static int32_t base_agent_cmd(struct ctx *c)
{
    return c->in[0] == SIMFW_AGENT_ID ? ok(c, 0) : SCMI_NOT_FOUND;
}

static const struct sim_cmd base_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { base_attributes, 0 },
    [SCMI_BASE_DISCOVER_VENDOR] = { base_vendor, 0 },
    [SCMI_BASE_DISCOVER_SUB_VENDOR] = { base_sub_vendor, 0 },
    [SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION] = { base_impl_version, 0 },
    [SCMI_BASE_DISCOVER_LIST_PROTOCOLS] = { base_list_protocols, 4 },
    [SCMI_BASE_DISCOVER_AGENT] = { base_discover_agent, 4 },
    [SCMI_BASE_NOTIFY_ERRORS] = { base_notify_errors, 4 },
    [SCMI_BASE_SET_DEVICE_PERMISSIONS] = { base_agent_cmd, 12 },
    [SCMI_BASE_SET_PROTOCOL_PERMISSIONS] = { base_agent_cmd, 16 },
    [SCMI_BASE_RESET_AGENT_CONFIGURATION] = { base_agent_cmd, 8 },
};

const struct sim_proto simfw_proto_base = {
    .id = SCMI_PROTO_BASE, .version = 0x20000u,
    .max_msg = SCMI_BASE_RESET_AGENT_CONFIGURATION, SIM_CMDS(base_cmds),
};
