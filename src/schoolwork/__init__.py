"""schoolwork: typed models of how schools plan, assign, evaluate and report their work."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("schoolwork")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

from schoolwork.plugins import hookimpl

__all__ = ["__version__", "hookimpl"]
