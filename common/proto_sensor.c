/* SPDX-License-Identifier: MIT */
/*
 * SENSOR 0x15: sensors are read-mostly, so reads go through any grant and
 * only configuration (CONFIG_SET, TRIP_POINT_CONFIG) needs one that may
 * set.  Asynchronous reads and notifications are refused: the guest has no
 * notification channel.  SENSOR_DESCRIPTION_GET is emulated, since its
 * descriptors carry sensor ids and the domain sees a subset of the sensors.
 */
#include "private.h"
#include "wire.h"

/* PROTOCOL_ATTRIBUTES: num_sensors[15:0] max_pending_async[23:16] */
#define SENS_ATTR_WORDS                 4
#define SENS_ATTR_COUNT_MASK            0xffffu
#define SENS_ATTR_RESERVED_MASK         0xff000000u

/* DESCRIPTION_GET: returned[11:0] remaining[31:16] */
#define SENS_DESC_RET_MASK              0xfffu
#define SENS_DESC_REM_SHIFT             16
#define SENS_DESC_REM_MAX               0xffffu
/* Descriptor (Linux struct scmi_sensor_descriptor): struct scmi_sensor_desc,
 * then the v3 extended attributes. */
#define SENS_DESC_BASE_BYTES            sizeof(struct scmi_sensor_desc)
#define SENS_DESC_POWER_BYTES           4
#define SENS_DESC_SCALAR_BYTES          20  /* resolution, min/max range */
#define SENS_LOW_ASYNC_READ             (1u << 31)
#define SENS_LOW_UPDATE_NOTIFY          (1u << 30)
#define SENS_LOW_EXT_ATTRS              (1u << 8)
#define SENS_HIGH_AXIS                  (1u << 8)
#define SENS_HIGH_AXIS_NR(h)            (((h) >> 16) & 0x3fu)
#define SENS_V3                         0x30000u

/* AXIS_DESCRIPTION_GET / AXIS_NAME_GET: returned[5:0] remaining[31:26] */
#define SENS_AXIS_RET_MASK              0x3fu
#define SENS_AXIS_REM_SHIFT             26
#define SENS_AXIS_BASE_BYTES            sizeof(struct scmi_sensor_desc)
#define SENS_AXIS_EXT_BYTES             20  /* resolution, min/max range */
#define SENS_AXIS_NAME_BYTES            sizeof(struct scmi_sensor_axis_name)

/* LIST_UPDATE_INTERVALS: returned[11:0] segmented[12] remaining[31:16] */
#define SENS_INTVL_RET_MASK             0xfffu
#define SENS_INTVL_SEGMENTED            (1u << 12)
#define SENS_INTVL_REM_SHIFT            16

/* SENSOR_READING_GET from v3.0: {value low, high, timestamp low, high} */
#define SENS_READING_V3_BYTES           16

static bool sensor_v3(const struct vscmi_call *c)
{
    return c->m->version[VSCMI_PROTO_IDX(SCMI_PROTO_SENSOR)] >= SENS_V3;
}

/* Size of a firmware sensor descriptor, as Linux parses it. */
static size_t sensor_desc_bytes(const struct vscmi_call *c, uint32_t low,
                                uint32_t high)
{
    size_t n = SENS_DESC_BASE_BYTES;

    if ( !sensor_v3(c) || !(low & SENS_LOW_EXT_ATTRS) )
        return n;
    n += SENS_DESC_POWER_BYTES;
    if ( !(high & SENS_HIGH_AXIS) || !SENS_HIGH_AXIS_NR(high) )
        n += SENS_DESC_SCALAR_BYTES;
    return n;
}

enum fetch { FETCH_OK, FETCH_FULL, FETCH_ERROR };

/*
 * Fetch the descriptor of sensor @id (its id on c->fw) into word @pos of
 * the answer being built, as guest sensor @virt.  The firmware's answer is
 * received in place: its status and count words land on the two words
 * before @pos, which are saved and restored, so the descriptor needs no
 * move.
 */
static enum fetch sensor_desc_fetch(struct vscmi_call *c, uint32_t virt,
                                    uint32_t id, size_t *pos)
{
    uint32_t *base = c->rsp;
    struct scmi_sensor_desc *desc = (struct scmi_sensor_desc *)&base[*pos];
    size_t max = c->rsp_max;
    size_t at = *pos, len, bytes;
    struct scmi_sensor_description_get_a2p tx = { .desc_index = id };
    uint32_t saved[2], status, num;
    bool ok;

    if ( 4 * at + SENS_DESC_BASE_BYTES > max )
        return FETCH_FULL;

    saved[0] = base[at - 2];
    saved[1] = base[at - 1];
    c->rsp = base + at - 2;
    c->rsp_max = max - 4 * (at - 2);
    ok = vscmi_forward(c, SCMI_SENSOR_DESCRIPTION_GET, &tx, sizeof(tx),
                       sizeof(struct scmi_list_p2a) + SENS_DESC_BASE_BYTES);
    len = c->rsp_len;
    c->rsp = base;
    c->rsp_max = max;
    status = base[at - 2];
    num = base[at - 1];
    base[at - 2] = saved[0];
    base[at - 1] = saved[1];

    if ( !ok )
    {
        vscmi_reply(c, (int32_t)status);
        return FETCH_ERROR;
    }
    if ( !(num & SENS_DESC_RET_MASK) || desc->id != id )
    {
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return FETCH_ERROR;
    }
    bytes = sensor_desc_bytes(c, desc->attributes_low, desc->attributes_high);
    if ( 4 * at + bytes > max )
        return FETCH_FULL;          /* fits on the guest's next page */
    if ( len < sizeof(struct scmi_list_p2a) + bytes )
    {
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return FETCH_ERROR;
    }

    desc->id = virt;
    desc->attributes_low &= ~(SENS_LOW_ASYNC_READ | SENS_LOW_UPDATE_NOTIFY);
    desc->name[SCMI_SHORT_NAME_LEN - 1] = '\0';
    *pos = at + bytes / 4;
    return FETCH_OK;
}

/*
 * Guest index i names the i-th sensor the domain sees.  Every granted
 * sensor is fetched from firmware by its own id and renamed to the guest
 * id; as many as fit in the guest's channel are returned.
 */
static void sensor_description_get(struct vscmi_call *c)
{
    uint32_t index = vscmi_req(c, sensor_description_get)->desc_index;
    uint32_t count = vscmi_view_count(c);
    uint32_t virt, seen = 0, returned = 0, remaining = 0;
    size_t pos = 2;
    bool full = false;
    struct vscmi_grant *g;
    uint8_t mode;

    for ( virt = 0; virt < count; virt++ )
    {
        g = vscmi_lookup(c, virt, &mode);
        if ( !g || seen++ < index )
            continue;
        if ( !full )
        {
            switch ( sensor_desc_fetch(c, virt, vscmi_route(c, g), &pos) )
            {
            case FETCH_OK:
                returned++;
                continue;
            case FETCH_FULL:
                full = true;
                break;
            case FETCH_ERROR:
                return;
            }
        }
        remaining++;
    }

    if ( index && index >= seen )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    vscmi_rsp(c, list)->count =
        returned |
        (VSCMI_MIN(remaining, SENS_DESC_REM_MAX) << SENS_DESC_REM_SHIFT);
    vscmi_reply_ok(c, pos - 1);
}

static void sensor_reading_get(struct vscmi_call *c)
{
    struct scmi_sensor_reading_get_a2p tx = *vscmi_req(c, sensor_reading_get);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.sensor_id, &mode);

    if ( !g )
        return;
    if ( tx.flags & ~SCMI_SENSOR_READ_ASYNC )
    {
        vscmi_reply(c, SCMI_INVALID_PARAMETERS);
        return;
    }
    if ( tx.flags & SCMI_SENSOR_READ_ASYNC )
    {
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
        return;
    }
    tx.sensor_id = vscmi_route(c, g);
    tx.flags = 0;
    /* v2: one 64-bit value; v3: 16 bytes (value, timestamp) per axis */
    if ( vscmi_forward(c, c->msg, &tx, sizeof(tx),
                       sizeof(struct scmi_u64_p2a)) )
    {
        size_t entry = sensor_v3(c) ? SENS_READING_V3_BYTES : 8;

        c->rsp_len = 4 + (c->rsp_len - 4) / entry * entry;
        if ( c->rsp_len == 4 )
            vscmi_reply(c, SCMI_GENERIC_ERROR);   /* not one whole reading */
    }
}

/*
 * Rewrite the axis count word: @kept of the @nr returned entries stay, the
 * others move to "remaining", within its 6-bit field.
 */
static void sensor_axis_count(struct vscmi_call *c, uint32_t nr,
                              uint32_t kept, uint32_t rem)
{
    rem = VSCMI_MIN(rem + (nr - kept), SENS_AXIS_RET_MASK);
    vscmi_rsp(c, list)->count = kept | (rem << SENS_AXIS_REM_SHIFT);
}

/*
 * Keep the whole variable-size axis descriptors that arrived; the others
 * move to "remaining".
 */
static void sensor_axis_description_get(struct vscmi_call *c)
{
    struct scmi_list_p2a *out = vscmi_rsp(c, list);
    uint32_t nr, rem, kept = 0, i;
    size_t off = sizeof(*out), bytes;

    if ( !vscmi_forward_list(c) )
        return;

    nr = out->count & SENS_AXIS_RET_MASK;
    rem = out->count >> SENS_AXIS_REM_SHIFT;
    for ( i = 0; i < nr; i++ )
    {
        struct scmi_sensor_desc *axis = (void *)((char *)c->rsp + off);

        if ( off + SENS_AXIS_BASE_BYTES > c->rsp_len )
            break;
        bytes = SENS_AXIS_BASE_BYTES;
        if ( axis->attributes_low & SENS_LOW_EXT_ATTRS )
            bytes += SENS_AXIS_EXT_BYTES;
        if ( off + bytes > c->rsp_len )
            break;
        axis->name[SCMI_SHORT_NAME_LEN - 1] = '\0';
        off += bytes;
        kept++;
    }
    sensor_axis_count(c, nr, kept, rem);
    c->rsp_len = off;
}

static void sensor_list_update_intervals(struct vscmi_call *c)
{
    if ( !vscmi_forward_list(c) )
        return;
    vscmi_clamp_list(c, SENS_INTVL_RET_MASK, SENS_INTVL_SEGMENTED,
                     SENS_INTVL_REM_SHIFT, 4);
}

static void sensor_config_get(struct vscmi_call *c)
{
    vscmi_forward_id_fixed(c, sizeof(struct scmi_u32_p2a));
}

static void sensor_axis_name_get(struct vscmi_call *c)
{
    size_t off;

    if ( !vscmi_forward_list(c) )
        return;
    vscmi_clamp_pages(c, 1, SENS_AXIS_RET_MASK, SENS_AXIS_REM_SHIFT, 2,
                      SENS_AXIS_NAME_BYTES);
    for ( off = sizeof(struct scmi_list_p2a); off < c->rsp_len;
          off += SENS_AXIS_NAME_BYTES )
    {
        struct scmi_sensor_axis_name *axis = (void *)((char *)c->rsp + off);

        axis->name[SCMI_EXT_NAME_LEN - 1] = '\0';
    }
}

static const struct vscmi_cmd sensor_cmds[] = {
    [SCMI_PROTOCOL_VERSION]        = VSCMI_CMD_VOID(vscmi_cmd_version),
    [SCMI_PROTOCOL_ATTRIBUTES]     = VSCMI_CMD_VOID(vscmi_cmd_proto_attrs),
    [SCMI_PROTOCOL_MESSAGE_ATTRIBUTES] =
        VSCMI_CMD_NO_ID(vscmi_cmd_msg_attrs, msg_id),
    /* forwarded one sensor at a time: the index is the firmware id */
    [SCMI_SENSOR_DESCRIPTION_GET]  = VSCMI_CMD(sensor_description_get,
                                               sensor_description_get,
                                               desc_index),
    [SCMI_SENSOR_TRIP_POINT_CONFIG] = VSCMI_CMD(vscmi_cmd_set,
                                                sensor_trip_point_config,
                                                sensor_id),
    [SCMI_SENSOR_READING_GET]      = VSCMI_CMD(sensor_reading_get,
                                               sensor_reading_get, sensor_id),
    [SCMI_SENSOR_AXIS_DESCRIPTION_GET] =
        VSCMI_CMD_SINCE(2, sensor_axis_description_get, id_index, id),
    [SCMI_SENSOR_LIST_UPDATE_INTERVALS] =
        VSCMI_CMD_SINCE(2, sensor_list_update_intervals, id_index, id),
    [SCMI_SENSOR_CONFIG_GET]       = VSCMI_CMD_SINCE(2, sensor_config_get, id,
                                                     id),
    [SCMI_SENSOR_CONFIG_SET]       = VSCMI_CMD_SINCE(2, vscmi_cmd_set,
                                                     sensor_config_set,
                                                     sensor_id),
    [SCMI_SENSOR_NAME_GET]         = VSCMI_CMD_SINCE(3, vscmi_cmd_name_get, id,
                                                     id),
    [SCMI_SENSOR_AXIS_NAME_GET]    = VSCMI_CMD_SINCE(3, sensor_axis_name_get,
                                                     id_index, id),
    [SCMI_NEGOTIATE_PROTOCOL_VERSION] =
        VSCMI_CMD_NO_ID(vscmi_cmd_negotiate, version),
};

const struct vscmi_protocol vscmi_proto_sensor = {
    .id = SCMI_PROTO_SENSOR,
    .name = "sensor",
    .has_resources = true,
    .has_owner = true,
    /*
     * {num_sensors, max pending async reads [23:16], reserved; register
     * area low, high, length}: no asynchronous reads, no register area
     */
    .attr_words = SENS_ATTR_WORDS,
    .attr_keep = SENS_ATTR_RESERVED_MASK,
    .msg_attr_keep = ~0u,
    .cmds = sensor_cmds,
    .nr_cmds = VSCMI_ARRAY_SIZE(sensor_cmds),
};
