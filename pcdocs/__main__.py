"""`python -m pcdocs`: the same as the `pcdocs` command."""

import sys

from pcdocs.cli import main

sys.exit(main())
