"""`python -m generator.cli` runs the command line, as the tests and benchmarks call it."""

import sys

from generator.cli.main import main

sys.exit(main())
