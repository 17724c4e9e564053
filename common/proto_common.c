/* SPDX-License-Identifier: MIT */
/*
 * What every mediated protocol shares: forwarding with answer checks,
 * pagination bounds, and the version / negotiation / message-attribute
 * commands.
 */
#include "private.h"

void vscmi_put_name(void *dst, const char *src, size_t len)
{
    char *d = dst;
    size_t i = 0;

    for ( ; i + 1 < len && src[i]; i++ )
        d[i] = src[i];
    for ( ; i < len; i++ )
        d[i] = '\0';
}

static bool status_known(int32_t status)
{
    return status <= SCMI_SUCCESS && status >= SCMI_IN_USE;
}

bool vscmi_forward(struct vscmi_call *c, uint8_t msg, const uint32_t *tx,
                   size_t tx_len, size_t min_len)
{
    size_t len;
    int32_t status;

    if ( vscmi_domain_xfer(c->d, c->proto, msg, tx, tx_len, c->rsp,
                           c->rsp_max, &len) )
    {
        c->d->cnt.fw_errors++;
        vscmi_reply(c, SCMI_COMMS_ERROR);
        return false;
    }
    if ( len < 4 )
    {
        c->d->cnt.fw_errors++;
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return false;
    }

    status = (int32_t)c->rsp[0];
    if ( status != SCMI_SUCCESS )
    {
        if ( !status_known(status) )
        {
            c->d->cnt.fw_errors++;
            status = SCMI_GENERIC_ERROR;
        }
        vscmi_reply(c, status);
        return false;
    }
    if ( len < min_len )
    {
        c->d->cnt.fw_errors++;
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return false;
    }
    c->rsp_len = len;
    return true;
}

struct vscmi_grant *vscmi_forward_id(struct vscmi_call *c, size_t min_len,
                                     uint8_t *mode)
{
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], mode);
    uint32_t tx[1];

    if ( !g )
        return NULL;
    tx[0] = g->phys;
    return vscmi_forward(c, c->msg, tx, sizeof(tx), min_len) ? g : NULL;
}

bool vscmi_forward_list(struct vscmi_call *c)
{
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);
    uint32_t tx[2];

    if ( !g )
        return false;
    tx[0] = g->phys;
    tx[1] = c->req[1];
    return vscmi_forward(c, c->msg, tx, sizeof(tx), 8);
}

void vscmi_forward_id_fixed(struct vscmi_call *c, size_t rsp_len)
{
    uint8_t mode;

    if ( vscmi_forward_id(c, rsp_len, &mode) )
        c->rsp_len = rsp_len;
}

void vscmi_forward_fixed(struct vscmi_call *c, const uint32_t *tx,
                         size_t tx_len, size_t rsp_len)
{
    if ( vscmi_forward(c, c->msg, tx, tx_len, rsp_len) )
        c->rsp_len = rsp_len;
}

void vscmi_clamp_pages(struct vscmi_call *c, unsigned int count_word,
                       uint32_t ret_mask, unsigned int rem_shift,
                       size_t hdr_words, size_t entry_bytes)
{
    uint32_t w = c->rsp[count_word];
    uint32_t ret = w & ret_mask;
    uint32_t rem_max = 0xffffffffu >> rem_shift;    /* field runs to bit 31 */
    uint32_t rem = w >> rem_shift;
    size_t hdr = hdr_words * 4;
    size_t room = c->rsp_len > hdr ? (c->rsp_len - hdr) / entry_bytes : 0;

    if ( ret > room )
    {
        rem += ret - (uint32_t)room;
        if ( rem > rem_max || rem < ret - (uint32_t)room )
            rem = rem_max;
        ret = (uint32_t)room;
    }
    w &= ~(ret_mask | (rem_max << rem_shift));
    c->rsp[count_word] = w | ret | (rem << rem_shift);
    c->rsp_len = hdr + ret * entry_bytes;
}

void vscmi_clamp_list(struct vscmi_call *c, uint32_t ret_mask,
                      uint32_t triplet_bit, unsigned int rem_shift,
                      size_t entry_bytes)
{
    uint32_t w = c->rsp[1];
    size_t triplet_len = 8 + 3 * entry_bytes;

    if ( !(w & triplet_bit) )
    {
        vscmi_clamp_pages(c, 1, ret_mask, rem_shift, 2, entry_bytes);
        return;
    }
    if ( (w & ret_mask) != 3 || (w >> rem_shift) || c->rsp_len < triplet_len )
    {
        c->d->cnt.fw_errors++;
        vscmi_reply(c, SCMI_GENERIC_ERROR);
        return;
    }
    c->rsp_len = triplet_len;
}

void vscmi_cmd_version(struct vscmi_call *c)
{
    c->rsp[1] = c->m->version[VSCMI_PROTO_IDX(c->proto)];
    vscmi_reply_ok(c, 1);
}

void vscmi_cmd_negotiate(struct vscmi_call *c)
{
    if ( c->req[0] == c->m->version[VSCMI_PROTO_IDX(c->proto)] )
        vscmi_reply(c, SCMI_SUCCESS);
    else
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
}

void vscmi_msg_attributes(struct vscmi_call *c, uint32_t clear_bits)
{
    uint32_t msg = c->req[0];
    uint32_t tx[1];

    if ( msg > SCMI_HDR_MSG_MASK || !vscmi_cmd_get(c->proto, (uint8_t)msg) )
    {
        vscmi_reply(c, SCMI_NOT_FOUND);
        return;
    }
    tx[0] = msg;
    if ( !vscmi_forward(c, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, tx, sizeof(tx), 8) )
        return;
    c->rsp[1] &= ~clear_bits;
    vscmi_reply_ok(c, 1);
}

void vscmi_cmd_name_get(struct vscmi_call *c)
{
    const size_t len = 8 + SCMI_EXT_NAME_LEN;
    uint8_t mode;

    if ( !vscmi_forward_id(c, len, &mode) )
        return;
    ((char *)&c->rsp[2])[SCMI_EXT_NAME_LEN - 1] = '\0';
    c->rsp_len = len;
}

void vscmi_cmd_set(struct vscmi_call *c)
{
    uint32_t tx[VSCMI_REQ_MAX / 4];
    size_t i, n = c->req_len / 4;
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, c->req[0], &mode);

    if ( !g )
        return;
    if ( !vscmi_may_set(c, g, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }
    tx[0] = g->phys;
    for ( i = 1; i < n; i++ )
        tx[i] = c->req[i];
    vscmi_forward_fixed(c, tx, 4 * n, 4);
}
