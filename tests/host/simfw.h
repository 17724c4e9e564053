/* SPDX-License-Identifier: MIT */
/*
 * Simulated SCMI platform for host tests, fuzzing, benchmarks and the demo.
 * A test double, not the product's firmware: it serves an SMT channel
 * exactly as TF-A's scmi-msg does, and records what reached it.
 *
 * Resources (ids are firmware ids):
 *   16 clocks, 8 power domains, 8 reset domains, 4 sensors,
 *   4 performance domains, 4 voltage domains; SYSTEM_POWER.
 */
#ifndef VSCMI_SIMFW_H
#define VSCMI_SIMFW_H

#include <vscmi/vscmi.h>

#define SIMFW_NR_CLOCKS     16
#define SIMFW_NR_POWER      8
#define SIMFW_NR_RESETS     8
#define SIMFW_NR_SENSORS    4
#define SIMFW_NR_PERF       4
#define SIMFW_NR_VOLTAGE    4
#define SIMFW_VENDOR        "vscmi"
#define SIMFW_SUB_VENDOR    "simfw"
#define SIMFW_IMPL_VERSION  0x00010002u

/* One message as firmware received it (the fuzz and test oracle). */
struct simfw_rec {
    uint8_t proto;
    uint8_t msg;
    bool has_id;            /* message names a resource */
    uint32_t id;            /* firmware resource id it names */
    uint32_t tx_len;        /* payload bytes received */
    int32_t status;         /* what firmware answered */
};

/*
 * A faulty message is not executed (the platform state is unchanged),
 * except GARBAGE: executed, but its answer cut to the status word.
 */
enum simfw_fault {
    SIMFW_FAULT_NONE,
    SIMFW_FAULT_SILENT,     /* never answers: channel stays busy */
    SIMFW_FAULT_GARBAGE,    /* answers SUCCESS with a truncated payload */
    SIMFW_FAULT_BAD_HEADER, /* answers with another message's header */
    SIMFW_FAULT_BAD_STATUS, /* answers an out-of-range status */
    SIMFW_FAULT_OVERLONG,   /* answers with a length field beyond the page */
};

struct simfw;

struct simfw *simfw_create(void);
void simfw_destroy(struct simfw *fw);
/* Back to the power-on state; clears the log and faults. */
void simfw_reset(struct simfw *fw);

/* The firmware channel, for vscmi_mediator_create() and cfg.fw. */
const struct vscmi_fw_chan *simfw_fw(struct simfw *fw);

/* One transaction on the channel, as the mediator makes them (tests, bench). */
int simfw_xfer(struct simfw *fw, uint32_t hdr, const void *tx, size_t tx_len,
               void *rx, size_t rx_max, size_t *rx_len);

/*
 * A test's hooks around each doorbell: @before runs when the mediator
 * rings, @after may rewrite the answer (header @hdr, payload words @rx,
 * status first, *@len bytes, at most @max) before the mediator reads it.
 */
struct simfw_hooks {
    void (*before)(void *priv);
    void (*after)(void *priv, uint32_t hdr, uint32_t *rx, size_t *len,
                  size_t max);
    void *priv;
};
void simfw_set_hooks(struct simfw *fw, const struct simfw_hooks *hooks);

/* Channel size of the simulated firmware's SMT page. */
#define SIMFW_CHAN_SIZE     128

/* Oracle: the log of received messages (bounded ring, oldest dropped). */
size_t simfw_log_count(const struct simfw *fw);
const struct simfw_rec *simfw_log_at(const struct simfw *fw, size_t i);
void simfw_log_clear(struct simfw *fw);
void simfw_log_enable(struct simfw *fw, bool on);

/* State, for assertions. */
bool simfw_clock_enabled(const struct simfw *fw, uint32_t id);
uint64_t simfw_clock_rate(const struct simfw *fw, uint32_t id);
uint32_t simfw_power_state(const struct simfw *fw, uint32_t id);
uint32_t simfw_reset_count(const struct simfw *fw, uint32_t id);
uint32_t simfw_system_state(const struct simfw *fw);
const char *simfw_clock_name(uint32_t id);

/* The next @count messages misbehave as @fault (0: until cleared). */
void simfw_set_fault(struct simfw *fw, enum simfw_fault fault, unsigned int count);

/* ---- additions (tests/host/simfw/) ---- */

/* Protocol version served for CLOCK (v2.0 layout: CONFIG_SET {id, attr};
 * a 12-byte v3.0 CONFIG_SET with oem_config_val 0 is accepted too). */
#define SIMFW_CLOCK_VERSION 0x20000u
/* simfw_xfer()'s wait for the channel, on the host's clock. */
#define SIMFW_TIMEOUT_NS    1000000ull
/* PERF_DESCRIBE_FASTCHANNEL answers channel addresses in
 * [SIMFW_FC_BASE, SIMFW_FC_BASE + SIMFW_FC_SPAN): a guest must never see one. */
#define SIMFW_FC_BASE       0x8ff00000u
#define SIMFW_FC_SPAN       0x1000u
/* Capacity of the message log. */
#define SIMFW_LOG_SIZE      4096

/* A platform with @nr_clocks clocks (ids >= 16 repeat the 16 templates'
 * rates, named "clk<id>"), for the scaling benchmark. */
struct simfw *simfw_create_sized(uint32_t nr_clocks);
uint32_t simfw_nr_clocks(const struct simfw *fw);

/*
 * Does message @msg of @proto name a resource, and in which payload word?
 * The log's has_id/id follow this, whether or not simfw implements @msg.
 */
bool simfw_msg_resource(uint8_t proto, uint8_t msg, unsigned int *word);

/* Raw access for tests of the double itself: the SMT page, and one doorbell. */
volatile void *simfw_chan(struct simfw *fw);
int simfw_raw_doorbell(struct simfw *fw);
/* Messages served since create/reset (whether logged or not). */
uint32_t simfw_msg_count(const struct simfw *fw);

bool simfw_reset_asserted(const struct simfw *fw, uint32_t id);
uint32_t simfw_perf_level(const struct simfw *fw, uint32_t id);
void simfw_perf_limits(const struct simfw *fw, uint32_t id, uint32_t *max,
                       uint32_t *min);
uint32_t simfw_sensor_config(const struct simfw *fw, uint32_t id);
int32_t simfw_voltage_level(const struct simfw *fw, uint32_t id);
uint32_t simfw_voltage_config(const struct simfw *fw, uint32_t id);
const char *simfw_power_name(uint32_t id);
const char *simfw_reset_name(uint32_t id);
const char *simfw_sensor_name(uint32_t id);

/*
 * Serve this channel as an agent of multi-agent firmware with its own view
 * of @proto (clock, power or reset): it has @nr resources, its id i being
 * the platform's @ids[i].  Ids in requests are the agent's (the log records
 * them so), state accessors take the platform's.  @nr 0: no view.
 */
#define SIMFW_VIEW_MAX      32
bool simfw_set_view(struct simfw *fw, uint8_t proto, const uint32_t *ids,
                    uint32_t nr);
/* This channel's agent lacks @proto: all its messages get NOT_SUPPORTED. */
void simfw_hide_protocol(struct simfw *fw, uint8_t proto);
/* Rename platform clock @id of this instance (what its agent is told). */
void simfw_clock_rename(struct simfw *fw, uint32_t id, const char *name);

#endif /* VSCMI_SIMFW_H */
