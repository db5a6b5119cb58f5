from sqlalchemy import inspect

from mailbot.store.db import current_revision, head_revision, make_engine, upgrade_schema


def test_upgrade_twice_is_harmless(db_url: str) -> None:
    engine = make_engine(db_url)
    before, after = upgrade_schema(engine)
    assert before == after == head_revision()
    assert current_revision(engine) == head_revision()
    names = set(inspect(engine).get_table_names())
    for table in ["customer", "marketing_consent", "marketing_profile", "support_message",
                  "technical_data", "payment_card", "customer_order", "order_line",
                  "suppression", "privacy_request", "inbound_message", "outbox", "audit_event"]:
        assert table in names
    engine.dispose()


def test_a_new_sqlite_database_is_private(tmp_path, monkeypatch, keyring_text) -> None:  # type: ignore[no-untyped-def]
    import os
    import stat

    from typer.testing import CliRunner

    from mailbot.cli.app import app

    monkeypatch.setenv("MAILBOT_KEYS", keyring_text)
    old_umask = os.umask(0o022)  # the usual default, which gives 0644 files
    try:
        config = tmp_path / "config.toml"
        config.write_text(f'[database]\nurl = "sqlite:///{tmp_path}/data/mailbot.db"\n'
                          '[mailbox]\nbackend = "maildir"\npath = "inbox"\n'
                          '[smtp]\nbackend = "maildir"\npath = "outbox"\n')
        result = CliRunner().invoke(app, ["--config", str(config), "init"])
        assert result.exit_code == 0, result.output
        engine = make_engine(f"sqlite:///{tmp_path}/data/mailbot.db")
        with engine.connect() as conn:  # an open connection keeps -wal and -shm in place
            conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
            conn.commit()
            files = ["mailbot.db", "mailbot.db-wal", "mailbot.db-shm"]
            modes = {name: stat.S_IMODE((tmp_path / "data" / name).stat().st_mode) for name in files}
        engine.dispose()
    finally:
        os.umask(old_umask)
    assert modes == dict.fromkeys(files, 0o600)
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_the_migrations_form_one_line() -> None:
    """Two migrations written side by side must be chained: one head, no branch points."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from mailbot.store.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    assert len(script.get_heads()) == 1, script.get_heads()
    revisions = list(script.walk_revisions())
    assert all(not isinstance(r.down_revision, tuple) for r in revisions)
    assert len({r.down_revision for r in revisions}) == len(revisions)
