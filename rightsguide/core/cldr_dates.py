"""CLDR's long date of the bundled languages, from Babel 2.19.0; do not edit.

Written by ``tools/cldr_dates.py`` (run it again after a Babel upgrade or a new language);
``tests/unit/test_cldr_dates.py`` checks it against Babel. With it, the date on the first page
needs no Babel at start-up (``rightsguide.core.i18n.format_date``).
"""

from __future__ import annotations

BABEL_VERSION = "2.19.0"

# code -> (Babel's %-format of CLDR's long date pattern, the twelve month names, January first),
# or None when CLDR has no month names for the language (its dates come from its fallbacks)
LONG_DATES: dict[str, tuple[str, tuple[str, ...]] | None] = {
    "en": (
        "%(MMMM)s %(d)s, %(y)s",
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
    ),
    "es": (
        "%(d)s de %(MMMM)s de %(y)s",
        (
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
    ),
    "pt-BR": (
        "%(d)s de %(MMMM)s de %(y)s",
        (
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ),
    ),
    "ht": None,
    "fr": (
        "%(d)s %(MMMM)s %(y)s",
        (
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
    ),
    "ar": (
        "%(d)s %(MMMM)s %(y)s",
        (
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ),
    ),
    "zh-Hans": (
        "%(y)s年%(M)s月%(d)s日",
        (
            "一月",
            "二月",
            "三月",
            "四月",
            "五月",
            "六月",
            "七月",
            "八月",
            "九月",
            "十月",
            "十一月",
            "十二月",
        ),
    ),
    "ru": (
        "%(d)s %(MMMM)s %(y)s\u202fг.",
        (
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
    ),
    "pa": (
        "%(d)s %(MMMM)s %(y)s",
        (
            "ਜਨਵਰੀ",
            "ਫ਼ਰਵਰੀ",
            "ਮਾਰਚ",
            "ਅਪ੍ਰੈਲ",
            "ਮਈ",
            "ਜੂਨ",
            "ਜੁਲਾਈ",
            "ਅਗਸਤ",
            "ਸਤੰਬਰ",
            "ਅਕਤੂਬਰ",
            "ਨਵੰਬਰ",
            "ਦਸੰਬਰ",
        ),
    ),
}
