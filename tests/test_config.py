"""flag > environment > default, in one function; secrets never show."""

from pathlib import Path

import pytest

from summarizer.config import DEFAULT_MODEL, resolve_settings
from summarizer.errors import ConfigError


def test_precedence_flag_over_env_over_default(tmp_path):
    env = {"SUMMARIZER_MODEL": "openai/gpt-4o-mini", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
           "SUMMARIZER_CACHE_DIR": str(tmp_path / "envcache"), "SUMMARIZER_THREADS": "1"}
    assert resolve_settings({}, env={}).model == DEFAULT_MODEL
    s = resolve_settings({}, env=env)
    assert (s.model, s.base_url, s.cache_dir, s.threads) == ("openai/gpt-4o-mini", "http://127.0.0.1:9/v1",
                                                             tmp_path / "envcache", 1)
    s = resolve_settings({"model": "fake", "base_url": "http://x/v1", "cache_dir": Path("/c"), "threads": 2}, env=env)
    assert (s.model, s.base_url, s.cache_dir, s.threads) == ("fake", "http://x/v1", Path("/c"), 2)


def test_summarizer_key_wins_over_openai_key_and_is_hidden():
    s = resolve_settings({}, env={"OPENAI_API_KEY": "sk-openai", "SUMMARIZER_API_KEY": "sk-summ"})
    assert s.api_key.get_secret_value() == "sk-summ"
    assert "sk-summ" not in repr(s) and "sk-summ" not in str(s.model_dump())


def test_bad_environment_value_names_the_variable():
    with pytest.raises(ConfigError, match="SUMMARIZER_THREADS"):
        resolve_settings({}, env={"SUMMARIZER_THREADS": "many"})


def test_brief_retries_default_to_zero_and_come_from_the_environment():
    assert resolve_settings({}, env={}).brief_retries == 0
    assert resolve_settings({}, env={"SUMMARIZER_BRIEF_RETRIES": "1"}).brief_retries == 1
    with pytest.raises(ConfigError, match="SUMMARIZER_BRIEF_RETRIES"):
        resolve_settings({}, env={"SUMMARIZER_BRIEF_RETRIES": "-1"})
