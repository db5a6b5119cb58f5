"""Typed settings, loaded once from ``config.toml`` and passed down.

Secrets never live in the file: passwords come from an environment variable
(``password_env``) or a command (``password_command``, as mutt and isync do), and
encryption keys from ``[crypto] keys_env`` or ``key_file``.

Every user mistake becomes a :class:`ConfigError` that names the file and the key,
so the CLI can print one clear line instead of a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

from apscheduler.triggers.cron import CronTrigger
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

Security = Literal["tls", "starttls", "none"]
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


class ConfigError(Exception):
    """A setting is missing or wrong; the message says which and where."""


# The spellings people copy from their hosting panel, mapped to the driver we ship.
_URL_SCHEMES = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
    "sqlite": "sqlite",
}


def normalise_database_url(value: str) -> str:
    """A SQLAlchemy URL from the common spellings: ``postgres://``, ``postgresql://``, a file path."""
    value = value.strip()
    if "://" not in value:
        if not value or value.endswith("/"):
            raise ValueError("give a database file such as 'var/mailbot.db' or a URL such as "
                             "'postgresql://user@host/dbname'")
        return "sqlite:///" + value  # a bare path: a SQLite file
    scheme, rest = value.split("://", 1)
    driver = _URL_SCHEMES.get(scheme.lower())
    if driver is None:
        raise ValueError(f"unsupported database {scheme!r}: use 'sqlite:///PATH' or "
                         "'postgresql://user@host/dbname'")
    return f"{driver}://{rest}"


def purge_trigger(expression: str) -> CronTrigger:
    """The purge schedule as a trigger; a bad expression is a ValueError that says the form."""
    try:
        return CronTrigger.from_crontab(expression, timezone="UTC")
    except ValueError as exc:
        raise ValueError(f"{exc}; use five cron fields (minute hour day month weekday), "
                         "e.g. '17 3 * * *' for daily at 03:17 UTC") from None


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class BrandSettings(_Section):
    name: str = "Waha Store"
    support_address: str = "support@shop.example"
    default_language: Literal["ar", "en"] = "en"
    admin_address: str | None = None
    """Where operational alerts and deadline reminders go (none: log only)."""
    aliases: list[str] = []
    """Other names customers call the store by: its Arabic name, a newsletter's name. A mail
    that greets or names one of these is meant for us, not for another company."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name of the store, ``name`` first."""
        return (self.name, *self.aliases)

    @property
    def domain(self) -> str:
        return self.support_address.rpartition("@")[2] or "localhost"


class MailboxSettings(_Section):
    backend: Literal["imap", "maildir"] = "maildir"
    host: str = "localhost"
    port: int | None = None
    security: Security = "tls"
    username: str | None = None
    password_env: str | None = None
    password_command: str | None = None
    oauth2_token_command: str | None = None
    """A command that prints an OAuth2 access token (XOAUTH2, for Gmail / Microsoft 365)."""
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    path: Path | None = None
    """The Maildir to read when ``backend = "maildir"``."""
    start_from: str = "14d"
    """On first connection, only mail newer than this: a date (YYYY-MM-DD), ``now``, or ``Nd``."""
    batch_size: int = Field(200, ge=1, le=5000)
    max_message_bytes: int = Field(25 * 1024 * 1024, ge=1024)
    max_batch_bytes: int = Field(8 * 1024 * 1024, ge=1024)
    """Bytes of mail fetched and stored together (a batch ends at ``batch_size`` messages or
    at this many bytes; one larger message still comes alone)."""
    message_budget_seconds: float = Field(5.0, gt=0)
    """Parse + classify time one message may take; a slower one goes to the review queue."""
    alert_after_minutes: int = Field(60, ge=1)
    idle: bool = True
    ca_file: Path | None = None
    """Trust this CA (PEM) for the server's certificate instead of the system's store."""
    left_flag: str = "$MailbotSeen"
    """Set on mail left for people (an IMAP keyword, or ``\\Flagged``); empty: leave it as is."""

    @field_validator("left_flag")
    @classmethod
    def _check_left_flag(cls, value: str) -> str:
        if value and not re.fullmatch(r"\\?[A-Za-z0-9$_.-]{1,64}", value) or value == "\\Seen":
            raise ValueError("use an IMAP keyword such as '$MailbotSeen', '\\Flagged', or '' "
                             "(not \\Seen: people must still see the mail as unread)")
        return value

    @field_validator("start_from")
    @classmethod
    def _check_start_from(cls, value: str) -> str:
        if value == "now" or (value.endswith("d") and value[:-1].isdigit()):
            return value
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValueError("use a date (YYYY-MM-DD), 'now' or a number of days like '14d'") from None
        return value

    @property
    def default_port(self) -> int:
        return self.port or (993 if self.security == "tls" else 143)


class SmtpSettings(_Section):
    backend: Literal["smtp", "maildir"] = "maildir"
    host: str = "localhost"
    port: int | None = None
    security: Security = "starttls"
    username: str | None = None
    password_env: str | None = None
    password_command: str | None = None
    oauth2_token_command: str | None = None
    """A command that prints an OAuth2 access token (XOAUTH2, for Gmail / Microsoft 365); run
    for every connection, so it can hand out a fresh token each time."""
    from_address: str | None = None
    path: Path | None = None
    """The Maildir replies are written to when ``backend = "maildir"``."""
    ca_file: Path | None = None
    """Trust this CA (PEM) for the relay's certificate instead of the system's store."""
    timeout_seconds: float = Field(30, gt=0)
    max_attempts: int = Field(8, ge=1)
    batch_size: int = Field(100, ge=1)
    alert_after_minutes: int = Field(30, ge=1)
    """Replies failing to go out this long: status turns red and one alert is queued."""

    @property
    def default_port(self) -> int:
        return self.port or {"tls": 465, "starttls": 587, "none": 25}[self.security]


class DatabaseSettings(_Section):
    url: str = "sqlite:///mailbot.db"
    """SQLAlchemy URL; ``postgres://``, ``postgresql://`` and bare file paths are accepted too."""

    @field_validator("url")
    @classmethod
    def _normalise_url(cls, value: str) -> str:
        return normalise_database_url(value)

    @property
    def sqlite_path(self) -> Path | None:
        """The database file of a SQLite URL (None for PostgreSQL or in-memory SQLite)."""
        prefix = "sqlite:///"
        if not self.url.startswith(prefix) or self.url == prefix:
            return None
        return Path(self.url[len(prefix):].split("?", 1)[0])


class CryptoSettings(_Section):
    keys_env: str = "MAILBOT_KEYS"
    key_file: Path | None = None


class PolicySettings(_Section):
    card_retention_days: int = Field(365, ge=1)
    financial_retention_years: int = Field(5, ge=1)
    raw_mail_retention_days: int = Field(30, ge=0)
    confirmation_ttl_hours: int = Field(72, ge=1)
    reminder_after_hours: int = Field(24, ge=1)
    """An unconfirmed deletion gets one reminder this long after the confirmation mail."""
    auto_apply_confidence: float = Field(0.8, ge=0, le=1)
    replies_per_recipient_per_day: int = Field(3, ge=0)
    require_dmarc_for_deletion: bool = False
    trusted_authserv_id: str | None = None
    confirmation_attempts_per_request: int = Field(5, ge=1)
    """Failed confirmations after which a deletion request stops accepting them and goes to
    the review queue (a 40-bit token then cannot be guessed)."""
    confirmation_attempts_per_sender_per_day: int = Field(10, ge=1)
    """Confirmation attempts one address may make in 24 hours; later ones are refused."""
    unsubscribe_due_days: int = Field(2, ge=1)
    deletion_due_days: int = Field(30, ge=1)
    due_warning_hours: int = Field(24, ge=1)
    deny_list: tuple[str, ...] = ()
    """Addresses or ``@domains`` that never get a reply."""


class SchedulerSettings(_Section):
    poll_seconds: int = Field(60, ge=1)
    purge_cron: str = "17 3 * * *"
    """When retention purges run: five cron fields (minute hour day month weekday), UTC."""

    @field_validator("purge_cron")
    @classmethod
    def _check_purge_cron(cls, value: str) -> str:
        purge_trigger(value)
        return value

    @property
    def purge_trigger(self) -> CronTrigger:
        return purge_trigger(self.purge_cron)

    @property
    def poll_overdue_after(self) -> timedelta:
        """No successful poll for this long means the daemon is dead or stuck."""
        return timedelta(seconds=max(5 * self.poll_seconds, 300))


class AdminSettings(_Section):
    host: str = "127.0.0.1"
    port: int = Field(8025, ge=0, le=65535)
    secret_env: str = "MAILBOT_ADMIN_SECRET"
    allowed_hosts: tuple[str, ...] = ()
    """Host names the page answers to besides ``host`` and the loopback names (the name of
    an https proxy in front of it); any other Host header gets 400, against DNS rebinding."""
    login_failures_per_minute: int = Field(5, ge=1)
    """Failed logins per name, and four times as many per client address, after which each
    further attempt waits its turn and ``login_delay_seconds`` (never refused outright)."""
    login_delay_seconds: float = Field(2.0, ge=0)

    @property
    def host_names(self) -> tuple[str, ...]:
        """Every Host name the page answers to (without port)."""
        loopback = ("127.0.0.1", "localhost", "::1", "[::1]")
        names = (self.host,) if self.host not in ("0.0.0.0", "::") else ()
        return tuple(dict.fromkeys((*names, *loopback, *self.allowed_hosts)))


class PublicSettings(_Section):
    base_url: str | None = None
    """Where customers' mail clients reach ``mailbot public`` (https, behind your TLS proxy)."""
    host: str = "127.0.0.1"
    port: int = Field(8026, ge=0, le=65535)
    rate_limit_per_minute: int = Field(60, ge=1)
    """Requests per client address per minute before the answer is 429."""
    max_body_bytes: int = Field(1024, ge=64, le=65536)
    """An RFC 8058 body is 26 bytes; anything much bigger is refused with 413."""
    forwarded_allow_ips: str = "127.0.0.1"
    """Proxies whose X-Forwarded-For is believed (the client address the rate limit counts)."""

    @field_validator("base_url")
    @classmethod
    def _check_base_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        scheme, _, rest = value.partition("://")
        host = rest.split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
        if scheme != "https" and not (scheme == "http" and host in LOOPBACK_HOSTS):
            raise ValueError("RFC 8058 needs an https:// address (http:// only for a loopback host)")
        return value.rstrip("/")

    def unsubscribe_url(self, token: str) -> str:
        if self.base_url is None:
            raise ConfigError("[public] base_url: set it to the https:// address customers reach "
                              "`mailbot public` at (see docs/one-click.md)")
        return f"{self.base_url}/u/{token}"


class RepliesSettings(_Section):
    template_dir: Path | None = None
    """A folder whose files override the packaged templates of the same name."""


EVENT_TYPES = ("customer.unsubscribed", "customer.erased")


class WebhookSettings(_Section):
    """One ``[[webhooks]]`` destination: signed POSTs of the change events."""

    url: str = Field(pattern=r"^https?://[^\s/]+")
    secret_env: str = Field(min_length=1)
    """The environment variable holding the Standard Webhooks secret (``whsec_…``)."""
    events: tuple[Literal["customer.unsubscribed", "customer.erased"], ...] = EVENT_TYPES
    name: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    """How deliveries, `status` and the metrics call it; the URL's host when absent."""
    timeout_seconds: float = Field(10, gt=0, le=120)

    @property
    def destination(self) -> str:
        host = self.url.split("://", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1]
        return f"webhook:{self.name or host}"


class ConnectorSettings(_Section):
    """One ``[[connectors]]`` destination: SQL statements run on the shop's own database."""

    kind: Literal["sql"]
    url_env: str = Field(min_length=1)
    """The environment variable holding the SQLAlchemy URL of the shop's database."""
    on_unsubscribe: tuple[str, ...] = ()
    on_erase: tuple[str, ...] = ()
    name: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.-]{1,64}$")
    """How deliveries, `status` and the metrics call it; the ``url_env`` name when absent."""

    @property
    def destination(self) -> str:
        return f"sql:{self.name or self.url_env}"

    def statements(self, event_type: str) -> tuple[str, ...]:
        return {"customer.unsubscribed": self.on_unsubscribe,
                "customer.erased": self.on_erase}.get(event_type, ())

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(t for t in EVENT_TYPES if self.statements(t))


class EventsSettings(_Section):
    """How change events are delivered (``[events]``)."""

    retry_hours: int = Field(72, ge=24)
    """A delivery is retried with back-off for this long, then marked failed (CLI: retry)."""
    alert_after_minutes: int = Field(30, ge=1)
    """A destination failing this long turns `status` red."""
    batch_size: int = Field(200, ge=1, le=5000)
    concurrency: int = Field(8, ge=1, le=64)
    """Requests in flight at once per destination (never two for one person)."""
    keep_erasure_hours: int = Field(0, ge=0)
    """How long an erasure event keeps the address for stores that pull with `mailbot events`,
    even once every destination has it."""


class Settings(_Section):
    brand: BrandSettings = BrandSettings()
    mailbox: MailboxSettings = MailboxSettings()
    smtp: SmtpSettings = SmtpSettings()
    database: DatabaseSettings = DatabaseSettings()
    crypto: CryptoSettings = CryptoSettings()
    policy: PolicySettings = PolicySettings()
    scheduler: SchedulerSettings = SchedulerSettings()
    admin: AdminSettings = AdminSettings()
    replies: RepliesSettings = RepliesSettings()
    public: PublicSettings = PublicSettings()
    events: EventsSettings = EventsSettings()
    webhooks: tuple[WebhookSettings, ...] = ()
    connectors: tuple[ConnectorSettings, ...] = ()
    source: Path | None = None
    """The file these settings came from (for messages), or None for defaults."""

    @property
    def from_address(self) -> str:
        return self.smtp.from_address or self.brand.support_address

    def create_folders(self) -> None:
        """Create the folders mailbot writes into (the SQLite file's folder) when missing."""
        folders = []
        if (db_file := self.database.sqlite_path) is not None:
            folders.append(("[database] url", db_file.parent))
        for setting, folder in folders:
            try:
                folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # private when ours
            except OSError as exc:
                raise ConfigError(
                    f"{setting}: cannot create the folder {folder} ({exc.strerror}); create it and "
                    "make it writable by the user mailbot runs as") from None

    @property
    def destinations(self) -> tuple[WebhookSettings | ConnectorSettings, ...]:
        return (*self.webhooks, *self.connectors)

    def problems(self) -> list[str]:
        """Settings that only make sense together: what a config file left out or mixed up."""
        settings = self
        problems = []
        mailbox, smtp = settings.mailbox, settings.smtp
        if mailbox.backend == "maildir" and mailbox.path is None:
            problems.append('[mailbox] path: backend = "maildir" needs the Maildir to read')
        if mailbox.backend == "imap":
            if not mailbox.username:
                problems.append('[mailbox] username: backend = "imap" needs the login name')
            if not (mailbox.password_env or mailbox.password_command or mailbox.oauth2_token_command):
                problems.append("[mailbox] password_env: set password_env, password_command or "
                                "oauth2_token_command")
        if smtp.backend == "maildir" and smtp.path is None:
            problems.append('[smtp] path: backend = "maildir" needs the Maildir to write replies to')
        if smtp.oauth2_token_command and not smtp.username:
            problems.append("[smtp] username: oauth2_token_command needs the account's address")
        if smtp.oauth2_token_command and (smtp.password_env or smtp.password_command):
            problems.append("[smtp] oauth2_token_command: use it instead of password_env / "
                            "password_command, not with them")
        names = [d.destination for d in settings.destinations]
        for doubled in sorted({n for n in names if names.count(n) > 1}):
            problems.append(f"[[webhooks]] / [[connectors]] name: two destinations are both called "
                            f"{doubled!r}; give each its own name = \"…\"")
        for number, connector in enumerate(settings.connectors, start=1):
            if not connector.on_unsubscribe and not connector.on_erase:
                problems.append(f"[[connectors]] #{number} on_unsubscribe: give on_unsubscribe or "
                                "on_erase at least one statement")
        if settings.policy.require_dmarc_for_deletion and not settings.policy.trusted_authserv_id:
            problems.append("[policy] trusted_authserv_id: require_dmarc_for_deletion needs the "
                            "authserv-id of your own mail server's Authentication-Results")
        for section, box in (("mailbox", self.mailbox), ("smtp", self.smtp)):
            if box.security == "none" and box.host not in LOOPBACK_HOSTS:
                problems.append(f'[{section}] security: "none" is only allowed for a loopback '
                                f'host, not {box.host!r}; use "tls" or "starttls"')
        return problems


def default_config_path() -> Path:
    return Path(os.environ.get("MAILBOT_CONFIG", "config.toml"))


def load_settings(path: Path | None = None) -> Settings:
    """Read and validate a config file; relative paths inside it are taken from its folder."""
    path = path or default_config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: no such config file (pass --config PATH or set MAILBOT_CONFIG; "
            "config.toml in the repository is a documented example)"
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    settings = settings_from_dict(raw, source=path)
    problems = settings.problems()
    if problems:
        raise ConfigError("\n".join(f"{path}: {problem}" for problem in problems))
    return settings


def settings_from_dict(raw: dict[str, Any], *, source: Path | None = None) -> Settings:
    where = str(source) if source else "settings"
    try:
        settings = Settings.model_validate({**raw, "source": source})
    except ValidationError as exc:
        raise ConfigError("\n".join(_describe(where, err) for err in exc.errors())) from None
    return _resolve_relative_paths(settings)


def _describe(where: str, err: Any) -> str:
    loc = [str(part) for part in err["loc"]]
    key = f"[{loc[0]}] {'.'.join(loc[1:])}" if len(loc) > 1 else loc[0] if loc else "?"
    if len(loc) > 1 and loc[1].isdigit():  # an array of tables: [[webhooks]] #1 url
        key = f"[[{loc[0]}]] #{int(loc[1]) + 1} {'.'.join(loc[2:])}".rstrip()
    if err["type"] == "extra_forbidden":
        return f"{where}: unknown setting {key}"
    return f"{where}: {key}: {err['msg']}"


def _resolve_relative_paths(settings: Settings) -> Settings:
    if settings.source is None:
        return settings
    base = settings.source.parent

    def fix(p: Path | None) -> Path | None:
        return p if p is None or p.is_absolute() else base / p

    updates = {
        "mailbox": settings.mailbox.model_copy(update={"path": fix(settings.mailbox.path),
                                                       "ca_file": fix(settings.mailbox.ca_file)}),
        "smtp": settings.smtp.model_copy(update={"path": fix(settings.smtp.path),
                                                 "ca_file": fix(settings.smtp.ca_file)}),
        "crypto": settings.crypto.model_copy(update={"key_file": fix(settings.crypto.key_file)}),
        "replies": settings.replies.model_copy(
            update={"template_dir": fix(settings.replies.template_dir)}
        ),
    }
    url = settings.database.url
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and url != "sqlite://":
        updates["database"] = DatabaseSettings(url=prefix + str(base / url[len(prefix) :]))
    return settings.model_copy(update=updates)


def require_tls_unless_loopback(*, section: str, host: str, security: Security) -> None:
    if security == "none" and host not in LOOPBACK_HOSTS:
        raise ConfigError(
            f"[{section}] security = \"none\" is only allowed for a loopback host, not {host!r}; "
            "use \"tls\" or \"starttls\""
        )
