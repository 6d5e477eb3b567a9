"""IKD activation staffing and capacity simulator for Disdukcapil offices."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ikd-sim")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
