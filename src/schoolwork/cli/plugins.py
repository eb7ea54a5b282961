"""``schoolwork plugins``: what is installed, with the hooks each plugin implements."""

from __future__ import annotations

import json

import click

from schoolwork.cli.common import plugin_host


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def plugins(as_json: bool) -> None:
    """List the active plugins, their versions and hooks, and any plugin that failed to load."""
    host = plugin_host()
    active = host.plugins()
    if as_json:
        data = {
            "plugins": [
                {
                    "name": p.name,
                    "distribution": p.distribution,
                    "version": p.version,
                    "hooks": list(p.hooks),
                }
                for p in active
            ],
            "failures": [{"name": f.plugin, "reason": f.reason} for f in host.failures],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not active:
        click.echo("no plugins active")
    for info in active:
        version = f" {info.version}" if info.version else ""
        dist = f" ({info.distribution}{version})" if info.distribution else ""
        click.echo(f"{info.name}{dist}")
        for hook in info.hooks:
            click.echo(f"  {hook}")
    for failure in host.failures:
        click.echo(f"failed: {failure.plugin}: {failure.reason}")
    for plugin, offered in host.call("schoolwork_workspaces"):
        for name in sorted(offered):
            click.echo(f"workspace {name} (from {plugin}): schoolwork demo --school {name}")
