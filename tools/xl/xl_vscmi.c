/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * tools/xl/xl_vscmi.c
 *
 * xl.cfg options of a domain's virtual SCMI mailbox (vscmi, Arm):
 *
 *   arm_sci = "type=vscmi_smc[,rate=N][,burst=N][,agent=N][,privileged=1]"
 *             (type=vscmi_mbox: the SMC/HVC mailbox binding)
 *   scmi_clocks = [ "ID|NAME[:MODE][@GUEST_ID]", ... ]
 *   scmi_power_domains, scmi_resets,   MODE: full (default), ro, shared,
 *   scmi_sensors, scmi_perf_domains,         shared-owner
 *   scmi_voltage_domains = [ ... ]
 *
 * Without @GUEST_ID an entry's guest id follows the previous entry's (0
 * for the first).  Every malformed entry gets one line naming it; Xen
 * judges the rest.
 *
 * xl scmi-list [-l] [domain]: each domain's channel, counters and grants.
 */

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <inttypes.h>
#include <stdbool.h>

#include <libxl.h>
#include <libxl_json.h>
#include <libxl_utils.h>
#include <libxlutil.h>
#include <xen-tools/common-macros.h>

#include "xl.h"
#include "xl_parse.h"
#include "xl_utils.h"

static const struct {
    const char *option;
    uint8_t protocol;
} scmi_lists[] = {
    { "scmi_power_domains", 0x11 },
    { "scmi_perf_domains", 0x13 },
    { "scmi_clocks", 0x14 },
    { "scmi_sensors", 0x15 },
    { "scmi_resets", 0x16 },
    { "scmi_voltage_domains", 0x17 },
};

static int parse_u32(const char *s, size_t len, uint32_t *out)
{
    char buf[16], *end;
    unsigned long v;

    if (!len || len >= sizeof(buf) || !isdigit((unsigned char)s[0]))
        return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    errno = 0;
    v = strtoul(buf, &end, 0);
    if (errno || *end || v > UINT32_MAX)
        return -1;
    *out = v;
    return 0;
}

static int parse_mode(const char *s, libxl_vscmi_mode *mode)
{
    if (!strcmp(s, "full"))
        *mode = LIBXL_VSCMI_MODE_FULL;
    else if (!strcmp(s, "ro"))
        *mode = LIBXL_VSCMI_MODE_RO;
    else if (!strcmp(s, "shared"))
        *mode = LIBXL_VSCMI_MODE_SHARED;
    else if (!strcmp(s, "shared-owner"))
        *mode = LIBXL_VSCMI_MODE_SHARED_OWNER;
    else
        return -1;
    return 0;
}

/* arm_sci = "type=vscmi_smc|vscmi_mbox[,key=value...]" */
static int parse_arm_sci(const char *spec, libxl_vscmi_config *cfg)
{
    const char *p = spec;

    while (*p) {
        const char *end = strchr(p, ','), *eq;
        size_t len = end ? (size_t)(end - p) : strlen(p);
        uint32_t v;

        eq = memchr(p, '=', len);
        if (!eq) {
            fprintf(stderr, "arm_sci: \"%.*s\": expected key=value\n", (int)len, p);
            return -1;
        }
#define KEY(k) ((size_t)(eq - p) == strlen(k) && !strncmp(p, k, eq - p))
        if (KEY("type")) {
            size_t vl = len - (eq + 1 - p);

            if (vl == 9 && !strncmp(eq + 1, "vscmi_smc", 9))
                cfg->binding = LIBXL_VSCMI_BINDING_SMC;
            else if (vl == 10 && !strncmp(eq + 1, "vscmi_mbox", 10))
                cfg->binding = LIBXL_VSCMI_BINDING_MBOX;
            else {
                fprintf(stderr, "arm_sci: type \"%.*s\": this xl knows vscmi_smc and vscmi_mbox\n",
                        (int)vl, eq + 1);
                return -1;
            }
        } else if (KEY("rate") || KEY("burst") || KEY("agent") || KEY("privileged")) {
            if (parse_u32(eq + 1, len - (eq + 1 - p), &v) ||
                (KEY("agent") && v > UINT16_MAX) || (KEY("privileged") && v > 1)) {
                fprintf(stderr, "arm_sci: \"%.*s\": not a valid number\n", (int)len, p);
                return -1;
            }
            if (KEY("rate"))
                cfg->rate = v;
            else if (KEY("burst"))
                cfg->burst = v;
            else if (KEY("agent"))
                cfg->agent = v;
            else
                libxl_defbool_set(&cfg->privileged, v);
        } else {
            fprintf(stderr, "arm_sci: unknown key \"%.*s\"\n", (int)(eq - p), p);
            return -1;
        }
#undef KEY
        p += len + (end ? 1 : 0);
    }
    if (cfg->binding == LIBXL_VSCMI_BINDING_NONE) {
        fprintf(stderr, "arm_sci: \"%s\": missing type=vscmi_smc or type=vscmi_mbox\n", spec);
        return -1;
    }
    return 0;
}

/* One list entry: "ID|NAME[:MODE][@GUEST_ID]" (NAME: the firmware's) */
static int parse_grant(const char *option, int i, const char *s,
                       uint8_t protocol, libxl_vscmi_grant *g)
{
    const char *at = strrchr(s, '@');
    size_t end = at ? (size_t)(at - s) : strlen(s);
    const char *colon = memchr(s, ':', end);
    size_t len = colon ? (size_t)(colon - s) : end;
    uint32_t v;
    size_t k;

    libxl_vscmi_grant_init(g);
    g->protocol = protocol;
    if (len && isdigit((unsigned char)s[0])) {
        if (parse_u32(s, len, &g->fw_id)) {
            fprintf(stderr, "%s entry %d (\"%s\"): expected a firmware id or name, optionally :MODE and @GUEST_ID\n",
                    option, i, s);
            return -1;
        }
    } else {
        /* a firmware name: what SCMI's 16-byte names may hold */
        for (k = 0; k < len; k++)
            if (!isalnum((unsigned char)s[k]) && !strchr("_-.", s[k]))
                break;
        if (!len || k < len || len > 15) {
            fprintf(stderr, "%s entry %d (\"%s\"): expected a firmware id or name, optionally :MODE and @GUEST_ID\n",
                    option, i, s);
            return -1;
        }
        g->name = xstrdup(s);
        g->name[len] = '\0';
    }
    if (colon) {
        char *mode = xstrdup(colon + 1);

        mode[end - len - 1] = '\0';
        if (parse_mode(mode, &g->mode)) {
            fprintf(stderr, "%s entry %d (\"%s\"): mode \"%s\" is not full, ro, shared or shared-owner\n",
                    option, i, s, mode);
            free(mode);
            return -1;
        }
        free(mode);
    }
    if (at) {
        if (parse_u32(at + 1, strlen(at + 1), &v) || v > INT_MAX) {
            fprintf(stderr, "%s entry %d (\"%s\"): \"%s\" is not a guest id\n",
                    option, i, s, at + 1);
            return -1;
        }
        g->guest_id = v;
    }
    return 0;
}

int parse_vscmi_config(XLU_Config *config, libxl_domain_build_info *b_info)
{
    libxl_vscmi_config *cfg = &b_info->arch_arm.vscmi;
    const char *spec;
    unsigned int k;

    if (!xlu_cfg_get_string(config, "arm_sci", &spec, 0) &&
        parse_arm_sci(spec, cfg))
        return -1;

    for (k = 0; k < ARRAY_SIZE(scmi_lists); k++) {
        XLU_ConfigList *list;
        const char *s;
        int n, i;

        if (xlu_cfg_get_list(config, scmi_lists[k].option, &list, &n, 0))
            continue;
        if (cfg->binding == LIBXL_VSCMI_BINDING_NONE) {
            fprintf(stderr, "%s: needs arm_sci = \"type=vscmi_smc\" (or vscmi_mbox)\n",
                    scmi_lists[k].option);
            return -1;
        }
        cfg->grants = xrealloc(cfg->grants,
                               sizeof(*cfg->grants) * (cfg->num_grants + n));
        for (i = 0; i < n; i++) {
            s = xlu_cfg_get_listitem(list, i);
            if (!s || parse_grant(scmi_lists[k].option, i, s, scmi_lists[k].protocol,
                                  &cfg->grants[cfg->num_grants]))
                return -1;
            cfg->num_grants++;
        }
    }

    return 0;
}

/* ---- xl scmi-list [-l] [domain] ---- */

static const char *scmi_kind(uint8_t protocol)
{
    switch (protocol) {
    case 0x11: return "power";
    case 0x13: return "perf";
    case 0x14: return "clock";
    case 0x15: return "sensor";
    case 0x16: return "reset";
    case 0x17: return "voltage";
    default: return "?";
    }
}

static const char *scmi_mode(libxl_vscmi_mode mode)
{
    switch (mode) {
    case LIBXL_VSCMI_MODE_RO: return "ro";
    case LIBXL_VSCMI_MODE_SHARED: return "shared";
    case LIBXL_VSCMI_MODE_SHARED_OWNER: return "shared-owner";
    default: return "full";
    }
}

static void scmi_print(uint32_t domid, const libxl_vscmi_info *info)
{
    char *name = libxl_domid_to_name(ctx, domid);
    int i;

    printf("%-20s %5u %-6s %#10x %#12"PRIx64" %5u %8"PRIu64" %7"PRIu64" %7"PRIu64" %7"PRIu64" %7"PRIu64"\n",
           name ? name : "(null)", domid,
           info->binding == LIBXL_VSCMI_BINDING_MBOX ? "mbox" : "smc",
           info->fid, info->gpa, info->votes, info->calls, info->denied,
           info->errors, info->fw_errors, info->busy);
    if (info->all)
        printf("    all: every resource no other domain holds alone, guest id = firmware id; votes on:\n");
    for (i = 0; i < info->num_grants; i++) {
        const libxl_vscmi_grant_info *g = &info->grants[i];

        if (info->all && !g->held)
            continue;
        printf("    %-8s %3u -> firmware %-4u %-12s%s\n", scmi_kind(g->protocol),
               g->guest_id, g->fw_id, scmi_mode(g->mode), g->held ? " on" : "");
    }
    free(name);
}

int main_scmi_list(int argc, char **argv)
{
    static const struct option opts[] = {
        {"long", 0, 0, 'l'},
        COMMON_LONG_OPTS
    };
    libxl_dominfo *doms = NULL, single;
    libxl_vscmi_info info;
    yajl_gen hand = NULL;
    const unsigned char *buf;
    size_t len;
    bool details = false;
    int nb = 0, i, opt, rc, ret = EXIT_FAILURE;

    SWITCH_FOREACH_OPT(opt, "l", opts, "scmi-list", 0) {
    case 'l':
        details = true;
        break;
    }

    if (optind < argc) {
        libxl_dominfo_init(&single);
        if (libxl_domain_info(ctx, &single, find_domain(argv[optind]))) {
            fprintf(stderr, "scmi-list: %s: no such domain\n", argv[optind]);
            return EXIT_FAILURE;
        }
        doms = &single;
        nb = 1;
    } else {
        doms = libxl_list_domain(ctx, &nb);
        if (!doms) {
            fprintf(stderr, "scmi-list: cannot list the domains\n");
            return EXIT_FAILURE;
        }
    }

    if (details) {
        hand = libxl_yajl_gen_alloc(NULL);
        if (!hand)
            goto out;
        yajl_gen_config(hand, yajl_gen_beautify, 1);
        yajl_gen_array_open(hand);
    } else {
        printf("%-20s %5s %-6s %10s %12s %5s %8s %7s %7s %7s %7s\n", "Name", "ID",
               "Bind", "FuncId", "Address", "Votes", "Calls", "Denied",
               "Errors", "FwErr", "Busy");
    }
    for (i = 0; i < nb; i++) {
        libxl_vscmi_info_init(&info);
        rc = libxl_vscmi_get_info(ctx, doms[i].domid, &info);
        if (rc == ERROR_NI) {
            fprintf(stderr, "scmi-list: this Xen has no vscmi\n");
            libxl_vscmi_info_dispose(&info);
            goto out;
        }
        if (!rc) {
            if (details) {
                yajl_gen_map_open(hand);
                yajl_gen_string(hand, (const unsigned char *)"domid", 5);
                yajl_gen_integer(hand, doms[i].domid);
                yajl_gen_string(hand, (const unsigned char *)"vscmi", 5);
                libxl_vscmi_info_gen_json(hand, &info);
                yajl_gen_map_close(hand);
            } else {
                scmi_print(doms[i].domid, &info);
            }
        }
        libxl_vscmi_info_dispose(&info);
    }
    if (details) {
        yajl_gen_array_close(hand);
        if (yajl_gen_get_buf(hand, &buf, &len) == yajl_gen_status_ok)
            printf("%s\n", buf);
    }
    ret = EXIT_SUCCESS;

 out:
    if (hand)
        yajl_gen_free(hand);
    if (doms == &single)
        libxl_dominfo_dispose(&single);
    else if (doms)
        libxl_dominfo_list_free(doms, nb);
    return ret;
}

/*
 * Local variables:
 * mode: C
 * c-file-style: "BSD"
 * c-basic-offset: 4
 * indent-tabs-mode: nil
 * End:
 */
