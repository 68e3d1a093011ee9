"""The root command builds its subcommands on first use (cli/lazy.py); its table must not drift from them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from creatio_cli.cli import CreatioGroup, app
from creatio_cli.cli.lazy import build_command

SRC = Path(__file__).resolve().parents[1] / "src"
PROBE = """
import json, sys
from creatio_cli.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m.rsplit('.', 1)[1] for m in sys.modules if m.startswith('creatio_cli.cli.') and m.endswith('_cmd'))),
      file=sys.stderr)
"""


def command_modules_loaded(*args: str) -> list[str]:
    """Which ``creatio_cli.cli.*_cmd`` modules a fresh interpreter imported to run ``creatio ARGS``."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(SRC)})
    return json.loads(done.stderr.strip().splitlines()[-1])


@pytest.mark.parametrize("name", list(CreatioGroup.COMMANDS))
def test_each_summary_is_the_commands_own_first_line(name):
    """The root help shows the table's summary; it must be what the command's own help begins with."""
    spec = CreatioGroup.COMMANDS[name]
    command = build_command(name, spec)
    assert command.name == name
    assert command.help.split("\n\n")[0].replace("\n", " ") == spec.summary


@pytest.mark.parametrize("module", sorted({spec.module for spec in CreatioGroup.COMMANDS.values()}))
def test_the_table_lists_every_command_a_module_registers(module):
    """A command added to a module's register() but not to the table would never be reachable."""
    import importlib

    holder = typer.Typer()
    holder.callback()(lambda: None)
    importlib.import_module(f"creatio_cli.cli.{module}").register(holder)
    registered = set(typer.main.get_command(holder).commands)
    listed = {name for name, spec in CreatioGroup.COMMANDS.items() if spec.module == module}
    assert registered == listed


def test_root_help_builds_no_command():
    assert command_modules_loaded("--help") == []


def test_a_command_loads_only_its_own_module():
    assert command_modules_loaded("standards", "list") == ["standards_cmd"]
    assert command_modules_loaded("check", "--help") == ["check_cmd"]


def test_root_help_lists_every_command_in_order(cli):
    code, out, _ = cli("--help")
    assert code == 0
    listed = [line.split()[0] for line in out.split("Commands:")[1].splitlines() if line.strip()]
    assert listed == list(CreatioGroup.COMMANDS)


def test_a_mistyped_command_is_named_with_a_suggestion(cli):
    code, _, err = cli("chek", "x.xlsx")
    assert code == 2
    assert "chek" in err and "check" in err


def test_app_still_converts_to_one_click_group():
    group = typer.main.get_command(app)
    assert group.get_command(None, "notices").get_command(None, "draft").name == "draft"
    assert group.get_command(None, "nonsense") is None
