"""The ``browser`` fixture: headless chromium for the report tests.

Without chromium the tests that use it skip, unless ``IKD_REQUIRE_BROWSER=1`` (set by CI),
in which case they fail.
"""

from __future__ import annotations

import pytest

from .browser import require_browser


@pytest.fixture(scope="session")
def browser() -> str:
    """Path of the chromium executable (see tests/report/browser.py for the helpers)."""
    return require_browser()
