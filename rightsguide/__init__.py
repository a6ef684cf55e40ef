"""rightsguide: an offline guide for people under ICE's Alternatives to Detention."""

from __future__ import annotations

__version__ = "0.1.0"
