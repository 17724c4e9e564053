// SPDX-License-Identifier: BSD-3-Clause
/*
 * vscmi test platform: an SCMI server in TF-A BL31 for QEMU virt.
 *
 * Built on TF-A's own drivers/scmi-msg library; this file only provides the
 * platform callbacks (resource tables), the SiP SMC entry per agent, the
 * per-command log on the secure console and the deliberately misbehaving
 * "fault_*" resources the vscmi tests grant to domains to provoke faults.
 *
 * Agents: agent N is reached with SMC function ID VSCMI_FID_BASE + N and
 * uses the 4 KiB SMT page VSCMI_SHMEM_BASE + N * 0x1000 (non-secure DRAM,
 * reserved in the device tree).  Agent 1 numbers the clocks its own way
 * (agent1_clocks[]): the mediator must send it that agent's ids.
 *
 * Oracle: every SMC that reaches the server prints exactly one line on the
 * secure UART (PL011 at 0x09040000, QEMU's second -serial):
 *
 *   SCMI-FW: seq=<n> agent=<n> proto=0x<hh> msg=0x<hh> id=<n|-> status=<s>[ fault=<f>]
 *
 * <s> is the SCMI status returned (signed decimal, 0 = SUCCESS) or
 * "smt-error" when the SMT layer refused the channel (bad status flags,
 * oversized message, channel already busy).  id is the resource (clock,
 * power domain, reset domain, sensor) the command addresses, "-" when the
 * command has none.  fault= is present when a fault_* resource misbehaved.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <arch_helpers.h>
#include <common/debug.h>
#include <common/runtime_svc.h>
#include <drivers/scmi-msg.h>
#include <drivers/scmi.h>
#include <lib/mmio.h>
#include <lib/smccc.h>
#include <lib/spinlock.h>
#include <lib/utils_def.h>
#include <lib/xlat_tables/xlat_tables_v2.h>
#include <platform_def.h>
#include <tools_share/uuid.h>

#include "../../../drivers/scmi-msg/sensor.h"

#define VSCMI_AGENT_COUNT	4U
#define VSCMI_FID_BASE		0x82000010U
#define VSCMI_SHMEM_BASE	0xbfff0000UL
#define VSCMI_SHMEM_SIZE	0x1000UL

#define VSCMI_LOG_UART		0x09040000UL	/* QEMU virt secure PL011 */
#define VSCMI_SLOW_CLK_MS	200U		/* fault_slow_clk rate-set delay */
#define VSCMI_JUNK_LENGTH	0x00010000U	/* fault_junk_sns SMT length */

/* SMT header (same layout as drivers/scmi-msg/smt.c) */
#define SMT_OFF_STATUS		0x04U
#define SMT_OFF_LENGTH		0x14U
#define SMT_OFF_HEADER		0x18U
#define SMT_OFF_PAYLOAD		0x1cU
#define SMT_STATUS_FREE		BIT_32(0)
#define SMT_STATUS_ERROR	BIT_32(1)

#define PD_STATE_ON		0x00000000U
#define PD_STATE_OFF		0x40000000U

/* ------------------------------------------------------------------ agents */

static struct scmi_msg_channel channels[VSCMI_AGENT_COUNT] = {
	{ .shm_addr = VSCMI_SHMEM_BASE + 0x0000, .shm_size = VSCMI_SHMEM_SIZE,
	  .agent_name = "agent0" },
	{ .shm_addr = VSCMI_SHMEM_BASE + 0x1000, .shm_size = VSCMI_SHMEM_SIZE,
	  .agent_name = "agent1" },
	{ .shm_addr = VSCMI_SHMEM_BASE + 0x2000, .shm_size = VSCMI_SHMEM_SIZE,
	  .agent_name = "agent2" },
	{ .shm_addr = VSCMI_SHMEM_BASE + 0x3000, .shm_size = VSCMI_SHMEM_SIZE,
	  .agent_name = "agent3" },
};

struct scmi_msg_channel *plat_scmi_get_channel(unsigned int agent_id)
{
	return (agent_id < VSCMI_AGENT_COUNT) ? &channels[agent_id] : NULL;
}

static const uint8_t protocols[] = {
	SCMI_PROTOCOL_ID_POWER_DOMAIN,
	SCMI_PROTOCOL_ID_CLOCK,
	SCMI_PROTOCOL_ID_SENSOR,
	SCMI_PROTOCOL_ID_RESET_DOMAIN,
	0U
};

size_t plat_scmi_protocol_count(void)
{
	return ARRAY_SIZE(protocols) - 1U;
}

const uint8_t *plat_scmi_protocol_list(unsigned int agent_id __unused)
{
	return protocols;
}

const char *plat_scmi_vendor_name(void)
{
	return "vscmi";
}

const char *plat_scmi_sub_vendor_name(void)
{
	return "qemu-virt";
}

/* ------------------------------------------------------------------ clocks */

struct vclk {
	const char *name;
	bool range;			/* rates[] = {min, max, step} */
	bool critical;			/* may not be disabled or re-rated */
	bool enabled;
	unsigned long rate;
	unsigned int nrates;
	unsigned long rates[6];
};

#define CLK_LIST(_n, _on, _crit, ...) { .name = (_n), .enabled = (_on), \
	.critical = (_crit), .rates = { __VA_ARGS__ }, \
	.nrates = ARRAY_SIZE(((unsigned long[]){ __VA_ARGS__ })) }
#define CLK_RANGE(_n, _on, _min, _max, _step) { .name = (_n), .range = true, \
	.enabled = (_on), .rates = { (_min), (_max), (_step) }, .nrates = 3U }

#define FAULT_SLOW_CLK		18U
/*
 * Clocks 20..83 are "bulk20".."bulk83": plain 1 MHz gates, off at reset,
 * enough for one domain to hold 64 votes (the teardown bench).
 */
#define BULK_CLK_FIRST		20U
#define BULK_CLK_COUNT		64U

static char bulk_names[BULK_CLK_COUNT][8];

static struct vclk clocks[BULK_CLK_FIRST + BULK_CLK_COUNT] = {
	/*  0 */ CLK_LIST("sys_osc24m", true, true, 24000000UL),
	/*  1 */ CLK_LIST("ddr_pll", true, true, 400000000UL, 533000000UL,
			  800000000UL),
	/*  2 */ CLK_RANGE("cpu_pll", true, 400000000UL, 1500000000UL,
			   100000000UL),
	/*  3 */ CLK_LIST("periph_apb", false, false, 50000000UL, 100000000UL),
	/*  4 */ CLK_LIST("gpu_core", false, false, 200000000UL, 400000000UL,
			  600000000UL, 800000000UL),
	/*  5 */ CLK_LIST("vpu_core", false, false, 150000000UL, 300000000UL,
			  600000000UL),
	/*  6 */ CLK_RANGE("disp_pix", false, 25000000UL, 300000000UL,
			   250000UL),
	/*  7 */ CLK_LIST("uart_baud", true, false, 1843200UL, 3686400UL,
			  7372800UL, 24000000UL),
	/*  8 */ CLK_LIST("i2c0_sclk", false, false, 100000UL, 400000UL,
			  1000000UL),
	/*  9 */ CLK_LIST("i2c1_sclk", false, false, 100000UL, 400000UL,
			  1000000UL),
	/* 10 */ CLK_RANGE("spi0_sclk", false, 1000000UL, 50000000UL,
			   1000000UL),
	/* 11 */ CLK_LIST("sdmmc_clk", false, false, 400000UL, 25000000UL,
			  50000000UL, 100000000UL, 200000000UL),
	/* 12 */ CLK_LIST("emmc_clk", false, false, 400000UL, 26000000UL,
			  52000000UL, 200000000UL),
	/* 13 */ CLK_LIST("usb_ref", false, false, 12000000UL, 19200000UL,
			  24000000UL),
	/* 14 */ CLK_LIST("eth_ref", false, false, 25000000UL, 50000000UL,
			  125000000UL),
	/* 15 */ CLK_LIST("pcie_ref", false, false, 100000000UL),
	/* 16 */ CLK_LIST("audio_mclk", false, false, 11289600UL, 12288000UL,
			  22579200UL, 24576000UL),
	/* 17 */ CLK_RANGE("pwm_clk", false, 1000UL, 1000000UL, 1000UL),
	/* 18 */ CLK_LIST("fault_slow_clk", false, false, 1000000UL,
			  2000000UL, 4000000UL),
	/* 19 */ CLK_LIST("wdt_clk", true, false, 32768UL),
};

/*
 * Agent 1 sees the clocks in its own numbering, as multi-agent firmware
 * may (SCP-firmware's per-agent tables): a subset, renumbered.  Its clock i
 * is the platform's agent1_clocks[i]; the other agents see them all, as
 * they are.  The log's id= is the agent's.
 */
#define VSCMI_VIEW_AGENT	1U
static const unsigned int agent1_clocks[] = {
	17, 16, 14, 13, 10, 9, 8, 5, 4, 3,
};

static struct vclk *clk_get(unsigned int agent_id, unsigned int id)
{
	if (agent_id == VSCMI_VIEW_AGENT) {
		if (id >= ARRAY_SIZE(agent1_clocks)) {
			return NULL;
		}
		id = agent1_clocks[id];
	}
	return (id < ARRAY_SIZE(clocks)) ? &clocks[id] : NULL;
}

size_t plat_scmi_clock_count(unsigned int agent_id)
{
	return (agent_id == VSCMI_VIEW_AGENT) ? ARRAY_SIZE(agent1_clocks) :
						ARRAY_SIZE(clocks);
}

const char *plat_scmi_clock_get_name(unsigned int agent_id,
				     unsigned int scmi_id)
{
	struct vclk *c = clk_get(agent_id, scmi_id);

	return (c != NULL) ? c->name : NULL;
}

int32_t plat_scmi_clock_rates_array(unsigned int agent_id,
				    unsigned int scmi_id, unsigned long *rates,
				    size_t *nb_elts, uint32_t start_idx)
{
	struct vclk *c = clk_get(agent_id, scmi_id);
	size_t i;

	if (c == NULL) {
		return SCMI_NOT_FOUND;
	}
	if (c->range) {
		return SCMI_NOT_SUPPORTED;	/* use rates_by_step */
	}
	if (rates == NULL) {
		*nb_elts = c->nrates;
		return SCMI_SUCCESS;
	}
	if ((start_idx >= c->nrates) || (*nb_elts > c->nrates - start_idx)) {
		return SCMI_OUT_OF_RANGE;
	}
	for (i = 0U; i < *nb_elts; i++) {
		rates[i] = c->rates[start_idx + i];
	}
	return SCMI_SUCCESS;
}

int32_t plat_scmi_clock_rates_by_step(unsigned int agent_id,
				      unsigned int scmi_id,
				      unsigned long *min_max_step)
{
	struct vclk *c = clk_get(agent_id, scmi_id);

	if ((c == NULL) || !c->range) {
		return SCMI_NOT_FOUND;
	}
	min_max_step[0] = c->rates[0];
	min_max_step[1] = c->rates[1];
	min_max_step[2] = c->rates[2];
	return SCMI_SUCCESS;
}

unsigned long plat_scmi_clock_get_rate(unsigned int agent_id,
				       unsigned int scmi_id)
{
	struct vclk *c = clk_get(agent_id, scmi_id);

	return (c != NULL) ? c->rate : 0UL;
}

int32_t plat_scmi_clock_set_rate(unsigned int agent_id,
				 unsigned int scmi_id, unsigned long rate)
{
	struct vclk *c = clk_get(agent_id, scmi_id);
	unsigned int i;

	if (c == NULL) {
		return SCMI_NOT_FOUND;
	}
	if (c->critical) {
		return (rate == c->rate) ? SCMI_SUCCESS : SCMI_DENIED;
	}
	if (c->range) {
		if ((rate < c->rates[0]) || (rate > c->rates[1]) ||
		    (((rate - c->rates[0]) % c->rates[2]) != 0UL)) {
			return SCMI_INVALID_PARAMETERS;
		}
		c->rate = rate;
		return SCMI_SUCCESS;
	}
	for (i = 0U; i < c->nrates; i++) {
		if (c->rates[i] == rate) {
			c->rate = rate;
			return SCMI_SUCCESS;
		}
	}
	return SCMI_INVALID_PARAMETERS;
}

int32_t plat_scmi_clock_get_state(unsigned int agent_id,
				  unsigned int scmi_id)
{
	struct vclk *c = clk_get(agent_id, scmi_id);

	return ((c != NULL) && c->enabled) ? 1 : 0;
}

int32_t plat_scmi_clock_set_state(unsigned int agent_id,
				  unsigned int scmi_id, bool enable)
{
	struct vclk *c = clk_get(agent_id, scmi_id);

	if (c == NULL) {
		return SCMI_NOT_FOUND;
	}
	if (c->critical && !enable) {
		return SCMI_DENIED;
	}
	c->enabled = enable;
	return SCMI_SUCCESS;
}

/* ----------------------------------------------------------- power domains */

struct vpd {
	const char *name;
	unsigned int state;
};

#define FAULT_ERR_PD		7U

static struct vpd pds[] = {
	/* 0 */ { "pd_gpu", PD_STATE_OFF },
	/* 1 */ { "pd_vpu", PD_STATE_OFF },
	/* 2 */ { "pd_display", PD_STATE_OFF },
	/* 3 */ { "pd_usb", PD_STATE_ON },
	/* 4 */ { "pd_pcie", PD_STATE_ON },
	/* 5 */ { "pd_audio", PD_STATE_OFF },
	/* 6 */ { "pd_periph", PD_STATE_OFF },
	/* 7 */ { "fault_err_pd", PD_STATE_OFF },
};

size_t plat_scmi_pd_count(unsigned int agent_id __unused)
{
	return ARRAY_SIZE(pds);
}

const char *plat_scmi_pd_get_name(unsigned int agent_id __unused,
				  unsigned int pd_id)
{
	return (pd_id < ARRAY_SIZE(pds)) ? pds[pd_id].name : NULL;
}

unsigned int plat_scmi_pd_statistics(unsigned int agent_id __unused,
				     unsigned long *pd_id __unused)
{
	return 0U;
}

unsigned int plat_scmi_pd_get_attributes(unsigned int agent_id __unused,
					 unsigned int pd_id __unused)
{
	return 1U << 29;	/* synchronous state changes only */
}

unsigned int plat_scmi_pd_get_state(unsigned int agent_id __unused,
				    unsigned int pd_id)
{
	return (pd_id < ARRAY_SIZE(pds)) ? pds[pd_id].state : PD_STATE_OFF;
}

int32_t plat_scmi_pd_set_state(unsigned int agent_id __unused,
			       unsigned int flags, unsigned int pd_id,
			       unsigned int state)
{
	if (pd_id >= ARRAY_SIZE(pds)) {
		return SCMI_NOT_FOUND;
	}
	if (flags != 0U) {
		return SCMI_NOT_SUPPORTED;	/* no async transitions */
	}
	if ((state != PD_STATE_ON) && (state != PD_STATE_OFF)) {
		return SCMI_INVALID_PARAMETERS;
	}
	if (pd_id == FAULT_ERR_PD) {
		return SCMI_HARDWARE_ERROR;
	}
	pds[pd_id].state = state;
	return SCMI_SUCCESS;
}

/* ----------------------------------------------------------- reset domains */

struct vrst {
	const char *name;
	bool asserted;
};

#define FAULT_BUSY_RST		7U

static struct vrst rsts[] = {
	/* 0 */ { "rst_gpu", true },
	/* 1 */ { "rst_vpu", true },
	/* 2 */ { "rst_display", true },
	/* 3 */ { "rst_usb", false },
	/* 4 */ { "rst_pcie", false },
	/* 5 */ { "rst_eth", true },
	/* 6 */ { "rst_periph", true },
	/* 7 */ { "fault_busy_rst", false },
};

size_t plat_scmi_rstd_count(unsigned int agent_id __unused)
{
	return ARRAY_SIZE(rsts);
}

const char *plat_scmi_rstd_get_name(unsigned int agent_id __unused,
				    unsigned int scmi_id)
{
	return (scmi_id < ARRAY_SIZE(rsts)) ? rsts[scmi_id].name : NULL;
}

int32_t plat_scmi_rstd_autonomous(unsigned int agent_id __unused,
				  unsigned int scmi_id, unsigned int state)
{
	if (scmi_id >= ARRAY_SIZE(rsts)) {
		return SCMI_NOT_FOUND;
	}
	if (state != 0U) {
		return SCMI_NOT_SUPPORTED;	/* only architectural reset */
	}
	rsts[scmi_id].asserted = false;		/* pulse: assert + release */
	return SCMI_SUCCESS;
}

int32_t plat_scmi_rstd_set_state(unsigned int agent_id __unused,
				 unsigned int scmi_id, bool assert_not_deassert)
{
	if (scmi_id >= ARRAY_SIZE(rsts)) {
		return SCMI_NOT_FOUND;
	}
	rsts[scmi_id].asserted = assert_not_deassert;
	return SCMI_SUCCESS;
}

/* ----------------------------------------------------------------- sensors */

struct vsns {
	const char *name;
	uint32_t type;		/* SCMI sensor type (attributes_high[7:0]) */
	int32_t scale;		/* power-of-ten unit multiplier */
	int64_t value;
};

#define SNS_TYPE_DEGC		2U
#define SNS_TYPE_VOLTS		5U
#define SNS_TYPE_RPM		12U
#define FAULT_JUNK_SNS		3U

static const struct vsns sensors[] = {
	/* 0 */ { "soc_temp", SNS_TYPE_DEGC, -3, 45000 },
	/* 1 */ { "cpu_temp", SNS_TYPE_DEGC, -3, 52500 },
	/* 2 */ { "vdd_core", SNS_TYPE_VOLTS, -3, 900 },
	/* 3 */ { "fault_junk_sns", SNS_TYPE_DEGC, -3, 0 },
	/* 4 */ { "fan0_speed", SNS_TYPE_RPM, 0, 2400 },
};

static uint16_t sns_count(unsigned int agent_id __unused)
{
	return ARRAY_SIZE(sensors);
}

static uint8_t sns_max_request(unsigned int agent_id __unused)
{
	return 1U;
}

static uint32_t sns_reg(unsigned int agent_id __unused,
			unsigned int *addr __unused)
{
	return 0U;	/* no sensor shared-memory region */
}

static int32_t sns_reading_get(uint32_t agent_id __unused, uint16_t id,
			       uint32_t *val)
{
	uint64_t v;

	if (id >= ARRAY_SIZE(sensors)) {
		return -1;
	}
	if (id == FAULT_JUNK_SNS) {
		v = 0xdeadbeefbadc0ffeULL;
		val[2] = 0xffffffffU;	/* garbage timestamp */
		val[3] = 0x7fffffffU;
	} else {
		v = (uint64_t)sensors[id].value;
		val[2] = 0U;
		val[3] = 0U;
	}
	val[0] = (uint32_t)v;
	val[1] = (uint32_t)(v >> 32);
	return 0;
}

static uint32_t sns_description_get(unsigned int agent_id __unused,
				    uint16_t idx, struct scmi_sensor_desc *desc)
{
	const struct vsns *s;
	uint32_t remaining;

	memset(desc, 0, sizeof(*desc));
	if (idx >= ARRAY_SIZE(sensors)) {
		return 0U;
	}
	s = &sensors[idx];
	desc->id = idx;
	desc->attr_low = 0U;
	desc->attr_high = s->type | (((uint32_t)s->scale & 0x1fU) << 11);
	strlcpy((char *)desc->name, s->name, sizeof(desc->name));
	remaining = ARRAY_SIZE(sensors) - idx - 1U;
	return 1U | (remaining << 16);
}

static uint32_t sns_update_interval(uint32_t agent_id __unused,
				    uint16_t id __unused)
{
	return 0U;
}

static uint32_t sns_state(uint32_t agent_id __unused, uint16_t id __unused)
{
	return 1U;	/* enabled */
}

static uint16_t sns_timestamped(uint32_t agent_id __unused,
				uint16_t id __unused)
{
	return 0U;
}

REGISTER_SCMI_SENSOR_OPS(sns_count, sns_max_request, sns_reg, sns_reading_get,
			 sns_description_get, sns_update_interval, sns_state,
			 sns_timestamped);

/* ------------------------------------------------- secure-console logging */

static spinlock_t log_lock;
static unsigned long log_seq;

static void log_putc(char c)
{
	while ((mmio_read_32(VSCMI_LOG_UART + 0x18U) & BIT_32(5)) != 0U) {
		;	/* TX FIFO full */
	}
	mmio_write_32(VSCMI_LOG_UART, (uint32_t)(unsigned char)c);
}

static void log_line(const char *s)
{
	while (*s != '\0') {
		if (*s == '\n') {
			log_putc('\r');
		}
		log_putc(*s++);
	}
}

static void log_uart_init(void)
{
	mmio_write_32(VSCMI_LOG_UART + 0x30U, 0U);		/* CR: off */
	mmio_write_32(VSCMI_LOG_UART + 0x2cU, 0x70U);		/* LCR_H: 8n1, FIFO */
	mmio_write_32(VSCMI_LOG_UART + 0x30U, 0x301U);		/* CR: UART, TX, RX */
}

/* not in TF-A's drivers/scmi.h: it serves no voltage protocol */
#define SCMI_PROTOCOL_ID_VOLTAGE	0x17U

/* which payload word holds the resource id (-1: none), as the mediator's
 * command tables say (common/proto_*.c: id_word) */
static int id_word(unsigned int proto, unsigned int msg)
{
	if (msg < 3U) {
		return -1;	/* version, attributes, message attributes */
	}
	switch (proto) {
	case SCMI_PROTOCOL_ID_POWER_DOMAIN:
		return (msg == 4U) ? 1 : 0;		/* STATE_SET: flags, id */
	case SCMI_PROTOCOL_ID_CLOCK:
		return (msg == 5U) ? 1 : 0;		/* RATE_SET: flags, id */
	case SCMI_PROTOCOL_ID_SENSOR:
	case SCMI_PROTOCOL_ID_RESET_DOMAIN:
	case SCMI_PROTOCOL_ID_PERF:
	case SCMI_PROTOCOL_ID_VOLTAGE:
		return 0;
	default:
		return -1;
	}
}

static void delay_ms(unsigned int ms)
{
	uint64_t freq = read_cntfrq_el0();
	uint64_t end = read_cntpct_el0() + (freq / 1000U) * ms;

	while (read_cntpct_el0() < end) {
		;
	}
}

static void vscmi_handle(unsigned int agent)
{
	uintptr_t shm = channels[agent].shm_addr;
	uint32_t st_in = mmio_read_32(shm + SMT_OFF_STATUS);
	uint32_t len = mmio_read_32(shm + SMT_OFF_LENGTH);
	uint32_t hdr = mmio_read_32(shm + SMT_OFF_HEADER);
	unsigned int proto = (hdr >> 10) & 0xffU;
	unsigned int msg = hdr & 0xffU;
	int w = id_word(proto, msg);
	bool have_id = (w >= 0) && (len >= 4U + 4U * ((uint32_t)w + 1U)) &&
		       (len <= 4U + 92U);
	uint32_t id = have_id ? mmio_read_32(shm + SMT_OFF_PAYLOAD + 4U * w) : 0U;
	const char *fault = NULL;
	char idbuf[12], stbuf[16], line[128];
	uint32_t st_out;

	if (have_id && (proto == SCMI_PROTOCOL_ID_CLOCK) && (msg == 5U) &&
	    (id == FAULT_SLOW_CLK)) {
		fault = "late";
		delay_ms(VSCMI_SLOW_CLK_MS);
	}

	scmi_smt_fastcall_smc_entry(agent);

	st_out = mmio_read_32(shm + SMT_OFF_STATUS);
	if (((st_in & (SMT_STATUS_FREE | SMT_STATUS_ERROR)) != 0U) ||
	    ((st_out & SMT_STATUS_ERROR) != 0U)) {
		(void)snprintf(stbuf, sizeof(stbuf), "smt-error");
	} else {
		int32_t status = (int32_t)mmio_read_32(shm + SMT_OFF_PAYLOAD);

		(void)snprintf(stbuf, sizeof(stbuf), "%d", status);
		if (have_id && (proto == SCMI_PROTOCOL_ID_RESET_DOMAIN) &&
		    (msg == 4U) && (id == FAULT_BUSY_RST)) {
			/* never hand the channel back to the agent */
			mmio_write_32(shm + SMT_OFF_STATUS,
				      st_out & ~SMT_STATUS_FREE);
			fault = "busy";
		} else if (have_id && (proto == SCMI_PROTOCOL_ID_SENSOR) &&
			   (msg == 6U) && (id == FAULT_JUNK_SNS)) {
			mmio_write_32(shm + SMT_OFF_LENGTH, VSCMI_JUNK_LENGTH);
			fault = "junk";
		} else if (have_id && (proto == SCMI_PROTOCOL_ID_POWER_DOMAIN) &&
			   (msg == 4U) && (id == FAULT_ERR_PD)) {
			fault = "hwerr";
		}
	}

	if (have_id) {
		(void)snprintf(idbuf, sizeof(idbuf), "%u", id);
	} else {
		idbuf[0] = '-';
		idbuf[1] = '\0';
	}

	spin_lock(&log_lock);
	log_seq++;
	(void)snprintf(line, sizeof(line),
		       "SCMI-FW: seq=%lu agent=%u proto=0x%02x msg=0x%02x id=%s status=%s%s%s\n",
		       log_seq, agent, proto, msg, idbuf, stbuf,
		       (fault != NULL) ? " fault=" : "",
		       (fault != NULL) ? fault : "");
	log_line(line);
	spin_unlock(&log_lock);
}

/* ------------------------------------------------------------- SiP service */

static int32_t vscmi_svc_setup(void)
{
	unsigned int i;
	int rc;

	rc = mmap_add_dynamic_region(VSCMI_SHMEM_BASE, VSCMI_SHMEM_BASE,
				     VSCMI_AGENT_COUNT * VSCMI_SHMEM_SIZE,
				     MT_DEVICE | MT_RW | MT_NS |
				     MT_EXECUTE_NEVER);
	if (rc != 0) {
		ERROR("vscmi: cannot map SCMI shared memory (%d)\n", rc);
		return rc;
	}
	for (i = 0U; i < VSCMI_AGENT_COUNT; i++) {
		scmi_smt_init_agent_channel(&channels[i]);
	}
	for (i = BULK_CLK_FIRST; i < ARRAY_SIZE(clocks); i++) {
		(void)snprintf(bulk_names[i - BULK_CLK_FIRST],
			       sizeof(bulk_names[0]), "bulk%u", i);
		clocks[i] = (struct vclk){ .name = bulk_names[i - BULK_CLK_FIRST],
					   .rates = { 1000000UL }, .nrates = 1U };
	}
	for (i = 0U; i < ARRAY_SIZE(clocks); i++) {
		clocks[i].rate = clocks[i].rates[0];	/* first / minimum rate */
	}
	log_uart_init();
	log_line("VSCMI-FW: SCMI server up: vendor=vscmi sub=qemu-virt agents=4\n");
	NOTICE("vscmi: SCMI server: %u agents, SMC 0x%x.., shmem 0x%lx..\n",
	       VSCMI_AGENT_COUNT, VSCMI_FID_BASE, VSCMI_SHMEM_BASE);
	return 0;
}

static uintptr_t vscmi_svc_handler(uint32_t smc_fid, u_register_t x1,
				   u_register_t x2, u_register_t x3,
				   u_register_t x4, void *cookie, void *handle,
				   u_register_t flags)
{
	uint32_t fid = smc_fid & ~(1U << 30);	/* SMC32 and SMC64 alike */

	if (!is_caller_non_secure(flags) || (fid < VSCMI_FID_BASE) ||
	    (fid >= VSCMI_FID_BASE + VSCMI_AGENT_COUNT)) {
		SMC_RET1(handle, SMC_UNK);
	}
	vscmi_handle(fid - VSCMI_FID_BASE);
	SMC_RET1(handle, 0);
}

DECLARE_RT_SVC(vscmi_sip_svc, OEN_SIP_START, OEN_SIP_END, SMC_TYPE_FAST,
	       vscmi_svc_setup, vscmi_svc_handler);
