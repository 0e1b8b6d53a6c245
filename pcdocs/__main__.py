"""`python -m pcdocs`: the same as the `pcdocs` command."""

import sys

from pcdocs.commands.cli import main

sys.exit(main())
