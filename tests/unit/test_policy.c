/* SPDX-License-Identifier: MIT */
/* Policy configuration: validation all or nothing, the "all" domain. */
#include <string.h>

#include "fixture.h"

static int create(struct fixture *f, const struct vscmi_domain_cfg *cfg,
                  struct vscmi_domain **d)
{
    f->err.line[0] = '\0';
    return vscmi_domain_create(f->m, cfg, d, &f->err);
}

static void test_id_beyond_firmware(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg clocks[] = { GRANT(0, FULL), GRANT(40, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 2 };
    struct vscmi_domain *d;

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    assert_int_equal(create(f, &cfg, &d), VSCMI_ENODEV);
    assert_null(d);
    assert_non_null(strstr(f->err.line, "dom2: clock 1: firmware has no clock 40"));

    /* nothing half-applied: clock 0 is still free for someone else */
    {
        static const struct vscmi_grant_cfg c0[] = { GRANT(0, FULL) };
        struct vscmi_domain_cfg other = { .domid = 3 };

        GRANTS(other, SCMI_PROTO_CLOCK, c0);
        assert_int_equal(create(f, &other, &d), VSCMI_OK);
        vscmi_domain_destroy(d);
    }
}

static void test_exclusive_twice(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg a_clk[] = { GRANT(4, FULL) };
    static const struct vscmi_grant_cfg b_clk[] = { GRANT(1, SHARED), GRANT(4, SHARED) };
    static const struct vscmi_grant_cfg c_clk[] = { GRANT(1, FULL) };
    struct vscmi_domain_cfg a = { .domid = 1 }, b = { .domid = 2 }, c = { .domid = 3 };
    struct vscmi_domain *da, *db, *dc;

    GRANTS(a, SCMI_PROTO_CLOCK, a_clk);
    GRANTS(b, SCMI_PROTO_CLOCK, b_clk);
    GRANTS(c, SCMI_PROTO_CLOCK, c_clk);
    assert_int_equal(create(f, &a, &da), VSCMI_OK);
    assert_int_equal(create(f, &b, &db), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "dom2: clock 1: firmware clock 4 is exclusive to dom1"));

    /* once dom1 is gone the same grants apply */
    vscmi_domain_destroy(da);
    assert_int_equal(create(f, &b, &db), VSCMI_OK);
    /* and now clock 1 is shared, so it cannot be given exclusively */
    assert_int_equal(create(f, &c, &dc), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "dom3: clock 0: firmware clock 1 is already shared"));
    vscmi_domain_destroy(db);
}

static void test_duplicates_modes_owners(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg dup[] = { GRANT(3, RO), GRANT(3, RO) };
    static const struct vscmi_grant_cfg badmode[] = { { .phys = 1, .mode = 7 } };
    static const struct vscmi_grant_cfg ro_owner[] = { { .phys = 1, .mode = VSCMI_MODE_RO, .owner = true } };
    static const struct vscmi_grant_cfg own[] = { GRANT_OWNER(2) };
    struct vscmi_domain_cfg cfg = { .domid = 5 };
    struct vscmi_domain *d, *d2;

    GRANTS(cfg, SCMI_PROTO_POWER, dup);
    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "dom5: power domain 1: firmware power domain 3 granted twice"));

    memset(&cfg.res, 0, sizeof(cfg.res));
    GRANTS(cfg, SCMI_PROTO_RESET, badmode);
    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "reset domain 0: unknown mode 7"));

    memset(&cfg.res, 0, sizeof(cfg.res));
    GRANTS(cfg, SCMI_PROTO_CLOCK, ro_owner);
    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "owner needs mode shared, not ro"));

    memset(&cfg.res, 0, sizeof(cfg.res));
    GRANTS(cfg, SCMI_PROTO_CLOCK, own);
    assert_int_equal(create(f, &cfg, &d), VSCMI_OK);
    cfg.domid = 6;
    assert_int_equal(create(f, &cfg, &d2), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "dom6: clock 0: firmware clock 2 already owned by dom5"));
    vscmi_domain_destroy(d);

    /* a power domain has nothing but votes: no owner */
    memset(&cfg.res, 0, sizeof(cfg.res));
    GRANTS(cfg, SCMI_PROTO_POWER, own);
    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line,
                           "dom6: power domain 0: shared-owner: a power domain has nothing to set beyond its votes"));
}

static void test_protocols(void **state)
{
    struct fixture *f = *state;
    struct vscmi_domain_cfg cfg = { .domid = 8, .protocols = 1u << 9 };
    struct vscmi_domain *d;
    struct agent *a;

    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "unknown protocol bits"));

    /* SYSTEM_POWER is denied without the privileged flag */
    cfg.protocols = VSCMI_PROTO_BIT(SCMI_PROTO_SYSTEM);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_SYSTEM_POWER_STATE_GET),
                     SCMI_DENIED);
    cfg.domid = 9;
    cfg.privileged = true;
    a = fixture_domain(f, 1, &cfg);
    assert_int_equal(agent_call0(a, SCMI_PROTO_SYSTEM, SCMI_SYSTEM_POWER_STATE_GET),
                     SCMI_SUCCESS);
}

static void test_all_domain(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg excl[] = { GRANT(6, FULL) };
    struct vscmi_domain_cfg dom0 = { .domid = 0, .all = true, .privileged = true };
    struct vscmi_domain_cfg domu = { .domid = 1 };
    struct vscmi_domain *d;
    struct agent *a0;

    a0 = fixture_domain(f, 0, &dom0);
    assert_int_equal(create(f, &dom0, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "policy all: dom0 already has it"));

    /* dom0 sees firmware ids directly */
    assert_int_equal(agent_call1(a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 6), 0);
    assert_int_equal(fw_last(f)->id, 6);

    GRANTS(domu, SCMI_PROTO_CLOCK, excl);
    fixture_domain(f, 1, &domu);
    /* an exclusive grant elsewhere hides the clock from dom0 */
    assert_int_equal(agent_call1(a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 6),
                     SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 7), 0);
    assert_int_equal(fw_last(f)->id, 7);
    assert_int_equal(agent_call1(a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET,
                                 SIMFW_NR_CLOCKS), SCMI_NOT_FOUND);

    /* a clock dom0 holds on cannot be taken exclusively */
    assert_int_equal(agent_call2(a0, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 9,
                                 SCMI_CLOCK_CONFIG_ENABLE), 0);
    {
        static const struct vscmi_grant_cfg c9[] = { GRANT(9, FULL) };
        struct vscmi_domain_cfg domu2 = { .domid = 2 };

        GRANTS(domu2, SCMI_PROTO_CLOCK, c9);
        assert_int_equal(create(f, &domu2, &d), VSCMI_EINVAL);
        assert_non_null(strstr(f->err.line, "dom2: clock 0: firmware clock 9 is in use by dom0"));
    }
}

/* dom4 (slot 0) holding three votes: clocks fw 3 (full) and 8 (shared), pd fw 2 */
static struct agent *three_votes(struct fixture *f)
{
    static const struct vscmi_grant_cfg clocks[] = { GRANT(3, FULL), GRANT(8, SHARED) };
    static const struct vscmi_grant_cfg pds[] = { GRANT(2, FULL) };
    struct vscmi_domain_cfg cfg = { .domid = 4 };
    struct agent *a;

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    GRANTS(cfg, SCMI_PROTO_POWER, pds);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 0,
                                 SCMI_CLOCK_CONFIG_ENABLE), 0);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 1,
                                 SCMI_CLOCK_CONFIG_ENABLE), 0);
    assert_int_equal(agent_call3(a, SCMI_PROTO_POWER, SCMI_POWER_STATE_SET, 0, 0,
                                 SCMI_POWER_STATE_ON), 0);
    return a;
}

static void test_teardown_releases(void **state)
{
    struct fixture *f = *state;
    struct vscmi_counters c;
    struct agent *a = three_votes(f);

    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.votes, 3);
    assert_true(simfw_clock_enabled(f->fw, 3));
    assert_true(simfw_clock_enabled(f->fw, 8));
    assert_int_equal(simfw_power_state(f->fw, 2), SCMI_POWER_STATE_ON);

    vscmi_domain_teardown(a->d);
    assert_false(simfw_clock_enabled(f->fw, 3));
    assert_false(simfw_clock_enabled(f->fw, 8));
    assert_int_equal(simfw_power_state(f->fw, 2), SCMI_POWER_STATE_OFF);
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.votes, 0);
}

/*
 * Release is preemptible: a budget of one releases one vote, with the
 * mediator lock held for that one transaction only, so another domain's
 * call goes through between two steps; the domain's own calls are refused
 * from the first step on.
 */
static void test_release_is_preemptible(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg other[] = { GRANT(5, FULL) };
    struct vscmi_domain_cfg cfg2 = { .domid = 5 };
    struct vscmi_counters c;
    struct agent *a = three_votes(f), *b;

    GRANTS(cfg2, SCMI_PROTO_CLOCK, other);
    b = fixture_domain(f, 1, &cfg2);
    simfw_log_clear(f->fw);

    /* protocol by protocol: the power domain first */
    assert_int_equal(vscmi_domain_release(a->d, 1), VSCMI_EAGAIN);
    assert_int_equal(fw_count(f), 1);
    assert_int_equal(simfw_power_state(f->fw, 2), SCMI_POWER_STATE_OFF);
    assert_true(simfw_clock_enabled(f->fw, 3));
    /* between two steps: the other domain is served, this one refused */
    assert_int_equal(agent_call2(b, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 0,
                                 SCMI_CLOCK_CONFIG_ENABLE), SCMI_SUCCESS);
    assert_int_equal(agent_call2(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, 0,
                                 SCMI_CLOCK_CONFIG_ENABLE), SCMI_DENIED);
    assert_int_equal(fw_count(f), 2);

    assert_int_equal(vscmi_domain_release(a->d, 1), VSCMI_EAGAIN);
    assert_false(simfw_clock_enabled(f->fw, 3));
    assert_true(simfw_clock_enabled(f->fw, 8));
    assert_int_equal(vscmi_domain_release(a->d, 1), VSCMI_OK);
    assert_false(simfw_clock_enabled(f->fw, 8));
    assert_int_equal(fw_count(f), 4);
    vscmi_domain_counters(a->d, &c);
    assert_int_equal(c.votes, 0);
    /* nothing left: done at once, no firmware call */
    assert_int_equal(vscmi_domain_release(a->d, 0), VSCMI_OK);
    assert_int_equal(fw_count(f), 4);
}

/*
 * A listing (xl scmi-list) sees every grant with its guest and firmware
 * ids, mode, ownership and vote, protocols in id order, holes skipped.
 */
static void test_grant_listing(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(11, NONE), GRANT_OWNER(12), GRANT(13, RO),
    };
    struct vscmi_domain_cfg cfg = { .domid = 6 };
    struct vscmi_grant_info g;
    struct agent *a = three_votes(f), *b;

    assert_true(vscmi_domain_grant(a->d, 0, &g));
    assert_int_equal(g.proto, SCMI_PROTO_POWER);
    assert_int_equal(g.guest_id, 0);
    assert_int_equal(g.phys, 2);
    assert_int_equal(g.mode, VSCMI_MODE_FULL);
    assert_true(g.held);
    assert_true(vscmi_domain_grant(a->d, 2, &g));
    assert_int_equal(g.proto, SCMI_PROTO_CLOCK);
    assert_int_equal(g.guest_id, 1);
    assert_int_equal(g.phys, 8);
    assert_int_equal(g.mode, VSCMI_MODE_SHARED);
    assert_false(g.owner);
    assert_true(g.held);
    assert_false(vscmi_domain_grant(a->d, 3, &g));

    vscmi_domain_teardown(a->d);
    assert_true(vscmi_domain_grant(a->d, 1, &g));
    assert_int_equal(g.phys, 3);
    assert_false(g.held);

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    b = fixture_domain(f, 1, &cfg);
    assert_true(vscmi_domain_grant(b->d, 0, &g));
    assert_int_equal(g.guest_id, 1);            /* the hole is skipped */
    assert_int_equal(g.phys, 12);
    assert_true(g.owner);
    assert_false(g.held);
    assert_true(vscmi_domain_grant(b->d, 1, &g));
    assert_int_equal(g.guest_id, 2);
    assert_int_equal(g.mode, VSCMI_MODE_RO);
    assert_false(vscmi_domain_grant(b->d, 2, &g));
}

/* Holes keep guest ids equal to firmware ids in a list policy. */
static void test_holes(void **state)
{
    struct fixture *f = *state;
    static const struct vscmi_grant_cfg clocks[] = {
        GRANT(0, RO), { .phys = 77, .mode = VSCMI_MODE_NONE }, GRANT(2, FULL),
    };
    static const struct vscmi_grant_cfg other[] = { GRANT(1, FULL) };
    static const struct vscmi_grant_cfg bad[] = {
        { .phys = 1, .mode = VSCMI_MODE_NONE, .owner = true },
    };
    struct vscmi_domain_cfg cfg = { .domid = 0 }, cfg2 = { .domid = 1 };
    struct vscmi_domain *d;
    struct agent *a;

    GRANTS(cfg, SCMI_PROTO_CLOCK, clocks);
    a = fixture_domain(f, 0, &cfg);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 0), 0);
    assert_int_equal(fw_last(f)->id, 0);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 1),
                     SCMI_NOT_FOUND);
    assert_int_equal(agent_call1(a, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_GET, 2), 0);
    assert_int_equal(fw_last(f)->id, 2);
    assert_int_equal(fw_count(f), 2);

    /* a hole claims nothing: firmware clock 1 is free for another domain */
    GRANTS(cfg2, SCMI_PROTO_CLOCK, other);
    fixture_domain(f, 1, &cfg2);

    memset(&cfg2.res, 0, sizeof(cfg2.res));
    cfg2.domid = 2;
    GRANTS(cfg2, SCMI_PROTO_CLOCK, bad);
    assert_int_equal(create(f, &cfg2, &d), VSCMI_EINVAL);
    assert_non_null(strstr(f->err.line, "dom2: clock 0: owner needs mode shared, not none"));

    /* destroying the domain with holes unregisters only its real grants */
    fixture_destroy_domain(f, 0);
    fixture_destroy_domain(f, 1);
    cfg2.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].grant = other;
    assert_int_equal(create(f, &cfg2, &d), VSCMI_OK);
    vscmi_domain_destroy(d);
}

/*
 * A configuration error says where it lies (protocol, grant index) for the
 * caller to name its own entry; the line names the protocol in words.
 */
static void test_errors_name_the_entry(void **state)
{
    struct fixture *f = *state;
    static const uint8_t protos[] = {
        SCMI_PROTO_POWER, SCMI_PROTO_PERF, SCMI_PROTO_CLOCK,
        SCMI_PROTO_SENSOR, SCMI_PROTO_RESET, SCMI_PROTO_VOLTAGE,
    };
    static const struct vscmi_grant_cfg bad[] = { GRANT(0, RO), GRANT(999, FULL) };
    static const struct vscmi_grant_cfg twice[] = {
        GRANT(1, RO), GRANT(2, RO), GRANT(1, RO),
    };
    struct vscmi_domain_cfg cfg;
    struct vscmi_domain *d;
    unsigned int i;

    for ( i = 0; i < VSCMI_ARRAY_SIZE(protos); i++ )
    {
        cfg = (struct vscmi_domain_cfg){ .domid = 4 };
        GRANTS(cfg, protos[i], bad);
        assert_int_equal(create(f, &cfg, &d), VSCMI_ENODEV);
        assert_int_equal(f->err.proto, protos[i]);
        assert_int_equal(f->err.entry, 1);
        assert_non_null(strstr(f->err.line, vscmi_proto_name(protos[i])));
    }

    cfg = (struct vscmi_domain_cfg){ .domid = 4 };
    GRANTS(cfg, SCMI_PROTO_CLOCK, twice);
    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_int_equal(f->err.proto, SCMI_PROTO_CLOCK);
    assert_int_equal(f->err.entry, 2);

    /* an error about no grant in particular */
    cfg = (struct vscmi_domain_cfg){ .domid = 4, .protocols = 1u << 12 };
    assert_int_equal(create(f, &cfg, &d), VSCMI_EINVAL);
    assert_int_equal(f->err.proto, 0);
    assert_int_equal(f->err.entry, VSCMI_ERR_ALL);
    assert_null(vscmi_proto_name(0x20));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_id_beyond_firmware, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_exclusive_twice, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_duplicates_modes_owners, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_protocols, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_all_domain, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_teardown_releases, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_release_is_preemptible, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_holes, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_grant_listing, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_errors_name_the_entry, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
