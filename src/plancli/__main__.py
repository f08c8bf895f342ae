"""Allow ``python -m plancli``."""

from plancli.cli import main

main()
