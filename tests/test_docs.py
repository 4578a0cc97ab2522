"""The README documents every command and every option of the CLI (datasette's tests/test_docs.py idea)."""

from pathlib import Path

import click
import pytest
import typer.main

from veille.serve.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMAND = typer.main.get_command(app)


def _commands():
    return sorted(COMMAND.commands.items())


@pytest.mark.parametrize("name,command", _commands())
def test_command_in_readme(name, command):
    assert f"veille {name}" in README, f"`veille {name}` is not in the README"


@pytest.mark.parametrize("name,command", _commands())
def test_every_option_in_readme(name, command):
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                if opt.startswith("--") and opt != "--help":
                    assert f"`{opt}`" in README or f" {opt} " in README or f"{opt}`" in README, \
                        f"option {opt} of `veille {name}` is not documented in the README"


def test_readme_starts_with_the_two_commands():
    head = README[:1200]
    assert "make demo" in head and "make test" in head
