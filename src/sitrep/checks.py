"""Data-file checks behind `sitrep lexicon validate`.

A check is any module-level function named `validate_*` in `sitrep.lexicons` (module or package)
or in a `sitrep.stages` module, plus `sitrep.stages.actors.validate_actor_table`. A check
returns its problems (a list of strings; empty or None means fine, False means failed) or raises.
A module that does not exist yet is reported as skipped, not as a crash.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Callable

REQUIRED = (("sitrep.stages.actors", "validate_actor_table"),)
SCANNED = ("sitrep.lexicons",)
SCANNED_PACKAGES = ("sitrep.stages",)


@dataclass
class Check:
    name: str
    status: str  # ok | fail | skip
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        head = f"{self.status:<4}  {self.name}"
        if self.status == "ok":
            return head
        return head + "".join(f"\n      {p}" for p in self.problems)


def _import(name: str):
    """(module, None) or (None, Check) when it is missing or fails to import."""
    try:
        return importlib.import_module(name), None
    except ModuleNotFoundError as e:
        if e.name and (name == e.name or name.startswith(e.name + ".")):
            return None, Check(name, "skip", [f"module {name} is not present"])
        return None, Check(name, "fail", [f"import failed: {type(e).__name__}: {e}"])
    except Exception as e:
        return None, Check(name, "fail", [f"import failed: {type(e).__name__}: {e}"])


def _modules() -> list[str]:
    names = list(SCANNED)
    for package in SCANNED + SCANNED_PACKAGES:
        try:
            pkg = importlib.import_module(package)
        except Exception:
            continue
        if hasattr(pkg, "__path__"):
            names += [f"{package}.{m.name}" for m in pkgutil.iter_modules(pkg.__path__)]
    return names


def run_check(name: str, func: Callable) -> Check:
    try:
        outcome = func()
    except Exception as e:
        return Check(name, "fail", [f"{type(e).__name__}: {e}"])
    if outcome is False:
        return Check(name, "fail", ["check returned False"])
    if outcome in (None, True):
        return Check(name, "ok")
    problems = [outcome] if isinstance(outcome, str) else [str(p) for p in outcome]
    return Check(name, "fail" if problems else "ok", problems)


def validate_lexicons() -> list[Check]:
    """Run every check that exists; one Check per function (or per missing module)."""
    checks: list[Check] = []
    seen: set[str] = set()
    for module_name, func_name in REQUIRED:
        module, problem = _import(module_name)
        if problem:
            checks.append(problem)
            seen.add(module_name)
            continue
        func = getattr(module, func_name, None)
        if func is None:
            checks.append(Check(f"{module_name}.{func_name}", "fail", [f"{func_name} is missing"]))
    for module_name in _modules():
        if module_name in seen:
            continue
        seen.add(module_name)
        module, problem = _import(module_name)
        if problem:
            checks.append(problem)
            continue
        for attr in sorted(vars(module)):
            func = getattr(module, attr)
            if attr.startswith("validate_") and callable(func) and getattr(func, "__module__", None) == module_name:
                checks.append(run_check(f"{module_name}.{attr}", func))
    return checks
