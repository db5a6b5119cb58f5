"""The ``List-Unsubscribe`` headers for campaign mail: one pair per recipient.

For a campaign tool written in Python::

    from mailbot.config import load_settings
        from mailbot.public.links import campaign_links

    rt = Runtime.open(load_settings())
    for link in campaign_links(["sara@example.com", "omar@example.com"],
                               engine=rt.engine, cipher=rt.cipher, settings=rt.settings):
        if link.headers is not None:          # None: no customer with that address
            message.update(link.headers)      # List-Unsubscribe + List-Unsubscribe-Post

Addresses are looked up by their blind index, a batch at a time, so a campaign list of
100,000 recipients takes seconds, not a query per address.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlmodel import Session

from mailbot.config import ConfigError, Settings
from mailbot.pipeline.oneclick import signer_for
from mailbot.sources.base import batched
from mailbot.store.crypto import Cipher
from mailbot.store.models import Customer, CustomerStatus

ONE_CLICK = "List-Unsubscribe=One-Click"
LOOKUP_BATCH = 500
MAX_LOCAL_PART = 64  # RFC 5321 §4.5.3.1.1


@dataclass(frozen=True)
class CampaignLink:
    email: str
    headers: dict[str, str] | None
    """``List-Unsubscribe`` and ``List-Unsubscribe-Post``; None when no active customer has
    this address (import it first: a link must name someone)."""


def unsubscribe_headers(settings: Settings, token: str) -> dict[str, str]:
    """The two RFC 8058 headers for one token."""
    local, _, domain = settings.brand.support_address.rpartition("@")
    tagged = f"{local}+u-{token}"
    if len(tagged) > MAX_LOCAL_PART:
        raise ConfigError(f"[brand] support_address: {local}+u-TOKEN would be {len(tagged)} "
                          f"characters, over the {MAX_LOCAL_PART} a mail address allows; use a "
                          "shorter support address for campaigns")
    mailto = f"mailto:{tagged}@{domain}"
    return {"List-Unsubscribe": f"<{settings.public.unsubscribe_url(token)}>, <{mailto}>",
            "List-Unsubscribe-Post": ONE_CLICK}


def campaign_links(emails: Iterable[str], *, engine: Engine, cipher: Cipher, settings: Settings,
                   channel: str = "email") -> Iterator[CampaignLink]:
    """The headers for each address, in the order given; ``channel`` is what the link
    withdraws: ``email`` (the default), ``sms``, ``phone``, ``social``, ``post`` or ``all``.
    The whole ``settings``: the headers name ``[brand]``'s address and ``[public]``'s URL."""
    signer = signer_for(cipher.keyring)
    settings.public.unsubscribe_url("")  # no base_url: say so before the first lookup
    for chunk in batched(emails, LOOKUP_BATCH):  # type: ignore[arg-type]
        indexes = [cipher.email_index(email) for email in chunk]
        ids = _customer_ids(engine, indexes)
        for email, index in zip(chunk, indexes, strict=True):
            customer_id = ids.get(index)
            headers = None if customer_id is None else unsubscribe_headers(
                settings, signer.mint(customer_id, channel))
            yield CampaignLink(email=email, headers=headers)


def _customer_ids(engine: Engine, indexes: list[str]) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.execute(select(Customer.email_index, Customer.id).where(
            Customer.email_index.in_(indexes), Customer.status == CustomerStatus.active)).all()
    return {index: customer_id for index, customer_id in rows if index and customer_id}
