"""The admin web page: the review queue in a browser, rendered on the server.

``app.create_app`` builds the FastAPI application; ``auth`` holds what keeps it safe
(password hashes, the signed session cookie, CSRF tokens, the login rate limit). Importing
this package imports neither, so ``mailbot admin-user add`` stays light.
"""
