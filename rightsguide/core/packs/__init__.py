"""Signed content packs: building, verifying and installing them, and where content came from."""
