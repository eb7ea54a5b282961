"""hypothesis' entry point: ``st.from_type(schoolwork.Scheme)`` works in any test.

Installed as the ``hypothesis`` entry point (see pyproject.toml), which hypothesis imports when
it is itself imported. Importing :mod:`schoolwork.testing.strategies` is the registration: that
module registers its strategies by type as its last statement (see ``BY_TYPE`` there). The
registration lives there, not here, because the strategies module imports hypothesis: when a
test imports the strategies first, hypothesis runs this entry point while the strategies module
is still half-loaded, and only the strategies module knows when it is whole.
"""

from __future__ import annotations

import schoolwork.testing.strategies  # noqa: F401  (registers the strategies by type)


def _hypothesis_setup_hook() -> None:
    """What hypothesis calls on its entry point; importing this module already did the work."""
