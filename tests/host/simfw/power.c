/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, POWER_DOMAIN protocol: 8 domains, ON/OFF only.
 */
#include "simfw-priv.h"

static const char *const power_names[SIMFW_NR_POWER] = {
    "cluster1", "gpu", "vpu", "display", "usb", "pcie", "eth",
    "audio_subsystem_island",
};

static int32_t power_attributes(struct ctx *c)
{
    c->out[1] = SIMFW_NR_POWER;
    c->out[2] = c->out[3] = c->out[4] = 0;   /* no statistics */
    return ok(c, 4);
}

static int32_t power_domain_attributes(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_POWER )
        return SCMI_NOT_FOUND;
    /* bit29 sync state set supported (v3: bit27 extended name) */
    c->out[1] = (1u << 29) |
                (sim_short_name(&c->out[2], power_names[id]) ? (1u << 27) : 0);
    return ok(c, 5);
}

static int32_t power_state_set(struct ctx *c)
{
    uint32_t flags = c->in[0], id = c->in[1], state = c->in[2];

    if ( id >= SIMFW_NR_POWER )
        return SCMI_NOT_FOUND;
    if ( flags & SCMI_POWER_SET_ASYNC )
        return SCMI_NOT_SUPPORTED;
    if ( flags || (state != SCMI_POWER_STATE_ON && state != SCMI_POWER_STATE_OFF) )
        return SCMI_INVALID_PARAMETERS;
    c->fw->power[id] = state;
    return ok(c, 0);
}

static int32_t power_state_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_POWER )
        return SCMI_NOT_FOUND;
    c->out[1] = c->fw->power[id];
    return ok(c, 1);
}

static int32_t power_notify(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_POWER )
        return SCMI_NOT_FOUND;
    return SCMI_NOT_SUPPORTED;      /* no notification channel */
}

static int32_t power_name_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_POWER )
        return SCMI_NOT_FOUND;
    return sim_ext_name(c, power_names[id]);
}

static const struct sim_cmd power_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { power_attributes, 0 },
    [SCMI_POWER_DOMAIN_ATTRIBUTES] = { power_domain_attributes, 4 },
    [SCMI_POWER_STATE_SET] = { power_state_set, 12 },
    [SCMI_POWER_STATE_GET] = { power_state_get, 4 },
    [SCMI_POWER_STATE_NOTIFY] = { power_notify, 8 },
    [SCMI_POWER_STATE_CHANGE_REQUESTED_NOTIFY] = { power_notify, 8 },
    [SCMI_POWER_DOMAIN_NAME_GET] = { power_name_get, 4 },
};

static void power_init(struct simfw *fw)
{
    uint32_t i;

    for ( i = 0; i < SIMFW_NR_POWER; i++ )
        fw->power[i] = i == 0 ? SCMI_POWER_STATE_ON : SCMI_POWER_STATE_OFF;
}

const struct sim_proto simfw_proto_power = {
    .id = SCMI_PROTO_POWER, .version = 0x30000u,
    .max_msg = SCMI_POWER_DOMAIN_NAME_GET, SIM_CMDS(power_cmds),
    .init = power_init,
};

/* State, for assertions (simfw.h). */
uint32_t simfw_power_state(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_POWER ? fw->power[id] : 0xffffffffu;
}

const char *simfw_power_name(uint32_t id)
{
    return id < SIMFW_NR_POWER ? power_names[id] : NULL;
}
