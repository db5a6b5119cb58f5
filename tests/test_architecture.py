"""The package's shape: a pure core, no import cycles, no oversized modules.

These read the source (nothing is imported), so they check every module, including ones
no other test happens to load.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mailbot"

PURE = ("mailbot.mail", "mailbot.understanding", "mailbot.policy", "mailbot.vocabulary")
"""Functions of their inputs only: parsing, classifying, deciding, the rules."""

IMPURE_MAILBOT = ("mailbot.store", "mailbot.sources", "mailbot.outgoing", "mailbot.pipeline",
                  "mailbot.daemon", "mailbot.cli", "mailbot.admin", "mailbot.public",
                  "mailbot.integrations", "mailbot.runtime", "mailbot.logs", "mailbot.testing")
IO_LIBRARIES = ("sqlalchemy", "sqlmodel", "alembic", "psycopg", "pymysql", "imapclient",
                "aiosmtplib", "smtplib", "imaplib", "socket", "ssl", "httpx", "urllib.request",
                "fastapi", "uvicorn", "starlette", "subprocess", "os", "shutil", "pathlib",
                "sqlite3", "mailbox", "asyncio", "threading", "apscheduler", "time")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))
            if "migrations" not in p.parts}


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at any depth (function-local imports count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


PURE_MODULES = sorted(name for name in _sources() if _within(name, PURE))


@pytest.mark.parametrize("module", PURE_MODULES)
def test_pure_modules_import_no_io(module: str) -> None:
    imported = _imports(_sources()[module])
    offending = sorted(i for i in imported
                       if _within(i, IMPURE_MAILBOT) or _within(i, IO_LIBRARIES))
    assert offending == [], f"{module} is pure: it may not import {offending}"


def test_the_scan_sees_what_it_checks() -> None:
    assert {"mailbot.mail.parsing", "mailbot.understanding.classify",
            "mailbot.policy.decisions", "mailbot.policy.states"} <= set(PURE_MODULES)
    assert "sqlalchemy" in _imports(_sources()["mailbot.store.db"])


def test_no_import_cycles_between_modules() -> None:
    sources = _sources()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in sources.items():
        for imported in _imports(path):
            # ``from mailbot.x import y`` may name a module or a symbol: keep what exists.
            if imported in sources and imported != name:
                graph[name].add(imported)
    cycles = _cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one member."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_is_over_500_lines() -> None:
    long = {name: n for name, path in _sources().items()
            if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}, f"split these modules: {long}"


COMPOSITION_ROOTS = ("mailbot.cli", "mailbot.daemon.scheduler", "mailbot.admin.app",
                     "mailbot.admin.pages", "mailbot.admin.web", "mailbot.public.app",
                     "mailbot.runtime", "mailbot.testing")
"""The modules that hold a Runtime and unpack it: the CLI commands, the daemon's steps, and
the web apps' route handlers (admin.pages holds more of the admin app's routes, admin.web
its login dependency). Everything below them takes only the engine or session, cipher,
settings section and time it uses, so its signature names its dependencies."""


def _runtime_parameters(path: Path) -> list[str]:
    """The functions in ``path`` with a parameter annotated ``Runtime``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = [*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs]
            if any(a.annotation is not None and "Runtime" in ast.unparse(a.annotation)
                   for a in args):
                found.append(node.name)
    return found


def test_only_the_composition_roots_hold_the_runtime() -> None:
    offending = {name: sorted(({"imports mailbot.runtime"} if "mailbot.runtime" in _imports(path)
                               else set()) | set(_runtime_parameters(path)))
                 for name, path in _sources().items() if not _within(name, COMPOSITION_ROOTS)}
    offending = {name: found for name, found in offending.items() if found}
    assert offending == {}, f"take what you use, not the Runtime: {offending}"


def test_the_runtime_scan_sees_a_runtime_parameter(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f(session, rt: Runtime) -> None: ...\n"
                      "def g(*, rt: 'Runtime | None' = None) -> None: ...\n"
                      "def h(engine) -> None: ...\n")
    assert _runtime_parameters(sample) == ["f", "g"]
