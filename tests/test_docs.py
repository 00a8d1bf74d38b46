"""The README documents every command and setting that exists."""
from __future__ import annotations

import argparse

from conftest import REPO
from sitrep.cli import build_parser
from sitrep.config import Settings

README = (REPO / "README.md").read_text(encoding="utf-8")


def commands(parser: argparse.ArgumentParser, prefix: str = "sitrep") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix} {name}")
                found += commands(sub, f"{prefix} {name}")
    return found


def test_readme_opens_with_make_run_and_make_test():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_command_is_in_the_readme():
    found = commands(build_parser())
    assert "sitrep extract" in found and "sitrep lexicon validate" in found
    missing = [c for c in found if f"`{c}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_option_of_every_command_is_in_the_readme():
    def options(parser):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    yield from options(sub)
            else:
                yield from (o for o in action.option_strings if o.startswith("--") and o != "--help")
    missing = sorted({o for o in options(build_parser()) if o not in README})
    assert not missing, f"undocumented options: {missing}"


def test_every_setting_is_in_the_readme():
    missing = [name for name, _, _ in Settings.describe() if f"`{name}`" not in README]
    assert not missing, f"undocumented settings: {missing}"
