/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, SYSTEM_POWER protocol (state set/get).
 */
#include "simfw-priv.h"

#define SYS_STATE_MAX   4   /* shutdown, cold reset, warm reset, power up, suspend */

static int32_t system_attributes(struct ctx *c)
{
    c->out[1] = (1u << 31) | (1u << 30);    /* warm reset, suspend */
    return ok(c, 1);
}

static int32_t system_state_set(struct ctx *c)
{
    uint32_t flags = c->in[0], state = c->in[1];

    if ( flags & ~1u )
        return SCMI_INVALID_PARAMETERS;
    if ( state > SYS_STATE_MAX )
        return SCMI_INVALID_PARAMETERS;
    c->fw->system_state = state;
    return ok(c, 0);
}

static int32_t system_state_get(struct ctx *c)
{
    c->out[1] = c->fw->system_state;
    return ok(c, 1);
}

static int32_t system_notify(struct ctx *c)
{
    return c->in[0] & ~1u ? SCMI_INVALID_PARAMETERS : SCMI_NOT_SUPPORTED;
}

static const struct sim_cmd system_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { system_attributes, 0 },
    [SCMI_SYSTEM_POWER_STATE_SET] = { system_state_set, 8 },
    [SCMI_SYSTEM_POWER_STATE_GET] = { system_state_get, 0 },
    [SCMI_SYSTEM_POWER_STATE_NOTIFY] = { system_notify, 4 },
};

static void system_init(struct simfw *fw)
{
    fw->system_state = 3;           /* power up */
}

const struct sim_proto simfw_proto_system = {
    .id = SCMI_PROTO_SYSTEM, .version = 0x20000u,
    .max_msg = SCMI_SYSTEM_POWER_STATE_NOTIFY, SIM_CMDS(system_cmds),
    .init = system_init,
};

/* State, for assertions (simfw.h). */
uint32_t simfw_system_state(const struct simfw *fw)
{
    return fw->system_state;
}
