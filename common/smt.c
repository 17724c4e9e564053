/* SPDX-License-Identifier: MIT */
/*
 * SMT channel codec.  Every field of a channel is read through smt_rd32()
 * so that a hostile peer rewriting the page is read at most once per field.
 */
#include <vscmi/smt.h>
#include <vscmi/vscmi.h>

void smt_read_head(const volatile void *chan, struct smt_head *h)
{
    h->status = smt_rd32(chan, SMT_OFF_STATUS);
    h->flags = smt_rd32(chan, SMT_OFF_FLAGS);
    h->length = smt_rd32(chan, SMT_OFF_LENGTH);
    h->header = smt_rd32(chan, SMT_OFF_HEADER);
}

static void smt_copy_out(volatile void *chan, size_t off, const void *src,
                         size_t len)
{
    const uint8_t *s = src;
    size_t i;

    for ( i = 0; i + 4 <= len; i += 4 )
    {
        uint32_t w;

        vscmi_memcpy(&w, s + i, 4);
        smt_wr32(chan, off + i, w);
    }
    for ( ; i < len; i++ )
        ((volatile uint8_t *)chan)[off + i] = s[i];
}

static void smt_copy_in(void *dst, const volatile void *chan, size_t off,
                        size_t len)
{
    uint8_t *d = dst;
    size_t i;

    for ( i = 0; i + 4 <= len; i += 4 )
    {
        uint32_t w = smt_rd32(chan, off + i);

        vscmi_memcpy(d + i, &w, 4);
    }
    for ( ; i < len; i++ )
        d[i] = ((const volatile uint8_t *)chan)[off + i];
}

void smt_snapshot_payload(void *dst, const volatile void *chan, size_t len)
{
    smt_copy_in(dst, chan, SMT_OFF_PAYLOAD, len);
}

void smt_post(volatile void *chan, size_t size, uint32_t header,
              const void *payload, size_t len)
{
    len = VSCMI_MIN(len, smt_payload_max(size));
    smt_wr32(chan, SMT_OFF_STATUS, 0);
    smt_wr32(chan, SMT_OFF_FLAGS, 0);
    smt_wr32(chan, SMT_OFF_LENGTH, 4 + len);
    smt_wr32(chan, SMT_OFF_HEADER, header);
    smt_copy_out(chan, SMT_OFF_PAYLOAD, payload, len);
    vscmi_wmb();
}

void smt_respond(volatile void *chan, size_t size, uint32_t header,
                 const void *payload, size_t len, bool error)
{
    len = VSCMI_MIN(len, smt_payload_max(size));
    smt_copy_out(chan, SMT_OFF_PAYLOAD, payload, len);
    smt_wr32(chan, SMT_OFF_LENGTH, 4 + len);
    smt_wr32(chan, SMT_OFF_HEADER, header);
    vscmi_wmb();
    smt_wr32(chan, SMT_OFF_STATUS,
             SMT_STATUS_FREE | (error ? SMT_STATUS_ERROR : 0));
}

/*
 * Wait until the platform frees the channel, at most @timeout_ns: the clock
 * is read only once the channel was found busy.
 */
static bool smt_wait_free(const volatile void *chan, uint64_t timeout_ns)
{
    uint64_t deadline;

    if ( smt_rd32(chan, SMT_OFF_STATUS) & SMT_STATUS_FREE )
        return true;
    deadline = vscmi_now_ns() + timeout_ns;
    do {
        vscmi_relax();
        if ( smt_rd32(chan, SMT_OFF_STATUS) & SMT_STATUS_FREE )
            return true;
    } while ( vscmi_now_ns() < deadline );

    return false;
}

int smt_xfer(const struct vscmi_fw_chan *fw, uint64_t timeout_ns,
             uint32_t header, const void *tx, size_t tx_len,
             void *rx, size_t rx_max, size_t *rx_len)
{
    volatile void *chan = fw->shm;
    size_t size = fw->size;
    struct smt_head h;
    size_t len;

    *rx_len = 0;
    if ( tx_len > smt_payload_max(size) )
        return VSCMI_EPROTO;
    /*
     * Only a failed earlier transaction can leave the page busy here: the
     * caller is the channel's only agent and the doorbell is synchronous.
     * After the bounded wait the channel is taken back, so one misbehaving
     * answer cannot cut every domain off the firmware for good.
     */
    if ( !smt_wait_free(chan, timeout_ns) )
        vscmi_log("firmware channel left busy: reclaimed");

    smt_post(chan, size, header, tx, tx_len);
    if ( fw->ring(fw->priv) )
        return VSCMI_EIO;
    if ( !smt_wait_free(chan, timeout_ns) )
        return VSCMI_ETIMEDOUT;

    vscmi_rmb();
    smt_read_head(chan, &h);
    if ( h.status & SMT_STATUS_ERROR )
        return VSCMI_EIO;
    if ( h.header != header )
        return VSCMI_EPROTO;
    if ( h.length < 8 || h.length - 4 > smt_payload_max(size) )
        return VSCMI_EPROTO;

    len = VSCMI_MIN((size_t)h.length - 4, rx_max);
    smt_copy_in(rx, chan, SMT_OFF_PAYLOAD, len);
    *rx_len = len;
    return VSCMI_OK;
}
