# SPDX-License-Identifier: MIT
"""[check] hooks = <name> ...: checks the [expect] regexes cannot express.

A hook is a module here with
  check(lines, scn) -> [(problem, excerpt)]    run after the [expect] checks
  summary(lines, scn) -> [summary lines]       appended to the summary
registered below under the name scenarios use.  Its options are the other
keys of the scenario's [check] section (scn.check_opts).  A hook that needs
the domains' grants reads them with grants.scenario_domains(scn)."""

from typing import Callable, NamedTuple

from . import concurrent, grants_oracle, same_dt, scmi_list_agrees, shared_clock, teardown_window, votes_balanced


class Hook(NamedTuple):
    check: Callable
    summary: Callable


HOOKS = {
    "grants_oracle": Hook(grants_oracle.check, grants_oracle.summary),
    "shared_clock": Hook(shared_clock.check, shared_clock.summary),
    "concurrent": Hook(concurrent.check, concurrent.summary),
    "votes_balanced": Hook(votes_balanced.check, votes_balanced.summary),
    "same_dt": Hook(same_dt.check, same_dt.summary),
    "scmi_list_agrees": Hook(scmi_list_agrees.check, scmi_list_agrees.summary),
    "teardown_window": Hook(teardown_window.check, teardown_window.summary),
}
