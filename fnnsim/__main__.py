"""`python -m fnnsim` — the same as the `fnnsim` command."""

import sys

from fnnsim.cli import main

sys.exit(main())
