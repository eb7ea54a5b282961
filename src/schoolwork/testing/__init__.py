"""Tools for testing schools' rules and plugins: the plugin author's testing face.

Needs the ``testing`` extra (``pip install schoolwork[testing]``). Everything here takes the
command line's path: the core's built-in plugins are active, with the plugins you name.

- :func:`check_scheme`: fairness properties of a scheme, probed at the scheme's breakpoints and
  tried by hypothesis;
- :mod:`schoolwork.testing.strategies` (``strategies``): hypothesis strategies for the models;
- :func:`write_plugin`: install a plugin for a test the way pip does;
- the pytest fixtures of :mod:`schoolwork.testing.pytest_plugin`, registered automatically.
"""

from schoolwork.testing import strategies
from schoolwork.testing.fairness import PROPERTIES, FairnessError, check_scheme
from schoolwork.testing.installed import write_plugin

__all__ = ["PROPERTIES", "FairnessError", "check_scheme", "strategies", "write_plugin"]
