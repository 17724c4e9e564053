/* SPDX-License-Identifier: MIT */
/*
 * Shared Memory Transport (SMT) channel codec, the layout Linux uses
 * (drivers/firmware/arm_scmi/shmem.c) and TF-A's scmi-msg serves:
 *
 *   0x00 reserved
 *   0x04 channel_status   bit0 FREE, bit1 ERROR
 *   0x08 reserved[2]
 *   0x10 flags            bit0 interrupt on completion
 *   0x14 length           bytes of message header + payload
 *   0x18 message header
 *   0x1c payload
 */
#ifndef VSCMI_SMT_H
#define VSCMI_SMT_H

#include "os.h"

#define SMT_OFF_STATUS          0x04
#define SMT_OFF_FLAGS           0x10
#define SMT_OFF_LENGTH          0x14
#define SMT_OFF_HEADER          0x18
#define SMT_OFF_PAYLOAD         0x1c
#define SMT_HDR_SIZE            SMT_OFF_PAYLOAD

#define SMT_STATUS_FREE         (1u << 0)
#define SMT_STATUS_ERROR        (1u << 1)

/* The fixed part of a channel, as copied out in a snapshot. */
struct smt_head {
    uint32_t status;
    uint32_t flags;
    uint32_t length;
    uint32_t header;
};

static inline uint32_t smt_rd32(const volatile void *chan, size_t off)
{
    return *(const volatile uint32_t *)((const volatile uint8_t *)chan + off);
}

static inline void smt_wr32(volatile void *chan, size_t off, uint32_t v)
{
    *(volatile uint32_t *)((volatile uint8_t *)chan + off) = v;
}

/* Largest payload a channel of @size bytes can carry. */
static inline size_t smt_payload_max(size_t size)
{
    return size > SMT_HDR_SIZE ? size - SMT_HDR_SIZE : 0;
}

/* Read the fixed fields once, each exactly once. */
void smt_read_head(const volatile void *chan, struct smt_head *h);

/* Copy @len payload bytes (a multiple of 4) out of the channel, once. */
void smt_snapshot_payload(void *dst, const volatile void *chan, size_t len);

/*
 * Post a message (agent side, or the mediator on the firmware channel):
 * clears FREE, writes header, length and payload.
 */
void smt_post(volatile void *chan, size_t size, uint32_t header,
              const void *payload, size_t len);

/*
 * Write a response (platform side, or the mediator on a guest channel):
 * payload, length and header first, then FREE (and ERROR if @error).
 */
void smt_respond(volatile void *chan, size_t size, uint32_t header,
                 const void *payload, size_t len, bool error);

/*
 * A firmware channel: an SMT page the caller mapped, and its doorbell.  The
 * mediator is the channel's only agent and runs the whole transaction
 * (smt_xfer()); the doorbell is synchronous, like an SMC: the firmware has
 * answered, or given up, when ring() returns.
 */
struct vscmi_fw_chan {
    volatile void *shm;         /* the SMT channel */
    size_t size;                /* its bytes */
    int (*ring)(void *priv);    /* 0 once the firmware was rung */
    void *priv;
};

/*
 * Transact on firmware channel @fw, whose only agent is the caller and
 * whose doorbell is synchronous (SMC): wait for FREE, reclaiming a page a
 * failed transaction left busy, post, ring the doorbell, wait for FREE
 * again, check the echoed header and copy the response payload (status
 * word first) into @rx, at most @rx_max bytes.  Each wait is bounded by
 * @timeout_ns of vscmi_now_ns().  Returns 0 or a VSCMI_E* code.
 */
int smt_xfer(const struct vscmi_fw_chan *fw, uint64_t timeout_ns,
             uint32_t header, const void *tx, size_t tx_len,
             void *rx, size_t rx_max, size_t *rx_len);

#endif /* VSCMI_SMT_H */
