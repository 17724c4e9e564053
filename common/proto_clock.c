/* SPDX-License-Identifier: MIT */
/*
 * CLOCK protocol (0x14): every clock id is translated guest -> firmware in
 * the request and never appears in an answer.  Enable / disable are shared
 * votes; rate sets need a writable grant (owner on a shared clock).
 * Refused: async rate sets, notifications, parents, OEM extended config.
 */
#include "private.h"
#include "wire.h"

#define CLOCK_ATTR_NOTIFY_RATE      (1u << 31)
#define CLOCK_ATTR_NOTIFY_REQ       (1u << 30)
#define CLOCK_ATTR_PARENT           (1u << 28)
#define CLOCK_ATTR_EXT_CONFIG       (1u << 27)
#define CLOCK_ATTR_RESTRICTED       (1u << 1)
#define CLOCK_ATTR_ENABLED          (1u << 0)
#define CLOCK_ATTR_HIDDEN           (CLOCK_ATTR_NOTIFY_RATE | \
                                     CLOCK_ATTR_NOTIFY_REQ | \
                                     CLOCK_ATTR_PARENT | CLOCK_ATTR_EXT_CONFIG)

#define CLOCK_PERM_STATE            (1u << 31)
#define CLOCK_PERM_PARENT           (1u << 30)
#define CLOCK_PERM_RATE             (1u << 29)

/* CLOCK_RATE_SET flags: async, ignore delayed response, round up / auto */
#define CLOCK_RATE_FLAGS_VALID      0xfu

/* CLOCK_DESCRIBE_RATES num_rates_flags */
#define CLOCK_RATES_RETURNED        0xfffu
#define CLOCK_RATES_RANGE           (1u << 12)
#define CLOCK_RATES_REM_SHIFT       16
#define CLOCK_RATES_RESERVED        0x0000e000u
#define CLOCK_RATES_RANGE_WORDS     (2 + 3 * 2)

/* CLOCK_CONFIG_SET / GET from clock v3.0: state[1:0], OEM type */
#define CLOCK_STATE_MASK            0x3u
#define CLOCK_STATE_DISABLE         0u
#define CLOCK_STATE_ENABLE          1u
#define CLOCK_OEM_SET_MASK          0x00ff0000u
#define CLOCK_OEM_GET_MASK          0x000000ffu

/* CLOCK_ATTRIBUTES answers: before v3.0 without the enable latency */
#define CLOCK_ATTR_MIN \
    offsetof(struct scmi_clock_attributes_p2a, enable_latency)

static bool clock_v3(const struct vscmi_mediator *m)
{
    return (m->version[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)] >> 16) >= 3;
}

static void clock_attributes(struct vscmi_call *c)
{
    struct scmi_clock_attributes_p2a *out = vscmi_rsp(c, clock_attributes);
    uint8_t mode;
    struct vscmi_grant *g;
    uint32_t attr;

    g = vscmi_forward_id(c, CLOCK_ATTR_MIN, &mode);
    if ( !g )
        return;

    attr = out->attributes & ~CLOCK_ATTR_HIDDEN;
    if ( !clock_v3(c->m) )
        attr &= ~CLOCK_ATTR_RESTRICTED;
    else if ( !vscmi_may_control(c, mode) || !vscmi_may_set(c, g, mode) )
        attr |= CLOCK_ATTR_RESTRICTED;      /* ask CLOCK_GET_PERMISSIONS */
    if ( mode == VSCMI_MODE_SHARED )
        attr = (attr & ~CLOCK_ATTR_ENABLED) |
               (g->held ? CLOCK_ATTR_ENABLED : 0);
    out->attributes = attr;
    c->rsp_len = VSCMI_MIN(c->rsp_len, sizeof(*out));
}

static void clock_describe_rates(struct vscmi_call *c)
{
    struct scmi_list_p2a *out = vscmi_rsp(c, list);
    uint32_t flags;

    if ( !vscmi_forward_list(c) )
        return;

    flags = out->count;
    if ( flags & CLOCK_RATES_RANGE )
    {
        /*
         * min, max, step: one triplet, never split across pages (a count
         * other than 3 is a known firmware quirk: the payload decides).
         */
        if ( c->rsp_len < CLOCK_RATES_RANGE_WORDS * 4 )
        {
            vscmi_reply(c, SCMI_GENERIC_ERROR);
            return;
        }
        out->count = CLOCK_RATES_RANGE | 3;
        c->rsp_len = CLOCK_RATES_RANGE_WORDS * 4;
        return;
    }

    /* a discrete list: rates that do not fit move to "remaining" */
    out->count = flags & ~CLOCK_RATES_RESERVED;
    vscmi_clamp_pages(c, 1, CLOCK_RATES_RETURNED, CLOCK_RATES_REM_SHIFT, 2, 8);
}

static void clock_rate_set(struct vscmi_call *c)
{
    struct scmi_clock_rate_set_a2p tx = *vscmi_req(c, clock_rate_set);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.clock_id, &mode);

    if ( !g )
        return;
    if ( tx.flags & ~CLOCK_RATE_FLAGS_VALID )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( tx.flags & SCMI_CLOCK_RATE_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* no delayed responses */
        return;
    }
    if ( !vscmi_may_set(c, g, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    tx.clock_id = vscmi_route(c, g);
    vscmi_forward_fixed(c, &tx, sizeof(tx), sizeof(struct scmi_status_p2a));
}

static void clock_rate_get(struct vscmi_call *c)
{
    vscmi_forward_id_fixed(c, sizeof(struct scmi_u64_p2a));
}

/*
 * Before clock v3.0: {id, attributes bit0 enable}; from v3.0:
 * {id, attributes state[1:0] + OEM type[23:16], OEM value}.
 */
static void clock_config_set(struct vscmi_call *c)
{
    const struct scmi_clock_config_set_a2p *in =
        vscmi_req(c, clock_config_set);
    struct scmi_clock_config_set_a2p tx = { 0 };
    bool v3 = clock_v3(c->m);
    size_t len = v3 ? sizeof(tx) : offsetof(struct scmi_clock_config_set_a2p,
                                            oem_config_val);
    uint32_t attr = in->attributes, state;
    struct vscmi_grant *g;
    uint8_t mode;

    if ( c->req_len != len )
    {
        c->d->cnt.errors++;
        vscmi_reply(c, SCMI_PROTOCOL_ERROR);
        return;
    }
    g = vscmi_resolve(c, in->clock_id, &mode);
    if ( !g )
        return;
    if ( v3 && (attr & CLOCK_OEM_SET_MASK) )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* extended config hidden */
        return;
    }
    state = attr & CLOCK_STATE_MASK;
    if ( attr != state || state > CLOCK_STATE_ENABLE )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( !vscmi_may_control(c, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    tx.clock_id = vscmi_route(c, g);
    tx.attributes = state;
    vscmi_vote(c, g, state == CLOCK_STATE_ENABLE, SCMI_CLOCK_CONFIG_SET,
               &tx, len);
}

/* Answer {attributes, config, OEM value}: the enable bit is the vote. */
static void clock_config_get(struct vscmi_call *c)
{
    struct scmi_clock_config_get_a2p tx = *vscmi_req(c, clock_config_get);
    struct scmi_clock_config_get_p2a *out = vscmi_rsp(c, clock_config_get);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.clock_id, &mode);

    if ( !g )
        return;
    if ( tx.flags & CLOCK_OEM_GET_MASK )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }
    if ( tx.flags )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }

    tx.clock_id = vscmi_route(c, g);
    if ( !vscmi_forward(c, SCMI_CLOCK_CONFIG_GET, &tx, sizeof(tx),
                        sizeof(*out)) )
        return;
    if ( mode == VSCMI_MODE_SHARED )
        out->config = (out->config & ~CLOCK_ATTR_ENABLED) |
                      (g->held ? CLOCK_ATTR_ENABLED : 0);
    out->oem_config_val = 0;
    c->rsp_len = sizeof(*out);
}

/*
 * The firmware's permissions (all, if it lacks the command) restricted
 * to what the grant allows; parent control is never offered.
 */
static void clock_get_permissions(struct vscmi_call *c)
{
    struct scmi_u32_p2a *out = vscmi_rsp(c, u32);
    struct scmi_id_a2p tx = *vscmi_req(c, id);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.id, &mode);
    uint32_t perm = CLOCK_PERM_STATE | CLOCK_PERM_RATE;

    if ( !g )
        return;
    tx.id = vscmi_route(c, g);
    if ( vscmi_forward(c, SCMI_CLOCK_GET_PERMISSIONS, &tx, sizeof(tx),
                       sizeof(*out)) )
        perm &= out->value;
    else if ( out->status != SCMI_NOT_SUPPORTED )
        return;
    if ( c->rsp_max < sizeof(*out) )
    {
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return;
    }

    if ( !vscmi_may_control(c, mode) )
        perm &= ~CLOCK_PERM_STATE;
    if ( !vscmi_may_set(c, g, mode) )
        perm &= ~CLOCK_PERM_RATE;
    out->value = perm;
    vscmi_reply_ok(c, 1);
}

/* Teardown drops an enable: CONFIG_SET disable. */
static size_t clock_vote_off(const struct vscmi_mediator *m, uint32_t id,
                             uint8_t *msg, uint32_t *tx)
{
    struct scmi_clock_config_set_a2p off = {
        .clock_id = id, .attributes = CLOCK_STATE_DISABLE,
    };

    *msg = SCMI_CLOCK_CONFIG_SET;
    vscmi_memcpy(tx, &off, sizeof(off));
    if ( clock_v3(m) )
        return sizeof(off);
    return offsetof(struct scmi_clock_config_set_a2p, oem_config_val);
}

static const struct vscmi_cmd clock_cmds[] = {
    [SCMI_PROTOCOL_VERSION]      = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]   = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    [SCMI_CLOCK_ATTRIBUTES]      = VSCMI_CMD(clock_attributes, id, id),
    [SCMI_CLOCK_DESCRIBE_RATES]  = VSCMI_CMD(clock_describe_rates, id_index,
                                             id),
    [SCMI_CLOCK_RATE_SET]        = VSCMI_CMD(clock_rate_set, clock_rate_set,
                                             clock_id),
    [SCMI_CLOCK_RATE_GET]        = VSCMI_CMD(clock_rate_get, id, id),
    /* 8 or 12 bytes, by the firmware's version: checked by the handler */
    [SCMI_CLOCK_CONFIG_SET]      = VSCMI_CMD_VAR(clock_config_set,
                                                 clock_config_set, clock_id),
    [SCMI_CLOCK_NAME_GET]        = VSCMI_CMD_SINCE(2, vscmi_cmd_name_get, id,
                                                   id),
    /*
     * From clock v3.0, but not gated: the test firmware serves them while
     * it reports v2.0, and a v2.0 firmware answers them NOT_SUPPORTED.
     */
    [SCMI_CLOCK_CONFIG_GET]      = VSCMI_CMD(clock_config_get, clock_config_get,
                                             clock_id),
    [SCMI_CLOCK_GET_PERMISSIONS] = VSCMI_CMD(clock_get_permissions, id, id),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
};

const struct vscmi_protocol vscmi_proto_clock = {
    .id = SCMI_PROTO_CLOCK,
    .name = "clock",
    .has_resources = true,
    .has_owner = true,
    /* max pending async rate changes [23:16] -> 0: no async for guests */
    .attr_words = 1,
    .attr_keep = 0,
    /* no message attribute bits are defined for CLOCK in v3.2 */
    .msg_attr_keep = 0,
    .cmds = clock_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(clock_cmds),
    .vote_off = clock_vote_off,
};
