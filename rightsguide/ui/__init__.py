"""The PySide6 user interface. Only this package (and the gui branch of cli) imports Qt."""
