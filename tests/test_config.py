from pathlib import Path

import pytest

from mailbot.config import (
    ConfigError,
    load_settings,
    require_tls_unless_loopback,
    settings_from_dict,
)

REPO = Path(__file__).resolve().parents[1]


def test_example_config_loads() -> None:
    settings = load_settings(REPO / "config.toml")
    assert settings.policy.card_retention_days == 365
    assert settings.mailbox.path == REPO / "var" / "inbox"
    assert settings.database.url == f"sqlite:///{REPO}/var/mailbot.db"


def test_defaults_without_a_file() -> None:
    settings = settings_from_dict({})
    assert settings.database.url == "sqlite:///mailbot.db"
    assert settings.from_address == "support@shop.example"


def test_the_store_is_known_by_its_name_and_aliases() -> None:
    assert settings_from_dict({}).brand.names == ("Waha Store",)
    brand = settings_from_dict({"brand": {"name": "Waha Store",
                                          "aliases": ["واحة", "Waha Weekly"]}}).brand
    assert brand.names == ("Waha Store", "واحة", "Waha Weekly")


def test_missing_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--config PATH or set MAILBOT_CONFIG"):
        load_settings(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[mailbox]\nbackend = 'pop3'", r"\[mailbox\] backend: Input should be 'imap' or 'maildir'"),
        ("[policy]\ncard_retention_days = 'soon'", r"\[policy\] card_retention_days"),
        ("[policy]\ncard_retentoin_days = 3", r"unknown setting \[policy\] card_retentoin_days"),
        ("[mailbox]\nstart_from = 'yesterday'", r"\[mailbox\] start_from: .*YYYY-MM-DD"),
        ("[brand\nname = 1", "not valid TOML"),
        ("[crypto]\npassword = 'x'", r"unknown setting \[crypto\] password"),
        ("[[webhooks]]\nurl = 'ftp://x'\nsecret_env = 'S'", r"\[\[webhooks\]\] #1 url"),
        ("[[webhooks]]\nurl = 'https://x/h'\nsecret = 'whsec_x'",
         r"unknown setting \[\[webhooks\]\] #1 secret"),
        ("[[webhooks]]\nurl = 'https://x/h'\nsecret_env = 'S'\nevents = ['customer.deleted']",
         r"\[\[webhooks\]\] #1 events.0"),
        ("[[connectors]]\nkind = 'http'\nurl_env = 'S'", r"\[\[connectors\]\] #1 kind"),
        ("[mailbox]\npath = 'i'\n[smtp]\npath = 's'\n[[connectors]]\nkind = 'sql'\nurl_env = 'S'",
         r"\[\[connectors\]\] #1 on_unsubscribe: give on_unsubscribe or on_erase"),
        ("[mailbox]\npath = 'i'\n[smtp]\npath = 's'\n[[webhooks]]\nurl = 'https://a/1'\n"
         "secret_env = 'S'\n[[webhooks]]\nurl = 'https://a/2'\nsecret_env = 'S'",
         r"two destinations are both called 'webhook:a'"),
        ("[events]\nretry_hours = 2", r"\[events\] retry_hours"),
    ],
)
def test_mistakes_name_the_key_and_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message) as info:
        load_settings(path)
    assert str(path) in str(info.value)


def test_plaintext_only_to_loopback() -> None:
    require_tls_unless_loopback(section="smtp", host="127.0.0.1", security="none")
    with pytest.raises(ConfigError, match="only allowed for a loopback host"):
        require_tls_unless_loopback(section="smtp", host="mail.example.com", security="none")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[mailbox]\nbackend = "maildir"', r"\[mailbox\] path: .*Maildir to read"),
        ('[mailbox]\nbackend = "imap"\nhost = "imap.example.com"', r"\[mailbox\] username"),
        ('[mailbox]\nbackend = "imap"\nusername = "u"', r"\[mailbox\] password_env: set"),
        ('[mailbox]\npath = "in"\n[smtp]\nbackend = "maildir"', r"\[smtp\] path"),
        ('[mailbox]\npath = "in"\n[smtp]\npath = "out"\n[policy]\nrequire_dmarc_for_deletion = true',
         r"\[policy\] trusted_authserv_id"),
    ],
)
def test_settings_that_need_each_other(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(path)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgres://shop@db.internal/mailbot", "postgresql+psycopg://shop@db.internal/mailbot"),
        ("postgresql://shop@db.internal:5433/mailbot", "postgresql+psycopg://shop@db.internal:5433/mailbot"),
        ("postgresql+psycopg://shop@db/mailbot", "postgresql+psycopg://shop@db/mailbot"),
        ("/var/lib/mailbot/mailbot.db", "sqlite:////var/lib/mailbot/mailbot.db"),
        ("sqlite://", "sqlite://"),
    ],
)
def test_database_urls_in_their_common_spellings(url: str, expected: str) -> None:
    assert settings_from_dict({"database": {"url": url}}).database.url == expected


def test_a_bare_relative_path_is_a_sqlite_file_next_to_the_config(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[database]\nurl = "var/mailbot.db"\n[mailbox]\npath = "in"\n[smtp]\npath = "out"\n')
    settings = load_settings(path)
    assert settings.database.url == f"sqlite:///{tmp_path}/var/mailbot.db"
    assert settings.database.sqlite_path == tmp_path / "var" / "mailbot.db"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[database]\nurl = 'mongodb://x/y'", r"\[database\] url: .*unsupported database 'mongodb'"),
        ("[scheduler]\npurge_cron = 'daily'", r"\[scheduler\] purge_cron: .*five cron fields"),
        ("[scheduler]\npurge_cron = '61 3 * * *'", r"\[scheduler\] purge_cron: .*maximum value"),
    ],
)
def test_bad_database_url_and_purge_cron_fail_at_load(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(path)


def test_the_database_folder_is_created(tmp_path: Path) -> None:
    settings = settings_from_dict({"database": {"url": f"sqlite:///{tmp_path}/var/deep/mailbot.db"}})
    settings.create_folders()
    assert (tmp_path / "var" / "deep").is_dir()


def test_a_database_folder_that_cannot_be_created_names_the_setting(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    settings = settings_from_dict({"database": {"url": f"sqlite:///{tmp_path}/file/mailbot.db"}})
    with pytest.raises(ConfigError, match=r"\[database\] url: cannot create the folder .*writable"):
        settings.create_folders()


def test_plaintext_to_a_remote_host_fails_at_load(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    mailbox = '[mailbox]\npath = "inbox"\n'
    config.write_text(mailbox + '[smtp]\nbackend = "smtp"\nhost = "relay.example.com"\nsecurity = "none"\n')
    with pytest.raises(ConfigError, match=r'\[smtp\] security: "none" is only allowed for a loopback'):
        load_settings(config)
    config.write_text(mailbox + '[smtp]\nbackend = "smtp"\nhost = "127.0.0.1"\nsecurity = "none"\n')
    assert load_settings(config).smtp.security == "none"
