"""One Settings object, resolved once: defaults < `sitrep.toml` < `SITREP_*` environment.

Nothing here runs at import time. Call `Settings.load()` in the command (or test) that needs
settings and pass the object down; library functions take it as an argument.

    SITREP_MAX_DOCUMENT_BYTES=20000000 sitrep extract big.jsonl
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Mapping

ENV_PREFIX = "SITREP_"
CONFIG_FILE = "sitrep.toml"


class SettingsError(ValueError):
    """A setting has a value of the wrong type or an unknown name."""


@dataclass(frozen=True)
class Settings:
    max_document_bytes: int = field(
        default=5_000_000,
        metadata={"help": "documents larger than this (UTF-8 bytes) get an error result, unread"})
    cache_dir: str = field(
        default="",
        metadata={"help": "where built indexes are cached; empty means the user cache folder"})
    db_url: str = field(
        default="sqlite:///sitrep.db",
        metadata={"help": "database for stored records (SQLite or PostgreSQL URL)"})
    aliases_path: str = field(
        default="",
        metadata={"help": "actor alias groups (JSON) used by `sitrep eval`; empty means auto"})
    progress_threshold: int = field(
        default=50,
        metadata={"help": "show progress on a non-terminal stderr after this many documents"})
    token: str = field(
        default="",
        metadata={"help": "bearer token that `sitrep serve` requires for writes; empty: writes "
                          "only when listening on loopback"})
    tile_url: str = field(
        default="",
        metadata={"help": "map tile URL template for the dashboard (https://…/{z}/{x}/{y}.png); "
                          "empty: the bundled country borders only, no network"})
    cors_origins: str = field(
        default="",
        metadata={"help": "comma-separated origins allowed to call the API from a browser; empty: CORS off"})
    max_body_bytes: int = field(
        default=1_000_000,
        metadata={"help": "request bodies larger than this get 413 from `sitrep serve`"})

    @classmethod
    def load(cls, path: str | os.PathLike | None = None,
             env: Mapping[str, str] | None = None) -> "Settings":
        """Resolve the settings: defaults, then the TOML file, then the environment.

        The file is `path`, else `$SITREP_CONFIG`, else `./sitrep.toml` when it exists.
        """
        env = os.environ if env is None else env
        settings = cls()
        file = path or env.get(ENV_PREFIX + "CONFIG") or (CONFIG_FILE if Path(CONFIG_FILE).is_file() else None)
        if file:
            settings = settings.updated(_read_toml(Path(file)), source=str(file))
        from_env = {f.name: env[ENV_PREFIX + f.name.upper()]
                    for f in fields(cls) if ENV_PREFIX + f.name.upper() in env}
        return settings.updated(from_env, source="environment")

    def updated(self, values: Mapping[str, Any], source: str = "") -> "Settings":
        """A copy with `values` applied, each coerced to its field's type."""
        known = {f.name: f for f in fields(self)}
        changes = {}
        for name, value in values.items():
            if name not in known:
                raise SettingsError(f"{source}: unknown setting {name!r}")
            changes[name] = _coerce(name, known[name].type, value, source)
        return replace(self, **changes)

    def resolved_cache_dir(self) -> Path:
        if self.cache_dir:
            return Path(self.cache_dir).expanduser()
        import platformdirs  # lazy: keeps `sitrep --help` fast

        return Path(platformdirs.user_cache_dir("sitrep"))

    @classmethod
    def describe(cls) -> list[tuple[str, Any, str]]:
        """(name, default, help) for each setting, for documentation."""
        return [(f.name, f.default, f.metadata.get("help", "")) for f in fields(cls)]


def _read_toml(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise SettingsError(f"{path}: config file not found") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: {e}") from None
    # settings may sit at the top level or under a [sitrep] table
    return dict(data.get("sitrep", data))


def _coerce(name: str, type_name: Any, value: Any, source: str) -> Any:
    kind = type_name if isinstance(type_name, str) else getattr(type_name, "__name__", str(type_name))
    try:
        if kind == "int":
            if isinstance(value, bool):
                raise ValueError
            return int(str(value).replace("_", "")) if isinstance(value, str) else int(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            return {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}[str(value).lower()]
        return str(value)
    except (ValueError, KeyError, TypeError):
        raise SettingsError(f"{source}: setting {name} wants {kind}, got {value!r}") from None
