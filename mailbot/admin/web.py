"""What every admin page uses: the login and CSRF dependencies, and rendering a template
with the session's language (its words and notices), CSRF token and flash message."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from mailbot.admin import auth, i18n
from mailbot.runtime import Runtime

TEMPLATES = Path(__file__).parent / "templates"


class LoginRequired(Exception):
    """Raised by the ``admin`` dependency; answered with a redirect to the login page."""

    def __init__(self, path: str) -> None:
        self.path = path


class BadCsrfToken(Exception):
    """A POST without the session's CSRF token."""


def jinja_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["when"] = when_html
    return env


def when_html(value: datetime | str | None) -> Markup:
    """A time as the pages show it, isolated left to right: in an Arabic (RTL) page the
    bidi algorithm would otherwise print "UTC 09:00 2026-11-22"."""
    text = when(value)
    return Markup('<bdi dir="ltr">{}</bdi>').format(text) if text else Markup("")


# --- dependencies --------------------------------------------------------------------------------


def admin(request: Request) -> str:
    """The logged-in admin's name; anyone else is sent to the login page."""
    name, fingerprint = request.session.get("user"), request.session.get("pw")
    rt: Runtime = request.app.state.rt
    if (not isinstance(name, str) or not isinstance(fingerprint, str)
            or not auth.session_is_current(rt.engine, name, fingerprint,
                                           request.session.get("sid"), rt.clock())):
        new_session(request)
        raise LoginRequired(request.url.path)
    return name


async def csrf(request: Request) -> None:
    """Every POST must carry the token kept in the session."""
    form = await request.form()
    if not auth.csrf_matches(request.session, form.get("csrf_token")):
        raise BadCsrfToken


Admin = Annotated[str, Depends(admin)]
Csrf = Depends(csrf)


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> HTMLResponse:
    session = request.session
    if "csrf" not in session:
        session["csrf"] = auth.new_csrf_token()
    lang = i18n.language_of(request.query_params.get("lang"), session.get("lang"),
                            request.headers.get("accept-language", ""))
    session["lang"] = lang
    context = {"user": session.get("user"), "csrf_token": session["csrf"],
               "flash": session.pop("flash", None), "lang": lang, "dir": i18n.DIRECTION[lang],
               "t": i18n.translator(lang), "notice": i18n.notices(lang), "switch": i18n.SWITCH[lang],
               **context}
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status)


def new_session(request: Request, **values: str) -> None:
    """Start the session afresh (at login, logout, or when it is no longer valid), keeping
    only the page's language, so the login page and its notice stay in the language chosen."""
    language = request.session.get("lang")
    request.session.clear()
    if language in i18n.LANGUAGES:
        request.session["lang"] = language
    request.session.update(values)


def flash(request: Request, kind: str, text: str) -> None:
    request.session["flash"] = {"kind": kind, "text": text}


def when(value: datetime | str | None) -> str:
    if value is None or value == "":
        return ""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return f"{utc(moment):%Y-%m-%d %H:%M} UTC"


def utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything stored is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
