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
