"""Settings: defaults < sitrep.toml < SITREP_* environment, with type checks."""
from __future__ import annotations

import pytest

from sitrep.config import Settings, SettingsError


def test_defaults():
    s = Settings.load(env={})
    assert s.max_document_bytes == 5_000_000 and s.db_url.startswith("sqlite")


def test_file_overrides_defaults_and_environment_overrides_file(tmp_path):
    cfg = tmp_path / "sitrep.toml"
    cfg.write_text('[sitrep]\nmax_document_bytes = 1000\ncache_dir = "/tmp/c1"\n')
    s = Settings.load(cfg, env={"SITREP_MAX_DOCUMENT_BYTES": "2_000"})
    assert s.max_document_bytes == 2000 and s.cache_dir == "/tmp/c1"
    assert Settings.load(env={"SITREP_CONFIG": str(cfg)}).max_document_bytes == 1000


def test_sitrep_toml_in_working_directory_is_found(tmp_path, monkeypatch):
    (tmp_path / "sitrep.toml").write_text("max_document_bytes = 77\n")
    monkeypatch.chdir(tmp_path)
    assert Settings.load(env={}).max_document_bytes == 77


@pytest.mark.parametrize("env", [{"SITREP_MAX_DOCUMENT_BYTES": "lots"}])
def test_wrong_type_is_an_error(env):
    with pytest.raises(SettingsError, match="max_document_bytes"):
        Settings.load(env=env)


def test_unknown_key_in_file_is_an_error(tmp_path):
    cfg = tmp_path / "x.toml"
    cfg.write_text("max_doc_bytes = 5\n")
    with pytest.raises(SettingsError, match="unknown setting"):
        Settings.load(cfg, env={})


def test_cache_dir_defaults_to_the_user_cache_folder_not_the_package(tmp_path):
    assert "sitrep" in str(Settings().resolved_cache_dir())
    assert "site-packages" not in str(Settings().resolved_cache_dir())
    assert Settings(cache_dir=str(tmp_path)).resolved_cache_dir() == tmp_path
