// SPDX-License-Identifier: GPL-2.0
/*
 * ARM SMC/HVC mailbox: a mailbox controller whose doorbell is an SMCCC call
 * into firmware (method = "smc") or a hypervisor (method = "hvc").
 *
 * Binding: dts/bindings/arm,smc-mbox.yaml.  Channel n issues the
 * function ID arm,func-ids[n]; the ID comes from the device tree only, a
 * client cannot choose it.  x1..x7 are zero.  The call is synchronous: when
 * it returns, the callee has consumed the request and written any reply
 * (e.g. into an SCMI shared-memory channel), so send_data() delivers the
 * result to the client's rx_callback before it returns, and the client
 * acknowledges tx done (knows_txdone), as the SCMI mailbox transport does.
 *
 * rx_callback's message pointer carries the SMCCC result: NULL when x0 is 0
 * (success), ERR_PTR(-errno) otherwise.
 *
 * Idea from Andre Przywara's and Peng Fan's "mailbox: introduce ARM SMC
 * based mailbox" series, which upstream Linux did not merge.
 */

#include <linux/arm-smccc.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>

#define ARM_SMC_MBOX_MAX_CHANS	64	/* the binding's maxItems */
#define ARM_SMC_MBOX_LOG_IDS	4

typedef void (*arm_smc_mbox_fn)(u32 fid, struct arm_smccc_res *res);

struct arm_smc_mbox_chan {
	u32 fid;
	unsigned int index;
};

struct arm_smc_mbox {
	struct mbox_controller controller;
	arm_smc_mbox_fn invoke;
	const char *method;
	struct arm_smc_mbox_chan *chans;
};

static void arm_smc_mbox_smc(u32 fid, struct arm_smccc_res *res)
{
	arm_smccc_1_1_smc(fid, 0, 0, 0, 0, 0, 0, 0, res);
}

static void arm_smc_mbox_hvc(u32 fid, struct arm_smccc_res *res)
{
	arm_smccc_1_1_hvc(fid, 0, 0, 0, 0, 0, 0, 0, res);
}

static int arm_smc_mbox_errno(unsigned long x0)
{
	switch ((long)x0) {
	case SMCCC_RET_SUCCESS:
		return 0;
	case SMCCC_RET_NOT_SUPPORTED:
		return -EOPNOTSUPP;
	case SMCCC_RET_INVALID_PARAMETER:
		return -EINVAL;
	default:
		return -EIO;
	}
}

/* Called by the mailbox core with the channel lock held (atomic context). */
static int arm_smc_mbox_send_data(struct mbox_chan *link, void *data)
{
	struct arm_smc_mbox *mbox = dev_get_drvdata(link->mbox->dev);
	struct arm_smc_mbox_chan *chan = link->con_priv;
	struct arm_smccc_res res;
	int err;

	mbox->invoke(chan->fid, &res);
	err = arm_smc_mbox_errno(res.a0);
	if (err)
		dev_warn_ratelimited(link->mbox->dev,
				     "channel %u: %s 0x%08x returned %ld (%d)\n",
				     chan->index, mbox->method, chan->fid,
				     (long)res.a0, err);

	/*
	 * The message is consumed either way: returning an error here would
	 * leave it queued in the mailbox core and resubmit it later.
	 */
	mbox_chan_received_data(link, err ? ERR_PTR(err) : NULL);
	return 0;
}

static bool arm_smc_mbox_last_tx_done(struct mbox_chan *link)
{
	return true;	/* the call completed before send_data returned */
}

static const struct mbox_chan_ops arm_smc_mbox_ops = {
	.send_data	= arm_smc_mbox_send_data,
	.last_tx_done	= arm_smc_mbox_last_tx_done,
};

static struct mbox_chan *arm_smc_mbox_xlate(struct mbox_controller *controller,
					    const struct of_phandle_args *sp)
{
	if (sp->args_count != 1) {
		dev_err(controller->dev, "#mbox-cells must be 1, got %d\n",
			sp->args_count);
		return ERR_PTR(-EINVAL);
	}
	if (sp->args[0] >= controller->num_chans) {
		dev_err(controller->dev, "no channel %u (have %d)\n",
			sp->args[0], controller->num_chans);
		return ERR_PTR(-EINVAL);
	}
	return &controller->chans[sp->args[0]];
}

static int arm_smc_mbox_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	struct arm_smc_mbox *mbox;
	struct mbox_chan *links;
	const char *method;
	char ids[ARM_SMC_MBOX_LOG_IDS * 11 + 5];
	size_t len = 0;
	u32 *fids, cells;
	int n, i, ret;

	if (of_property_read_u32(np, "#mbox-cells", &cells) || cells != 1)
		return dev_err_probe(dev, -EINVAL, "#mbox-cells must be <1>\n");

	mbox = devm_kzalloc(dev, sizeof(*mbox), GFP_KERNEL);
	if (!mbox)
		return -ENOMEM;

	if (of_property_read_string(np, "method", &method))
		return dev_err_probe(dev, -EINVAL, "missing \"method\"\n");
	if (!strcmp(method, "smc")) {
		mbox->invoke = arm_smc_mbox_smc;
	} else if (!strcmp(method, "hvc")) {
		mbox->invoke = arm_smc_mbox_hvc;
	} else {
		return dev_err_probe(dev, -EINVAL,
				     "method \"%s\": must be \"smc\" or \"hvc\"\n",
				     method);
	}
	mbox->method = method;

	n = of_property_count_u32_elems(np, "arm,func-ids");
	if (n <= 0 || n > ARM_SMC_MBOX_MAX_CHANS)
		return dev_err_probe(dev, -EINVAL,
				     "\"arm,func-ids\": need 1..%d u32 cells (%d)\n",
				     ARM_SMC_MBOX_MAX_CHANS, n);

	fids = devm_kcalloc(dev, n, sizeof(*fids), GFP_KERNEL);
	mbox->chans = devm_kcalloc(dev, n, sizeof(*mbox->chans), GFP_KERNEL);
	links = devm_kcalloc(dev, n, sizeof(*links), GFP_KERNEL);
	if (!fids || !mbox->chans || !links)
		return -ENOMEM;
	ret = of_property_read_u32_array(np, "arm,func-ids", fids, n);
	if (ret)
		return dev_err_probe(dev, ret, "reading \"arm,func-ids\"\n");

	for (i = 0; i < n; i++) {
		/* SMCCC function ID: bit 31 set = fast call (never yields) */
		if (!ARM_SMCCC_IS_FAST_CALL(fids[i]))
			return dev_err_probe(dev, -EINVAL,
					     "func-id 0x%08x of channel %d is not a fast call\n",
					     fids[i], i);
		mbox->chans[i].fid = fids[i];
		mbox->chans[i].index = i;
		links[i].con_priv = &mbox->chans[i];
		if (i < ARM_SMC_MBOX_LOG_IDS)
			len += scnprintf(ids + len, sizeof(ids) - len,
					 " 0x%08x", fids[i]);
		else if (i == ARM_SMC_MBOX_LOG_IDS)
			len += scnprintf(ids + len, sizeof(ids) - len, " ...");
	}

	mbox->controller.dev = dev;
	mbox->controller.ops = &arm_smc_mbox_ops;
	mbox->controller.chans = links;
	mbox->controller.num_chans = n;
	mbox->controller.of_xlate = arm_smc_mbox_xlate;
	mbox->controller.txdone_irq = false;
	mbox->controller.txdone_poll = false;	/* client acks (TXDONE_BY_ACK) */
	platform_set_drvdata(pdev, mbox);

	ret = devm_mbox_controller_register(dev, &mbox->controller);
	if (ret)
		return dev_err_probe(dev, ret, "registering the controller\n");

	dev_info(dev, "%d channel(s), method %s, func-ids%s\n", n, method, ids);
	devm_kfree(dev, fids);
	return 0;
}

static const struct of_device_id arm_smc_mbox_of_match[] = {
	{ .compatible = "arm,smc-mbox" },
	{ }
};
MODULE_DEVICE_TABLE(of, arm_smc_mbox_of_match);

static struct platform_driver arm_smc_mbox_driver = {
	.driver = {
		.name = "arm-smc-mbox",
		.of_match_table = arm_smc_mbox_of_match,
		.suppress_bind_attrs = true,
	},
	.probe = arm_smc_mbox_probe,
};

/*
 * No module_exit: unregistering the controller would pull the channels from
 * under clients such as the SCMI core, which never let go of them, so the
 * module, once loaded, stays.
 */
static int __init arm_smc_mbox_init(void)
{
	return platform_driver_register(&arm_smc_mbox_driver);
}
module_init(arm_smc_mbox_init);

MODULE_DESCRIPTION("ARM SMC/HVC mailbox (arm,smc-mbox)");
MODULE_LICENSE("GPL");
