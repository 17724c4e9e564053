/* SPDX-License-Identifier: MIT */
/*
 * SCMI v3.2 (DEN0056E) protocol constants used by the mediator, the
 * simulated firmware and the test agents.
 */
#ifndef VSCMI_SCMI_H
#define VSCMI_SCMI_H

#include "os.h"

/* Message header: token[27:18] protocol[17:10] type[9:8] message[7:0]. */
#define SCMI_HDR_MSG_MASK       0xffu
#define SCMI_HDR_TYPE_SHIFT     8
#define SCMI_HDR_TYPE_MASK      0x3u
#define SCMI_HDR_PROTO_SHIFT    10
#define SCMI_HDR_PROTO_MASK     0xffu
#define SCMI_HDR_TOKEN_SHIFT    18
#define SCMI_HDR_TOKEN_MASK     0x3ffu
#define SCMI_HDR_RESERVED_MASK  0xf0000000u

#define SCMI_MSG_TYPE_COMMAND   0
#define SCMI_MSG_TYPE_DELAYED   2
#define SCMI_MSG_TYPE_NOTIF     3

static inline uint32_t scmi_hdr(uint8_t proto, uint8_t msg, uint16_t token)
{
    return ((uint32_t)(token & SCMI_HDR_TOKEN_MASK) << SCMI_HDR_TOKEN_SHIFT) |
           ((uint32_t)proto << SCMI_HDR_PROTO_SHIFT) | msg;
}
static inline uint8_t scmi_hdr_msg(uint32_t h)  { return h & SCMI_HDR_MSG_MASK; }
static inline uint8_t scmi_hdr_type(uint32_t h)
{ return (h >> SCMI_HDR_TYPE_SHIFT) & SCMI_HDR_TYPE_MASK; }
static inline uint8_t scmi_hdr_proto(uint32_t h)
{ return (h >> SCMI_HDR_PROTO_SHIFT) & SCMI_HDR_PROTO_MASK; }
static inline uint16_t scmi_hdr_token(uint32_t h)
{ return (h >> SCMI_HDR_TOKEN_SHIFT) & SCMI_HDR_TOKEN_MASK; }

/* Status codes. */
#define SCMI_SUCCESS             0
#define SCMI_NOT_SUPPORTED      -1
#define SCMI_INVALID_PARAMETERS -2
#define SCMI_DENIED             -3
#define SCMI_NOT_FOUND          -4
#define SCMI_OUT_OF_RANGE       -5
#define SCMI_BUSY               -6
#define SCMI_COMMS_ERROR        -7
#define SCMI_GENERIC_ERROR      -8
#define SCMI_HARDWARE_ERROR     -9
#define SCMI_PROTOCOL_ERROR     -10
#define SCMI_IN_USE             -11

/* Protocols. */
#define SCMI_PROTO_BASE         0x10
#define SCMI_PROTO_POWER        0x11
#define SCMI_PROTO_SYSTEM       0x12
#define SCMI_PROTO_PERF         0x13
#define SCMI_PROTO_CLOCK        0x14
#define SCMI_PROTO_SENSOR       0x15
#define SCMI_PROTO_RESET        0x16
#define SCMI_PROTO_VOLTAGE      0x17

/* PROTOCOL_ATTRIBUTES word 1 of every protocol with resources: their count */
#define SCMI_ATTR_COUNT_MASK    0xffffu

/* Messages every protocol has. */
#define SCMI_PROTOCOL_VERSION              0x0
#define SCMI_PROTOCOL_ATTRIBUTES           0x1
#define SCMI_PROTOCOL_MESSAGE_ATTRIBUTES   0x2
#define SCMI_NEGOTIATE_PROTOCOL_VERSION    0x10

/* BASE */
#define SCMI_BASE_DISCOVER_VENDOR                  0x3
#define SCMI_BASE_DISCOVER_SUB_VENDOR              0x4
#define SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION  0x5
#define SCMI_BASE_DISCOVER_LIST_PROTOCOLS          0x6
#define SCMI_BASE_DISCOVER_AGENT                   0x7
#define SCMI_BASE_NOTIFY_ERRORS                    0x8
#define SCMI_BASE_SET_DEVICE_PERMISSIONS           0x9
#define SCMI_BASE_SET_PROTOCOL_PERMISSIONS         0xa
#define SCMI_BASE_RESET_AGENT_CONFIGURATION        0xb

/* POWER_DOMAIN */
#define SCMI_POWER_DOMAIN_ATTRIBUTES               0x3
#define SCMI_POWER_STATE_SET                       0x4
#define SCMI_POWER_STATE_GET                       0x5
#define SCMI_POWER_STATE_NOTIFY                    0x6
#define SCMI_POWER_STATE_CHANGE_REQUESTED_NOTIFY   0x7
#define SCMI_POWER_DOMAIN_NAME_GET                 0x8
#define SCMI_POWER_STATE_ON                        0x00000000u
#define SCMI_POWER_STATE_OFF                       0x40000000u
#define SCMI_POWER_SET_ASYNC                       (1u << 0)

/* SYSTEM_POWER */
#define SCMI_SYSTEM_POWER_STATE_SET                0x3
#define SCMI_SYSTEM_POWER_STATE_GET                0x4
#define SCMI_SYSTEM_POWER_STATE_NOTIFY             0x5

/* PERFORMANCE */
#define SCMI_PERF_DOMAIN_ATTRIBUTES                0x3
#define SCMI_PERF_DESCRIBE_LEVELS                  0x4
#define SCMI_PERF_LIMITS_SET                       0x5
#define SCMI_PERF_LIMITS_GET                       0x6
#define SCMI_PERF_LEVEL_SET                        0x7
#define SCMI_PERF_LEVEL_GET                        0x8
#define SCMI_PERF_NOTIFY_LIMITS                    0x9
#define SCMI_PERF_NOTIFY_LEVEL                     0xa
#define SCMI_PERF_DESCRIBE_FASTCHANNEL             0xb
#define SCMI_PERF_DOMAIN_NAME_GET                  0xc

/* CLOCK */
#define SCMI_CLOCK_ATTRIBUTES                      0x3
#define SCMI_CLOCK_DESCRIBE_RATES                  0x4
#define SCMI_CLOCK_RATE_SET                        0x5
#define SCMI_CLOCK_RATE_GET                        0x6
#define SCMI_CLOCK_CONFIG_SET                      0x7
#define SCMI_CLOCK_NAME_GET                        0x8
#define SCMI_CLOCK_RATE_NOTIFY                     0x9
#define SCMI_CLOCK_RATE_CHANGE_REQUESTED_NOTIFY    0xa
#define SCMI_CLOCK_CONFIG_GET                      0xb
#define SCMI_CLOCK_POSSIBLE_PARENTS_GET            0xc
#define SCMI_CLOCK_PARENT_SET                      0xd
#define SCMI_CLOCK_PARENT_GET                      0xe
#define SCMI_CLOCK_GET_PERMISSIONS                 0xf
#define SCMI_CLOCK_CONFIG_ENABLE                   (1u << 0)
#define SCMI_CLOCK_RATE_SET_ASYNC                  (1u << 0)

/* SENSOR */
#define SCMI_SENSOR_DESCRIPTION_GET                0x3
#define SCMI_SENSOR_TRIP_POINT_NOTIFY              0x4
#define SCMI_SENSOR_TRIP_POINT_CONFIG              0x5
#define SCMI_SENSOR_READING_GET                    0x6
#define SCMI_SENSOR_AXIS_DESCRIPTION_GET           0x7
#define SCMI_SENSOR_LIST_UPDATE_INTERVALS          0x8
#define SCMI_SENSOR_CONFIG_GET                     0x9
#define SCMI_SENSOR_CONFIG_SET                     0xa
#define SCMI_SENSOR_CONTINUOUS_UPDATE_NOTIFY       0xb
#define SCMI_SENSOR_NAME_GET                       0xc
#define SCMI_SENSOR_AXIS_NAME_GET                  0xd
#define SCMI_SENSOR_READ_ASYNC                     (1u << 0)

/* RESET_DOMAIN */
#define SCMI_RESET_DOMAIN_ATTRIBUTES               0x3
#define SCMI_RESET                                 0x4
#define SCMI_RESET_NOTIFY                          0x5
#define SCMI_RESET_DOMAIN_NAME_GET                 0x6
#define SCMI_RESET_ASYNC                           (1u << 2)

/* VOLTAGE */
#define SCMI_VOLTAGE_DOMAIN_ATTRIBUTES             0x3
#define SCMI_VOLTAGE_DESCRIBE_LEVELS               0x4
#define SCMI_VOLTAGE_CONFIG_SET                    0x5
#define SCMI_VOLTAGE_CONFIG_GET                    0x6
#define SCMI_VOLTAGE_LEVEL_SET                     0x7
#define SCMI_VOLTAGE_LEVEL_GET                     0x8
#define SCMI_VOLTAGE_DOMAIN_NAME_GET               0x9

#define SCMI_SHORT_NAME_LEN     16
#define SCMI_EXT_NAME_LEN       64

#endif /* VSCMI_SCMI_H */
