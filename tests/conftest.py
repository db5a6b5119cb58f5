pytest_plugins = [
    "tests.fixtures.admin",
    "tests.fixtures.database",
    "tests.fixtures.dovecot",
    "tests.fixtures.smtp",
    "tests.fixtures.world",
]
