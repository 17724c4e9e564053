/* SPDX-License-Identifier: MIT */
/*
 * What every mediated protocol shares: pagination bounds, and the version,
 * attributes, message-attributes, negotiation, name and set commands.
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

void vscmi_cmd_protocol_attributes(struct vscmi_call *c)
{
    const struct vscmi_protocol *p = c->p;
    size_t len = 4 * (1 + (size_t)p->attr_words);
    unsigned int i;

    if ( !vscmi_forward(c, SCMI_PROTOCOL_ATTRIBUTES, NULL, 0, len) )
        return;
    c->rsp[1] &= p->attr_keep;
    if ( p->has_resources )
        c->rsp[1] |= vscmi_view_count(c) & SCMI_ATTR_COUNT_MASK;
    for ( i = 2; i <= p->attr_words; i++ )
        c->rsp[i] = 0;
    c->rsp_len = len;
}

void vscmi_cmd_msg_attributes(struct vscmi_call *c)
{
    uint32_t msg = c->req[0];
    uint32_t tx[1];

    if ( msg > SCMI_HDR_MSG_MASK || !vscmi_cmd_get(c->p, (uint8_t)msg) )
    {
        vscmi_reply(c, SCMI_NOT_FOUND);
        return;
    }
    tx[0] = msg;
    if ( !vscmi_forward(c, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, tx, sizeof(tx), 8) )
        return;
    c->rsp[1] &= c->p->msg_attr_keep;
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
