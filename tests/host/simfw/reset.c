/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, RESET protocol: 8 domains, autonomous and
 * explicit assert/deassert, counted.
 */
#include "simfw-priv.h"

static const char *const reset_names[SIMFW_NR_RESETS] = {
    "rst_uart0", "rst_uart1", "rst_i2c0", "rst_usb", "rst_pcie", "rst_eth",
    "rst_gpu", "rst_emmc_controller_core",
};

#define RESET_AUTONOMOUS    (1u << 0)
#define RESET_EXPLICIT      (1u << 1)

static int32_t reset_attributes(struct ctx *c)
{
    c->out[1] = SIMFW_NR_RESETS;
    return ok(c, 1);
}

static int32_t reset_domain_attributes(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_RESETS )
        return SCMI_NOT_FOUND;
    c->out[2] = 100;                /* latency us */
    c->out[1] = sim_short_name(&c->out[3], reset_names[id]);
    return ok(c, 6);
}

static int32_t reset_reset(struct ctx *c)
{
    uint32_t id = c->in[0], flags = c->in[1], state = c->in[2];
    struct sim_reset *r;

    if ( id >= SIMFW_NR_RESETS )
        return SCMI_NOT_FOUND;
    if ( flags & SCMI_RESET_ASYNC )
        return SCMI_NOT_SUPPORTED;
    if ( (flags & ~(RESET_AUTONOMOUS | RESET_EXPLICIT)) || state != 0 )
        return SCMI_INVALID_PARAMETERS;
    r = &c->fw->reset[id];
    if ( flags & RESET_AUTONOMOUS )
    {
        r->count++;
        r->asserted = false;
    }
    else if ( flags & RESET_EXPLICIT )
    {
        if ( !r->asserted )
            r->count++;
        r->asserted = true;
    }
    else
        r->asserted = false;
    return ok(c, 0);
}

static int32_t reset_notify(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_RESETS )
        return SCMI_NOT_FOUND;
    return SCMI_NOT_SUPPORTED;
}

static int32_t reset_name_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_RESETS )
        return SCMI_NOT_FOUND;
    return sim_ext_name(c, reset_names[id]);
}

static const struct sim_cmd reset_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { reset_attributes, 0 },
    [SCMI_RESET_DOMAIN_ATTRIBUTES] = { reset_domain_attributes, 4 },
    [SCMI_RESET] = { reset_reset, 12 },
    [SCMI_RESET_NOTIFY] = { reset_notify, 8 },
    [SCMI_RESET_DOMAIN_NAME_GET] = { reset_name_get, 4 },
};

static void reset_init(struct simfw *fw)
{
    memset(fw->reset, 0, sizeof(fw->reset));
}

const struct sim_proto simfw_proto_reset = {
    .id = SCMI_PROTO_RESET, .version = 0x30000u,
    .max_msg = SCMI_RESET_DOMAIN_NAME_GET, SIM_CMDS(reset_cmds),
    .init = reset_init,
};

/* State, for assertions (simfw.h). */
uint32_t simfw_reset_count(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_RESETS ? fw->reset[id].count : 0;
}

bool simfw_reset_asserted(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_RESETS && fw->reset[id].asserted;
}

const char *simfw_reset_name(uint32_t id)
{
    return id < SIMFW_NR_RESETS ? reset_names[id] : NULL;
}
