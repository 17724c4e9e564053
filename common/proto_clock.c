/* SPDX-License-Identifier: MIT */
/*
 * CLOCK protocol (0x14): every clock id is translated guest -> firmware in
 * the request and never appears in an answer.  Enable / disable are shared
 * votes; rate sets need a writable grant (owner on a shared clock).
 * Refused: async rate sets, notifications, parents, OEM extended config.
 */
#include "private.h"

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

/* Response sizes in bytes, status included. */
#define CLOCK_ATTR_MIN              (4 + 4 + SCMI_SHORT_NAME_LEN)
#define CLOCK_ATTR_MAX              (CLOCK_ATTR_MIN + 4)    /* + latency */

static bool clock_v3(const struct vscmi_mediator *m)
{
    return (m->version[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)] >> 16) >= 3;
}

static void clock_attributes(struct vscmi_call *c)
{
    uint8_t mode;
    struct vscmi_grant *g;
    uint32_t attr;

    g = vscmi_forward_id(c, CLOCK_ATTR_MIN, &mode);
    if ( !g )
        return;

    attr = c->rsp[1] & ~CLOCK_ATTR_HIDDEN;
    if ( !clock_v3(c->m) )
        attr &= ~CLOCK_ATTR_RESTRICTED;
    else if ( !vscmi_may_control(c, mode) || !vscmi_may_set(c, g, mode) )
        attr |= CLOCK_ATTR_RESTRICTED;      /* ask CLOCK_GET_PERMISSIONS */
    if ( mode == VSCMI_MODE_SHARED )
        attr = (attr & ~CLOCK_ATTR_ENABLED) | (g->held ? CLOCK_ATTR_ENABLED : 0);
    c->rsp[1] = attr;
    c->rsp_len = VSCMI_MIN(c->rsp_len, (size_t)CLOCK_ATTR_MAX);
}

static void clock_describe_rates(struct vscmi_call *c)
{
    uint32_t flags;

    if ( !vscmi_forward_list(c) )
        return;

    flags = c->rsp[1];
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
        c->rsp[1] = CLOCK_RATES_RANGE | 3;
        c->rsp_len = CLOCK_RATES_RANGE_WORDS * 4;
        return;
    }

    /* a discrete list: rates that do not fit move to "remaining" */
    c->rsp[1] = flags & ~CLOCK_RATES_RESERVED;
    vscmi_clamp_pages(c, 1, CLOCK_RATES_RETURNED, CLOCK_RATES_REM_SHIFT, 2, 8);
}

static void clock_rate_set(struct vscmi_call *c)
{
    uint8_t mode;
    uint32_t flags = c->req[0];
    struct vscmi_grant *g = vscmi_resolve(c, c->req[1], &mode);
    uint32_t tx[4];

    if ( !g )
        return;
    if ( flags & SCMI_CLOCK_RATE_SET_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);     /* no delayed responses */
        return;
    }
    if ( flags & ~CLOCK_RATE_FLAGS_VALID )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( !vscmi_may_set(c, g, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }

    tx[0] = flags;
    tx[1] = g->phys;
    tx[2] = c->req[2];
    tx[3] = c->req[3];
    if ( vscmi_forward(c, SCMI_CLOCK_RATE_SET, tx, sizeof(tx), 4) )
        c->rsp_len = 4;
}

static void clock_rate_get(struct vscmi_call *c)
{
    vscmi_forward_id_fixed(c, 12);            /* status, rate low, high */
}

/*
 * Before clock v3.0: {id, attributes bit0 enable}; from v3.0:
 * {id, attributes state[1:0] + OEM type[23:16], OEM value}.
 */
static void clock_config_set(struct vscmi_call *c)
{
    bool v3 = clock_v3(c->m);
    size_t len = v3 ? 12 : 8;
    uint32_t attr = c->req[1], state, tx[3];
    struct vscmi_grant *g;
    uint8_t mode;
    bool on;

    if ( c->req_len != len )
    {
        c->d->cnt.errors++;
        vscmi_reply(c, SCMI_PROTOCOL_ERROR);
        return;
    }
    g = vscmi_resolve(c, c->req[0], &mode);
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

    on = state == CLOCK_STATE_ENABLE;
    tx[0] = g->phys;
    tx[1] = state;
    tx[2] = 0;
    vscmi_vote(c, g, on, SCMI_CLOCK_CONFIG_SET, tx, len);
}

/* Answer {attributes, config, OEM value}: the enable bit is the vote. */
static void clock_config_get(struct vscmi_call *c)
{
    uint8_t mode;
    uint32_t flags = c->req[1], tx[2];
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);

    if ( !g )
        return;
    if ( flags & CLOCK_OEM_GET_MASK )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }
    if ( flags )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }

    tx[0] = g->phys;
    tx[1] = 0;
    if ( !vscmi_forward(c, SCMI_CLOCK_CONFIG_GET, tx, sizeof(tx), 16) )
        return;
    if ( mode == VSCMI_MODE_SHARED )
        c->rsp[2] = (c->rsp[2] & ~CLOCK_ATTR_ENABLED) |
                    (g->held ? CLOCK_ATTR_ENABLED : 0);
    c->rsp[3] = 0;
    c->rsp_len = 16;
}

/*
 * The firmware's permissions (all, if it lacks the command) restricted
 * to what the grant allows; parent control is never offered.
 */
static void clock_get_permissions(struct vscmi_call *c)
{
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);
    uint32_t tx[1], perm = CLOCK_PERM_STATE | CLOCK_PERM_RATE;

    if ( !g )
        return;
    tx[0] = g->phys;
    if ( vscmi_forward(c, SCMI_CLOCK_GET_PERMISSIONS, tx, sizeof(tx), 8) )
        perm &= c->rsp[1];
    else if ( (int32_t)c->rsp[0] != SCMI_NOT_SUPPORTED )
        return;
    if ( c->rsp_max < 8 )
    {
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return;
    }

    if ( !vscmi_may_control(c, mode) )
        perm &= ~CLOCK_PERM_STATE;
    if ( !vscmi_may_set(c, g, mode) )
        perm &= ~CLOCK_PERM_RATE;
    c->rsp[1] = perm;
    vscmi_reply_ok(c, 1);
}

/* Teardown drops an enable: CONFIG_SET disable. */
static size_t clock_vote_off(const struct vscmi_mediator *m, uint32_t phys,
                             uint8_t *msg, uint32_t *tx)
{
    *msg = SCMI_CLOCK_CONFIG_SET;
    tx[0] = phys;
    tx[1] = CLOCK_STATE_DISABLE;
    tx[2] = 0;
    return clock_v3(m) ? 12 : 8;
}

static const struct vscmi_cmd clock_cmds[] = {
    [SCMI_PROTOCOL_VERSION]            = { vscmi_cmd_version, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_ATTRIBUTES]         = { vscmi_cmd_protocol_attributes, 0, VSCMI_NO_ID },
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] = { vscmi_cmd_msg_attributes, 4, VSCMI_NO_ID },
    [SCMI_CLOCK_ATTRIBUTES]            = { clock_attributes, 4, 0 },
    [SCMI_CLOCK_DESCRIBE_RATES]        = { clock_describe_rates, 8, 0 },
    [SCMI_CLOCK_RATE_SET]              = { clock_rate_set, 16, 1 },
    [SCMI_CLOCK_RATE_GET]              = { clock_rate_get, 4, 0 },
    [SCMI_CLOCK_CONFIG_SET]            = { clock_config_set, VSCMI_LEN_VAR, 0 },
    [SCMI_CLOCK_NAME_GET]              = { vscmi_cmd_name_get, 4, 0 },
    [SCMI_CLOCK_CONFIG_GET]            = { clock_config_get, 8, 0 },
    [SCMI_CLOCK_GET_PERMISSIONS]       = { clock_get_permissions, 4, 0 },
    [SCMI_NEGOTIATE_PROTOCOL_VERSION]  = { vscmi_cmd_negotiate, 4, VSCMI_NO_ID },
};

const struct vscmi_protocol vscmi_proto_clock = {
    .id = SCMI_PROTO_CLOCK,
    .name = "clock",
    .has_resources = true,
    /* max pending async rate changes [23:16] -> 0: no async for guests */
    .attr_words = 1,
    .attr_keep = 0,
    /* no message attribute bits are defined for CLOCK in v3.2 */
    .msg_attr_keep = 0,
    .cmds = clock_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(clock_cmds),
    .vote_off = clock_vote_off,
};
