/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, CLOCK protocol: 16 clock templates (rate lists
 * and ranges), repeated for a sized platform.
 */
#include <stdio.h>

#include "simfw-priv.h"

static const uint64_t rates_ddr[] = {
    400000000ull, 800000000ull, 1066000000ull, 1600000000ull,
};
static const uint64_t rates_uart[] = {
    1843200ull, 3686400ull, 14745600ull, 24000000ull, 48000000ull,
};
static const uint64_t rates_i2c[] = { 100000ull, 400000ull, 1000000ull };
static const uint64_t rates_gpu[] = {
    100000000ull, 150000000ull, 200000000ull, 250000000ull, 300000000ull,
    350000000ull, 400000000ull, 450000000ull, 500000000ull, 550000000ull,
    600000000ull, 650000000ull, 700000000ull, 750000000ull, 800000000ull,
    850000000ull,
};
static const uint64_t rates_audio[] = {
    2048000ull, 2822400ull, 3072000ull, 4096000ull, 5644800ull, 6144000ull,
    8192000ull, 11289600ull, 12288000ull, 16384000ull, 22579200ull,
    24576000ull, 32768000ull, 45158400ull, 49152000ull, 65536000ull,
    90316800ull, 98304000ull, 131072000ull, 180633600ull, 196608000ull,
    262144000ull, 361267200ull, 393216000ull,
};
static const uint64_t rates_eth[] = { 25000000ull, 50000000ull, 125000000ull };

struct clock_def {
    const char *name;
    const uint64_t *rates;      /* list, or NULL for a range */
    uint32_t nr_rates;
    uint64_t min, max, step;
    uint64_t rate;              /* power-on rate */
    bool enabled;
};

#define LIST(r) (r), (uint32_t)(sizeof(r) / sizeof((r)[0])), 0, 0, 0

static const struct clock_def clock_defs[SIMFW_NR_CLOCKS] = {
    { "cpu_pll",  NULL, 0, 400000000ull, 2000000000ull, 100000000ull, 1200000000ull, true },
    { "ddr",      LIST(rates_ddr),   1600000000ull, true },
    { "uart0",    LIST(rates_uart),  24000000ull, false },
    { "uart1",    LIST(rates_uart),  24000000ull, false },
    { "i2c0",     LIST(rates_i2c),   100000ull, false },
    { "i2c1",     LIST(rates_i2c),   100000ull, false },
    { "spi0",     NULL, 0, 1000000ull, 100000000ull, 1000000ull, 50000000ull, false },
    { "spi1",     NULL, 0, 1000000ull, 100000000ull, 1000000ull, 50000000ull, false },
    { "emmc",     NULL, 0, 400000ull, 200000000ull, 200000ull, 52000000ull, false },
    { "sdio",     NULL, 0, 400000ull, 208000000ull, 400000ull, 50000000ull, false },
    { "usb",      NULL, 0, 60000000ull, 480000000ull, 60000000ull, 480000000ull, false },
    { "pcie",     NULL, 0, 100000000ull, 250000000ull, 50000000ull, 100000000ull, false },
    { "gpu",      LIST(rates_gpu),   400000000ull, false },
    { "display",  NULL, 0, 25000000ull, 600000000ull, 1000ull, 148500000ull, false },
    { "audio_pll", LIST(rates_audio), 24576000ull, false },
    { "ethernet_ptp_reference", LIST(rates_eth), 125000000ull, false },
};

#define RATE_SET_ROUND_UP    (1u << 2)
#define RATE_SET_ROUND_AUTO  (1u << 3)

static struct sim_clock *clock_get(struct ctx *c, uint32_t id)
{
    return id < c->fw->nr_clocks ? &c->fw->clk[id] : NULL;
}

static int32_t clock_attributes_proto(struct ctx *c)
{
    c->out[1] = c->fw->nr_clocks & 0xffff;  /* max async requests: 0 */
    return ok(c, 1);
}

static int32_t clock_attributes(struct ctx *c)
{
    struct sim_clock *k = clock_get(c, c->in[0]);

    if ( !k )
        return SCMI_NOT_FOUND;
    c->out[1] = (k->enabled ? 1u : 0u) | sim_short_name(&c->out[2], k->name);
    c->out[6] = 0;          /* clock enable latency */
    return ok(c, 6);
}

static int32_t clock_describe_rates(struct ctx *c)
{
    struct sim_clock *k = clock_get(c, c->in[0]);
    uint32_t idx = c->in[1], n = 0, total;
    const size_t per = (PAYLOAD_MAX - 8) / 8;

    if ( !k )
        return SCMI_NOT_FOUND;
    if ( !k->def->rates )
    {
        if ( idx != 0 )
            return SCMI_OUT_OF_RANGE;
        c->out[2] = (uint32_t)k->def->min;
        c->out[3] = (uint32_t)(k->def->min >> 32);
        c->out[4] = (uint32_t)k->def->max;
        c->out[5] = (uint32_t)(k->def->max >> 32);
        c->out[6] = (uint32_t)k->def->step;
        c->out[7] = (uint32_t)(k->def->step >> 32);
        c->out[1] = 3 | (1u << 12);
        return ok(c, 7);
    }
    total = k->def->nr_rates;
    if ( idx > total )
        return SCMI_OUT_OF_RANGE;
    while ( n < per && idx + n < total )
    {
        uint64_t r = k->def->rates[idx + n];

        c->out[2 + 2 * n] = (uint32_t)r;
        c->out[3 + 2 * n] = (uint32_t)(r >> 32);
        n++;
    }
    c->out[1] = n | ((total - idx - n) << 16);
    return ok(c, 1 + 2 * n);
}

/* Round @rate to a supported one per @flags; false if outside. */
static bool clock_round(const struct clock_def *def, uint32_t flags,
                        uint64_t *rate)
{
    uint64_t r = *rate, lo, hi;
    uint32_t i;

    if ( !def->rates )
    {
        if ( r < def->min || r > def->max )
            return false;
        lo = def->min + (r - def->min) / def->step * def->step;
        hi = lo == r ? r : lo + def->step;
        if ( hi > def->max )
            hi = lo;
    }
    else
    {
        if ( r < def->rates[0] || r > def->rates[def->nr_rates - 1] )
            return false;
        lo = hi = def->rates[0];
        for ( i = 0; i < def->nr_rates; i++ )
        {
            if ( def->rates[i] <= r )
                lo = def->rates[i];
            if ( def->rates[i] >= r )
            {
                hi = def->rates[i];
                break;
            }
        }
    }
    if ( flags & RATE_SET_ROUND_AUTO )
        *rate = (r - lo <= hi - r) ? lo : hi;
    else
        *rate = (flags & RATE_SET_ROUND_UP) ? hi : lo;
    return true;
}

static int32_t clock_rate_set(struct ctx *c)
{
    uint32_t flags = c->in[0];
    struct sim_clock *k = clock_get(c, c->in[1]);
    uint64_t rate = c->in[2] | ((uint64_t)c->in[3] << 32);

    if ( !k )
        return SCMI_NOT_FOUND;
    if ( flags & SCMI_CLOCK_RATE_SET_ASYNC )
        return SCMI_NOT_SUPPORTED;
    if ( flags & ~(RATE_SET_ROUND_UP | RATE_SET_ROUND_AUTO | 2u) )
        return SCMI_INVALID_PARAMETERS;
    if ( rate == 0 )
        return SCMI_INVALID_PARAMETERS;
    if ( !clock_round(k->def, flags, &rate) )
        return SCMI_OUT_OF_RANGE;
    k->rate = rate;
    return ok(c, 0);
}

static int32_t clock_rate_get(struct ctx *c)
{
    struct sim_clock *k = clock_get(c, c->in[0]);

    if ( !k )
        return SCMI_NOT_FOUND;
    c->out[1] = (uint32_t)k->rate;
    c->out[2] = (uint32_t)(k->rate >> 32);
    return ok(c, 2);
}

/* v2.0: {id, attributes}; v3.0 adds oem_config_val (must be 0 here). */
static int32_t clock_config_set(struct ctx *c)
{
    struct sim_clock *k = clock_get(c, c->in[0]);
    uint32_t attr = c->in[1];

    if ( c->in_len != 8 && c->in_len != 12 )
        return SCMI_PROTOCOL_ERROR;
    if ( !k )
        return SCMI_NOT_FOUND;
    if ( attr & ~SCMI_CLOCK_CONFIG_ENABLE )
        return SCMI_INVALID_PARAMETERS;
    if ( c->in_len == 12 && c->in[2] )
        return SCMI_INVALID_PARAMETERS;
    k->enabled = attr & SCMI_CLOCK_CONFIG_ENABLE;
    return ok(c, 0);
}

static int32_t clock_config_get(struct ctx *c)
{
    struct sim_clock *k = clock_get(c, c->in[0]);

    if ( !k )
        return SCMI_NOT_FOUND;
    if ( c->in[1] & 0xff )          /* OEM config types: none */
        return SCMI_NOT_SUPPORTED;
    c->out[1] = 0;
    c->out[2] = k->enabled ? 1 : 0;
    c->out[3] = 0;
    return ok(c, 3);
}

static int32_t clock_name_get(struct ctx *c)
{
    struct sim_clock *k = clock_get(c, c->in[0]);

    if ( !k )
        return SCMI_NOT_FOUND;
    return sim_ext_name(c, k->name);
}

static int32_t clock_notify(struct ctx *c)
{
    if ( !clock_get(c, c->in[0]) )
        return SCMI_NOT_FOUND;
    return SCMI_NOT_SUPPORTED;
}

static const struct sim_cmd clock_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { clock_attributes_proto, 0 },
    [SCMI_CLOCK_ATTRIBUTES] = { clock_attributes, 4 },
    [SCMI_CLOCK_DESCRIBE_RATES] = { clock_describe_rates, 8 },
    [SCMI_CLOCK_RATE_SET] = { clock_rate_set, 16 },
    [SCMI_CLOCK_RATE_GET] = { clock_rate_get, 4 },
    [SCMI_CLOCK_CONFIG_SET] = { clock_config_set, LEN_VAR },
    [SCMI_CLOCK_NAME_GET] = { clock_name_get, 4 },
    [SCMI_CLOCK_RATE_NOTIFY] = { clock_notify, 8 },
    [SCMI_CLOCK_RATE_CHANGE_REQUESTED_NOTIFY] = { clock_notify, 8 },
    [SCMI_CLOCK_CONFIG_GET] = { clock_config_get, 8 },
};

static void clock_init(struct simfw *fw)
{
    uint32_t i;

    for ( i = 0; i < fw->nr_clocks; i++ )
    {
        const struct clock_def *def = &clock_defs[i % SIMFW_NR_CLOCKS];
        struct sim_clock *k = &fw->clk[i];

        k->def = def;
        if ( i < SIMFW_NR_CLOCKS )
            snprintf(k->name, sizeof(k->name), "%s", def->name);
        else
            snprintf(k->name, sizeof(k->name), "clk%u", i);
        k->rate = def->rate;
        k->enabled = def->enabled;
    }
}

const struct sim_proto simfw_proto_clock = {
    .id = SCMI_PROTO_CLOCK, .version = SIMFW_CLOCK_VERSION,
    .max_msg = SCMI_CLOCK_GET_PERMISSIONS, SIM_CMDS(clock_cmds),
    .init = clock_init,
};

/* State, for assertions (simfw.h). */
uint32_t simfw_nr_clocks(const struct simfw *fw)
{
    return fw->nr_clocks;
}

bool simfw_clock_enabled(const struct simfw *fw, uint32_t id)
{
    return id < fw->nr_clocks && fw->clk[id].enabled;
}

uint64_t simfw_clock_rate(const struct simfw *fw, uint32_t id)
{
    return id < fw->nr_clocks ? fw->clk[id].rate : 0;
}

void simfw_clock_rename(struct simfw *fw, uint32_t id, const char *name)
{
    if ( id < fw->nr_clocks )
        snprintf(fw->clk[id].name, sizeof(fw->clk[id].name), "%s", name);
}

const char *simfw_clock_name(uint32_t id)
{
    return id < SIMFW_NR_CLOCKS ? clock_defs[id].name : NULL;
}
