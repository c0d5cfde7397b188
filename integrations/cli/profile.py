"""`mutualis profile ...`: named database URLs in ~/.config/mutualis/config.toml (no password in them)."""

from __future__ import annotations

import click

__all__ = ["profile"]


@click.group()
def profile():
    """Named database URLs, so that `--db` need not be typed (MUTUALIS_PROFILE picks one, else the default)."""


@profile.command("add")
@click.argument("name")
@click.option("--db", "url", required=True, metavar="URL", help="The database URL, without its password.")
@click.option("--default", "make_default", is_flag=True, help="Make it the default profile (the first one is).")
def profile_add(name, url, make_default):
    """Remember a database URL under a name (replacing a profile of that name).

    \b
    Example:
        mutualis profile add ge --db postgresql+psycopg://chaumay@db.example/ge --default
    """
    from integrations.store.profiles import add_profile, config_path

    add_profile(name, url, make_default)
    click.echo(f"profile {name} written to {config_path()}")


@profile.command("list")
def profile_list():
    """The profiles and their URLs; the default one is marked with *.

    \b
    Example:
        mutualis profile list
    """
    from integrations.store.profiles import read_profiles

    profiles, default = read_profiles()
    for name, url in sorted(profiles.items()):
        click.echo(f"{'*' if name == default else ' '} {name}  {url}")


@profile.command("remove")
@click.argument("name")
def profile_remove(name):
    """Forget a profile.

    \b
    Example:
        mutualis profile remove ge
    """
    from integrations.store.profiles import remove_profile

    remove_profile(name)
    click.echo(f"profile {name} removed")
