"""Replies: bilingual templates, the transactional outbox and SMTP delivery."""
