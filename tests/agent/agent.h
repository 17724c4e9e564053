/* SPDX-License-Identifier: MIT */
/*
 * vscmi bare-metal guest agent: shared declarations.
 *
 * Runs at EL1 with the MMU and caches off: every data access is a Device
 * access, so the code is built with -mstrict-align and the SMT channel is
 * accessed with aligned 32-bit volatile loads and stores, like Linux's
 * ioread32/iowrite32 on its ioremap()ed shmem.
 */
#ifndef GUEST_AGENT_H
#define GUEST_AGENT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)       ((a) < (b) ? (a) : (b))

/* ---------------------------------------------------------------- console */
void con_puts(const char *s);
void con_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf_(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf_(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ------------------------------------------------------------ SMCCC/PSCI */
struct smccc_res {
    uint64_t a0, a1, a2, a3;
};
void smccc_call(bool smc, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                uint64_t a4, uint64_t a5, uint64_t a6, uint64_t a7,
                struct smccc_res *res);
#define SMCCC_NOT_SUPPORTED     0xffffffffffffffffull
#define PSCI_CPU_ON_64          0xc4000003u
#define PSCI_SYSTEM_OFF         0x84000008u
#define PSCI_VERSION            0x84000000u

/* ------------------------------------------------------------------ time */
uint64_t ticks(void);
uint64_t tick_freq(void);
void delay_us(uint64_t us);
void xen_yield(void);

/* ------------------------------------------------------------ SCMI / SMT */
/*
 * Written from the SCMI specification, not taken from common/: the agent is
 * the mediator's independent counterpart, so a wrong constant there cannot
 * hide behind the same wrong constant here.
 */
#define SMT_STATUS              0x04
#define SMT_FLAGS               0x10
#define SMT_LENGTH              0x14
#define SMT_HEADER              0x18
#define SMT_PAYLOAD             0x1c
#define SMT_FREE                0x1u
#define SMT_ERROR               0x2u

#define SCMI_SUCCESS             0
#define SCMI_NOT_SUPPORTED      -1
#define SCMI_INVALID_PARAMETERS -2
#define SCMI_DENIED             -3
#define SCMI_NOT_FOUND          -4
#define SCMI_OUT_OF_RANGE       -5
#define SCMI_BUSY               -6
#define SCMI_COMMS_ERROR        -7
#define SCMI_GENERIC_ERROR      -8
#define SCMI_HARDWARE_ERROR     -9
#define SCMI_PROTOCOL_ERROR     -10
/* transport outcomes outside the SCMI status range */
#define XFER_X0                 -1000   /* doorbell returned x0 != 0 */
#define XFER_MALFORMED          -1001   /* answer not a well-formed SMT reply */
#define XFER_TIMEOUT            -1002   /* channel never became free */

#define P_BASE      0x10
#define P_POWER     0x11
#define P_SYSTEM    0x12
#define P_PERF      0x13
#define P_CLOCK     0x14
#define P_SENSOR    0x15
#define P_RESET     0x16
#define P_VOLTAGE   0x17

static inline uint32_t scmi_hdr(unsigned int proto, unsigned int msg,
                                unsigned int type, unsigned int token)
{
    return (msg & 0xff) | ((type & 3) << 8) | ((proto & 0xff) << 10) |
           ((token & 0x3ff) << 18);
}

struct chan {
    uintptr_t shm;
    uint32_t size;
    uint32_t fid;
    bool smc;                   /* conduit named by the DT */
    unsigned int token;
};

/* One raw exchange, every field under the caller's control. */
#define MSG_WORDS 40
struct msg {
    /* request */
    uint32_t status_in;         /* channel_status written before the doorbell */
    uint32_t length;            /* SMT length field */
    uint32_t header;
    uint32_t req[MSG_WORDS];
    unsigned int req_words;     /* payload words written */
    bool use_smc;
    uint32_t fid;
    uint64_t args[7];           /* x1..x7 of the doorbell */
    /* answer */
    uint64_t x0;
    uint32_t status_out, length_out, header_out;
    uint32_t rsp[MSG_WORDS];
    unsigned int rsp_words;     /* payload words read (bounded) */
    uint64_t ticks;             /* doorbell round trip */
    const char *why;            /* NULL: well-formed */
};

void chan_post(struct chan *c, struct msg *m);
void chan_ring(struct chan *c, struct msg *m);
void chan_collect(struct chan *c, struct msg *m, uint32_t expect_hdr);
void chan_xfer(struct chan *c, struct msg *m);
bool chan_wait_free(struct chan *c, uint64_t us);
uint32_t chan_r32(struct chan *c, uint32_t off);
void chan_w32(struct chan *c, uint32_t off, uint32_t v);
uint32_t chan_payload_max(const struct chan *c);

/* A request of @n payload words with the channel's next token (a raw one:
 * every field may be changed before chan_xfer()). */
void msg_init(struct chan *c, struct msg *m, unsigned int proto, unsigned int msgid,
              unsigned int type, const uint32_t *a, unsigned int n);
/* The answer's SCMI status, or XFER_X0 / XFER_MALFORMED. */
int32_t msg_status(const struct msg *m);

/* A normal command: SCMI status, or XFER_*; *out gets the words after status. */
int32_t scmi_cmd(struct chan *c, unsigned int proto, unsigned int msgid,
                 const uint32_t *args, unsigned int nargs,
                 uint32_t *out, unsigned int outmax, unsigned int *outn);
const char *scmi_status_name(int32_t s);
extern const char *scmi_last_why;

/* -------------------------------------------------------- configuration */
#define MAX_RES 96
struct grants {
    bool present;               /* protocol expected */
    unsigned int n;
    char mode[MAX_RES + 1];     /* per virtual id: F R S s C X (see README) */
};

enum agent_mode {
    MODE_SUITE, MODE_BASELINE, MODE_BENCH, MODE_FLOOD, MODE_FAULTS,
    MODE_IDLE, MODE_CRASH,      /* life-cycle guests: no SCMI channel needed */
    MODE_VOTE, MODE_REMAP,      /* life-cycle guests with a channel (lifecycle.c) */
};

struct agent_cfg {
    char name[32];
    enum agent_mode mode;
    const char *binding;        /* "arm,smc-mbox" or "arm,scmi-smc" */
    struct chan ch;
    struct grants clk, pd, rst, sns;
    bool smc_accept;            /* SMC conduit answered like HVC */
    unsigned int flood, race, bench_n, bclk;
    uint64_t flood_ms;
    bool end_off;
    int fclk, fsns, frst, fpd;  /* fault resources (virtual ids), -1: none */
    uint64_t bound_ms;          /* faults: answer bound */
    uint64_t start_ms;          /* wait before starting */
    int sync;                   /* suite: read-only clock (virtual id) another
                                   guest toggles; race and flood wait for it, -1 */
    uint64_t sync_ms;           /* bound of that wait */
    uint64_t phase_ms;          /* suite: race and flood last at least this long */
    int signal;                 /* bench: clock (virtual id) switched on as the
                                   measurement starts, -1 */
    int wait_on;                /* crash: after voting, wait (bounded by sync_ms)
                                   for this clock to be on, -1 */
    uint32_t fids[16];          /* other SiP function ids to probe */
    unsigned int nfids;
};

extern struct agent_cfg cfg;

int suite_run(void);
int bench_run(void);
int flood_run(void);
int faults_run(void);
int vote_run(void);
int remap_run(void);
/* Poll clock @id (virtual) until it is on, bounded by vscmi.sync_ms. */
void wait_for_clock(uint32_t id);

/*
 * vCPU1, the race partner (race.c): while a round is open it calls
 * @flip(variant, k) for k = 0, 1, ... to rewrite the channel under the
 * doorbell vCPU0 rings.
 */
typedef void (*race_fn)(uint32_t variant, uint64_t k);
bool race_start(race_fn flip);      /* PSCI CPU_ON(1); false if it did not come up */
/* Ring @m (already posted) while vCPU1 rewrites; false: vCPU1 had not
 * started rewriting when the doorbell rang. */
bool race_round(struct chan *c, struct msg *m, uint32_t variant, uint32_t round);
bool race_stop(uint64_t us);        /* vCPU1 off (PSCI CPU_OFF) within @us */
uint64_t race_rewrites(void);       /* flip calls so far */

#endif /* GUEST_AGENT_H */
