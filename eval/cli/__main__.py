import sys

from sumcheck.cli import main

sys.exit(main())
