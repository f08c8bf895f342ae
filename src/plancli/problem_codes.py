"""Every problem code ``plancli validate`` reports, with a one-line description.

The codes are a contract (``--format json`` and GitHub annotations carry
them; CI scripts match on them). tests/test_problem_codes.py checks that every
code the checks use is listed here, that each one has an example in the test
corpora (or a test of its own for path problems), and that the README and
``plancli validate --help`` list them all. Standard library only: the command
line imports this module for its help text.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # reading the file
    "file-missing": "the file does not exist",
    "file-directory": "the path is a directory, not a data file",
    "file-not-regular": "the path is a device, FIFO or socket, not a data file",
    "file-unreadable": "the file cannot be read (permissions, I/O error)",
    "file-too-large": "the file is larger than plancli reads (bytes, or status entries)",
    "file-too-many-problems": "checking stopped after 10,000 problems in one file",
    "file-empty": "the file is empty or holds no YAML document",
    "encoding": "the file is not valid UTF-8",
    # YAML
    "yaml-syntax": "YAML syntax error",
    "yaml-tab": "a tab character in the indentation",
    "yaml-character": "a character YAML does not allow",
    "yaml-duplicate-key": "a key written twice in one mapping (YAML would keep only the last)",
    "yaml-key-type": "a mapping key that is not a plain scalar",
    "yaml-tag": "a YAML tag (!!python/…, !custom): plain data only",
    "yaml-value": "a value YAML cannot read (e.g. an impossible date)",
    "yaml-merge": "a '<<' merge key that does not refer to a mapping",
    "yaml-aliases": "too many alias references",
    "yaml-alias-bomb": "aliases that expand to too many values",
    "yaml-too-deep": "nesting deeper than plancli reads",
    # schema
    "schema-missing": "a required key is missing",
    "schema-unknown-key": "a key the schema does not know (often a typo)",
    "schema-type": "a value of the wrong type or form",
    "text-empty": "an empty text where the decree has words",
    # text hygiene
    "text-control": "a control character (terminal escape) in a text",
    "text-invisible": "an invisible character (zero-width space, soft hyphen…) in a text",
    "text-nbsp": "a no-break space in a text",
    "text-not-nfc": "a text not in Unicode NFC form",
    "text-mixed-script": "Latin look-alike letters inside a Cyrillic word",
    # the plan's structure
    "appendix-years": "the appendix's last year is before its first year",
    "section-sequence": "sections out of order (I, II, III, …)",
    "task-sequence": "tasks out of order (numbered 1, 2, … across sections)",
    "id-duplicate": "a measure id used twice",
    "id-task": "a measure id that does not belong to its task",
    "id-sequence": "measure ids out of order within a task",
    "cell-missing": "a row with neither a cell nor a merge with the row above",
    "cell-conflict": "a cell both written and merged with the row above",
    "merged-first-row": "a task's first row merged with a row above it",
    "deadline-unparsed": "a deadline phrase plancli cannot read",
    "executor-notation": "an executor not written as 'NAME' or 'NAME (макулдашуу боюнча)'",
    "executor-unknown": "an executor the glossary does not know",
    "executor-duplicate": "the same executor listed twice in one cell",
    # the glossary
    "glossary-duplicate": "a term defined twice",
    "glossary-alias-unknown": "alias_of names no term of the glossary",
    "glossary-member-unknown": "a group member that is no term of the glossary",
    "glossary-part-of-unknown": "part_of names no other term of the glossary",
    "executor-omission-unknown": "by_agreement_omitted names no unmarked executor of its row",
    "glossary-group-empty": "a group with neither members nor members_kind",
    "glossary-members": "members on an entry that is not a group",
    "glossary-certainty": "certainty on a decree entry, or none on an added one",
    "glossary-expansion": "an expansion that contradicts the entry's certainty",
    "glossary-note": "an added entry without a note saying why",
    # status files
    "status-unknown-id": "a status entry for a measure the plan does not have",
    "status-occurrence": "an annual measure without its year, or a year where none belongs",
    "status-date-range": "a status date before the decree or too far after the plan",
    "status-conflict": "two entries for one obligation on one day by one reporter",
}


def help_text() -> str:
    """The codes as ``validate --help`` lists them (``\b``: click keeps the lines)."""
    width = max(len(code) for code in CODES)
    lines = ["Problem codes:", "", "\b"]
    lines += [f"  {code.ljust(width)}  {about}" for code, about in CODES.items()]
    return "\n".join(lines)
