"""The words every layer shares: what a message can ask for, and the marketing channels.

Pure and dependency-free, so the classifier, the rules, the store and the pages all import
the one list instead of writing their own.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Intent(StrEnum):
    """What the classifier says a message asks for."""

    unsubscribe = "unsubscribe"
    delete_account = "delete_account"
    other = "other"
    automated = "automated"


INTENTS: tuple[str, ...] = tuple(Intent)
REQUEST_INTENTS: tuple[str, ...] = (Intent.unsubscribe, Intent.delete_account)
"""Intents that are privacy requests (mailbot acts on them)."""
REVIEW_INTENTS: tuple[str, ...] = (*REQUEST_INTENTS, Intent.other)
"""What an admin may approve a request as."""

Channel = Literal["email", "sms", "phone", "social", "post"]
MARKETING_CHANNELS: tuple[Channel, ...] = ("email", "sms", "phone", "social", "post")
"""Every channel a customer can consent to marketing on; an unsubscribe may name some."""

REFUSALS: tuple[str, ...] = ("deletion negated:", "deletion retracted:", "keep account:",
                             "don't delete:", "no to our question:")
"""How the classifier's evidence begins where the sender refuses a deletion ("don't delete
my account", "no" to our question): read by the classifier, and by the confirmation rules,
so a reply that refuses never confirms."""
