"""The clinic's own "Get help here" page, from a small YAML file given with ``--clinic``.

Example (``examples/clinic.yaml``)::

    name: Example Immigrant Legal Clinic
    description: Free legal help for people in immigration court.
    address: 100 Example Street, Springfield
    phone: "(555) 010-0199"
    hours: Monday to Friday, 9 am to 5 pm
    languages: [English, Español, Kreyòl Ayisyen]
    website: https://example.org

Only ``name`` is required. The text is shown as written, in every language (the clinic writes
it in the languages its visitors read); field labels come from the UI catalog.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rightsguide.core.content.yamlfile import load_mapping
from rightsguide.core.errors import ContentError
from rightsguide.core.model import CLINIC_PAGE_ID

PAGE_ID = CLINIC_PAGE_ID
TEXT_FIELDS = ("name", "description", "address", "phone", "email", "hours", "website", "notes")


@dataclass(frozen=True, slots=True)
class Clinic:
    """A clinic's contact details."""

    name: str
    description: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    website: str = ""
    notes: str = ""
    languages: tuple[str, ...] = ()


def load_clinic(path: Path) -> Clinic:
    """Read and validate a clinic file; raise ContentError naming the line."""
    data, lines = load_mapping(path, "clinic")
    unknown = sorted(set(data) - {*TEXT_FIELDS, "languages"})
    if unknown:
        raise ContentError(
            path,
            lines.get(unknown[0], 1),
            f"unknown field '{unknown[0]}'; known fields: {', '.join((*TEXT_FIELDS, 'languages'))}",
        )
    values: dict[str, str] = {}
    for key in TEXT_FIELDS:
        value = data.get(key, "")
        if not isinstance(value, (str, int)):
            raise ContentError(path, lines.get(key, 1), f"'{key}' must be text")
        values[key] = str(value).strip()
    if not values["name"]:
        raise ContentError(path, 1, "'name' is required")
    if values["website"] and not values["website"].startswith("https://"):
        raise ContentError(path, lines.get("website", 1), "'website' must start with https://")
    languages = data.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(v, str) for v in languages):
        raise ContentError(path, lines.get("languages", 1), "'languages' must be a list")
    return Clinic(languages=tuple(languages), **values)
