"""The Qt-free core: content, locales, rendering, checks. Never imports PySide6."""
