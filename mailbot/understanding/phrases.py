"""Multi-word forms the tokeniser joins into one reading ("do not" → "don't", «لو سمحت» →
"please", «ملف عميل» → a profile).

A phrase people write in several words is read as the one word the shapes know, so a rule
needs no gap for it. ``normalise`` applies the table token by token.
"""

from __future__ import annotations

# First word → {following words: replacement}.
JOINS: dict[str, dict[tuple[str, ...], tuple[str, ...]]] = {}
for _words, _repl in (
    ("do not", "don't"), ("does not", "doesn't"), ("did not", "didn't"), ("will not", "won't"),
    ("would not", "won't"), ("should not", "don't"), ("is not", "isn't"), ("are not", "aren't"),
    ("was not", "wasn't"), ("i will", "i'll"), ("i am going to", "i'll"),
    ("i'm going to", "i'll"), ("i'm gonna", "i'll"), ("opt out", "optout"),
    ("opt me out", "optout me"), ("no more", "nomore"), ("no longer", "nomore"),
    ("any more", "anymore"), ("or else", "otherwise"), ("or i'll", "otherwise"),
    ("or i'd", "otherwise"), ("text messages", "sms"), ("text message", "sms"),
    ("sms messages", "sms"), ("phone calls", "calls"), ("social media", "socialmedia"),
    ("recently viewed", "recentlyviewed"), ("شوهدت موخرا", "recentlyviewed"),
    ("شاهدتها موخرا", "recentlyviewed"), ("شوهد موخرا", "recentlyviewed"),
    ("المشاهده موخرا", "recentlyviewed"), ("شاهدته موخرا", "recentlyviewed"), ("payment method", "card"),
    ("payment methods", "card"), ("wish list", "wishlist"), ("gift card", "giftcard"),
    ("gift message", "giftnote"), ("gift messages", "giftnote"),  # a card in a parcel
    # lists that hold products, not mail: "take me off the waiting list", «قائمة الأمنيات»
    ("waiting list", "waitlist"), ("wait list", "waitlist"), ("shopping list", "wishlist"),
    ("قايمه الامنيات", "wishlist"), ("قايمه الرغبات", "wishlist"), ("قايمه المفضله", "wishlist"),
    ("قايمه الانتظار", "waitlist"), ("قايمه التسوق", "wishlist"),
    ("sign up", "subscribe"), ("signed up", "subscribed"), ("sign me up", "subscribe me"),
    ("phone app", "app"), ("mobile app", "app"), ("email app", "app"), ("mail app", "app"),
    ("get rid of", "remove"),
    ("if you don't mind", "please"), ("if you do not mind", "please"),  # a courtesy, no condition
    # "I have taken over the mailbox … from my colleague": took charge of it, took nothing off
    ("taken over", "tookover"), ("took over", "tookover"), ("take over", "tookover"),
    ("taking over", "tookover"), ("this close to", "closeto"), ("so close to", "closeto"),
    ("very close to", "closeto"), ("getting close to", "closeto"),
    # "I'm thinking about deleting my account, but first …": weighing it, not asking yet
    # ("thinking about it, please close the account": made up, so as written)
    ("thinking about it", "thinking about it"), ("thinking of it", "thinking of it"),
    ("thinking about", "considering"), ("thinking of", "considering"),
    ("thought about it", "thought about it"), ("thought of it", "thought of it"),
    ("thought about", "considering"), ("thought of", "considering"),
    # "I was (literally) about to delete my account last night, but …": nearly did, didn't;
    # "I'm about to close it": the sender's own next step, not a request
    ("about to", "considering"),
    ("list-unsubscribe", "mailheader"),  # "your List-Unsubscribe mailto bounces": a header's name
    # "no sms code coming when I log in": the one-time code, not marketing
    ("sms code", "otp"), ("sms codes", "otp"), ("sms otp", "otp"), ("otp sms", "otp"),
    ("verification sms", "otp"), ("verification code", "otp"), ("login code", "otp"),
    ("right to erasure", "erasure of my data"), ("right to be forgotten", "erasure of my data"),
    # "please forget me", "forget I ever shopped with you", "I'd like to be forgotten": erasure
    ("forget me", "erase my data"), ("forget us", "erase our data"),
    ("forget about me", "erase my data"), ("forget i ever", "erase my data , i ever"),
    ("be forgotten", "have my data erased"),
    ("turn them of", "turn them off"), ("turn it of", "turn it off"),
    ("shut down", "shut"), ("e mail", "email"), ("e mails", "emails"),
    ("what's app", "whatsapp"), ("whats app", "whatsapp"),  # voice dictation
    ("rather not", "prefer not"),  # "I'd rather not get the promo emails"
    ("hear from you", "receive your emails"),  # "I no longer wish to hear from you"
    ("how come", "why"),
    # "stop sending me the weekly email": a mail that comes every week is a mailing
    ("weekly email", "weekly emails"), ("daily email", "daily emails"),
    ("monthly email", "monthly emails"), ("weekly mail", "weekly emails"),
    ("daily mail", "daily emails"), ("monthly mail", "monthly emails"),
    ("fortnightly email", "fortnightly emails"),
    ("the lead my", "delete my"),  # voice-to-text: "I would like to the lead my account"
    # … "on subscribe me from the male in list", "delete my count from your store"
    ("on subscribe me", "unsubscribe me"), ("un subscribe", "unsubscribe"),
    ("male in list", "mailing list"), ("mail in list", "mailing list"),
    ("delete my count", "delete my account"), ("close my count", "close my account"),
    # «عندي حسابين … ممكن تحذفون واحد منهم؟»: "one of them", one of the accounts
    ("واحد منهم", "one of them"), ("واحد منهن", "one of them"), ("wa7ed menhom", "one of them"),
    ("wa7ed minhom", "one of them"), ("wa7ed mnhom", "one of them"),
    # a dictated self-correction: "unsubscribe me no actually delete the whole account"
    ("no actually", "actually"), ("no i mean", "i mean"),  # ("no wait" retracts: reported)
    ("لا قصدي", "قصدي"), ("لا لا قصدي", "قصدي"),  # «لا لا قصدي بدي احذف الحساب»: "no no, I mean"
    ("my a count", "my account"), ("the a count", "the account"),  # "close my a count"
    # "stop the male", "please stop sending me male": the mail, heard as a homophone
    ("the male", "the emails"), ("me male", "me emails"), ("more male", "more emails"),
    ("in turn", "in return"),  # "and in turn offer your customers …": no "turn off"
    # "it doesn't look like your usual emails": resembling, not wanting ("like" is W)
    ("look like", "resemble"), ("looks like", "resembles"), ("looked like", "resembled"),
    ("looking like", "resembling"), ("seem like", "resemble"), ("seems like", "resembles"),
    ("seemed like", "resembled"), ("sound like", "resemble"), ("sounds like", "resembles"),
    ("sounded like", "resembled"),
    ("if possible", "please"), ("if you can", "please"), ("if you could", "please"),
    # Arabizi "eza bt2dro twa2fo el sms" («اذا بتقدروا»): "if you can", a courtesy
    ("eza bt2dro", "please"), ("iza bt2dro", "please"), ("eza bt2daro", "please"),
    ("iza bt2daro", "please"), ("eza t2dro", "please"), ("iza t2dro", "please"),
    ("eza fi majal", "please"), ("iza fi majal", "please"), ("iza tgdroon", "please"),
    # «طلب مني اكتب لكم تشيلون ايميله», «اكتبلكم عشان توقفون …»: "I write to you (that) you
    # remove …" asks, as «اطلب» does
    ("اكتب لكم", "اطلب"), ("اكتبلكم", "اطلب"), ("ارسل لكم", "اطلب"),
    ("لو سمحت", "رجاء"), ("لو سمحتم", "رجاء"), ("لو سمحتوا", "رجاء"),
    ("لو سمحتو", "رجاء"), ("لو سمحتي", "رجاء"), ("لو سمحتين", "رجاء"), ("اذا ممكن", "رجاء"),
    ("من فضلك", "رجاء"), ("من فضلكم", "رجاء"), ("من فضلكن", "رجاء"), ("من فضلكي", "رجاء"),
    # «وإيقاف الخصم الشهري»: the monthly charge of a paid plan (a «خصم» alone is a discount)
    ("الخصم الشهري", "رسوم شهري"), ("والخصم الشهري", "ورسوم شهري"),
    ("افضل عدم", "ابي عدم"), ("نفضل عدم", "نبي عدم"),  # «أفضّل عدم استلام العروض»
    ("اذا امكن", "رجاء"), ("ان امكن", "رجاء"), ("اذا تكرمت", "رجاء"),
    ("اذا تكرمتم", "رجاء"), ("لو تكرمت", "رجاء"), ("لو تكرمتم", "رجاء"),
    # a blessing said as "please" or "thank you": «الله يعافيكم», «الله يخليكم», «يعطيكم العافية»
    ("الله يعافيكم", "رجاء"), ("الله يعافيك", "رجاء"), ("الله يخليكم", "رجاء"),
    ("الله يخليك", "رجاء"), ("الله يحفظكم", "رجاء"), ("يعطيكم العافيه", "رجاء"),
    ("جزاكم الله خير", "رجاء"),
    # «سجل لي ملف عميل باسمي», «ما ابي يكون لي ملف عندكم»: a customer profile, not a document
    ("ملف عميل", "بروفايل"), ("ملف العميل", "بروفايل"), ("ملف شخصي", "بروفايل"),
    ("الملف الشخصي", "بروفايل"), ("ملف عندكم", "بروفايل عندكم"), ("ملف لديكم", "بروفايل لديكم"),
    # «ولا أرغب في إنشاء حساب جديد», "I don't want to open a new account": no new one, no closure
    ("انشاء حساب", "تسجيل"), ("فتح حساب", "تسجيل"), ("create an account", "register"),
    ("create a new account", "register"), ("open a new account", "register"),
    ("اطلع من", "طلعوني من"), ("نطلع من", "طلعونا من"),  # «ودي أطلع من القايمة»: take me off
    ("في حال", "اذا"), ("في حاله", "اذا"),  # «في حال قمت بحذف حسابي»: "in case", a condition
    # «وقبل لا تقفلونه» (Gulf), «قبل ما تحذفوه»: "before", whose «لا»/«ما» negates nothing
    ("قبل لا", "قبل"), ("قبل ما", "قبل"), ("وقبل لا", "وقبل"), ("وقبل ما", "وقبل"),
    ("بعد ما", "بعدما"), ("وبعد ما", "وبعدما"),  # «بعد ما الاوردر يوصل»: "after", no negation
    # «لا زالت توصلني النشرات»: "still" (literally "has not ceased"), no negation
    ("لين الحين", "للحين"), ("ولين الحين", "وللحين"),  # Gulf "until now": still
    # «ولا زالت توصلني» ("and they still come"): «لا زال», like «ما زال», is "still", no negation
    ("لا زال", "مازال"), ("لا زالت", "مازالت"), ("ولا زال", "ومازال"), ("ولا زالت", "ومازالت"),
    ("ما زال", "مازال"), ("ما زالت", "مازالت"), ("وما زال", "ومازال"), ("وما زالت", "ومازالت"),
    ("لا يزال", "مازال"), ("لا تزال", "مازالت"), ("ما يزال", "مازال"), ("ما تزال", "مازالت"),
    # «نعم ما زلت أريد حذف حسابي», «وإن كنت لا تزال ترغب»: "I still want", "you still want"
    ("ما زلت", "مازلت"), ("لا زلت", "مازلت"), ("ما زلنا", "مازلنا"), ("لا زلنا", "مازلنا"),
    ("وما زلت", "ومازلت"), ("ولا زلت", "ومازلت"),
):
    _first, *_rest = _words.split()
    JOINS.setdefault(_first, {})[tuple(_rest)] = tuple(_repl.split())
