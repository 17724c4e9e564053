/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform, private part: the platform state, the command
 * context and the per-protocol tables (one file per protocol, as TF-A's
 * drivers/scmi-msg; core.c serves the channel and dispatches).
 */
#ifndef VSCMI_SIMFW_PRIV_H
#define VSCMI_SIMFW_PRIV_H

#include <string.h>

#include <vscmi/smt.h>
#include "simfw.h"

#define PAYLOAD_MAX          (SIMFW_CHAN_SIZE - SMT_OFF_PAYLOAD)
#define WORDS_MAX            (PAYLOAD_MAX / 4)
#define LEN_VAR              0xff

/* ---------------------------------------------------------------- state */

struct clock_def;

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

    uint32_t hidden;            /* simfw_hide_protocol(): bit per protocol */
    /* simfw_set_view(): the agent's id i is platform id view[p][i] */
    uint32_t view_nr[8];        /* 0: no view */
    uint32_t view[8][SIMFW_VIEW_MAX];

    struct vscmi_fw_chan fw_chan;   /* what the mediator transacts on */
    struct simfw_hooks hooks;

    bool log_on;
    size_t log_head, log_count;
    struct simfw_rec log[SIMFW_LOG_SIZE];
};

/* ------------------------------------------------------------- dispatch */

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
    uint32_t version;           /* served with Linux's layouts for it */
    uint8_t max_msg;            /* highest message id the spec defines */
    const struct sim_cmd *cmds;
    size_t nr_cmds;
    void (*init)(struct simfw *fw);     /* power-on state, or NULL */
};

#define SIM_CMDS(t)     .cmds = (t), .nr_cmds = sizeof(t) / sizeof((t)[0])

/* Reply SUCCESS with @n words in out[1..n]. */
static inline int32_t ok(struct ctx *c, size_t n)
{
    c->out_len = 4 + 4 * n;
    return SCMI_SUCCESS;
}

/* The commands every protocol has (core.c). */
int32_t sim_cmd_version(struct ctx *c);
int32_t sim_cmd_msg_attributes(struct ctx *c);
int32_t sim_cmd_negotiate(struct ctx *c);

#define COMMON_CMDS \
    [SCMI_PROTOCOL_VERSION] = { sim_cmd_version, 0 }, \
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { sim_cmd_msg_attributes, 4 }, \
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] = { sim_cmd_negotiate, 4 }

/* Names (core.c): a NUL-padded copy; a short name, returning the
 * extended-name flag (bit 29) when it does not fit; a NAME_GET answer. */
void sim_put_name(void *dst, const char *src, size_t len);
uint32_t sim_short_name(void *dst, const char *name);
int32_t sim_ext_name(struct ctx *c, const char *name);

extern const struct sim_proto simfw_proto_base, simfw_proto_power,
    simfw_proto_system, simfw_proto_perf, simfw_proto_clock,
    simfw_proto_sensor, simfw_proto_reset, simfw_proto_voltage;

#endif /* VSCMI_SIMFW_PRIV_H */
