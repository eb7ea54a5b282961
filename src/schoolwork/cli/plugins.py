"""``schoolwork plugins``: what is installed, with the hooks each plugin implements."""

from __future__ import annotations

import json

import click

from schoolwork.cli.common import plugin_host_of_run, reported
from schoolwork.job import shipped_workspaces


@click.command()
@click.option("--all", "everything", is_flag=True, help="List schoolwork's built-in plugins too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins(everything: bool, as_json: bool) -> None:
    """List the active plugins, their versions and hooks, and any plugin that failed to load."""
    host = plugin_host_of_run()
    found = host.plugins(builtin=everything)
    with reported():
        offered = shipped_workspaces(host)
    if as_json:
        data = {
            "plugins": [
                {
                    "name": p.name,
                    "builtin": p.builtin,
                    "distribution": p.distribution,
                    "version": p.version,
                    "hooks": list(p.hooks),
                    "schools": None if p.schools is None else list(p.schools),
                }
                for p in found
            ],
            "failures": [{"name": f.plugin, "reason": f.reason} for f in host.failures],
            "workspaces": {name: plugin for name, (plugin, _) in sorted(offered.items())},
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no plugins active (schoolwork plugins --all lists the built-in ones)")
    for info in found:
        version = f" {info.version}" if info.version else ""
        dist = f" ({info.distribution}{version})" if info.distribution else ""
        mark = " [built-in]" if info.builtin else ""
        serves = f"; serves {', '.join(info.schools)}" if info.schools is not None else ""
        click.echo(f"{info.name}{dist}{mark}{serves}")
        for hook in info.hooks:
            click.echo(f"  {hook}")
    for failure in host.failures:
        click.echo(f"failed: {failure.plugin}: {failure.reason}")
    for name, (plugin, _) in sorted(offered.items()):
        if everything or not plugin.startswith("schoolwork."):
            click.echo(f"workspace {name} (from {plugin}): schoolwork demo --school {name}")
