"""``python -m schoolwork``: the same as the ``schoolwork`` command."""

from schoolwork.cli import main

main()
