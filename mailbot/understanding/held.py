"""Data the store holds about the sender, told from data that is elsewhere.

A deletion of data is a request to us only for data we hold: "how do I wipe my data from
the watch before I return it?" and «حذف هذا الملف وجميع بياناتي منه» name data on a device
or in a file of the customer's. And the clause that makes data the sender's ("all personal
data that Nawras Electronics holds about me") may run past the few words a deletion's
object usually takes, or name the sender's details in a list after it ("delete everything
you stored from that order: my name, mobile number, email address and the delivery address").
"""

from __future__ import annotations

from collections.abc import Sequence

# Data on a device the customer owns is not data we hold: "how do I wipe my data from the
# watch before I return it?", «كيف امسح بياناتي منها».
_DEVICES = frozenset("device watch smartwatch laptop tablet ipad iphone computer console camera "
                     "printer router modem tv television ssd harddisk الطابعه طابعه الراوتر راوتر "
                     "التلفزيون تلفزيون "
                     "جهاز الجهاز ساعه الساعه لابتوب اللابتوب ايباد الايباد تابلت كمبيوتر "
                     "الكمبيوتر".split())
_FROM_IT = frozenset("منها منه منهم".split())


# "the erasure of all personal data that Nawras Electronics holds about me": the relative
# clause that makes the data the sender's may run past the usual five words (a shop's name).
_ABOUT = frozenset("about on of regarding concerning".split())


def about_me_end(codes: str, toks: Sequence[str], index: Sequence[int], end: int,
                   hi: int) -> int:
    """Where the window after a deletion ending at ``end`` stops: five words on, or as far
    as an "about me" within nine words of the same clause."""
    near = min(hi, end + 5)
    if "m" in codes[end:near]:
        return near
    far = min(hi, end + 9)
    comma = codes.find(",", end, far)
    far = comma if comma >= 0 else far
    me = codes.find("m", near, far)
    if me > 0 and toks[index[me] - 1] in _ABOUT:
        return me + 1
    address = codes.find("E", near, far)
    if address > 0 and not _LINKED.isdisjoint(toks[index[address] - 3:index[address]]):
        return address + 1  # "… all personal data you hold that is linked to <address>"
    return near


# "data linked to my phone number", «البيانات المرتبطة بهذا الرقم»: data the sender names by
# their own address or number is theirs to have erased (the account's owner confirms it).
_LINKED = frozenset("linked associated attached connected tied registered related "
                    "المرتبط المرتبطه المربوط المربوطه المسجل المسجله المتعلق المتعلقه".split())


def linked_to_address(window: Sequence[str], classes: str) -> bool:
    """Does the window of a deletion of data name an address or number the data is linked to
    ("delete all data associated with this email address")?"""
    return any(tok in _LINKED and "E" in classes[k + 1:k + 4] for k, tok in enumerate(window))


def on_device(codes: str, toks: Sequence[str], index: Sequence[int], start: int, end: int,
              sentence: Sequence[str]) -> bool:
    """Is the data a deletion from ``start`` to ``end`` names on a device or in a file of the
    customer's, not held by the store?"""
    if "I" not in codes[start:end] or "A" in codes[start:end]:
        return False  # only data; an account is always ours
    after = toks[index[end - 1] + 1:index[end - 1] + 3]
    # «حذف هذا الملف وجميع بياناتي منه»: "it" is the file the request names first, not a device
    from_it = bool(after) and "x" not in codes[start:end] and (
        after[0] in _FROM_IT or after[:2] in (["from", "it"], ["off", "it"]))
    return from_it or not _DEVICES.isdisjoint(sentence)


# The personal details a list names: "my name, mobile number, email address", «اسمي ورقم جوالي»
_DETAILS = frozenset("name mobile phone number email e-mail address birthday birth dob "
                     "nationality اسمي رقمي جوالي موبايلي ايميلي بريدي عنواني ميلادي".split())
_MY = frozenset("my".split())


def names_my_details(sentence: Sequence[str]) -> bool:
    """Does the sentence list two or more of the sender's personal details, "my" before the
    first ("…: my name, mobile number and email address")? Then the data it deletes is theirs."""
    at = next((k for k, tok in enumerate(sentence[:-1]) if tok in _MY and sentence[k + 1] in _DETAILS),
              None)
    mine = (at is not None) or any(tok in _DETAILS and not tok.isascii() for tok in sentence)
    return mine and len({tok for tok in sentence[at or 0:] if tok in _DETAILS}) >= 2
