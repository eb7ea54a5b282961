"""Tools for testing schools' rules and plugins: hypothesis strategies, fixtures and checks.

Needs the ``testing`` extra (``pip install schoolwork[testing]``).
"""
