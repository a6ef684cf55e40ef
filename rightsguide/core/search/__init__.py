"""Search: the SQLite FTS5 index and the text normalisation it shares with queries."""
