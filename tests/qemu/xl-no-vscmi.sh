# SPDX-License-Identifier: MIT
# dom0 script of the xl-no-vscmi scenario: the vscmi toolstack on upstream
# Xen 4.20, which has no vscmi.  A domain without an SCMI channel is
# created and destroyed as usual; one with a channel, by id or by name,
# is refused in one line and leaves no domain; xl scmi-list says why.

only_dom0() { [ -z "$(vscmi_domains_above 0)" ]; }

vscmi_phase no-vscmi
vscmi_agent_cfg plain "vscmi.mode=idle"
vscmi_step create-plain 0 xl create -q /etc/xen/plain.cfg
vscmi_check plain-idle vscmi_wait_for 20 vscmi_seen plain-vuart0 'VSCMI-AGENT-IDLE: name=plain'
vscmi_step destroy-plain 0 xl destroy plain
vscmi_agent_cfg byid "vscmi.mode=idle" 'arm_sci = "type=vscmi_smc"' 'scmi_clocks = [ "8" ]'
vscmi_agent_cfg byname "vscmi.mode=idle" 'arm_sci = "type=vscmi_smc"' 'scmi_clocks = [ "i2c0_sclk" ]'
for b in byid byname; do
    vscmi_step "refuse-$b" '!0' sh -c "xl create -q /etc/xen/$b.cfg > /tmp/refused 2>&1; rc=\$?; grep -v 'qemu-xen is unavailable' /tmp/refused; exit \$rc"
done
vscmi_check no-domain-left vscmi_wait_for 10 only_dom0
vscmi_step scmi-list '!0' xl scmi-list
