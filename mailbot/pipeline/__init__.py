"""Carrying a message through: intake (message → decision), execution (decision → change,
events and reply in one transaction), state moves, the lifecycle and the review queue."""
