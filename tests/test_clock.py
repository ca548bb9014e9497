"""The run's date: SOURCE_DATE_EPOCH when set, else today."""

from __future__ import annotations

import datetime as dt

import pytest

from tailor.clock import run_date


def test_source_date_epoch_sets_the_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796169600")
    assert run_date() == dt.date(2026, 12, 2)


@pytest.mark.parametrize("value", ["", "yesterday", "-5", "99999999999999999999"])
def test_an_unusable_epoch_means_today(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert run_date() == dt.date.today()


def test_without_the_variable_it_is_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run_date() == dt.date.today()
