/* SPDX-License-Identifier: MIT */
/*
 * Host SCMI agent: writes requests into a guest channel the way Linux's
 * shmem transport does, rings the mediator and parses the answer.  Used by
 * unit tests, the fuzzer, the benchmarks and the demo.
 */
#ifndef VSCMI_AGENT_H
#define VSCMI_AGENT_H

#include <vscmi/vscmi.h>
#include <vscmi/smt.h>

#define AGENT_CHAN_SIZE     4096

struct agent {
    struct vscmi_domain *d;
    uint8_t chan[AGENT_CHAN_SIZE] __attribute__((aligned(8)));
    uint16_t token;
    /* last answer */
    uint32_t rsp_hdr;
    uint32_t rsp_len;       /* payload bytes (status included) */
    uint32_t rsp[AGENT_CHAN_SIZE / 4];
    uint32_t chan_status;
};

void agent_init(struct agent *a, struct vscmi_domain *d);

/*
 * Send one command; returns the SCMI status of the answer (rsp[0]), or
 * a VSCMI_E* code (< -100 after offsetting: AGENT_TRANSPORT(e)) when the
 * mediator refused the doorbell.  rsp/rsp_len hold the answer.
 */
#define AGENT_TRANSPORT(e)  (-1000 + (e))
int32_t agent_call(struct agent *a, uint8_t proto, uint8_t msg,
                   const uint32_t *payload, size_t len);

/* Convenience: command with 0..3 word arguments. */
int32_t agent_call0(struct agent *a, uint8_t proto, uint8_t msg);
int32_t agent_call1(struct agent *a, uint8_t proto, uint8_t msg, uint32_t a0);
int32_t agent_call2(struct agent *a, uint8_t proto, uint8_t msg, uint32_t a0,
                    uint32_t a1);
int32_t agent_call3(struct agent *a, uint8_t proto, uint8_t msg, uint32_t a0,
                    uint32_t a1, uint32_t a2);

/*
 * Raw: place @len bytes as the channel's length field and @hdr as header
 * with @payload (may be shorter than len-4 or NULL), ring, parse.
 */
int32_t agent_raw(struct agent *a, uint32_t status, uint32_t length,
                  uint32_t hdr, const void *payload, size_t payload_len);

#endif /* VSCMI_AGENT_H */
