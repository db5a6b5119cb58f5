"""What a message asks for: normalising Arabic and English, lexicons and the classifier (pure)."""
