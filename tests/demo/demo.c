/* SPDX-License-Identifier: MIT */
/*
 * Host demo (make demo; make run before the QEMU platform exists): two
 * domains with different grants talk through the mediator to the
 * simulated SCMI platform.  For each step: what the domain asked (its
 * virtual ids), what reached firmware (the platform's log, physical ids)
 * and what the domain got back.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vscmi/vscmi.h>
#include "agent.h"
#include "os-host.h"
#include "simfw.h"

static struct simfw *fw;
static int surprises;

static const char *status_name(int32_t st)
{
    static const char *const names[] = {
        "SUCCESS", "NOT_SUPPORTED", "INVALID_PARAMETERS", "DENIED", "NOT_FOUND",
        "OUT_OF_RANGE", "BUSY", "COMMS_ERROR", "GENERIC_ERROR", "HARDWARE_ERROR",
        "PROTOCOL_ERROR", "IN_USE",
    };

    return st <= 0 && st >= -11 ? names[-st] : "?";
}

static const char *msg_name(uint8_t proto, uint8_t msg)
{
    switch ( proto << 8 | msg )
    {
    case SCMI_PROTO_BASE << 8 | SCMI_BASE_DISCOVER_LIST_PROTOCOLS: return "BASE_DISCOVER_LIST_PROTOCOLS";
    case SCMI_PROTO_BASE << 8 | SCMI_BASE_SET_DEVICE_PERMISSIONS: return "BASE_SET_DEVICE_PERMISSIONS";
    case SCMI_PROTO_CLOCK << 8 | SCMI_PROTOCOL_ATTRIBUTES: return "CLOCK_PROTOCOL_ATTRIBUTES";
    case SCMI_PROTO_CLOCK << 8 | SCMI_CLOCK_ATTRIBUTES: return "CLOCK_ATTRIBUTES";
    case SCMI_PROTO_CLOCK << 8 | SCMI_CLOCK_RATE_SET: return "CLOCK_RATE_SET";
    case SCMI_PROTO_CLOCK << 8 | SCMI_CLOCK_RATE_GET: return "CLOCK_RATE_GET";
    case SCMI_PROTO_CLOCK << 8 | SCMI_CLOCK_CONFIG_SET: return "CLOCK_CONFIG_SET";
    case SCMI_PROTO_SENSOR << 8 | SCMI_SENSOR_READING_GET: return "SENSOR_READING_GET";
    case SCMI_PROTO_SENSOR << 8 | SCMI_SENSOR_CONFIG_SET: return "SENSOR_CONFIG_SET";
    case SCMI_PROTO_RESET << 8 | SCMI_RESET: return "RESET";
    default: return "message";
    }
}

static const char *res_name(uint8_t proto)
{
    switch ( proto )
    {
    case SCMI_PROTO_CLOCK: return "clock";
    case SCMI_PROTO_SENSOR: return "sensor";
    case SCMI_PROTO_RESET: return "reset";
    default: return "id";
    }
}

/* What reached firmware since the last step. */
static void show_firmware(void)
{
    size_t i, n = simfw_log_count(fw);

    if ( !n )
        printf("    firmware received: nothing\n");
    for ( i = 0; i < n; i++ )
    {
        const struct simfw_rec *r = simfw_log_at(fw, i);
        char id[48] = "";

        if ( r->has_id )
            snprintf(id, sizeof(id), " %s %u%s%s%s", res_name(r->proto), r->id,
                     r->proto == SCMI_PROTO_CLOCK ? " (" : "",
                     r->proto == SCMI_PROTO_CLOCK ? simfw_clock_name(r->id) : "",
                     r->proto == SCMI_PROTO_CLOCK ? ")" : "");
        printf("    firmware received: %s%s -> %s\n", msg_name(r->proto, r->msg),
               id, status_name(r->status));
    }
    simfw_log_clear(fw);
}

/* One request: @what describes it with the domain's virtual ids. */
static int32_t step(const char *dom, struct agent *a, uint8_t proto, uint8_t msg,
                    const uint32_t *args, size_t nargs, const char *what,
                    int32_t expect)
{
    int32_t st = agent_call(a, proto, msg, args, 4 * nargs);

    printf("%s asks %s %s\n", dom, msg_name(proto, msg), what);
    show_firmware();
    printf("    %s gets: %s", dom, status_name(st));
    if ( st != expect )
    {
        printf(" [UNEXPECTED: should be %s]", status_name(expect));
        surprises++;
    }
    return st;
}

static void end(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

int main(void)
{
    static const struct vscmi_grant_cfg a_clk[] = {
        { .phys = 2, .mode = VSCMI_MODE_FULL },                    /* uart0 */
        { .phys = 12, .mode = VSCMI_MODE_SHARED, .owner = true },  /* gpu */
    };
    static const struct vscmi_grant_cfg a_sen[] = { { .phys = 1, .mode = VSCMI_MODE_RO } };
    static const struct vscmi_grant_cfg b_clk[] = {
        { .phys = 4, .mode = VSCMI_MODE_FULL },                    /* i2c0 */
        { .phys = 12, .mode = VSCMI_MODE_SHARED },                 /* gpu */
    };
    static const struct vscmi_grant_cfg b_rst[] = { { .phys = 3, .mode = VSCMI_MODE_FULL } };
    struct vscmi_domain_cfg ca = { .domid = 1, .name = "domA" };
    struct vscmi_domain_cfg cb = { .domid = 2, .name = "domB" };
    static struct agent A, B;
    struct vscmi_mediator *m;
    struct vscmi_domain *da, *db;
    struct vscmi_error err;
    uint32_t p[4];
    const uint8_t *list;
    int32_t st;

    ca.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].nr = 2;
    ca.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].grant = a_clk;
    ca.res[VSCMI_PROTO_IDX(SCMI_PROTO_SENSOR)].nr = 1;
    ca.res[VSCMI_PROTO_IDX(SCMI_PROTO_SENSOR)].grant = a_sen;
    cb.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].nr = 2;
    cb.res[VSCMI_PROTO_IDX(SCMI_PROTO_CLOCK)].grant = b_clk;
    cb.res[VSCMI_PROTO_IDX(SCMI_PROTO_RESET)].nr = 1;
    cb.res[VSCMI_PROTO_IDX(SCMI_PROTO_RESET)].grant = b_rst;

    vscmi_host_clock_set(1000000000ull);
    fw = simfw_create();
    if ( !fw || vscmi_mediator_create(simfw_fw(fw), &m, &err) ||
         vscmi_domain_create(m, &ca, &da, &err) ||
         vscmi_domain_create(m, &cb, &db, &err) )
    {
        fprintf(stderr, "demo: %s\n", err.line);
        return 1;
    }
    agent_init(&A, da);
    agent_init(&B, db);
    simfw_log_clear(fw);

    printf("vscmi host demo: two domains, one simulated SCMI firmware (\"%s:%s\")\n",
           SIMFW_VENDOR, SIMFW_SUB_VENDOR);
    printf("  domA: clock 0 = uart0 (full), clock 1 = gpu (shared, rate owner),"
           " sensor 0 = cpu_temp (read-only)\n");
    printf("  domB: clock 0 = i2c0 (full), clock 1 = gpu (shared), reset 0 = rst_usb\n\n");

    p[0] = 0;
    step("domA", &A, SCMI_PROTO_BASE, SCMI_BASE_DISCOVER_LIST_PROTOCOLS, p, 1,
         "(skip 0)", SCMI_SUCCESS);
    list = (const uint8_t *)&A.rsp[2];
    end(", %u protocols: 0x%x 0x%x (firmware has 7)", A.rsp[1], list[0], list[1]);

    p[0] = 0;
    step("domA", &A, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, p, 1, "clock 0", SCMI_SUCCESS);
    end(", name \"%s\"", (const char *)&A.rsp[2]);

    p[0] = 0; p[1] = 0; p[2] = 48000000; p[3] = 0;
    step("domA", &A, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, p, 4, "clock 0 to 48 MHz", SCMI_SUCCESS);
    end("");

    p[0] = 0; p[1] = 1; p[2] = 400000000; p[3] = 0;
    step("domB", &B, SCMI_PROTO_CLOCK, SCMI_CLOCK_RATE_SET, p, 4,
         "clock 1 (shared gpu) to 400 MHz", SCMI_DENIED);
    end(" (domA owns the gpu rate)");

    p[0] = 2;
    step("domB", &B, SCMI_PROTO_CLOCK, SCMI_CLOCK_ATTRIBUTES, p, 1, "clock 2", SCMI_NOT_FOUND);
    end(" (domB has 2 clocks)");

    p[0] = 0; p[1] = 0;
    st = step("domA", &A, SCMI_PROTO_SENSOR, SCMI_SENSOR_READING_GET, p, 2, "sensor 0", SCMI_SUCCESS);
    if ( st == SCMI_SUCCESS )
        end(", %d m°C", (int32_t)A.rsp[1]);
    else
        end("");
    p[0] = 0; p[1] = 0;
    step("domA", &A, SCMI_PROTO_SENSOR, SCMI_SENSOR_CONFIG_SET, p, 2, "sensor 0 off", SCMI_DENIED);
    end(" (read-only grant)");

    p[0] = 1; p[1] = 0; p[2] = 0;
    step("domB", &B, SCMI_PROTO_BASE, SCMI_BASE_SET_DEVICE_PERMISSIONS, p, 3, "agent 1", SCMI_DENIED);
    end("");

    printf("\n-- shared clock gpu: one vote per domain --\n");
    p[0] = 1; p[1] = 1;
    step("domA", &A, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, p, 2, "clock 1 on", SCMI_SUCCESS);
    end(", gpu at firmware: %s", simfw_clock_enabled(fw, 12) ? "on" : "off");
    step("domB", &B, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, p, 2, "clock 1 on", SCMI_SUCCESS);
    end(", gpu at firmware: %s", simfw_clock_enabled(fw, 12) ? "on" : "off");
    p[1] = 0;
    step("domA", &A, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, p, 2, "clock 1 off", SCMI_SUCCESS);
    end(", gpu at firmware: %s (domB still votes)",
        simfw_clock_enabled(fw, 12) ? "on" : "off");

    p[0] = 0; p[1] = 1; p[2] = 0;
    step("domB", &B, SCMI_PROTO_RESET, SCMI_RESET, p, 3, "reset 0 (autonomous)", SCMI_SUCCESS);
    end(", rst_usb resets at firmware: %u", simfw_reset_count(fw, 3));

    p[0] = 0; p[1] = 1;
    step("domA", &A, SCMI_PROTO_CLOCK, SCMI_CLOCK_CONFIG_SET, p, 2, "clock 0 on", SCMI_SUCCESS);
    end("");

    printf("\n-- teardown: domains are destroyed, their votes released --\n");
    printf("destroy domA\n");
    vscmi_domain_destroy(da);
    show_firmware();
    printf("    uart0 at firmware: %s, gpu at firmware: %s (domB still votes)\n",
           simfw_clock_enabled(fw, 2) ? "on" : "off",
           simfw_clock_enabled(fw, 12) ? "on" : "off");
    printf("destroy domB\n");
    vscmi_domain_destroy(db);
    show_firmware();
    printf("    gpu at firmware: %s\n", simfw_clock_enabled(fw, 12) ? "on" : "off");

    if ( simfw_clock_enabled(fw, 12) || simfw_clock_enabled(fw, 2) )
        surprises++;
    vscmi_mediator_destroy(m);
    simfw_destroy(fw);
    if ( surprises )
    {
        printf("demo: %d unexpected result(s)\n", surprises);
        return 1;
    }
    return 0;
}
