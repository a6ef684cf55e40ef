"""Translator tools: check, status, stamp, git history of sources, UI catalog checks."""
