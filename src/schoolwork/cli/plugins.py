"""``schoolwork plugins``: what is installed, with the hooks each plugin implements."""

from __future__ import annotations

import json

import click

from schoolwork.cli.common import option, plugin_host_of_run, reported, run_lang
from schoolwork.cli.localised import command
from schoolwork.job import shipped_workspaces
from schoolwork.labels import label


@command(zh="列出已启用的插件及其版本和实现的钩子，以及加载失败的插件。")
@option(
    "--all",
    "everything",
    is_flag=True,
    help="List schoolwork's built-in plugins too.",
    zh="同时列出 schoolwork 的内置插件。",
)
@option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print JSON instead of text.",
    zh="输出 JSON 而不是文本。",
)
def plugins(everything: bool, as_json: bool) -> None:
    """List the active plugins, their versions and hooks, and any plugin that failed to load."""
    lang = run_lang()
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
    # Lines are not wrapped: they quote reasons and commands that must copy whole.
    if not found:
        click.echo(label("cli.plugins.none", lang))
    for info in found:
        version = f" {info.version}" if info.version else ""
        dist = f" ({info.distribution}{version})" if info.distribution else ""
        mark = label("cli.plugins.builtin", lang) if info.builtin else ""
        schools = label("listing.list", lang).join(info.schools or ())
        serves = (
            label("cli.plugins.serves", lang, schools=schools) if info.schools is not None else ""
        )
        click.echo(f"{info.name}{dist}{mark}{serves}")
        for hook in info.hooks:
            click.echo(f"  {hook}")
    for failure in host.failures:
        click.echo(label("cli.plugins.failed", lang, plugin=failure.plugin, reason=failure.reason))
    for name, (plugin, _) in sorted(offered.items()):
        if everything or not plugin.startswith("schoolwork."):
            click.echo(label("cli.plugins.workspace", lang, name=name, plugin=plugin))
