"""Structured answers: the answer cache and the client that validates and re-asks (instructor)."""
