"""The hardware a command works with: detected, then the user's overrides on top."""

from __future__ import annotations

import argparse

from wizard_app.commands._common import CliContext
from wizard_app.commands._hardware_args import overrides_from_args
from wizard_app.core.hardware.probe import detect
from wizard_app.core.hardware.profile import HardwareProfile
from wizard_app.core.runtime.machine_profile import attach


def hardware_from_args(args: argparse.Namespace, ctx: CliContext) -> HardwareProfile:
    overrides = overrides_from_args(args)
    overrides.validate_ranges()  # before probing: a bad figure fails fast
    if overrides.plans_another_machine:
        return overrides.planned()  # nothing of this machine leaks into the plan
    hw = overrides.apply(detect(ctx.models_dir))
    return attach(hw, ctx.paths.cache)  # this machine's measured speed, if it was measured
