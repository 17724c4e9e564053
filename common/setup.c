/* SPDX-License-Identifier: MIT */
/*
 * Mediator set-up: discover what the firmware provides, once, so that the
 * call path serves versions, vendor strings and counts from memory.
 */
#include "private.h"

/* Bound on protocols listed by DISCOVER_LIST_PROTOCOLS: ids are 8 bits. */
#define VSCMI_MAX_PROTOCOLS 256

int vscmi_fw_query(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                   uint8_t proto, uint8_t msg, const uint32_t *tx,
                   size_t tx_len, uint32_t *rx, size_t min_len)
{
    size_t len;
    int rc;

    vscmi_lock(&m->lock);
    rc = vscmi_fw_xfer(m, NULL, fw, proto, msg, tx, tx_len, rx, VSCMI_RSP_MAX,
                       &len);
    vscmi_unlock(&m->lock);
    if ( rc )
        return rc;
    return len >= min_len && (int32_t)rx[0] == SCMI_SUCCESS ? VSCMI_OK
                                                            : VSCMI_EIO;
}

/* A query of the mediator's set-up: true on SUCCESS with @min_len bytes. */
static bool query(struct vscmi_mediator *m, uint8_t proto, uint8_t msg,
                  uint32_t *rx, size_t min_len)
{
    return !vscmi_fw_query(m, m->fw, proto, msg, NULL, 0, rx, min_len);
}

static void copy_name(char *dst, const uint32_t *src)
{
    vscmi_memcpy(dst, src, SCMI_SHORT_NAME_LEN);
    dst[SCMI_SHORT_NAME_LEN - 1] = '\0';
}

static int discover_base(struct vscmi_mediator *m, struct vscmi_error *err)
{
    uint32_t rx[VSCMI_RSP_MAX / 4];
    uint32_t nr_protocols, skip = 0;

    if ( !query(m, SCMI_PROTO_BASE, SCMI_PROTOCOL_VERSION, rx, 8) )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "firmware: no answer to BASE PROTOCOL_VERSION");
        return VSCMI_EIO;
    }
    m->version[VSCMI_PROTO_IDX(SCMI_PROTO_BASE)] = rx[1];
    m->fw_protocols = VSCMI_PROTO_BIT(SCMI_PROTO_BASE);

    if ( !query(m, SCMI_PROTO_BASE, SCMI_PROTOCOL_ATTRIBUTES, rx, 8) )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "firmware: BASE PROTOCOL_ATTRIBUTES failed");
        return VSCMI_EIO;
    }
    nr_protocols = rx[1] & 0xff;       /* num_protocols[7:0] */

    if ( query(m, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_VENDOR, rx,
               4 + SCMI_SHORT_NAME_LEN) )
        copy_name(m->vendor, &rx[1]);
    if ( query(m, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_SUB_VENDOR, rx,
               4 + SCMI_SHORT_NAME_LEN) )
        copy_name(m->sub_vendor, &rx[1]);
    if ( query(m, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_IMPLEMENTATION_VERSION,
               rx, 8) )
        m->impl_version = rx[1];

    while ( skip < nr_protocols && skip < VSCMI_MAX_PROTOCOLS )
    {
        uint32_t n, i;
        size_t len;

        if ( vscmi_fw_xfer(m, NULL, m->fw, SCMI_PROTO_BASE,
                           SCMI_BASE_DISCOVER_LIST_PROTOCOLS, &skip, 4, rx,
                           sizeof(rx), &len) ||
             len < 8 || (int32_t)rx[0] != SCMI_SUCCESS )
        {
            vscmi_snprintf(err->line, sizeof(err->line),
                           "firmware: BASE DISCOVER_LIST_PROTOCOLS failed");
            return VSCMI_EIO;
        }
        n = VSCMI_MIN(rx[1], (uint32_t)(len - 8));
        if ( !n )
            break;
        for ( i = 0; i < n; i++ )
        {
            uint8_t p = ((const uint8_t *)&rx[2])[i];

            if ( p > SCMI_PROTO_BASE &&
                 VSCMI_PROTO_IDX(p) < VSCMI_NR_PROTOS )
                m->fw_protocols |= VSCMI_PROTO_BIT(p);
        }
        skip += n;
    }
    return VSCMI_OK;
}

static int discover_protocol(struct vscmi_mediator *m, uint8_t proto,
                             struct vscmi_error *err)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);
    uint32_t rx[VSCMI_RSP_MAX / 4];
    uint32_t nr;

    if ( !query(m, proto, SCMI_PROTOCOL_VERSION, rx, 8) )
    {
        vscmi_snprintf(err->line, sizeof(err->line),
                       "firmware: protocol 0x%x listed but PROTOCOL_VERSION failed",
                       proto);
        return VSCMI_EIO;
    }
    m->version[idx] = rx[1];

    if ( !vscmi_protocol_get(proto)->has_resources )
        return VSCMI_OK;

    if ( !query(m, proto, SCMI_PROTOCOL_ATTRIBUTES, rx, 8) )
    {
        vscmi_snprintf(err->line, sizeof(err->line),
                       "firmware: protocol 0x%x PROTOCOL_ATTRIBUTES failed",
                       proto);
        return VSCMI_EIO;
    }
    nr = rx[1] & SCMI_ATTR_COUNT_MASK;
    if ( nr > VSCMI_MAX_RES )
    {
        vscmi_log("protocol 0x%x: tracking %u of %u resources", proto,
                  VSCMI_MAX_RES, nr);
        nr = VSCMI_MAX_RES;
    }
    if ( !nr )
        return VSCMI_OK;

    m->res[idx] = vscmi_zalloc(nr * sizeof(*m->res[idx]));
    if ( !m->res[idx] )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "out of memory for protocol 0x%x", proto);
        return VSCMI_ENOMEM;
    }
    m->nr_res[idx] = nr;
    return VSCMI_OK;
}

int vscmi_mediator_create(const struct vscmi_fw_chan *fw,
                          struct vscmi_mediator **out, struct vscmi_error *err)
{
    struct vscmi_mediator *m;
    uint8_t proto;
    int rc;

    *out = NULL;
    err->proto = 0;
    err->entry = VSCMI_ERR_ALL;
    m = vscmi_zalloc(sizeof(*m));
    if ( !m )
    {
        vscmi_snprintf(err->line, sizeof(err->line), "out of memory for the mediator");
        return VSCMI_ENOMEM;
    }
    vscmi_lock_init(&m->lock);
    m->fw = fw;

    rc = discover_base(m, err);
    for ( proto = SCMI_PROTO_POWER; !rc && VSCMI_PROTO_IDX(proto) < VSCMI_NR_PROTOS;
          proto++ )
        if ( m->fw_protocols & VSCMI_PROTO_BIT(proto) )
            rc = discover_protocol(m, proto, err);

    if ( rc )
    {
        vscmi_mediator_destroy(m);
        return rc;
    }
    *out = m;
    return VSCMI_OK;
}

void vscmi_mediator_destroy(struct vscmi_mediator *m)
{
    unsigned int i;

    if ( !m )
        return;
    for ( i = 0; i < VSCMI_NR_PROTOS; i++ )
        vscmi_free(m->res[i]);
    vscmi_free(m);
}

int vscmi_fw_name_on(struct vscmi_mediator *m, const struct vscmi_fw_chan *fw,
                     uint8_t proto, uint32_t id, char name[SCMI_SHORT_NAME_LEN])
{
    uint32_t rx[VSCMI_RSP_MAX / 4];
    unsigned int word;
    int rc;

    /* where the name is in each protocol's attributes answer */
    switch ( proto )
    {
    case SCMI_PROTO_POWER:
    case SCMI_PROTO_CLOCK:
    case SCMI_PROTO_VOLTAGE:
        word = 2;       /* status, attributes, name */
        break;
    case SCMI_PROTO_RESET:
        word = 3;       /* status, attributes, latency, name */
        break;
    case SCMI_PROTO_PERF:
        word = 5;       /* status, attributes, rate limit, sustained, name */
        break;
    case SCMI_PROTO_SENSOR:
        word = 5;       /* status, counts, then descriptor id, attrs x2, name */
        break;
    default:
        return VSCMI_ENODEV;
    }

    /* every protocol's message 3 takes the id first */
    rc = vscmi_fw_query(m, fw, proto, 3, &id, sizeof(id), rx, 4 * (word + 4));
    if ( rc )
        return rc;
    if ( proto == SCMI_PROTO_SENSOR && ((rx[1] & 0xfff) < 1 || rx[2] != id) )
        return VSCMI_EIO;
    copy_name(name, &rx[word]);

    return VSCMI_OK;
}

int vscmi_fw_name(struct vscmi_mediator *m, uint8_t proto, uint32_t id,
                  char name[SCMI_SHORT_NAME_LEN])
{
    if ( id >= vscmi_fw_count(m, proto) )
        return VSCMI_ENODEV;
    return vscmi_fw_name_on(m, m->fw, proto, id, name);
}

uint32_t vscmi_fw_count(const struct vscmi_mediator *m, uint8_t proto)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    return idx < VSCMI_NR_PROTOS ? m->nr_res[idx] : 0;
}

uint32_t vscmi_fw_version(const struct vscmi_mediator *m, uint8_t proto)
{
    unsigned int idx = VSCMI_PROTO_IDX(proto);

    if ( idx >= VSCMI_NR_PROTOS || !(m->fw_protocols & (1u << idx)) )
        return 0;
    return m->version[idx];
}
