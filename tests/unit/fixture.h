/* SPDX-License-Identifier: MIT */
/*
 * Unit-test fixture: a simulated firmware, the mediator on it, and up to
 * FIXTURE_MAX_DOMAINS domains each with a host agent on its own channel.
 */
#ifndef VSCMI_FIXTURE_H
#define VSCMI_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <vscmi/vscmi.h>
#include "agent.h"
#include "os-host.h"
#include "simfw.h"

#define FIXTURE_MAX_DOMAINS 4

struct fixture {
    struct simfw *fw;
    struct vscmi_mediator *m;
    struct agent *ag[FIXTURE_MAX_DOMAINS];
    struct vscmi_error err;
};

#define GRANT(p, md)        { .phys = (p), .mode = VSCMI_MODE_##md }
#define GRANT_OWNER(p)      { .phys = (p), .mode = VSCMI_MODE_SHARED, .owner = true }
#define GRANTS(cfg, proto, arr) \
    do { \
        (cfg).res[VSCMI_PROTO_IDX(proto)].nr = VSCMI_ARRAY_SIZE(arr); \
        (cfg).res[VSCMI_PROTO_IDX(proto)].grant = (arr); \
    } while ( 0 )

/* cmocka group/test set-up: *state becomes a struct fixture. */
int fixture_setup(void **state);
int fixture_teardown(void **state);

/* Create domain @slot from @cfg (must succeed) and return its agent. */
struct agent *fixture_domain(struct fixture *f, unsigned int slot,
                             const struct vscmi_domain_cfg *cfg);
/* Destroy domain @slot (teardown included). */
void fixture_destroy_domain(struct fixture *f, unsigned int slot);

/* Firmware log helpers. */
size_t fw_count(const struct fixture *f);
const struct simfw_rec *fw_last(const struct fixture *f);
/* Number of logged messages of @proto/@msg naming firmware id @id. */
unsigned int fw_count_of(const struct fixture *f, uint8_t proto, uint8_t msg,
                         uint32_t id);

/* Assert the last message firmware received: @proto/@msg naming @phys. */
void assert_last_fw(const struct fixture *f, uint8_t proto, uint8_t msg,
                    uint32_t phys);

/* Ask the firmware itself, unlogged: the oracle for expected values. */
int32_t fw_direct(struct fixture *f, uint8_t proto, uint8_t msg,
                  const uint32_t *tx, size_t len, uint32_t *rx, size_t *rx_len);

/* One call on a guest channel of @size bytes (smaller than the agent's). */
int32_t small_call(struct vscmi_domain *d, size_t size, uint8_t proto,
                   uint8_t msg, const uint32_t *tx, size_t len, uint32_t *rx,
                   size_t *rx_len);

#endif /* VSCMI_FIXTURE_H */
