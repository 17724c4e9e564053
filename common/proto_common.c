/* SPDX-License-Identifier: MIT */
/*
 * What every mediated protocol shares: pagination bounds, and the version,
 * attributes, message-attributes, negotiation, name and set commands.
 */
#include "private.h"
#include "wire.h"

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
    vscmi_rsp(c, u32)->value = c->m->version[VSCMI_PROTO_IDX(c->proto)];
    vscmi_reply_ok(c, 1);
}

void vscmi_cmd_negotiate(struct vscmi_call *c)
{
    if ( vscmi_req(c, version)->version ==
         c->m->version[VSCMI_PROTO_IDX(c->proto)] )
        vscmi_reply(c, SCMI_SUCCESS);
    else
        vscmi_reply(c, SCMI_NOT_SUPPORTED);
}

void vscmi_cmd_proto_attrs(struct vscmi_call *c)
{
    const struct vscmi_protocol *p = c->p;
    struct scmi_list_p2a *out = vscmi_rsp(c, list);
    size_t len = 4 * (1 + (size_t)p->attr_words);
    unsigned int i;

    if ( !vscmi_forward(c, SCMI_PROTOCOL_ATTRIBUTES, NULL, 0, len) )
        return;
    /* {attributes, then statistics / shared-memory words, all read 0} */
    out->count &= p->attr_keep;
    if ( p->has_resources )
        out->count |= vscmi_view_count(c) & SCMI_ATTR_COUNT_MASK;
    for ( i = 0; i + 1 < p->attr_words; i++ )
        out->entries[i] = 0;
    c->rsp_len = len;
}

void vscmi_cmd_msg_attrs(struct vscmi_call *c)
{
    struct scmi_msg_id_a2p tx = *vscmi_req(c, msg_id);

    if ( tx.message_id > SCMI_HDR_MSG_MASK ||
         !vscmi_cmd_served(c, (uint8_t)tx.message_id) )
    {
        vscmi_reply(c, SCMI_NOT_FOUND);
        return;
    }
    if ( !vscmi_forward(c, SCMI_PROTOCOL_MESSAGE_ATTRIBUTES, &tx, sizeof(tx),
                        sizeof(struct scmi_u32_p2a)) )
        return;
    vscmi_rsp(c, u32)->value &= c->p->msg_attr_keep;
    vscmi_reply_ok(c, 1);
}

void vscmi_cmd_name_get(struct vscmi_call *c)
{
    uint8_t mode;

    if ( !vscmi_forward_id(c, sizeof(struct scmi_name_p2a), &mode) )
        return;
    vscmi_rsp(c, name)->name[SCMI_EXT_NAME_LEN - 1] = '\0';
    c->rsp_len = sizeof(struct scmi_name_p2a);
}

void vscmi_cmd_set(struct vscmi_call *c)
{
    struct scmi_id_set_a2p tx = { 0 };
    uint8_t mode;
    struct vscmi_grant *g;

    /* the table fixes the length: the id and at most three value words */
    VSCMI_STATIC_ASSERT(sizeof(tx) <= VSCMI_REQ_MAX, "set request bound");
    if ( c->req_len > sizeof(tx) )
    {
        vscmi_reply(c, SCMI_PROTOCOL_ERROR);
        return;
    }
    vscmi_memcpy(&tx, c->req, c->req_len);
    g = vscmi_resolve(c, tx.id, &mode);
    if ( !g )
        return;
    if ( !vscmi_may_set(c, g, mode) )
    {
        vscmi_deny(c, SCMI_DENIED);
        return;
    }
    tx.id = vscmi_route(c, g);
    vscmi_forward_fixed(c, &tx, c->req_len, sizeof(struct scmi_status_p2a));
}
