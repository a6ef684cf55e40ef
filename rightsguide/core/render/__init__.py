"""Rendering: markdown to safe HTML, the page document with its notices, handouts, About."""
