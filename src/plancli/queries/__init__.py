"""The questions commands ask: each one a function from data and options to results.

Commands call exactly one of these. They never print and never read the
clock: ``as_of`` is always an argument.

One module per command family, so that a command imports only its own query
(and its frozen dataclasses) at start-up: ``overdue``, ``progress``, ``show``,
``agencies``, ``glossary`` (``glossary`` and ``expand``), ``deadlines``,
``calendar`` (also the agenda's), ``checklist`` and ``shareable`` (the
report's overview). What several of them share, the agency, section and
search options and the selection they make (and which reporting rules bind an
agency), is in ``selection``.

This module imports nothing: importing one query module must not import the others.
"""
