/* SPDX-License-Identifier: MIT */
/*
 * SCMI v3.2 (DEN0056E) payloads the mediator reads or writes, as typed
 * agent-to-platform (a2p) and platform-to-agent (p2a) structs, after TF-A's
 * drivers/scmi-msg and Linux's arm_scmi.  Every field is a 32-bit
 * little-endian word (the architecture's order); p2a structs start with the
 * status word.  A handler reads its snapshot through vscmi_req() and edits
 * or builds its answer through vscmi_rsp(); the command tables take each
 * request's length and resource-id word from its a2p struct (VSCMI_CMD).
 */
#ifndef VSCMI_WIRE_H
#define VSCMI_WIRE_H

#include <vscmi/scmi.h>

/* ---- shapes many commands share ---- */

struct scmi_id_a2p {                /* *_ATTRIBUTES, *_GET, *_NAME_GET */
    uint32_t id;
};

struct scmi_id_index_a2p {          /* DESCRIBE_RATES / _LEVELS, intervals */
    uint32_t id;
    uint32_t index;
};

struct scmi_msg_id_a2p {            /* PROTOCOL_MESSAGE_ATTRIBUTES */
    uint32_t message_id;
};

struct scmi_version_a2p {           /* NEGOTIATE_PROTOCOL_VERSION */
    uint32_t version;
};

struct scmi_status_p2a {
    int32_t status;
};

struct scmi_u32_p2a {               /* a version, attributes, a level ... */
    int32_t status;
    uint32_t value;
};

struct scmi_u64_p2a {               /* a rate, a reading */
    int32_t status;
    uint32_t value_low;
    uint32_t value_high;
};

/* {id, value words}: *_SET of a level, limits, config or trip point */
struct scmi_id_set_a2p {
    uint32_t id;
    uint32_t value[3];
};

/* list answers: {status, count word, entries} */
struct scmi_list_p2a {
    int32_t status;
    uint32_t count;
    uint32_t entries[];
};

struct scmi_name_p2a {              /* *_NAME_GET */
    int32_t status;
    uint32_t flags;
    char name[SCMI_EXT_NAME_LEN];
};

/* ---- BASE ---- */

struct scmi_base_list_protocols_a2p {
    uint32_t skip;
};

struct scmi_base_list_protocols_p2a {
    int32_t status;
    uint32_t count;
    uint8_t protocols[];
};

struct scmi_base_discover_agent_a2p {
    uint32_t agent_id;
};

struct scmi_base_discover_agent_p2a {
    int32_t status;
    uint32_t agent_id;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_base_vendor_p2a {
    int32_t status;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_base_set_device_permissions_a2p {
    uint32_t agent_id;
    uint32_t device_id;
    uint32_t flags;
};

struct scmi_base_set_protocol_permissions_a2p {
    uint32_t agent_id;
    uint32_t device_id;
    uint32_t protocol_id;
    uint32_t flags;
};

struct scmi_base_reset_agent_config_a2p {
    uint32_t agent_id;
    uint32_t flags;
};

/* ---- POWER_DOMAIN ---- */

struct scmi_power_attributes_p2a {
    int32_t status;
    uint32_t attributes;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_power_state_set_a2p {
    uint32_t flags;
    uint32_t domain_id;
    uint32_t power_state;
};

/* ---- SYSTEM_POWER ---- */

struct scmi_system_state_set_a2p {
    uint32_t flags;
    uint32_t system_state;
};

/* ---- PERFORMANCE ---- */

struct scmi_perf_attributes_p2a {
    int32_t status;
    uint32_t attributes;
    uint32_t rate_limit;
    uint32_t sustained_freq;
    uint32_t sustained_perf_level;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_perf_limits_set_a2p {
    uint32_t domain_id;
    uint32_t range_max;
    uint32_t range_min;
};

struct scmi_perf_limits_get_p2a {
    int32_t status;
    uint32_t range_max;
    uint32_t range_min;
};

struct scmi_perf_level_set_a2p {
    uint32_t domain_id;
    uint32_t level;
};

/* ---- CLOCK ---- */

struct scmi_clock_attributes_p2a {
    int32_t status;
    uint32_t attributes;
    char name[SCMI_SHORT_NAME_LEN];
    uint32_t enable_latency;        /* from clock v3.0 */
};

struct scmi_clock_rate_set_a2p {
    uint32_t flags;
    uint32_t clock_id;
    uint32_t rate_low;
    uint32_t rate_high;
};

/* CLOCK_CONFIG_SET: v3 has the OEM word, earlier versions stop before it */
struct scmi_clock_config_set_a2p {
    uint32_t clock_id;
    uint32_t attributes;
    uint32_t oem_config_val;
};

struct scmi_clock_config_get_a2p {
    uint32_t clock_id;
    uint32_t flags;
};

struct scmi_clock_config_get_p2a {
    int32_t status;
    uint32_t attributes;
    uint32_t config;
    uint32_t oem_config_val;
};

/* ---- SENSOR ---- */

struct scmi_sensor_description_get_a2p {
    uint32_t desc_index;
};

/* the fixed part of a SENSOR_DESCRIPTION_GET descriptor (and of an axis's) */
struct scmi_sensor_desc {
    uint32_t id;
    uint32_t attributes_low;
    uint32_t attributes_high;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_sensor_axis_name {      /* one SENSOR_AXIS_NAME_GET entry */
    uint32_t axis_id;
    char name[SCMI_EXT_NAME_LEN];
};

struct scmi_sensor_trip_point_config_a2p {
    uint32_t sensor_id;
    uint32_t event_control;
    uint32_t value_low;
    uint32_t value_high;
};

struct scmi_sensor_config_set_a2p {
    uint32_t sensor_id;
    uint32_t config;
};

struct scmi_sensor_reading_get_a2p {
    uint32_t sensor_id;
    uint32_t flags;
};

struct scmi_sensor_axis_a2p {       /* AXIS_DESCRIPTION_GET / _NAME_GET */
    uint32_t sensor_id;
    uint32_t axis_desc_index;
};

/* ---- RESET_DOMAIN ---- */

struct scmi_reset_attributes_p2a {
    int32_t status;
    uint32_t attributes;
    uint32_t latency;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_reset_a2p {
    uint32_t domain_id;
    uint32_t flags;
    uint32_t reset_state;
};

/* ---- VOLTAGE ---- */

struct scmi_voltage_attributes_p2a {
    int32_t status;
    uint32_t attributes;
    char name[SCMI_SHORT_NAME_LEN];
};

struct scmi_voltage_config_set_a2p {
    uint32_t domain_id;
    uint32_t config;
};

struct scmi_voltage_level_set_a2p {
    uint32_t domain_id;
    uint32_t flags;
    int32_t voltage_level;
};

/* ---- bounds every struct above keeps ---- */

/* 0, or a compile error when @e holds (Linux's BUILD_BUG_ON_ZERO) */
#define VSCMI_BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))

/* The request length of struct scmi_<msg>_a2p, which the snapshot holds. */
#define VSCMI_A2P_LEN(msg) \
    (sizeof(struct scmi_##msg##_a2p) + \
     VSCMI_BUILD_BUG_ON_ZERO(sizeof(struct scmi_##msg##_a2p) > VSCMI_REQ_MAX))

/*
 * Command table rows: the request length and the resource id's word come
 * from the request's struct scmi_<msg>_a2p.
 */
#define VSCMI_CMD(fn, msg, id_field) \
    { (fn), VSCMI_A2P_LEN(msg), \
      offsetof(struct scmi_##msg##_a2p, id_field) / 4, 0 }
#define VSCMI_CMD_NO_ID(fn, msg) \
    { (fn), VSCMI_A2P_LEN(msg), VSCMI_NO_ID, 0 }
#define VSCMI_CMD_VOID(fn) \
    { (fn), 0, VSCMI_NO_ID, 0 }
/* a command that protocol version @major.0 brought */
#define VSCMI_CMD_SINCE(major, fn, msg, id_field) \
    { (fn), VSCMI_A2P_LEN(msg), \
      offsetof(struct scmi_##msg##_a2p, id_field) / 4, (major) }
/* a request whose length the handler checks (at most the a2p's) */
#define VSCMI_CMD_VAR(fn, msg, id_field) \
    { (fn), VSCMI_LEN_VAR + 0 * VSCMI_A2P_LEN(msg), \
      offsetof(struct scmi_##msg##_a2p, id_field) / 4, 0 }

/* The call's snapshot as struct scmi_<msg>_a2p, its answer as _p2a. */
#define vscmi_req(c, msg)   ((const struct scmi_##msg##_a2p *)(c)->req)
#define vscmi_rsp(c, msg)   ((struct scmi_##msg##_p2a *)(c)->rsp)

/* An answer of @p2a's size fits the largest response the mediator builds. */
#define VSCMI_P2A_FITS(p2a) \
    VSCMI_STATIC_ASSERT(sizeof(struct p2a) <= VSCMI_RSP_MAX, #p2a " fits VSCMI_RSP_MAX")

VSCMI_P2A_FITS(scmi_name_p2a);
VSCMI_P2A_FITS(scmi_perf_attributes_p2a);
VSCMI_P2A_FITS(scmi_clock_attributes_p2a);
VSCMI_P2A_FITS(scmi_clock_config_get_p2a);
VSCMI_P2A_FITS(scmi_reset_attributes_p2a);

#endif /* VSCMI_WIRE_H */
