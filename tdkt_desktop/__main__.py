"""``python -m tdkt_desktop`` and the ``tdkt-desktop`` entry point."""

from __future__ import annotations

import sys

from tdkt_desktop.cli import main as _cli_main


def main() -> int:
    """Run the command line; exit with its status."""
    return _cli_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
