"""The ``browser`` fixture: headless chromium for the report tests.

Without chromium the tests that use it skip, unless ``IKD_REQUIRE_BROWSER=1`` (set by CI),
in which case they fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from .browser import launch, require_browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """A Playwright chromium (see tests/report/browser.py for the helpers), one per module:
    while it is open, this thread counts as running an asyncio loop (``asyncio.run`` fails),
    so it is closed as soon as the module that wanted it is done."""
    require_browser()
    with launch() as chromium:
        yield chromium
