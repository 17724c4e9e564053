# SPDX-License-Identifier: MIT
# dom0 script of the xl-mixed scenario (what `make run` boots; helpers:
# tests/platform/initramfs/dom0.sh): beside the dom0less domU1, xl creates
# scmi1 (grants by name, tests/platform/xl/scmi1.cfg) and dtdev1 (grants
# from its dtdev, dtdev1.cfg); xl list and xl scmi-list show the three
# with their votes; then scmi1 is destroyed and dtdev1 shut down, and their
# votes go (the shared emmc_clk stays on: domU1 still holds it).

only_base() { [ -z "$(vscmi_domains_above 1)" ]; }

vscmi_phase create
vscmi_step create-scmi1 0 xl create /etc/xen/vscmi/scmi1.cfg
vscmi_step create-dtdev1 0 xl create /etc/xen/vscmi/dtdev1.cfg
vscmi_linux_up scmi1
vscmi_linux_up dtdev1

vscmi_phase list
vscmi_step xl-list 0 xl list
vscmi_step scmi-list 0 xl scmi-list
vscmi_step_all scmi-list-json 0 xl scmi-list -l

vscmi_phase teardown
vscmi_step destroy-scmi1 0 xl destroy scmi1
vscmi_step shutdown-dtdev1 0 xl shutdown -w dtdev1
vscmi_check only-domU1-left vscmi_wait_for 20 only_base
vscmi_step scmi-list-after 0 xl scmi-list
vscmi_report_memory
