"""Python-Markdown extensions used by the renderer, one per module."""
