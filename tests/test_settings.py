import logging

import pytest

from bot.logs import RedactSecrets
from bot.settings import Secret, Settings, SettingsError

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz012345678"


def test_defaults_and_types():
    s = Settings.from_mapping({})
    assert s.model == "gpt-4o-mini"
    assert s.embedder == "none"
    assert s.disclosure_interval_h == 3.0


def test_errors_name_the_variable():
    with pytest.raises(SettingsError, match="OS1_MODEL_TIMEOUT"):
        Settings.from_mapping({"OS1_MODEL_TIMEOUT": "soon"})
    with pytest.raises(SettingsError, match="OPENAI_BASE_URL"):
        Settings.from_mapping({"OPENAI_BASE_URL": "localhost:11434"})
    with pytest.raises(SettingsError, match="OS1_EMBEDDING_MODEL"):
        Settings.from_mapping({"OS1_EMBEDDER": "provider"})
    with pytest.raises(SettingsError, match="OS1_DISCLOSURE_INTERVAL_HOURS"):
        Settings.from_mapping({"OS1_DISCLOSURE_INTERVAL_HOURS": "5"})  # the law says 3 at most


def test_missing_token_says_what_to_set():
    with pytest.raises(SettingsError) as err:
        Settings.from_mapping({}).require_token()
    assert "DISCORD_TOKEN" in str(err.value) and ".env" in str(err.value)
    with pytest.raises(SettingsError, match="does not look like"):
        Settings.from_mapping({"DISCORD_TOKEN": "nope"}).require_token()
    assert Settings.from_mapping({"DISCORD_TOKEN": TOKEN}).require_token() == TOKEN


def test_secrets_never_in_repr():
    s = Settings.from_mapping({"DISCORD_TOKEN": TOKEN, "OPENAI_API_KEY": "sk-very-secret-key"})
    text = repr(s) + str(s)
    assert TOKEN not in text and "sk-very-secret-key" not in text
    assert repr(Secret("x")) == "Secret('********')"


def test_dotenv_file_is_read_and_environment_wins(tmp_path):
    env = tmp_path / ".env"
    env.write_text("OS1_MODEL=from-file\nOS1_LOG_LEVEL=debug\n")
    s = Settings.load(env, environ={"OS1_MODEL": "from-env"})
    assert s.model == "from-env" and s.log_level == "DEBUG"


def test_log_filter_redacts_secrets(caplog):
    logger = logging.getLogger("test.redact")
    logger.addFilter(RedactSecrets([TOKEN]))
    with caplog.at_level(logging.INFO):
        logger.info("token is %s", TOKEN)
    assert TOKEN not in caplog.text and "********" in caplog.text
