"""Content: the language registry, page files, front matter, sections, glossaries, YAML files."""
