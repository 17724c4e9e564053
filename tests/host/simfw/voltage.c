/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, VOLTAGE protocol: 3 domains with level lists,
 * one with a range.
 */
#include "simfw-priv.h"

#define VOLT_MAX_LEVELS 30
static const char *const volt_names[SIMFW_NR_VOLTAGE] = {
    "vdd_cpu", "vdd_gpu", "vdd_io", "vdd_sram_retention_rail",
};
/* domains 0-2: lists of 30, 4, 2 levels; domain 3: a range */
static const uint32_t volt_nr_levels[SIMFW_NR_VOLTAGE] = { 30, 4, 2, 0 };
static const int32_t volt_list1[] = { 800000, 850000, 900000, 950000 };
static const int32_t volt_list2[] = { 1800000, 3300000 };
#define VOLT3_MIN   500000
#define VOLT3_MAX   1000000
#define VOLT3_STEP  25000

static int32_t volt_level_at(uint32_t dom, uint32_t i)
{
    switch ( dom )
    {
    case 0: return 600000 + 12500 * (int32_t)i;
    case 1: return volt_list1[i];
    default: return volt_list2[i];
    }
}

#define VOLT_CFG_ON     0x7u
#define VOLT_CFG_OFF    0x0u

static bool volt_valid(uint32_t dom, int32_t uv)
{
    uint32_t i;

    if ( dom == 3 )
        return uv >= VOLT3_MIN && uv <= VOLT3_MAX &&
               (uv - VOLT3_MIN) % VOLT3_STEP == 0;
    for ( i = 0; i < volt_nr_levels[dom]; i++ )
        if ( volt_level_at(dom, i) == uv )
            return true;
    return false;
}

static int32_t volt_attributes(struct ctx *c)
{
    c->out[1] = SIMFW_NR_VOLTAGE;
    return ok(c, 1);
}

static int32_t volt_domain_attributes(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    c->out[1] = sim_short_name(&c->out[2], volt_names[id]) ? (1u << 30) : 0;
    return ok(c, 5);
}

static int32_t volt_describe_levels(struct ctx *c)
{
    uint32_t id = c->in[0], idx = c->in[1], n = 0, total;
    const size_t per = (PAYLOAD_MAX - 8) / 4;

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    if ( id == 3 )
    {
        if ( idx != 0 )
            return SCMI_OUT_OF_RANGE;
        c->out[1] = 3 | (1u << 12);
        c->out[2] = VOLT3_MIN;
        c->out[3] = VOLT3_MAX;
        c->out[4] = VOLT3_STEP;
        return ok(c, 4);
    }
    total = volt_nr_levels[id];
    if ( idx > total )
        return SCMI_OUT_OF_RANGE;
    while ( n < per && idx + n < total )
    {
        c->out[2 + n] = (uint32_t)volt_level_at(id, idx + n);
        n++;
    }
    c->out[1] = n | ((total - idx - n) << 16);
    return ok(c, 1 + n);
}

static int32_t volt_config_set(struct ctx *c)
{
    uint32_t id = c->in[0], cfg = c->in[1];

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    if ( cfg != VOLT_CFG_ON && cfg != VOLT_CFG_OFF )
        return SCMI_INVALID_PARAMETERS;
    c->fw->volt[id].config = cfg;
    return ok(c, 0);
}

static int32_t volt_config_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    c->out[1] = c->fw->volt[id].config;
    return ok(c, 1);
}

static int32_t volt_level_set(struct ctx *c)
{
    uint32_t id = c->in[0], flags = c->in[1];
    int32_t uv = (int32_t)c->in[2];

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    if ( flags & 1u )
        return SCMI_NOT_SUPPORTED;
    if ( flags )
        return SCMI_INVALID_PARAMETERS;
    if ( !volt_valid(id, uv) )
        return SCMI_OUT_OF_RANGE;
    c->fw->volt[id].level = uv;
    return ok(c, 0);
}

static int32_t volt_level_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    c->out[1] = (uint32_t)c->fw->volt[id].level;
    return ok(c, 1);
}

static int32_t volt_name_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_VOLTAGE )
        return SCMI_NOT_FOUND;
    return sim_ext_name(c, volt_names[id]);
}

static const struct sim_cmd volt_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { volt_attributes, 0 },
    [SCMI_VOLTAGE_DOMAIN_ATTRIBUTES] = { volt_domain_attributes, 4 },
    [SCMI_VOLTAGE_DESCRIBE_LEVELS] = { volt_describe_levels, 8 },
    [SCMI_VOLTAGE_CONFIG_SET] = { volt_config_set, 8 },
    [SCMI_VOLTAGE_CONFIG_GET] = { volt_config_get, 4 },
    [SCMI_VOLTAGE_LEVEL_SET] = { volt_level_set, 12 },
    [SCMI_VOLTAGE_LEVEL_GET] = { volt_level_get, 4 },
    [SCMI_VOLTAGE_DOMAIN_NAME_GET] = { volt_name_get, 4 },
};

static void volt_init(struct simfw *fw)
{
    uint32_t i;

    for ( i = 0; i < SIMFW_NR_VOLTAGE; i++ )
    {
        fw->volt[i].config = VOLT_CFG_ON;
        fw->volt[i].level = i == 3 ? VOLT3_MIN : volt_level_at(i, 0);
    }
}

const struct sim_proto simfw_proto_voltage = {
    .id = SCMI_PROTO_VOLTAGE, .version = 0x20000u,
    .max_msg = SCMI_VOLTAGE_DOMAIN_NAME_GET, SIM_CMDS(volt_cmds),
    .init = volt_init,
};

/* State, for assertions (simfw.h). */
int32_t simfw_voltage_level(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_VOLTAGE ? fw->volt[id].level : 0;
}

uint32_t simfw_voltage_config(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_VOLTAGE ? fw->volt[id].config : 0;
}
