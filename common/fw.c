/* SPDX-License-Identifier: MIT */
/*
 * The firmware side of the data path: one message out on a firmware
 * channel (the domain's dedicated agent channel, or the mediator's), and
 * the checks every answer passes before a handler reads it.
 *
 *   handler -> vscmi_forward() -> vscmi_fw_xfer() -> smt_xfer() -> ring()
 *
 * Everything here runs under the mediator lock.
 */
#include <vscmi/smt.h>
#include "private.h"
#include "wire.h"

/*
 * "vscmi-trace: d1 0x14/0x07 id 12 arg 0x1": who the message is for ("xen"
 * for the mediator's own discovery; "@agent" after it when it goes on a
 * further agent channel, whose ids are that agent's), protocol / message,
 * the firmware resource id (the command's id_word) and the word after it.
 * Under the lock, so the lines are in the firmware's order.
 */
static vscmi_cold void fw_trace(const struct vscmi_domain *d, bool on_agent,
                                uint8_t proto, uint8_t msg, const uint32_t *tx,
                                size_t tx_len)
{
    const struct vscmi_cmd *cmd = vscmi_cmd_get(vscmi_protocol_get(proto), msg);
    int w = cmd ? cmd->id_word : VSCMI_NO_ID;
    char who[20], what[40] = "id -";

    if ( w >= 0 && tx_len >= 4 * (size_t)(w + 2) )
        vscmi_snprintf(what, sizeof(what), "id %u arg 0x%x", tx[w], tx[w + 1]);
    else if ( w >= 0 && tx_len >= 4 * (size_t)(w + 1) )
        vscmi_snprintf(what, sizeof(what), "id %u", tx[w]);
    if ( d )
        vscmi_snprintf(who, sizeof(who), "d%u%s", d->domid,
                       on_agent ? "@agent" : "");
    else
        vscmi_snprintf(who, sizeof(who), "xen%s", on_agent ? "@agent" : "");
    vscmi_trace("%s 0x%02x/0x%02x %s", who, proto, msg, what);
}

int vscmi_fw_xfer(struct vscmi_mediator *m, const struct vscmi_domain *d,
                  const struct vscmi_fw_chan *fw, uint8_t proto, uint8_t msg,
                  const void *tx, size_t tx_len, uint32_t *rx, size_t rx_max,
                  size_t *rx_len)
{
    uint32_t hdr = scmi_hdr(proto, msg, m->token++);

    if ( vscmi_trace_on() )
        fw_trace(d, fw != m->fw, proto, msg, tx, tx_len);
    return smt_xfer(fw, VSCMI_FW_TIMEOUT_NS, hdr, tx, tx_len, rx, rx_max,
                    rx_len);
}

/*
 * A guest call's token paid for its first firmware transaction; each
 * further one costs one more, so no message buys several for the price of
 * one.  True (and BUSY answered) when the bucket is empty.
 */
static vscmi_cold bool extra_xfer_refused(struct vscmi_call *c)
{
    if ( !c->metered || vscmi_rate_take(c->d) )
        return false;
    c->d->cnt.busy++;
    vscmi_reply(c, SCMI_BUSY);
    return true;
}

static bool status_known(int32_t status)
{
    return status <= SCMI_SUCCESS && status >= SCMI_IN_USE;
}

bool vscmi_forward(struct vscmi_call *c, uint8_t msg, const void *tx,
                   size_t tx_len, size_t min_len)
{
    size_t len;
    int32_t status;

    if ( c->xfers++ && extra_xfer_refused(c) )
        return false;
    if ( vscmi_fw_xfer(c->m, c->d, c->fw, c->proto, msg, tx, tx_len, c->rsp,
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

    status = vscmi_rsp(c, status)->status;
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
    struct scmi_id_a2p tx = *vscmi_req(c, id);
    struct vscmi_grant *g = vscmi_resolve(c, tx.id, mode);

    if ( !g )
        return NULL;
    tx.id = vscmi_route(c, g);
    return vscmi_forward(c, c->msg, &tx, sizeof(tx), min_len) ? g : NULL;
}

bool vscmi_forward_list(struct vscmi_call *c)
{
    struct scmi_id_index_a2p tx = *vscmi_req(c, id_index);
    uint8_t mode;
    struct vscmi_grant *g = vscmi_resolve(c, tx.id, &mode);

    if ( !g )
        return false;
    tx.id = vscmi_route(c, g);
    return vscmi_forward(c, c->msg, &tx, sizeof(tx),
                         sizeof(struct scmi_list_p2a));
}

void vscmi_forward_id_fixed(struct vscmi_call *c, size_t rsp_len)
{
    uint8_t mode;

    if ( vscmi_forward_id(c, rsp_len, &mode) )
        c->rsp_len = rsp_len;
}
