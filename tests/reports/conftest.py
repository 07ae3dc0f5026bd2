"""Fixtures: hand-made read models (see pack_samples)."""

from __future__ import annotations

import pytest

from sencodesk.reports.models import EhcnaModel, ProfileModel, ReferralModel

from .pack_samples import make_ehcna, make_profile, make_referral


@pytest.fixture
def ehcna_model() -> EhcnaModel:
    return make_ehcna()


@pytest.fixture
def referral_model() -> ReferralModel:
    return make_referral()


@pytest.fixture
def profile_model() -> ProfileModel:
    return make_profile()
