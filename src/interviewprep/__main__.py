import sys

from interviewprep.cli import main

sys.exit(main())
