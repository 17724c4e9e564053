/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, PERFORMANCE protocol: 4 domains with level
 * lists, limits, and fast channel descriptions a guest must never see.
 */
#include "simfw-priv.h"

#define PERF_MAX_LEVELS 10
static const char *const perf_names[SIMFW_NR_PERF] = {
    "perf_big", "perf_little", "perf_gpu_domain_extended", "perf_npu",
};
static const uint32_t perf_levels[SIMFW_NR_PERF][PERF_MAX_LEVELS] = {
    { 300000, 500000, 700000, 900000, 1100000, 1300000, 1500000, 1700000,
      1900000, 2100000 },
    { 200000, 400000, 600000, 800000, 1000000, 1200000 },
    { 100000, 200000, 300000, 400000, 500000 },
    { 250000, 500000, 750000, 1000000 },
};
static const uint32_t perf_nr_levels[SIMFW_NR_PERF] = { 10, 6, 5, 4 };

static bool perf_valid(uint32_t dom, uint32_t level)
{
    uint32_t i;

    for ( i = 0; i < perf_nr_levels[dom]; i++ )
        if ( perf_levels[dom][i] == level )
            return true;
    return false;
}

static int32_t perf_attributes(struct ctx *c)
{
    c->out[1] = SIMFW_NR_PERF;
    c->out[2] = c->out[3] = c->out[4] = 0;
    return ok(c, 4);
}

static int32_t perf_domain_attributes(struct ctx *c)
{
    uint32_t id = c->in[0];
    const uint32_t *lv;

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    lv = perf_levels[id];
    /* set limits, set level, limit/level notifications, fast channels */
    c->out[1] = (1u << 31) | (1u << 30) | (1u << 29) | (1u << 28) | (1u << 27);
    c->out[2] = 1000;                                   /* rate limit us */
    c->out[3] = lv[perf_nr_levels[id] - 1];             /* sustained kHz */
    c->out[4] = lv[perf_nr_levels[id] - 1];             /* sustained level */
    if ( sim_short_name(&c->out[5], perf_names[id]) )
        c->out[1] |= 1u << 26;
    return ok(c, 8);
}

static int32_t perf_describe_levels(struct ctx *c)
{
    uint32_t id = c->in[0], idx = c->in[1], n = 0, total;
    const size_t per = (PAYLOAD_MAX - 8) / 12;

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    total = perf_nr_levels[id];
    if ( idx > total )
        return SCMI_OUT_OF_RANGE;
    while ( n < per && idx + n < total )
    {
        uint32_t *e = &c->out[2 + 3 * n];

        e[0] = perf_levels[id][idx + n];
        e[1] = perf_levels[id][idx + n] / 1000;     /* power, mW */
        e[2] = 50 + 10 * (idx + n);                 /* latency us */
        n++;
    }
    c->out[1] = n | ((total - idx - n) << 16);
    return ok(c, 1 + 3 * n);
}

static int32_t perf_limits_set(struct ctx *c)
{
    uint32_t id = c->in[0], max = c->in[1], min = c->in[2];
    struct sim_perf *p;

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    if ( !perf_valid(id, max) || !perf_valid(id, min) )
        return SCMI_OUT_OF_RANGE;
    if ( min > max )
        return SCMI_INVALID_PARAMETERS;
    p = &c->fw->perf[id];
    p->max = max;
    p->min = min;
    if ( p->level > max )
        p->level = max;
    if ( p->level < min )
        p->level = min;
    return ok(c, 0);
}

static int32_t perf_limits_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    c->out[1] = c->fw->perf[id].max;
    c->out[2] = c->fw->perf[id].min;
    return ok(c, 2);
}

static int32_t perf_level_set(struct ctx *c)
{
    uint32_t id = c->in[0], level = c->in[1];
    struct sim_perf *p;

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    p = &c->fw->perf[id];
    if ( !perf_valid(id, level) || level > p->max || level < p->min )
        return SCMI_OUT_OF_RANGE;
    p->level = level;
    return ok(c, 0);
}

static int32_t perf_level_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    c->out[1] = c->fw->perf[id].level;
    return ok(c, 1);
}

static int32_t perf_notify(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    if ( c->in[1] & ~1u )
        return SCMI_INVALID_PARAMETERS;
    return ok(c, 0);
}

static int32_t perf_describe_fc(struct ctx *c)
{
    uint32_t id = c->in[0], msg = c->in[1];

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    if ( msg < SCMI_PERF_LIMITS_SET || msg > SCMI_PERF_LEVEL_GET )
        return SCMI_NOT_SUPPORTED;
    memset(&c->out[1], 0, 11 * 4);
    c->out[2] = 1000;                                       /* rate limit */
    c->out[3] = SIMFW_FC_BASE + id * 0x100 + msg * 0x10;    /* chan addr */
    c->out[5] = 8;                                          /* chan size */
    return ok(c, 11);
}

static int32_t perf_name_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_PERF )
        return SCMI_NOT_FOUND;
    return sim_ext_name(c, perf_names[id]);
}

/* PROTOCOL_MESSAGE_ATTRIBUTES: level/limits set/get are fast channel capable */
static int32_t perf_msg_attributes(struct ctx *c)
{
    int32_t st = sim_cmd_msg_attributes(c);
    uint32_t msg = c->in[0];

    if ( st == SCMI_SUCCESS && msg >= SCMI_PERF_LIMITS_SET && msg <= SCMI_PERF_LEVEL_GET )
        c->out[1] = 1;
    return st;
}

static const struct sim_cmd perf_cmds[] = {
    [SCMI_PROTOCOL_VERSION] = { sim_cmd_version, 0 },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { perf_msg_attributes, 4 },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] = { sim_cmd_negotiate, 4 },
    [SCMI_PROTOCOL_ATTRIBUTES] = { perf_attributes, 0 },
    [SCMI_PERF_DOMAIN_ATTRIBUTES] = { perf_domain_attributes, 4 },
    [SCMI_PERF_DESCRIBE_LEVELS] = { perf_describe_levels, 8 },
    [SCMI_PERF_LIMITS_SET] = { perf_limits_set, 12 },
    [SCMI_PERF_LIMITS_GET] = { perf_limits_get, 4 },
    [SCMI_PERF_LEVEL_SET] = { perf_level_set, 8 },
    [SCMI_PERF_LEVEL_GET] = { perf_level_get, 4 },
    [SCMI_PERF_NOTIFY_LIMITS] = { perf_notify, 8 },
    [SCMI_PERF_NOTIFY_LEVEL] = { perf_notify, 8 },
    [SCMI_PERF_DESCRIBE_FASTCHANNEL] = { perf_describe_fc, 8 },
    [SCMI_PERF_DOMAIN_NAME_GET] = { perf_name_get, 4 },
};

static void perf_init(struct simfw *fw)
{
    uint32_t i;

    for ( i = 0; i < SIMFW_NR_PERF; i++ )
    {
        struct sim_perf *p = &fw->perf[i];

        memset(p, 0, sizeof(*p));
        p->min = perf_levels[i][0];
        p->max = perf_levels[i][perf_nr_levels[i] - 1];
        p->level = perf_levels[i][perf_nr_levels[i] / 2];
    }
}

const struct sim_proto simfw_proto_perf = {
    .id = SCMI_PROTO_PERF, .version = 0x30000u,
    .max_msg = SCMI_PERF_DOMAIN_NAME_GET, SIM_CMDS(perf_cmds),
    .init = perf_init,
};

/* State, for assertions (simfw.h). */
uint32_t simfw_perf_level(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_PERF ? fw->perf[id].level : 0;
}

void simfw_perf_limits(const struct simfw *fw, uint32_t id, uint32_t *max,
                       uint32_t *min)
{
    *max = id < SIMFW_NR_PERF ? fw->perf[id].max : 0;
    *min = id < SIMFW_NR_PERF ? fw->perf[id].min : 0;
}
