"""Frozen entry point: the same ``main()`` as the installed ``tdkt-desktop`` command."""

import sys

from tdkt_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
