"""Bytes → ParsedMessage: MIME, charsets, the sender's own text, quotes, signatures,
automation signals and addresses. Pure: no database, network or files."""
