"""Allow ``python -m plancli``."""

from plancli.entry import main

main()
