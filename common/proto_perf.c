/* SPDX-License-Identifier: MIT */
/*
 * PERFORMANCE 0x13: every domain id translated guest -> firmware, levels
 * and limits set only through a grant that may set, fast channels and
 * notifications refused (PERF_NOTIFY_*, DESCRIBE_FASTCHANNEL: no entry,
 * so NOT_SUPPORTED).
 */
#include "private.h"
#include "wire.h"

/* PROTOCOL_ATTRIBUTES: num_domains[15:0] flags[31:16], statistics area. */
#define PERF_ATTR_WORDS         4
/* PERFORMANCE_DOMAIN_ATTRIBUTES flags (SCMI v3.2 / Linux perf.c). */
#define PERF_DOM_SET_LIMITS     (1u << 31)
#define PERF_DOM_SET_LEVEL      (1u << 30)
#define PERF_DOM_NOTIFY_LIMITS  (1u << 29)
#define PERF_DOM_NOTIFY_LEVEL   (1u << 28)
#define PERF_DOM_FASTCHANNEL    (1u << 27)
/* PROTOCOL_MESSAGE_ATTRIBUTES bit 0: fast channel available */
#define PERF_MSG_FASTCHANNEL    (1u << 0)
/* DESCRIBE_LEVELS: num_returned[15:0] num_remaining[31:16] */
#define PERF_LEVELS_RET_MASK    0xffffu
#define PERF_LEVELS_REM_SHIFT   16
#define PERF_LEVEL_BYTES        12      /* perf, power, latency */
#define PERF_LEVEL_BYTES_V4     20      /* + indicative freq, level index */
#define PERF_V4                 0x40000u

static void perf_domain_attributes(struct vscmi_call *c)
{
    struct scmi_perf_attributes_p2a *out = vscmi_rsp(c, perf_attributes);
    uint32_t clear = PERF_DOM_NOTIFY_LIMITS | PERF_DOM_NOTIFY_LEVEL |
                     PERF_DOM_FASTCHANNEL;
    uint8_t mode;
    struct vscmi_grant *g = vscmi_forward_id(c, sizeof(*out), &mode);

    if ( !g )
        return;
    if ( !vscmi_may_set(c, g, mode) )
        clear |= PERF_DOM_SET_LIMITS | PERF_DOM_SET_LEVEL;
    out->attributes &= ~clear;
    out->name[SCMI_SHORT_NAME_LEN - 1] = '\0';
    c->rsp_len = sizeof(*out);
}

static void perf_describe_levels(struct vscmi_call *c)
{
    size_t entry = PERF_LEVEL_BYTES;

    if ( !vscmi_forward_list(c) )
        return;
    if ( c->m->version[VSCMI_PROTO_IDX(SCMI_PROTO_PERF)] >= PERF_V4 )
        entry = PERF_LEVEL_BYTES_V4;
    vscmi_clamp_pages(c, 1, PERF_LEVELS_RET_MASK, PERF_LEVELS_REM_SHIFT,
                      2, entry);
}

static void perf_limits_get(struct vscmi_call *c)
{
    vscmi_forward_id_fixed(c, sizeof(struct scmi_perf_limits_get_p2a));
}

static void perf_level_get(struct vscmi_call *c)
{
    vscmi_forward_id_fixed(c, sizeof(struct scmi_u32_p2a));
}

static const struct vscmi_cmd perf_cmds[] = {
    [SCMI_PROTOCOL_VERSION]       = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]    = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    [SCMI_PERF_DOMAIN_ATTRIBUTES] = VSCMI_CMD(perf_domain_attributes, id, id),
    [SCMI_PERF_DESCRIBE_LEVELS]   = VSCMI_CMD(perf_describe_levels, id_index,
                                              id),
    [SCMI_PERF_LIMITS_SET]        = VSCMI_CMD(vscmi_cmd_set, perf_limits_set,
                                              domain_id),
    [SCMI_PERF_LIMITS_GET]        = VSCMI_CMD(perf_limits_get, id, id),
    [SCMI_PERF_LEVEL_SET]         = VSCMI_CMD(vscmi_cmd_set, perf_level_set,
                                              domain_id),
    [SCMI_PERF_LEVEL_GET]         = VSCMI_CMD(perf_level_get, id, id),
    [SCMI_PERF_DOMAIN_NAME_GET]   = VSCMI_CMD_SINCE(3, vscmi_cmd_name_get, id,
                                                    id),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
};

const struct vscmi_protocol vscmi_proto_perf = {
    .id = SCMI_PROTO_PERF,
    .name = "performance domain",
    .has_resources = true,
    .has_owner = true,
    /* {num_domains + power unit bits, statistics low, high, length} */
    .attr_words = PERF_ATTR_WORDS,
    .attr_keep = 0xffff0000u,
    /* fast channels are never offered */
    .msg_attr_keep = ~PERF_MSG_FASTCHANNEL,
    .cmds = perf_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(perf_cmds),
};
