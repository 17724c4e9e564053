/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform: a test double serving one SMT channel the way
 * TF-A's drivers/scmi-msg does.  On a doorbell it reads length, header and
 * payload from its page into a private buffer, runs the command from a
 * per-protocol table (exact request length, else PROTOCOL_ERROR), writes
 * the answer in place and sets FREE.  Wire layouts follow Linux's
 * drivers/firmware/arm_scmi/{base,clock,...}.c.  Deterministic; allocates only in create.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vscmi/smt.h>
#include "simfw.h"

#define PAYLOAD_MAX          (SIMFW_CHAN_SIZE - SMT_OFF_PAYLOAD)
#define WORDS_MAX            (PAYLOAD_MAX / 4)
#define LEN_VAR              0xff

/* ------------------------------------------------------------ resources */

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

static const char *const power_names[SIMFW_NR_POWER] = {
    "cluster1", "gpu", "vpu", "display", "usb", "pcie", "eth",
    "audio_subsystem_island",
};

static const char *const reset_names[SIMFW_NR_RESETS] = {
    "rst_uart0", "rst_uart1", "rst_i2c0", "rst_usb", "rst_pcie", "rst_eth",
    "rst_gpu", "rst_emmc_controller_core",
};

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

#define SIMFW_AGENTS         1
#define SIMFW_AGENT_ID       1

/* Protocol versions (Linux's layouts for these versions). */
#define V_BASE      0x20000u
#define V_POWER     0x30000u
#define V_SYSTEM    0x20000u
#define V_PERF      0x30000u
#define V_CLOCK     SIMFW_CLOCK_VERSION
#define V_SENSOR    0x20000u
#define V_RESET     0x30000u
#define V_VOLTAGE   0x20000u

struct sim_clock {
    char name[SCMI_EXT_NAME_LEN];
    const struct clock_def *def;
    uint64_t rate;
    bool enabled;
};

struct sim_perf {
    uint32_t level, max, min;
    bool notify_level, notify_limits;
};

struct sim_sensor {
    uint32_t config;
    uint32_t reads;
};

struct sim_reset {
    uint32_t count;
    bool asserted;
};

struct sim_volt {
    uint32_t config;
    int32_t level;
};

struct simfw {
    uint8_t chan[SIMFW_CHAN_SIZE] __attribute__((aligned(8)));

    uint32_t nr_clocks;
    struct sim_clock *clk;
    uint32_t power[SIMFW_NR_POWER];
    uint32_t system_state;
    struct sim_perf perf[SIMFW_NR_PERF];
    struct sim_sensor sensor[SIMFW_NR_SENSORS];
    struct sim_reset reset[SIMFW_NR_RESETS];
    struct sim_volt volt[SIMFW_NR_VOLTAGE];
    uint32_t msgs;              /* messages served */

    enum simfw_fault fault;
    unsigned int fault_left;    /* 0: until cleared */
    bool stuck;                 /* a silent message holds the channel */

    bool log_on;
    size_t log_head, log_count;
    struct simfw_rec log[SIMFW_LOG_SIZE];
};

/* ----------------------------------------------------------- dispatch */

struct ctx {
    struct simfw *fw;
    const struct sim_proto *proto;
    const uint32_t *in;
    size_t in_len;
    uint32_t *out;              /* out[0] is the status */
    size_t out_len;             /* bytes, status included */
};

typedef int32_t (*sim_fn)(struct ctx *c);

struct sim_cmd {
    sim_fn fn;
    uint8_t len;                /* exact request payload bytes, or LEN_VAR */
};

struct sim_proto {
    uint8_t id;
    uint32_t version;
    uint8_t max_msg;            /* highest message id the spec defines */
    const struct sim_cmd *cmds;
    size_t nr_cmds;
};

static void put_name(void *dst, const char *src, size_t len)
{
    char *d = dst;
    size_t i;

    for ( i = 0; i + 1 < len && src[i]; i++ )
        d[i] = src[i];
    memset(d + i, 0, len - i);
}

/* Reply SUCCESS with @n words in out[1..n]. */
static int32_t ok(struct ctx *c, size_t n)
{
    c->out_len = 4 + 4 * n;
    return SCMI_SUCCESS;
}

static int32_t cmd_version(struct ctx *c)
{
    c->out[1] = c->proto->version;
    return ok(c, 1);
}

static int32_t cmd_negotiate(struct ctx *c)
{
    return c->in[0] == c->proto->version ? ok(c, 0) : SCMI_NOT_SUPPORTED;
}

static int32_t cmd_msg_attributes(struct ctx *c)
{
    uint32_t msg = c->in[0];

    if ( msg >= c->proto->nr_cmds || !c->proto->cmds[msg].fn )
        return SCMI_NOT_FOUND;
    c->out[1] = 0;
    /* PERF level/limits set/get: fast channel capable */
    if ( c->proto->id == SCMI_PROTO_PERF &&
         msg >= SCMI_PERF_LIMITS_SET && msg <= SCMI_PERF_LEVEL_GET )
        c->out[1] = 1;
    return ok(c, 1);
}

#define COMMON_CMDS \
    [SCMI_PROTOCOL_VERSION] = { cmd_version, 0 }, \
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { cmd_msg_attributes, 4 }, \
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] = { cmd_negotiate, 4 }

/* -------------------------------------------------------------- BASE */

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
    put_name(&c->out[1], SIMFW_VENDOR, SCMI_SHORT_NAME_LEN);
    return ok(c, 4);
}

static int32_t base_sub_vendor(struct ctx *c)
{
    put_name(&c->out[1], SIMFW_SUB_VENDOR, SCMI_SHORT_NAME_LEN);
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
    put_name(&c->out[2], id == 0 ? "platform" : "hypervisor",
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

/* ------------------------------------------------------- POWER_DOMAIN */

#define NAME_EXT_ATTR   (1u << 29)

static int32_t power_attributes(struct ctx *c)
{
    c->out[1] = SIMFW_NR_POWER;
    c->out[2] = c->out[3] = c->out[4] = 0;   /* no statistics */
    return ok(c, 4);
}

/* short name (15 chars + NUL) and whether the full name needs NAME_GET */
static uint32_t short_name(void *dst, const char *name)
{
    put_name(dst, name, SCMI_SHORT_NAME_LEN);
    return strlen(name) >= SCMI_SHORT_NAME_LEN ? NAME_EXT_ATTR : 0;
}

static int32_t ext_name(struct ctx *c, const char *name)
{
    c->out[1] = 0;      /* flags */
    put_name(&c->out[2], name, SCMI_EXT_NAME_LEN);
    return ok(c, 1 + SCMI_EXT_NAME_LEN / 4);
}

static int32_t power_domain_attributes(struct ctx *c)
{
    uint32_t id = c->in[0];

    if ( id >= SIMFW_NR_POWER )
        return SCMI_NOT_FOUND;
    /* bit29 sync state set supported (v3: bit27 extended name) */
    c->out[1] = (1u << 29) |
                (short_name(&c->out[2], power_names[id]) ? (1u << 27) : 0);
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
    return ext_name(c, power_names[id]);
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

/* ------------------------------------------------------- SYSTEM_POWER */

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

/* --------------------------------------------------------------- PERF */

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
    if ( short_name(&c->out[5], perf_names[id]) )
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
    return ext_name(c, perf_names[id]);
}

static const struct sim_cmd perf_cmds[] = {
    COMMON_CMDS,
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

/* -------------------------------------------------------------- CLOCK */

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
    c->out[1] = (k->enabled ? 1u : 0u) | short_name(&c->out[2], k->name);
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
    return ext_name(c, k->name);
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

/* ------------------------------------------------------------- SENSOR */

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
        put_name(&e[3], sensor_names[id], SCMI_SHORT_NAME_LEN);
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

/* -------------------------------------------------------------- RESET */

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
    c->out[1] = short_name(&c->out[3], reset_names[id]);
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
    return ext_name(c, reset_names[id]);
}

static const struct sim_cmd reset_cmds[] = {
    COMMON_CMDS,
    [SCMI_PROTOCOL_ATTRIBUTES] = { reset_attributes, 0 },
    [SCMI_RESET_DOMAIN_ATTRIBUTES] = { reset_domain_attributes, 4 },
    [SCMI_RESET] = { reset_reset, 12 },
    [SCMI_RESET_NOTIFY] = { reset_notify, 8 },
    [SCMI_RESET_DOMAIN_NAME_GET] = { reset_name_get, 4 },
};

/* ------------------------------------------------------------ VOLTAGE */

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
    c->out[1] = short_name(&c->out[2], volt_names[id]) ? (1u << 30) : 0;
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
    return ext_name(c, volt_names[id]);
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

/* ------------------------------------------------------------ protocols */

#define PROTO(i, v, max, t) { i, v, max, t, sizeof(t) / sizeof((t)[0]) }

static const struct sim_proto protos[] = {
    PROTO(SCMI_PROTO_BASE, V_BASE, SCMI_BASE_RESET_AGENT_CONFIGURATION, base_cmds),
    PROTO(SCMI_PROTO_POWER, V_POWER, SCMI_POWER_DOMAIN_NAME_GET, power_cmds),
    PROTO(SCMI_PROTO_SYSTEM, V_SYSTEM, SCMI_SYSTEM_POWER_STATE_NOTIFY, system_cmds),
    PROTO(SCMI_PROTO_PERF, V_PERF, SCMI_PERF_DOMAIN_NAME_GET, perf_cmds),
    PROTO(SCMI_PROTO_CLOCK, V_CLOCK, SCMI_CLOCK_GET_PERMISSIONS, clock_cmds),
    PROTO(SCMI_PROTO_SENSOR, V_SENSOR, SCMI_SENSOR_NAME_GET, sensor_cmds),
    PROTO(SCMI_PROTO_RESET, V_RESET, SCMI_RESET_DOMAIN_NAME_GET, reset_cmds),
    PROTO(SCMI_PROTO_VOLTAGE, V_VOLTAGE, SCMI_VOLTAGE_DOMAIN_NAME_GET, volt_cmds),
};

static const struct sim_proto *find_proto(uint8_t id)
{
    if ( id < SCMI_PROTO_BASE || id > SCMI_PROTO_VOLTAGE )
        return NULL;
    return &protos[id - SCMI_PROTO_BASE];
}

bool simfw_msg_resource(uint8_t proto, uint8_t msg, unsigned int *word)
{
    const struct sim_proto *p = find_proto(proto);

    if ( !p || proto == SCMI_PROTO_BASE || proto == SCMI_PROTO_SYSTEM )
        return false;
    if ( msg < 3 || msg > p->max_msg || msg == SCMI_NEGOTIATE_PROTOCOL_VERSION )
        return false;
    if ( proto == SCMI_PROTO_SENSOR && msg == SCMI_SENSOR_DESCRIPTION_GET )
        return false;       /* an index, not a sensor id */
    *word = (proto == SCMI_PROTO_POWER && msg == SCMI_POWER_STATE_SET) ||
            (proto == SCMI_PROTO_CLOCK && msg == SCMI_CLOCK_RATE_SET) ? 1 : 0;
    return true;
}

/* ---------------------------------------------------------- the channel */

static void log_add(struct simfw *fw, const struct simfw_rec *r)
{
    if ( !fw->log_on )
        return;
    fw->log[(fw->log_head + fw->log_count) % SIMFW_LOG_SIZE] = *r;
    if ( fw->log_count < SIMFW_LOG_SIZE )
        fw->log_count++;
    else
        fw->log_head = (fw->log_head + 1) % SIMFW_LOG_SIZE;
}

static bool fault_take(struct simfw *fw)
{
    if ( fw->fault == SIMFW_FAULT_NONE )
        return false;
    if ( fw->fault_left && --fw->fault_left == 0 )
        fw->fault = SIMFW_FAULT_NONE;   /* this message is the last one */
    return true;
}

/* Serve the message in the page: what TF-A's scmi_process_smt() does. */
static void simfw_serve(struct simfw *fw)
{
    volatile uint8_t *page = fw->chan;
    uint32_t in[WORDS_MAX], out[WORDS_MAX + 1];
    uint32_t status = smt_rd32(page, SMT_OFF_STATUS);
    uint32_t length = smt_rd32(page, SMT_OFF_LENGTH);
    uint32_t hdr = smt_rd32(page, SMT_OFF_HEADER);
    enum simfw_fault fault = fw->fault;
    struct simfw_rec rec = { 0 };
    struct ctx c = { .fw = fw, .in = in, .out = out };
    const struct sim_proto *p;
    uint32_t rsp_hdr = hdr, rsp_len;
    bool smt_err = false;
    size_t i;
    int32_t st;

    if ( status & SMT_STATUS_FREE )
        return;                     /* spurious doorbell: nothing posted */

    if ( !fault_take(fw) )
        fault = SIMFW_FAULT_NONE;
    fw->msgs++;

    rec.proto = scmi_hdr_proto(hdr);
    rec.msg = scmi_hdr_msg(hdr);
    memset(in, 0, sizeof(in));
    memset(out, 0, sizeof(out));
    c.out_len = 4;

    if ( length < 4 || length - 4 > PAYLOAD_MAX )
    {
        /* unusable length: answer the status alone, flag the channel */
        smt_err = true;
        st = SCMI_PROTOCOL_ERROR;
        goto answer;
    }
    c.in_len = length - 4;
    rec.tx_len = c.in_len;
    for ( i = 0; i < (c.in_len + 3) / 4; i++ )
        in[i] = smt_rd32(page, SMT_OFF_PAYLOAD + 4 * i);
    if ( c.in_len & 3 )
        in[c.in_len / 4] &= (1u << (8 * (c.in_len & 3))) - 1;

    {
        unsigned int w;

        if ( simfw_msg_resource(rec.proto, rec.msg, &w) && c.in_len >= 4 * (w + 1) )
        {
            rec.has_id = true;
            rec.id = in[w];
        }
    }

    p = find_proto(rec.proto);
    if ( hdr & SCMI_HDR_RESERVED_MASK )
        st = SCMI_PROTOCOL_ERROR;
    else if ( !p || scmi_hdr_type(hdr) != SCMI_MSG_TYPE_COMMAND ||
              rec.msg >= p->nr_cmds || !p->cmds[rec.msg].fn )
        st = SCMI_NOT_SUPPORTED;
    else if ( p->cmds[rec.msg].len != LEN_VAR && p->cmds[rec.msg].len != c.in_len )
        st = SCMI_PROTOCOL_ERROR;
    else if ( fault != SIMFW_FAULT_NONE && fault != SIMFW_FAULT_GARBAGE )
        st = SCMI_GENERIC_ERROR;    /* a failing platform does not execute */
    else
    {
        c.proto = p;
        st = p->cmds[rec.msg].fn(&c);
        if ( st != SCMI_SUCCESS )
            c.out_len = 4;
    }

 answer:
    out[0] = (uint32_t)st;
    switch ( fault )
    {
    case SIMFW_FAULT_SILENT:
        fw->stuck = true;
        rec.status = st;
        log_add(fw, &rec);
        return;                     /* channel stays busy */
    case SIMFW_FAULT_GARBAGE:
        out[0] = SCMI_SUCCESS;
        c.out_len = 4;
        break;
    case SIMFW_FAULT_BAD_HEADER:
        rsp_hdr = scmi_hdr(rec.proto, rec.msg ^ 1, scmi_hdr_token(hdr) ^ 0x155);
        break;
    case SIMFW_FAULT_BAD_STATUS:
        out[0] = (uint32_t)-42;
        break;
    default:
        break;
    }
    rec.status = (int32_t)out[0];
    log_add(fw, &rec);

    for ( i = 0; i < c.out_len / 4; i++ )
        smt_wr32(page, SMT_OFF_PAYLOAD + 4 * i, out[i]);
    rsp_len = 4 + (uint32_t)c.out_len;
    if ( fault == SIMFW_FAULT_OVERLONG )
        rsp_len = SIMFW_CHAN_SIZE;  /* beyond the page */
    smt_wr32(page, SMT_OFF_LENGTH, rsp_len);
    smt_wr32(page, SMT_OFF_HEADER, rsp_hdr);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    smt_wr32(page, SMT_OFF_STATUS, SMT_STATUS_FREE | (smt_err ? SMT_STATUS_ERROR : 0));
}

static int simfw_ring(void *priv)
{
    simfw_serve(priv);
    return 0;
}

static int simfw_xfer(void *priv, uint32_t hdr, const void *tx, size_t tx_len,
                      void *rx, size_t rx_max, size_t *rx_len)
{
    struct simfw *fw = priv;

    /* A silently dropped message: the platform frees the channel once the
     * fault is over, as a watchdog would. */
    if ( fw->stuck && fw->fault != SIMFW_FAULT_SILENT )
    {
        fw->stuck = false;
        smt_wr32(fw->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
    }
    return smt_xfer(fw->chan, SIMFW_CHAN_SIZE, simfw_ring, fw, SIMFW_SPINS,
                    hdr, tx, tx_len, rx, rx_max, rx_len);
}

const struct vscmi_fw_ops simfw_ops = {
    .xfer = simfw_xfer,
};

int simfw_raw_doorbell(struct simfw *fw)
{
    return simfw_ring(fw);
}

volatile void *simfw_chan(struct simfw *fw)
{
    return fw->chan;
}

/* ------------------------------------------------------------- lifetime */

static void init_state(struct simfw *fw)
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
    for ( i = 0; i < SIMFW_NR_POWER; i++ )
        fw->power[i] = i == 0 ? SCMI_POWER_STATE_ON : SCMI_POWER_STATE_OFF;
    fw->system_state = 3;           /* power up */
    for ( i = 0; i < SIMFW_NR_PERF; i++ )
    {
        struct sim_perf *p = &fw->perf[i];

        memset(p, 0, sizeof(*p));
        p->min = perf_levels[i][0];
        p->max = perf_levels[i][perf_nr_levels[i] - 1];
        p->level = perf_levels[i][perf_nr_levels[i] / 2];
    }
    for ( i = 0; i < SIMFW_NR_SENSORS; i++ )
    {
        fw->sensor[i].config = SENSOR_CFG_ENABLE;
        fw->sensor[i].reads = 0;
    }
    memset(fw->reset, 0, sizeof(fw->reset));
    for ( i = 0; i < SIMFW_NR_VOLTAGE; i++ )
    {
        fw->volt[i].config = VOLT_CFG_ON;
        fw->volt[i].level = i == 3 ? VOLT3_MIN : volt_level_at(i, 0);
    }
    fw->msgs = 0;
    fw->fault = SIMFW_FAULT_NONE;
    fw->fault_left = 0;
    fw->stuck = false;
    fw->log_on = true;
    fw->log_head = fw->log_count = 0;
    memset(fw->chan, 0, sizeof(fw->chan));
    smt_wr32(fw->chan, SMT_OFF_STATUS, SMT_STATUS_FREE);
}

struct simfw *simfw_create_sized(uint32_t nr_clocks)
{
    struct simfw *fw;

    if ( nr_clocks == 0 || nr_clocks > 0xffff )
        return NULL;
    fw = calloc(1, sizeof(*fw));
    if ( !fw )
        return NULL;
    fw->clk = calloc(nr_clocks, sizeof(*fw->clk));
    if ( !fw->clk )
    {
        free(fw);
        return NULL;
    }
    fw->nr_clocks = nr_clocks;
    init_state(fw);
    return fw;
}

struct simfw *simfw_create(void)
{
    return simfw_create_sized(SIMFW_NR_CLOCKS);
}

void simfw_destroy(struct simfw *fw)
{
    if ( !fw )
        return;
    free(fw->clk);
    free(fw);
}

void simfw_reset(struct simfw *fw)
{
    init_state(fw);
}

/* ---------------------------------------------------------------- oracle */

size_t simfw_log_count(const struct simfw *fw)
{
    return fw->log_count;
}

const struct simfw_rec *simfw_log_at(const struct simfw *fw, size_t i)
{
    if ( i >= fw->log_count )
        return NULL;
    return &fw->log[(fw->log_head + i) % SIMFW_LOG_SIZE];
}

void simfw_log_clear(struct simfw *fw)
{
    fw->log_head = fw->log_count = 0;
}

void simfw_log_enable(struct simfw *fw, bool on)
{
    fw->log_on = on;
}

void simfw_set_fault(struct simfw *fw, enum simfw_fault fault, unsigned int count)
{
    fw->fault = fault;
    fw->fault_left = fault == SIMFW_FAULT_NONE ? 0 : count;
}

uint32_t simfw_msg_count(const struct simfw *fw)
{
    return fw->msgs;
}

/* ----------------------------------------------------------------- state */

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

uint32_t simfw_power_state(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_POWER ? fw->power[id] : 0xffffffffu;
}

uint32_t simfw_reset_count(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_RESETS ? fw->reset[id].count : 0;
}

bool simfw_reset_asserted(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_RESETS && fw->reset[id].asserted;
}

uint32_t simfw_system_state(const struct simfw *fw)
{
    return fw->system_state;
}

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

uint32_t simfw_sensor_config(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_SENSORS ? fw->sensor[id].config : 0;
}

int32_t simfw_voltage_level(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_VOLTAGE ? fw->volt[id].level : 0;
}

uint32_t simfw_voltage_config(const struct simfw *fw, uint32_t id)
{
    return id < SIMFW_NR_VOLTAGE ? fw->volt[id].config : 0;
}

const char *simfw_clock_name(uint32_t id)
{
    return id < SIMFW_NR_CLOCKS ? clock_defs[id].name : NULL;
}

const char *simfw_power_name(uint32_t id)
{
    return id < SIMFW_NR_POWER ? power_names[id] : NULL;
}

const char *simfw_reset_name(uint32_t id)
{
    return id < SIMFW_NR_RESETS ? reset_names[id] : NULL;
}

const char *simfw_sensor_name(uint32_t id)
{
    return id < SIMFW_NR_SENSORS ? sensor_names[id] : NULL;
}
