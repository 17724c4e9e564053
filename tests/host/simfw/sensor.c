/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, SENSOR protocol: 4 scalar sensors whose reading
 * moves on every read.
 */
#include "simfw-priv.h"

static const char *const sensor_names[SIMFW_NR_SENSORS] = {
    "soc_temp", "cpu_temp", "vdd_cpu", "board_power",
};
/* type (SCMI sensor type), unit exponent, power-on value */
static const struct { uint8_t type; int8_t scale; int64_t base; } sensor_defs[] = {
    { 2, -3, 45000 },       /* degrees C, milli */
    { 2, -3, 52000 },
    { 5, -6, 900000 },      /* volts, micro */
    { 7, -3, 3200 },        /* watts, milli */
};

#define SENSOR_DESC_BYTES   28
#define SENSOR_CFG_ENABLE   1u
#define SENSOR_TRIP_POINTS  2

static int32_t sensor_attributes(struct ctx *c)
{
    c->out[1] = SIMFW_NR_SENSORS;   /* max pending async: 0 */
    c->out[2] = c->out[3] = c->out[4] = 0;
    return ok(c, 4);
}

static int32_t sensor_description_get(struct ctx *c)
{
    uint32_t idx = c->in[0], n = 0;
    const size_t per = (PAYLOAD_MAX - 8) / SENSOR_DESC_BYTES;

    if ( idx > SIMFW_NR_SENSORS )
        return SCMI_INVALID_PARAMETERS;
    while ( n < per && idx + n < SIMFW_NR_SENSORS )
    {
        uint32_t id = idx + n;
        uint32_t *e = &c->out[2 + n * (SENSOR_DESC_BYTES / 4)];

        e[0] = id;
        e[1] = SENSOR_TRIP_POINTS;                      /* attributes_low */
        e[2] = sensor_defs[id].type |
               (((uint32_t)sensor_defs[id].scale & 0x1f) << 11);
        sim_put_name(&e[3], sensor_names[id], SCMI_SHORT_NAME_LEN);
        n++;
    }
    c->out[1] = n | ((SIMFW_NR_SENSORS - idx - n) << 16);
    return ok(c, 1 + n * (SENSOR_DESC_BYTES / 4));
}

static int32_t sensor_trip_notify(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    return c->in[1] & ~1u ? SCMI_INVALID_PARAMETERS : ok(c, 0);
}

static int32_t sensor_trip_config(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    if ( ((c->in[1] >> 4) & 0xff) >= SENSOR_TRIP_POINTS )
        return SCMI_INVALID_PARAMETERS;
    return ok(c, 0);
}

static int32_t sensor_reading_get(struct ctx *c)
{
    uint32_t id = c->in[0];
    struct sim_sensor *s;
    int64_t v;

    if ( id >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    if ( c->in[1] & SCMI_SENSOR_READ_ASYNC )
        return SCMI_NOT_SUPPORTED;
    if ( c->in[1] )
        return SCMI_INVALID_PARAMETERS;
    s = &c->fw->sensor[id];
    if ( !(s->config & SENSOR_CFG_ENABLE) )
        return SCMI_GENERIC_ERROR;
    v = sensor_defs[id].base + (int64_t)(s->reads % 8) * 125;
    s->reads++;
    c->out[1] = (uint32_t)v;
    c->out[2] = (uint32_t)((uint64_t)v >> 32);
    return ok(c, 2);
}

static int32_t sensor_axis_get(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    return SCMI_NOT_SUPPORTED;      /* scalar sensors only */
}

static int32_t sensor_intervals(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    if ( c->in[1] )
        return SCMI_OUT_OF_RANGE;
    c->out[1] = 3 | (1u << 12);     /* one triplet, none remaining */
    c->out[2] = 1 << 5;             /* 1 s, exponent 0 */
    c->out[3] = 60 << 5;
    c->out[4] = 1 << 5;
    return ok(c, 4);
}

static int32_t sensor_config_get(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    c->out[1] = c->fw->sensor[id].config;
    return ok(c, 1);
}

static int32_t sensor_config_set(struct ctx *c)
{
    uint32_t id = c->in[0], cfg = c->in[1];

    if ( id >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    if ( cfg & 0x1fcu )             /* reserved [8:2] */
        return SCMI_INVALID_PARAMETERS;
    c->fw->sensor[id].config = cfg;
    return ok(c, 0);
}

static int32_t sensor_cont_notify(struct ctx *c)
{
    if ( c->in[0] >= SIMFW_NR_SENSORS )
        return SCMI_NOT_FOUND;
    return SCMI_NOT_SUPPORTED;
}

static const struct sim_cmd sensor_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { sensor_attributes, 0 },
    [SCMI_SENSOR_DESCRIPTION_GET] = { sensor_description_get, 4 },
    [SCMI_SENSOR_TRIP_POINT_NOTIFY] = { sensor_trip_notify, 8 },
    [SCMI_SENSOR_TRIP_POINT_CONFIG] = { sensor_trip_config, 16 },
    [SCMI_SENSOR_READING_GET] = { sensor_reading_get, 8 },
    [SCMI_SENSOR_AXIS_DESCRIPTION_GET] = { sensor_axis_get, 8 },
    [SCMI_SENSOR_LIST_UPDATE_INTERVALS] = { sensor_intervals, 8 },
    [SCMI_SENSOR_CONFIG_GET] = { sensor_config_get, 4 },
    [SCMI_SENSOR_CONFIG_SET] = { sensor_config_set, 8 },
    [SCMI_SENSOR_CONTINUOUS_UPDATE_NOTIFY] = { sensor_cont_notify, 8 },
};

static void sensor_init(struct simfw *fw)
{
    uint32_t i;

    for ( i = 0; i < SIMFW_NR_SENSORS; i++ )
    {
        fw->sensor[i].config = SENSOR_CFG_ENABLE;
        fw->sensor[i].reads = 0;
    }
}

const struct sim_proto simfw_proto_sensor = {
    .id = SCMI_PROTO_SENSOR, .version = 0x20000u,
    .max_msg = SCMI_SENSOR_NAME_GET, SIM_CMDS(sensor_cmds),
    .init = sensor_init,
};

/* State, for assertions (simfw.h). */
uint32_t simfw_sensor_config(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_SENSORS ? fw->sensor[id].config : 0;
}

const char *simfw_sensor_name(uint32_t id)
{
    return id < SIMFW_NR_SENSORS ? sensor_names[id] : NULL;
}
